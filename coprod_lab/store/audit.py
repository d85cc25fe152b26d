"""The audit trail: every change writes one event in the same transaction as the change.

Events say who did what to which row and when; they never copy the personal content itself,
so erasing a participant never has to rewrite history.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from coprod_lab.store.schema import events


def record(
    db: Connection,
    *,
    actor: str,
    action: str,
    subject: str,
    subject_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one event; call it inside the `store.write()` block that makes the change."""
    db.execute(
        events.insert().values(
            actor=actor, action=action, subject=subject, subject_id=subject_id, detail=detail
        )
    )
