"""Ballots: one per person per workshop, reached by a personal link or by room code and name.

A personal link carries the ballot's token (printed as a QR code on a card), so reloading the
page, or coming back after the Wi-Fi drops, opens the same ballot. Joining by room code and
name finds the ballot already made under that name, so typing it again does the same.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, record
from coprod_lab.store.schema import BALLOT_ROLES, ballots

ROLE_CHOICES = {
    "lived_experience": "I have lived experience of using services",
    "professional": "I work in services",
    "other": "Both, or something else",
    "not_said": "I would rather not say",
}
ROLE_SHORT = {
    "lived_experience": "Lived experience",
    "professional": "Professional",
    "other": "Other",
    "not_said": "Not said",
}
MAX_NAME = 60


@dataclass(frozen=True)
class Ballot:
    id: int
    workshop_id: int
    token: str
    name: str | None
    role: str
    participant_id: int | None


def _ballot(row) -> Ballot:
    return Ballot(row.id, row.workshop_id, row.token, row.name, row.role, row.participant_id)


def make_ballots(store: Store, workshop_id: int, how_many: int, *, actor: str) -> list[Ballot]:
    """New ballots for a sheet of cards, each with its own personal link."""
    if not 1 <= how_many <= 500:
        raise CoprodLabError("Make between 1 and 500 cards at a time.")
    with store.write() as db:
        made = []
        for _ in range(how_many):
            token = secrets.token_urlsafe(12)
            new_id = db.execute(
                ballots.insert().values(workshop_id=workshop_id, token=token)
            ).inserted_primary_key[0]
            made.append(Ballot(new_id, workshop_id, token, None, "not_said", None))
        record(
            db,
            actor=actor,
            action="create",
            subject="ballots",
            subject_id=workshop_id,
            detail={"count": how_many},
        )
    return made


def by_token(store: Store, token: str) -> Ballot | None:
    if not token:
        return None
    with store.read() as db:
        row = db.execute(select(ballots).where(ballots.c.token == token)).first()
    return _ballot(row) if row else None


def join_by_name(store: Store, workshop_id: int, name: str) -> Ballot:
    """The ballot under this name in the workshop, made now if it is the first time."""
    name = " ".join(name.split())
    if not name:
        raise CoprodLabError("Type your first name, or any name you will remember.")
    if len(name) > MAX_NAME:
        raise CoprodLabError(f"Use a shorter name (up to {MAX_NAME} letters).")
    same_name = (ballots.c.workshop_id == workshop_id) & (
        func.lower(ballots.c.name) == name.lower()
    )
    with store.read() as db:
        row = db.execute(select(ballots).where(same_name)).first()
    if row:
        return _ballot(row)
    try:
        with store.write() as db:
            new_id = db.execute(
                ballots.insert().values(
                    workshop_id=workshop_id, token=secrets.token_urlsafe(12), name=name
                )
            ).inserted_primary_key[0]
            record(db, actor=f"ballot {new_id}", action="join", subject="ballot", subject_id=new_id)
    except IntegrityError:
        pass  # someone joined with the same name at the same moment: that ballot is theirs
    with store.read() as db:
        return _ballot(db.execute(select(ballots).where(same_name).order_by(ballots.c.id)).first())


def set_role(store: Store, ballot_id: int, role: str) -> None:
    """The role a person declares, so results can show whether the groups agree."""
    if role not in BALLOT_ROLES:
        raise CoprodLabError("Choose one of the answers.")
    with store.write() as db:
        db.execute(update(ballots).where(ballots.c.id == ballot_id).values(role=role))
        record(
            db,
            actor=f"ballot {ballot_id}",
            action="role",
            subject="ballot",
            subject_id=ballot_id,
            detail={"role": role},
        )


def ballots_in(store: Store, workshop_id: int) -> list[Ballot]:
    with store.read() as db:
        rows = db.execute(
            select(ballots).where(ballots.c.workshop_id == workshop_id).order_by(ballots.c.id)
        ).all()
    return [_ballot(row) for row in rows]
