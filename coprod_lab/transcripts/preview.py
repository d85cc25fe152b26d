"""What a reading found, told to a person before anything is stored: the format, each speaker
with their turns and words, and the warnings. Used by `coprod-lab parse`/`import` and the
import preview widget, so all three say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coprod_lab.transcripts.read import FORMAT_NAMES
from coprod_lab.transcripts.talk import talk_by_speaker

if TYPE_CHECKING:
    import pandas as pd


def speaker_counts(table: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker: `speaker`, `turns`, `words`, most words first. People named in a
    speaker key who have no turn are listed with 0, so a missing interviewee shows."""
    import pandas as pd

    counts = talk_by_speaker(table)[["speaker", "turns", "words"]]
    counts = counts.groupby("speaker", sort=False, as_index=False).sum()
    silent = [n for n in table.attrs.get("key_speakers", []) if n not in set(counts["speaker"])]
    if silent:
        extra = pd.DataFrame({"speaker": silent, "turns": 0, "words": 0})
        counts = pd.concat([counts, extra], ignore_index=True)
    return counts.astype({"turns": "int64", "words": "int64"}).reset_index(drop=True)


def format_name(table: pd.DataFrame) -> str:
    """The reader's format in words ("interview with a speaker key"), or "unknown"."""
    return FORMAT_NAMES.get(table.attrs.get("format", ""), "unknown")


def speaker_lines(table: pd.DataFrame) -> list[str]:
    """`  Name: 3 turns, 120 words` for each speaker (see speaker_counts)."""
    lines = []
    for row in speaker_counts(table).itertuples():
        turns = f"{row.turns} turn{'' if row.turns == 1 else 's'}"
        words = f"{row.words} word{'' if row.words == 1 else 's'}"
        lines.append(f"  {row.speaker}: {turns}, {words}")
    return lines


def warning_lines(table: pd.DataFrame) -> list[str]:
    """Each warning as `Warning: <file>, line <n>: <sentence>`."""
    return [f"Warning: {sentence}" for sentence in table.attrs.get("warnings", [])]


def turn_lines(table: pd.DataFrame, width: int = 100) -> list[str]:
    """Every turn whole, as `line 12, 00:01:02  Name (role):` then its text wrapped to `width`
    characters and indented, with a blank line between turns. Times are shown as h:mm:ss when
    the file gave them; the line is the file's line where the turn starts."""
    import math
    import textwrap

    out: list[str] = []
    for row in table.itertuples():
        where = [f"line {row.line}"] if _known(row.line) else []
        if _known(row.start):
            seconds = math.floor(float(row.start))
            where.append(f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}")
        # A file gives no roles ("unknown" until someone maps the speakers): say nothing then.
        known_role = isinstance(row.role, str) and row.role not in ("", "unknown")
        role = f" ({row.role})" if known_role else ""
        out.append(f"{', '.join(where)}  {row.speaker}{role}:".lstrip())
        out.extend(
            textwrap.wrap(str(row.text), width, initial_indent="    ", subsequent_indent="    ")
            or ["    "]
        )
        out.append("")
    return out[:-1]


def _known(value: object) -> bool:
    """False for None and NaN (a time or line the file did not give)."""
    return value is not None and value == value
