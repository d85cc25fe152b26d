"""`coprod-lab parse --redact KEY` and `--pseudonymise`: private output from the command line."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from tests.privacy.test_people import DEMO_TRANSCRIPT
from tests.test_cli import coprod_lab

PROJECT = "Leaving hospital well"


def _demo_store(tmp_path: Path) -> dict[str, str]:
    env = {"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    assert coprod_lab("db", "upgrade", env=env).returncode == 0
    assert coprod_lab("demo", env=env).returncode == 0
    return env


def test_parse_redact_writes_the_key_apart(tmp_path: Path) -> None:
    env = _demo_store(tmp_path)
    key = tmp_path / "key.json"
    result = coprod_lab(
        "parse", str(DEMO_TRANSCRIPT), "--json", "--project", PROJECT, "--redact", str(key), env=env
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    shown = json.dumps(records)
    assert "Dev" not in shown and "Priya" not in shown and "Okafor" not in shown
    assert records[0]["speaker"] == "[PERSON 3]"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert "Sam Okafor" in json.loads(key.read_text())["[PERSON 3]"]


def test_parse_pseudonymise_uses_the_projects_pseudonyms(tmp_path: Path) -> None:
    env = _demo_store(tmp_path)
    result = coprod_lab(
        "parse", str(DEMO_TRANSCRIPT), "--json", "--project", PROJECT, "--pseudonymise", env=env
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert {r["speaker"] for r in records} == {"Person 1", "Person 2", "Person 3"}


def test_an_unknown_project_is_one_sentence(tmp_path: Path) -> None:
    env = _demo_store(tmp_path)
    result = coprod_lab(
        "parse", str(DEMO_TRANSCRIPT), "--project", "Nope", "--pseudonymise", env=env
    )
    assert result.returncode == 1
    said = result.stderr.strip()
    assert said.startswith("coprod-lab: There is no project called 'Nope' in the store.")
    assert said.endswith(f"The projects are: {PROJECT!r}.")  # so the person can pick one
