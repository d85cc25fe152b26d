"""Word documents (.docx): Teams transcript downloads and typed `Name: text` paragraphs.

The paragraphs are read as lines of text and then read like any text transcript, so "line"
means the paragraph's number in the document. A paragraph may hold line breaks (the older
Teams layout puts the timing, the name and the words in one paragraph): each break makes a
line of text, and `docx_text` says which paragraph each line came from.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from coprod_lab.transcripts.table import TranscriptError


def docx_text(raw: bytes, path: Path) -> tuple[str, list[int]]:
    """The document's text, one line per paragraph or line break, and for each line the
    number of its paragraph (from 1). Raises TranscriptError for a file Word cannot open."""
    document = open_docx(raw, path)
    lines: list[str] = []
    paragraph_of: list[int] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        for line in paragraph.text.replace("\r", "\n").split("\n"):
            lines.append(line)
            paragraph_of.append(number)
    return "\n".join(lines), paragraph_of


def open_docx(raw: bytes, path: Path):
    """The python-docx Document of a Word file's bytes. Raises TranscriptError for a file
    Word cannot open, naming the file."""
    import io

    import docx  # python-docx

    try:
        return docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TranscriptError(path, None, _not_word(str(error))) from None
    except Exception as error:  # python-docx raises lxml and its own errors on broken parts
        raise TranscriptError(path, None, f"is a damaged Word document ({error}).") from None


def _not_word(detail: str) -> str:
    # python-docx's message names its own file object ("<_io.BytesIO object at 0x...>"),
    # which means nothing to the person: say what the file is and what to do instead.
    if "spreadsheetml" in detail:
        return (
            "is an Excel workbook, not a Word document. Save the sheet as CSV and import it "
            "with --speaker-column and --text-column, or import the transcript as it was "
            "downloaded (.docx, .vtt, .txt)."
        )
    if "presentationml" in detail:
        return "is a PowerPoint file, not a Word document; it holds no transcript to read."
    return "is not a Word document that can be read (it may be damaged or of another kind)."
