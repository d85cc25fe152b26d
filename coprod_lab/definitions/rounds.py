"""Rounds of voting on candidate definitions, and the facilitator's moderation of candidates.

A round goes draft → open → closed, never back: a closed round's result is final, and the
database refuses votes in any round that is not open (see migration 0006). Candidates are
merged or reworded before the round opens; hiding, with a reason people see, works at any time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, update

from coprod_lab.definitions.workshops import touch
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, record
from coprod_lab.store.schema import VOTING_METHODS, candidates, rounds, votes

METHOD_LABELS = {
    "approval": "Tick every definition you agree with",
    "thumbs": "Agree, unsure or disagree with each definition",
    "ranked": "Put the definitions in order, your favourite first",
    "dots": "Spread your dots over the definitions you like",
}
METHOD_NAMES = {
    "approval": "Approval (tick all you agree with)",
    "thumbs": "Thumbs (agree, unsure, disagree)",
    "ranked": "Ranked (Borda count and instant runoff)",
    "dots": "Dots (spread a number of dots)",
}
MAX_CANDIDATE = 400


@dataclass(frozen=True)
class Round:
    id: int
    workshop_id: int
    title: str
    method: str
    dots: int | None
    status: str
    hide_results: bool


@dataclass(frozen=True)
class Candidate:
    id: int
    round_id: int
    text: str
    ballot_id: int | None
    proposed_text: str | None
    state: str
    reason: str
    merged_into: int | None


def _round(row) -> Round:
    return Round(
        row.id, row.workshop_id, row.title, row.method, row.dots, row.status, row.hide_results
    )


def _candidate(row) -> Candidate:
    return Candidate(
        row.id,
        row.round_id,
        row.text,
        row.ballot_id,
        row.proposed_text,
        row.state,
        row.reason,
        row.merged_into,
    )


def add_round(
    store: Store,
    workshop_id: int,
    title: str,
    method: str,
    *,
    dots: int | None = None,
    actor: str,
) -> Round:
    title = " ".join(title.split())
    if not title:
        raise CoprodLabError("Give the round a name, for example 'First vote'.")
    if method not in VOTING_METHODS:
        raise CoprodLabError(f"{method!r} is not a voting method; choose one of {VOTING_METHODS}.")
    if method == "dots":
        if dots is None or not 1 <= dots <= 50:
            raise CoprodLabError("Give each person between 1 and 50 dots.")
    else:
        dots = None
    with store.write() as db:
        if db.scalar(
            select(rounds.c.id).where(rounds.c.workshop_id == workshop_id, rounds.c.title == title)
        ):
            raise CoprodLabError(f"There is already a round called {title!r}.")
        new_id = db.execute(
            rounds.insert().values(workshop_id=workshop_id, title=title, method=method, dots=dots)
        ).inserted_primary_key[0]
        touch(db, workshop_id)
        record(db, actor=actor, action="create", subject="round", subject_id=new_id)
    return get_round(store, new_id)


def get_round(store: Store, round_id: int) -> Round:
    with store.read() as db:
        row = db.execute(select(rounds).where(rounds.c.id == round_id)).first()
    if row is None:
        raise CoprodLabError("That round no longer exists.")
    return _round(row)


def rounds_in(store: Store, workshop_id: int) -> list[Round]:
    with store.read() as db:
        rows = db.execute(
            select(rounds).where(rounds.c.workshop_id == workshop_id).order_by(rounds.c.id)
        ).all()
    return [_round(row) for row in rows]


def open_round_of(store: Store, workshop_id: int) -> Round | None:
    """The round people vote in now: the newest open one."""
    with store.read() as db:
        row = db.execute(
            select(rounds)
            .where(rounds.c.workshop_id == workshop_id, rounds.c.status == "open")
            .order_by(rounds.c.id.desc())
        ).first()
    return _round(row) if row else None


def candidates_in(store: Store, round_id: int, *, shown_only: bool = False) -> list[Candidate]:
    query = select(candidates).where(candidates.c.round_id == round_id)
    if shown_only:
        query = query.where(candidates.c.state == "shown")
    with store.read() as db:
        rows = db.execute(query.order_by(candidates.c.id)).all()
    return [_candidate(row) for row in rows]


def add_candidate(
    store: Store, round_id: int, text: str, *, ballot_id: int | None = None, actor: str
) -> Candidate:
    """A definition to vote on; `ballot_id` is its author, who must agree to rewording."""
    text = " ".join(text.split())
    if not text:
        raise CoprodLabError("Type the definition first.")
    if len(text) > MAX_CANDIDATE:
        raise CoprodLabError(f"That is too long for one definition: up to {MAX_CANDIDATE} letters.")
    with store.write() as db:
        found = _locked_round(db, round_id)
        if found.status != "draft":
            raise CoprodLabError("Add definitions before the round opens.")
        new_id = db.execute(
            candidates.insert().values(round_id=round_id, text=text, ballot_id=ballot_id)
        ).inserted_primary_key[0]
        touch(db, found.workshop_id)
        record(db, actor=actor, action="add", subject="candidate", subject_id=new_id)
    return Candidate(new_id, round_id, text, ballot_id, None, "shown", "", None)


def _locked_round(db: Connection, round_id: int) -> Round:
    query = select(rounds).where(rounds.c.id == round_id)
    if db.dialect.name == "postgresql":
        query = query.with_for_update()
    row = db.execute(query).first()
    if row is None:
        raise CoprodLabError("That round no longer exists.")
    return _round(row)


def _candidate_in_draft(db: Connection, candidate_id: int, action: str) -> tuple[Candidate, Round]:
    row = db.execute(select(candidates).where(candidates.c.id == candidate_id)).first()
    if row is None:
        raise CoprodLabError("That definition no longer exists.")
    found = _locked_round(db, row.round_id)
    if action != "hide" and found.status != "draft":
        raise CoprodLabError("Join or reword definitions before the round opens.")
    return _candidate(row), found


def hide_candidate(store: Store, candidate_id: int, reason: str, *, actor: str) -> None:
    """Hide a definition with the reason people will see; its votes stop counting."""
    reason = " ".join(reason.split())
    if not reason:
        raise CoprodLabError("Say why it is hidden: people see the reason.")
    with store.write() as db:
        _cand, found = _candidate_in_draft(db, candidate_id, "hide")
        if found.status == "closed":
            raise CoprodLabError("This round is closed; its results are final.")
        db.execute(
            update(candidates)
            .where(candidates.c.id == candidate_id)
            .values(state="hidden", reason=reason)
        )
        touch(db, found.workshop_id)
        record(db, actor=actor, action="hide", subject="candidate", subject_id=candidate_id)


def merge_candidates(store: Store, duplicate_id: int, into_id: int, *, actor: str) -> None:
    if duplicate_id == into_id:
        raise CoprodLabError("Choose two different definitions to join.")
    with store.write() as db:
        duplicate, found = _candidate_in_draft(db, duplicate_id, "merge")
        into, _ = _candidate_in_draft(db, into_id, "merge")
        if duplicate.round_id != into.round_id:
            raise CoprodLabError("Only definitions in the same round can be joined.")
        db.execute(
            update(candidates)
            .where(candidates.c.id == duplicate_id)
            .values(
                state="merged",
                merged_into=into_id,
                reason="Joined with a definition that says the same thing.",
            )
        )
        touch(db, found.workshop_id)
        record(db, actor=actor, action="merge", subject="candidate", subject_id=duplicate_id)


def propose_rewording(store: Store, candidate_id: int, text: str, *, actor: str) -> bool:
    """Reword a definition: at once if no one in the room wrote it, else once they agree.

    Returns True when the new wording is in place, False when it waits for the author.
    """
    text = " ".join(text.split())
    if not text:
        raise CoprodLabError("Type the new wording first.")
    with store.write() as db:
        cand, found = _candidate_in_draft(db, candidate_id, "reword")
        values = {"proposed_text": text} if cand.ballot_id else {"text": text}
        db.execute(update(candidates).where(candidates.c.id == candidate_id).values(**values))
        touch(db, found.workshop_id)
        record(db, actor=actor, action="reword", subject="candidate", subject_id=candidate_id)
    return cand.ballot_id is None


def answer_rewording(store: Store, candidate_id: int, ballot_id: int, agree: bool) -> None:
    """The author's answer to a suggested new wording of their definition."""
    with store.write() as db:
        cand, found = _candidate_in_draft(db, candidate_id, "reword")
        if cand.ballot_id != ballot_id or cand.proposed_text is None:
            raise CoprodLabError("There is no change waiting for your answer.")
        values = {"text": cand.proposed_text} if agree else {}
        db.execute(
            update(candidates)
            .where(candidates.c.id == candidate_id)
            .values(proposed_text=None, **values)
        )
        touch(db, found.workshop_id)
        record(
            db,
            actor=f"ballot {ballot_id}",
            action="agree" if agree else "decline",
            subject="candidate",
            subject_id=candidate_id,
        )


