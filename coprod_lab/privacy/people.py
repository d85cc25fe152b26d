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
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.privacy.redact import PersonMarkers, find, find_all
from coprod_lab.store import (
    Store,
    events,
    participants,
    record,
    sessions,
    speaker_names,
    utterances,
)
from coprod_lab.store.audit import project_of as audit_project_of
from coprod_lab.store.schema import (
    action_items,
    contribution_summaries,
    ladder_ratings,
    memos,
    pair_notes,
    pairs,
    panel_candidates,
    panel_ratings,
    pitches,
    preparations,
    profiles,
    sense_checks,
    session_plan_versions,
    session_plans,
    workshops,
    you_said,
)
from coprod_lab.transcripts.table import UNKNOWN_SPEAKER

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
    """Each participant's display name with their pseudonym, in the order of person_numbers."""
    with store.read() as db:
        return dict(
            db.execute(
                select(participants.c.display_name, participants.c.pseudonym)
                .where(participants.c.project_id == project_id)
                .order_by(participants.c.id)
            ).all()
        )


def speakers_known(store: Store, project_id: int) -> dict[str, tuple[int, str]]:
    """Every speaker name the project maps to a participant (display names and remembered
    speaker names), each with the number of the participant's [PERSON n] and their role."""
    numbers = person_numbers(store, project_id)
    with store.read() as db:
        people = {
            person_id: (name, role)
            for person_id, name, role in db.execute(
                select(participants.c.id, participants.c.display_name, participants.c.role).where(
                    participants.c.project_id == project_id
                )
            )
        }
        remembered = db.execute(
            select(speaker_names.c.speaker, speaker_names.c.participant_id).where(
                speaker_names.c.project_id == project_id
            )
        ).all()
    known = {name: (numbers[name], role) for name, role in people.values()}
    for speaker, person_id in remembered:
        name, role = people[person_id]
        known[speaker] = (numbers[name], role)
    return known


