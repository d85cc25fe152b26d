"""Plain-text transcripts typed by people: one `Name: what they said` per turn.

A line that does not start with a name and a colon continues the turn above it, so a long
answer can wrap. Blank lines are ignored. There are no timings, so start and end are NaN.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_lab.transcripts.table import TranscriptError, transcript_table

if TYPE_CHECKING:
    import pandas as pd

# A speaker label: up to six words of letters (with ' . -), then a colon. Kept narrow so a
# sentence such as "Note: this was hard" inside a turn is rare to mistake for a speaker.
_TURN = re.compile(r"^(?P<speaker>[^\W\d_][\w'.\- ]{0,60}?)\s*:\s+(?P<text>\S.*)$")


def read_plain_text(path: str | Path, *, session: str | None = None) -> pd.DataFrame:
    """Read a `Name: text` transcript into the Transcript table (roles are "unknown")."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TranscriptError(path, None, f"cannot be opened ({error.strerror}).") from None
    if b"\x00" in raw:
        raise TranscriptError(path, None, "is not a text file.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TranscriptError(path, line, "is not UTF-8 text.") from None

    rows: list[dict] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _TURN.match(line.strip())
        if match and len(match["speaker"].split()) <= 6:
            rows.append(
                {
                    "session": session or path.stem,
                    "start": math.nan,
                    "end": math.nan,
                    "speaker": match["speaker"].strip(),
                    "role": "unknown",
                    "text": match["text"].strip(),
                    "source": path.name,
                    "line": number,
                }
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
