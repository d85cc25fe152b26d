"""Questions for the panel on a real store (SQLite and PostgreSQL), with real comments."""

from __future__ import annotations

import csv
import datetime as dt
import itertools

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from coprod_lab.activities import questions
from coprod_lab.definitions import ballots, workshops
from coprod_lab.errors import CoprodLabError
from coprod_lab.sessions import you_said as ys
from coprod_lab.store import participants, projects
from coprod_lab.store.schema import ballots as ballots_table
from coprod_lab.store.schema import question_support, you_said
from tests.conftest import SHARED

FEEDBACK = SHARED / "corpus" / "patient-feedback" / "text_data.csv"


def real_comments(how_many: int) -> list[str]:
    """NHS Friends and Family Test comments nobody here wrote, as people's questions."""
    with FEEDBACK.open(newline="", encoding="utf-8") as handle:
        rows = (r["feedback"] for r in csv.DictReader(handle) if (r.get("feedback") or "").strip())
        return list(itertools.islice(rows, how_many))


def a_panel(store, title: str = "Panel room"):
    project_id, _made = workshops.project_for_workshop(store, None, actor="t")
    room, _key = workshops.create_workshop(
        store, project_id, title, activity="questions", actor="t"
    )
    return room


def person(store, room, name: str, role: str = "other") -> int:
    made = ballots.join_by_name(store, room.id, name)
    ballots.set_role(store, made.id, role)
    return made.id


def test_real_comments_are_kept_word_for_word_or_refused_when_too_long(store) -> None:
    room = a_panel(store)
    ann = person(store, room, "Ann")
    kept = []
    for text in real_comments(60):
        if len(" ".join(text.split())) > questions.MAX_QUESTION:
            with pytest.raises(CoprodLabError, match="too long"):
                questions.ask(store, room.id, ann, text)
        else:
            kept.append(questions.ask(store, room.id, ann, text).text)
    assert kept and len(kept) < 60  # the sample has both kinds
    stored = {q.text for q in questions.questions_in(store, room.id)}
    assert stored == {" ".join(t.split()) for t in kept}


def test_support_sorts_counts_once_and_names_only_when_given(store) -> None:
    room = a_panel(store)
    people = [
        person(store, room, f"P{n}", ("lived_experience", "professional")[n % 2]) for n in range(6)
    ]
    first = questions.ask(store, room.id, people[0], "Who decides the budget?", named=True)
    second = questions.ask(store, room.id, people[1], "How are we paid?")
    for p in people[2:5]:
        assert questions.support(store, p, second.id)
    assert not questions.support(store, people[2], second.id)  # once per person
    assert not questions.support(store, people[1], second.id)  # the asker already counts
    listed = questions.questions_in(store, room.id)
    assert [(q.id, q.support) for q in listed] == [(second.id, 4), (first.id, 1)]
    assert listed[1].asked_by == "P0" and listed[0].asked_by is None
    export = questions.follow_up_csv(store, room.id)
    assert "P0" not in export and "P1" not in export
    assert "P0 (Lived experience)" in questions.follow_up_csv(store, room.id, with_names=True)


def test_hidden_and_joined_questions_take_no_support_even_past_the_checks(store) -> None:
    room = a_panel(store)
    ann, bo, cy = (person(store, room, n) for n in ("Ann", "Bo", "Cy"))
    rude = questions.ask(store, room.id, ann, "A rude question")
    twin = questions.ask(store, room.id, bo, "When do we start?")
    kept = questions.ask(store, room.id, cy, "When will it start?")
    with pytest.raises(CoprodLabError, match="people see the reason"):
        questions.hide(store, rude.id, "  ", actor="f")
    questions.hide(store, rude.id, "It named a member of staff.", actor="f")
    with pytest.raises(CoprodLabError, match="hidden or joined"):
        questions.support(store, bo, rude.id)
    questions.merge(store, twin.id, kept.id, actor="f")
    assert questions.get_question(store, kept.id).support == 2  # Bo's support moved over
    with pytest.raises(CoprodLabError, match="hidden or joined"):
        questions.support(store, ann, twin.id)
    with pytest.raises(IntegrityError), store.write() as db:  # the database refuses it too
        db.execute(
            question_support.insert().values(workshop_id=room.id, question_id=rude.id, ballot_id=cy)
        )
    shown = questions.get_question(store, rude.id)
    assert (shown.state, shown.reason) == ("hidden", "It named a member of staff.")


def test_one_question_is_answered_at_a_time_and_the_rest_are_kept(store) -> None:
    room = a_panel(store)
    ann = person(store, room, "Ann")
    asked = [questions.ask(store, room.id, ann, f"Question {n}?") for n in range(3)]
    questions.answering_now(store, asked[0].id, actor="f")
    questions.answering_now(store, asked[1].id, actor="f")
    statuses = {q.id: q.status for q in questions.questions_in(store, room.id)}
    assert statuses == {asked[0].id: "answered", asked[1].id: "now", asked[2].id: "waiting"}
    assert [q.id for q in questions.not_reached(store, room.id)] == [asked[1].id, asked[2].id]
    questions.stop_taking(store, room.id, actor="f")
    with pytest.raises(CoprodLabError, match="stopped taking"):
        questions.ask(store, room.id, ann, "One more?")
    with pytest.raises(CoprodLabError, match="stopped taking"):
        questions.support(store, person(store, room, "Bo"), asked[2].id)
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(question_support)) == 3