def open_round(store: Store, round_id: int, *, actor: str, now: dt.datetime | None = None) -> None:
    with store.write() as db:
        found = _locked_round(db, round_id)
        if found.status != "draft":
            raise CoprodLabError("This round has already been opened.")
        shown = db.scalar(
            select(func.count())
            .select_from(candidates)
            .where(candidates.c.round_id == round_id, candidates.c.state == "shown")
        )
        if shown < 2:
            raise CoprodLabError("A round needs at least two definitions to vote on.")
        db.execute(
            update(rounds)
            .where(rounds.c.id == round_id)
            .values(status="open", opened_at=now or dt.datetime.now(dt.UTC))
        )
        touch(db, found.workshop_id)
        record(db, actor=actor, action="open", subject="round", subject_id=round_id)


def close_round(store: Store, round_id: int, *, actor: str, now: dt.datetime | None = None) -> None:
    """Close the round: from the commit on, the database refuses any vote in it."""
    with store.write() as db:
        found = _locked_round(db, round_id)
        if found.status != "open":
            raise CoprodLabError("Only an open round can be closed.")
        db.execute(
            update(rounds)
            .where(rounds.c.id == round_id)
            .values(status="closed", closed_at=now or dt.datetime.now(dt.UTC))
        )
        touch(db, found.workshop_id)
        record(
            db,
            actor=actor,
            action="close",
            subject="round",
            subject_id=round_id,
            detail={
                "votes": db.scalar(
                    select(func.count()).select_from(votes).where(votes.c.round_id == round_id)
                )
            },
        )


def set_hide_results(store: Store, round_id: int, hide: bool, *, actor: str) -> None:
    """Keep results off the participants' pages until the round closes, or show them live."""
    with store.write() as db:
        found = _locked_round(db, round_id)
        db.execute(update(rounds).where(rounds.c.id == round_id).values(hide_results=hide))
        touch(db, found.workshop_id)
        record(
            db,
            actor=actor,
            action="hide results" if hide else "show results",
            subject="round",
            subject_id=round_id,
        )
