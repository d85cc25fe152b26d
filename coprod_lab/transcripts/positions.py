"""Where a word of a turn is in its file: the file's own line, numbered as `parse` numbers them.

A turn's `line` is where it starts, but a turn made of several captions or paragraphs runs
over many lines: "disseminating" in the Zoom transcript in ../shared/corpus is on line 233,
in a turn of merged captions that starts on line 39 of the joined text a checker sees. So a
place in a turn's text (a character offset) is found in the file by lining up the turn's words,
in order, with the words on the file's lines from the turn's first line up to the next turn's.
Readers clean the words (tags and character references taken out, lines joined, the speaker's
label taken off), so words are matched, not characters; timing lines are skipped, and a word
not found in the file keeps the line of the last word that was (or the turn's first line).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from coprod_lab.transcripts.decode import decode, read_bytes
from coprod_lab.transcripts.word import docx_text
from coprod_lab.transcripts.wrappers import LINES

if TYPE_CHECKING:
    import pandas as pd

_WORD = re.compile(r"\w+")
# How many of the file's words may lie between two words of a turn (speaker labels, cue
# numbers, tags) before a turn's word counts as not in the file.
_REACH = 60


class FileLines:
    """The file line of any place in a transcript's turns (see the module's note).

    `table` is the Transcript table `read_transcript(path)` returned for `path`. Raises
    TranscriptError (file and line) if the file cannot be read, as read_transcript does.
    """

    def __init__(self, table: pd.DataFrame, path: str | Path) -> None:
        path = Path(path)
        raw = read_bytes(path)
        # A Word document's "lines" are its paragraphs (word.py): its text lines map to them.
        self._paragraph_of: list[int] | None = None
        if raw.startswith(b"PK\x03\x04"):
            text, self._paragraph_of = docx_text(raw, path)
        else:
            text = decode(raw, path)
        self._lines = LINES.split(text)
        self._texts = [str(t) for t in table["text"]]
        self._starts = [self._text_line(int(n)) for n in table["line"]]
        self._aligned: dict[int, tuple[list[int], list[int]]] = {}

    def _text_line(self, line: int) -> int:
        if self._paragraph_of is None:
            return line
        return next((i for i, p in enumerate(self._paragraph_of, 1) if p == line), line)

    def _file_line(self, text_line: int) -> int:
        if self._paragraph_of is None or not 0 < text_line <= len(self._paragraph_of):
            return text_line
        return self._paragraph_of[text_line - 1]

    def line(self, row: int, offset: int) -> int:
        """The file's line (from 1) of character `offset` of row `row`'s text (positions as in
        the table, from 0): for a Word document, its paragraph's number, as in `line`."""
        starts, lines = self._aligned.get(row) or self._align(row)
        at = bisect_right(starts, offset) - 1
        return self._file_line(lines[at] if at >= 0 else self._starts[row])

    def _align(self, row: int) -> tuple[list[int], list[int]]:
        first = self._starts[row]
        after = min((s for s in self._starts if s > first), default=len(self._lines) + 1)
        words = [
            (m.group().casefold(), number)
            for number in range(first, after)
            if number <= len(self._lines) and "-->" not in self._lines[number - 1]
            for m in _WORD.finditer(self._lines[number - 1])
        ]
        starts: list[int] = []
        lines: list[int] = []
        last, at = first, 0
        for m in _WORD.finditer(self._texts[row]):
            word = m.group().casefold()
            found = next(
                (k for k in range(at, min(at + _REACH, len(words))) if words[k][0] == word), None
            )
            if found is not None:
                last, at = words[found][1], found + 1
            starts.append(m.start())
            lines.append(last)
        self._aligned[row] = (starts, lines)
        return starts, lines
