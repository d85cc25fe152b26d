"""The plain-English report in headless Chromium: axe-core, a 360-pixel phone, and keyboard."""

from __future__ import annotations

import pytest

from coprod_lab import connect
from coprod_lab.demo import load_demo
from coprod_lab.exports.report import write_report
from tests.e2e.test_pages import fits_the_screen, save, serious_axe_violations

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("report")
    store = connect(f"sqlite:///{folder / 'store.sqlite3'}")
    store.upgrade()
    return write_report(store, load_demo(store), folder / "report.html")


def test_the_report_reads_well_in_a_browser(report, page) -> None:
    page.goto(report.as_uri())
    assert page.locator("h1").inner_text() == "Leaving hospital well: what we found"
    # The demo project has no codes and no co-analysis (those are added by `./run`, not by
    # load_demo), so the themes stand in for them.
    assert page.locator("h2").all_inner_texts() == [
        "Who took part",
        "Who spoke how much",
        "Themes in what people said",
        "Definitions voted on",
        "What we did with what you told us",
        "The Ladder of Co-production",
    ]
    assert page.locator("blockquote").count() >= 6  # quotes under the themes
    # The ladder chart, and a bar for each definition in the results; each described in words.
    assert page.locator("figure.coprod-chart svg[role=img]").count() == 1
    images = page.locator("svg[role=img]")
    assert images.count() > 1
    assert all(images.nth(i).get_attribute("aria-label") for i in range(images.count()))
    assert serious_axe_violations(page) == []
    assert fits_the_screen(page)
    # The contents links take keyboard focus and move to their section.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Who took part"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#who"
    save(page, "report")
    assert page.problems == []
