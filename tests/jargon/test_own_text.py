"""Our own pages, widgets and README pass our own plain-English check: under 2% rare words."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_lab.jargon import check_text
from tests.jargon.own_text import pages


@pytest.fixture(scope="module")
def own_text(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pages(tmp_path_factory.mktemp("own-text"))


def _rare(text: str) -> list[str]:
    return [f.term for f in check_text(text).findings if f.kind == "rare"]


def test_the_pages_and_widgets_have_under_2_percent_rare_words(own_text: dict[str, str]) -> None:
    shown = {name: text for name, text in own_text.items() if name != "README"}
    assert len(shown) >= 4
    report = check_text("\n\n".join(shown.values()))
    assert report.words > 250
    assert report.rare_share < 0.02, {name: _rare(text) for name, text in shown.items()}


def test_the_readme_has_under_2_percent_rare_words(own_text: dict[str, str]) -> None:
    report = check_text(own_text["README"])
    assert report.words > 1000
    assert report.rare_share < 0.02, _rare(own_text["README"])


def test_the_check_would_catch_a_page_full_of_jargon(tmp_path: Path) -> None:
    # The measure can fail: the same page written in professional shorthand does.
    hard = "Reablement cohorts are signposted via domiciliary pathways and interoperability."
    assert check_text(hard).rare_share >= 0.02
