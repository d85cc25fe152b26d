"""One entry point for every transcript: the format is told from the content.

Order of the checks: Word (a .docx is a zip), WebVTT (starts with WEBVTT), SRT (a number then
a timing line), a table (CSV, when the speaker and text columns are named), Otter and Teams
(`Name  0:03` lines), interviews with a speaker key (`MD - Michelle Drumm`), and last plain
`Name: text`. A .vtt or .srt file that does not look like one is read as one anyway, so the
error says what is wrong with it as a caption file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_lab.transcripts.captions import cues_to_table, parse_srt, parse_webvtt
from coprod_lab.transcripts.csv_table import parse_csv
from coprod_lab.transcripts.decode import decode, read_bytes
from coprod_lab.transcripts.otter import is_speaker_line, parse_otter
from coprod_lab.transcripts.plain_text import LINES, parse_named_lines
from coprod_lab.transcripts.speaker_key import has_speaker_key, parse_speaker_key
from coprod_lab.transcripts.table import TranscriptError
from coprod_lab.transcripts.word import docx_text

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("webvtt", "srt", "csv", "otter", "speaker_key", "plain_text")
_SRT_START = re.compile(r"^\s*\d+\s*\r?\n\s*(?:\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3}\s*-->")


def detect_format(text: str, path: Path, *, table: bool = False) -> str:
    """Which reader fits `text` (see the module's note for the order)."""
    head = text.lstrip("\ufeff")
    suffix = path.suffix.lower()
    if head.startswith("WEBVTT") or suffix == ".vtt":
        return "webvtt"
    if _SRT_START.match(head) or suffix == ".srt":
        return "srt"
    if table or suffix == ".csv":
        return "csv"
    lines = [line for line in LINES.split(head) if line.strip()]
    # Otter and Teams put a speaker line near the top, after at most a title and a date.
    if any(is_speaker_line(line) for line in lines[:10]):
        return "otter"
    if has_speaker_key(head):
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
    `speaker` and `text`). Raises TranscriptError, naming the file and line, for bad input.
    """
    path = Path(path)
    session = session or path.stem
    raw = read_bytes(path)
    if not raw.strip():
        raise TranscriptError(path, None, "is empty.")
    text = docx_text(raw, path) if raw.startswith(b"PK\x03\x04") else decode(raw, path)
    if not text.strip():
        raise TranscriptError(path, None, "is empty.")
    table = speaker_column is not None or text_column is not None
    kind = detect_format(text, path, table=table)
    if kind == "webvtt":
        return cues_to_table(parse_webvtt(text, path), path, session)
    if kind == "srt":
        return cues_to_table(parse_srt(text, path), path, session)
    if kind == "csv":
        return parse_csv(
            text,
            path,
            session,
            speaker_column=speaker_column or "speaker",
            text_column=text_column or "text",
        )
    if kind == "otter":
        return parse_otter(text, path, session)
    if kind == "speaker_key":
        return parse_speaker_key(text, path, session)
    return parse_named_lines(text, path, session)


__all__ = ["FORMATS", "TranscriptError", "detect_format", "read_transcript"]
