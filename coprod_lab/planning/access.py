"""Each participant's access needs, reasonable adjustments and how they are paid.

This is personal data: it is kept only when the person has agreed (the date is saved with
it), every version is kept so a change can be checked, and erasing the participant removes
all of it (the table's rows go with the participant, by ON DELETE CASCADE). What was paid
and when stays in the reciprocity log (sessions/followup.py); this says how and when to pay.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, participants, record
from coprod_lab.store.schema import access_needs as table


@dataclass(frozen=True)
class AccessNeeds:
    participant_id: int
    needs: str
    adjustments: str
    payment: str
    consent_on: dt.date
    author: str
    saved_at: dt.datetime


def save_access_needs(
    store: Store,
    participant_id: int,
    *,
    needs: str,
    adjustments: str,
    payment: str,
    consent_on: dt.date | None,
    actor: str,
) -> AccessNeeds | None:
    """Keep a new version of this person's access needs, adjustments and payment, all at once.

    `consent_on`: the day the person agreed that we keep this; None refuses to save.
    Returns the saved version, or None when nothing changed. Raises CoprodLabError, saving
    nothing, without consent, with every box empty, or for an unknown participant.
    """
    if consent_on is None:
        raise CoprodLabError(
            "Not saved: ask the person first, and tick that they agree we keep this. If they "
            "no longer agree, delete what is kept for them."
        )
    values = {
        "needs": needs.strip(),
        "adjustments": adjustments.strip(),
        "payment": payment.strip(),
    }
    if not any(values.values()):
        raise CoprodLabError("Write their access needs, adjustments or how they are paid.")
    with store.write() as db:
        if db.scalar(select(participants.c.id).where(participants.c.id == participant_id)) is None:
            raise CoprodLabError(f"There is no participant number {participant_id}.")
        newest = _newest(db, participant_id)
        if newest is not None:
            consent_on = newest.consent_on  # a consent given earlier keeps its first date
            if all(getattr(newest, k) == v for k, v in values.items()):
                return None
        entry_id = db.execute(
            insert(table).values(
                participant_id=participant_id, consent_on=consent_on, author=actor, **values
            )
        ).inserted_primary_key[0]
        record(db, actor=actor, action="write", subject="access_needs", subject_id=entry_id)
        return _newest(db, participant_id)


def forget_access_needs(store: Store, participant_id: int, *, actor: str) -> int:
    """Delete every version kept for this person, when they no longer agree that we keep it.

    Consent can be taken back at any time (UK GDPR Article 7(3)); what was kept on the strength
    of it goes with it. The audit log says that it was deleted and by whom, not what it said.
    Returns how many versions were deleted (0 when nothing was kept).
    """
    with store.write() as db:
        gone = db.execute(delete(table).where(table.c.participant_id == participant_id)).rowcount
        if gone:
            record(
                db, actor=actor, action="delete", subject="access_needs", subject_id=participant_id
            )
        return int(gone or 0)


def _newest(db, participant_id: int) -> AccessNeeds | None:
    rows = _rows(db, participant_id)
    return rows[-1] if rows else None


def _rows(db, participant_id: int) -> list[AccessNeeds]:
    rows = db.execute(
        select(
            table.c.participant_id,
            table.c.needs,
            table.c.adjustments,
            table.c.payment,
            table.c.consent_on,
            table.c.author,
            table.c.saved_at,
        )
        .where(table.c.participant_id == participant_id)
        .order_by(table.c.id)
    ).all()
    return [AccessNeeds(*row) for row in rows]


def access_needs(store: Store, participant_id: int) -> AccessNeeds | None:
    """This person's newest version, or None when nothing is kept."""
    with store.read() as db:
        return _newest(db, participant_id)


def access_history(store: Store, participant_id: int) -> list[AccessNeeds]:
    """Every version kept for this person, oldest first."""
    with store.read() as db:
        return _rows(db, participant_id)


def project_access(store: Store, project_id: int) -> list[tuple[str, str, AccessNeeds | None]]:
    """Everyone in the project, by name, with their role and newest access needs (or None)."""
    with store.read() as db:
        people = db.execute(
            select(participants.c.id, participants.c.display_name, participants.c.role)
            .where(participants.c.project_id == project_id)
            .order_by(participants.c.display_name)
        ).all()
        return [(name, role, _newest(db, pid)) for pid, name, role in people]
