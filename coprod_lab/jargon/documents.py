"""Documents to check: plain text, Markdown and Word.

Markdown's code, web addresses and markup are not prose, so they are blanked with spaces
of the same length: the words left keep their offsets in the file, and a finding points at
the right place in what the person wrote.
"""

from __future__ import annotations

import re
from pathlib import Path

from coprod_lab.errors import CoprodLabError
from coprod_lab.transcripts.decode import decode, read_bytes
from coprod_lab.transcripts.table import TranscriptError
from coprod_lab.transcripts.word import docx_text

DOCUMENT_SUFFIXES = (".txt", ".md", ".docx")

_NOT_PROSE = re.compile(
    r"^(?P<fence>```|~~~).*?^(?P=fence)[^\n]*$"  # fenced code blocks
    r"|`[^`\n]+`"  # code spans
    r"|<!--.*?-->"  # comments
    r"|<[^>\n]+>"  # HTML tags
    r"|\]\([^)\s]*\)"  # link targets: [words](target)
    r"|https?://\S+"  # bare web addresses
    r"|^\s*\|?[\s:|-]*-{3,}[\s:|-]*$",  # table rules |---|---|
    re.M | re.S,
)


def markdown_prose(text: str) -> str:
    """The Markdown with code, addresses and markup replaced by spaces (offsets kept)."""

    def blank(match: re.Match[str]) -> str:
        kept = match.group()
        if kept.startswith("]("):
            return "]" + re.sub(r"[^\n]", " ", kept[1:])
        return re.sub(r"[^\n]", " ", kept)

    return _NOT_PROSE.sub(blank, text)


def read_document(path: str | Path, *, name: str | None = None, data: bytes | None = None) -> str:
    """The prose of a .txt, .md or .docx file, from disk or from uploaded bytes."""
    path = Path(path)
    shown = name or str(path)
    suffix = Path(shown).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        raise CoprodLabError(
            f"{shown}: cannot check a {suffix or 'file with no ending'}; "
            f"use {', '.join(DOCUMENT_SUFFIXES)}."
        )
    try:
        raw = read_bytes(path) if data is None else data
        if suffix == ".docx":
            paragraphs, _numbers = docx_text(raw, Path(shown))
            return paragraphs.replace("\n", "\n\n")
        text = decode(raw, Path(shown))
    except TranscriptError as error:
        raise CoprodLabError(str(error)) from None
    return markdown_prose(text) if suffix == ".md" else text
