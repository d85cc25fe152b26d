""" "You said, we did": every point people raise that needs an answer, and what became of it.

An entry holds what was said (in the person's words only with their consent to be quoted,
else in the facilitator's), who said it and in which session, what will be done, by whom and
by when, what was done (or why it could not be), and when the person was told. It links back
to where it came from: a transcript turn, a pair's note, "what we heard", a note about a
session, or a question the group did not reach.

The status follows from the dates, so it can never disagree with them:
raised (no answer yet) -> planned (someone will do something) -> done or could_not (with the
date and what happened) -> told (the person heard back). A planned entry past its date is
overdue. Every change is audited; the audit names the field, never its content.

This module imports no pandas: the participants' page imports it, and each phone has a
kernel of its own. The names of people who are not participants ("Dr Patel said ...") are
found by the name recogniser (privacy.names, spaCy) when an entry's words are saved, which
happens only on the facilitator's side, and kept with the entry (other_names); the
participants' page hides them from that list without loading the recogniser, as co-analysis
does for a session's turns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.privacy.redact import _names_pattern, find_all
from coprod_lab.store import Store, participants, record, sessions, utterances
from coprod_lab.store.schema import (
    YOU_SAID_OUTCOMES,
    YOU_SAID_SOURCES,
    memos,
    pair_notes,
    pairs,
    questions,
    sense_checks,
    workshops,
    you_said,
)

STATUSES = ("raised", "planned", "done", "could_not", "told")

# What the facilitator's page calls each status.
STATUS_LABELS = {
    "raised": "Raised, no answer yet",
    "planned": "Someone will act on it",
    "done": "Done, not told back yet",
    "could_not": "Could not be done, not told back yet",
    "told": "Told back",
}

# The participants' page and the reports: a heading for each status, in the order shown.
PUBLIC_HEADINGS = {
    "planned": "What we are doing about it",
    "raised": "What we heard and will answer",
    "done": "What we did",
    "could_not": "What we could not do, and why",
    "told": "What we did and told you about",
}

SOURCE_LABELS = {
    "turn": "A turn in a transcript",
    "pair_note": "A note from a pair meeting",
    "sense_check": "What we heard (checked with the speaker)",
    "memo": "A note about a session",
    "question": "A question we did not reach",
    "other": "Somewhere else",
}

OUTCOME_LABELS = {"done": "Done", "could_not": "We could not do it"}

# What a name of someone who is not a participant becomes on the participants' page.
ANOTHER_PERSON = "[another person]"

# The entry's own words that may name someone: checked for other people's names when saved.
WORDS = ("said", "action", "action_by", "done")

# Fields a facilitator can change one at a time, each saved at once.
EDITABLE = ("said", "own_words", "action", "action_by", "due_on", "done", "outcome", "told_on")

NO_CONSENT = (
    "{name} has not agreed to be quoted, so their own words cannot be kept here. Write what "
    "they said in your own words, or record their agreement to be quoted first."
)


@dataclass(frozen=True)
class Source:
    """Where a point came from, as the store holds it."""

    kind: str
    id: int | None
    session_id: int | None
    participant_id: int | None
    text: str
    on: dt.date | None
    label: str  # "Turn 6 of “Storytelling: the day I went home”"


@dataclass(frozen=True)
class Entry:
    id: int
    project_id: int
    session_id: int | None
    session: str | None
    participant_id: int | None
    name: str | None  # the real name: for the facilitator's page only
    pseudonym: str | None
    source_kind: str
    source_id: int | None
    said: str
    own_words: bool
    raised_on: dt.date
    action: str
    action_by: str
    due_on: dt.date | None
    outcome: str | None
    done: str
    done_on: dt.date | None
    told_on: dt.date | None
    may_quote: bool  # the person's consent to be quoted holds today

    @property
    def status(self) -> str:
        if self.told_on is not None:
            return "told"
        if self.outcome is not None:
            return self.outcome
        if self.action.strip():
            return "planned"
        return "raised"

    def overdue(self, today: dt.date) -> bool:
        """Not done yet and past the date it was due by."""
        return self.outcome is None and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class Shown:
    """An entry as participants and reports may see it: made-up names, quoted only with
    consent, personal details (phone numbers, emails ...) hidden."""

    id: int
    status: str
    outcome: str | None
    overdue: bool
    who: str  # "Person 1", or "Someone in the group"
    session: str | None
    said: str
    quoted: bool  # `said` is the person's own words
    raised_on: dt.date
    action: str
    action_by: str
    due_on: dt.date | None
    done: str
    done_on: dt.date | None
    told_on: dt.date | None


# --- sources --------------------------------------------------------------------------------


def find_source(store: Store, project_id: int, kind: str, source_id: int | None) -> Source:
    """The turn, note or question a point came from, checked to be in this project (a
    question: asked in a room of this project). Raises CoprodLabError for an unknown kind or
    a source that is not in the project.
    """
    if kind not in YOU_SAID_SOURCES:
        kinds = ", ".join(YOU_SAID_SOURCES)
        raise CoprodLabError(f"A point comes from one of {kinds}; not {kind!r}.")
    if kind == "other":
        return Source(kind, None, None, None, "", None, SOURCE_LABELS["other"])
    if source_id is None:
        raise CoprodLabError(f"Choose which {SOURCE_LABELS[kind].lower()} the point came from.")
    with store.read() as db:
        found = _SOURCE_READERS[kind](db, project_id, source_id)
    if found is None:
        raise CoprodLabError(
            f"There is no {SOURCE_LABELS[kind].lower()} number {source_id} in this project."
        )
    return found


def _turn(db: Connection, project_id: int, source_id: int) -> Source | None:
    row = db.execute(
        select(
            utterances.c.session_id,
            utterances.c.participant_id,
            utterances.c.text,
            utterances.c.turn,
            utterances.c.speaker,
            sessions.c.title,
            sessions.c.held_on,
        )
        .join(sessions, sessions.c.id == utterances.c.session_id)
        .where(utterances.c.id == source_id, sessions.c.project_id == project_id)
    ).first()
    if row is None:
        return None
    return Source(
        "turn",
        source_id,
        row.session_id,
        row.participant_id,
        row.text,
        row.held_on,
        f"Turn {row.turn} of “{row.title}”",
    )


def _pair_note(db: Connection, project_id: int, source_id: int) -> Source | None:
    row = db.execute(
        select(pair_notes.c.text, pair_notes.c.written_on, pair_notes.c.meeting, pairs.c.name)
        .join(pairs, pairs.c.id == pair_notes.c.pair_id)
        .where(pair_notes.c.id == source_id, pairs.c.project_id == project_id)
    ).first()
    if row is None:
        return None
    # A pair's note is the pair's, not one person's: the facilitator says who, if anyone.
    return Source(
        "pair_note",
        source_id,
        None,
        None,
        row.text,
        row.written_on,
        f"A note from “{row.name}”, meeting {row.meeting}",
    )


def _sense_check(db: Connection, project_id: int, source_id: int) -> Source | None:
    row = db.execute(
        select(
            sense_checks.c.session_id,
            sense_checks.c.participant_id,
            sense_checks.c.heard,
            sense_checks.c.written_at,
            sessions.c.title,
        )
        .join(sessions, sessions.c.id == sense_checks.c.session_id)
        .where(sense_checks.c.id == source_id, sessions.c.project_id == project_id)
    ).first()
    if row is None:
        return None
    return Source(
        "sense_check",
        source_id,
        row.session_id,
        row.participant_id,
        row.heard,
        row.written_at.date(),
        f"What we heard in “{row.title}”",
    )


def _memo(db: Connection, project_id: int, source_id: int) -> Source | None:
    row = db.execute(
        select(
            memos.c.session_id,
            memos.c.participant_id,
            memos.c.text,
            memos.c.written_at,
            memos.c.about,
        ).where(memos.c.id == source_id, memos.c.project_id == project_id)
    ).first()
    if row is None:
        return None
    # A memo is the researcher's note, never the person's own words.
    return Source(
        "memo",
        source_id,
        row.session_id,
        None,
        row.text,
        row.written_at.date(),
        f"A note about the {row.about}",
    )


def _question(db: Connection, project_id: int, source_id: int) -> Source | None:
    row = db.execute(
        select(
            questions.c.text,
            questions.c.created_at,
            workshops.c.session_id,
            workshops.c.title,
        )
        .join(workshops, workshops.c.id == questions.c.workshop_id)
        .where(questions.c.id == source_id, workshops.c.project_id == project_id)
    ).first()
    if row is None:
        return None
    # Who asked is the caller's to say: only a named asker linked to a participant is kept
    # (activities.questions.keep_for_you_said).
    return Source(
        "question",
        source_id,
        row.session_id,
        None,
        row.text,
        row.created_at.date(),
        f"A question to the panel in “{row.title}”",
    )


_SOURCE_READERS = {
    "question": _question,
    "turn": _turn,
    "pair_note": _pair_note,
    "sense_check": _sense_check,
    "memo": _memo,
}


def source_choices(
    store: Store, project_id: int, kind: str, session_id: int | None = None, *, width: int = 40
) -> list[tuple[str, int]]:
    """The turns, notes, checks or questions a point can come from, as dropdown options
    ("label", id): turns, checks and session notes of one session (all sessions when None),
    pair notes and questions (from the project's rooms) of the whole project. Labels start
    with the speaker (or the room) and the words, cut to `width`."""

    def cut(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1].rstrip() + "…"

    with store.read() as db:
        if kind == "turn":
            query = (
                select(utterances.c.id, utterances.c.turn, utterances.c.speaker, utterances.c.text)
                .join(sessions, sessions.c.id == utterances.c.session_id)
                .where(sessions.c.project_id == project_id)
                .order_by(utterances.c.session_id, utterances.c.turn)
            )
            if session_id is not None:
                query = query.where(utterances.c.session_id == session_id)
            return [(f"{t}. {s}: {cut(x)}", i) for i, t, s, x in db.execute(query).all()]
        if kind == "pair_note":
            rows = db.execute(
                select(pair_notes.c.id, pairs.c.name, pair_notes.c.text)
                .join(pairs, pairs.c.id == pair_notes.c.pair_id)
                .where(pairs.c.project_id == project_id)
                .order_by(pair_notes.c.id)
            ).all()
            return [(f"{n}: {cut(x)}", i) for i, n, x in rows]
        if kind == "sense_check":
            query = (
                select(sense_checks.c.id, sense_checks.c.heard)
                .join(sessions, sessions.c.id == sense_checks.c.session_id)
                .where(sessions.c.project_id == project_id)
                .order_by(sense_checks.c.id)
            )
            if session_id is not None:
                query = query.where(sense_checks.c.session_id == session_id)
            return [(cut(x), i) for i, x in db.execute(query).all()]
        if kind == "memo":
            query = (
                select(memos.c.id, memos.c.text)
                .where(memos.c.project_id == project_id, memos.c.about == "session")
                .order_by(memos.c.id)
            )
            if session_id is not None:
                query = query.where(memos.c.session_id == session_id)
            return [(cut(x), i) for i, x in db.execute(query).all()]
        if kind == "question":
            # Every room of the project: a room need not belong to a session.
            rows = db.execute(
                select(questions.c.id, workshops.c.title, questions.c.text)
                .join(workshops, workshops.c.id == questions.c.workshop_id)
                .where(workshops.c.project_id == project_id)
                .order_by(questions.c.id)
            ).all()
            return [(f"{t}: {cut(x)}", i) for i, t, x in rows]
    return []


# --- making and changing entries ------------------------------------------------------------


def other_names(texts: list[str], participant_names: list[str]) -> list[str]:
    """The names of people who are not participants in these texts, found by the name
    recogniser (privacy.names: spaCy, loaded on first use, about 1.7 s and 126 MB), sorted.
    A name whose every word is part of a participant's name is left out: participants'
    names become their made-up names anyway. Call only on the facilitator's side."""
    from coprod_lab.privacy.names import find_names  # heavy: never on the participants' page

    words = {w.casefold() for n in participant_names for w in n.split()}
    found = set()
    for named in find_names([t for t in texts if t.strip()]):
        for name in named:
            text = " ".join(name.text.removesuffix("'s").removesuffix("’s").split())
            if text and not all(w.casefold() in words for w in text.split()):
                found.add(text)
    return sorted(found)


def _project_names(db: Connection, project_id: int) -> list[str]:
    return list(
        db.scalars(
            select(participants.c.display_name).where(participants.c.project_id == project_id)
        )
    )


def _may_quote(db: Connection, participant_id: int | None) -> tuple[bool, str]:
    if participant_id is None:
        return False, "Nobody"
    row = db.execute(
        select(
            participants.c.display_name,
            participants.c.consent_to_quote_on,
            participants.c.withdrawn_on,
        ).where(participants.c.id == participant_id)
    ).first()
    if row is None:
        raise CoprodLabError(f"There is no participant number {participant_id}.")
    return row.consent_to_quote_on is not None and row.withdrawn_on is None, row.display_name


def add_entry(
    store: Store,
    project_id: int,
    *,
    source_kind: str,
    source_id: int | None = None,
    said: str | None = None,
    own_words: bool | None = None,
    participant_id: int | None = None,
    session_id: int | None = None,
    raised_on: dt.date | None = None,
    actor: str,
    today: dt.date | None = None,
) -> int:
    """Make an entry for a point that needs an answer; returns its id.

    From a source, what is not given is taken from it: the words (as the person's own, when
    they agreed to be quoted), the person, the session and the date (the session's, else the
    note's). `said=None` with no source words, own words without consent to be quoted, a
    person or session from another project, are refused with CoprodLabError.
    """
    source = find_source(store, project_id, source_kind, source_id)
    if participant_id is None:
        participant_id = source.participant_id
    if session_id is None:
        session_id = source.session_id
    with store.read() as db:
        allowed, name = _may_quote(db, participant_id)
    if said is None:
        if not source.text:
            raise CoprodLabError("Write down what was said.")
        if not allowed:
            raise CoprodLabError(NO_CONSENT.format(name=name))
        said, own_words = source.text, True if own_words is None else own_words
    said = said.strip()
    if not said:
        raise CoprodLabError("Write down what was said.")
    own_words = bool(own_words)
    if own_words and not allowed:
        raise CoprodLabError(NO_CONSENT.format(name=name))
    raised_on = raised_on or source.on or today or dt.date.today()
    with store.read() as db:
        found_names = other_names([said], _project_names(db, project_id))
    with store.write() as db:
        if participant_id is not None and not db.scalar(
            select(func.count()).where(
                participants.c.id == participant_id, participants.c.project_id == project_id
            )
        ):
            raise CoprodLabError("That person is not in this project.")
        if session_id is not None and not db.scalar(
            select(func.count()).where(
                sessions.c.id == session_id, sessions.c.project_id == project_id
            )
        ):
            raise CoprodLabError("That session is not in this project.")
        entry_id = db.execute(
            insert(you_said).values(
                project_id=project_id,
                session_id=session_id,
                participant_id=participant_id,
                source_kind=source_kind,
                source_id=source.id,
                said=said,
                own_words=own_words,
                raised_on=raised_on,
                created_by=actor,
                other_names=found_names,
            )
        ).inserted_primary_key[0]
        record(
            db,
            actor=actor,
            action="create",
            subject="you_said",
            subject_id=entry_id,
            detail={"source": source_kind, "source_id": source.id},
        )
    return entry_id


def change(
    store: Store,
    entry_id: int,
    field: str,
    value: Any,
    *,
    actor: str,
    today: dt.date | None = None,
) -> Entry:
    """Change one field of an entry, in one audited transaction; returns the entry as saved.

    field: one of EDITABLE. "outcome" takes None (not yet), "done" or "could_not", and dates
    it `today` unless it already had a date; the other dates take a date or None. Refused
    with CoprodLabError, and nothing changed: an outcome without a word on what was done,
    telling back before there is an outcome, clearing an outcome already told back, dates
    before the point was raised, own words without consent to be quoted.
    """
    if field not in EDITABLE:
        raise CoprodLabError(f"An entry's {field!r} cannot be changed here.")
    today = today or dt.date.today()
    found_names = None
    if field in WORDS:
        # Found before the write: the first use loads the recogniser (seconds), which must
        # not hold the store's write lock.
        with store.read() as db:
            row = db.execute(select(you_said).where(you_said.c.id == entry_id)).first()
            if row is None:
                raise CoprodLabError(f"There is no entry number {entry_id}.")
            texts = [(value or "") if k == field else getattr(row, k) for k in WORDS]
            found_names = other_names(texts, _project_names(db, row.project_id))
    with store.write() as db:
        row = db.execute(select(you_said).where(you_said.c.id == entry_id)).first()
        if row is None:
            raise CoprodLabError(f"There is no entry number {entry_id}.")
        values: dict[str, Any] = {}
        if field in ("said", "action", "action_by", "done"):
            value = (value or "").strip()
            if field == "said" and not value:
                raise CoprodLabError("What was said cannot be empty.")
            if field == "done" and not value and row.outcome is not None:
                raise CoprodLabError(
                    "Say what was done, or why it could not be done: it is marked "
                    f"“{OUTCOME_LABELS[row.outcome]}”."
                )
            values[field] = value
        elif field == "own_words":
            value = bool(value)
            if value:
                allowed, name = _may_quote(db, row.participant_id)
                if not allowed:
                    raise CoprodLabError(NO_CONSENT.format(name=name))
            values[field] = value
        elif field == "due_on":
            if value is not None and value < row.raised_on:
                raise CoprodLabError("The date it is due by is before the point was raised.")
            values[field] = value
        elif field == "outcome":
            if value is not None and value not in YOU_SAID_OUTCOMES:
                raise CoprodLabError(f"An outcome is one of {', '.join(YOU_SAID_OUTCOMES)}.")
            if value is None:
                if row.told_on is not None:
                    raise CoprodLabError(
                        "The person was already told. Clear the date they were told first."
                    )
                values = {"outcome": None, "done_on": None}
            else:
                if not row.done.strip():
                    raise CoprodLabError("First write what was done, or why it could not be done.")
                values = {"outcome": value, "done_on": row.done_on or max(today, row.raised_on)}
        elif field == "told_on":
            if value is not None:
                if row.done_on is None:
                    raise CoprodLabError(
                        "Mark it as done (or as not possible) before saying the person was told."
                    )
                if value < row.done_on:
                    raise CoprodLabError(
                        f"They cannot have been told before it was done ({_day(row.done_on)})."
                    )
            values[field] = value
        if found_names is not None and found_names != (row.other_names or []):
            values["other_names"] = found_names
        if all(getattr(row, k) == v for k, v in values.items()):
            return _entries(db, you_said.c.id == entry_id, today)[0]
        db.execute(
            update(you_said)
            .where(you_said.c.id == entry_id)
            .values(**values, changed_at=func.now())
        )
        record(
            db,
            actor=actor,
            action="change",
            subject="you_said",
            subject_id=entry_id,
            detail={"field": field},
        )
        return _entries(db, you_said.c.id == entry_id, today)[0]


def set_done_on(
    store: Store, entry_id: int, day: dt.date, *, actor: str, today: dt.date | None = None
) -> Entry:
    """Correct the date an outcome was reached (only once there is an outcome)."""
    with store.write() as db:
        row = db.execute(select(you_said).where(you_said.c.id == entry_id)).first()
        if row is None:
            raise CoprodLabError(f"There is no entry number {entry_id}.")
        if row.outcome is None:
            raise CoprodLabError("Choose whether it was done before giving the date.")
        if day < row.raised_on:
            raise CoprodLabError("It cannot have been done before the point was raised.")
        if row.told_on is not None and day > row.told_on:
            raise CoprodLabError(f"The person was told on {_day(row.told_on)}, before that date.")
        if day != row.done_on:
            db.execute(
                update(you_said)
                .where(you_said.c.id == entry_id)
                .values(done_on=day, changed_at=func.now())
            )
            record(
                db,
                actor=actor,
                action="change",
                subject="you_said",
                subject_id=entry_id,
                detail={"field": "done_on"},
            )
        return _entries(db, you_said.c.id == entry_id, today or dt.date.today())[0]


def remove_entry(store: Store, entry_id: int, *, actor: str) -> None:
    """Remove an entry made by mistake (audited: the event keeps only its number)."""
    with store.write() as db:
        if not db.execute(delete(you_said).where(you_said.c.id == entry_id)).rowcount:
            raise CoprodLabError(f"There is no entry number {entry_id}.")
        record(db, actor=actor, action="remove", subject="you_said", subject_id=entry_id)


# --- reading --------------------------------------------------------------------------------


def _entries(db: Connection, where: Any, today: dt.date) -> list[Entry]:
    rows = db.execute(
        select(
            you_said,
            sessions.c.title,
            participants.c.display_name,
            participants.c.pseudonym,
            participants.c.consent_to_quote_on,
            participants.c.withdrawn_on,
        )
        .outerjoin(sessions, sessions.c.id == you_said.c.session_id)
        .outerjoin(participants, participants.c.id == you_said.c.participant_id)
        .where(where)
        .order_by(you_said.c.raised_on, you_said.c.id)
    ).all()
    return [
        Entry(
            id=r.id,
            project_id=r.project_id,
            session_id=r.session_id,
            session=r.title,
            participant_id=r.participant_id,
            name=r.display_name,
            pseudonym=r.pseudonym,
            source_kind=r.source_kind,
            source_id=r.source_id,
            said=r.said,
            own_words=bool(r.own_words),
            raised_on=r.raised_on,
            action=r.action,
            action_by=r.action_by,
            due_on=r.due_on,
            outcome=r.outcome,
            done=r.done,
            done_on=r.done_on,
            told_on=r.told_on,
            may_quote=r.consent_to_quote_on is not None and r.withdrawn_on is None,
        )
        for r in rows
    ]


def entries(store: Store, project_id: int) -> list[Entry]:
    """The project's entries, oldest point first."""
    with store.read() as db:
        return _entries(db, you_said.c.project_id == project_id, dt.date.today())


def entry(store: Store, entry_id: int) -> Entry:
    with store.read() as db:
        found = _entries(db, you_said.c.id == entry_id, dt.date.today())
    if not found:
        raise CoprodLabError(f"There is no entry number {entry_id}.")
    return found[0]


def counts(found: list[Entry], today: dt.date) -> dict[str, int]:
    """How many entries have each status, and how many are overdue ("overdue")."""
    out = dict.fromkeys(STATUSES, 0)
    for e in found:
        out[e.status] += 1
    out["overdue"] = sum(e.overdue(today) for e in found)
    return out


def hide_other_names(text: str, names: list[str]) -> str:
    """`text` with each of these names (whole, or any part of two letters or more, as
    privacy.redact matches participants' names) as ANOTHER_PERSON. Only the entry's own
    stored names: hiding one entry's names in every entry turned everyday words the
    recogniser once took for a name ("Cleanliness") into [another person] elsewhere."""
    pattern, _parts = _names_pattern(dict.fromkeys(names, 0))
    return text if pattern is None else pattern.sub(ANOTHER_PERSON, text)


def _made_up(
    texts: list[str], names: dict[str, int], pseudonyms: dict[int, str], others: bool = False
) -> list[str]:
    """Each text with participants' names (whole or in part) as their made-up names, and
    phone numbers, emails, NHS numbers and the like as placeholders (see privacy.redact).
    With `others`, anyone else's name too, found by the name recogniser
    (privacy.names: spaCy, about 1.7 s and 126 MB to load, so never on the lean
    participants' page); all the texts go to it at once, much faster than one by one."""
    out = []
    for text, found in zip(texts, find_all(texts, names, people=others), strict=True):
        pieces, last = [], 0
        for f in found:
            if f.kind == "PERSON":
                number = int(f.placeholder.removeprefix("[PERSON ").removesuffix("]"))
                shown = pseudonyms.get(number, f.placeholder)
            else:
                shown = f.placeholder
            pieces += [text[last : f.start], shown]
            last = f.end
        pieces.append(text[last:])
        out.append("".join(pieces))
    return out


def shown(
    store: Store,
    project_id: int,
    *,
    today: dt.date | None = None,
    session_id: int | None = None,
    participant_id: int | None = None,
    others: bool = False,
) -> list[Shown]:
    """The entries as participants may read them (see Shown), in the order of
    PUBLIC_HEADINGS, overdue first within "planned", then oldest first. Only one session's,
    or only one person's (with the group's points from sessions they came to), when asked.
    Participants' names always become their made-up names, and names of other people found
    when the entries were saved become ANOTHER_PERSON. others: also look for other people's
    names now, with the name recogniser (slow to load; see _made_up), as reports do."""
    from coprod_lab.store import attendance

    today = today or dt.date.today()
    with store.read() as db:
        people = db.execute(
            select(participants.c.id, participants.c.display_name, participants.c.pseudonym)
            .where(participants.c.project_id == project_id)
            .order_by(participants.c.id)
        ).all()
        found = _entries(db, you_said.c.project_id == project_id, today)
        stored = dict(
            db.execute(
                select(you_said.c.id, you_said.c.other_names).where(
                    you_said.c.project_id == project_id
                )
            ).all()
        )
        came = set()
        if participant_id is not None:
            came = set(
                db.scalars(
                    select(attendance.c.session_id).where(
                        attendance.c.participant_id == participant_id
                    )
                )
            )
    names = {p.display_name: p.id for p in people}
    pseudonyms = {p.id: p.pseudonym for p in people}
    if session_id is not None:
        found = [e for e in found if e.session_id == session_id]
    if participant_id is not None:
        found = [
            e
            for e in found
            if e.participant_id == participant_id
            or (e.participant_id is None and e.session_id in came)
        ]
    order = list(PUBLIC_HEADINGS)
    found.sort(key=lambda e: (order.index(e.status), not e.overdue(today), e.raised_on, e.id))
    hidden = "(The words are not shown: the person has not agreed to be quoted.)"
    # Other people's names found when each entry was saved go first, in that entry only.
    texts = [
        hide_other_names(text, stored.get(e.id) or []) if i < 4 else text
        for e in found
        for i, text in enumerate((e.said, e.action, e.action_by, e.done, e.session or ""))
    ]
    made_up = iter(_made_up(texts, names, pseudonyms, others))
    out = []
    for e in found:
        said, action, action_by, done, session = (next(made_up) for _ in range(5))
        out.append(
            Shown(
                id=e.id,
                status=e.status,
                outcome=e.outcome,
                overdue=e.overdue(today),
                who=e.pseudonym or "Someone in the group",
                session=session or None,
                said=hidden if e.own_words and not e.may_quote else said,
                quoted=e.own_words and e.may_quote,
                raised_on=e.raised_on,
                action=action,
                action_by=action_by,
                due_on=e.due_on,
                done=done,
                done_on=e.done_on,
                told_on=e.told_on,
            )
        )
    return out


# --- words for pages, letters and reports ---------------------------------------------------


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def when_line(e: Shown | Entry, today: dt.date) -> str:
    """One plain sentence on where the entry stands: "Due by 13 November 2026. Late." """
    verb = "Done" if e.outcome == "done" else "Decided"
    if e.told_on is not None:
        return f"{verb} on {_day(e.done_on)}. Told back on {_day(e.told_on)}."
    if e.done_on is not None:
        return f"{verb} on {_day(e.done_on)}. Not told back yet."
    if e.due_on is not None:
        late = e.outcome is None and e.due_on < today
        return f"Due by {_day(e.due_on)}." + (" Late: not done yet." if late else "")
    if e.action.strip():
        return "No date set yet."
    return f"Raised on {_day(e.raised_on)}. No answer yet."


def letter_lines(store: Store, participant_id: int, *, today: dt.date | None = None) -> list[str]:
    """ "What we did with what you told us", for the follow-up letter to this person: their
    points, and the group's from sessions they came to. Empty when there are none. Their own
    words are quoted back to them; other people's names are made up."""
    today = today or dt.date.today()
    with store.read() as db:
        project_id = db.scalar(
            select(participants.c.project_id).where(participants.c.id == participant_id)
        )
    if project_id is None:
        raise CoprodLabError(f"There is no participant number {participant_id}.")
    found = shown(store, project_id, today=today, participant_id=participant_id)
    if not found:
        return []
    own = {e.id: e for e in entries(store, project_id) if e.participant_id == participant_id}
    lines = ["What we did with what you told us:"]
    for s in found:
        if s.id not in own:
            lines.append(f"- Someone in the group said: {s.said}")
        elif own[s.id].own_words:
            lines.append(f"- You said: “{own[s.id].said}”")
        else:
            lines.append(f"- You told us: {own[s.id].said}")
        if s.status in ("done", "could_not", "told"):
            said = "We did" if s.outcome == "done" else "We could not do it"
            lines.append(f"  {said}: {s.done} ({when_line(s, today)})")
        elif s.action:
            by = f" ({s.action_by})" if s.action_by else ""
            lines.append(f"  We will: {s.action.rstrip('.')}{by}. {when_line(s, today)}")
        else:
            lines.append("  We have not answered this yet. We will tell you when we have.")
    lines.append("")
    return lines


def summary_sentence(found: list[Shown]) -> str:
    """ "5 points were raised: 2 are done, 1 could not be done, 1 is being acted on (1 of them
    late) and 1 has no answer yet. People were told back about 2." """
    n = len(found)
    by = {s: sum(e.status == s for e in found) for s in STATUSES}
    late = sum(e.overdue for e in found)
    told = [e.outcome for e in found if e.status == "told"]
    done = by["done"] + told.count("done")
    could_not = by["could_not"] + told.count("could_not")
    parts = []
    if done:
        parts.append(f"{done} {'is' if done == 1 else 'are'} done")
    if could_not:
        parts.append(f"{could_not} could not be done")
    if by["planned"]:
        parts.append(
            f"{by['planned']} {'is' if by['planned'] == 1 else 'are'} being acted on"
            + (f" ({late} of them late)" if late else "")
        )
    if by["raised"]:
        parts.append(f"{by['raised']} {'has' if by['raised'] == 1 else 'have'} no answer yet")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (
        f"{n} {'point was' if n == 1 else 'points were'} raised: {listed}. "
        f"People were told back about {len(told)}."
    )


def entry_html(e: Shown, today: dt.date) -> str:
    """One entry as a block of plain HTML for the participants' page and the report. A late
    entry says "Late" in words and has a thicker red edge, so it does not rely on colour."""
    from html import escape

    where = f" in “{escape(e.session)}”" if e.session else ""
    said = f"“{escape(e.said)}”" if e.quoted else escape(e.said)
    verb = "said" if e.quoted else "raised"
    lines = [f"<p><strong>{escape(e.who)} {verb}{where}:</strong> {said}</p>"]
    if e.action:
        by = f" ({escape(e.action_by)})" if e.action_by else ""
        lines.append(f"<p><strong>What we will do:</strong> {escape(e.action)}{by}</p>")
    if e.outcome is not None:
        label = "What we did" if e.outcome == "done" else "Why we could not do it"
        lines.append(f"<p><strong>{label}:</strong> {escape(e.done)}</p>")
    when = escape(when_line(e, today))
    if e.overdue:
        when = when.replace("Late:", "<strong>Late:</strong>")
    lines.append(f"<p>{when}</p>")
    edge = "6px solid #b00020" if e.overdue else "4px solid #1b6ca8"
    return (
        f"<div class='coprod-you-said{' coprod-late' if e.overdue else ''}' "
        f"style='border-left:{edge};padding:.2rem .8rem;margin:.8rem 0'>{''.join(lines)}</div>"
    )
