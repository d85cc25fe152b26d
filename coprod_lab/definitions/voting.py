"""Casting and changing votes. A vote returns only after its transaction has committed.

Everything a page sends is checked again here against the store: the browser can press any
button through the widget protocol, disabled or not. The database checks the rest (one vote
per ballot per candidate per round, candidates in their round, ballots in their workshop,
open rounds only, values the method allows). Each ballot's votes are written one at a time
(its row is locked on PostgreSQL; SQLite writes one transaction at a time anyway), which keeps
a dots total honest when one person votes from two tabs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import IntegrityError

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, record
from coprod_lab.store.schema import ballots, candidates, rounds, unclear_words, votes, workshops

SKIP = None  # a skipped candidate: counted as seen, never as support
NOT_IN_ORDER = 0  # ranked: left out of the person's order on purpose (apart from Skip)


# A plan turns (method, dots, shown candidates, current votes) into the votes wanted.
Plan = Callable[[str, "int | None", set[int], dict[int, "int | None"]], dict[int, "int | None"]]


@dataclass(frozen=True)
class Saved:
    """What was committed: shown to the person as "saved"."""

    round_id: int
    votes: dict[int, int | None]  # candidate id → the value now stored


def _checked(db: Connection, ballot_id: int, round_id: int) -> tuple[int, str, int | None]:
    """Lock the ballot; return (workshop, method, dots) if it may vote in this round now."""
    query = select(ballots.c.workshop_id).where(ballots.c.id == ballot_id)
    if db.dialect.name == "postgresql":
        query = query.with_for_update()
    workshop_id = db.scalar(query)
    found = db.execute(
        select(rounds.c.workshop_id, rounds.c.method, rounds.c.dots, rounds.c.status).where(
            rounds.c.id == round_id
        )
    ).first()
    if workshop_id is None or found is None or found.workshop_id != workshop_id:
        raise CoprodLabError("That vote is not part of your workshop.")
    if found.status != "open":
        raise CoprodLabError(
            "Voting in this round has closed."
            if found.status == "closed"
            else "This round has not opened yet."
        )
    return workshop_id, found.method, found.dots


def _shown_candidates(db: Connection, round_id: int) -> set[int]:
    return set(
        db.scalars(
            select(candidates.c.id).where(
                candidates.c.round_id == round_id, candidates.c.state == "shown"
            )
        )
    )


def _current(db: Connection, ballot_id: int, round_id: int) -> dict[int, int | None]:
    rows = db.execute(
        select(votes.c.candidate_id, votes.c.value).where(
            votes.c.ballot_id == ballot_id, votes.c.round_id == round_id
        )
    ).all()
    return dict(rows)


def _write(
    db: Connection,
    *,
    workshop_id: int,
    ballot_id: int,
    round_id: int,
    wanted: dict[int, int | None],
    before: dict[int, int | None],
) -> None:
    for candidate_id, value in wanted.items():
        if candidate_id in before and before[candidate_id] == value:
            continue
        if candidate_id in before:
            db.execute(
                update(votes)
                .where(
                    votes.c.round_id == round_id,
                    votes.c.candidate_id == candidate_id,
                    votes.c.ballot_id == ballot_id,
                )
                .values(value=value, changed_at=func.now())
            )
            action = "change vote"
        else:
            db.execute(
                votes.insert().values(
                    workshop_id=workshop_id,
                    round_id=round_id,
                    candidate_id=candidate_id,
                    ballot_id=ballot_id,
                    value=value,
                )
            )
            action = "vote"
        record(
            db,
            actor=f"ballot {ballot_id}",
            action=action,
            subject="vote",
            subject_id=round_id,
            detail={"candidate": candidate_id, "value": value, "before": before.get(candidate_id)},
        )


def _save(store: Store, ballot_id: int, round_id: int, plan: Plan) -> Saved:
    try:
        with store.write() as db:
            workshop_id, method, dots = _checked(db, ballot_id, round_id)
            before = _current(db, ballot_id, round_id)
            wanted = plan(method, dots, _shown_candidates(db, round_id), before)
            _write(
                db,
                workshop_id=workshop_id,
                ballot_id=ballot_id,
                round_id=round_id,
                wanted=wanted,
                before=before,
            )
            after = _current(db, ballot_id, round_id)
    except IntegrityError as error:
        # The database's own refusals (migration 0006), for a change that slipped past the
        # checks above, for example a round closed between the check and the write.
        message = str(error.orig)
        if "not open for voting" in message:
            raise CoprodLabError("Voting in this round has closed.") from None
        if "hidden or merged" in message:
            raise CoprodLabError("That definition was taken out of the vote.") from None
        raise
    return Saved(round_id, after)


def cast(
    store: Store, ballot_id: int, round_id: int, candidate_id: int, value: int | None
) -> Saved:
    """Set one ballot's mark on one candidate (approval, thumbs or dots; None skips it)."""

    def plan(method, dots, shown, current):
        if candidate_id not in shown:
            raise CoprodLabError("That definition is not in this vote.")
        if value is not None:
            if method == "ranked":
                raise CoprodLabError("In this round put the definitions in order instead.")
            if method == "approval" and value not in (0, 1):
                raise CoprodLabError("Tick it or leave it unticked.")
            if method == "thumbs" and value not in (-1, 0, 1):
                raise CoprodLabError("Choose agree, unsure or disagree.")
            if method == "dots":
                if value < 0:
                    raise CoprodLabError("Dots cannot go below nothing.")
                others = sum(v or 0 for c, v in current.items() if c != candidate_id and c in shown)
                if others + value > dots:
                    raise CoprodLabError(
                        f"You have {dots - others} dots left; take some back from another first."
                    )
        return {candidate_id: value}

    return _save(store, ballot_id, round_id, plan)


