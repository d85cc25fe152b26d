"""Collaborative pairs: made with the right people, notes kept with their history, progress."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from coprod_lab.errors import CoprodLabError
from coprod_lab.sessions import pairs as p
from coprod_lab.sessions.pitch import save_pitch
from coprod_lab.sessions.profiles import save_profile
from coprod_lab.store import events
from coprod_lab.store.schema import pairs as pairs_table
from tests.sessions.people import demo_people

DAY = dt.date(2026, 11, 3)


def _pair(store) -> tuple[int, dict[str, int]]:
    project_id, people = demo_people(store)
    pair_id = p.create_pair(
        store,
        project_id,
        "Dev and Priya",
        professional_id=people["Priya"],
        lived_experience_id=people["Dev"],
        actor="facilitator",
    )
    return pair_id, people


def test_a_pair_is_a_professional_and_a_person_with_lived_experience(store) -> None:
    project_id, people = demo_people(store)
    with pytest.raises(CoprodLabError, match="Choose a professional"):
        p.create_pair(
            store,
            project_id,
            "Two",
            professional_id=people["Dev"],
            lived_experience_id=people["Joan"],
            actor="f",
        )
    with pytest.raises(CoprodLabError, match="lived experience"):
        p.create_pair(
            store,
            project_id,
            "Two",
            professional_id=people["Priya"],
            lived_experience_id=people["Tom"],
            actor="f",
        )
    pair_id, _ = _pair(store)
    found = p.list_pairs(store, project_id)
    assert [(x.id, x.name, x.professional, x.lived_experience) for x in found] == [
        (pair_id, "Dev and Priya", "Priya Shah", "Dev Morgan")
    ]
    with pytest.raises(CoprodLabError, match="already a pair called"):
        p.create_pair(
            store,
            project_id,
            "Dev and Priya",
            professional_id=people["Tom"],
            lived_experience_id=people["Joan"],
            actor="f",
        )


def test_the_database_refuses_a_pair_of_one_person(store) -> None:
    project_id, people = demo_people(store)
    with pytest.raises(IntegrityError), store.write() as db:
        db.execute(
            pairs_table.insert().values(
                project_id=project_id,
                name="Alone",
                professional_id=people["Priya"],
                lived_experience_id=people["Priya"],
            )
        )


def test_notes_keep_their_history_date_and_author(store) -> None:
    pair_id, _ = _pair(store)
    p.add_note(
        store,
        pair_id,
        "background",
        "Dev: 3 stays.",
        author="Dev Morgan",
        written_on=DAY,
        actor="f",
    )
    later = DAY + dt.timedelta(days=7)
    p.add_note(
        store,
        pair_id,
        "background",
        "Dev: 3 stays, 1 at home.",
        author="Priya Shah",
        written_on=later,
        actor="f",
    )
    found = p.notes(store, pair_id, "background")
    assert [(n.text, n.author, n.written_on, n.meeting) for n in found] == [
        ("Dev: 3 stays, 1 at home.", "Priya Shah", later, 1),
        ("Dev: 3 stays.", "Dev Morgan", DAY, 1),
    ]
    with store.read() as db:
        noted = db.scalars(
            select(events.c.subject_id).where(
                events.c.subject == "pair_note", events.c.actor == "f"
            )
        ).all()
    assert sorted(noted) == sorted(n.id for n in found)


@pytest.mark.parametrize(
    ("step", "text", "author", "message"),
    [
        ("lunch", "x", "Dev", "no meeting step"),
        ("background", "   ", "Dev", "note is empty"),
        ("background", "x", " ", "who wrote"),
    ],
)
def test_a_bad_note_says_why_and_saves_nothing(store, step, text, author, message) -> None:
    pair_id, _ = _pair(store)
    with pytest.raises(CoprodLabError, match=message):
        p.add_note(store, pair_id, step, text, author=author, written_on=DAY, actor="f")
    assert p.notes(store, pair_id) == []


def test_progress_counts_notes_and_the_things_a_step_is_about(store) -> None:
    pair_id, people = _pair(store)

    def done() -> set[str]:
        return {s.step.key for s in p.progress(store, pair_id) if s.done}

    assert done() == set()
    assert len(p.progress(store, pair_id)) == sum(len(m.steps) for m in p.MEETINGS) == 12
    p.add_note(
        store,
        pair_id,
        "why_here",
        "To change discharge.",
        author="Dev Morgan",
        written_on=DAY,
        actor="f",
    )
    assert done() == {"why_here"}
    save_profile(store, people["Dev"], "one_page", {"appreciate": "Funny"}, author="D", actor="f")
    assert done() == {"why_here"}  # one profile of two
    save_profile(store, people["Priya"], "one_page", {"support": "Email"}, author="P", actor="f")
    assert done() == {"why_here", "profiles"}
    save_pitch(store, pair_id, "30_seconds", "We want safer discharge.", author="D", actor="f")
    p.add_action(
        store,
        pair_id,
        "Join the steering group",
        who="Both of us",
        by_when=None,
        author="Dev Morgan",
        actor="f",
    )
    assert done() == {"why_here", "profiles", "pitch_30", "action_plan"}


def test_actions_are_ticked_off_only_in_their_own_pair(store) -> None:
    pair_id, people = _pair(store)
    project_id = p.list_pairs(store, 1)[0].project_id
    other = p.create_pair(
        store,
        project_id,
        "Joan and Tom",
        professional_id=people["Tom"],
        lived_experience_id=people["Joan"],
        actor="f",
    )
    action = p.add_action(
        store,
        pair_id,
        "Speak at the board",
        who="Dev Morgan",
        by_when=DAY,
        author="Priya Shah",
        actor="f",
    )
    with pytest.raises(CoprodLabError, match="not in this pair's plan"):
        p.mark_action_done(store, other, action, done_on=DAY, actor="f")
    assert p.actions(store, pair_id)[0].done_on is None
    p.mark_action_done(store, pair_id, action, done_on=DAY, actor="f")
    assert [(a.action, a.who, a.by_when, a.done_on) for a in p.actions(store, pair_id)] == [
        ("Speak at the board", "Dev Morgan", DAY, DAY)
    ]
