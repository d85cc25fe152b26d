"""The "Is it co-production?" quiz: the room answers short situations Yes, No or It depends.

The point is the conversation. Each person answers on their own phone, and may say in a
sentence why; the board shows how each role answered and the "it depends" reasons side by
side; after the talk the facilitator places the situation on a rung of the Ladder of
Co-production (`coprod_lab.ladder`). A workshop made with activity "quiz" starts with the
starter set in data/activities/quiz-situations.csv (written for this project; each row has
the rung the situation most often sits on and why), which the facilitator can edit.

One situation is open at a time. Answers are taken only while it is open: the database's
trigger (migration 0009_i24) refuses any other, and one answer per person per situation is a
UNIQUE constraint; a changed answer replaces the last one.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from coprod_lab.definitions.workshops import get_workshop, touch
from coprod_lab.errors import CoprodLabError
from coprod_lab.ladder import RUNGS
from coprod_lab.store import Store, record
from coprod_lab.store.schema import (
    QUIZ_ANSWERS,
    ballots,
    quiz_answers,
    quiz_situations,
)

STARTER_CSV = Path(__file__).resolve().parents[2] / "data" / "activities" / "quiz-situations.csv"
ANSWER_WORDS = {"yes": "Yes", "no": "No", "depends": "It depends"}
MAX_SITUATION = 300
MAX_REASON = 300


@dataclass(frozen=True)
class Situation:
    id: int
    workshop_id: int
    position: int
    text: str
    usual_rung: int | None
    why: str
    placed_rung: int | None
    status: str


@dataclass(frozen=True)
class Answer:
    ballot_id: int
    role: str
    answer: str
    reason: str


@dataclass
class Tally:
    """How the room answered one situation: counts by role, and every reason with its role."""

    situation: Situation
    by_role: dict[str, Counter] = field(default_factory=dict)  # role → {"yes": n, …}
    reasons: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # answer → [(role, …)]

    @property
    def people(self) -> int:
        return sum(sum(c.values()) for c in self.by_role.values())

    def total(self, answer: str) -> int:
        return sum(c[answer] for c in self.by_role.values())


def starter_set(path: Path = STARTER_CSV) -> list[tuple[str, int, str]]:
    """The shipped situations as (text, usual rung 1..7, why); raises CoprodLabError naming
    the file and line of a row that is not right."""
    found = []
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                rung = int(row["rung"])
            except (TypeError, ValueError):
                rung = 0
            if not (row.get("situation") or "").strip() or not 1 <= rung <= len(RUNGS):
                raise CoprodLabError(f"{path}, line {line}: needs a situation and a rung 1-7.")
            found.append((row["situation"].strip(), rung, (row.get("why") or "").strip()))
    return found


def _situation(row) -> Situation:
    return Situation(
        row.id,
        row.workshop_id,
        row.position,
        row.text,
        row.usual_rung,
        row.why,
        row.placed_rung,
        row.status,
    )


def _clean(text: str, limit: int, empty: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise CoprodLabError(empty)
    if len(text) > limit:
        raise CoprodLabError(f"That is too long: up to {limit} letters.")
    return text


def _check_rung(rung: int | None) -> None:
    if rung is not None and not 1 <= rung <= len(RUNGS):
        raise CoprodLabError(f"Choose a step from 1 to {len(RUNGS)} on the ladder.")


def add_starter_set(store: Store, workshop_id: int, *, actor: str) -> int:
    """Add the shipped situations to a quiz, after any it has; returns how many were added."""
    made = starter_set()
    for text, rung, why in made:
        add_situation(store, workshop_id, text, usual_rung=rung, why=why, actor=actor)
    return len(made)


def add_situation(
    store: Store,
    workshop_id: int,
    text: str,
    *,
    usual_rung: int | None = None,
    why: str = "",
    actor: str,
) -> Situation:
    """A new situation at the end of the quiz, not yet open."""
    text = _clean(text, MAX_SITUATION, "Type the situation first.")
    _check_rung(usual_rung)
    if get_workshop(store, workshop_id).activity != "quiz":
        raise CoprodLabError("This room is not running the quiz.")
    with store.write() as db:
        last = db.scalar(
            select(func.max(quiz_situations.c.position)).where(
                quiz_situations.c.workshop_id == workshop_id
            )
        )
        new_id = db.execute(
            quiz_situations.insert().values(
                workshop_id=workshop_id,
                position=(last or 0) + 1,
                text=text,
                usual_rung=usual_rung,
                why=" ".join(why.split()),
            )
        ).inserted_primary_key[0]
        touch(db, workshop_id)
        record(db, actor=actor, action="add", subject="quiz situation", subject_id=new_id)
    return get_situation(store, new_id)


def get_situation(store: Store, situation_id: int) -> Situation:
    with store.read() as db:
        row = db.execute(
            select(quiz_situations).where(quiz_situations.c.id == situation_id)
        ).first()
    if row is None:
        raise CoprodLabError("That situation is no longer in the quiz.")
    return _situation(row)


def situations_in(store: Store, workshop_id: int) -> list[Situation]:
    """The quiz's situations in the order they are shown."""
    with store.read() as db:
        rows = db.execute(
            select(quiz_situations)
            .where(quiz_situations.c.workshop_id == workshop_id)
            .order_by(quiz_situations.c.position, quiz_situations.c.id)
        ).all()
    return [_situation(row) for row in rows]


