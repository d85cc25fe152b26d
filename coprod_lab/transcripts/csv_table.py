"""Transcripts kept as a table (CSV): the user names the speaker and text columns.

Columns called `start` and `end` (seconds) are used when present. Line numbers are the file's
lines, so a quoted text that spans lines is reported where it starts.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_lab.transcripts.table import (
    UNKNOWN_SPEAKER,
    TranscriptError,
    transcript_table,
    utterance,
)

if TYPE_CHECKING:
    import pandas as pd


def _number(value: str, path: Path, line: int, column: str) -> float:
    if not value.strip():
        return math.nan
    try:
        return float(value)
    except ValueError:
        raise TranscriptError(
            path, line, f"the {column} column must hold seconds, not {value[:30]!r}."
        ) from None


def parse_csv(
    text: str, path: Path, session: str, *, speaker_column: str, text_column: str
) -> pd.DataFrame:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise TranscriptError(path, None, "is empty: it has no header row.") from None
    names = [h.strip() for h in header]
    missing = [c for c in (speaker_column, text_column) if c not in names]
    if missing:
        raise TranscriptError(
            path, 1, f"has no column called {missing[0]!r}; its columns are {', '.join(names)}."
        )
    where = {name: names.index(name) for name in names}
    rows: list[dict] = []
    line = reader.line_num + 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if len(record) != len(names):
                    raise TranscriptError(
                        path, line, f"has {len(record)} cells where the header has {len(names)}."
                    )
                words = record[where[text_column]].strip()
                if words:
                    rows.append(
                        utterance(
                            session,
                            record[where[speaker_column]].strip() or UNKNOWN_SPEAKER,
                            words,
                            path,
                            line,
                            start=_number(record[where["start"]], path, line, "start")
                            if "start" in where
                            else math.nan,
                            end=_number(record[where["end"]], path, line, "end")
                            if "end" in where
                            else math.nan,
                        )
                    )
            line = reader.line_num + 1
    except csv.Error as error:
        raise TranscriptError(path, reader.line_num, f"is not well-formed CSV ({error}).") from None
    if not rows:
        raise TranscriptError(path, None, "has a header but no rows with text.")
    return transcript_table(rows)
