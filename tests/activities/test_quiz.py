"""The quiz on a real store (SQLite and PostgreSQL): starter set, answers, closing, tallies."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from coprod_lab.activities import quiz
from coprod_lab.definitions import ballots, workshops
from coprod_lab.errors import CoprodLabError
from coprod_lab.ladder import RUNGS
from coprod_lab.store.schema import quiz_answers


def a_quiz(store, title: str = "Quiz room"):
    project_id, _made = workshops.project_for_workshop(store, None, actor="t")
    room, key = workshops.create_workshop(store, project_id, title, activity="quiz", actor="t")
    quiz.add_starter_set(store, room.id, actor="t")
    return room, key


def person(store, room, name: str, role: str) -> int:
    made = ballots.join_by_name(store, room.id, name)
    ballots.set_role(store, made.id, role)
    return made.id


def test_the_starter_set_is_read_from_the_shipped_file() -> None:
    with quiz.STARTER_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = quiz.starter_set()
    assert len(found) == len(rows) >= 15
    assert [t for t, _r, _w in found] == [r["situation"] for r in rows]
    assert all(1 <= rung <= len(RUNGS) and why for _t, rung, why in found)
    assert {rung for _t, rung, _w in found} == set(range(1, len(RUNGS) + 1))  # every step
    # Its plain English is checked with the pages' (tests/jargon/own_text.py).


def test_a_bad_starter_row_names_its_line(tmp_path) -> None:
    bad = tmp_path / "s.csv"
    bad.write_text("situation,rung,why\nFine,4,ok\nNo rung here,,x\n")
    with pytest.raises(CoprodLabError, match=r"s\.csv, line 3"):
        quiz.starter_set(bad)


def test_answers_by_role_with_reasons_and_one_answer_per_person(store) -> None:
    room, _key = a_quiz(store)
    first = quiz.situations_in(store, room.id)[0]
    pressed = {
        "Ann": ("lived_experience", "yes", ""),
        "Bo": ("lived_experience", "depends", "Only if they can change it."),
        "Cy": ("professional", "depends", "If the plan can still move."),
        "Di": ("professional", "no", ""),
    }
    quiz.open_for_answers(store, first.id, actor="t")
    ids = {name: person(store, room, name, role) for name, (role, _a, _r) in pressed.items()}
    quiz.answer(store, ids["Di"], first.id, "yes")  # changed below: the last answer counts
    for name, (_role, choice, reason) in pressed.items():
        quiz.answer(store, ids[name], first.id, choice, reason)
    found = quiz.tally(store, first.id)
    expected: dict[str, dict[str, int]] = {}
    for role, choice, _reason in pressed.values():
        expected.setdefault(role, {}).setdefault(choice, 0)
        expected[role][choice] += 1
    assert {role: dict(c) for role, c in found.by_role.items()} == expected
    assert found.reasons["depends"] == [
        (role, reason) for role, choice, reason in pressed.values() if choice == "depends"
    ]
    assert found.people == len(pressed)
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(quiz_answers)) == len(pressed)


def test_closed_situations_take_no_answers_even_past_the_checks(store) -> None:
    room, _key = a_quiz(store)
    first, second = quiz.situations_in(store, room.id)[:2]
    ann = person(store, room, "Ann", "other")
    with pytest.raises(CoprodLabError, match="closed"):
        quiz.answer(store, ann, first.id, "yes")  # still a draft
    quiz.open_for_answers(store, first.id, actor="t")
    quiz.answer(store, ann, first.id, "yes")
    quiz.open_for_answers(store, second.id, actor="t")  # one open at a time
    assert quiz.get_situation(store, first.id).status == "closed"
    with pytest.raises(CoprodLabError, match="closed"):
        quiz.answer(store, ann, first.id, "no")
    # The database refuses it too, whatever code writes.
    with pytest.raises(IntegrityError), store.write() as db:
        db.execute(update(quiz_answers).values(answer="no"))
    assert quiz.my_answer(store, ann, first.id).answer == "yes"


def test_a_ballot_from_another_room_cannot_answer(store) -> None:
    room, _key = a_quiz(store)
    other, _ = a_quiz(store, "Another room")
    first = quiz.situations_in(store, room.id)[0]
    quiz.open_for_answers(store, first.id, actor="t")
    stranger = person(store, other, "Eve", "other")
    with pytest.raises(CoprodLabError, match="not part of your room"):
        quiz.answer(store, stranger, first.id, "yes")
    with pytest.raises(CoprodLabError):
        quiz.answer(store, stranger, first.id, "maybe")


def test_the_facilitator_edits_then_places_on_a_rung(store) -> None:
    room, _key = a_quiz(store)
    situations = quiz.situations_in(store, room.id)
    made = quiz.add_situation(store, room.id, "  People run the group   themselves. ", actor="t")
    assert made.text == "People run the group themselves."
    assert made.position == len(situations) + 1
    quiz.edit_situation(store, made.id, "People run it.", usual_rung=7, why="Shared.", actor="t")
    assert quiz.get_situation(store, made.id).usual_rung == 7
    quiz.remove_situation(store, situations[0].id, actor="t")
    assert len(quiz.situations_in(store, room.id)) == len(situations)
    quiz.open_for_answers(store, made.id, actor="t")
    with pytest.raises(CoprodLabError, match="before it is opened"):
        quiz.edit_situation(store, made.id, "x", usual_rung=None, why="", actor="t")
    with pytest.raises(CoprodLabError, match="step from 1 to 7"):
        quiz.place_on_rung(store, made.id, 8, actor="t")
    quiz.place_on_rung(store, made.id, 5, actor="t")
    assert quiz.get_situation(store, made.id).placed_rung == 5
    assert quiz.rung_words(5) == f"Rung 5: {RUNGS[4][0]}"
