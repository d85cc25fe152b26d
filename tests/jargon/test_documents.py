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


def test_a_word_documents_tables_and_bullets_are_read_as_markdown_would_be(
    tmp_path: Path,
) -> None:
    # A new user's leaflet: Word bullets were counted as sentences (6 where the same text as
    # Markdown had 3) and the table was never read, so "Reablement" in it was never checked.
    bullets = [
        "you have eligible care and support needs.",
        "you have a Care Act assessment, personal budget and support plan.",
    ]
    document = docx.Document()
    document.add_heading("Who can get a direct payment", level=1)
    document.add_paragraph("You can get a direct payment if the following apply:")
    for item in bullets:
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph("Your GP can tell you more.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Service", "Cost"), ("Reablement", "Free")], strict=True):
        for cell, words in zip(row.cells, cells, strict=True):
            cell.text = words
    table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "ask the ICB"  # nested
    document.add_paragraph("Ask us if you are not sure.")
    path = tmp_path / "leaflet.docx"
    document.save(path)
    markdown = (
        "# Who can get a direct payment\n\nYou can get a direct payment if the following "
        "apply:\n\n" + "".join(f"- {item}\n" for item in bullets) + "\nYour GP can tell you "
        "more.\n\n| Service | Cost |\n|---|---|\n| Reablement | Free ask the ICB |\n\n"
        "Ask us if you are not sure.\n"
    )
    (tmp_path / "leaflet.md").write_text(markdown)
    from_word = check_text(read_document(path))
    from_markdown = check_text(read_document(tmp_path / "leaflet.md"))
    assert {"Reablement", "ICB"} <= {f.term for f in from_word.findings}
    assert from_word.sentences == from_markdown.sentences == 3
    assert from_word.flesch == from_markdown.flesch
    assert read_document(path).startswith("# Who can get a direct payment\n\n")
