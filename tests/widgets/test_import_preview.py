"""The import preview: what a file holds is shown, nothing is stored until Import."""

from __future__ import annotations

from sqlalchemy import func, select

from coprod_lab.store import utterances
from coprod_lab.widgets.import_preview import ImportPreview
from tests.conftest import SHARED

CASES = SHARED / "cases" / "transcripts"


def stored(store) -> int:
    with store.read() as db:
        return db.scalar(select(func.count()).select_from(utterances))


def test_preview_shows_what_was_found_and_stores_nothing_until_import(store) -> None:
    page = ImportPreview(store, project="Podcasts")
    page.preview_path(CASES / "podcast-05_unkeyed_speaker.md")
    shown = page._found.value
    assert "interview with a speaker key" in shown
    assert "<td>JM</td><td>2</td><td>11</td>" in shown  # speaker, turns, words
    assert "`JM` is not in the speaker key" in shown
    assert "So, Lucy, tell us about the week." in shown  # the first turns
    assert "Nothing is stored yet" in page.status and "1 warning" in page.status
    assert stored(store) == 0
    page._import.click()
    assert page.imported == 6 and stored(store) == 6
    assert page.status.startswith("Imported 6 turns into Podcasts")
    assert page._import.disabled  # pressed twice, it does not import twice


def test_an_uploaded_file_keeps_only_its_name_and_a_bad_file_is_explained(store) -> None:
    page = ImportPreview(store, project="P")
    content = (CASES / "teams-guid-ids-crlf.vtt").read_bytes()
    page._on_upload({"new": [{"name": "../../elsewhere/meeting.vtt", "content": content}]})
    assert page.table is not None and "Sam O&#x27;Brien" in page._found.value
    assert page.table["source"].iloc[0] == "meeting.vtt"
    page._on_upload({"new": [{"name": "notes.txt", "content": b"just words\nand more\n"}]})
    assert page.table is None and page._import.disabled
    assert "cannot be imported" in page.status and "expected a turn" in page.status
    assert stored(store) == 0
