"""Words, then sentences built from them: what the room writes before it votes.

Each contribution is saved the moment it is sent. Moderation hides (with a reason people
see) or merges duplicates; nothing is deleted, so the record of the room stays whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from coprod_lab.definitions.workshops import get_workshop, touch
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, record
from coprod_lab.store.schema import CONTRIBUTION_KINDS, contributions

MAX_WORD = 40
MAX_SENTENCE = 400
# Words are taken at the words stage, sentences at the sentences stage; nothing at others.
_STAGE_FOR = {"word": "words", "sentence": "sentences"}


@dataclass(frozen=True)
class Contribution:
    id: int
    kind: str
    text: str
    ballot_id: int | None
    edit_of: int | None
    state: str
    reason: str
    merged_into: int | None


def add(
    store: Store,
    workshop_id: int,
    kind: str,
    text: str,
    *,
    ballot_id: int | None,
    edit_of: int | None = None,
    actor: str,
) -> Contribution:
    """Save a word or a sentence (or a suggested edit of a sentence) from someone in the room."""
    if kind not in CONTRIBUTION_KINDS:
        raise CoprodLabError(f"{kind!r} is not something people add here.")
    text = " ".join(text.split())
    limit = MAX_WORD if kind == "word" else MAX_SENTENCE
    if not text:
        raise CoprodLabError("Type a word first." if kind == "word" else "Type a sentence first.")
    if len(text) > limit:
        raise CoprodLabError(f"That is too long: up to {limit} letters.")
    if get_workshop(store, workshop_id).stage != _STAGE_FOR[kind]:
        raise CoprodLabError(
            "The room has moved on: words can no longer be added."
            if kind == "word"
            else "Sentences can be added only while the room is building sentences."
        )
    with store.write() as db:
        if edit_of is not None:
            original = db.execute(
                select(contributions.c.workshop_id, contributions.c.kind).where(
                    contributions.c.id == edit_of
                )
            ).first()
            if original is None or original != (workshop_id, "sentence") or kind != "sentence":
                raise CoprodLabError("That sentence is not in this workshop.")
        new_id = db.execute(
            contributions.insert().values(
                workshop_id=workshop_id, kind=kind, text=text, ballot_id=ballot_id, edit_of=edit_of
            )
        ).inserted_primary_key[0]
        touch(db, workshop_id)
        record(db, actor=actor, action="add", subject=kind, subject_id=new_id)
    return Contribution(new_id, kind, text, ballot_id, edit_of, "shown", "", None)


def listed(store: Store, workshop_id: int, kind: str) -> list[Contribution]:
    """Everything of a kind in the workshop, oldest first, hidden and merged ones included."""
    with store.read() as db:
        rows = db.execute(
            select(contributions)
            .where(contributions.c.workshop_id == workshop_id, contributions.c.kind == kind)
            .order_by(contributions.c.id)
        ).all()
    return [
        Contribution(r.id, r.kind, r.text, r.ballot_id, r.edit_of, r.state, r.reason, r.merged_into)
        for r in rows
    ]


def hide(store: Store, contribution_id: int, reason: str, *, actor: str) -> None:
    """Hide a word or sentence; the reason is shown to the room in its place."""
    reason = " ".join(reason.split())
    if not reason:
        raise CoprodLabError("Say why it is hidden: people see the reason.")
    _moderate(store, contribution_id, actor, "hide", state="hidden", reason=reason)


def merge(store: Store, duplicate_id: int, into_id: int, *, actor: str) -> None:
    """Join a duplicate into another entry of the same kind in the same workshop."""
    if duplicate_id == into_id:
        raise CoprodLabError("Choose two different entries to join.")
    with store.read() as db:
        found = db.execute(
            select(contributions.c.id, contributions.c.workshop_id, contributions.c.kind).where(
                contributions.c.id.in_([duplicate_id, into_id])
            )
        ).all()
    if len(found) != 2 or len({(w, k) for _i, w, k in found}) != 1:
        raise CoprodLabError("Only two entries of the same kind in one workshop can be joined.")
    _moderate(
        store,
        duplicate_id,
        actor,
        "merge",
        state="merged",
        reason="Joined with an entry that says the same thing.",
        merged_into=into_id,
    )


def _moderate(store: Store, contribution_id: int, actor: str, action: str, **values) -> None:
    with store.write() as db:
        workshop_id = db.scalar(
            select(contributions.c.workshop_id).where(contributions.c.id == contribution_id)
        )
        if workshop_id is None:
            raise CoprodLabError("That entry no longer exists.")
        db.execute(
            update(contributions).where(contributions.c.id == contribution_id).values(**values)
        )
        touch(db, workshop_id)
        record(db, actor=actor, action=action, subject="contribution", subject_id=contribution_id)
