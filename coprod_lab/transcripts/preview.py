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
