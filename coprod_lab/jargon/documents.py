"""Documents to check: plain text, Markdown and Word.

Markdown's code, web addresses and markup are not prose, so they are blanked with spaces
of the same length: the words left keep their offsets in the file, and a finding points at
the right place in what the person wrote.

A Word file is read as Markdown would be written: its body in order, paragraphs and tables
alike (python-docx's `iter_inner_content`), headings as "# ", list paragraphs as "- " items
and table rows as "| a | b |" rows. The checker then treats them as it treats Markdown's
(`readability.is_structure`): a bullet or a table cell is checked for words but is not a
sentence, so the same text scores the same as .docx and as .md.
"""

from __future__ import annotations

import re
from pathlib import Path

from coprod_lab.errors import CoprodLabError
from coprod_lab.transcripts.decode import decode, read_bytes
from coprod_lab.transcripts.table import TranscriptError
from coprod_lab.transcripts.word import open_docx

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
            return word_markdown(open_docx(raw, Path(shown)))
        text = decode(raw, Path(shown))
    except TranscriptError as error:
        raise CoprodLabError(str(error)) from None
    return markdown_prose(text) if suffix == ".md" else text


def word_markdown(document) -> str:
    """A python-docx Document's body in order, as Markdown: "# " headings, "- " list items,
    "| a | b |" table rows, and other paragraphs as they are. Blocks are parted by a blank
    line; the items of one list and the rows of one table by a single line break. A line
    break inside a paragraph starts a paragraph of its own. A cell's paragraphs, and those of
    any table inside it, are joined into its one line."""
    from docx.table import Table

    blocks: list[tuple[str, str]] = []  # (kind, Markdown line)
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            for row in part.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue  # a merged cell is listed once for each column it spans
                    seen.add(id(cell._tc))
                    cells.append(_cell_text(cell))
                if any(cells):
                    blocks.append(("row", "| " + " | ".join(cells) + " |"))
            blocks.append(("end", ""))
            continue
        text = part.text.replace("\r", "\n")
        if not text.strip():
            continue
        style = (part.style.name if part.style is not None else "") or ""
        if style == "Title" or style.startswith("Heading"):
            level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
            blocks.append(("heading", "#" * min(level, 6) + " " + " ".join(text.split())))
        elif _is_list_item(part, style):
            blocks.append(("item", "- " + " ".join(text.split())))
        else:
            blocks.extend(("text", line) for line in text.split("\n") if line.strip())
    out: list[str] = []
    previous = ""
    for kind, line in blocks:
        if kind == "end":
            previous = kind
            continue
        if out:
            together = kind == previous and kind in ("item", "row")
            out.append("\n" if together else "\n\n")
        out.append(line)
        previous = kind
    return "".join(out)


def _cell_text(cell) -> str:
    # Every paragraph in the cell, nested tables' too (python-docx's `cell.text` leaves those
    # out); a paragraph's words may be split over several runs, so they are joined as they are.
    said = ("".join(paragraph.xpath(".//w:t/text()")) for paragraph in cell._tc.xpath(".//w:p"))
    return " ".join(" ".join(said).split()).replace("|", "/")


def _is_list_item(paragraph, style: str) -> bool:
    # Word marks a list paragraph by its numbering (w:numPr, bullets and numbers alike), set
    # on the paragraph or by a list style ("List Bullet", "List Number", "List Paragraph").
    p_pr = paragraph._p.pPr
    return style.startswith("List") or (p_pr is not None and p_pr.numPr is not None)
