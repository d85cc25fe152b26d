"""Interview transcripts that open with a key of speakers, then mark each turn with initials:

    MD - Michelle Drumm
    JS - John Smith

    MD So, tell me how it started.
    JS Well, it was a Tuesday...

Lines that do not start with a known set of initials continue the turn above.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_lab.transcripts.plain_text import LINES
from coprod_lab.transcripts.table import TranscriptError, transcript_table, utterance

if TYPE_CHECKING:
    import pandas as pd

KEY_LINE = re.compile(
    r"^(?P<initials>[A-Z][A-Za-z]{0,3}\d?)\s*[-\u2013=:]\s*(?P<name>[^\W\d_][\w'.\- ]{1,60})$"
)


def read_key(text: str) -> tuple[dict[str, str], int]:
    """The speaker key at the top, and the index of the first line after it."""
    key: dict[str, str] = {}
    lines = LINES.split(text)
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        match = KEY_LINE.match(line.strip())
        if not match:
            return key, index
        key[match["initials"]] = match["name"].strip()
    return key, len(lines)


def has_speaker_key(text: str) -> bool:
    key, after = read_key(text)
    if len(key) < 2:
        return False
    rest = [line for line in LINES.split(text)[after:] if line.strip()]
    return bool(rest) and rest[0].split(maxsplit=1)[0].rstrip(":.") in key


def parse_speaker_key(text: str, path: Path, session: str) -> pd.DataFrame:
    key, after = read_key(text)
    if not key:
        raise TranscriptError(
            path, None, "has no speaker key at the top (lines like `MD - Michelle Drumm`)."
        )
    turn = re.compile(
        r"^(?P<initials>"
        + "|".join(map(re.escape, sorted(key, key=len, reverse=True)))
        + r")[:.]?\s+(?P<text>\S.*)$"
    )
    rows: list[dict] = []
    for number, line in enumerate(LINES.split(text)[after:], start=after + 1):
        if not line.strip():
            continue
        match = turn.match(line.strip())
        if match:
            rows.append(
                utterance(session, key[match["initials"]], match["text"].strip(), path, number)
            )
        elif rows:
            rows[-1]["text"] += " " + line.strip()
        else:
            raise TranscriptError(
                path, number, "after the speaker key, each turn must start with initials from it."
            )
    if not rows:
        raise TranscriptError(path, None, "has a speaker key but no turns after it.")
    return transcript_table(rows)
