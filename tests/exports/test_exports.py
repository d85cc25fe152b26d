"""Exports: CSV and Excel tables, and REFI-QDA .qdpx files that validate against the schema
and come back into coprod-lab unchanged. On the demo project (transcripts, codes, coding)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from coprod_lab import connect
from coprod_lab.demo import load_demo
from coprod_lab.errors import CoprodLabError
from coprod_lab.exports import (
    export_qdpx,
    import_qdpx,
    project_tables,
    qdpx_problems,
    write_csv,
    write_excel,
)
from coprod_lab.privacy.people import pseudonyms
from coprod_lab.store.schema import projects
from coprod_lab.themes.codes import code_utterance, utterance_table

# Store ids differ between stores; everything else must match.
IDS = {"participant_id", "session_id", "utterance_id", "code_id", "passage_id", "parent_id"}


@pytest.fixture
def demo(store):
    project_id = load_demo(store)
    said = utterance_table(store, project_id)
    # Coding by two people, one of them twice on one turn, so coding round-trips in full.
    code_utterance(store, int(said.id[0]), "Feeling heard", project_id=project_id, coder="Asha")
    code_utterance(store, int(said.id[0]), "Waiting", project_id=project_id, coder="Asha")
    code_utterance(store, int(said.id[3]), "Waiting", project_id=project_id, coder="Ben")
    return store, project_id


def _comparable(tables: dict[str, pd.DataFrame], store, project_id) -> dict[str, list]:
    """Each table with store ids replaced by what they point at, sorted."""
    said = tables["utterances"]
    where = {row.utterance_id: (row.session_id, row.turn) for row in said.itertuples()}
    titles = dict(zip(tables["sessions"].session_id, tables["sessions"].title, strict=True))
    names = dict(
        zip(tables["participants"].participant_id, tables["participants"].name, strict=True)
    )
    out = {}
    for name, table in tables.items():
        frame = table.copy()
        if "utterance_id" in frame and name != "utterances":
            frame["utterance"] = [(titles[where[u][0]], where[u][1]) for u in frame["utterance_id"]]
        if "session_id" in frame:
            frame["session"] = [titles[s] for s in frame["session_id"]]
        if "participant_id" in frame and name != "participants":
            frame["person"] = [names.get(p) for p in frame["participant_id"]]
        if "coded_at" in frame:  # the schema keeps whole seconds, in UTC
            frame["coded_at"] = [
                pd.Timestamp(t).floor("s").tz_localize(None) for t in frame["coded_at"]
            ]
        frame = frame.drop(columns=[c for c in IDS if c in frame])
        rows = [
            tuple(None if pd.isna(v) else v for v in row) for row in frame.itertuples(index=False)
        ]
        out[name] = [list(frame.columns), sorted(rows, key=repr)]
    return out


def test_a_qdpx_validates_and_comes_back_unchanged(demo, tmp_path: Path) -> None:
    store, project_id = demo
    before = project_tables(store, project_id, real_names=True)
    assert len(before["utterances"]) > 10 and len(before["coding"]) == 3
    path = export_qdpx(store, project_id, tmp_path / "demo.qdpx", real_names=True, progress=False)
    assert qdpx_problems(path) == []
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert "project.qde" in names
    assert len([n for n in names if n.startswith("sources/")]) == len(before["sessions"])

    other = connect(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    other.upgrade()
    again = import_qdpx(other, path, actor="test")
    after = project_tables(other, again, real_names=True)
    # What a .qdpx carries: everything but ladder ratings (CSV, Excel and the report have
    # those) and who made each code (REFI-QDA codes have no author; the importer is named).
    for tables in (before, after):
        del tables["ladder_ratings"]
        tables["codes"] = tables["codes"].drop(columns=["created_by"])
    assert _comparable(after, other, again) == _comparable(before, store, project_id)
    # The importer is a person too: a made-up name unless real names are asked for.
    assert set(project_tables(other, again)["codes"]["created_by"]) == {"Coder 1"}
    assert set(project_tables(other, again, real_names=True)["codes"]["created_by"]) == {"test"}
    # And once more: the second export is the same project as the first.
    second = export_qdpx(other, again, tmp_path / "again.qdpx", real_names=True, progress=False)
    assert qdpx_problems(second) == []
    # Some tools name the folder "Sources": the same project reads back from it.
    capital = tmp_path / "capital.qdpx"
    with zipfile.ZipFile(path) as archive, zipfile.ZipFile(capital, "w") as out:
        for member in archive.namelist():
            out.writestr(member.replace("sources/", "Sources/"), archive.read(member))
    assert qdpx_problems(capital) == []
    third = import_qdpx(other, capital, actor="test", name="From Sources")
    assert len(project_tables(other, third)["utterances"]) == len(before["utterances"])


def test_exports_use_pseudonyms_unless_asked(demo, tmp_path: Path) -> None:
    store, project_id = demo
    names = pseudonyms(store, project_id)
    path = export_qdpx(store, project_id, tmp_path / "p.qdpx", progress=False)
    with zipfile.ZipFile(path) as archive:
        everything = " ".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    for real, pseudonym in names.items():
        assert real not in everything
        assert pseudonym in everything
    tables = project_tables(store, project_id)
    assert "name" not in tables["participants"]
    shown = tables["utterances"].to_csv()
    assert not any(real in shown for real in names)


def test_a_bad_qdpx_names_the_file_and_line_and_stores_nothing(demo, tmp_path: Path) -> None:
    store, project_id = demo
    good = export_qdpx(store, project_id, tmp_path / "good.qdpx", progress=False)
    with zipfile.ZipFile(good) as archive:
        xml = archive.read("project.qde").decode("utf-8")
        sources = {n: archive.read(n) for n in archive.namelist() if n != "project.qde"}
    broken = tmp_path / "broken.qdpx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("project.qde", xml.replace('isCodable="true"', 'isCodable="maybe"', 1))
        for name, data in sources.items():
            archive.writestr(name, data)
    problems = qdpx_problems(broken)
    assert problems and problems[0].startswith(f"{broken}: project.qde line ")
    assert "isCodable" in problems[0]
    missing = tmp_path / "missing.qdpx"
    with zipfile.ZipFile(missing, "w") as archive:
        archive.writestr("project.qde", xml)
    assert "is missing from the file" in qdpx_problems(missing)[0]
    not_zip = tmp_path / "notes.qdpx"
    not_zip.write_text("hello")
    assert "not a .qdpx (zip) file" in qdpx_problems(not_zip)[0]

    # Valid REFI-QDA, but not written by coprod-lab: the turns' details are missing.
    foreign = tmp_path / "foreign.qdpx"
    stripped, removed = re.subn(r'<Description>\{"turn".*?</Description>', "", xml)
    assert removed > 10
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("project.qde", stripped)
        for name, data in sources.items():
            archive.writestr(name, data)
    assert qdpx_problems(foreign) == []

    with store.read() as db:
        count = db.scalar(select(func.count()).select_from(projects))
    with pytest.raises(CoprodLabError, match=r"line \d+: this segment has no turn details"):
        import_qdpx(store, foreign, actor="test", name="Foreign")
    for bad in (broken, missing, not_zip):
        with pytest.raises(CoprodLabError, match=str(bad)):
            import_qdpx(store, bad, actor="test")
    with pytest.raises(CoprodLabError, match="already has a project called"):
        import_qdpx(store, good, actor="test")
    with pytest.raises(CoprodLabError, match="does not exist"):
        export_qdpx(store, project_id, tmp_path / "no-such-folder" / "p.qdpx", progress=False)
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(projects)) == count


def test_csv_and_excel_hold_every_table(demo, tmp_path: Path) -> None:
    store, project_id = demo
    tables = project_tables(store, project_id)
    written = write_csv(tables, tmp_path / "csv")
    assert [p.name for p in written] == [f"{n}.csv" for n in tables]
    back = pd.read_csv(tmp_path / "csv" / "utterances.csv", encoding="utf-8-sig")
    assert back["text"].tolist() == tables["utterances"]["text"].tolist()
    book = write_excel(tables, tmp_path / "project.xlsx")
    sheets = pd.read_excel(book, sheet_name=None)
    assert list(sheets) == list(tables)
    assert sheets["coding"]["code"].tolist() == tables["coding"]["code"].tolist()
    with pytest.raises(CoprodLabError, match=r"must end in \.xlsx"):
        write_excel(tables, tmp_path / "project.xls")


def test_excel_splits_a_real_turn_too_long_for_one_cell_and_loses_nothing(tmp_path: Path) -> None:
    """The real Zoom meeting's longest turn (35,997 characters) is over Excel's 32,767 a cell:
    its cell says where the rest is, and the "long texts" sheet gives the whole turn back."""
    import warnings

    import openpyxl

    from coprod_lab.exports.tables import EXCEL_CELL_LIMIT, LONG_TEXTS_SHEET
    from coprod_lab.transcripts import read_transcript
    from tests.transcripts.test_readers import ZOOM

    turns = read_transcript(ZOOM)[["turn", "speaker", "text"]]
    longest = int(turns.text.str.len().idxmax())
    whole = turns.text[longest]
    assert len(whole) > EXCEL_CELL_LIMIT
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # openpyxl warns about over-long cells: there are none
        write_excel({"utterances": turns}, tmp_path / "meeting.xlsx")
    book = openpyxl.load_workbook(tmp_path / "meeting.xlsx", read_only=True)
    rows = list(book["utterances"].iter_rows(values_only=True))
    assert all(len(str(v)) <= EXCEL_CELL_LIMIT for row in rows for v in row if v is not None)
    cell = rows[longest + 1][2]
    assert cell.startswith(whole[:32_000]) and "on the sheet 'long texts', rows 2 to 3" in cell
    header, *parts = book[LONG_TEXTS_SHEET].iter_rows(values_only=True)
    assert header == ("sheet", "row", "column", "part", "of", "text")
    assert [p[:5] for p in parts] == [
        ("utterances", longest + 2, "text", 1, 2),
        ("utterances", longest + 2, "text", 2, 2),
    ]
    assert "".join(p[5] for p in parts) == whole
    # Every other turn is in its cell whole.
    assert [r[2] for i, r in enumerate(rows[1:]) if i != longest] == [
        t for i, t in enumerate(turns.text) if i != longest
    ]
