"""Reading a CSV file of texts for the theme model: any column of text, any number of rows.

A file that cannot be read is refused with its name and the line, and nothing is changed.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from coprod_lab.transcripts.decode import decode, read_bytes
from coprod_lab.transcripts.table import TranscriptError

_PANDAS_LINE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def read_texts(path: str | Path, text_column: str, *others: str | None) -> pd.DataFrame:
    """The CSV file as strings, checked to have the text column and any other columns named."""
    path = Path(path)
    text = decode(read_bytes(path), path)
    if not text.strip():
        raise TranscriptError(path, None, "is empty: it has no header row.")
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as error:
        found = _PANDAS_LINE.search(str(error))
        if found:
            expected, line, saw = found.groups()
            raise TranscriptError(
                path, int(line), f"has {saw} fields where the header has {expected}."
            ) from None
        raise TranscriptError(path, None, f"is not a CSV file we can read ({error}).") from None
    table.columns = [str(c).strip() for c in table.columns]
    for column in (text_column, *others):
        if column and column not in table.columns:
            raise TranscriptError(
                path,
                1,
                f"has no column called {column!r}; its columns are {', '.join(table.columns)}.",
            )
    return table
