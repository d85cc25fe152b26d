"""A round's result read from the store, and what the results board shows when.

Hidden and merged candidates' votes do not count; skips count the person as having voted.
"""

from __future__ import annotations

from sqlalchemy import func, select

from coprod_lab.definitions.rounds import Round, candidates_in, get_round
from coprod_lab.definitions.tallies import Mark, Result, tally
from coprod_lab.store import Store
from coprod_lab.store.schema import ballots, votes


def marks_in(store: Store, round_id: int) -> list[Mark]:
    with store.read() as db:
        rows = db.execute(
            select(votes.c.ballot_id, ballots.c.role, votes.c.candidate_id, votes.c.value)
            .join(ballots, ballots.c.id == votes.c.ballot_id)
            .where(votes.c.round_id == round_id)
            .order_by(votes.c.id)
        ).all()
    return [Mark(*row) for row in rows]


def round_result(store: Store, round_id: int) -> tuple[Round, Result]:
    found = get_round(store, round_id)
    shown = [(c.id, c.text) for c in candidates_in(store, round_id, shown_only=True)]
    return found, tally(found.method, shown, marks_in(store, round_id))


def results_visible(found: Round) -> bool:
    """Participants see results once the round closes, or live if the facilitator allows."""
    return found.status == "closed" or (found.status == "open" and not found.hide_results)


def vote_activity(store: Store, round_id: int) -> tuple[int, object]:
    """How many votes and when the last changed: the board redraws only when this moves."""
    with store.read() as db:
        row = db.execute(
            select(func.count(), func.max(votes.c.changed_at)).where(votes.c.round_id == round_id)
        ).one()
    return row[0], row[1]
