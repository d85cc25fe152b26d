"""Otter.ai text exports, and Teams transcripts saved from Word: a `Name  0:03` line, then
what they said on the lines below it (Markdown copies put the name in bold). Teams adds a
tag to visitors' names (`Hans Elstner (External)   0:03`): the tag stays in the name, as Teams
shows it.

Lines above the first speaker line (a title, a date, the word "Transcript") are not turns:
the first is kept as the title, the rest as the description. Otter's "Transcribed by" footer
is left out before this reader sees the text (wrappers.py). A speaker line with no words
below it is left out and reported. Back-to-back turns of one speaker are one turn.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coprod_lab.transcripts.names import is_name_like
from coprod_lab.transcripts.table import (
    Notes,
    merge_same_speaker,
    refusal,
    transcript_table,
    utterance,
)
from coprod_lab.transcripts.wrappers import LINES

if TYPE_CHECKING:
    import pandas as pd

SPEAKER_LINE = re.compile(
    r"^\**(?P<speaker>[^\W\d_][\w'’.\- ]{0,60}?(?:\s*\((?!\d)[^()]{1,40}\))*)\**\s+"
    r"(?P<time>(?:\d+:)?\d{1,2}:\d{2})\s*$"
)
_HEADER_WORDS = {"transcript", "transcription"}


def is_speaker_line(line: str) -> bool:
    """True for `Name  0:03` (a name of at most six words, then a time)."""
    match = SPEAKER_LINE.match(line.strip())
    return bool(match) and len(match["speaker"].split()) <= 6 and _namelike(match["speaker"])


def _namelike(speaker: str) -> bool:
    # Otter's own labels ("Speaker 1") and people's names; not a sentence ending in a time.
    return is_name_like(speaker.strip()) or speaker.strip().lower().startswith("speaker")


def _seconds(stamp: str) -> float:
    total = 0.0
    for part in stamp.split(":"):
        total = total * 60 + int(part)
    return total


def _stamp(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return (
        f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"
        if minutes >= 60
        else f"{minutes}:{secs:02d}"
    )


def parse_otter(
    text: str, path: Path, session: str, meta: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Read an Otter or Teams text export into the Transcript table (see the module note)."""
    notes = Notes(path, meta)
    rows: list[dict] = []
    before: list[str] = []
    lines = LINES.split(text)
    # A name Otter was given in small letters (`dora  0:03`) counts when it comes twice.
    raw = [m["speaker"].strip() for s in lines if (m := SPEAKER_LINE.match(s.strip()))]
    recurring = {name for name in raw if raw.count(name) >= 2 and len(name.split()) <= 6}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        match = SPEAKER_LINE.match(line.strip())
        named = bool(match) and match["speaker"].strip() in recurring
        if is_speaker_line(line) or named:
            rows.append(
                utterance(
                    session,
                    match["speaker"].strip(),
                    "",
                    path,
                    number,
                    start=_seconds(match["time"]),
                )
            )
        elif rows:
            if match and len(match["speaker"].split()) <= 3:
                notes.warn(
                    number,
                    f"this line looks like a speaker and a time (`{line.strip()[:40]}`); it was "
                    f"read as part of {rows[-1]['speaker']}'s turn above.",
                )
            rows[-1]["text"] = (rows[-1]["text"] + " " + line.strip()).strip()
        elif line.strip().lower() not in _HEADER_WORDS:
            before.append(line.strip())
    if not rows:
        first = next((s for s in LINES.split(text) if s.strip()), "nothing")
        raise refusal(path, None, "speaker lines like `Sam Jones  0:03`", first)
    if before:
        notes.meta.setdefault("title", before[0])
        if len(before) > 1:
            notes.meta.setdefault("description", " ".join(before[1:]))
    for row in rows:
        if not row["text"]:
            notes.warn(row["line"], f"{row['speaker']} has a turn here with no words; left out.")
    timed = [row for row in rows if row["text"]]
    # Otter gives only start times: a turn ends when the next one starts. A time earlier
    # than the one before (a hand-edited file) keeps the file's order, with no end above it.
    for this, following in itertools.pairwise(rows):
        if following["start"] < this["start"]:
            notes.warn(
                following["line"],
                f"this time ({_stamp(following['start'])}) is earlier than the one before "
                f"({_stamp(this['start'])}); the turns are kept in the file's order and the "
                "turn above has no end time.",
            )
            continue
        this["end"] = following["start"]
    rows = merge_same_speaker(timed)
    if not rows:
        raise refusal(path, None, "words below the speaker lines", "speaker lines only")
    notes.meta["format"] = "otter"
    return transcript_table(rows, notes)
