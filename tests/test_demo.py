"""The demo project loads whole, once, with speakers matched to its participants."""

from __future__ import annotations

import tomllib

from sqlalchemy import func, select

from coprod_lab.demo import DEMO, load_demo, read_project_file
from coprod_lab.store import attendance, events, participants, projects, sessions, utterances
from coprod_lab.store.schema import (
    access_needs,
    ladder_ratings,
    pair_notes,
    pairs,
    panel_candidates,
    panel_questions,
    panel_ratings,
    preparations,
    profiles,
    rounds,
    session_plan_versions,
    session_plans,
    votes,
    workshops,
    you_said,
)
from coprod_lab.store.schema import panels as panel_table


def _lines_with_a_speaker(path) -> int:
    return sum(1 for line in path.read_text().splitlines() if ": " in line)


def test_the_demo_loads_everything_in_its_files(store) -> None:
    spec = tomllib.loads(DEMO.read_text())
    project_id = load_demo(store)
    with store.read() as db:
        assert db.scalar(select(projects.c.name)) == spec["project"]["name"]
        roles = dict(
            db.execute(
                select(participants.c.display_name, participants.c.role).where(
                    participants.c.project_id == project_id
                )
            ).all()
        )
        assert roles == {p["display_name"]: p["role"] for p in spec["participants"]}
        kinds = {row.title: row.kind for row in db.execute(select(sessions))}
        assert kinds == {s["title"]: s["kind"] for s in spec["sessions"]}
        for session in spec["sessions"]:
            session_id = db.scalar(
                select(sessions.c.id).where(sessions.c.title == session["title"])
            )
            people = db.scalar(select(func.count()).where(attendance.c.session_id == session_id))
            assert people == len(session["people"])
            turns = db.scalar(select(func.count()).where(utterances.c.session_id == session_id))
            expected = (
                _lines_with_a_speaker(DEMO.parent / session["transcript"])
                if "transcript" in session
                else 0
            )
            assert turns == expected
        # Every demo speaker is a participant, so no utterance is left with an unknown role.
        assert db.scalar(select(func.count()).where(utterances.c.role == "unknown")) == 0
        assert db.scalar(select(func.count()).where(utterances.c.participant_id.is_(None))) == 0


def test_the_demo_has_a_collaborative_pair_and_a_workshop(store) -> None:
    load_demo(store)
    with store.read() as db:
        pair = (
            db.execute(
                select(participants.c.role)
                .join(attendance, attendance.c.participant_id == participants.c.id)
                .join(sessions, sessions.c.id == attendance.c.session_id)
                .where(sessions.c.kind == "pair_meeting")
            )
            .scalars()
            .all()
        )
        assert sorted(pair) == ["lived_experience", "professional"]
        assert db.scalar(select(func.count()).where(sessions.c.kind == "workshop")) == 1


def test_loading_twice_changes_nothing(store) -> None:
    first = load_demo(store)
    with store.read() as db:
        before = {
            t.name: db.scalar(select(func.count()).select_from(t))
            for t in (projects, participants, sessions, utterances, events)
        }
    assert load_demo(store) == first
    with store.read() as db:
        after = {
            t.name: db.scalar(select(func.count()).select_from(t))
            for t in (projects, participants, sessions, utterances, events)
        }
    assert after == before


def test_every_change_the_demo_makes_is_in_the_audit_trail(store) -> None:
    load_demo(store)
    with store.read() as db:
        created = db.execute(
            select(events.c.subject, func.count())
            .where(events.c.action.in_(["create", "write", "rate"]))
            .group_by(events.c.subject)
        ).all()
        counts = {
            name: db.scalar(select(func.count()).select_from(table))
            for name, table in (
                ("project", projects),
                ("participant", participants),
                ("session", sessions),
                ("pair", pairs),
                ("pair_note", pair_notes),
                ("profile", profiles),
                ("ladder_rating", ladder_ratings),
                ("workshop", workshops),
                ("round", rounds),
                ("panel", panel_table),
                ("panel question", panel_questions),
                ("panel candidate", panel_candidates),
                ("panel rating", panel_ratings),
                ("you_said", you_said),
                ("preparation", preparations),
                ("access_needs", access_needs),
                ("session_plan", session_plans),
                ("session_plan_version", session_plan_versions),
            )
        }
        # The panel's cards are made as one batch: one event that says how many.
        cards = db.scalar(
            select(events.c.detail).where(
                events.c.subject == "ballots", events.c.action == "create"
            )
        )
        # The workshop's votes: one audit event each (the demo's people never change theirs).
        audited_votes = db.scalar(
            select(func.count()).where(events.c.subject == "vote", events.c.action == "vote")
        )
        stored_votes = db.scalar(select(func.count()).select_from(votes))
    assert all(counts.values())
    created = dict(created)
    assert created.pop("ballots") == 1 and cards == {
        "count": len(read_project_file()["panel"]["roles"])
    }
    assert created == counts
    assert audited_votes == stored_votes == 15