def redact_transcript(
    table: pd.DataFrame,
    names: dict[str, int],
    *,
    known: dict[str, tuple[int, str]] | None = None,
    markers: PersonMarkers | None = None,
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The table with personal details in `text` and every `speaker` replaced, and the key
    to undo it. Keep the key apart (save_key) from the redacted table.

    names: participants' names with their numbers (person_numbers). known: speaker names the
    project maps to a participant, with (number, role) (speakers_known): those speakers take
    that number and role. Every other speaker gets a number of their own, after the
    participants', and keeps it in the text too ("Thanks Ann" when Ann is [PERSON 6]).
    Anyone else named in the text is found by the recogniser (names.py).
    `redacted.attrs["hidden"]` lists each finding in the text: row, kind, start and end
    (characters in the original text) and marker, without the words it hid.
    """
    known = dict(known or {})
    numbers = dict(names)
    numbers.update({speaker: number for speaker, (number, _role) in known.items()})
    markers = markers or PersonMarkers(numbers)
    for speaker in dict.fromkeys(table["speaker"]):
        named = isinstance(speaker, str) and speaker.strip() and speaker != UNKNOWN_SPEAKER
        if named and speaker not in numbers:
            numbers[speaker] = markers.number(speaker)
    markers.names.update(numbers)
    redacted = table.copy()
    key: dict[str, list[str]] = {}

    def remember(placeholder: str, original: str) -> None:
        key.setdefault(placeholder, [])
        if original not in key[placeholder]:
            key[placeholder].append(original)

    texts = []
    hidden: list[dict] = []
    for row, (text, findings) in enumerate(
        zip(
            table["text"],
            find_all(table["text"].fillna(""), numbers, markers=markers),
            strict=True,
        )
    ):
        pieces, last = [], 0
        for f in findings:
            hidden.append(
                {
                    "row": row,
                    "kind": f.kind,
                    "start": f.start,
                    "end": f.end,
                    "marker": f.placeholder,
                }
            )
            remember(f.placeholder, f.text)
            pieces += [text[last : f.start], f.placeholder]
            last = f.end
        pieces.append(text[last:] if isinstance(text, str) else "")
        texts.append("".join(pieces) if isinstance(text, str) else text)
    redacted["text"] = texts
    speakers = []
    for speaker in table["speaker"]:
        if speaker in numbers:
            placeholder = f"[PERSON {numbers[speaker]}]"
            remember(placeholder, speaker)
            speakers.append(placeholder)
        else:
            speakers.append(speaker)
    redacted["speaker"] = speakers
    # Sessions and sources are named after files, and files often after people.
    in_files = {name: f"person {number}" for name, number in numbers.items()}
    for column in ("session", "source"):
        if column in redacted.columns:
            redacted[column] = [
                _in_file_name(v, in_files) if isinstance(v, str) else v for v in redacted[column]
            ]
    # What was hidden where (positions in the original text), never what it was.
    redacted.attrs["hidden"] = hidden
    if known and "role" in redacted.columns:
        redacted["role"] = [
            known[speaker][1] if speaker in known else role
            for speaker, role in zip(table["speaker"], table["role"], strict=True)
        ]
    return redacted, key


KIND_WORDS = {
    "PERSON": "name",
    "PHONE": "phone number",
    "EMAIL": "email address",
    "NHS_NUMBER": "NHS number",
    "NI_NUMBER": "National Insurance number",
    "POSTCODE": "postcode",
    "REFERENCE": "reference number",
    "DATE_OF_BIRTH": "date of birth",
}


def describe_hidden(hidden: list[dict]) -> str:
    """One plain sentence counting what was hidden, by kind: "Hidden: 3 names, 1 postcode."."""
    counts: dict[str, int] = {}
    for finding in hidden:
        counts[finding["kind"]] = counts.get(finding["kind"], 0) + 1
    if not counts:
        return "Nothing was found to hide in the text."
    parts = []
    for kind, count in counts.items():
        word = KIND_WORDS.get(kind, kind.lower())
        parts.append(f"{count} {word}{'' if count == 1 else 's'}")
    return f"Hidden in the text: {', '.join(parts)}."


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


def made_up_names(store: Store, project_id: int) -> dict[str, str]:
    """Every person's name in a project with the made-up name exports show instead:
    participants (and the speaker names mapped to them) their pseudonym; every speaker not
    matched to a participant "Speaker n", numbered in the order they first speak (session by
    session, turn by turn), so an export never carries a real name because nobody mapped it."""
    out = pseudonyms(store, project_id)
    with store.read() as db:
        mapped = db.execute(
            select(speaker_names.c.speaker, participants.c.pseudonym)
            .join(participants, participants.c.id == speaker_names.c.participant_id)
            .where(speaker_names.c.project_id == project_id)
        ).all()
        spoke = db.execute(
            select(utterances.c.speaker, participants.c.pseudonym)
            .join(sessions, sessions.c.id == utterances.c.session_id)
            .outerjoin(participants, participants.c.id == utterances.c.participant_id)
            .where(sessions.c.project_id == project_id)
            .order_by(utterances.c.session_id, utterances.c.turn)
        ).all()
    out.update(dict(mapped))
    count = 0
    for speaker, pseudonym in spoke:
        if speaker in out or not speaker or speaker == UNKNOWN_SPEAKER:
            continue
        if pseudonym:
            out[speaker] = pseudonym
        else:
            count += 1
            out[speaker] = f"Speaker {count}"
    return out


def speakers_made_up(
    table: pd.DataFrame,
    own: dict[str, str],
    known: dict[str, tuple[int, str]] | None = None,
) -> dict[str, str]:
    """Made-up names for a transcript not (yet) in the store: participants' pseudonyms (`own`,
    display name -> pseudonym) for the speakers the project knows (`known`, speakers_known),
    "Speaker n" for everyone else, in the order they first speak."""
    by_number = dict(enumerate(own.values(), start=1))
    names = dict(own)
    for speaker, (number, _role) in (known or {}).items():
        names[speaker] = by_number[number]
    count = 0
    for speaker in dict.fromkeys(table["speaker"]):
        fresh = isinstance(speaker, str) and speaker.strip() and speaker not in names
        if fresh and speaker != UNKNOWN_SPEAKER:
            count += 1
            names[speaker] = f"Speaker {count}"
    return names


# Coders and memo authors are researchers (or co-analysts), named as they typed themselves in.
# Their own name is never replaced because it is part of a participant's name (coder "Sam" is
# not participant "Sam Okafor"): it becomes that participant's made-up name only when it is a
# participant's whole name (display name or a speaker name mapped to them), as a co-analyst
# who takes part is. Every table applies this the same way (pseudonymise's whole_names);
# exports then give the other coders "Coder n" (exports.tables).
CODERS_RULE = "a coder's name is made up only when it is a participant's whole name"
CODER_COLUMNS = ("coder", "author", "created_by", "applied_by", "not_by")


def pseudonymise(
    frame: pd.DataFrame,
    names_to_pseudonyms: dict[str, str],
    *,
    free_text: tuple[str, ...] = (),
    file_names: tuple[str, ...] = (),
    markers: PersonMarkers | None = None,
    whole_names: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Any table with people's names replaced by their made-up names, in every text column:
    whole cells that are a name, and names (or parts of them) inside longer text.

    free_text: columns of what people said or wrote, where anyone else's name (found by the
    recogniser, shown as [PERSON n]) and numbers (phone, postcode, ... as in redact) are
    hidden too. file_names: columns holding file names or titles made from them
    ("rosalind-achebe-call.txt"), where parts of names are found in any letter case between
    any non-letters. markers: one per project keeps [PERSON n] the same across tables.
    whole_names: columns naming the people who did the work (coder, author, created_by):
    a cell there becomes a made-up name only when it IS a whole name in names_to_pseudonyms,
    never because it is part of one (CODERS_RULE).
    """
    names = {name: i for i, name in enumerate(names_to_pseudonyms, start=1)}
    by_number = dict(enumerate(names_to_pseudonyms.values(), start=1))
    markers = markers or PersonMarkers(names)
    out = frame.copy()
    # The recogniser is the slow part, and the same text often sits in several columns and
    # rows (a turn is the next row's "before"): run it once per distinct text, in the order
    # the texts first appear column by column, so [PERSON n] numbers as running it per column.
    for column in file_names:
        if column in out.columns:
            out[column] = [
                _in_file_name(v, names_to_pseudonyms) if isinstance(v, str) else v
                for v in out[column]
            ]
    distinct = dict.fromkeys(
        v
        for column in out.columns
        if column in free_text
        for v in out[column]
        if isinstance(v, str)
    )
    found = dict(zip(distinct, find_all(list(distinct), names, markers=markers), strict=True))
    for column in out.columns:
        if not (out[column].dtype == object or str(out[column].dtype) in ("string", "str")):
            continue
        values = list(out[column])
        if column in whole_names:
            out[column] = [
                names_to_pseudonyms.get(v, v) if isinstance(v, str) else v for v in values
            ]
            continue
        if column in free_text:
            out[column] = [
                _replaced(v, found[v], by_number) if isinstance(v, str) else v for v in values
            ]
        else:
            out[column] = [
                names_to_pseudonyms.get(v, _replace_people(v, names, by_number.__getitem__))
                if isinstance(v, str)
                else v
                for v in values
            ]
    return out


