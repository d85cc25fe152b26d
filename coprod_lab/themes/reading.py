"""Reading texts for the theme model: a CSV file with any column of text, any number of rows,
or a transcript in any format the project reads (coprod_lab.transcripts), one text per turn.

A file that cannot be read is refused with its name and the line, and nothing is changed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from coprod_lab.transcripts.decode import decode, read_bytes
from coprod_lab.transcripts.table import KNOWN_FORMATS, TranscriptError

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


# What `themes` reads, as a person is told when a file is neither.
KINDS_READ = (
    "a CSV file of texts (name the column with --text-column), or a transcript in one of the "
    f"formats coprod-lab reads: {KNOWN_FORMATS}"
)


@dataclass
class Documents:
    """Texts for the theme model: `table` (strings) and which of its columns hold the text,
    speaker and role (None: not given); `read_as` says how the file was read, `notes` are
    sentences for the person (warnings naming the file and line, options not used)."""

    table: pd.DataFrame
    text_column: str
    speaker_column: str | None
    role_column: str | None
    read_as: str
    notes: list[str] = field(default_factory=list)


def read_documents(
    path: str | Path,
    text_column: str | None = None,
    speaker_column: str | None = None,
    role_column: str | None = None,
    *,
    real_names: bool = False,
) -> Documents:
    """The texts in a file: a .csv file with `text_column` named is read as a CSV of texts
    (read_texts); any other file, or a .csv without it, is read as a transcript (its own
    format told from the content), one text per turn with its speaker and role. Unless
    `real_names`, speakers get made-up names ("Speaker n", also where their names appear in
    the words) and other people's names and numbers in the words are hidden, as `parse
    --pseudonymise` does (the name finder takes a second or two to load).

    Raises TranscriptError naming the file (and line) when it is neither, saying what is read.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv" and text_column:
        table = read_texts(path, text_column, speaker_column, role_column)
        return Documents(table, text_column, speaker_column, role_column, "CSV file of texts")
    from coprod_lab.transcripts import read_transcript
    from coprod_lab.transcripts.read import FORMAT_NAMES

    try:
        turns = read_transcript(path)
    except TranscriptError as error:
        problem = error.problem
        if KNOWN_FORMATS not in problem:
            problem += f" The themes command reads {KINDS_READ}."
        elif path.suffix.lower() == ".csv":
            problem += " For a CSV file of texts, name its column with --text-column."
        raise TranscriptError(path, error.line, problem) from None
    notes = list(turns.attrs.get("warnings", []))
    unused = [
        f"--{name}-column"
        for name, given in (
            ("text", text_column),
            ("speaker", speaker_column),
            ("role", role_column),
        )
        if given
    ]
    if unused:
        notes.append(
            f"{path} is a transcript, so each turn is one text with its speaker; "
            f"{', '.join(unused)} {'is' if len(unused) == 1 else 'are'} for CSV files and "
            "not used."
        )
    table = turns[["speaker", "role", "text"]].astype(str).reset_index(drop=True)
    if not real_names:
        from coprod_lab.privacy.people import pseudonymise, speakers_made_up

        table = pseudonymise(table, speakers_made_up(table, {}), free_text=("text",))
    read_as = f"transcript ({FORMAT_NAMES.get(turns.attrs.get('format'), 'transcript')})"
    return Documents(table, "text", "speaker", "role", read_as, notes)