def open_situation(store: Store, workshop_id: int) -> Situation | None:
    """The situation people answer now, or None."""
    with store.read() as db:
        row = db.execute(
            select(quiz_situations).where(
                quiz_situations.c.workshop_id == workshop_id, quiz_situations.c.status == "open"
            )
        ).first()
    return _situation(row) if row else None


def _locked(db: Connection, situation_id: int, workshop_id: int | None = None) -> Situation:
    query = select(quiz_situations).where(quiz_situations.c.id == situation_id)
    if db.dialect.name == "postgresql":
        query = query.with_for_update()
    row = db.execute(query).first()
    if row is None or (workshop_id is not None and row.workshop_id != workshop_id):
        raise CoprodLabError("That situation is no longer in the quiz.")
    return _situation(row)


def edit_situation(
    store: Store,
    situation_id: int,
    text: str,
    *,
    usual_rung: int | None,
    why: str,
    actor: str,
) -> None:
    """Change a situation's words, usual rung and why, before anyone has answered it."""
    text = _clean(text, MAX_SITUATION, "Type the situation first.")
    _check_rung(usual_rung)
    with store.write() as db:
        found = _locked(db, situation_id)
        if found.status != "draft":
            raise CoprodLabError("A situation can be changed only before it is opened.")
        db.execute(
            update(quiz_situations)
            .where(quiz_situations.c.id == situation_id)
            .values(text=text, usual_rung=usual_rung, why=" ".join(why.split()))
        )
        touch(db, found.workshop_id)
        record(db, actor=actor, action="edit", subject="quiz situation", subject_id=situation_id)


def remove_situation(store: Store, situation_id: int, *, actor: str) -> None:
    """Take a situation nobody has answered out of the quiz."""
    with store.write() as db:
        found = _locked(db, situation_id)
        if found.status != "draft":
            raise CoprodLabError("A situation can be taken out only before it is opened.")
        db.execute(delete(quiz_situations).where(quiz_situations.c.id == situation_id))
        touch(db, found.workshop_id)
        record(db, actor=actor, action="remove", subject="quiz situation", subject_id=situation_id)


def open_for_answers(store: Store, situation_id: int, *, actor: str) -> None:
    """Open a situation for answers; one that was open is closed first (one at a time)."""
    with store.write() as db:
        found = _locked(db, situation_id)
        if found.status == "open":
            return
        db.execute(
            update(quiz_situations)
            .where(
                quiz_situations.c.workshop_id == found.workshop_id,
                quiz_situations.c.status == "open",
            )
            .values(status="closed")
        )
        db.execute(
            update(quiz_situations)
            .where(quiz_situations.c.id == situation_id)
            .values(status="open")
        )
        touch(db, found.workshop_id)
        record(db, actor=actor, action="open", subject="quiz situation", subject_id=situation_id)


def close_answers(store: Store, situation_id: int, *, actor: str) -> None:
    """Close a situation: from the commit on, the database refuses answers to it."""
    with store.write() as db:
        found = _locked(db, situation_id)
        if found.status != "open":
            raise CoprodLabError("Only an open situation can be closed.")
        db.execute(
            update(quiz_situations)
            .where(quiz_situations.c.id == situation_id)
            .values(status="closed")
        )
        touch(db, found.workshop_id)
        record(db, actor=actor, action="close", subject="quiz situation", subject_id=situation_id)


