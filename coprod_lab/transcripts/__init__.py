"""Transcripts: one reader per format, each returning the Transcript table.

The Transcript table (DESIGN.md) has one row per utterance and exactly these columns:
session, turn, start, end, speaker, role, text, source, line.
"""

from __future__ import annotations

from coprod_lab.transcripts.plain_text import read_plain_text
from coprod_lab.transcripts.table import COLUMNS, TranscriptError

__all__ = ["COLUMNS", "TranscriptError", "read_plain_text"]
