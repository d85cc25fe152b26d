"""Recruitment panels on a real store (SQLite and PostgreSQL): the rules, the results, privacy."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from coprod_lab.errors import CoprodLabError
from coprod_lab.privacy.people import ERASED, erase_candidate
from coprod_lab.recruitment import panels, ratings, results, summary
from coprod_lab.store.schema import events, panel_candidates, panel_ratings
from tests.recruitment.panel import ROLES, a_panel

# What each of the 8 members pressed for each of the 3 answers (1 up, 0 middle, -1 down).
PRESSED = [
    [1, 1, -1],
    [1, 0, 1],
    [1, 1, -1],
    [1, -1, 1],
    [1, 1, 0],
    [0, -1, 1],
    [1, 1, -1],
    [1, 0, 1],
]


def count(store, table) -> int:
    with store.read() as db:
        return db.scalar(select(func.count()).select_from(table))


def interview(store, ready, candidate, pressed=PRESSED, notes=None) -> None:
    panels.open_interview(store, candidate.id, actor="c")
    for m, member in enumerate(ready.members):
        for q, question in enumerate(ready.questions):
            note = (notes or {}).get((m, q))
            ratings.rate(
                store, member.ballot_id, candidate.id, question.id, pressed[m][q], note=note
            )
    panels.close_interview(store, candidate.id, actor="c")


def test_results_count_exactly_what_each_member_pressed_by_member_and_by_role(store) -> None:
    ready = a_panel(store)
    a = ready.candidates[0]
    interview(store, ready, a)
    found = results.candidate_result(store, a.id)
    assert found.members == len(ready.members)
    for q, answer in enumerate(found.questions):
        column = [row[q] for row in PRESSED]
        assert answer.counts == {v: column.count(v) for v in (-1, 0, 1)}
        for role in ("lived_experience", "professional"):
            theirs = [v for v, r in zip(column, ROLES, strict=True) if r == role]
            assert answer.by_role[role] == {v: theirs.count(v) for v in (-1, 0, 1)}
        assert [(r.member, r.role, r.value) for r in answer.ratings] == [
            (f"Panel member {n}", ROLES[n - 1], column[n - 1]) for n in range(1, 9)
        ]
        lived = [v for v, r in zip(column, ROLES, strict=True) if r == "lived_experience"]
        staff = [v for v, r in zip(column, ROLES, strict=True) if r == "professional"]
        assert answer.role_gap == pytest.approx(sum(lived) / 4 - sum(staff) / 4)
    # Question 3 split the panel between the ends, question 1 hardly: 3 is discussed first.
    first = results.discuss_first([found])
    assert [answer.question.number for _c, answer in first] == [3, 2, 1]
    assert first[0][1].disagreement > first[1][1].disagreement > first[2][1].disagreement


@pytest.mark.parametrize(
    "values, expected",
    [
        ([1, 1, 1], 0.0),  # everyone agrees
        ([0, 0], 0.0),
        ([1, -1], 1.0),  # split between the two ends: the most disagreement there is
        ([1, 1, -1, -1], 1.0),
        ([1, 0, -1], 2 / 3),  # spread evenly
        ([1, 1, 1, 0], 0.25),  # F = (0, 1/4): D = 2 * 1/4 / 2
        ([1], None),  # one rating cannot disagree
    ],
)
def test_disagreement_is_leiks_ordinal_dispersion(values, expected) -> None:
    assert results.leik_dispersion(values) == pytest.approx(expected)


def test_the_rules_are_kept_by_the_code_and_by_the_database(store) -> None:
    ready = a_panel(store, agree=False)
    a, b = ready.candidates
    member, question = ready.members[0], ready.questions[0]
    with pytest.raises(CoprodLabError, match="Agree the questions"):
        panels.open_interview(store, a.id, actor="c")
    panels.remove_question(store, ready.panel.id, ready.questions[2].id, actor="c")
    panels.agree_questions(store, ready.panel.id, actor="c")
    with pytest.raises(CoprodLabError, match="agreed"):
        panels.add_question(store, ready.panel.id, "One more?", actor="c")
    with pytest.raises(CoprodLabError, match="not started"):
        ratings.rate(store, member.ballot_id, a.id, question.id, 1)
    panels.open_interview(store, a.id, actor="c")
    with pytest.raises(CoprodLabError, match="Close Candidate A's interview first"):
        panels.open_interview(store, b.id, actor="c")
    with pytest.raises(CoprodLabError, match="first, then add a note"):
        ratings.rate(store, member.ballot_id, a.id, question.id, None, note="Kind.")
    ratings.rate(store, member.ballot_id, a.id, question.id, 1)
    saved = ratings.rate(store, member.ballot_id, a.id, question.id, -1, note="Unsure.")
    assert (saved.value, saved.note) == (-1, "Unsure.")
    assert ratings.rate(store, member.ballot_id, a.id, question.id, None, note="").note == ""
    assert count(store, panel_ratings) == 1  # changed in place
    with pytest.raises(CoprodLabError, match="thumbs up"):
        ratings.rate(store, member.ballot_id, a.id, question.id, 2)
    # A member of another panel cannot rate this panel's candidate.
    other = a_panel(store, title="Another panel")
    with pytest.raises(CoprodLabError, match="not one your panel"):
        ratings.rate(store, other.members[0].ballot_id, a.id, question.id, 1)
    with pytest.raises(CoprodLabError, match="not one of your panel's questions"):
        ratings.rate(store, member.ballot_id, a.id, other.questions[0].id, 1)
    panels.close_interview(store, a.id, actor="c")
    with pytest.raises(CoprodLabError, match="has closed"):
        ratings.rate(store, member.ballot_id, a.id, question.id, 1)
    with pytest.raises(CoprodLabError, match="has closed"):
        ratings.rate(store, member.ballot_id, a.id, question.id, None, note="Later note.")
    with pytest.raises(CoprodLabError, match="already closed"):
        panels.open_interview(store, a.id, actor="c")
    assert ratings.my_ratings(store, member.ballot_id, a.id)[question.id].value == -1

    # Past the code, straight into the database: each rule is refused there too.
    def raw(**values) -> None:
        row = {
            "panel_id": ready.panel.id,
            "workshop_id": ready.panel.workshop_id,
            "candidate_id": a.id,
            "question_id": question.id,
            "ballot_id": ready.members[1].ballot_id,
            "value": 1,
        } | values
        with pytest.raises(IntegrityError), store.write() as db:
            db.execute(insert(panel_ratings).values(row))

    raw()  # the interview is closed (trigger)
    panels.open_interview(store, b.id, actor="c")
    raw(candidate_id=b.id, ballot_id=member.ballot_id, value=2)  # not a rating
    raw(candidate_id=b.id, question_id=other.questions[0].id)  # another panel's question
    raw(candidate_id=b.id, ballot_id=other.members[0].ballot_id)  # another panel's member
    ratings.rate(store, member.ballot_id, b.id, question.id, 0)
    raw(candidate_id=b.id, ballot_id=member.ballot_id)  # a second rating of the same answer
    with pytest.raises(IntegrityError), store.write() as db:
        db.execute(
            insert(panel_candidates).values(panel_id=ready.panel.id, label="X", name="Bo Sze")
        )  # a name with no consent
    assert count(store, panel_ratings) == 2


def test_exports_are_pseudonymous_unless_names_are_asked_for(store) -> None:
    ready = a_panel(store)
    a, b = ready.candidates
    with pytest.raises(CoprodLabError, match="consent"):
        panels.add_candidate(store, ready.panel.id, name="Cy Ode", actor="c")
    notes = {(0, 0): "Ann gave a warm, clear answer.", (5, 2): "Better than ann lee's first try."}
    interview(store, ready, a, notes=notes)
    interview(store, ready, b, notes={(1, 1): "Ann Lee said more; this was short."})
    page = summary.summary_html(store, a.id)
    table = list(csv.DictReader(io.StringIO(summary.ratings_csv(store, ready.panel.id))))
    for text in (page, *(str(row) for row in table)):
        assert "Ann" not in text and "ann" not in text and "Lee" not in text
    assert "Candidate A gave a warm, clear answer." in page
    assert len(table) == 2 * len(ready.members) * len(ready.questions)
    assert {row["candidate"] for row in table} == {"Candidate A", "Candidate B"}
    assert Counter(row["rating"] for row in table if row["candidate"] == "Candidate A") == Counter(
        ratings.RATING_WORDS[v] for row in PRESSED for v in row
    )
    named = summary.summary_html(store, a.id, names=True)
    assert "Ann Lee (Candidate A)" in named and "Ann gave a warm" in named
    assert "@page { size: A4" in page
    with pytest.raises(CoprodLabError, match="once the interview closes"):
        summary.summary_html(store, panels.add_candidate(store, ready.panel.id, actor="c").id)


def test_erasing_a_candidate_takes_their_ratings_notes_name_and_events(store) -> None:
    ready = a_panel(store)
    a, b = ready.candidates
    interview(store, ready, a, notes={(0, 0): "Strong."})
    interview(store, ready, b, notes={(1, 1): "Not as clear as Ann Lee."})
    erase_candidate(store, a.id, actor="c")
    with store.read() as db:
        assert db.scalar(select(func.count()).where(panel_candidates.c.id == a.id)) == 0
        assert db.scalar(select(func.count()).where(panel_ratings.c.candidate_id == a.id)) == 0
        notes = db.scalars(select(panel_ratings.c.note).where(panel_ratings.c.note != "")).all()
        about = db.scalar(
            select(func.count()).where(
                events.c.subject.in_(("panel candidate", "panel rating")),
                events.c.subject_id == a.id,
            )
        )
    assert notes == [f"Not as clear as {ERASED}."]
    assert about == 0
    assert count(store, panel_ratings) == len(ready.members) * len(ready.questions)
    with pytest.raises(CoprodLabError, match="no candidate"):
        erase_candidate(store, a.id, actor="c")


def test_a_chair_key_opens_only_its_panel_and_a_card_only_its_member(store) -> None:
    ready = a_panel(store)
    assert panels.by_chair_key(store, ready.key).id == ready.panel.id
    assert panels.by_chair_key(store, "not-a-key") is None
    panel, member = panels.member_by_card(store, ready.members[2].token)
    assert (panel.id, member.number, member.role) == (ready.panel.id, 3, ROLES[2])
    assert panels.member_by_card(store, "nope") is None
    assert [p.title for p in panels.panels_in(store, ready.project_id)] == [ready.panel.title]
    assert ready.candidates[0].name_consent_on == dt.date(2026, 11, 2)


def test_a_chair_key_does_not_open_the_definitions_facilitator_page(store) -> None:
    """The panel's rounds live in a workshop row; its chair's link must not run that row as a
    definitions room (which would show the members' ratings early and let the chair vote)."""
    from coprod_lab.widgets.facilitate import FacilitatorPage

    ready = a_panel(store)
    page = FacilitatorPage(store, {"key": ready.key}, watch=False)
    assert page.workshop is None
    assert "interview panel page" in page.children[0].value
    assert len(page.children) == 1  # a message, no controls
