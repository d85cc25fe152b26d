"""Every Voilà page, served by `./run`, in headless Chromium: content, keyboard, axe-core."""

from __future__ import annotations

import os
import urllib.request
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

# Set to a folder (scripts/screenshots does) to save each page as the README shows it.
SCREENSHOTS = os.environ.get("COPROD_LAB_SCREENSHOTS")


def serious_axe_violations(tab) -> list[str]:
    results = Axe().run(tab)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def fits_the_screen(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def save(tab, name: str) -> None:
    if SCREENSHOTS:
        width = tab.viewport_size["width"]
        tab.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-{width}px.png"), full_page=True)


def test_the_run_command_serves_a_page_naming_the_demo_project(server: str) -> None:
    with urllib.request.urlopen(server + "voila/render/project-overview.ipynb") as answer:
        html = answer.read().decode()
    assert "Leaving hospital well" in html
    assert "Traceback" not in html


def test_the_landing_page_lists_the_pages_and_works_by_keyboard(server: str, page) -> None:
    page.goto(server)
    assert page.get_by_role("heading", level=1).inner_text() == "coprod-lab pages"
    link = page.get_by_role("link", name="Project overview")
    assert link.is_visible()
    assert serious_axe_violations(page) == []
    assert fits_the_screen(page)
    save(page, "landing")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Project overview"
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Leaving hospital well").wait_for(timeout=60_000)
    assert page.problems == []


def test_the_project_overview_page(server: str, page) -> None:
    page.goto(server + "voila/render/project-overview.ipynb")
    page.get_by_role("heading", name="Leaving hospital well", level=1).wait_for(timeout=60_000)
    assert page.get_by_role("heading", name="Who is taking part").is_visible()
    assert page.get_by_text("Lived experience: 2").is_visible()
    table = page.get_by_role("table", name="Sessions, oldest first")
    assert table.get_by_role("rowheader", name="Storytelling: the day I went home").is_visible()
    assert page.get_by_text("Dev Morgan").count() == 0  # counts by role, never names
    assert serious_axe_violations(page) == []
    assert fits_the_screen(page)
    assert page.problems == []
    save(page, "project-overview")
