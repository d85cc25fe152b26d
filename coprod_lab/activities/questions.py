"""Questions for a brave conversation: the room asks a panel, unrehearsed.

People send questions from their phones, with their name or without; others say "I want this
asked too"; the facilitator takes them in order of support, joins duplicates, hides any with a
reason everyone sees (the workshop's moderation policy, as for definitions), and marks one
"being answered now", which the board shows. Questions not reached are kept for the
follow-up: each becomes a "you said, we did" entry (keep_for_you_said), and a CSV export too.

The asker's own support is a row like anyone else's, so support is one count. One support
per person per question is a UNIQUE constraint; the database refuses support for a hidden or
joined question and any question once the room has stopped taking them (migration 0009_i24);
at most one question per room is being answered now (a partial unique index).

A question sent without a name is kept with its ballot, so the asker sees it as theirs and
it goes if their ballot is erased, but the name is never shown or exported with it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy import Connection, func, select, update
from sqlalchemy.exc import IntegrityError

from coprod_lab.definitions.ballots import ROLE_SHORT
from coprod_lab.definitions.workshops import get_workshop, touch
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, record
from coprod_lab.store.schema import (
    ballots,
    participants,
    question_support,
    questions,
    workshops,
    you_said,
)

MAX_QUESTION = 300
STATUS_WORDS = {"waiting": "Waiting", "now": "Being answered now", "answered": "Answered"}


@dataclass(frozen=True)
class Question:
    id: int
    workshop_id: int
    ballot_id: int
    text: str
    asked_by: str | None  # the asker's name if they chose to give it, else None
    role: str
    state: str  # shown, hidden, merged
    reason: str
    merged_into: int | None
    status: str  # waiting, now, answered
    support: int


def _refused(error: IntegrityError) -> CoprodLabError | None:
    message = str(error.orig)
    if "not taking questions" in message:
        return CoprodLabError("The room has stopped taking questions.")
    if "hidden or joined" in message:
        return CoprodLabError("That question was hidden or joined with another.")
    return None


def _ballot_in(db: Connection, ballot_id: int, workshop_id: int) -> None:
    found = db.scalar(
        select(ballots.c.id).where(ballots.c.id == ballot_id, ballots.c.workshop_id == workshop_id)
    )
    if found is None:
        raise CoprodLabError("That question is not part of your room.")


def ask(
    store: Store, workshop_id: int, ballot_id: int, text: str, *, named: bool = False
) -> Question:
    """Send a question to the panel; `named` shows the asker's name with it. The asker
    supports their own question. Raises CoprodLabError if the room has stopped taking
    questions, the text is empty or longer than MAX_QUESTION letters."""
    text = " ".join(text.split())
    if not text:
        raise CoprodLabError("Type your question first.")
    if len(text) > MAX_QUESTION:
        raise CoprodLabError(f"That is too long: up to {MAX_QUESTION} letters.")
    room = get_workshop(store, workshop_id)
    if room.activity != "questions":
        raise CoprodLabError("This room is not taking questions.")
    if room.stage == "finished":
        raise CoprodLabError("The room has stopped taking questions.")
    try:
        with store.write() as db:
            _ballot_in(db, ballot_id, workshop_id)
            # The room's counter first: its row lock is taken before the trigger's shared
            # one, so two questions sent at once queue instead of deadlocking (PostgreSQL).
            touch(db, workshop_id)
            new_id = db.execute(
                questions.insert().values(
                    workshop_id=workshop_id, ballot_id=ballot_id, named=named, text=text
                )
            ).inserted_primary_key[0]
            db.execute(
                question_support.insert().values(
                    workshop_id=workshop_id, question_id=new_id, ballot_id=ballot_id
                )
            )
            record(
                db, actor=f"ballot {ballot_id}", action="ask", subject="question", subject_id=new_id
            )
    except IntegrityError as error:
        raise (_refused(error) or error) from None
    return get_question(store, new_id)


def support(store: Store, ballot_id: int, question_id: int) -> bool:
    """Say "I want this asked too" from this ballot. Returns False if it had said so already.
    Raises CoprodLabError for a question hidden, joined, answered or in another room."""
    try:
        with store.write() as db:
            row = db.execute(
                select(questions.c.workshop_id, questions.c.state, questions.c.status).where(
                    questions.c.id == question_id
                )
            ).first()
            if row is None:
                raise CoprodLabError("That question is not part of your room.")
            _ballot_in(db, ballot_id, row.workshop_id)
            if row.state != "shown":
                raise CoprodLabError("That question was hidden or joined with another.")
            if row.status == "answered":
                raise CoprodLabError("That question has been answered.")
            already = db.scalar(
                select(question_support.c.id).where(
                    question_support.c.question_id == question_id,
                    question_support.c.ballot_id == ballot_id,
                )
            )
            if already:
                return False
            db.execute(
                question_support.insert().values(
                    workshop_id=row.workshop_id, question_id=question_id, ballot_id=ballot_id
                )
            )
            record(
                db,
                actor=f"ballot {ballot_id}",
                action="support",
                subject="question",
                subject_id=question_id,
            )
    except IntegrityError as error:
        refused = _refused(error)
        if refused is not None:
            raise refused from None
        return False  # the same press twice at once: the UNIQUE constraint kept one
    return True


def supported_by(store: Store, ballot_id: int) -> set[int]:
    """The questions this ballot has asked or supported."""
    with store.read() as db:
        return set(
            db.scalars(
                select(question_support.c.question_id).where(
                    question_support.c.ballot_id == ballot_id
                )
            )
        )


def _support_counts():
    return (
        select(question_support.c.question_id, func.count().label("support"))
        .group_by(question_support.c.question_id)
        .subquery()
    )


def questions_in(store: Store, workshop_id: int) -> list[Question]:
    """Every question in the room, most supported first (oldest first among equals), hidden
    and joined ones included; each carries its support count."""
    counts = _support_counts()
    with store.read() as db:
        rows = db.execute(
            select(
                questions,
                ballots.c.name,
                ballots.c.role,
                func.coalesce(counts.c.support, 0).label("support"),
            )
            .join(ballots, ballots.c.id == questions.c.ballot_id)
            .outerjoin(counts, counts.c.question_id == questions.c.id)
            .where(questions.c.workshop_id == workshop_id)
            .order_by(func.coalesce(counts.c.support, 0).desc(), questions.c.id)
        ).all()
    return [
        Question(
            r.id,
            r.workshop_id,
            r.ballot_id,
            r.text,
            r.name if r.named and r.name else None,
            r.role,
            r.state,
            r.reason,
            r.merged_into,
            r.status,
            r.support,
        )
        for r in rows
    ]


def get_question(store: Store, question_id: int) -> Question:
    with store.read() as db:
        workshop_id = db.scalar(
            select(questions.c.workshop_id).where(questions.c.id == question_id)
        )
    if workshop_id is None:
        raise CoprodLabError("That question no longer exists.")
    return next(q for q in questions_in(store, workshop_id) if q.id == question_id)


def support_activity(store: Store, workshop_id: int) -> tuple:
    """How many supports the room has and when the last came: the board redraws on a move."""
    with store.read() as db:
        return tuple(
            db.execute(
                select(func.count(), func.max(question_support.c.created_at)).where(
                    question_support.c.workshop_id == workshop_id
                )
            ).one()
        )


def _moderate(db: Connection, question_id: int, actor: str, action: str, **values) -> int:
    workshop_id = db.scalar(select(questions.c.workshop_id).where(questions.c.id == question_id))
    if workshop_id is None:
        raise CoprodLabError("That question no longer exists.")
    touch(db, workshop_id)
    db.execute(update(questions).where(questions.c.id == question_id).values(**values))
    record(db, actor=actor, action=action, subject="question", subject_id=question_id)
    return workshop_id


def hide(store: Store, question_id: int, reason: str, *, actor: str) -> None:
    """Hide a question; everyone sees the reason in its place (the room's policy)."""
    reason = " ".join(reason.split())
    if not reason:
        raise CoprodLabError("Say why it is hidden: people see the reason.")
    with store.write() as db:
        _moderate(db, question_id, actor, "hide", state="hidden", reason=reason, status="waiting")


def merge(store: Store, duplicate_id: int, into_id: int, *, actor: str) -> None:
    """Join a duplicate into another question of the same room: its supporters move over
    (once each), and the duplicate says it was joined."""
    if duplicate_id == into_id:
        raise CoprodLabError("Choose two different questions to join.")
    with store.write() as db:
        found = db.execute(
            select(questions.c.id, questions.c.workshop_id, questions.c.state).where(
                questions.c.id.in_([duplicate_id, into_id])
            )
        ).all()
        if len(found) != 2 or len({w for _i, w, _s in found}) != 1:
            raise CoprodLabError("Only two questions from the same room can be joined.")
        if any(state != "shown" for _i, _w, state in found):
            raise CoprodLabError("Only questions that are showing can be joined.")
        workshop_id = found[0].workshop_id
        _moderate(
            db,
            duplicate_id,
            actor,
            "merge",
            state="merged",
            reason="Joined with a question that asks the same thing.",
            merged_into=into_id,
            status="waiting",
        )
        kept = set(
            db.scalars(
                select(question_support.c.ballot_id).where(
                    question_support.c.question_id == into_id
                )
            )
        )
        moved = db.scalars(
            select(question_support.c.ballot_id).where(
                question_support.c.question_id == duplicate_id
            )
        ).all()
        for ballot_id in moved:
            if ballot_id not in kept:
                db.execute(
                    question_support.insert().values(
                        workshop_id=workshop_id, question_id=into_id, ballot_id=ballot_id
                    )
                )


def answering_now(store: Store, question_id: int, *, actor: str) -> None:
    """Mark a question as being answered now; the one answered before it becomes answered."""
    with store.write() as db:
        row = db.execute(
            select(questions.c.workshop_id, questions.c.state).where(questions.c.id == question_id)
        ).first()
        if row is None:
            raise CoprodLabError("That question no longer exists.")
        if row.state != "shown":
            raise CoprodLabError("A hidden or joined question cannot be answered now.")
        touch(db, row.workshop_id)
        db.execute(
            update(questions)
            .where(questions.c.workshop_id == row.workshop_id, questions.c.status == "now")
            .values(status="answered")
        )
        db.execute(update(questions).where(questions.c.id == question_id).values(status="now"))
        record(db, actor=actor, action="answering", subject="question", subject_id=question_id)


def answered(store: Store, question_id: int, *, actor: str) -> None:
    """Mark a question answered (for example the one being answered now, when it is done)."""
    with store.write() as db:
        _moderate(db, question_id, actor, "answered", status="answered")


def stop_taking(store: Store, workshop_id: int, stop: bool = True, *, actor: str) -> None:
    """Stop (or start again) taking questions and support from the room."""
    from coprod_lab.definitions.workshops import set_stage

    set_stage(store, workshop_id, "finished" if stop else "words", actor=actor)


def not_reached(store: Store, workshop_id: int) -> list[Question]:
    """Questions showing that the panel did not answer, most supported first: the follow-up."""
    return [
        q for q in questions_in(store, workshop_id) if q.state == "shown" and q.status != "answered"
    ]


def follow_up_csv(store: Store, workshop_id: int, *, with_names: bool = False) -> str:
    """The questions not reached, as CSV for the follow-up (a file to send or print, beside
    the "you said, we did" entries keep_for_you_said makes).

    Columns: question, people who want it asked, asked by (the role; with `with_names`, the
    name too if the asker gave it), status. No personal link and, unless asked, no name.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["question", "people who want it asked", "asked by", "status"])
    for q in not_reached(store, workshop_id):
        who = ROLE_SHORT[q.role]
        if with_names and q.asked_by:
            who = f"{q.asked_by} ({who})"
        writer.writerow([q.text, q.support, who, STATUS_WORDS[q.status]])
    return out.getvalue()


def keep_for_you_said(store: Store, workshop_id: int, *, actor: str) -> int:
    """Make each question not reached (see not_reached) a "you said, we did" entry of the
    room's project, with source kind "question" and its id; returns how many were added.

    Once per question: one kept before, or at the same moment by another press (a partial
    unique index, migration 0009_ift), is left alone. The entry names the asker only if they
    asked with their name AND their ballot is linked to a participant who agreed to be quoted
    (then the words are theirs, quoted); otherwise it is the group's question, with no person,
    since you-said keeps a person's own words only with their consent. The words are checked
    for other people's names (sessions.you_said.other_names: loads the name recogniser).
    """
    from coprod_lab.sessions import you_said as ys  # the facilitator's side only

    waiting = not_reached(store, workshop_id)
    if not waiting:
        return 0
    with store.read() as db:
        project_id = db.scalar(select(workshops.c.project_id).where(workshops.c.id == workshop_id))
        kept = set(
            db.scalars(
                select(you_said.c.source_id).where(
                    you_said.c.source_kind == "question",
                    you_said.c.source_id.in_([q.id for q in waiting]),
                )
            )
        )
        quotable = dict(
            db.execute(
                select(ballots.c.id, ballots.c.participant_id)
                .join(participants, participants.c.id == ballots.c.participant_id)
                .where(
                    ballots.c.workshop_id == workshop_id,
                    participants.c.consent_to_quote_on.is_not(None),
                    participants.c.withdrawn_on.is_(None),
                )
            ).all()
        )
    added = 0
    for q in waiting:
        if q.id in kept:
            continue
        person = quotable.get(q.ballot_id) if q.asked_by else None
        try:
            ys.add_entry(
                store,
                project_id,
                source_kind="question",
                source_id=q.id,
                said=q.text,
                own_words=person is not None,
                participant_id=person,
                actor=actor,
            )
        except IntegrityError:
            continue  # kept at the same moment by another press
        added += 1
    return added
