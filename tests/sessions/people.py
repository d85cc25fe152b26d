"""The demo project's people, by first name, for the session tests."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from coprod_lab.demo import load_demo
from coprod_lab.store import Store, participants
from coprod_lab.store.schema import ladder_ratings, pairs, profiles

START = dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.UTC)


def demo_people(store: Store) -> tuple[int, dict[str, int]]:
    """(project id, {"Dev": id, "Priya": id, ...}): the demo's people and sessions, without
    its pair, profiles and ladder ratings, so each test starts from what it makes itself."""
    project_id = load_demo(store)
    with store.write() as db:
        for table in (pairs, profiles, ladder_ratings):
            db.execute(delete(table))
    with store.read() as db:
        rows = db.execute(
            select(participants.c.display_name, participants.c.id).where(
                participants.c.project_id == project_id
            )
        ).all()
    return project_id, {name.split()[0]: pid for name, pid in rows}


def at(seconds: float) -> dt.datetime:
    return START + dt.timedelta(seconds=seconds)
