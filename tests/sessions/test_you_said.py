""" "You said, we did": entries made from the record, followed through, audited, private."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from coprod_lab.demo import DEMO, _insert_project, load_demo, read_project_file
from coprod_lab.errors import CoprodLabError
from coprod_lab.exports.report import project_report_html
from coprod_lab.privacy.people import erase_participant, set_consent
from coprod_lab.sessions import followup as fu
from coprod_lab.sessions import you_said as ys
from coprod_lab.store import events, participants, projects, sessions, utterances
from coprod_lab.store.schema import pair_notes, you_said
from coprod_lab.transcripts import read_plain_text
from tests.conftest import SHARED

FEEDBACK = SHARED / "corpus" / "patient-feedback" / "text_data.csv"

TODAY = dt.date(2026, 11, 30)
DEMO_SPEC = read_project_file(DEMO)
_TRANSCRIPTS = {
    s["title"]: read_plain_text(DEMO.parent / s["transcript"], session=s["title"])
    for s in DEMO_SPEC["sessions"]
    if "transcript" in s
}


def _demo(store) -> tuple[int, dict[str, int]]:
    """The demo's people, sessions, transcripts and pair in one transaction: no workshop and
    no points of its own (load_demo takes seconds more for its workshop's votes)."""
    with store.write() as db:
        project_id = _insert_project(db, DEMO_SPEC, _TRANSCRIPTS)
    with store.read() as db:
        rows = db.execute(
            select(participants.c.display_name, participants.c.id).where(
                participants.c.project_id == project_id
            )
        ).all()
    return project_id, {name.split()[0]: pid for name, pid in rows}


def _turn(store, title: str, turn: int) -> tuple[int, str]:
    with store.read() as db:
        row = db.execute(
            select(utterances.c.id, utterances.c.text)
            .join(sessions, sessions.c.id == utterances.c.session_id)
            .where(sessions.c.title == title, utterances.c.turn == turn)
        ).first()
    return row.id, row.text


HOME = "Storytelling: the day I went home"
WAITING = "Storytelling: waiting for a care package"


def test_a_point_from_a_turn_takes_its_words_person_session_and_date(store) -> None:
    project_id, people = _demo(store)
    turn_id, text = _turn(store, HOME, 6)
    entry_id = ys.add_entry(store, project_id, source_kind="turn", source_id=turn_id, actor="f")
    e = ys.entry(store, entry_id)
    assert (e.said, e.own_words, e.participant_id) == (text, True, people["Dev"])
    assert e.session == HOME
    held = next(s["held_on"] for s in DEMO_SPEC["sessions"] if s["title"] == HOME)
    assert e.raised_on == held
    assert e.status == "raised"
    source = ys.find_source(store, project_id, e.source_kind, e.source_id)
    assert source.label == f"Turn 6 of “{HOME}”"
    with store.read() as db:
        [event] = db.execute(
            select(events.c.action, events.c.detail).where(
                events.c.subject == "you_said", events.c.subject_id == entry_id
            )
        ).all()
    # The audit says what happened to which row, never what was said.
    assert event.action == "create" and event.detail == {"source": "turn", "source_id": turn_id}


def test_own_words_need_consent_to_be_quoted(store) -> None:
    project_id, people = _demo(store)
    set_consent(store, people["Joan"], "quote", None, actor="f")
    turn_id, _ = _turn(store, WAITING, 9)
    with pytest.raises(CoprodLabError, match="Joan Ellis has not agreed to be quoted"):
        ys.add_entry(store, project_id, source_kind="turn", source_id=turn_id, actor="f")
    entry_id = ys.add_entry(
        store,
        project_id,
        source_kind="turn",
        source_id=turn_id,
        said="Families want one named person to call.",
        actor="f",
    )
    with pytest.raises(CoprodLabError, match="not agreed to be quoted"):
        ys.change(store, entry_id, "own_words", True, actor="f")
    assert ys.entry(store, entry_id).own_words is False
    # Consent given, the words are quoted; withdrawn later, participants no longer see them.
    set_consent(store, people["Joan"], "quote", TODAY, actor="f")
    ys.change(store, entry_id, "own_words", True, actor="f")
    assert ys.shown(store, project_id, today=TODAY)[0].quoted
    set_consent(store, people["Joan"], "quote", None, actor="f")
    [seen] = ys.shown(store, project_id, today=TODAY)
    assert not seen.quoted and "not agreed to be quoted" in seen.said


def test_a_point_follows_through_to_told_back_and_late_ones_stand_out(store) -> None:
    project_id, _ = _demo(store)
    turn_id, _ = _turn(store, HOME, 14)
    entry_id = ys.add_entry(store, project_id, source_kind="turn", source_id=turn_id, actor="f")
    e = ys.change(store, entry_id, "action", "Ask about keys the day before.", actor="f")
    assert e.status == "planned"
    with pytest.raises(CoprodLabError, match="before the point was raised"):
        ys.change(store, entry_id, "due_on", dt.date(2026, 1, 1), actor="f")
    e = ys.change(store, entry_id, "due_on", dt.date(2026, 11, 15), actor="f")
    assert e.overdue(TODAY) and not e.overdue(dt.date(2026, 11, 15))
    assert ys.counts([e], TODAY)["overdue"] == 1
    with pytest.raises(CoprodLabError, match="First write what was done"):
        ys.change(store, entry_id, "outcome", "done", actor="f", today=TODAY)
    with pytest.raises(CoprodLabError, match="before saying the person was told"):
        ys.change(store, entry_id, "told_on", TODAY, actor="f")
    ys.change(store, entry_id, "done", "The checklist asks about keys.", actor="f")
    e = ys.change(store, entry_id, "outcome", "done", actor="f", today=TODAY)
    assert (e.status, e.done_on, e.overdue(TODAY)) == ("done", TODAY, False)
    with pytest.raises(CoprodLabError, match="before it was done"):
        ys.change(store, entry_id, "told_on", dt.date(2026, 11, 29), actor="f")
    e = ys.change(store, entry_id, "told_on", TODAY, actor="f")
    assert e.status == "told"
    with pytest.raises(CoprodLabError, match="already told"):
        ys.change(store, entry_id, "outcome", None, actor="f")
    with pytest.raises(CoprodLabError, match="Say what was done"):
        ys.change(store, entry_id, "done", " ", actor="f")
    with store.read() as db:
        fields = db.scalars(
            select(events.c.detail["field"].as_string())
            .where(
                events.c.subject == "you_said",
                events.c.action == "change",
                events.c.subject_id == entry_id,
            )
            .order_by(events.c.id)
        ).all()
    # Only what was saved is audited, one event per change.
    assert fields == ["action", "due_on", "done", "outcome", "told_on"]
    # Reloaded intact.
    again = ys.entries(store, project_id)
    assert again == [e]


def test_the_database_itself_refuses_an_entry_told_before_it_was_done(store) -> None:
    project_id, _ = _demo(store)
    row = {
        "project_id": project_id,
        "source_kind": "other",
        "said": "x",
        "raised_on": TODAY,
        "created_by": "f",
    }
    for broken in (
        {"told_on": TODAY},  # told back with nothing to tell
        {"outcome": "done", "done": "y"},  # an outcome with no date
        {"outcome": "done", "done_on": TODAY},  # an outcome that says nothing
        {"source_id": 3},  # "somewhere else" with a link
    ):
        with pytest.raises(IntegrityError), store.write() as db:
            db.execute(insert(you_said).values(**row, **broken))


def test_sources_must_be_in_the_project_and_questions_too(store) -> None:
    project_id, people = _demo(store)
    with store.write() as db:
        other = db.execute(insert(projects).values(name="Another")).inserted_primary_key[0]
    turn_id, _ = _turn(store, HOME, 6)
    with pytest.raises(CoprodLabError, match="no a turn in a transcript number"):
        ys.add_entry(store, other, source_kind="turn", source_id=turn_id, actor="f")
    # A question must be one asked in a room of this project (tests/activities/test_questions).
    with pytest.raises(CoprodLabError, match="no a question we did not reach number 7"):
        ys.add_entry(store, project_id, source_kind="question", source_id=7, said="A", actor="f")
    with pytest.raises(CoprodLabError, match="not in this project"):
        ys.add_entry(
            store,
            other,
            source_kind="other",
            said="A point",
            participant_id=people["Joan"],
            actor="f",
        )
    with store.read() as db:
        note = db.scalar(select(pair_notes.c.id).where(pair_notes.c.step == "why_here"))
    made = ys.add_entry(
        store, project_id, source_kind="pair_note", source_id=note, said="Plan with us.", actor="f"
    )
    assert ys.entry(store, made).participant_id is None  # a pair's note is nobody's own words


def test_erasing_a_person_removes_their_points_and_their_name(store) -> None:
    project_id, people = _demo(store)
    turn_id, _ = _turn(store, HOME, 6)
    theirs = ys.add_entry(store, project_id, source_kind="turn", source_id=turn_id, actor="f")
    # From their turn but put down to someone else: still their words, so it goes too.
    unnamed = ys.add_entry(
        store,
        project_id,
        source_kind="turn",
        source_id=_turn(store, HOME, 10)[0],
        said="Tell people why they wait.",
        participant_id=people["Priya"],
        actor="f",
    )
    kept = ys.add_entry(
        store, project_id, source_kind="other", said="Ask Dev Morgan what helped.", actor="f"
    )
    ys.change(store, kept, "action_by", "Dev Morgan and the ward", actor="f")
    erase_participant(store, people["Dev"], actor="f")
    left = {e.id: e for e in ys.entries(store, project_id)}
    assert theirs not in left and unnamed not in left
    assert left[kept].said == "Ask [ERASED PERSON] what helped."
    assert left[kept].action_by == "[ERASED PERSON] and the ward"


def test_participants_see_made_up_names_by_status_and_the_letter_and_report_answer(
    store,
) -> None:
    project_id, people = _demo(store)
    raised = ys.add_entry(
        store,
        project_id,
        source_kind="other",
        said="Priya Shah said call 07700 900123 for help.",
        actor="f",
        today=TODAY,
    )
    late = ys.add_entry(
        store,
        project_id,
        source_kind="turn",
        source_id=_turn(store, WAITING, 9)[0],
        actor="f",
    )
    ys.change(store, late, "action", "Name one contact per family.", actor="f")
    ys.change(store, late, "due_on", dt.date(2026, 11, 13), actor="f")
    found = ys.shown(store, project_id, today=TODAY)
    assert [s.id for s in found] == [late, raised]  # "what we are doing" comes first
    assert found[1].said == "Person 2 said call [PHONE] for help."
    assert found[0].who == "Person 4" and found[0].overdue and found[0].quoted
    sentence = ys.summary_sentence(found)
    assert sentence == (
        "2 points were raised: 1 is being acted on (1 of them late) and 1 has no answer yet. "
        "People were told back about 0."
    )
    assert "<strong>Late:</strong> not done yet." in ys.entry_html(found[0], TODAY)

    letter = fu.draft_summary(store, people["Joan"])
    assert "What we did with what you told us:" in letter
    assert "- You said: “One name to call would have made all the difference." in letter
    assert "  We will: Name one contact per family. Due by 13 November 2026. Late" in letter
    # Dev came to no session with this group's point and raised nothing.
    assert "What we did with what you told us" not in fu.draft_summary(store, people["Dev"])


def test_the_report_answers_with_made_up_names(sqlite_store) -> None:
    # SQLite only: the report finds themes too, which takes seconds and is the same on both.
    store = sqlite_store
    project_id = load_demo(store)
    ys.add_entry(
        store,
        project_id,
        source_kind="other",
        said="Nurse Gabbitas explained it well; ring 07700 900123.",
        actor="f",
    )
    report = project_report_html(store, project_id)
    section = report.split("id='you-said'")[1]
    names = {p["display_name"] for p in DEMO_SPEC["participants"]}
    assert [n for n in names if n in section or n.split()[0] in section] == []
    assert f"{len(DEMO_SPEC['you_said']) + 1} points were raised" in section
    # Names of people who are not participants go too in the report (the name recogniser).
    assert "Gabbitas" not in section and "07700" not in section
    assert "What we could not do" not in section  # told back, so under "told you about"
    assert "Why we could not do it:" in section
    assert "<strong>Late:</strong> not done yet." in section


def test_the_demo_has_points_in_each_state(sqlite_store) -> None:
    store = sqlite_store
    project_id = load_demo(store)
    found = ys.entries(store, project_id)
    assert len(found) == len(DEMO_SPEC["you_said"])
    counts = ys.counts(found, TODAY)
    assert all(counts[s] for s in ("raised", "planned", "done", "told", "overdue"))
    told_could_not = [e for e in found if e.status == "told" and e.outcome == "could_not"]
    assert len(told_could_not) == 1


def test_the_timeline_counts_what_was_raised_done_and_told(sqlite_store) -> None:
    store = sqlite_store
    from coprod_lab.charts import you_said_chart

    found = ys.entries(store, load_demo(store))
    figure = you_said_chart(found, TODAY)
    lines = figure.axes[0].get_lines()
    finals = {line.get_label(): line.get_ydata()[-1] for line in lines}
    assert finals == {
        f"Raised ({len(found)})": len(found),
        f"Done or decided ({sum(e.done_on is not None for e in found)})": sum(
            e.done_on is not None for e in found
        ),
        f"Told back ({sum(e.told_on is not None for e in found)})": sum(
            e.told_on is not None for e in found
        ),
    }
    assert "1 late" in figure.axes[0].get_title()


TITLED = re.compile(r"\b(?:Dr|Nurse|Sister) ([A-Z][a-z]{2,})\b")


def _titled_comments(how_many: int) -> list[tuple[str, str]]:
    """Real NHS comments naming someone by title and surname, with the surname: the pattern
    picks them, not the recogniser under test."""
    with FEEDBACK.open(newline="", encoding="utf-8") as handle:
        found = []
        for row in csv.DictReader(handle):
            text = " ".join((row.get("feedback") or "").split())
            match = TITLED.search(text)
            if match and len(found) < how_many:
                found.append((text, match.group(1)))
    return found


def test_other_peoples_names_are_found_when_saved_and_hidden_on_the_participants_page(
    store,
) -> None:
    project_id, _people = _demo(store)
    made = ys.add_entry(
        store,
        project_id,
        source_kind="other",
        said="Dr Patel said the ramp would be fixed. Dev Morgan asked when.",
        actor="f",
        today=TODAY,
    )
    with store.read() as db:
        names = db.scalar(select(you_said.c.other_names).where(you_said.c.id == made))
    assert "Patel" in names and not any("Dev" in n for n in names)  # Dev is a participant
    ys.change(store, made, "done", "Sister Okoro fixed it.", actor="f", today=TODAY)
    real = _titled_comments(4)
    for text, _surname in real:
        ys.add_entry(store, project_id, source_kind="other", said=text, actor="f", today=TODAY)
    page = ys.shown(store, project_id, today=TODAY)  # what the lean page shows: no recogniser
    words = " ".join(f"{s.said} {s.done}" for s in page)
    for hidden in ("Patel", "Okoro", *(surname for _t, surname in real)):
        assert hidden not in words
    assert ys.ANOTHER_PERSON in words and "Dev Morgan" not in words
    dev = ys.shown(store, project_id, today=TODAY)[0]
    assert dev.said.startswith("Dr [another person] said") and "asked when" in dev.said
    # Words changed back to no name: nothing is kept to hide.
    ys.change(store, made, "said", "The ramp was broken.", actor="f", today=TODAY)
    ys.change(store, made, "done", "It was fixed.", actor="f", today=TODAY)
    with store.read() as db:
        assert db.scalar(select(you_said.c.other_names).where(you_said.c.id == made)) == []
