"""Exports carry the researcher's own work (issue 22): the code tree with colours, passages
coded within turns, memos as REFI-QDA notes, participant attributes as variables, in .qdpx
(checked against the REFI-QDA schema, and read back in full), CSV, Excel, and the report."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
from lxml import etree

from coprod_lab import connect
from coprod_lab.coding import attributes, codebook, memos, passages, retrieval
from coprod_lab.demo import load_demo
from coprod_lab.exports import (
    export_qdpx,
    import_qdpx,
    project_tables,
    qdpx_problems,
    report,
    write_csv,
    write_excel,
)
from coprod_lab.exports.qdpx import NS
from coprod_lab.exports.report import project_report_html
from coprod_lab.exports.tables import moved_offset
from coprod_lab.privacy.people import pseudonyms
from coprod_lab.themes.codes import utterance_table
from tests.exports.test_report import words


def _coded(store):
    """The demo project coded by two researchers: a tree of codes, passages within turns
    (one holding a participant's name), memos on every kind of subject, and attributes."""
    pid = load_demo(store)
    said = utterance_table(store, pid, real_names=True)
    codebook.add_code(
        store, pid, "Access", actor="Asha", definition="Getting help", colour="#1F77B4"
    )
    codebook.add_code(store, pid, "Waiting", actor="Asha", parent="Access", colour="#FF7F0E")
    codebook.add_code(store, pid, "Feeling heard", actor="Asha")
    first_names = [n.split()[0] for n in pseudonyms(store, pid)]
    named = next(row for row in said.itertuples() if any(n in row.text for n in first_names))
    name = next(n for n in first_names if n in named.text)
    at = named.text.index(name)
    # A passage from the word before the name to the word after, and one that is only the name.
    around = re.search(rf"\S+ {name} \S+", named.text)
    span = around.span()
    first = passages.code_passage(
        store,
        pid,
        int(named.id),
        ["Waiting", "Feeling heard"],
        coder="Asha",
        start=span[0],
        end=span[1],
    )
    passages.code_passage(
        store, pid, int(named.id), "Access", coder="Ben", start=at, end=at + len(name)
    )
    passages.code_passage(store, pid, int(said.id.iloc[0]), "Feeling heard", coder="Ben")
    session_id = int(said.session_id.iloc[0])
    people = attributes.attribute_table(store, pid)
    person = int(people.index[0])
    attributes.define_attribute(
        store, pid, "Age group", "choice", actor="Asha", choices=["18-34", "35-64", "65+"]
    )
    attributes.define_attribute(store, pid, "Visits", "number", actor="Asha")
    attributes.define_attribute(store, pid, "First seen", "date", actor="Asha")
    attributes.define_attribute(store, pid, "Site", "text", actor="Asha")
    attributes.set_attribute(store, pid, person, "Age group", "65+", actor="Asha")
    attributes.set_attribute(store, pid, person, "Visits", 2.5, actor="Asha")
    attributes.set_attribute(store, pid, person, "First seen", "2026-01-31", actor="Asha")
    attributes.set_attribute(store, pid, person, "Site", "North", actor="Asha")
    waiting = codebook.code_book(store, pid).set_index("name").loc["Waiting", "id"]
    memos.add_memo(store, pid, "project", "Start with access.", author="Asha")
    memos.add_memo(store, pid, "session", "A quiet room.", author="Ben", target_id=session_id)
    memos.add_memo(store, pid, "code", "Weeks, not days.", author="Asha", target_id=int(waiting))
    memos.add_memo(store, pid, "participant", "Came twice.", author="Ben", target_id=person)
    memos.add_memo(store, pid, "passage", "Key quote.", author="Asha", target_id=first[0])
    return store, pid, named, span


def _work(store, pid) -> dict[str, list]:
    """The researchers' work as names and words, no store ids."""
    book = codebook.code_book(store, pid)
    coded = retrieval.coded_passages(store, pid, real_names=True)
    notes = memos.memos_of(store, pid, real_names=True)
    about = {"project": lambda _i: None}
    about["code"] = dict(zip(book["id"], book["name"], strict=True)).get
    about["passage"] = dict(zip(coded["passage_id"], coded["passage"], strict=True)).get
    people = attributes.attribute_table(store, pid)
    return {
        "codes": book[["path", "definition", "colour"]].values.tolist(),
        "passages": sorted(
            coded[
                ["code", "coder", "session", "turn", "start_char", "end_char", "passage"]
            ].values.tolist()
        ),
        "memos": sorted(
            (m.about, m.text, m.author, about.get(m.about, lambda _i: "…")(m.target_id))
            for m in notes.itertuples()
        ),
        "attributes": sorted(repr(sorted(row.items())) for row in people.to_dict("records")),
    }


def test_a_qdpx_carries_the_coding_work_and_comes_back(store, tmp_path: Path) -> None:
    _store, pid, _named, _span = _coded(store)
    path = export_qdpx(store, pid, tmp_path / "work.qdpx", real_names=True, progress=False)
    assert qdpx_problems(path) == []  # the REFI-QDA Project schema, data/refi-qda
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    tree = root.find(f"{{{NS}}}CodeBook/{{{NS}}}Codes")
    access = tree.find(f"{{{NS}}}Code[@name='Access']")
    assert access.get("color") == "#1F77B4"
    assert access.find(f"{{{NS}}}Code").get("name") == "Waiting"  # nested: the tree
    assert len(root.findall(f"{{{NS}}}Notes/{{{NS}}}Note")) == 5
    assert len(list(root.iter(f"{{{NS}}}NoteRef"))) == 4  # a case has no place for one
    kinds = {v.get("name"): v.get("typeOfVariable") for v in root.iter(f"{{{NS}}}Variable")}
    assert kinds["Visits"] == "Float" and kinds["First seen"] == "Date"

    other = connect(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    other.upgrade()
    again = import_qdpx(other, path, actor="test")
    assert _work(other, again) == _work(store, pid)


def test_tables_and_report_with_made_up_names_show_the_coded_words(
    sqlite_store, tmp_path: Path, monkeypatch
) -> None:
    # Finding names in the words is the slow part (spaCy): one store type is enough here.
    store, pid, named, span = _coded(sqlite_store)
    tables = project_tables(store, pid)
    said = dict(
        zip(tables["utterances"]["utterance_id"], tables["utterances"]["text"], strict=True)
    )
    coding = tables["coding"]
    for row in coding.itertuples():
        assert said[row.utterance_id][row.start_char : row.end_char] == row.passage
    mine = coding[coding["utterance_id"] == named.id]
    real_words = named.text[span[0] : span[1]]
    made_up = {n.split()[0]: p for n, p in pseudonyms(store, pid).items()}
    name = next(n for n in made_up if n in real_words)
    assert set(mine.loc[mine["coder"] == "Coder 1", "passage"]) == {
        real_words.replace(name, made_up[name])
    }
    assert set(mine.loc[mine["code"] == "Access", "passage"]) == {made_up[name]}
    path = export_qdpx(store, pid, tmp_path / "private.qdpx", progress=False)
    assert qdpx_problems(path) == []
    with zipfile.ZipFile(path) as archive:
        everything = " ".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    assert name not in everything
    # The offsets of a copy with a longer name in it (difflib's alignment).
    assert moved_offset("I met Al here", "I met Person 3 here", 10) == 16
    assert moved_offset("I met Al here", "I met Person 3 here", 8, end=True) == 14

    # CSV and Excel gain the same tables.
    assert len(tables["memos"]) == 5 and len(tables["attributes"]) == 4
    assert set(tables["memos"]["author"]) == {"Coder 1", "Coder 2"}
    assert {"parent_id", "colour"} <= set(tables["codes"].columns)
    write_csv(tables, tmp_path / "csv")
    back = pd.read_csv(tmp_path / "csv" / "memos.csv", encoding="utf-8-sig")
    assert back["text"].tolist() == tables["memos"]["text"].tolist()
    write_excel(tables, tmp_path / "work.xlsx")
    sheets = pd.read_excel(tmp_path / "work.xlsx", sheet_name=None)
    assert sheets["coding"]["passage"].tolist() == tables["coding"]["passage"].tolist()
    assert sorted(sheets["attributes"]["attribute"]) == [
        "Age group",
        "First seen",
        "Site",
        "Visits",
    ]

    # The report: the code book and coded quotes under the codes' new names; the theme model
    # (slow, and tested in tests/exports/test_report.py) only when asked.
    ran = []
    monkeypatch.setattr(report, "_themes", lambda *a: ran.append(1) or "<h2 id='themes'></h2>")
    codebook.rename_code(store, pid, "Feeling heard", "Being listened to", actor="Asha")
    seen = words(project_report_html(store, pid))
    assert seen.count("Codes and what people said") == 2  # contents and heading
    assert "Access / Waiting" in seen and "Being listened to" in seen
    assert "Feeling heard" not in seen
    quoted = real_words.replace(name, made_up[name])
    assert f"\u201c{quoted}\u201d" in seen and not re.search(rf"\b{name}\b", seen)
    assert ran == []
    project_report_html(store, pid, themes=True)
    assert ran == [1]
