"""Audit events carry their project: erasing "Sam" in one project keeps the events of another
project's "Sam", and events whose project cannot be known are treated as possibly theirs."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import DBAPIError

from coprod_lab import connect
from coprod_lab.coding.memos import add_memo
from coprod_lab.privacy.people import Erased, erase_participant
from coprod_lab.store import events, participants, projects, record


def _project_with(store, project: str, person: str) -> tuple[int, int]:
    with store.write() as db:
        project_id = db.execute(insert(projects).values(name=project)).inserted_primary_key[0]
        person_id = db.execute(
            insert(participants).values(
                project_id=project_id,
                display_name=person,
                pseudonym="Robin",
                role="lived_experience",
            )
        ).inserted_primary_key[0]
    return project_id, person_id


def _events_by(store, actor: str) -> list[tuple[str, int | None]]:
    with store.read() as db:
        return [
            tuple(row)
            for row in db.execute(
                select(events.c.subject, events.c.project_id)
                .where(events.c.actor == actor)
                .order_by(events.c.id)
            )
        ]


def test_erasing_sam_in_one_project_keeps_the_other_projects_sam(store) -> None:
    a, sam_a = _project_with(store, "A", "Sam")
    b, _sam_b = _project_with(store, "B", "Sam")
    add_memo(store, a, "project", "A note in A.", author="Sam")
    add_memo(store, b, "project", "A note in B.", author="Sam")
    add_memo(store, b, "project", "Another in B.", author="Sam")
    with store.write() as db:
        # An event whose project cannot be known: no subject row to follow.
        record(db, actor="Sam", action="looked", subject="something old")
    # Each memo's event was given its project from the memo's row.
    assert _events_by(store, "Sam") == [
        ("memo", a),
        ("memo", b),
        ("memo", b),
        ("something old", None),
    ]

    erased = erase_participant(store, sam_a, actor="researcher")

    assert erased == Erased(events_in_project=1, events_no_project=1)
    assert _events_by(store, "Sam") == [("memo", b), ("memo", b)]
    with store.read() as db:
        said = db.execute(select(events.c.project_id).where(events.c.action == "erase")).all()
    assert said == [(a,)]


def test_old_events_get_their_project_where_it_can_be_known(store_url: str) -> None:
    from alembic import command

    old = connect(store_url)
    with old.write() as db:
        command.upgrade(old._alembic(db), "0009_ift")
    # Made through SQL, as the store of the version before this one held them.
    with old.write() as db:
        project = db.execute(text("INSERT INTO projects (name) VALUES ('B') RETURNING id")).scalar()
        person = db.execute(
            text(
                "INSERT INTO participants (project_id, display_name, pseudonym, role) "
                "VALUES (:p, 'Sam', 'Robin', 'lived_experience') RETURNING id"
            ),
            {"p": project},
        ).scalar()
        for subject, subject_id, detail in (
            ("participant", person, None),  # its row is there: project B
            ("passage", None, json.dumps({"project": project})),  # the event says so
            ("participant", person + 99, None),  # its row is gone: cannot be known
            ("access_needs", person, None),  # its number is the participant's
        ):
            db.execute(
                text(
                    "INSERT INTO events (actor, action, subject, subject_id, detail) "
                    "VALUES ('Sam', 'delete', :s, :i, :d)"
                ),
                {"s": subject, "i": subject_id, "d": detail},
            )
    old.upgrade()
    with old.read() as db:
        filled = db.execute(
            select(events.c.subject, events.c.subject_id, events.c.project_id).order_by(events.c.id)
        ).all()
    assert [row.project_id for row in filled] == [project, project, None, project]
    # The trail is append-only again after the fill.
    with pytest.raises(DBAPIError, match="append-only"), old.write() as db:
        db.execute(update(events).values(project_id=None))
    old.engine.dispose()


def test_every_subject_kind_leads_to_a_real_table(store) -> None:
    # A misspelt table or column would fail here, not in the middle of someone's save.
    from coprod_lab.store.audit import PROJECT_OF, project_of

    with store.read() as db:
        for key in PROJECT_OF:
            subject, _, action = key.partition("/")
            assert project_of(db, subject, 1, action) is None, key


def test_erasing_a_coanalyst_keeps_a_same_named_coanalysts_events_elsewhere(sqlite_store) -> None:
    # SQLite only: the delete is the same statement as erase_participant's, tested on both.
    from coprod_lab.coanalysis.invitations import erase_coanalyst, invite

    store = sqlite_store

    a, _ = _project_with(store, "A", "Kim")
    b, _ = _project_with(store, "B", "Lee")
    [ash_a] = invite(store, a, ["Ash"], actor="researcher")
    invite(store, b, ["Ash"], actor="researcher")
    with store.write() as db:
        for project in (a, b, None):
            record(db, actor="Ash", action="coded", subject="turn", project_id=project)
    erase_coanalyst(store, ash_a.id, actor="researcher")
    assert _events_by(store, "Ash") == [("turn", b)]
