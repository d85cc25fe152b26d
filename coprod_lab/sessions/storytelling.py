"""Recording a storytelling session as it happens: turns, breaks, recaps and sense-checks.

Turns go into the same `utterances` table as imported transcripts (source "storytelling
recorder"), so everything that reads transcripts reads these too. Times are seconds from the
session's start mark. A turn ends when the next one starts, a break starts or the session ends.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.participation import Participation, Person, Turn, participation
from coprod_lab.store import Store, attendance, participants, record, sessions, utterances
from coprod_lab.store.schema import sense_checks, session_marks

SOURCE = "storytelling recorder"


@dataclass(frozen=True)
class RecordedTurn:
    turn: int
    person: Person
    start: float
    end: float | None
    note: str


@dataclass(frozen=True)
class SenseCheck:
    id: int
    person: Person
    heard: str
    status: str


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; everything here is stored in UTC.
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def start_session(
    store: Store,
    project_id: int,
    title: str,
    people: list[int],
    *,
    at: dt.datetime,
    actor: str,
) -> int:
    """Make a storytelling session with these people and start its clock."""
    title = title.strip()
    if not title:
        raise CoprodLabError("Give the session a title.")
    if len(set(people)) < 2:
        raise CoprodLabError("Choose at least two people who will take part.")
    with store.write() as db:
        known = set(
            db.scalars(
                select(participants.c.id).where(
                    participants.c.project_id == project_id, participants.c.id.in_(people)
                )
            )
        )
        if known != set(people):
            raise CoprodLabError("Everyone in the session must be in this project.")
        # Consent to record is asked, and saved, before recording starts (issue 25).
        not_asked = db.scalars(
            select(participants.c.display_name)
            .where(participants.c.id.in_(people), participants.c.consent_to_record_on.is_(None))
            .order_by(participants.c.display_name)
        ).all()
        if not_asked:
            raise CoprodLabError(
                f"Not started: {', '.join(not_asked)} "
                f"{'has' if len(not_asked) == 1 else 'have'} not agreed to be recorded. Ask "
                "first, and save their answer on the session plan page."
            )
        if db.scalar(
            select(func.count()).where(
                sessions.c.project_id == project_id, sessions.c.title == title
            )
        ):
            raise CoprodLabError(f"There is already a session called “{title}”.")
        session_id = db.execute(
            insert(sessions).values(
                project_id=project_id, title=title, kind="storytelling", held_on=at.date()
            )
        ).inserted_primary_key[0]
        for person in sorted(set(people)):
            db.execute(insert(attendance).values(session_id=session_id, participant_id=person))
        db.execute(insert(session_marks).values(session_id=session_id, kind="start", at=at))
        record(db, actor=actor, action="start", subject="session", subject_id=session_id)
    return session_id


def recorded_sessions(store: Store, project_id: int) -> list[tuple[int, str]]:
    """Sessions the recorder started, newest first, as (id, title)."""
    with store.read() as db:
        rows = db.execute(
            select(sessions.c.id, sessions.c.title)
            .join(session_marks, session_marks.c.session_id == sessions.c.id)
            .where(sessions.c.project_id == project_id, session_marks.c.kind == "start")
            .order_by(sessions.c.id.desc())
        ).all()
    return [tuple(row) for row in rows]


def speakers(store: Store, session_id: int) -> list[Person]:
    """The session's people in a fixed order: speaker key 1 is the first."""
    with store.read() as db:
        return _speakers(db, session_id)


def _speakers(db: Connection, session_id: int) -> list[Person]:
    rows = db.execute(
        select(participants.c.id, participants.c.display_name, participants.c.role)
        .join(attendance, attendance.c.participant_id == participants.c.id)
        .where(attendance.c.session_id == session_id)
        .order_by(participants.c.id)
    ).all()
    return [Person(*row) for row in rows]


def _start(db: Connection, session_id: int) -> dt.datetime:
    start = db.scalar(
        select(session_marks.c.at).where(
            session_marks.c.session_id == session_id, session_marks.c.kind == "start"
        )
    )
    if start is None:
        raise CoprodLabError(f"Session number {session_id} was not started by the recorder.")
    return _utc(start)


