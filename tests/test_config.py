"""Settings are declared once, read from the environment, and all documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_lab.config import SETTINGS, setting
from coprod_lab.errors import CoprodLabError

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


@pytest.mark.parametrize("spec", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_in_the_readme(spec) -> None:
    row = next(
        (line for line in README.splitlines() if line.startswith(f"| `{spec.name}` |")), None
    )
    assert row is not None, f"README.md's settings table has no row for {spec.name}"
    assert f"`{spec.env}`" in row


@pytest.mark.parametrize("spec", SETTINGS, ids=lambda s: s.name)
def test_every_setting_has_help(spec) -> None:
    assert spec.help.endswith(".") and len(spec.help) > 20


def test_the_environment_overrides_the_default(monkeypatch) -> None:
    assert setting("port") == 8866
    monkeypatch.setenv("COPROD_LAB_PORT", "9000")
    assert setting("port") == 9000
    monkeypatch.setenv("COPROD_LAB_PORT", "")
    assert setting("port") == 8866  # empty means unset


def test_a_number_setting_that_is_not_a_number_is_explained(monkeypatch) -> None:
    monkeypatch.setenv("COPROD_LAB_BUSY_TIMEOUT_MS", "ten seconds")
    with pytest.raises(CoprodLabError, match="COPROD_LAB_BUSY_TIMEOUT_MS must be a whole number"):
        setting("busy_timeout_ms")


def test_an_unknown_setting_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        setting("colour")
