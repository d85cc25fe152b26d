"""The store: where everything people confirm is kept. SQLite by default, PostgreSQL by URL.

    store = connect()            # COPROD_LAB_DB, or the default SQLite file
    store.upgrade()              # create or migrate the tables
    with store.write() as db:    # one transaction; on SQLite it starts with BEGIN IMMEDIATE
        db.execute(...)

Pages and widgets share nothing but the store, so the rules that protect data (one vote per
person, append-only audit) live in the database, not in Python.
"""

from __future__ import annotations

from coprod_lab.errors import StoreBusy
from coprod_lab.store.audit import record
from coprod_lab.store.connection import Store, connect
from coprod_lab.store.schema import (
    PARTICIPANT_ROLES,
    SESSION_KINDS,
    attendance,
    events,
    metadata,
    participants,
    projects,
    sessions,
    speaker_names,
    utterances,
)

__all__ = [
    "PARTICIPANT_ROLES",
    "SESSION_KINDS",
    "Store",
    "StoreBusy",
    "attendance",
    "connect",
    "events",
    "metadata",
    "participants",
    "projects",
    "record",
    "sessions",
    "speaker_names",
    "utterances",
]
