"""Collaborative pairs: a professional and a person with lived experience, as equals.

A pair walks four meetings. Each meeting has steps; a step is done when the pair has written
a note for it, or made the thing it is about (both profiles, a pitch, an action plan). Notes
are never overwritten: the newest note on a step is current and the older ones are kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, participants, record
from coprod_lab.store.schema import action_items, pair_notes, pairs, pitches, profiles


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    # What else finishes the step besides a note: "profiles", "communication", a pitch
    # length, or "actions".
    made_by: str = ""


@dataclass(frozen=True)
class Meeting:
    number: int
    title: str
    steps: tuple[Step, ...]


MEETINGS: tuple[Meeting, ...] = (
    Meeting(
        1,
        "Meet",
        (
            Step("background", "Our backgrounds"),
            Step("why_here", "Why we are here"),
            Step("profiles", "One-page profiles for both of us", "one_page"),
        ),
    ),
    Meeting(
        2,
        "Get ready to tell the story",
        (
            Step("profiles_reviewed", "What we learned from each other's profiles"),
            Step(
                "communication", "How each of us likes to give and get information", "communication"
            ),
            Step("feedback_template", "The feedback questions we will use"),
            Step("story_started", "Starting the story"),
        ),
    ),
    Meeting(
        3,
        "Feedback and pitch",
        (
            Step("feedback_professional", "Feedback on the story from the professional"),
            Step("feedback_lived", "Feedback on the story from the person with lived experience"),
            Step("pitch_30", "The 30-second pitch", "30_seconds"),
            Step("pitch_10", "The 10-minute version", "10_minutes"),
        ),
    ),
    Meeting(4, "Action plan", (Step("action_plan", "Our agreed action plan", "actions"),)),
)
STEPS = {step.key: (meeting.number, step) for meeting in MEETINGS for step in meeting.steps}

# The starting point for the feedback step in meeting 2; the pair can change it.
FEEDBACK_TEMPLATE = (
    "What worked well in the story?\n"
    "What could be clearer?\n"
    "What would you like to hear more about?\n"
    "How did it feel to hear it?"
)


@dataclass(frozen=True)
class Pair:
    id: int
    project_id: int
    name: str
    professional_id: int
    professional: str
    lived_experience_id: int
    lived_experience: str


@dataclass(frozen=True)
class Note:
    id: int
    meeting: int
    step: str
    text: str
    author: str
    written_on: dt.date


@dataclass(frozen=True)
class Action:
    id: int
    action: str
    who: str
    by_when: dt.date | None
    done_on: dt.date | None


@dataclass(frozen=True)
class StepProgress:
    meeting: int
    step: Step
    done: bool
    note: Note | None


def create_pair(
    store: Store,
    project_id: int,
    name: str,
    *,
    professional_id: int,
    lived_experience_id: int,
    actor: str,
) -> int:
    """Make a pair; the professional and the lived-experience partner must be in the project."""
    name = name.strip()
    if not name:
        raise CoprodLabError("Give the pair a name, for example both first names.")
    with store.write() as db:
        roles = dict(
            db.execute(
                select(participants.c.id, participants.c.role).where(
                    participants.c.project_id == project_id,
                    participants.c.id.in_([professional_id, lived_experience_id]),
                )
            ).all()
        )
        if roles.get(professional_id) != "professional":
            raise CoprodLabError("Choose a professional from this project for the pair.")
        if roles.get(lived_experience_id) != "lived_experience":
            raise CoprodLabError(
                "Choose a person with lived experience from this project for the pair."
            )
        taken = db.scalar(
            select(func.count()).where(pairs.c.project_id == project_id, pairs.c.name == name)
        )
        if taken:
            raise CoprodLabError(f"There is already a pair called “{name}”. Choose another name.")
        pair_id = db.execute(
            insert(pairs).values(
                project_id=project_id,
                name=name,
                professional_id=professional_id,
                lived_experience_id=lived_experience_id,
            )
        ).inserted_primary_key[0]
        record(db, actor=actor, action="create", subject="pair", subject_id=pair_id)
    return pair_id


def _pair_query():
    pro = participants.alias("pro")
    lived = participants.alias("lived")
    return (
        select(
            pairs.c.id,
            pairs.c.project_id,
            pairs.c.name,
            pairs.c.professional_id,
            pro.c.display_name,
            pairs.c.lived_experience_id,
            lived.c.display_name,
        )
        .join(pro, pro.c.id == pairs.c.professional_id)
        .join(lived, lived.c.id == pairs.c.lived_experience_id)
    )


def list_pairs(store: Store, project_id: int) -> list[Pair]:
    """The project's pairs, by name."""
    with store.read() as db:
        rows = db.execute(
            _pair_query().where(pairs.c.project_id == project_id).order_by(pairs.c.name)
        ).all()
    return [Pair(*row) for row in rows]