def rank(
    store: Store,
    ballot_id: int,
    round_id: int,
    order: list[int],
    *,
    not_in_order: tuple[int, ...] = (),
) -> Saved:
    """Put definitions in order, first choice first.

    A definition that was in the order and is left out now, or is named in `not_in_order`,
    is stored as NOT_IN_ORDER; a skipped one stays skipped unless named.
    """

    def plan(method, _dots, shown, current):
        if method != "ranked":
            raise CoprodLabError("This round does not ask for an order.")
        if len(set(order)) != len(order) or not set(order) <= shown:
            raise CoprodLabError("That order does not match the definitions in this vote.")
        if not set(not_in_order) <= shown - set(order):
            raise CoprodLabError("That order does not match the definitions in this vote.")
        wanted = {c: n for n, c in enumerate(order, 1)}
        for c, value in current.items():
            if c in shown and c not in wanted:
                wanted[c] = NOT_IN_ORDER if value else value
        for c in not_in_order:
            wanted[c] = NOT_IN_ORDER
        return wanted

    return _save(store, ballot_id, round_id, plan)


def my_votes(store: Store, ballot_id: int, round_id: int) -> dict[int, int | None]:
    """What this ballot has stored in this round: candidate id → value (None: skipped;
    0 in a ranked round: not in my order)."""
    with store.read() as db:
        return _current(db, ballot_id, round_id)


def words_in(text: str) -> list[str]:
    """The words of a definition, in order, once each: what "I don't understand" offers."""
    seen: dict[str, str] = {}
    for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", text):
        seen.setdefault(word.lower(), word)
    return list(seen.values())


def not_understood(store: Store, ballot_id: int, candidate_id: int, word: str) -> bool:
    """Send a word from a definition to the plain-English review list. False if sent before."""
    from coprod_lab.jargon.project_glossary import report_unclear

    with store.read() as db:
        found = db.execute(
            select(candidates.c.text, workshops.c.project_id, ballots.c.participant_id)
            .join(rounds, rounds.c.id == candidates.c.round_id)
            .join(workshops, workshops.c.id == rounds.c.workshop_id)
            .join(ballots, ballots.c.workshop_id == workshops.c.id)
            .where(candidates.c.id == candidate_id, ballots.c.id == ballot_id)
        ).first()
    if found is None:
        raise CoprodLabError("That definition is not part of your workshop.")
    if word.lower() not in {w.lower() for w in words_in(found.text)}:
        raise CoprodLabError("Choose a word from the definition.")
    # Ballots without a person on the project's list are told apart by the source, so one
    # person pressing twice still counts once.
    source = f"voting page, ballot {ballot_id}"
    with store.read() as db:
        if db.scalar(
            select(unclear_words.c.id).where(
                unclear_words.c.project_id == found.project_id,
                func.lower(unclear_words.c.word) == word.lower(),
                unclear_words.c.source == source,
            )
        ):
            return False
    return report_unclear(
        store,
        found.project_id,
        word,
        context=found.text,
        participant_id=found.participant_id,
        source=source,
    )