def _marks(db: Connection, session_id: int) -> list[tuple[str, dt.datetime]]:
    rows = db.execute(
        select(session_marks.c.kind, session_marks.c.at)
        .where(session_marks.c.session_id == session_id)
        .order_by(session_marks.c.id)
    ).all()
    return [(kind, _utc(at)) for kind, at in rows]


def _close_open_turn(db: Connection, session_id: int, offset: float) -> None:
    db.execute(
        update(utterances)
        .where(utterances.c.session_id == session_id, utterances.c.end.is_(None))
        .values(end=offset)
    )


def _seconds(db: Connection, session_id: int, at: dt.datetime) -> float:
    return (_utc(at) - _start(db, session_id)).total_seconds()


def _mark(db: Connection, session_id: int, kind: str, at: dt.datetime, actor: str) -> None:
    db.execute(insert(session_marks).values(session_id=session_id, kind=kind, at=at))
    record(db, actor=actor, action=kind, subject="session", subject_id=session_id)


def _state(db: Connection, session_id: int) -> str:
    """'recording', 'on_break' or 'ended', from the newest mark that changes it."""
    state = "recording"
    for kind, _at in _marks(db, session_id):
        state = {"break_start": "on_break", "break_end": "recording", "end": "ended"}.get(
            kind, state
        )
    return state


def record_turn(
    store: Store, session_id: int, participant_id: int, *, at: dt.datetime, actor: str
) -> RecordedTurn:
    """Start a turn for this person now; the turn before it ends here. Ends a break."""
    with store.write() as db:
        people = {p.id: p for p in _speakers(db, session_id)}
        if participant_id not in people:
            raise CoprodLabError("That person is not in this session.")
        state = _state(db, session_id)
        if state == "ended":
            raise CoprodLabError("This session has ended; start a new one to record more.")
        if state == "on_break":
            _mark(db, session_id, "break_end", at, actor)
        offset = _seconds(db, session_id, at)
        _close_open_turn(db, session_id, offset)
        turn = db.scalar(
            select(func.coalesce(func.max(utterances.c.turn) + 1, 0)).where(
                utterances.c.session_id == session_id
            )
        )
        person = people[participant_id]
        db.execute(
            insert(utterances).values(
                session_id=session_id,
                turn=turn,
                start=offset,
                end=None,
                speaker=person.name,
                role=person.role,
                text="",
                source=SOURCE,
                line=turn + 1,
                participant_id=participant_id,
            )
        )
        record(db, actor=actor, action="turn", subject="session", subject_id=session_id)
    return RecordedTurn(turn, person, offset, None, "")


def note_turn(store: Store, session_id: int, turn: int, note: str, *, actor: str) -> None:
    """Keep a short note or quote with a turn."""
    with store.write() as db:
        changed = db.execute(
            update(utterances)
            .where(utterances.c.session_id == session_id, utterances.c.turn == turn)
            .values(text=note.strip())
        ).rowcount
        if not changed:
            raise CoprodLabError(f"There is no turn {turn + 1} in this session.")
        record(
            db,
            actor=actor,
            action="note",
            subject="session",
            subject_id=session_id,
            detail={"turn": turn},
        )


def start_break(store: Store, session_id: int, *, at: dt.datetime, actor: str) -> None:
    with store.write() as db:
        if _state(db, session_id) != "recording":
            raise CoprodLabError("A break can start only while the session is being recorded.")
        _close_open_turn(db, session_id, _seconds(db, session_id, at))
        _mark(db, session_id, "break_start", at, actor)


def end_break(store: Store, session_id: int, *, at: dt.datetime, actor: str) -> None:
    with store.write() as db:
        if _state(db, session_id) != "on_break":
            raise CoprodLabError("There is no break going on.")
        _mark(db, session_id, "break_end", at, actor)


def mark_recap(store: Store, session_id: int, *, at: dt.datetime, actor: str) -> None:
    with store.write() as db:
        _start(db, session_id)
        _mark(db, session_id, "recap", at, actor)


