"""Mapping the speakers in transcripts to a project's participants and their roles.

A mapping is remembered per project (the speaker_names table), so the next transcript from the
same people maps itself when it is imported. Mapping a speaker also fixes the utterances already
stored under that name, and may record the person's consent (to record, quote, share) in the
same transaction.

A tag that a meeting tool adds after a name ("Jonny (Guest)", "Hans Elstner (External)") is a
note about the speaker, not part of their name: `split_tag` keeps it apart, a new person is named
without it, and a speaker "Jonny (Guest)" maps itself to a participant called "Jonny".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import (
    PARTICIPANT_ROLES,
    Store,
    participants,
    record,
    sessions,
    speaker_names,
    utterances,
)
from coprod_lab.transcripts.table import UNKNOWN_SPEAKER

CONSENTS = ("record", "quote", "share")
SAMPLE_TURNS = 3
_TAG = re.compile(r"^(?P<name>.*?\S)\s*\((?P<note>[^()]{1,60})\)\s*$")
# A sample turn is more use when it says something: this many words or more, if there are any.
_SAMPLE_WORDS = 6


def split_tag(speaker: str) -> tuple[str, str]:
    """A speaker's name and the note a meeting tool put after it in brackets, if any:
    "Jonny (Guest)" gives ("Jonny", "Guest"); "Sam O'Brien" gives ("Sam O'Brien", "")."""
    found = _TAG.match(str(speaker).strip())
    if found is None:
        return str(speaker).strip(), ""
    return found["name"].strip(), found["note"].strip()


@dataclass(frozen=True)
class NewPerson:
    """Map a speaker to someone not yet in the project: they are added as a participant."""

    display_name: str
    role: str


def known_speakers(db: Connection, project_id: int) -> dict[str, tuple[int, str]]:
    """Every name that maps to a participant: their display names and remembered speaker names,
    each with (participant id, role)."""
    people = {
        name: (person_id, role)
        for name, person_id, role in db.execute(
            select(participants.c.display_name, participants.c.id, participants.c.role).where(
                participants.c.project_id == project_id
            )
        )
    }
    remembered = db.execute(
        select(speaker_names.c.speaker, participants.c.id, participants.c.role)
        .join(participants, participants.c.id == speaker_names.c.participant_id)
        .where(speaker_names.c.project_id == project_id)
    )
    people.update({speaker: (person_id, role) for speaker, person_id, role in remembered})
    return people


def person_for(people: dict[str, tuple[int, str]], speaker: str) -> tuple[int, str] | None:
    """The participant a speaker maps to, by their name as given or without a tool's tag."""
    return people.get(speaker) or people.get(split_tag(speaker)[0])


def unmapped_speakers(store: Store, project_id: int) -> dict[str, int]:
    """Speakers in the project's transcripts that are not yet anyone, with their turns."""
    with store.read() as db:
        rows = db.execute(
            select(utterances.c.speaker, func.count())
            .join(sessions, sessions.c.id == utterances.c.session_id)
            .where(
                sessions.c.project_id == project_id,
                utterances.c.participant_id.is_(None),
                utterances.c.speaker != UNKNOWN_SPEAKER,
            )
            .group_by(utterances.c.speaker)
            .order_by(func.count().desc(), utterances.c.speaker)
        ).all()
    return dict(rows)


def sample_turns(
    store: Store, project_id: int, speakers: Collection[str], count: int = SAMPLE_TURNS
) -> dict[str, list[str]]:
    """Up to `count` things each speaker said, to help recognise them: their first turns of
    six words or more, then shorter ones, in the order they were said."""
    with store.read() as db:
        rows = db.execute(
            select(utterances.c.speaker, utterances.c.text)
            .join(sessions, sessions.c.id == utterances.c.session_id)
            .where(sessions.c.project_id == project_id, utterances.c.speaker.in_(list(speakers)))
            .order_by(sessions.c.held_on.nulls_last(), sessions.c.id, utterances.c.turn)
        ).all()
    said: dict[str, list[str]] = {speaker: [] for speaker in speakers}
    for speaker, text in rows:
        said[speaker].append(str(text))
    return {
        speaker: sorted(texts, key=lambda t: len(t.split()) < _SAMPLE_WORDS)[:count]
        for speaker, texts in said.items()
    }


