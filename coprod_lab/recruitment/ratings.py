"""Rating answers: thumbs up, in the middle or thumbs down, with an optional note.

A rating returns only after its transaction has committed, so the page says "Saved" only
then. Everything is checked again here against the store (the browser can press any button
through the widget protocol), and the database checks the rest: one rating per member per
answer (a UNIQUE constraint), questions and candidates of the member's own panel (composite
foreign keys), and only while the candidate's interview is open (triggers, migration 0009_i24b).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import IntegrityError

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, record
from coprod_lab.store.schema import (
    RATING_VALUES,
    ballots,
    panel_candidates,
    panel_questions,
    panel_ratings,
    panels,
)

RATING_WORDS = {1: "thumbs up", 0: "in the middle", -1: "thumbs down"}
MAX_NOTE = 500


@dataclass(frozen=True)
class Rating:
    """One member's stored rating of one answer."""

    question_id: int
    value: int  # 1 thumbs up, 0 in the middle, -1 thumbs down
    note: str


def _checked(db: Connection, ballot_id: int, candidate_id: int, question_id: int) -> tuple:
    """Lock the member's card; return (panel, workshop) if they may rate this answer now."""
    query = select(ballots.c.workshop_id).where(ballots.c.id == ballot_id)
    if db.dialect.name == "postgresql":
        query = query.with_for_update()
    workshop_id = db.scalar(query)
    panel_id = db.scalar(select(panels.c.id).where(panels.c.workshop_id == workshop_id))
    # Shared lock: closing the interview waits for this rating, and a note is never changed
    # after the close (the database's trigger guards only the rating itself).
    interview = select(panel_candidates.c.panel_id, panel_candidates.c.status).where(
        panel_candidates.c.id == candidate_id
    )
    if db.dialect.name == "postgresql":
        interview = interview.with_for_update(read=True)
    candidate = db.execute(interview).first()
    in_panel = db.scalar(
        select(panel_questions.c.panel_id).where(panel_questions.c.id == question_id)
    )
    if panel_id is None or candidate is None or candidate.panel_id != panel_id:
        raise CoprodLabError("That candidate is not one your panel is interviewing.")
    if in_panel != panel_id:
        raise CoprodLabError("That question is not one of your panel's questions.")
    if candidate.status != "open":
        raise CoprodLabError(
            "This interview has closed, so ratings cannot change now."
            if candidate.status == "closed"
            else "This interview has not started yet."
        )
    return panel_id, workshop_id


def rate(
    store: Store,
    ballot_id: int,
    candidate_id: int,
    question_id: int,
    value: int | None,
    *,
    note: str | None = None,
) -> Rating:
    """Store a member's rating of an answer (and note), replacing theirs if they rated it.

    `value` is 1, 0 or -1; None keeps the rating already stored (to change only the note,
    which then must exist). `note` None keeps the stored note; "" clears it. Returns what
    the store now holds. Raises CoprodLabError when the interview is not open, the answer is
    not one of the member's panel, the value is not offered, or the note is too long.
    """
    if value is not None and value not in RATING_VALUES:
        raise CoprodLabError("Choose thumbs up, in the middle or thumbs down.")
    if note is not None:
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise CoprodLabError(f"Make the note shorter (up to {MAX_NOTE} letters).")
    try:
        with store.write() as db:
            panel_id, workshop_id = _checked(db, ballot_id, candidate_id, question_id)
            mine = (
                (panel_ratings.c.ballot_id == ballot_id)
                & (panel_ratings.c.candidate_id == candidate_id)
                & (panel_ratings.c.question_id == question_id)
            )
            before = db.execute(select(panel_ratings.c.value, panel_ratings.c.note).where(mine))
            before = before.first()
            if before is None:
                if value is None:
                    raise CoprodLabError(
                        "Choose thumbs up, in the middle or thumbs down first, then add a note."
                    )
                db.execute(
                    panel_ratings.insert().values(
                        panel_id=panel_id,
                        workshop_id=workshop_id,
                        candidate_id=candidate_id,
                        question_id=question_id,
                        ballot_id=ballot_id,
                        value=value,
                        note=note or "",
                    )
                )
                action = "rate"
            else:
                changes = {}
                if value is not None and value != before.value:
                    changes["value"] = value
                if note is not None and note != before.note:
                    changes["note"] = note
                if changes:
                    db.execute(
                        update(panel_ratings).where(mine).values(**changes, changed_at=func.now())
                    )
                action = "change rating"
            # The event keeps the value, never the note's words (notes are about a person).
            record(
                db,
                actor=f"ballot {ballot_id}",
                action=action,
                subject="panel rating",
                subject_id=candidate_id,
                detail={"question": question_id, "value": value, "note changed": note is not None},
            )
            after = db.execute(select(panel_ratings.c.value, panel_ratings.c.note).where(mine))
            after = after.first()
    except IntegrityError as error:
        # The database's own refusal (migration 0009_i24b), for an interview closed between
        # the check above and the write.
        if "not open for rating" in str(error.orig):
            raise CoprodLabError(
                "This interview has closed, so ratings cannot change now."
            ) from None
        raise
    return Rating(question_id, after.value, after.note)


def my_ratings(store: Store, ballot_id: int, candidate_id: int) -> dict[int, Rating]:
    """This member's ratings of this candidate: question id → Rating."""
    with store.read() as db:
        rows = db.execute(
            select(panel_ratings.c.question_id, panel_ratings.c.value, panel_ratings.c.note).where(
                panel_ratings.c.ballot_id == ballot_id,
                panel_ratings.c.candidate_id == candidate_id,
            )
        ).all()
    return {row.question_id: Rating(*row) for row in rows}


def members_done(store: Store, candidate_id: int, questions: int) -> int:
    """How many members have rated every one of `questions` answers of this candidate."""
    with store.read() as db:
        per_member = db.execute(
            select(panel_ratings.c.ballot_id, func.count())
            .where(panel_ratings.c.candidate_id == candidate_id)
            .group_by(panel_ratings.c.ballot_id)
        ).all()
    return sum(1 for _ballot, count in per_member if count >= questions)
