"""Otter.ai text exports, and Teams transcripts saved from Word: a `Name  0:03` line, then
what they said on the lines below it.

Lines before the first speaker line (a title, a date, the word "Transcript") are not turns and
are left out; everything after it belongs to a turn.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_lab.transcripts.plain_text import LINES
from coprod_lab.transcripts.table import TranscriptError, transcript_table, utterance

if TYPE_CHECKING:
    import pandas as pd

SPEAKER_LINE = re.compile(
    r"^(?P<speaker>[^\W\d_][\w'.\- ]{0,60}?)\s+(?P<time>(?:\d+:)?\d{1,2}:\d{2})\s*$"
)


def is_speaker_line(line: str) -> bool:
    match = SPEAKER_LINE.match(line.strip())
    return bool(match) and len(match["speaker"].split()) <= 6


def _seconds(stamp: str) -> float:
    total = 0.0
    for part in stamp.split(":"):
        total = total * 60 + int(part)
    return total


def parse_otter(text: str, path: Path, session: str) -> pd.DataFrame:
    rows: list[dict] = []
    for number, line in enumerate(LINES.split(text), start=1):
        if not line.strip():
            continue
        if is_speaker_line(line):
            match = SPEAKER_LINE.match(line.strip())
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
            rows[-1]["text"] = (rows[-1]["text"] + " " + line.strip()).strip()
    if not rows:
        raise TranscriptError(path, None, "has no speaker lines like `Sam Jones  0:03`.")
    for row in rows:
        if not row["text"]:
            raise TranscriptError(path, row["line"], f"{row['speaker']} says nothing here.")
    # Otter gives only start times: a turn ends when the next one starts.
    for this, following in itertools.pairwise(rows):
        if following["start"] < this["start"]:
            raise TranscriptError(
                path, following["line"], "this time is earlier than the one before."
            )
        this["end"] = following["start"]
    return transcript_table(rows)
