"""The `panel` command as the README gives it, and the demo project's panel."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from coprod_lab import connect
from coprod_lab.cli import main
from coprod_lab.demo import DEMO, load_demo, read_project_file
from coprod_lab.recruitment import panels, ratings
from coprod_lab.recruitment.results import candidate_result

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def store(sqlite_store):
    """SQLite only: the rules that protect ratings are tested on both databases in
    tests/recruitment/test_panels.py, and each PostgreSQL database takes seconds to make."""
    return sqlite_store


def test_the_readmes_panel_commands_run_on_a_fresh_store(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    section = README.read_text().split("## Recruitment panels", 1)[1].split("\n## ", 1)[0]
    new = re.search(r"`\./run (panel new [^`]+)`", section).group(1)
    monkeypatch.setenv("COPROD_LAB_DB", f"sqlite:///{tmp_path / 'store.sqlite3'}")
    assert main(shlex.split(new)) == 0  # no `db upgrade`, no project yet
    printed = capsys.readouterr().out
    args = shlex.split(new)
    lived = int(args[args.index("--lived-experience") + 1])
    staff = int(args[args.index("--staff") + 1])
    cards = re.findall(r"interview-panel\.ipynb\?card=(\S+)", printed)
    key = re.search(r"interview-panel\.ipynb\?key=(\S+)", printed).group(1)
    assert len(cards) == lived + staff and key not in cards
    store = connect()
    panel = panels.by_chair_key(store, key)
    assert [m.role for m in panels.members_of(store, panel.id)] == (
        ["lived_experience"] * lived + ["professional"] * staff
    )
    # A new chair's link: the old one stops working, the cards stay the same.
    assert main(["panel", "key", panel.title]) == 0
    again = capsys.readouterr().out
    assert panels.by_chair_key(store, key) is None
    assert re.findall(r"\?card=(\S+)", again) == cards
    # Erasing a candidate by letter.
    made = panels.add_candidate(store, panel.id, actor="t")
    assert main(["panel", "erase", panel.title, "--candidate", "a"]) == 0
    assert "Erased Candidate A" in capsys.readouterr().out
    assert panels.candidates_of(store, panel.id) == []
    assert main(["panel", "erase", panel.title, "--candidate", "A"]) == 1
    assert made.label == "Candidate A"
    store.engine.dispose()


def test_the_demo_project_has_a_panel_rated_as_its_file_says(store) -> None:
    spec = read_project_file(DEMO)["panel"]
    project_id = load_demo(store)
    [panel] = panels.panels_in(store, project_id)
    assert (panel.title, panel.questions_agreed) == (spec["title"], True)
    members = panels.members_of(store, panel.id)
    assert [m.role for m in members] == spec["roles"]
    found = panels.candidates_of(store, panel.id)
    assert [c.status for c in found] == [
        "closed" if "ratings" in c else "waiting" for c in spec["candidates"]
    ]
    assert all(c.name is None for c in found)
    for candidate, made in zip(found, spec["candidates"], strict=True):
        if "ratings" not in made:
            continue
        result = candidate_result(store, candidate.id)
        for q, answer in enumerate(result.questions):
            assert [r.value for r in answer.ratings] == [row[q] for row in made["ratings"]]
        notes = {(m, q): text for m, q, text in made["notes"]}
        for (m, q), text in notes.items():
            mine = ratings.my_ratings(store, members[m].ballot_id, candidate.id)
            assert mine[result.questions[q].question.id].note == text


def test_with_no_project_named_the_panel_goes_in_the_only_one_or_is_refused(
    sqlite_store, monkeypatch, capsys
) -> None:
    from coprod_lab.definitions import workshops
    from coprod_lab.overview import list_projects
    from coprod_lab.store.schema import projects

    monkeypatch.setenv("COPROD_LAB_DB", str(sqlite_store.engine.url))
    with sqlite_store.write() as db:
        only = db.execute(projects.insert().values(name="Study")).inserted_primary_key[0]
    assert main(["panel", "new", "Support worker"]) == 0
    assert [p.title for p in panels.panels_in(sqlite_store, only)] == ["Support worker"]
    assert [name for _id, name in list_projects(sqlite_store)] == ["Study"]  # none made
    with sqlite_store.write() as db:
        db.execute(projects.insert().values(name="Another study"))
    capsys.readouterr()
    for command in (["panel", "new", "Team leader"], ["panel", "key", "Support worker"]):
        assert main(command) == 1
        said = capsys.readouterr().err
        assert "'Another study', 'Study'" in said and "--project" in said, said
    assert [p.title for p in panels.panels_in(sqlite_store, only)] == ["Support worker"]
    assert workshops.FIRST_PROJECT not in [n for _i, n in list_projects(sqlite_store)]
    assert main(["panel", "key", "Support worker", "--project", "Study"]) == 0
