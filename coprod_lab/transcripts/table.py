"""The Transcript table every reader returns, and the error every reader raises."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coprod_lab.errors import CoprodLabError

if TYPE_CHECKING:
    import pandas as pd

# Who said a caption or row that names no one.
UNKNOWN_SPEAKER = "Unknown speaker"

COLUMNS = ("session", "turn", "start", "end", "speaker", "role", "text", "source", "line")


class TranscriptError(CoprodLabError):
    """A transcript that cannot be read; the message names the file and the line."""

    def __init__(self, source: str | Path, line: int | None, problem: str) -> None:
        where = f"{source}, line {line}" if line else str(source)
        super().__init__(f"{where}: {problem}")
        self.source = str(source)
        self.line = line
        self.problem = problem


def utterance(
    session: str,
    speaker: str,
    text: str,
    path: Path,
    line: int,
    *,
    start: float = math.nan,
    end: float = math.nan,
) -> dict[str, Any]:
    """One row of the Transcript table (less its turn, which transcript_table numbers)."""
    return {
        "session": session,
        "start": start,
        "end": end,
        "speaker": speaker,
        "role": "unknown",
        "text": text,
        "source": path.name,
        "line": line,
    }


def transcript_table(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Build the Transcript table from utterance dicts, numbering turns from 0."""
    import pandas as pd  # imported here: voters' pages import this package without pandas

    frame = pd.DataFrame(list(rows), columns=[c for c in COLUMNS if c != "turn"])
    frame.insert(1, "turn", range(len(frame)))
    return frame.astype({"start": "float64", "end": "float64", "line": "int64", "turn": "int64"})
