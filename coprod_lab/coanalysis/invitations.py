"""Co-analysts: people invited to analyse a project's open sessions, each reached by a personal
link carrying their token (no accounts), as a voting ballot is (definitions/ballots.py).

A co-analyst's name is the coder name their coding carries everywhere (comparison, .qdpx users),
so it must not be a participant's real name, nor a coder name someone else already uses.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import (
    coanalysts,
    coded_utterances,
    codes,
    events,
    memos,
    participants,
)

MAX_NAME = 60


@dataclass(frozen=True)
class CoAnalyst:
    """One invited co-analyst: `name` is their coder name, `token` their personal link's key."""

    id: int
    project_id: int
    token: str
    name: str


def _coanalyst(row) -> CoAnalyst:
    return CoAnalyst(int(row.id), int(row.project_id), row.token, row.name)


def invite(store: Store, project_id: int, names: Sequence[str], *, actor: str) -> list[CoAnalyst]:
    """Invite co-analysts by the names they will code under (a first name or a made-up one);
    returns them with their tokens, in the order given.

    Raises CoprodLabError, inviting nobody, for a blank, too long or repeated name, a name
    already invited or already used by another coder in the project, or a participant's real
    name (exports would carry it)."""
    cleaned = [" ".join(str(n).split()) for n in names]
    if not cleaned:
        raise CoprodLabError("Give at least one name to invite.")
    for name in cleaned:
        if not name:
            raise CoprodLabError("A co-analyst's name cannot be blank.")
        if len(name) > MAX_NAME:
            raise CoprodLabError(f"Use a shorter name than {name!r} (up to {MAX_NAME} letters).")
    if len({n.casefold() for n in cleaned}) < len(cleaned):
        raise CoprodLabError("Each co-analyst needs a name of their own: a name is repeated.")
    made: list[CoAnalyst] = []
    with store.write() as db:
        for name in cleaned:
            folded = name.casefold()
            taken = db.execute(
                select(coanalysts.c.id).where(
                    coanalysts.c.project_id == project_id, func.lower(coanalysts.c.name) == folded
                )
            ).first()
            if taken is not None:
                raise CoprodLabError(f"{name!r} is already invited; nobody new was invited.")
            coder = db.execute(
                select(coded_utterances.c.id)
                .join(codes, codes.c.id == coded_utterances.c.code_id)
                .where(
                    codes.c.project_id == project_id, func.lower(coded_utterances.c.coder) == folded
                )
            ).first()
            if coder is not None:
                raise CoprodLabError(
                    f"{name!r} already codes in this project; choose another name so their "
                    "coding stays apart. Nobody was invited."
                )
            person = db.execute(
                select(participants.c.id).where(
                    participants.c.project_id == project_id,
                    func.lower(participants.c.display_name) == folded,
                )
            ).first()
            if person is not None:
                raise CoprodLabError(
                    f"{name!r} is a participant's real name, which exports would then carry. "
                    "Use a first name or a made-up name. Nobody was invited."
                )
            token = secrets.token_urlsafe(12)
            new = db.execute(
                insert(coanalysts).values(
                    project_id=project_id, token=token, name=name, invited_by=actor
                )
            ).inserted_primary_key[0]
            made.append(CoAnalyst(int(new), project_id, token, name))
        audit.record(
            db,
            actor=actor,
            action="invited",
            subject="coanalysts",
            subject_id=project_id,
            detail={"ids": [c.id for c in made]},
        )
    return made


def by_token(store: Store, token: str) -> CoAnalyst | None:
    """The co-analyst whose personal link carries `token`, or None."""
    if not token:
        return None
    with store.read() as db:
        row = db.execute(select(coanalysts).where(coanalysts.c.token == token)).first()
    return _coanalyst(row) if row else None


def coanalysts_in(store: Store, project_id: int) -> list[CoAnalyst]:
    """The project's co-analysts, in the order they were invited."""
    with store.read() as db:
        rows = db.execute(
            select(coanalysts)
            .where(coanalysts.c.project_id == project_id)
            .order_by(coanalysts.c.id)
        ).all()
    return [_coanalyst(r) for r in rows]


def erase_coanalyst(store: Store, coanalyst_id: int, *, actor: str) -> None:
    """Remove a co-analyst and all their coding, in one transaction: their codings and the
    notes they wrote in the project, their marks and suggestions (ON DELETE CASCADE), and the
    audit events they made (which carry their name); one event then says an erasure happened.
    Codes they suggested that the group accepted stay in the code book (the group's now).
    Raises CoprodLabError for an unknown co-analyst."""
    with store.write() as db:
        row = db.execute(select(coanalysts).where(coanalysts.c.id == int(coanalyst_id))).first()
        if row is None:
            raise CoprodLabError(f"There is no co-analyst number {coanalyst_id}.")
        project_codes = select(codes.c.id).where(codes.c.project_id == row.project_id)
        db.execute(
            delete(memos).where(memos.c.project_id == row.project_id, memos.c.author == row.name)
        )
        db.execute(
            delete(coded_utterances).where(
                coded_utterances.c.code_id.in_(project_codes), coded_utterances.c.coder == row.name
            )
        )
        # The audit trail cannot be rewritten (a trigger refuses updates); events that name
        # them go, as erasing a participant removes the events about them: this project's,
        # and those whose project is not known, never a same-named co-analyst's elsewhere.
        db.execute(
            delete(events).where(
                events.c.actor == row.name,
                (events.c.project_id == row.project_id) | events.c.project_id.is_(None),
            )
        )
        db.execute(delete(coanalysts).where(coanalysts.c.id == row.id))
        audit.record(
            db, actor=actor, action="erase", subject="coanalyst", project_id=row.project_id
        )
