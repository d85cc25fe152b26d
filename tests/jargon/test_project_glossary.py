"""A project's own glossary and the review list, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coprod_lab.demo import load_demo
from coprod_lab.errors import CoprodLabError
from coprod_lab.jargon import check_text
from coprod_lab.jargon.project_glossary import (
    add_term,
    project_glossary,
    report_unclear,
    review_list,
    set_aside,
)
from coprod_lab.privacy.people import erase_participant
from coprod_lab.store import participants
from coprod_lab.store.schema import events, glossary_terms, unclear_words


def _people(store, project_id: int) -> list[int]:
    with store.read() as db:
        return list(
            db.scalars(select(participants.c.id).where(participants.c.project_id == project_id))
        )


def test_a_term_added_to_the_project_is_marked_in_its_checks(store) -> None:
    project_id = load_demo(store)
    text = "We will do a huddle on Friday."
    assert not [f for f in check_text(text).findings if f.term == "huddle"]
    add_term(store, project_id, "huddle", "a short team meeting", actor="Sam")
    found = [f for f in check_text(text, project_glossary(store, project_id)).findings]
    assert [(f.term, f.kind, f.suggestion) for f in found if f.term == "huddle"] == [
        ("huddle", "jargon", "try “a short team meeting”")
    ]
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(glossary_terms)) == 1
        assert (
            db.scalar(select(events.c.action).where(events.c.subject == "glossary_term")) == "add"
        )


def test_adding_a_term_again_changes_its_plain_words(store) -> None:
    project_id = load_demo(store)
    add_term(store, project_id, "huddle", "a meeting", actor="Sam")
    add_term(store, project_id, "huddle", "a short team meeting", actor="Sam")
    with store.read() as db:
        rows = db.execute(select(glossary_terms.c.term, glossary_terms.c.plain)).all()
    assert [tuple(r) for r in rows] == [("huddle", "a short team meeting")]


def test_a_term_to_explain_is_kept_and_explained_with_the_projects_meaning(store) -> None:
    # A new user's "Capital", in the means-test sense, was offered a swap; it is a real thing
    # a person is asked about, so it is kept and its meaning given.
    project_id = load_demo(store)
    add_term(
        store, project_id, "Capital", "your savings and what you own", advice="explain", actor="Sam"
    )
    report = check_text("Your Capital is counted.", project_glossary(store, project_id))
    found = [f for f in report.findings if f.term == "Capital"]
    assert [(f.advice, f.meaning) for f in found] == [("explain", "your savings and what you own")]
    with store.read() as db:
        assert db.scalar(select(glossary_terms.c.advice)) == "explain"


def test_an_unknown_advice_changes_nothing(store) -> None:
    project_id = load_demo(store)
    with pytest.raises(CoprodLabError, match="use instead"):
        add_term(store, project_id, "huddle", "a meeting", advice="swap", actor="Sam")
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(glossary_terms)) == 0


@pytest.mark.parametrize(("term", "plain"), [("", "x"), ("huddle", "  ")])
def test_an_empty_term_or_plain_word_changes_nothing(store, term: str, plain: str) -> None:
    project_id = load_demo(store)
    with pytest.raises(CoprodLabError):
        add_term(store, project_id, term, plain, actor="Sam")
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(glossary_terms)) == 0


def test_words_people_did_not_understand_wait_for_review_once_per_person(store) -> None:
    project_id = load_demo(store)
    first, second, *_ = _people(store, project_id)
    context = "Co-production means an equal partnership."
    assert report_unclear(
        store,
        project_id,
        "partnership",
        context=context,
        participant_id=first,
        source="voting page",
    )
    assert not report_unclear(
        store,
        project_id,
        "partnership",
        context=context,
        participant_id=first,
        source="voting page",
    )
    report_unclear(store, project_id, "Partnership.", participant_id=second, source="voting page")
    report_unclear(store, project_id, "reciprocity", source="voting page")
    waiting = review_list(store, project_id)
    assert [(w.word, w.times) for w in waiting] == [("partnership", 2), ("reciprocity", 1)]
    assert waiting[0].contexts == (context,)


def test_adding_a_reviewed_word_clears_it_and_setting_aside_keeps_it_out(store) -> None:
    project_id = load_demo(store)
    report_unclear(store, project_id, "reciprocity", source="voting page")
    report_unclear(store, project_id, "cohort", source="voting page")
    add_term(store, project_id, "Reciprocity", "giving back in return", actor="Sam")
    assert [w.word for w in review_list(store, project_id)] == ["cohort"]
    assert set_aside(store, project_id, "cohort", actor="Sam") == 1
    assert review_list(store, project_id) == []
    with store.read() as db:
        statuses = dict(db.execute(select(unclear_words.c.word, unclear_words.c.status)).all())
    assert statuses == {"reciprocity": "added", "cohort": "dismissed"}


def test_erasing_a_participant_removes_their_reports(store) -> None:
    project_id = load_demo(store)
    person = _people(store, project_id)[0]
    report_unclear(store, project_id, "cohort", participant_id=person, source="voting page")
    erase_participant(store, person, actor="Sam")
    assert review_list(store, project_id) == []
