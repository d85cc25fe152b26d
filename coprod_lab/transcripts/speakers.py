"""Mapping the speakers in transcripts to a project's participants and their roles.

A mapping is remembered per project (the speaker_names table), so the next transcript from the
same people maps itself when it is imported. Mapping a speaker also fixes the utterances already
stored under that name.
"""

from __future__ import annotations

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
) -> dict[str, int]:
    """Map each speaker to a participant id, or to a NewPerson to add. One transaction.

    Returns each speaker with the participant id it now maps to.
    """
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
            done[speaker] = person_id
    return done