def _in_file_name(value: str, names_to_pseudonyms: dict[str, str]) -> str:
    parts: dict[str, str] = {}
    for name, made_up in names_to_pseudonyms.items():
        slug = re.sub(r"\W+", "-", made_up.lower())
        for part in re.findall(r"[^\W\d_]{3,}", name):
            parts.setdefault(part.casefold(), slug)
    if not parts:
        return value
    pattern = re.compile(
        r"(?<![^\W\d_])(?:"
        + "|".join(map(re.escape, sorted(parts, key=len, reverse=True)))
        + r")(?![^\W\d_])",
        re.IGNORECASE,
    )
    replaced = pattern.sub(lambda m: parts[m.group(0).casefold()], value)
    # "rosalind-achebe" -> "speaker-1-speaker-1" -> "speaker-1"
    for slug in set(parts.values()):
        replaced = re.sub(rf"{re.escape(slug)}(?:[-_ .]+{re.escape(slug)})+", slug, replaced)
    return replaced


def _replaced(text: str, findings: list, by_number: dict[int, str]) -> str:
    pieces, last = [], 0
    for f in findings:
        shown = f.placeholder
        if f.kind == "PERSON":
            number = int(f.placeholder.removeprefix("[PERSON ").removesuffix("]"))
            shown = by_number.get(number, f.placeholder)
        pieces += [text[last : f.start], shown]
        last = f.end
    pieces.append(text[last:])
    return "".join(pieces)


def _replace_people(text: str, names: dict[str, int], replacement: Callable[[int], str]) -> str:
    """`text` with each participant's name (or a part of it) replaced by replacement(number)."""
    pieces, last = [], 0
    for f in find(text, names, people=False):
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


