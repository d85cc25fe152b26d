"""`coprod-lab workshop new|key` never picks a project silently.

A new user imported the real Zoom transcript into "Community meeting study"; their next
`workshop new` went into that research project (the first by name), and the words marked
"I don't understand" on the phones were filed there. The commands run in this process (`main`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from coprod_lab.cli import main
from coprod_lab.definitions.workshops import FIRST_PROJECT
from coprod_lab.store import connect
from coprod_lab.store.schema import projects, workshops
from tests.conftest import SHARED

STUDY = "Community meeting study"
ZOOM = SHARED / "corpus" / "zoom-meeting" / "meeting003_transcript.vtt"


def run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def where_workshops_are(url: str) -> dict[str, list[str]]:
    with connect(url).read() as db:
        rows = db.execute(
            select(projects.c.name, workshops.c.title).join(
                workshops, workshops.c.project_id == projects.c.id, isouter=True
            )
        ).all()
    found: dict[str, list[str]] = {}
    for project, title in rows:
        found.setdefault(project, [])
        if title:
            found[project].append(title)
    return found


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The transcript is imported once; each test gets its own copy of that store.
    path = tmp_path_factory.mktemp("imported") / "store.sqlite3"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("COPROD_LAB_DB", f"sqlite:///{path}")
        assert main(["db", "upgrade"]) == 0
        assert main(["import", str(ZOOM), "--project", STUDY]) == 0
    return path


@pytest.fixture
def study(imported: Path, tmp_path: Path, monkeypatch) -> str:
    copy = tmp_path / "store.sqlite3"
    connect(f"sqlite:///{imported}").backup(copy)  # one snapshot, whatever is in the WAL
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("COPROD_LAB_DB", url)
    return url


def test_a_new_workshop_goes_in_the_default_project_and_says_so(study: str, capsys) -> None:
    code, out, err = run(capsys, "workshop", "new", "Our words")
    assert code == 0, err
    assert f"Project: {FIRST_PROJECT}\n" in out
    assert f"The other projects are {STUDY!r}" in out and "--project NAME" in out
    assert where_workshops_are(study) == {STUDY: [], FIRST_PROJECT: ["Our words"]}
    # Named, it goes where it is told, and says so.
    code, out, err = run(capsys, "workshop", "new", "Our words", "--project", STUDY)
    assert code == 0, err
    assert f"Project: {STUDY}\n" in out
    assert where_workshops_are(study) == {STUDY: ["Our words"], FIRST_PROJECT: ["Our words"]}


def test_a_project_name_like_another_is_refused_as_import_refuses_it(study: str, capsys) -> None:
    slip = "Comunity meeting study"
    code, _out, err = run(capsys, "workshop", "new", "Our words", "--project", slip)
    assert code == 1
    assert f"did you mean {STUDY!r}?" in err and "--new-project" in err
    assert where_workshops_are(study) == {STUDY: []}  # nothing was made
    code, _out, err = run(capsys, "workshop", "new", "Ours", "--project", slip, "--new-project")
    assert code == 0, err
    assert where_workshops_are(study) == {STUDY: [], slip: ["Ours"]}


def test_a_new_key_for_a_title_in_two_projects_asks_which(study: str, capsys) -> None:
    for project in (STUDY, FIRST_PROJECT):
        assert run(capsys, "workshop", "new", "Our words", "--project", project)[0] == 0
    code, _out, err = run(capsys, "workshop", "key", "Our words")
    assert code == 1
    assert f"({STUDY!r}, {FIRST_PROJECT!r})" in err and "--project NAME" in err
    code, out, err = run(capsys, "workshop", "key", "Our words", "--project", STUDY)
    assert code == 0, err
    assert f"Project: {STUDY}\n" in out and "facilitate.ipynb?key=" in out
