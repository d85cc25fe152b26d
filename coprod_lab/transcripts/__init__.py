"""Transcripts: one reader per format, each returning the Transcript table.

The Transcript table (DESIGN.md) has one row per utterance and exactly these columns:
session, turn, start, end, speaker, role, text, source, line. `read_transcript` tells the
format from the file's content; every reader raises TranscriptError naming the file and line.
"""

from __future__ import annotations

from coprod_lab.transcripts.plain_text import read_plain_text
from coprod_lab.transcripts.read import FORMATS, detect_format, read_transcript
from coprod_lab.transcripts.table import COLUMNS, UNKNOWN_SPEAKER, TranscriptError

__all__ = [
    "COLUMNS",
    "FORMATS",
    "UNKNOWN_SPEAKER",
    "TranscriptError",
    "detect_format",
    "read_plain_text",
    "read_transcript",
]
