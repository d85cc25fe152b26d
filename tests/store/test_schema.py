"""The schema: made by Alembic, equal to schema.py, and protecting its data in the database."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, func, insert, inspect, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from coprod_lab import connect
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import (
    events,
    metadata,
    participants,
    projects,
    record,
    sessions,
    utterances,
)


def _project(store, name: str = "P") -> int:
    with store.write() as db:
        return db.execute(insert(projects).values(name=name)).inserted_primary_key[0]


def test_a_new_store_is_empty_then_current(store_url: str) -> None:
    store = connect(store_url)
    assert store.schema_state() == "empty"
    store.upgrade()
    assert store.schema_state() == "current"
    store.upgrade()  # repeating is harmless
    store.check()
    assert store.is_empty()


def test_migrations_build_exactly_the_tables_schema_py_describes(store) -> None:
    with store.read() as db:
        differences = compare_metadata(MigrationContext.configure(db), metadata)
    assert differences == []


def test_constraints_carry_the_same_names_on_every_database(store) -> None:
    names = inspect(store.engine)
    uniques = {u["name"] for u in names.get_unique_constraints("participants")}
    assert uniques == {
        "uq_participants_project_id_pseudonym",
        "uq_participants_project_id_display_name",
    }
    keys = {f["name"] for f in names.get_foreign_keys("utterances")}
    assert keys == {
        "fk_utterances_session_id_sessions",
        "fk_utterances_participant_id_participants",
    }
    checks = {c["name"] for c in names.get_check_constraints("sessions")}
    assert "ck_sessions_kind" in checks


def test_foreign_keys_are_enforced(store) -> None:
    with pytest.raises(IntegrityError), store.write() as db:
        db.execute(insert(sessions).values(project_id=999, title="Lost", kind="workshop"))


@pytest.mark.parametrize(
    ("table", "values", "why"),
    [
        (sessions, {"title": "S", "kind": "party"}, "kind must be one of SESSION_KINDS"),
        (
            participants,
            {"display_name": "A", "pseudonym": "P1", "role": "boss"},
            "role must be one of PARTICIPANT_ROLES",
        ),
    ],
)
def test_check_constraints_refuse_unknown_codes(store, table, values, why) -> None:
    project_id = _project(store)
    with pytest.raises(IntegrityError), store.write() as db:
        db.execute(insert(table).values(project_id=project_id, **values))


def test_a_pseudonym_is_used_once_per_project(store) -> None:
    project_id = _project(store)
    person = {"project_id": project_id, "role": "professional", "pseudonym": "Person 1"}
    with store.write() as db:
        db.execute(insert(participants).values(display_name="Ann", **person))
    with pytest.raises(IntegrityError), store.write() as db:
        db.execute(insert(participants).values(display_name="Bob", **person))


def test_a_failed_write_changes_nothing(store) -> None:
    with pytest.raises(IntegrityError), store.write() as db:
        db.execute(insert(projects).values(name="Kept?"))
        db.execute(insert(projects).values(name="Kept?"))  # duplicate: the block fails
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(projects)) == 0


def test_utterances_keep_one_row_per_turn_and_unknown_times(store) -> None:
    project_id = _project(store)
    with store.write() as db:
        session_id = db.execute(
            insert(sessions).values(
                project_id=project_id, title="S", kind="storytelling", held_on=dt.date(2026, 1, 2)
            )
        ).inserted_primary_key[0]
        row = {
            "session_id": session_id,
            "speaker": "Ann",
            "role": "unknown",
            "text": "Hello",
            "source": "a.txt",
            "line": 1,
        }
        db.execute(insert(utterances).values(turn=0, start=None, end=None, **row))
    with store.read() as db:
        stored = db.execute(select(utterances.c.start, utterances.c.end)).one()
    assert tuple(stored) == (None, None)
    with pytest.raises(IntegrityError), store.write() as db:
        db.execute(insert(utterances).values(turn=0, **row))


def test_events_are_append_only(store) -> None:
    with store.write() as db:
        record(db, actor="tester", action="create", subject="project", subject_id=1)
    with pytest.raises(DBAPIError, match="append-only"), store.write() as db:
        db.execute(update(events).values(actor="someone else"))
    with store.read() as db:
        assert db.scalar(select(events.c.actor)) == "tester"
    # Deleting stays possible, for erasing a participant everywhere.
    with store.write() as db:
        db.execute(delete(events))


def test_a_store_from_a_newer_version_is_refused_with_one_sentence(store) -> None:
    with store.write() as db:
        db.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    assert store.schema_state() == "ahead"
    for attempt in (store.upgrade, store.check):
        with pytest.raises(CoprodLabError, match="newer version of coprod-lab"):
            attempt()


def test_an_old_store_is_asked_to_upgrade(store) -> None:
    with store.write() as db:
        db.exec_driver_sql("DELETE FROM alembic_version")
    with pytest.raises(CoprodLabError, match="coprod-lab db upgrade"):
        store.check()


def test_a_store_made_by_the_first_version_keeps_its_data_when_upgraded(store_url: str) -> None:
    from alembic import command

    old = connect(store_url)
    with old.write() as db:
        command.upgrade(old._alembic(db), "0001")
    assert old.schema_state() == "behind"
    project_id = _project(old, "Made before speaker names")
    old.upgrade()
    assert old.schema_state() == "current"
    with old.read() as db:
        assert db.scalar(select(projects.c.name).where(projects.c.id == project_id)) == (
            "Made before speaker names"
        )
        assert "speaker_names" in inspect(db).get_table_names()
