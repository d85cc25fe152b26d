"""A project's people and their privacy: pseudonyms, redacted transcripts, consent, erasure.

Erasing a participant relies on one rule of the schema: every table that refers to a
participant does so with ON DELETE CASCADE, so deleting the participant deletes their rows
everywhere, in tables added later too (their pairs, profiles, ratings, votes). What a foreign
key cannot reach is handled here: utterances matched only by name, events about them, and
their name inside other people's words and as the author of other people's notes. One
event then says an erasure happened, and nothing about whom.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.privacy.redact import find, redact
from coprod_lab.store import Store, events, participants, record, sessions, utterances
from coprod_lab.store.schema import (
    action_items,
    contribution_summaries,
    ladder_ratings,
    pair_notes,
    pairs,
    pitches,
    profiles,
    sense_checks,
)

if TYPE_CHECKING:
    import pandas as pd

ERASED = "[ERASED PERSON]"
CONSENTS = ("record", "quote", "share")


def person_numbers(store: Store, project_id: int) -> dict[str, int]:
    """Each participant's display name with the number their placeholder uses ([PERSON n])."""
    with store.read() as db:
        rows = db.execute(
            select(participants.c.display_name, participants.c.id)
            .where(participants.c.project_id == project_id)
            .order_by(participants.c.id)
        ).all()
    return {name: number for number, (name, _id) in enumerate(rows, start=1)}


def pseudonyms(store: Store, project_id: int) -> dict[str, str]:
    with store.read() as db:
        return dict(
            db.execute(
                select(participants.c.display_name, participants.c.pseudonym).where(
                    participants.c.project_id == project_id
                )
            ).all()
        )


def redact_transcript(
    table: pd.DataFrame, names: dict[str, int]
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The table with personal details in `text` and known `speaker` names replaced, and
    the key to undo it. Keep the key apart (save_key) from the redacted table."""
    redacted = table.copy()
    key: dict[str, list[str]] = {}

    def remember(placeholder: str, original: str) -> None:
        key.setdefault(placeholder, [])
        if original not in key[placeholder]:
            key[placeholder].append(original)

    texts = []
    for text in table["text"]:
        result = redact(text, names)
        for placeholder, originals in result.key.items():
            for original in originals:
                remember(placeholder, original)
        texts.append(result.text)
    redacted["text"] = texts
    speakers = []
    for speaker in table["speaker"]:
        if speaker in names:
            placeholder = f"[PERSON {names[speaker]}]"
            remember(placeholder, speaker)
            speakers.append(placeholder)
        else:
            speakers.append(speaker)
    redacted["speaker"] = speakers
    return redacted, key


def save_key(key: dict[str, list[str]], path: str | os.PathLike[str]) -> Path:
    """Write the re-identification key, readable by its owner only; never overwrites."""
    path = Path(path)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CoprodLabError(f"{path} already exists; choose a new file for the key.") from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(key, file, ensure_ascii=False, indent=1)
    return path


def pseudonymise(frame: pd.DataFrame, names_to_pseudonyms: dict[str, str]) -> pd.DataFrame:
    """Any table with participants' names replaced by their pseudonyms, in every text column:
    whole cells that are a name, and names (or parts of them) inside longer text."""
    numbers = {name: i for i, name in enumerate(names_to_pseudonyms)}
    by_number = dict(enumerate(names_to_pseudonyms.values()))
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype) in ("string", "str"):
            out[column] = [
                _replace_people(value, numbers, by_number.__getitem__)
                if isinstance(value, str)
                else value
                for value in out[column]
            ]
    return out


def _replace_people(text: str, names: dict[str, int], replacement: Callable[[int], str]) -> str:
    """`text` with each participant's name (or a part of it) replaced by replacement(number)."""
    pieces, last = [], 0
    for f in find(text, names):
        if f.kind == "PERSON":
            number = int(f.placeholder.removeprefix("[PERSON ").removesuffix("]"))
            pieces += [text[last : f.start], replacement(number)]
            last = f.end
    pieces.append(text[last:])
    return "".join(pieces)


def set_consent(
    store: Store,
    participant_id: int,
    consent: str,
    given_on: dt.date | None,
    *,
    actor: str,
) -> None:
    """Record that consent to record, quote or share was given on a date (None: withdrawn)."""
    if consent not in CONSENTS:
        raise CoprodLabError(f"Consent is to {', '.join(CONSENTS)}; not {consent!r}.")
    column = f"consent_to_{consent}_on"
    with store.write() as db:
        changed = db.execute(
            update(participants)
            .where(participants.c.id == participant_id)
            .values({column: given_on})
        ).rowcount
        if not changed:
            raise CoprodLabError(f"There is no participant number {participant_id}.")
        record(
            db,
            actor=actor,
            action="consent given" if given_on else "consent withdrawn",
            subject="participant",
            subject_id=participant_id,
            detail={"consent": consent},
        )


def erase_participant(store: Store, participant_id: int, *, actor: str) -> None:
    """Remove a participant and everything they contributed, everywhere, in one transaction."""
    with store.write() as db:
        person = db.execute(
            select(participants.c.display_name, participants.c.project_id).where(
                participants.c.id == participant_id
            )
        ).first()
        if person is None:
            raise CoprodLabError(f"There is no participant number {participant_id}.")
        project_sessions = select(sessions.c.id).where(sessions.c.project_id == person.project_id)
        # Their words, linked to them or only matched by name.
        db.execute(
            delete(utterances).where(
                utterances.c.session_id.in_(project_sessions),
                (utterances.c.participant_id == participant_id)
                | (utterances.c.speaker == person.display_name),
            )
        )
        # Their name in what others said or wrote, and as the author of others' notes.
        names = {person.display_name: 1}
        pair_ids = select(pairs.c.id).where(pairs.c.project_id == person.project_id)
        people_ids = select(participants.c.id).where(participants.c.project_id == person.project_id)
        for table, where, columns in (
            (utterances, utterances.c.session_id.in_(project_sessions), ("text",)),
            (pair_notes, pair_notes.c.pair_id.in_(pair_ids), ("text", "author")),
            (action_items, action_items.c.pair_id.in_(pair_ids), ("action", "who", "author")),
            (pitches, pitches.c.pair_id.in_(pair_ids), ("text", "author")),
            (sense_checks, sense_checks.c.session_id.in_(project_sessions), ("heard",)),
            (ladder_ratings, ladder_ratings.c.project_id == person.project_id, ("evidence",)),
            (profiles, profiles.c.participant_id.in_(people_ids), ("author",)),
            (
                contribution_summaries,
                contribution_summaries.c.participant_id.in_(people_ids),
                ("text", "author"),
            ),
        ):
            rows = db.execute(select(table.c.id, *(table.c[c] for c in columns)).where(where)).all()
            for row_id, *values in rows:
                cleaned = {
                    column: _replace_people(value, names, lambda _number: ERASED)
                    for column, value in zip(columns, values, strict=True)
                }
                if cleaned != dict(zip(columns, values, strict=True)):
                    db.execute(update(table).where(table.c.id == row_id).values(**cleaned))
        db.execute(
            delete(events).where(
                events.c.subject == "participant", events.c.subject_id == participant_id
            )
        )
        # Everything else that refers to them goes with this row (ON DELETE CASCADE).
        db.execute(delete(participants).where(participants.c.id == participant_id))
        record(db, actor=actor, action="erase", subject="participant")