def _next_pseudonym(db: Connection, project_id: int) -> str:
    taken = set(
        db.scalars(select(participants.c.pseudonym).where(participants.c.project_id == project_id))
    )
    number = 1
    while f"Person {number}" in taken:
        number += 1
    return f"Person {number}"


def map_speakers(
    store: Store,
    project_id: int,
    mapping: dict[str, int | NewPerson],
    *,
    actor: str,
    consent: dict[str, Collection[str]] | None = None,
    consent_on: dt.date | None = None,
) -> dict[str, int]:
    """Map each speaker to a participant id, or to a NewPerson to add. One transaction.

    `consent`: for some speakers, the consents the person has given, out of "record", "quote"
    and "share"; those not listed are recorded as not given (a consent taken back). Given on
    `consent_on` (today by default); a consent already given keeps its first date.
    Returns each speaker with the participant id it now maps to.
    Raises CoprodLabError, and saves nothing, for an unknown role or consent, a blank name or a
    participant of another project.
    """
    consent = consent or {}
    consent_on = consent_on or dt.date.today()
    for speaker, given in consent.items():
        if speaker not in mapping:
            raise CoprodLabError(f"Say who {speaker!r} is before recording their consent.")
        unknown = set(given) - set(CONSENTS)
        if unknown:
            raise CoprodLabError(
                f"Consent is to {', '.join(CONSENTS)}; not {', '.join(sorted(unknown))}."
            )
    for speaker, target in mapping.items():
        if isinstance(target, NewPerson) and target.role not in PARTICIPANT_ROLES:
            raise CoprodLabError(
                f"{target.role!r} is not a role; use one of {', '.join(PARTICIPANT_ROLES)}."
            )
        if isinstance(target, NewPerson) and not target.display_name.strip():
            raise CoprodLabError(f"Give a name for the new person who spoke as {speaker!r}.")
    done: dict[str, int] = {}
    with store.write() as db:
        for speaker, target in mapping.items():
            if isinstance(target, NewPerson):
                person_id = db.execute(
                    insert(participants).values(
                        project_id=project_id,
                        display_name=target.display_name.strip(),
                        pseudonym=_next_pseudonym(db, project_id),
                        role=target.role,
                    )
                ).inserted_primary_key[0]
                record(
                    db, actor=actor, action="create", subject="participant", subject_id=person_id
                )
            else:
                person_id = db.scalar(
                    select(participants.c.id).where(
                        participants.c.id == target, participants.c.project_id == project_id
                    )
                )
                if person_id is None:
                    raise CoprodLabError(
                        f"Participant {target} is not in this project; nothing was saved."
                    )
            role = db.scalar(select(participants.c.role).where(participants.c.id == person_id))
            existing = db.scalar(
                select(speaker_names.c.id).where(
                    speaker_names.c.project_id == project_id, speaker_names.c.speaker == speaker
                )
            )
            if existing is None:
                db.execute(
                    insert(speaker_names).values(
                        project_id=project_id, speaker=speaker, participant_id=person_id
                    )
                )
            else:
                db.execute(
                    update(speaker_names)
                    .where(speaker_names.c.id == existing)
                    .values(participant_id=person_id)
                )
            db.execute(
                update(utterances)
                .where(
                    utterances.c.speaker == speaker,
                    utterances.c.session_id.in_(
                        select(sessions.c.id).where(sessions.c.project_id == project_id)
                    ),
                )
                .values(participant_id=person_id, role=role)
            )
            record(
                db, actor=actor, action="map speaker", subject="participant", subject_id=person_id
            )
            if speaker in consent:
                _set_consent(db, person_id, set(consent[speaker]), consent_on, actor)
            done[speaker] = person_id
    return done


def _set_consent(db: Connection, person_id: int, given: set[str], on: dt.date, actor: str) -> None:
    columns = {c: getattr(participants.c, f"consent_to_{c}_on") for c in CONSENTS}
    now = db.execute(select(*columns.values()).where(participants.c.id == person_id)).one()
    for (name, column), was in zip(columns.items(), now, strict=True):
        if (name in given) == (was is not None):
            continue  # unchanged: a consent given earlier keeps its date
        db.execute(
            update(participants)
            .where(participants.c.id == person_id)
            .values({column: on if name in given else None})
        )
        record(
            db,
            actor=actor,
            action="consent given" if name in given else "consent withdrawn",
            subject="participant",
            subject_id=person_id,
            detail={"consent": name},
        )