def get_pair(db: Connection, pair_id: int) -> Pair:
    row = db.execute(_pair_query().where(pairs.c.id == pair_id)).first()
    if row is None:
        raise CoprodLabError(f"There is no pair number {pair_id}.")
    return Pair(*row)


def add_note(
    store: Store,
    pair_id: int,
    step: str,
    text: str,
    *,
    author: str,
    written_on: dt.date,
    actor: str,
) -> Note:
    """Keep a note on a meeting step; earlier notes on the step stay as its history."""
    if step not in STEPS:
        raise CoprodLabError(f"There is no meeting step called “{step}”.")
    text = text.strip()
    if not text:
        raise CoprodLabError("The note is empty. Write something before saving.")
    author = author.strip()
    if not author:
        raise CoprodLabError("Say who wrote the note.")
    meeting = STEPS[step][0]
    with store.write() as db:
        get_pair(db, pair_id)
        note_id = db.execute(
            insert(pair_notes).values(
                pair_id=pair_id,
                meeting=meeting,
                step=step,
                text=text,
                author=author,
                written_on=written_on,
            )
        ).inserted_primary_key[0]
        record(
            db,
            actor=actor,
            action="write",
            subject="pair_note",
            subject_id=note_id,
            detail={"pair": pair_id, "step": step},
        )
    return Note(note_id, meeting, step, text, author, written_on)


def notes(store: Store, pair_id: int, step: str | None = None) -> list[Note]:
    """The pair's notes, newest first; only one step's when `step` is given."""
    query = select(
        pair_notes.c.id,
        pair_notes.c.meeting,
        pair_notes.c.step,
        pair_notes.c.text,
        pair_notes.c.author,
        pair_notes.c.written_on,
    ).where(pair_notes.c.pair_id == pair_id)
    if step is not None:
        query = query.where(pair_notes.c.step == step)
    with store.read() as db:
        rows = db.execute(query.order_by(pair_notes.c.id.desc())).all()
    return [Note(*row) for row in rows]


def add_action(
    store: Store,
    pair_id: int,
    action: str,
    *,
    who: str,
    by_when: dt.date | None,
    author: str,
    actor: str,
) -> int:
    """Add an agreed action to the pair's plan."""
    action = action.strip()
    if not action:
        raise CoprodLabError("Write the action before adding it.")
    if not who.strip():
        raise CoprodLabError("Say who will do the action.")
    with store.write() as db:
        get_pair(db, pair_id)
        action_id = db.execute(
            insert(action_items).values(
                pair_id=pair_id, action=action, who=who.strip(), by_when=by_when, author=author
            )
        ).inserted_primary_key[0]
        record(db, actor=actor, action="create", subject="action", subject_id=action_id)
    return action_id


def mark_action_done(
    store: Store, pair_id: int, action_id: int, *, done_on: dt.date, actor: str
) -> None:
    """Tick off one of this pair's actions (an action of another pair is refused)."""
    with store.write() as db:
        changed = db.execute(
            update(action_items)
            .where(action_items.c.id == action_id, action_items.c.pair_id == pair_id)
            .values(done_on=done_on)
        ).rowcount
        if not changed:
            raise CoprodLabError("That action is not in this pair's plan.")
        record(db, actor=actor, action="done", subject="action", subject_id=action_id)


def actions(store: Store, pair_id: int) -> list[Action]:
    """The pair's action plan, in the order it was agreed."""
    with store.read() as db:
        rows = db.execute(
            select(
                action_items.c.id,
                action_items.c.action,
                action_items.c.who,
                action_items.c.by_when,
                action_items.c.done_on,
            )
            .where(action_items.c.pair_id == pair_id)
            .order_by(action_items.c.id)
        ).all()
    return [Action(*row) for row in rows]


def progress(store: Store, pair_id: int) -> list[StepProgress]:
    """Every step of the four meetings, in order, with whether it is done and its newest note."""
    newest: dict[str, Note] = {}
    for note in reversed(notes(store, pair_id)):
        newest[note.step] = note  # oldest first, so the newest wins
    with store.read() as db:
        pair = get_pair(db, pair_id)
        people = [pair.professional_id, pair.lived_experience_id]
        profile_kinds = {
            kind
            for kind, count in db.execute(
                select(profiles.c.kind, func.count(func.distinct(profiles.c.participant_id)))
                .where(profiles.c.participant_id.in_(people))
                .group_by(profiles.c.kind)
            )
            if count == 2  # both people have one
        }
        pitch_lengths = set(
            db.scalars(select(pitches.c.length).where(pitches.c.pair_id == pair_id).distinct())
        )
        has_actions = bool(db.scalar(select(func.count()).where(action_items.c.pair_id == pair_id)))
    made = profile_kinds | pitch_lengths | ({"actions"} if has_actions else set())
    return [
        StepProgress(
            meeting.number,
            step,
            step.key in newest or (bool(step.made_by) and step.made_by in made),
            newest.get(step.key),
        )
        for meeting in MEETINGS
        for step in meeting.steps
    ]