def test_a_ballot_from_another_room_cannot_ask_or_support(store) -> None:
    room = a_panel(store)
    other = a_panel(store, "Another")
    asked = questions.ask(store, room.id, person(store, room, "Ann"), "Why?")
    stranger = person(store, other, "Eve")
    with pytest.raises(CoprodLabError, match="not part of your room"):
        questions.ask(store, room.id, stranger, "Sneaky?")
    with pytest.raises(CoprodLabError, match="not part of your room"):
        questions.support(store, stranger, asked.id)


def _participant(store, project_id: int, name: str, *, quote: bool) -> int:
    with store.write() as db:
        return db.execute(
            insert(participants).values(
                project_id=project_id,
                display_name=name,
                pseudonym=f"Person {name}",
                role="lived_experience",
                consent_to_quote_on=dt.date(2026, 11, 1) if quote else None,
            )
        ).inserted_primary_key[0]


def _link(store, ballot_id: int, participant_id: int) -> None:
    with store.write() as db:
        db.execute(
            update(ballots_table)
            .where(ballots_table.c.id == ballot_id)
            .values(participant_id=participant_id)
        )


def test_questions_not_reached_go_on_you_said_once_named_only_with_a_link(store) -> None:
    room = a_panel(store)
    askers = {n: person(store, room, n) for n in ("Ann", "Bo", "Cy", "Di", "Ed")}
    _link(store, askers["Ann"], _participant(store, room.project_id, "Ann Hart", quote=True))
    _link(store, askers["Bo"], _participant(store, room.project_id, "Bo Lee", quote=False))
    _link(store, askers["Di"], _participant(store, room.project_id, "Di Shah", quote=True))
    texts = real_comments(12)
    short = [" ".join(t.split()) for t in texts if len(" ".join(t.split())) <= 120][:5]
    asked = {
        "Ann": questions.ask(store, room.id, askers["Ann"], short[0], named=True),
        "Bo": questions.ask(store, room.id, askers["Bo"], short[1], named=True),
        "Cy": questions.ask(store, room.id, askers["Cy"], short[2], named=True),
        "Di": questions.ask(store, room.id, askers["Di"], short[3]),  # linked, but no name
    }
    done = questions.ask(store, room.id, askers["Ed"], short[4])
    hidden = questions.ask(store, room.id, askers["Ed"], "Something rude")
    joined = questions.ask(store, room.id, askers["Ed"], "Who pays for it?")
    questions.answered(store, done.id, actor="f")
    questions.hide(store, hidden.id, "Unkind.", actor="f")
    questions.merge(store, joined.id, asked["Ann"].id, actor="f")
    waiting = {q.id for q in questions.not_reached(store, room.id)}
    assert waiting == {q.id for q in asked.values()}
    assert questions.keep_for_you_said(store, room.id, actor="f") == len(waiting)
    assert questions.keep_for_you_said(store, room.id, actor="f") == 0  # pressing again
    found = {e.source_id: e for e in ys.entries(store, room.project_id)}
    assert set(found) == waiting and {e.source_kind for e in found.values()} == {"question"}
    ann = found[asked["Ann"].id]
    assert (ann.name, ann.own_words, ann.said) == ("Ann Hart", True, asked["Ann"].text)
    # Bo gave his name but did not agree to be quoted; Cy has no participant link; Di did
    # not give her name: each is the group's question, with no person.
    for who in ("Bo", "Cy", "Di"):
        e = found[asked[who].id]
        assert (e.participant_id, e.own_words, e.said) == (None, False, asked[who].text)
    assert questions.follow_up_csv(store, room.id).count("\n") == len(waiting) + 1  # still there
    with store.write() as db, pytest.raises(IntegrityError):  # once, even two presses at once
        db.execute(
            insert(you_said).values(
                project_id=room.project_id,
                source_kind="question",
                source_id=asked["Cy"].id,
                said="again",
                raised_on=dt.date(2026, 11, 30),
                created_by="f",
            )
        )


def test_you_said_takes_a_question_only_from_a_room_of_its_own_project(store) -> None:
    room = a_panel(store)
    asked = questions.ask(store, room.id, person(store, room, "Ann"), "Is there parking?")
    with store.write() as db:
        other = db.execute(insert(projects).values(name="Another")).inserted_primary_key[0]
    for project_id, source_id in ((other, asked.id), (room.project_id, asked.id + 999)):
        with pytest.raises(CoprodLabError, match="no a question we did not reach number"):
            ys.add_entry(
                store,
                project_id,
                source_kind="question",
                source_id=source_id,
                said="Parking",
                actor="f",
            )
    made = ys.add_entry(
        store,
        room.project_id,
        source_kind="question",
        source_id=asked.id,
        actor="f",
        said="Parking",
    )
    source = ys.find_source(store, room.project_id, "question", asked.id)
    assert ys.entry(store, made).source_id == asked.id and source.text == "Is there parking?"
    assert source.label == "A question to the panel in “Panel room”"