def place_on_rung(store: Store, situation_id: int, rung: int, *, actor: str) -> None:
    """Where the room put the situation on the ladder after talking (1 = Coercion … 7 =
    Co-production, as in `coprod_lab.ladder.RUNGS`); it can be moved again."""
    if rung is None:
        raise CoprodLabError("Choose a step on the ladder first.")
    _check_rung(rung)
    with store.write() as db:
        found = _locked(db, situation_id)
        db.execute(
            update(quiz_situations)
            .where(quiz_situations.c.id == situation_id)
            .values(placed_rung=rung)
        )
        touch(db, found.workshop_id)
        record(
            db,
            actor=actor,
            action="place",
            subject="quiz situation",
            subject_id=situation_id,
            detail={"rung": rung},
        )


def answer(
    store: Store, ballot_id: int, situation_id: int, choice: str, reason: str = ""
) -> Answer:
    """Save this ballot's answer ("yes", "no" or "depends") and optional reason, replacing
    its last one. Raises CoprodLabError if the situation is not open, or the ballot is not
    in the situation's room (the database refuses both as well)."""
    if choice not in QUIZ_ANSWERS:
        raise CoprodLabError("Choose Yes, No or It depends.")
    reason = " ".join(reason.split())
    if len(reason) > MAX_REASON:
        raise CoprodLabError(f"That is too long: up to {MAX_REASON} letters.")
    try:
        with store.write() as db:
            # No lock here: the trigger takes a shared one, so answers do not queue behind
            # each other, and closing waits for the ones being saved.
            row = db.execute(
                select(quiz_situations).where(quiz_situations.c.id == situation_id)
            ).first()
            if row is None:
                raise CoprodLabError("That situation is no longer in the quiz.")
            found = _situation(row)
            role = db.scalar(
                select(ballots.c.role).where(
                    ballots.c.id == ballot_id, ballots.c.workshop_id == found.workshop_id
                )
            )
            if role is None:
                raise CoprodLabError("That situation is not part of your room.")
            if found.status != "open":
                raise CoprodLabError("Answers to this situation have closed.")
            done = db.execute(
                update(quiz_answers)
                .where(
                    quiz_answers.c.situation_id == situation_id,
                    quiz_answers.c.ballot_id == ballot_id,
                )
                .values(answer=choice, reason=reason, changed_at=func.now())
            ).rowcount
            if not done:
                db.execute(
                    quiz_answers.insert().values(
                        workshop_id=found.workshop_id,
                        situation_id=situation_id,
                        ballot_id=ballot_id,
                        answer=choice,
                        reason=reason,
                    )
                )
            record(
                db,
                actor=f"ballot {ballot_id}",
                action="answer",
                subject="quiz situation",
                subject_id=situation_id,
                detail={"answer": choice},
            )
    except IntegrityError as error:
        if "not open for answers" in str(error.orig):
            raise CoprodLabError("Answers to this situation have closed.") from None
        raise
    return Answer(ballot_id, role, choice, reason)


def my_answer(store: Store, ballot_id: int, situation_id: int) -> Answer | None:
    with store.read() as db:
        row = db.execute(
            select(quiz_answers.c.answer, quiz_answers.c.reason, ballots.c.role)
            .join(ballots, ballots.c.id == quiz_answers.c.ballot_id)
            .where(
                quiz_answers.c.situation_id == situation_id,
                quiz_answers.c.ballot_id == ballot_id,
            )
        ).first()
    return Answer(ballot_id, row.role, row.answer, row.reason) if row else None


def answer_activity(store: Store, workshop_id: int) -> tuple:
    """How many answers the room has and when the last changed: pages redraw when it moves."""
    with store.read() as db:
        return tuple(
            db.execute(
                select(func.count(), func.max(quiz_answers.c.changed_at)).where(
                    quiz_answers.c.workshop_id == workshop_id
                )
            ).one()
        )


def tally(store: Store, situation_id: int) -> Tally:
    """Counts by the role each person declared, and the reasons grouped by answer.

    Reasons are listed oldest first, with the role only, never the person's name.
    """
    found = get_situation(store, situation_id)
    with store.read() as db:
        rows = db.execute(
            select(quiz_answers.c.answer, quiz_answers.c.reason, ballots.c.role)
            .join(ballots, ballots.c.id == quiz_answers.c.ballot_id)
            .where(quiz_answers.c.situation_id == situation_id)
            .order_by(quiz_answers.c.id)
        ).all()
    by_role: dict[str, Counter] = defaultdict(Counter)
    reasons: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        by_role[row.role][row.answer] += 1
        if row.reason:
            reasons[row.answer].append((row.role, row.reason))
    return Tally(found, dict(by_role), dict(reasons))


def rung_words(rung: int | None) -> str:
    """The words for a rung ("Rung 4: Consultation"), or "" for None."""
    return f"Rung {rung}: {RUNGS[rung - 1][0]}" if rung else ""
