"""No export carries a real name unless asked: a project whose speakers were never matched to
participants, exported in every format (.qdpx, .xlsx, CSV, the HTML report, `parse
--pseudonymise`), holds none of their names, nor names said in the text, in any byte."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from coprod_lab import connect
from coprod_lab.cli import main
from coprod_lab.exports import export_qdpx, project_tables, write_csv, write_excel
from coprod_lab.exports.report import write_report
from coprod_lab.themes.codes import code_utterance, utterance_table
from coprod_lab.transcripts import read_transcript
from coprod_lab.transcripts.importing import import_transcripts

# Made up; rare enough that no other word in an export contains them.
SPEAKERS = ["Rosalind Achebe", "Tobias Wrenfield", "Ifeoma Castellanos"]
SAID_NAMES = ["Okonjo", "Marisol", "Quennell"]
TRANSCRIPT = """\
Rosalind Achebe: Hello, I'm calling about my mum's discharge from Cherry Ward.
Tobias Wrenfield: Thanks Rosalind. Dr Okonjo will ring you on 07911 123456.
Ifeoma Castellanos: The OT Marisol said the same. Mrs Quennell from the council agreed.
Rosalind Achebe: Thank you Tobias, and thanks Ifeoma. Our postcode is le1 5ww.
"""


@pytest.fixture(scope="module")
def unmatched(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("unmatched")
    path = folder / "rosalind-achebe-call.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    store = connect(f"sqlite:///{folder / 'store.sqlite3'}")
    store.upgrade()
    import_transcripts(store, [read_transcript(path)], project="Calls", kind="other")
    project_id = 1
    said = utterance_table(store, project_id, real_names=True)
    code_utterance(store, int(said.id[1]), "Phoning back", project_id=project_id, coder="Gwenllian")
    return store, project_id, folder, path


def _words(blob: bytes) -> str:
    return blob.decode("utf-8", errors="replace")


def run(capsys, *args: str) -> str:
    # In this process, so the recogniser loaded by the other tests is not loaded again.
    code = main(list(args))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def _exported(unmatched, fmt: str, capsys) -> str:
    store, project_id, folder, path = unmatched
    out = folder / fmt
    out.mkdir(exist_ok=True)
    if fmt == "qdpx":
        target = export_qdpx(store, project_id, out / "p.qdpx", progress=False)
        with zipfile.ZipFile(target) as archive:
            return " ".join(_words(archive.read(n)) for n in archive.namelist())
    if fmt == "xlsx":
        target = write_excel(project_tables(store, project_id), out / "p.xlsx")
        with zipfile.ZipFile(target) as archive:
            return " ".join(_words(archive.read(n)) for n in archive.namelist())
    if fmt == "csv":
        files = write_csv(project_tables(store, project_id), out)
        return " ".join(_words(f.read_bytes()) for f in files)
    if fmt == "html":
        return _words(write_report(store, project_id, out / "p.html").read_bytes())
    if fmt == "parse":
        return run(capsys, "parse", str(path), "--json", "--pseudonymise")
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", ["qdpx", "xlsx", "csv", "html", "parse"])
def test_no_real_name_in_any_export(unmatched, fmt: str, capsys) -> None:
    shown = _exported(unmatched, fmt, capsys)
    assert len(shown) > 200  # something was written
    for name in [*SPEAKERS, *SAID_NAMES, "Gwenllian"]:
        for part in name.split():
            assert part.casefold() not in shown.casefold(), f"{part} in the {fmt} export"
    assert "07911" not in shown and "le1 5ww" not in shown


def test_each_speaker_has_a_made_up_name_kept_in_the_text(unmatched) -> None:
    store, project_id, _folder, _path = unmatched
    said = project_tables(store, project_id)["utterances"]
    assert list(said["speaker"]) == ["Speaker 1", "Speaker 2", "Speaker 3", "Speaker 1"]
    assert said["text"][1].startswith("Thanks Speaker 1. Dr [PERSON ")
    assert said["text"][3] == (
        "Thank you Speaker 2, and thanks Speaker 3. Our postcode is [POSTCODE]."
    )
    assert "Cherry Ward" in said["text"][0]  # a place is not a person


def test_real_names_only_when_asked(unmatched) -> None:
    store, project_id, _folder, _path = unmatched
    said = project_tables(store, project_id, real_names=True)["utterances"]
    assert list(said["speaker"]) == [*SPEAKERS, SPEAKERS[0]]
    assert "Okonjo" in said["text"][1]
    assert list(utterance_table(store, project_id)["speaker"]) == [
        "Speaker 1",
        "Speaker 2",
        "Speaker 3",
        "Speaker 1",
    ]


def test_parse_redact_gives_mapped_speakers_their_marker_and_role(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.setenv("COPROD_LAB_DB", url)
    store = connect(url)
    store.upgrade()
    transcript = tmp_path / "call.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    import_transcripts(store, [read_transcript(transcript)], project="Calls", kind="other")
    from coprod_lab.transcripts.speakers import NewPerson, map_speakers

    done = map_speakers(
        store, 1, {"Tobias Wrenfield": NewPerson("Tobias Wrenfield", "professional")}, actor="t"
    )
    # A speaker name remembered for them maps too.
    map_speakers(store, 1, {"Tobias W.": done["Tobias Wrenfield"]}, actor="t")
    again = tmp_path / "again.txt"
    again.write_text(TRANSCRIPT.replace("Tobias Wrenfield:", "Tobias W.:"), encoding="utf-8")
    shown = run(
        capsys, "parse", str(again), "--json", "--project", "Calls", "--redact", str(tmp_path / "k")
    )
    records = json.loads(shown)
    assert "Tobias" not in shown and "Wrenfield" not in shown
    assert [(r["speaker"], r["role"]) for r in records][:2] == [
        ("[PERSON 2]", "unknown"),
        ("[PERSON 1]", "professional"),
    ]


def test_the_theme_model_stays_named_as_a_coder() -> None:
    from coprod_lab.exports.tables import PROGRAM_CODERS
    from coprod_lab.themes.codes import THEME_MODEL

    assert THEME_MODEL in PROGRAM_CODERS


def test_a_coder_name_that_is_a_word_leaves_what_people_said_alone(tmp_path: Path) -> None:
    # A researcher codes as "me": the coder columns say "Coder 1", but "send me the receipts"
    # is what the person said and stays so (it once read "send Coder 1 the receipts").
    path = tmp_path / "call.txt"
    path.write_text(
        "Ann Lee: Please send me the receipts.\nBo Chan: I will send them to me and you.\n",
        encoding="utf-8",
    )
    store = connect(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    store.upgrade()
    import_transcripts(store, [read_transcript(path)], project="Calls", kind="other")
    said = utterance_table(store, 1, real_names=True)
    code_utterance(store, int(said.id[0]), "Money", project_id=1, coder="me")
    tables = project_tables(store, 1)
    assert list(tables["coding"]["coder"]) == ["Coder 1"]
    assert list(tables["codes"]["created_by"]) == ["Coder 1"]
    texts = list(tables["utterances"]["text"])
    assert texts[0] == "Please send me the receipts."
    assert "Coder" not in " ".join(texts)
