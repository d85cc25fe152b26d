"""One entry point for every transcript: the format is told from the content.

Order of the checks: Word (a .docx is a zip), WebVTT (starts with WEBVTT), SRT (a number then
a timing line), the older Teams text layout (a timing line first, no header), a table (CSV,
when the speaker and text columns are named), Otter and Teams (`Name  0:03` lines), interviews
with a speaker key (`MD - Michelle Drumm`), and last plain `Name: text`. A .vtt or .srt file
that does not look like one is read as one anyway, so the error says what is wrong with it as
a caption file.

Before the text formats are told apart, what wraps the speech is taken off (wrappers.py):
YAML front matter becomes metadata, export footers are dropped with a warning.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coprod_lab.transcripts.captions import (
    cues_to_table,
    parse_srt,
    parse_timed_lines,
    parse_webvtt,
)
from coprod_lab.transcripts.csv_table import parse_csv
from coprod_lab.transcripts.decode import decode, read_bytes
from coprod_lab.transcripts.otter import is_speaker_line, parse_otter
from coprod_lab.transcripts.plain_text import is_named_turn, parse_named_lines
from coprod_lab.transcripts.speaker_key import has_speaker_key, parse_speaker_key, read_key
from coprod_lab.transcripts.table import Notes, TranscriptError
from coprod_lab.transcripts.word import docx_text
from coprod_lab.transcripts.wrappers import LINES, unwrap

if TYPE_CHECKING:
    import pandas as pd

FORMATS = (
    "webvtt",
    "srt",
    "teams_timed_text",
    "csv",
    "otter",
    "speaker_key",
    "plain_text",
)
# What each format is called when a person is told (parse, import, the import preview).
FORMAT_NAMES = {
    "webvtt": "WebVTT captions",
    "srt": "SRT captions",
    "teams_timed_text": "older Teams layout (timing, then name, then words)",
    "csv": "CSV table",
    "otter": "Otter or Teams text (`Name  0:03`)",
    "speaker_key": "interview with a speaker key",
    "plain_text": "plain text (`Name: text`)",
}
_SRT_START = re.compile(r"^\s*\d+\s*\r?\n\s*(?:\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3}\s*-->")
_TIMED_START = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3}\s*-->")


def detect_format(
    text: str, path: Path, *, table: bool = False, meta: dict[str, Any] | None = None
) -> str:
    """Which reader fits `text` (one of FORMATS; see the module's note for the order)."""
    head = text.lstrip("\ufeff")
    suffix = path.suffix.lower()
    if head.startswith("WEBVTT") or suffix == ".vtt":
        return "webvtt"
    if _SRT_START.match(head) or suffix == ".srt":
        return "srt"
    if table or suffix == ".csv":
        return "csv"
    if _TIMED_START.match(head.lstrip()):
        return "teams_timed_text"
    lines = [line for line in LINES.split(head) if line.strip()]
    # Otter and Teams put a speaker line near the top, after at most a title and a date.
    if any(is_speaker_line(line) for line in lines[:10]):
        return "otter"
    if has_speaker_key(head, meta):
        return "speaker_key"
    # A key and no `Name: text` turn: refused by the key's reader, which says what it expected.
    if read_key(LINES.split(head)).entries and not any(is_named_turn(line) for line in lines):
        return "speaker_key"
    return "plain_text"


def read_transcript(
    path: str | Path,
    *,
    session: str | None = None,
    speaker_column: str | None = None,
    text_column: str | None = None,
) -> pd.DataFrame:
    """Read any supported transcript file into the Transcript table.

    For a CSV file, name the columns that hold the speaker and the text (the defaults are
    `speaker` and `text`). The session is `session`, else the front matter's title, else the
    file's name without its ending.

    Returns the table with attrs: "warnings" (plain sentences, each naming the file and line,
    for everything not placed for certain), "format" (one of FORMATS), and when found "title",
    "description" and "speaker_notes" ({speaker: job title or other note}).
    Raises TranscriptError, naming the file and line, for bad input; when no reader can place
    the file it says what was expected, what was found, and the formats it knows.
    """
    path = Path(path)
    raw = read_bytes(path)
    if not raw.strip():
        raise TranscriptError(path, None, "is empty.")
    line_map = None
    if raw.startswith(b"PK\x03\x04"):
        text, line_map = docx_text(raw, path)
    else:
        text = decode(raw, path)
    if not text.strip():
        raise TranscriptError(path, None, "is empty.")
    try:
        table = _read_text(text, path, session, speaker_column, text_column)
    except TranscriptError as error:
        if line_map and error.line and 0 < error.line <= len(line_map):
            raise TranscriptError(path, line_map[error.line - 1], error.problem) from None
        raise
    if line_map:
        table["line"] = [line_map[n - 1] if 0 < n <= len(line_map) else n for n in table["line"]]
        table.attrs["warnings"] = _sentences(path, table.attrs["notes"], line_map)
    return table


def _read_text(
    text: str,
    path: Path,
    session: str | None,
    speaker_column: str | None,
    text_column: str | None,
) -> pd.DataFrame:
    table_wanted = speaker_column is not None or text_column is not None
    kind = detect_format(text, path, table=table_wanted)
    notes = Notes(path)
    if kind not in ("webvtt", "srt", "csv"):
        text = unwrap(text, notes)
        kind = detect_format(text, path, meta=notes.meta)
    name = session or notes.meta.get("title") or path.stem
    if kind == "webvtt":
        table = cues_to_table(parse_webvtt(text, path), path, name, notes.meta)
    elif kind == "srt":
        table = cues_to_table(parse_srt(text, path), path, name, notes.meta)
    elif kind == "teams_timed_text":
        table = cues_to_table(parse_timed_lines(text, path), path, name, notes.meta)
    elif kind == "csv":
        table = parse_csv(
            text,
            path,
            name,
            speaker_column=speaker_column or "speaker",
            text_column=text_column or "text",
        )
    elif kind == "otter":
        table = parse_otter(text, path, name, notes.meta)
    elif kind == "speaker_key":
        table = parse_speaker_key(text, path, name, notes.meta)
    else:
        table = parse_named_lines(text, path, name, notes.meta)
    _alike_speakers(table, notes)
    items = notes.items + list(table.attrs.get("notes", []))
    table.attrs["notes"] = items
    table.attrs["warnings"] = _sentences(path, items)
    table.attrs["format"] = kind
    return table


def _alike_speakers(table: pd.DataFrame, notes: Notes) -> None:
    """Warn about speakers whose names differ only in capitals, spaces or punctuation
    ("Janet OBrien", "Janet O'Brien"): perhaps one person, perhaps two; kept apart and said."""
    groups: dict[str, list[str]] = {}
    for name in dict.fromkeys(str(s) for s in table["speaker"]):
        groups.setdefault("".join(c for c in name.casefold() if c.isalnum()), []).append(name)
    for names in groups.values():
        if len(names) > 1:
            first = table.loc[table["speaker"].isin(names), "line"].min()
            shown = " and ".join(f"`{n}`" for n in names)
            notes.warn(
                int(first),
                f"{shown} differ only in capitals, spaces or punctuation: they may be one "
                "person. They are kept apart; map them to the same participant if they are.",
            )


def _sentences(path: Path, items: list, line_map: list[int] | None = None) -> list[str]:
    notes = Notes(path)
    notes.items = list(items)
    return notes.sentences(line_map)


__all__ = ["FORMATS", "FORMAT_NAMES", "TranscriptError", "detect_format", "read_transcript"]
