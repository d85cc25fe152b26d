"""The `coanalysis` command and the demo's co-analysis, run in-process on a real store."""

from __future__ import annotations

import html
import re

from coprod_lab import connect
from coprod_lab.cli import main
from coprod_lab.coanalysis import invitations, opening, together
from coprod_lab.coanalysis.demo import add_demo_coanalysis
from coprod_lab.demo import load_demo
from coprod_lab.exports.report import _coanalysis


def test_the_demo_then_the_coanalysis_command(tmp_path, monkeypatch, capsys) -> None:
    # The name recogniser is checked in test_coanalysis_store; loading it here adds seconds.
    monkeypatch.setattr(opening, "other_names", lambda _store, _session: [])
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.setenv("COPROD_LAB_DB", url)
    assert main(["db", "upgrade"]) == 0
    assert main(["demo"]) == 0
    store = connect(url)
    project = load_demo(store)
    assert add_demo_coanalysis(store, project) is False  # once only
    assert [c.name for c in invitations.coanalysts_in(store, project)] == ["Ash", "Bea"]
    [(_session, title)] = opening.open_sessions(store, project)
    assert title == "Storytelling: the day I went home"
    assert {r["code"] for r in together.agreement(store, project)} == {
        "Things at home",
        "Told too late",
        "Words nobody explained",
    }
    assert together.to_discuss(store, project)[0]["read_differently"] is True
    # The report gains what the co-analysts found, with made-up names.
    # (the section alone: the whole report also fits a theme model, which takes seconds)
    report = html.unescape(_coanalysis(store, project, None))
    assert report.startswith("<h2 id='coanalysis'>What the co-analysts found</h2>")
    assert "2 co-analysts read 19 turns of Storytelling: the day I went home" in report
    assert "I thought step-down meant stairs" in report
    assert "Bea read this differently: I hear fear here" in report
    assert "Treated like a parcel" in report and "Dev Morgan" not in report
    alphas = {
        r["code"]: r["alpha"] for r in together.agreement(store, project) if r["coders"] == "all"
    }
    assert f"<td data-label='Agreement' class=n>{alphas['Told too late']:.2f}</td>" in report
    capsys.readouterr()

    assert main(["coanalysis", "invite", "Cy"]) == 0
    printed = capsys.readouterr().out
    token = invitations.coanalysts_in(store, project)[-1].token
    assert f"co--analysis-coding.ipynb?coanalyst={token}" in printed
    assert "Open for co-analysis: Storytelling: the day I went home" in printed
    assert main(["coanalysis", "links"]) == 0
    assert len(re.findall(r"coding: http\S+coanalyst=", capsys.readouterr().out)) == 3
    assert main(["coanalysis", "close", title]) == 0
    assert opening.open_sessions(store, project) == []
    assert main(["coanalysis", "open", "Storytelling: waiting for a care package"]) == 0
    assert [t for _s, t in opening.open_sessions(store, project)] == [
        "Storytelling: waiting for a care package"
    ]
    # A person's real name is refused, with one sentence and nothing invited.
    assert main(["coanalysis", "invite", "Dev Morgan"]) == 1
    assert "real name" in capsys.readouterr().err
    assert len(invitations.coanalysts_in(store, project)) == 3
    # A title not in the project: the message names the project it looked in.
    assert main(["coanalysis", "open", "No such meeting"]) == 1
    said = capsys.readouterr().err
    assert "'No such meeting'" in said and "'Leaving hospital well'" in said
    store.engine.dispose()


def test_with_several_projects_the_command_asks_which(sqlite_store, monkeypatch, capsys) -> None:
    from coprod_lab.store.schema import projects

    monkeypatch.setenv("COPROD_LAB_DB", str(sqlite_store.engine.url))
    with sqlite_store.write() as db:
        first = db.execute(projects.insert().values(name="A study")).inserted_primary_key[0]
    assert main(["coanalysis", "invite", "Cy"]) == 0  # the only project
    assert [c.name for c in invitations.coanalysts_in(sqlite_store, first)] == ["Cy"]
    with sqlite_store.write() as db:
        db.execute(projects.insert().values(name="B study"))
    capsys.readouterr()
    assert main(["coanalysis", "invite", "Di"]) == 1
    said = capsys.readouterr().err
    assert "'A study', 'B study'" in said and "--project NAME" in said, said
    assert [c.name for c in invitations.coanalysts_in(sqlite_store, first)] == ["Cy"]
    assert main(["coanalysis", "invite", "Di", "--project", "A study"]) == 0
