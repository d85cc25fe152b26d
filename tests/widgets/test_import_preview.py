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


def test_a_name_like_an_existing_project_is_refused_until_the_new_project_box_is_ticked(
    store,
) -> None:
    page = ImportPreview(store, project="Hospital discharge group")
    page.preview_path(CASES / "podcast-05_unkeyed_speaker.md")
    page._import.click()
    assert stored(store) == 6
    assert page._new_project.layout.display == "none"  # not offered before it is needed
    page.preview_path(CASES / "podcast-05_unkeyed_speaker.md")
    page._project.value = "Hospital discharge grp"
    page._session.value = "Second podcast"
    page._import.click()
    assert stored(store) == 6  # refused: most likely a typing slip
    assert "did you mean 'Hospital discharge group'" in page.status
    assert "new_project" not in page.status  # a Python argument means nothing on a page
    assert page._new_project.layout.display is None  # now offered, next to the name
    page._new_project.value = True
    page._import.click()
    assert stored(store) == 12
    assert page.status.startswith("Imported 6 turns into Hospital discharge grp")
    assert page._new_project.value is False  # the next import starts unticked again


def test_a_long_first_turn_is_cut_at_a_word_and_marked_as_cut(store, tmp_path) -> None:
    words = " ".join(f"word{i}" for i in range(80))
    path = tmp_path / "long.vtt"
    path.write_text(
        f"WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n<v Ann Lee>{words}\n\n"
        "00:00:10.000 --> 00:00:12.000\n<v Bob Key>Short one.\n",
        encoding="utf-8",
    )
    page = ImportPreview(store, project="P")
    page.preview_path(path)
    shown = page._found.value
    assert "word0 " in shown and " …</td>" in shown
    assert "word79" not in shown
    cut = shown.split("<tr><td>Ann Lee</td><td>word0")[-1].split(" …")[0]
    assert cut.split()[-1].startswith("word") and cut.split()[-1] in words.split()
    assert "Short one.</td>" in shown  # a short turn is shown whole, with no mark