def end_session(store: Store, session_id: int, *, at: dt.datetime, actor: str) -> None:
    with store.write() as db:
        if _state(db, session_id) == "ended":
            raise CoprodLabError("This session has already ended.")
        _close_open_turn(db, session_id, _seconds(db, session_id, at))
        _mark(db, session_id, "end", at, actor)


def turns(store: Store, session_id: int) -> list[RecordedTurn]:
    with store.read() as db:
        people = {p.id: p for p in _speakers(db, session_id)}
        rows = db.execute(
            select(
                utterances.c.turn,
                utterances.c.participant_id,
                utterances.c.start,
                utterances.c.end,
                utterances.c.text,
            )
            .where(utterances.c.session_id == session_id)
            .order_by(utterances.c.turn)
        ).all()
    return [
        RecordedTurn(turn, people[person], start, end, text)
        for turn, person, start, end, text in rows
        if person in people
    ]


def state(store: Store, session_id: int) -> str:
    with store.read() as db:
        return _state(db, session_id)


def session_participation(
    store: Store, session_id: int, *, at: dt.datetime, recap_after_minutes: float
) -> Participation:
    """The participation panel for a recorded session at the moment `at`."""
    with store.read() as db:
        start = _start(db, session_id)
        people = _speakers(db, session_id)
        marks = _marks(db, session_id)
    recorded = turns(store, session_id)
    ended = next((moment for kind, moment in marks if kind == "end"), None)
    now = ((ended or _utc(at)) - start).total_seconds()
    breaks: list[tuple[float, float | None]] = []
    recaps: list[float] = []
    for kind, moment in marks:
        offset = (moment - start).total_seconds()
        if kind == "break_start":
            breaks.append((offset, None))
        elif kind == "break_end" and breaks:
            breaks[-1] = (breaks[-1][0], offset)
        elif kind == "recap":
            recaps.append(offset)
    return participation(
        [Turn(t.person.id, t.start, t.end) for t in recorded],
        people,
        now=now,
        breaks=breaks,
        recaps=recaps,
        recap_after=recap_after_minutes * 60,
    )


def add_sense_check(
    store: Store, session_id: int, participant_id: int, heard: str, *, actor: str
) -> int:
    """Write down what we heard someone say, for them to confirm."""
    heard = heard.strip()
    if not heard:
        raise CoprodLabError("Write what you heard before saving.")
    with store.write() as db:
        if participant_id not in {p.id for p in _speakers(db, session_id)}:
            raise CoprodLabError("That person is not in this session.")
        check_id = db.execute(
            insert(sense_checks).values(
                session_id=session_id, participant_id=participant_id, heard=heard
            )
        ).inserted_primary_key[0]
        record(db, actor=actor, action="create", subject="sense_check", subject_id=check_id)
    return check_id


def answer_sense_check(
    store: Store, session_id: int, check_id: int, *, confirmed: bool, at: dt.datetime, actor: str
) -> None:
    """The speaker says whether we heard them right."""
    with store.write() as db:
        changed = db.execute(
            update(sense_checks)
            .where(sense_checks.c.id == check_id, sense_checks.c.session_id == session_id)
            .values(status="confirmed" if confirmed else "not_right", answered_at=at)
        ).rowcount
        if not changed:
            raise CoprodLabError("That sense-check is not in this session.")
        record(
            db,
            actor=actor,
            action="confirm" if confirmed else "not_right",
            subject="sense_check",
            subject_id=check_id,
        )


def sense_check_list(store: Store, session_id: int) -> list[SenseCheck]:
    with store.read() as db:
        people = {p.id: p for p in _speakers(db, session_id)}
        rows = db.execute(
            select(
                sense_checks.c.id,
                sense_checks.c.participant_id,
                sense_checks.c.heard,
                sense_checks.c.status,
            )
            .where(sense_checks.c.session_id == session_id)
            .order_by(sense_checks.c.id)
        ).all()
    return [SenseCheck(i, people[p], heard, status) for i, p, heard, status in rows if p in people]
