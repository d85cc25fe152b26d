"""environment.yml (conda) must ask for exactly what pyproject.toml asks for."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _split(requirement: str) -> tuple[str, str]:
    # Extras are dropped: psycopg[binary] is PyPI's way to get the compiled part, which
    # conda-forge's psycopg always has.
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$", requirement)
    assert match, f"cannot read requirement {requirement!r}"
    name = match[1].lower().replace("_", "-")
    return name, match[3].replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_split(r) for r in project["dependencies"])
    wanted["python"] = project["requires-python"]
    return wanted


def conda_requirements() -> dict[str, str]:
    lines = (ROOT / "environment.yml").read_text().splitlines()
    start = lines.index("dependencies:")
    found = {}
    for line in lines[start + 1 :]:
        # Conda packages, and under `pip:` the packages only PyPI has (not the project itself).
        item = re.match(r"^  - (?!pip:)(\S+)$", line) or re.match(r"^      - (?!-e )(\S+)$", line)
        if item and item[1] != "pip":
            name, version = _split(item[1])
            found[name] = version
    return found


def test_environment_yml_lists_what_pyproject_lists() -> None:
    assert conda_requirements() == pyproject_requirements()


def test_the_comparison_notices_a_difference() -> None:
    # Guard the guard: a changed version must make the two disagree.
    changed = dict(pyproject_requirements(), pandas=">=99")
    assert changed != conda_requirements()