def _erased_in(value: object, names: dict[str, int]) -> object:
    """A JSON value with every name in `names` in its strings replaced by ERASED."""
    if isinstance(value, str):
        return _replace_people(value, names, lambda _number: ERASED)
    if isinstance(value, list):
        return [_erased_in(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _erased_in(item, names) for key, item in value.items()}
    return value


@dataclass(frozen=True)
class Erased:
    """What erasing a participant took out of the audit trail: events of their project about
    them or made under their name, and events with no known project (made before the trail
    kept projects, about rows since gone) under their name, which cannot be told apart from
    theirs and so go too. Events of a same-named person in another project stay."""

    events_in_project: int
    events_no_project: int


def erase_participant(store: Store, participant_id: int, *, actor: str) -> Erased:
    """Remove a participant and everything they contributed, everywhere, in one transaction.

    Returns how many audit events went (Erased). Raises CoprodLabError for an unknown number.
    """
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
        their_turns = select(utterances.c.id).where(
            utterances.c.session_id.in_(project_sessions),
            (utterances.c.participant_id == participant_id)
            | (utterances.c.speaker == person.display_name),
        )
        # "You said, we did" entries made from their turns go too, whoever they name: the
        # words are theirs (their own entries go with them by ON DELETE CASCADE).
        db.execute(
            delete(you_said).where(
                you_said.c.project_id == person.project_id,
                you_said.c.source_kind == "turn",
                you_said.c.source_id.in_(their_turns),
            )
        )
        db.execute(delete(utterances).where(utterances.c.id.in_(their_turns)))
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
            (
                you_said,
                you_said.c.project_id == person.project_id,
                ("said", "action", "action_by", "done"),
            ),
            (profiles, profiles.c.participant_id.in_(people_ids), ("author",)),
            # A researcher's memo may name them ("Ann said this again at the second meeting").
            (memos, memos.c.project_id == person.project_id, ("text", "author")),
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
        # Titles a facilitator typed may name them ("Dev's story", "Planning with Dev").
        # Titles are unique in a project, so a title that would match another gets a number.
        for table in (sessions, session_plans, workshops):
            rows = db.execute(
                select(table.c.id, table.c.title).where(table.c.project_id == person.project_id)
            ).all()
            taken = {title for _id, title in rows}
            for row_id, title in rows:
                cleaned = _replace_people(title, names, lambda _number: ERASED)
                if cleaned == title:
                    continue
                base, n = cleaned, 2
                while cleaned in taken:
                    cleaned, n = f"{base} ({n})", n + 1
                taken.add(cleaned)
                db.execute(update(table).where(table.c.id == row_id).values(title=cleaned))
        # Preparations and session plans keep their answers as JSON: every string in them.
        plan_ids = select(session_plans.c.id).where(session_plans.c.project_id == person.project_id)
        for table, where in (
            (preparations, preparations.c.project_id == person.project_id),
            (session_plan_versions, session_plan_versions.c.plan_id.in_(plan_ids)),
        ):
            rows = db.execute(select(table.c.id, table.c.fields, table.c.author).where(where)).all()
            for row_id, fields, author in rows:
                cleaned = {
                    "fields": _erased_in(fields, names),
                    "author": _replace_people(author, names, lambda _number: ERASED),
                }
                if cleaned != {"fields": fields, "author": author}:
                    db.execute(update(table).where(table.c.id == row_id).values(**cleaned))
        # Events about them, and events that name them as the one who acted (a memo they
        # wrote). The log is append-only, so these go rather than being rewritten. Only this
        # project's: a same-named person elsewhere keeps theirs. An event whose project is not
        # known (NULL) and that names them may be theirs, so it goes too: never guess.
        theirs = ((events.c.subject == "participant") & (events.c.subject_id == participant_id)) | (
            events.c.actor == person.display_name
        )
        gone = {
            "in_project": events.c.project_id == person.project_id,
            "no_project": events.c.project_id.is_(None),
        }
        counts = {
            key: db.execute(delete(events).where(theirs, where)).rowcount
            for key, where in gone.items()
        }
        # Everything else that refers to them goes with this row (ON DELETE CASCADE).
        db.execute(delete(participants).where(participants.c.id == participant_id))
        record(
            db,
            actor=actor,
            action="erase",
            subject="participant",
            project_id=person.project_id,
        )
    return Erased(counts["in_project"], counts["no_project"])


def erase_candidate(store: Store, candidate_id: int, *, actor: str) -> None:
    """Remove a recruitment panel's candidate everywhere, in one transaction.

    Their row goes, and with it (ON DELETE CASCADE) every rating and note about their
    interview; their name is replaced in the notes the panel wrote about other candidates;
    the events about them go. One event then says an erasure happened, and nothing about whom.
    Raises CoprodLabError if there is no such candidate.
    """
    with store.write() as db:
        person = db.execute(
            select(panel_candidates.c.name, panel_candidates.c.panel_id).where(
                panel_candidates.c.id == candidate_id
            )
        ).first()
        if person is None:
            raise CoprodLabError(f"There is no candidate number {candidate_id}.")
        project_id = audit_project_of(db, "panel candidate", candidate_id)
        db.execute(delete(panel_candidates).where(panel_candidates.c.id == candidate_id))
        if person.name:
            names = {person.name: 1}
            rows = db.execute(
                select(panel_ratings.c.id, panel_ratings.c.note).where(
                    panel_ratings.c.panel_id == person.panel_id, panel_ratings.c.note != ""
                )
            ).all()
            for rating_id, note in rows:
                cleaned = _replace_people(note, names, lambda _number: ERASED)
                if cleaned != note:
                    db.execute(
                        update(panel_ratings)
                        .where(panel_ratings.c.id == rating_id)
                        .values(note=cleaned)
                    )
        db.execute(
            delete(events).where(
                events.c.subject.in_(("panel candidate", "panel rating")),
                events.c.subject_id == candidate_id,
            )
        )
        record(db, actor=actor, action="erase", subject="panel candidate", project_id=project_id)
