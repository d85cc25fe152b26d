"""`coprod-lab parse --redact KEY` and `--pseudonymise`: private output from the command line.

The command runs in this process (`main`), so the name recogniser loads once for the session
rather than once per command."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from coprod_lab.cli import main
from tests.privacy.test_people import DEMO_TRANSCRIPT

PROJECT = "Leaving hospital well"


@pytest.fixture
def demo_store(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_LAB_DB", f"sqlite:///{tmp_path / 'store.sqlite3'}")
    assert main(["db", "upgrade"]) == 0
    assert main(["demo"]) == 0


def run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()  # what earlier commands printed
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_parse_redact_writes_the_key_apart(demo_store, tmp_path: Path, capsys) -> None:
    key = tmp_path / "key.json"
    code, out, err = run(
        capsys, "parse", str(DEMO_TRANSCRIPT), "--json", "--project", PROJECT, "--redact", str(key)
    )
    assert code == 0, err
    records = json.loads(out)
    assert "Dev" not in out and "Priya" not in out and "Okafor" not in out
    assert records[0]["speaker"] == "[PERSON 3]"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert "Sam Okafor" in json.loads(key.read_text())["[PERSON 3]"]
    assert err.startswith("Hidden in the text: ")


def test_parse_pseudonymise_uses_the_projects_pseudonyms(demo_store, capsys) -> None:
    code, out, err = run(
        capsys, "parse", str(DEMO_TRANSCRIPT), "--json", "--project", PROJECT, "--pseudonymise"
    )
    assert code == 0, err
    records = json.loads(out)
    assert {r["speaker"] for r in records} == {"Person 1", "Person 2", "Person 3"}


def test_an_unknown_project_is_one_sentence(demo_store, capsys) -> None:
    code, _out, err = run(
        capsys, "parse", str(DEMO_TRANSCRIPT), "--project", "Nope", "--pseudonymise"
    )
    assert code == 1
    said = err.strip()
    assert said.startswith("coprod-lab: There is no project called 'Nope' in the store.")
    assert said.endswith(f"The projects are: {PROJECT!r}.")  # so the person can pick one
