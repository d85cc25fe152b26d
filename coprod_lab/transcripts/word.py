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
    import io

    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TranscriptError(
            path, None, f"is not a Word document that can be read ({error})."
        ) from None
    except Exception as error:  # python-docx raises lxml and its own errors on broken parts
        raise TranscriptError(path, None, f"is a damaged Word document ({error}).") from None
    lines: list[str] = []
    paragraph_of: list[int] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        for line in paragraph.text.replace("\r", "\n").split("\n"):
            lines.append(line)
            paragraph_of.append(number)
    return "\n".join(lines), paragraph_of
