"""Word documents (.docx): Teams transcript downloads and typed `Name: text` paragraphs.

The paragraphs are read as lines of text and then read like any text transcript, so "line"
means the paragraph's number in the document.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from coprod_lab.transcripts.table import TranscriptError


def docx_text(raw: bytes, path: Path) -> str:
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
    return "\n".join(paragraph.text for paragraph in document.paragraphs)
