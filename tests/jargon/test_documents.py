"""Documents to check: Markdown keeps its offsets, Word files are read, others refused."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from coprod_lab.errors import CoprodLabError
from coprod_lab.jargon import check_text
from coprod_lab.jargon.documents import markdown_prose, read_document


def test_markdown_code_and_addresses_are_blanked_in_place() -> None:
    source = (
        "Use `coprod-lab jargon` on the [guide](https://x.example/a) (ICB).\n```\nSQLite\n```\n"
    )
    prose = markdown_prose(source)
    assert len(prose) == len(source)
    assert "jargon" not in prose and "https" not in prose and "SQLite" not in prose
    assert prose.index("guide") == source.index("guide")
    assert prose.index("ICB") == source.index("ICB")


def test_a_word_document_is_read_paragraph_by_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "leaflet.docx"
    document = docx.Document()
    document.add_paragraph("Your care package starts on Monday.")
    document.add_paragraph("The ICB pays for it.")
    document.save(path)
    text = read_document(path)
    report = check_text(text)
    assert {f.term for f in report.findings} >= {"care package", "ICB"}
    assert report.sentences == 2


def test_other_files_are_refused_with_their_name(tmp_path: Path) -> None:
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(CoprodLabError, match=r"leaflet.pdf: cannot check a .pdf"):
        read_document(path)


def test_a_damaged_word_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(CoprodLabError, match=r"broken\.docx"):
        read_document(path)
