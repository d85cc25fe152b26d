"""Plain-text transcripts typed by people: one `Name: what they said` per turn.

Also read: Markdown's bold names (`**Emma** [0:18] Welcome`), a time before the name
(`[00:01:02] Name: text`), Rev's time after it (`Name (00:01:02):` with the words below),
bracketed tags kept in the name
(`Hans Elstner (External): text`), and a name alone on its line with the words below.

A line that does not start with a name and a colon carries on the turn above it, so a long
answer can wrap. A label counts as a name when it reads as one (capitalised words, at most
six); a one-word label in small letters (`interviewer:`) counts when the file uses it at least
twice, and is otherwise reported. `Title:`, `Date:` and the like above the first turn are the
file's details, not speech. Text above the first turn is kept as the description, with a
warning. Each `Name:` line is a turn as it was typed, even when the same name comes twice.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coprod_lab.transcripts.decode import decode, read_bytes
from coprod_lab.transcripts.names import METADATA_LABELS, NOT_NAMES, is_name_like
from coprod_lab.transcripts.table import (
    Notes,
    TranscriptError,
    merge_same_speaker,
    refusal,
    transcript_table,
    utterance,
)
from coprod_lab.transcripts.wrappers import LINES, unwrap

if TYPE_CHECKING:
    import pandas as pd

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_EM = r"(?:\*\*|__)?"
NAMED_TURN = re.compile(
    rf"^(?:\[?(?P<stamp>{_TIME})\]?\s+)?{_EM}"
    r"(?P<speaker>[^\W\d_][\w'’.\- ]{0,60}?(?:\s*\((?!\d)[^()]{1,40}\))*)"
    rf"{_EM}\s*(?:\(\s*(?P<stamp2>{_TIME})\s*\))?\s*{_EM}:{_EM}(?:\s+(?P<text>\S.*))?$"
)

# Markdown podcast transcripts: the name in bold, no colon, often a time after it
# (`**Emma** [0:18] Welcome to the podcast.`).
BOLD_TURN = re.compile(
    rf"^(?:\[?(?P<stamp>{_TIME})\]?\s+)?\*\*(?P<speaker>[^\W\d_][\w'’.\- ]{{0,60}}?"
    rf"(?:\s*\((?!\d)[^()]{{1,40}}\))*)\*\*\s*(?:\[(?P<stamp2>{_TIME})\]\s*)?"
    r"(?:\s(?P<text>\S.*))?$"
)

_CAPITALS = re.compile(r"^[A-Z]{2,4}\d{0,2}$")


def _label(line: str) -> re.Match[str] | None:
    line = line.strip()
    match = NAMED_TURN.match(line) or BOLD_TURN.match(line)
    if not match or len(match["speaker"].split()) > 6:
        return None
    return match


def _bold(match: re.Match[str]) -> bool:
    return match.re is BOLD_TURN


def is_named_turn(line: str) -> bool:
    """True when `line` starts with a name-like label and a colon (`Sam Jones: Hello`)."""
    match = _label(line)
    return bool(match) and is_name_like(match["speaker"].strip())


def _seconds(stamp: str | None) -> float:
    if not stamp:
        return float("nan")
    total = 0.0
    for part in stamp.replace(",", ".").split(":"):
        total = total * 60 + float(part)
    return total


def parse_named_lines(
    text: str, path: Path, session: str, meta: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Read `Name: text` lines into the Transcript table (see the module note).

    Raises TranscriptError, saying what was expected and found, when no line is a turn.
    """
    notes = Notes(path, meta)
    lines = LINES.split(text)
    labels = Counter(m["speaker"].strip() for line in lines if (m := _label(line)) and line.strip())
    # Labels that also start a line with words after them: a name alone on its line (the words
    # below) counts only when it is one of these, has two words or a number, or has a time.
    with_words = {m["speaker"].strip() for line in lines if (m := _label(line)) and m["text"]}
    # Initials in capitals (`SO:`, `PS:`): when the file marks turns with other such
    # initials, one used once is a speaker too, even when it spells a word ("SO", "NO", "IT").
    capitals = {label for label in with_words if _CAPITALS.match(label)}
    rows: list[dict] = []
    before: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        match = _label(line)
        speaker = match["speaker"].strip() if match else ""
        if match and not rows and speaker.lower() in METADATA_LABELS and match["text"]:
            if speaker.lower() == "title":
                notes.meta.setdefault("title", match["text"].strip())
            notes.meta.setdefault("details", {})[speaker] = match["text"].strip()
            continue
        if match and _bold(match) and not (match["stamp"] or match["stamp2"]):
            # A bold name with no colon and no time is a speaker when the file uses it twice.
            accepted = is_name_like(speaker) and labels[speaker] >= 2
        else:
            # A label the file uses three times or more is a name, however it is written.
            accepted = bool(match) and (
                is_name_like(speaker)
                or (" " not in speaker and labels[speaker] >= 2)
                or labels[speaker] >= 3
                or (speaker in capitals and len(capitals - {speaker}) >= 1)
            )
        alone = bool(match) and not match["text"] and not (match["stamp"] or match["stamp2"])
        if alone and speaker not in with_words and not re.search(r"\s|\d", speaker):
            accepted = False
        if match and accepted:
            rows.append(
                utterance(
                    session,
                    speaker,
                    (match["text"] or "").strip(),
                    path,
                    number,
                    start=_seconds(match["stamp"] or match["stamp2"]),
                )
            )
            continue
        # Reported when it could be a name: one word (`interviewer:` once) or a bold name. A
        # label with small words in it (`You say:`) is a sentence, read as one.
        plausible = " " not in speaker or _bold(match) if match else False
        if (
            match
            and rows
            and plausible
            and (speaker.lower() not in NOT_NAMES or _CAPITALS.match(speaker))
        ):
            shown = f"**{speaker}**" if _bold(match) else f"{speaker}:"
            notes.warn(
                number,
                f"this line starts `{shown}`, which may be a speaker's name; it was read as "
                f"part of {rows[-1]['speaker']}'s turn above.",
            )
        if rows:
            rows[-1]["text"] = (rows[-1]["text"] + " " + line).strip()
        else:
            before.append((number, line.lstrip("#").strip()))
    if not rows:
        number, line = before[0] if before else (None, "nothing")
        raise refusal(
            path, number, "a turn starting with a name and a colon, like `Sam: Hello`", line
        )
    if before:
        span = f"{before[0][0]}" if len(before) == 1 else f"{before[0][0]} to {before[-1][0]}"
        plural = "s" if len(before) > 1 else ""
        notes.warn(
            before[0][0],
            f"line{plural} {span} come{'' if plural else 's'} before the first `Name: text` turn; "
            "kept as the session's description, not as speech.",
        )
        notes.meta.setdefault("description", " ".join(s for _, s in before))
    for row in rows:
        if not row["text"]:
            notes.warn(row["line"], f"{row['speaker']} has a turn here with no words; left out.")
    rows = merge_same_speaker([row for row in rows if row["text"]], merge=False)
    if not rows:
        raise refusal(path, None, "turns with words after the names", "only names")
    # Times before names give each turn's start; a turn ends when the next begins.
    for this, following in itertools.pairwise(rows):
        if following["start"] == following["start"] and this["start"] == this["start"]:
            this["end"] = following["start"]
    notes.meta["format"] = "plain_text"
    return transcript_table(rows, notes)


def read_plain_text(path: str | Path, *, session: str | None = None) -> pd.DataFrame:
    """Read a `Name: text` transcript into the Transcript table (roles are "unknown")."""
    path = Path(path)
    notes = Notes(path)
    text = decode(read_bytes(path), path)
    if not text.strip():
        raise TranscriptError(path, None, "is empty.")
    text = unwrap(text, notes)
    table = parse_named_lines(text, path, session or path.stem, notes.meta)
    table.attrs["warnings"] = notes.sentences() + table.attrs["warnings"]
    return table
