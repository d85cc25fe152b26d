"""The `coprod-lab` command, run as a person runs it: a real process, a real store."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coprod_lab import connect
from coprod_lab.cli import _parser
from coprod_lab.config import SETTINGS
from coprod_lab.overview import list_projects


def coprod_lab(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coprod_lab.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def _all_commands(parser: argparse.ArgumentParser, prefix=()) -> list[tuple[str, ...]]:
    found = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _all_commands(sub, (*prefix, name))
    return found


COMMANDS = _all_commands(_parser())


def test_the_commands_the_issue_asks_for_exist() -> None:
    assert {
        ("serve",),
        ("lab",),
        ("demo",),
        ("db", "upgrade"),
        ("db", "backup"),
        ("config",),
    } <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "coprod-lab")
def test_every_command_has_help(command: tuple[str, ...]) -> None:
    result = coprod_lab(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: coprod-lab")
    assert len(result.stdout.splitlines()) > 3


def test_config_lists_every_setting_with_its_value_and_help(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    result = coprod_lab("config", "--json", env={"COPROD_LAB_DB": url})
    listed = {s["name"]: s for s in json.loads(result.stdout)}
    assert set(listed) == {s.name for s in SETTINGS}
    assert listed["db"]["value"] == url
    assert listed["db"]["env"] == "COPROD_LAB_DB"
    assert all(s["help"] for s in listed.values())
    text = coprod_lab("config").stdout
    assert all(f"COPROD_LAB_{s.name.upper()}" in text for s in SETTINGS)


def test_db_upgrade_then_demo_then_backup(tmp_path: Path) -> None:
    env = {"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    assert coprod_lab("db", "upgrade", env=env).returncode == 0
    first = coprod_lab("demo", env=env)
    again = coprod_lab("demo", env=env)
    assert first.returncode == again.returncode == 0
    assert first.stdout == again.stdout  # the same project, not a second copy
    backup = coprod_lab("db", "backup", str(tmp_path / "copy.sqlite3"), env=env)
    assert backup.returncode == 0, backup.stderr
    assert (tmp_path / "copy.sqlite3").stat().st_size > 0


def _one_sentence_failure(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_corrupt_store_fails_with_one_sentence(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(os.urandom(8192))
    result = coprod_lab("db", "upgrade", env={"COPROD_LAB_DB": f"sqlite:///{broken}"})
    assert str(broken) in _one_sentence_failure(result)


def test_a_store_from_a_newer_version_fails_with_one_sentence(tmp_path: Path) -> None:
    env = {"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    coprod_lab("db", "upgrade", env=env)
    import sqlite3

    with sqlite3.connect(tmp_path / "store.sqlite3") as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'from-the-future'")
    for command in (("db", "upgrade"), ("demo",)):
        line = _one_sentence_failure(coprod_lab(*command, env=env))
        assert "newer version of coprod-lab" in line


def test_an_unreachable_postgresql_fails_with_one_sentence() -> None:
    url = "postgresql+psycopg://someone:secret@127.0.0.1:1/nowhere"
    line = _one_sentence_failure(coprod_lab("db", "upgrade", env={"COPROD_LAB_DB": url}))
    assert "Cannot reach the PostgreSQL database" in line
    assert "secret" not in line


def test_a_bad_setting_fails_with_one_sentence() -> None:
    line = _one_sentence_failure(coprod_lab("config", env={"COPROD_LAB_PORT": "eighty"}))
    assert "COPROD_LAB_PORT must be a whole number" in line


def test_workshop_links_use_the_public_address_when_one_is_set(tmp_path: Path) -> None:
    env = {"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    assert coprod_lab("db", "upgrade", env=env).returncode == 0
    assert coprod_lab("demo", env=env).returncode == 0
    own = coprod_lab("workshop", "new", "Room one", env=env)
    assert own.returncode == 0, own.stderr
    assert "Participants: http://127.0.0.1:8866/voila/render/vote.ipynb?room=" in own.stdout
    public = {**env, "COPROD_LAB_PUBLIC_ADDRESS": "https://vote.example.org/"}
    spread = coprod_lab("workshop", "new", "Room two", env=public)
    assert spread.returncode == 0, spread.stderr
    links = [line for line in spread.stdout.splitlines() if "http" in line]
    assert len(links) == 3
    assert all("https://vote.example.org/voila/render/" in line for line in links)


def test_the_readmes_workshop_quick_start_runs_on_a_fresh_store_and_after_the_demo(
    tmp_path: Path,
) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme.split("## Definitions and voting", 1)[1]
    title = re.search(r"`\./run workshop new \"([^\"]+)\"`", section).group(1)
    fresh = {"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    made = coprod_lab("workshop", "new", title, env=fresh)  # no `db upgrade`, no project yet
    assert made.returncode == 0, made.stderr
    assert "Made the project" in made.stdout and "Room code: " in made.stdout
    board = next(line for line in made.stdout.splitlines() if "results-board" in line)
    key = re.search(r"facilitate\.ipynb\?key=(\S+)", made.stdout).group(1)
    assert "?board=" in board and key not in board
    # After `./run` has added the demo project, the same command still runs as written.
    demo = {"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    assert coprod_lab("db", "upgrade", env=demo).returncode == 0
    assert coprod_lab("demo", env=demo).returncode == 0
    again = coprod_lab("workshop", "new", title, env=demo)
    assert again.returncode == 0, again.stderr


def test_servers_starting_together_on_one_store_set_it_up_once(store_url: str, tmp_path) -> None:
    # Two `serve`s started at once: one creates the tables and adds the demo, the other waits
    # for it and finds it done (without the lock, one fails or the demo is added twice).
    env = {"COPROD_LAB_DB": store_url, "COPROD_LAB_PORT": "1"}
    script = (
        "import sys; from coprod_lab import cli; "
        "store = cli._ready_store(demo=True); "
        "from coprod_lab.overview import list_projects; print(len(list_projects(store)))"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err for _, err in results]
    assert [out.strip() for out, _ in results] == ["1", "1", "1"]
    assert sum("Added the demo project" in err for _, err in results) == 1


def test_export_then_import_project(tmp_path: Path) -> None:
    env = {"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    assert coprod_lab("db", "upgrade", env=env).returncode == 0
    assert coprod_lab("demo", env=env).returncode == 0
    project = list_projects(connect(env["COPROD_LAB_DB"]))[0][1]
    qdpx = coprod_lab("export", project, str(tmp_path / "p.qdpx"), env=env)
    assert qdpx.returncode == 0, qdpx.stderr
    assert "checked against the schema" in qdpx.stdout
    assert "Sessions" in qdpx.stderr  # progress, shown as it goes
    assert coprod_lab("export", project, str(tmp_path / "p.xlsx"), env=env).returncode == 0
    assert coprod_lab("export", project, str(tmp_path / "csv"), env=env).returncode == 0
    assert (tmp_path / "csv" / "utterances.csv").exists()
    report = coprod_lab("export", project, str(tmp_path / "report.html"), env=env)
    assert report.returncode == 0, report.stderr
    assert "Dev Morgan" not in (tmp_path / "report.html").read_text(encoding="utf-8")
    one = coprod_lab(
        "export",
        project,
        str(tmp_path / "one.html"),
        "--session",
        "Storytelling: the day I went home",
        env=env,
    )
    assert one.returncode == 0, one.stderr
    assert "Storytelling: the day I went home: what we found" in (tmp_path / "one.html").read_text(
        encoding="utf-8"
    )
    pdf = coprod_lab("export", project, str(tmp_path / "p.pdf"), env=env)
    assert pdf.returncode == 1
    assert "cannot write a .pdf file" in pdf.stderr
    assert not (tmp_path / "p.pdf").exists()  # not a folder of CSV files named p.pdf
    wrong = coprod_lab("export", project, str(tmp_path / "p2.xlsx"), "--session", "x", env=env)
    assert wrong.returncode == 1
    assert "--session is for reports" in wrong.stderr
    again = coprod_lab("import-project", str(tmp_path / "p.qdpx"), "--name", "Copy", env=env)
    assert again.returncode == 0, again.stderr
    twice = coprod_lab("import-project", str(tmp_path / "p.qdpx"), "--name", "Copy", env=env)
    assert twice.returncode == 1
    assert "already has a project called 'Copy'" in twice.stderr
    assert len(twice.stderr.strip().splitlines()) == 1


def test_run_reads_file_names_from_the_folder_it_was_started_in(tmp_path: Path) -> None:
    # `./run parse t.txt` from another folder once looked for t.txt in the project folder.
    (tmp_path / "t.txt").write_text("Ann: Hello there.\nBo: Hi Ann.\n", encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [str(root / "run"), "parse", "t.txt", "--json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "COPROD_LAB_DB": f"sqlite:///{tmp_path / 's.sqlite3'}"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert [turn["speaker"] for turn in json.loads(done.stdout)] == ["Ann", "Bo"]


def test_the_readmes_activity_commands_start_a_quiz_and_a_panel(tmp_path: Path) -> None:
    from coprod_lab.activities import quiz
    from coprod_lab.definitions import workshops

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme.split("## Is it co-production? and questions for a panel", 1)[1]
    commands = re.findall(r"`\./run workshop new \"([^\"]+)\" --activity (\w+)`", section)
    assert [activity for _title, activity in commands] == ["quiz", "questions"]
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    for title, activity in commands:
        made = coprod_lab(
            "workshop", "new", title, "--activity", activity, env={"COPROD_LAB_DB": url}
        )
        assert made.returncode == 0, made.stderr
        assert "Room code: " in made.stdout
    store = connect(url)
    project_id = list_projects(store)[0][0]
    rooms = {w.title: w for w in workshops.workshops_in(store, project_id)}
    assert {title: rooms[title].activity for title, _a in commands} == dict(commands)
    quiz_room = rooms[commands[0][0]]
    assert len(quiz.situations_in(store, quiz_room.id)) == len(quiz.starter_set())
    store.engine.dispose()


def test_the_server_passes_no_stray_request_to_its_page_kernels(tmp_path, monkeypatch) -> None:
    from coprod_lab.cli import _voila_environment
    from coprod_lab.store import connect

    monkeypatch.setenv("QUERY_STRING", "ballot=abc")
    store = connect(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    try:
        env = _voila_environment(store)
    finally:
        store.engine.dispose()
    assert "QUERY_STRING" not in env
    assert env["COPROD_LAB_DB"].endswith("store.sqlite3")
