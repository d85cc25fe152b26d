"""Plain-text transcripts typed by people: one `Name: what they said` per turn.

A line that does not start with a name and a colon continues the turn above it, so a long
answer can wrap. Blank lines are ignored. There are no timings, so start and end are NaN.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_lab.transcripts.decode import decode, read_bytes
from coprod_lab.transcripts.table import TranscriptError, transcript_table, utterance

if TYPE_CHECKING:
    import pandas as pd

# A speaker label: up to six words of letters (with ' . -), then a colon. Kept narrow so a
# sentence such as "Note: this was hard" inside a turn is rare to mistake for a speaker.
NAMED_TURN = re.compile(r"^(?P<speaker>[^\W\d_][\w'.\- ]{0,60}?)\s*:\s+(?P<text>\S.*)$")
LINES = re.compile(r"\r\n|\r|\n")


def is_named_turn(line: str) -> bool:
    match = NAMED_TURN.match(line.strip())
    return bool(match) and len(match["speaker"].split()) <= 6


def parse_named_lines(text: str, path: Path, session: str) -> pd.DataFrame:
    rows: list[dict] = []
    for number, line in enumerate(LINES.split(text), start=1):
        if not line.strip():
            continue
        if is_named_turn(line):
            match = NAMED_TURN.match(line.strip())
            rows.append(
                utterance(session, match["speaker"].strip(), match["text"].strip(), path, number)
            )
        elif rows:
            rows[-1]["text"] += " " + line.strip()
        else:
            raise TranscriptError(
                path,
                number,
                "the first turn must start with a name and a colon, like `Sam: Hello`.",
            )
    if not rows:
        raise TranscriptError(path, None, "is empty: it holds no turns.")
    return transcript_table(rows)


def read_plain_text(path: str | Path, *, session: str | None = None) -> pd.DataFrame:
    """Read a `Name: text` transcript into the Transcript table (roles are "unknown")."""
    path = Path(path)
    text = decode(read_bytes(path), path)
    return parse_named_lines(text, path, session or path.stem)
