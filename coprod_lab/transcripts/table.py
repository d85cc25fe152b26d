"""The Transcript table every reader returns, the warnings it carries, and the error every
reader raises."""

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

# Named in every refusal, so a person whose file is refused learns what would be read.
KNOWN_FORMATS = (
    "WebVTT captions (Zoom, Teams); SRT captions; Word .docx; Otter or Teams text "
    "(`Name  0:03`, then the words); older Teams text (`0:0:0.0 --> 0:0:1.5`, then the name, "
    "then the words); interviews with a speaker key (`MD - Mary Dunn`, then turns marked `MD`); "
    "CSV with a speaker and a text column; plain text (`Name: what they said`)"
)


class TranscriptError(CoprodLabError):
    """A transcript that cannot be read; the message names the file and the line."""

    def __init__(self, source: str | Path, line: int | None, problem: str) -> None:
        where = f"{source}, line {line}" if line else str(source)
        super().__init__(f"{where}: {problem}")
        self.source = str(source)
        self.line = line
        self.problem = problem


def refusal(path: Path, line: int | None, expected: str, found: str) -> TranscriptError:
    """The error for a file no reader can place: what was expected, what was found, and the
    formats coprod-lab reads."""
    shown = " ".join(found.split())
    shown = shown if len(shown) <= 70 else shown[:67] + "..."
    return TranscriptError(
        path,
        line,
        f"expected {expected}, but found `{shown}`. The formats coprod-lab reads are: "
        f"{KNOWN_FORMATS}.",
    )


class Notes:
    """What a reader could not place for certain, and what it learnt about the file.

    `warn(line, sentence)` keeps a warning; `finish` turns them into plain sentences naming
    the file and line, in line order. `meta` holds the title, description and speakers' notes.
    """

    def __init__(self, path: Path, meta: dict[str, Any] | None = None) -> None:
        self.path = path
        self.items: list[tuple[int | None, str]] = []
        self.meta: dict[str, Any] = dict(meta or {})

    def warn(self, line: int | None, sentence: str) -> None:
        self.items.append((line, sentence))

    def sentences(self, line_map: list[int] | None = None) -> list[str]:
        def where(line: int | None) -> str:
            if line is None:
                return self.path.name
            if line_map is not None and 0 < line <= len(line_map):
                line = line_map[line - 1]
            return f"{self.path.name}, line {line}"

        ordered = sorted(self.items, key=lambda item: (item[0] is not None, item[0] or 0))
        return [f"{where(line)}: {sentence}" for line, sentence in ordered]


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


# Labels export tools give a voice they could not name (Otter writes "Unknown Speaker"):
# read as our "Unknown speaker", so two such turns are never joined as if one person spoke.
_UNNAMED = {"unknown speaker", "unknown", "unidentified speaker", "unidentified"}


def merge_same_speaker(rows: list[dict[str, Any]], *, merge: bool = True) -> list[dict[str, Any]]:
    """Join back-to-back rows of one named speaker: a turn is what one person said before
    someone else spoke (README). "Unknown speaker" rows are never joined. With merge=False
    (plain `Name: text`, where each line is a turn as the person typed it) only the unnamed
    labels are made "Unknown speaker"."""
    merged: list[dict[str, Any]] = []
    for row in rows:
        if str(row["speaker"]).strip().lower() in _UNNAMED:
            row = {**row, "speaker": UNKNOWN_SPEAKER}
        if not merge:
            merged.append(dict(row))
            continue
        last = merged[-1] if merged else None
        if last and row["speaker"] == last["speaker"] and row["speaker"] != UNKNOWN_SPEAKER:
            last["text"] = (last["text"] + " " + row["text"]).strip()
            if not math.isnan(row["end"]):
                last["end"] = (
                    row["end"] if math.isnan(last["end"]) else max(last["end"], row["end"])
                )
            continue
        merged.append(dict(row))
    return merged


def transcript_table(rows: Iterable[dict[str, Any]], notes: Notes | None = None) -> pd.DataFrame:
    """Build the Transcript table from utterance dicts, numbering turns from 0.

    attrs: "warnings" (list of sentences naming file and line), "title", "description",
    "speaker_notes" ({speaker: note such as a job title}) and "format" when known.
    """
    import pandas as pd  # imported here: voters' pages import this package without pandas

    frame = pd.DataFrame(list(rows), columns=[c for c in COLUMNS if c != "turn"])
    frame.insert(1, "turn", range(len(frame)))
    frame = frame.astype({"start": "float64", "end": "float64", "line": "int64", "turn": "int64"})
    frame.attrs["warnings"] = notes.sentences() if notes else []
    frame.attrs["notes"] = list(notes.items) if notes else []
    for key, value in (notes.meta if notes else {}).items():
        frame.attrs[key] = value
    return frame


def readable(table: pd.DataFrame, columns: Iterable[str] | None = None, rows: int | None = None):
    """The table shown so every turn can be read whole in a notebook.

    pandas cuts text to 50 letters in a notebook ("I went home on the Friday and nob..."), which
    makes a transcript unreadable. This shows the chosen `columns` (all by default) of the first
    `rows` rows (all by default) with text in full, wrapped and left-aligned, and leaves the
    table itself unchanged. Returns a pandas Styler, which a notebook displays as HTML.
    """
    shown = table if columns is None else table[list(columns)]
    if rows is not None:
        shown = shown.head(rows)
    return shown.style.set_properties(
        **{"white-space": "pre-wrap", "text-align": "left", "vertical-align": "top"}
    )
