"""Pseudonyms, redacted transcripts with the key kept apart, consent, and erasing everywhere."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from coprod_lab.coding.memos import add_memo
from coprod_lab.demo import load_demo
from coprod_lab.errors import CoprodLabError
from coprod_lab.privacy.people import (
    ERASED,
    erase_participant,
    person_numbers,
    pseudonymise,
    pseudonyms,
    redact_transcript,
    save_key,
    set_consent,
)
from coprod_lab.store import attendance, events, metadata, participants, sessions, utterances
from coprod_lab.transcripts import read_transcript

DEMO_TRANSCRIPT = (
    Path(__file__).resolve().parents[2] / "data" / "demo" / "storytelling-going-home.txt"
)


def _dev(store) -> int:
    with store.read() as db:
        return db.scalar(
            select(participants.c.id).where(participants.c.display_name == "Dev Morgan")
        )


def test_a_redacted_transcript_names_no_one_and_its_key_undoes_it(store, tmp_path) -> None:
    project_id = load_demo(store)
    names = person_numbers(store, project_id)
    table = read_transcript(DEMO_TRANSCRIPT)
    redacted, key = redact_transcript(table, names)
    everything = " ".join(redacted["text"]) + " ".join(redacted["speaker"])
    for name in names:
        for part in name.split():
            assert part not in everything.split(), part
    assert set(redacted["speaker"]) == {"[PERSON 1]", "[PERSON 2]", "[PERSON 3]"}
    assert "Dev Morgan" in key["[PERSON 1]"] and "Dev" in key["[PERSON 1]"]
    saved = save_key(key, tmp_path / "key.json")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # readable by its owner only
    assert json.loads(saved.read_text()) == key
    with pytest.raises(CoprodLabError, match="already exists"):
        save_key(key, saved)


def test_pseudonymised_export_of_any_table(store) -> None:
    project_id = load_demo(store)
    table = read_transcript(DEMO_TRANSCRIPT)
    out = pseudonymise(table, pseudonyms(store, project_id))
    assert set(out["speaker"]) == {"Person 1", "Person 2", "Person 3"}
    assert out["text"][0].startswith("Thanks for coming, both of you. Today Person 1 is going")
    assert not any("Dev" in t or "Priya" in t for t in out["text"])
    assert out["line"].tolist() == table["line"].tolist()  # other columns are untouched


def test_consent_is_recorded_with_its_date_and_can_be_withdrawn(store) -> None:
    load_demo(store)
    dev = _dev(store)
    set_consent(store, dev, "share", None, actor="facilitator")
    set_consent(store, dev, "quote", dt.date(2026, 11, 1), actor="facilitator")
    with store.read() as db:
        row = db.execute(select(participants).where(participants.c.id == dev)).one()
        logged = db.execute(
            select(events.c.action, events.c.detail)
            .where(events.c.subject == "participant", events.c.subject_id == dev)
            .order_by(events.c.id)
        ).all()
    assert row.consent_to_share_on is None
    assert row.consent_to_quote_on == dt.date(2026, 11, 1)
    assert [tuple(e) for e in logged[-2:]] == [
        ("consent withdrawn", {"consent": "share"}),
        ("consent given", {"consent": "quote"}),
    ]
    with pytest.raises(CoprodLabError, match="Consent is to record, quote, share"):
        set_consent(store, dev, "sell", None, actor="x")


def _all_text(store) -> str:
    """Every value in every table, as one string."""
    with store.read() as db:
        return " ".join(
            str(value)
            for table in metadata.sorted_tables
            for row in db.execute(select(table))
            for value in row
        )


def _project(store) -> int:
    with store.read() as db:
        return db.scalar(select(participants.c.project_id).where(participants.c.id == _dev(store)))


def test_erasing_a_participant_removes_them_everywhere(store) -> None:
    load_demo(store)
    dev = _dev(store)
    set_consent(store, dev, "share", None, actor="facilitator")
    project = _project(store)
    add_memo(
        store,
        project,
        "project",
        "Dev Morgan said this again at the second meeting.",
        author="researcher",
    )
    add_memo(store, project, "project", "Checked with the group.", author="Dev Morgan")
    # A title the facilitator typed names him; another title already reads as his would.
    with store.write() as db:
        for title in ("Dev Morgan's story", f"{ERASED}'s story"):
            db.execute(
                insert(sessions).values(project_id=project, title=title, kind="storytelling")
            )
    with store.read() as db:
        events_before = db.scalar(select(func.count()).select_from(events))
        others_before = db.scalar(select(func.count()).where(utterances.c.speaker != "Dev Morgan"))
        about_dev = db.scalar(
            select(func.count()).where(
                events.c.subject == "participant", events.c.subject_id == dev
            )
        )
        by_dev = db.scalar(select(func.count()).where(events.c.actor == "Dev Morgan"))
    assert by_dev == 1  # the memo he wrote
    erase_participant(store, dev, actor="facilitator")
    text = _all_text(store)
    for word in ("Dev", "Morgan"):
        assert word not in text.replace(ERASED, "").split(), word
    assert "Dev Morgan" not in text
    with store.read() as db:
        assert db.scalar(select(func.count()).where(participants.c.id == dev)) == 0
        assert db.scalar(select(func.count()).where(attendance.c.participant_id == dev)) == 0
        # Other people's words stay, with his name taken out.
        assert db.scalar(select(func.count()).select_from(utterances)) == others_before
        assert db.scalar(select(func.count()).where(utterances.c.text.contains(ERASED))) == 1
        erased = db.execute(select(events).where(events.c.action == "erase")).all()
        assert len(erased) == 1
        assert (erased[0].subject, erased[0].subject_id, erased[0].detail) == (
            "participant",
            None,
            None,
        )
        assert db.scalar(select(func.count()).select_from(events)) == (
            events_before - about_dev - by_dev + 1
        )
        # The project and its sessions are still there; the title that named him does not.
        titles = db.scalars(select(sessions.c.title)).all()
        assert len(titles) == 6
        assert f"{ERASED}'s story (2)" in titles and f"{ERASED}'s story" in titles


def test_erasing_someone_who_is_not_there_changes_nothing(store) -> None:
    load_demo(store)
    before = _all_text(store)
    with pytest.raises(CoprodLabError, match="no participant number 999"):
        erase_participant(store, 999, actor="x")
    assert _all_text(store) == before


def test_erasing_reaches_pairs_profiles_ratings_and_follow_up(store) -> None:
    import datetime as dt

    from coprod_lab.ladder import rate
    from coprod_lab.sessions import followup, pairs, pitch, profiles, storytelling
    from tests.sessions.people import at, demo_people

    project_id, people = demo_people(store)
    dev, priya, joan, tom = people["Dev"], people["Priya"], people["Joan"], people["Tom"]
    day = dt.date(2026, 11, 3)
    ours = pairs.create_pair(
        store,
        project_id,
        "Dev Morgan and Priya",
        professional_id=priya,
        lived_experience_id=dev,
        actor="f",
    )
    other = pairs.create_pair(
        store, project_id, "Joan and Tom", professional_id=tom, lived_experience_id=joan, actor="f"
    )
    pairs.add_note(
        store, ours, "background", "Dev's story", author="Dev Morgan", written_on=day, actor="f"
    )
    # Dev wrote in another pair's notes and is named there.
    pairs.add_note(
        store,
        other,
        "why_here",
        "Dev Morgan told us about his stay.",
        author="Dev Morgan",
        written_on=day,
        actor="f",
    )
    pairs.add_action(
        store,
        other,
        "Ask Dev about the ward",
        who="Dev Morgan",
        by_when=None,
        author="Dev Morgan",
        actor="f",
    )
    pitch.save_pitch(
        store, other, "30_seconds", "Like Dev, Joan waited.", author="Dev Morgan", actor="f"
    )
    profiles.save_profile(
        store, dev, "one_page", {"appreciate": "Kind"}, author="Dev Morgan", actor="f"
    )
    profiles.save_profile(
        store, joan, "one_page", {"support": "Calls"}, author="Dev Morgan", actor="f"
    )
    session = storytelling.start_session(
        store, project_id, "Told", [dev, joan], at=at(0), actor="f"
    )
    storytelling.record_turn(store, session, dev, at=at(1), actor="f")
    storytelling.record_turn(store, session, joan, at=at(5), actor="f")
    storytelling.note_turn(store, session, 1, "Joan agreed with Dev.", actor="f")
    storytelling.add_sense_check(store, session, joan, "Same as Dev Morgan.", actor="f")
    storytelling.add_sense_check(store, session, dev, "Dev felt rushed.", actor="f")
    rate(store, project_id, dev, 3, "My view", rated_on=day, actor="f")
    rate(store, project_id, tom, 4, "Dev Morgan said so too", rated_on=day, actor="f")
    followup.save_summary(store, joan, "You and Dev helped.", author="Dev Morgan", actor="f")
    followup.save_summary(store, dev, "Thanks Dev.", author="Sam", actor="f")
    followup.log_time(
        store,
        dev,
        given_on=day,
        minutes=60,
        agreed="Payment",
        amount_pence=100,
        session_id=session,
        actor="f",
    )

    erase_participant(store, dev, actor="facilitator")
    text = _all_text(store)
    for word in ("Dev", "Morgan"):
        assert word not in text.replace(ERASED, "").split(), word
    assert "Dev" not in text.replace(ERASED, "")
    # Other people's work stays, with Dev taken out of it.
    assert [p.name for p in pairs.list_pairs(store, project_id)] == ["Joan and Tom"]
    assert pairs.notes(store, other)[0].text == f"{ERASED} told us about his stay."
    assert pairs.notes(store, other)[0].author == ERASED
    assert profiles.current(store, joan, "one_page").author == ERASED
    assert [c.heard for c in storytelling.sense_check_list(store, session)] == [
        f"Same as {ERASED}."
    ]
    assert followup.latest_summary(store, joan).text == f"You and {ERASED} helped."
    assert followup.latest_summary(store, dev) is None
