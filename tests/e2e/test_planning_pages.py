"""The planning pages in headless Chromium from a real Voilà server: the preparation and the
session plan as a facilitator, and "Plan for today" as a participant, by keyboard.

Each test runs at 360 px and at 1280 px against one server, so each width writes its own
words, and nothing depends on which width ran first.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_session_pages import _checked as _checked_here
from tests.e2e.test_session_pages import _saved

pytestmark = pytest.mark.e2e


def _open(page, server: str, notebook: str, heading: str) -> None:
    # A page's first load starts its kernel: on a busy machine that takes longer than the
    # 30 seconds Playwright waits by default.
    page.goto(server + "voila/render/" + notebook, timeout=120_000)
    page.get_by_role("heading", name=heading, level=1).wait_for(timeout=120_000)


def _checked(page, name: str) -> None:
    # Back to the top, so the picture for the README starts with the page's heading.
    page.evaluate("document.getElementById('rendered_cells').scrollTo(0, 0)")
    _checked_here(page, name)


def test_preparation_as_a_facilitator(server: str, page) -> None:
    note = f"Agreed at {page.viewport_size['width']} pixels: taxis are paid for."
    _open(page, server, "preparation.ipynb", "Preparation")
    # The demo's preparation: what to sort out first and who is missing, said plainly.
    assert page.get_by_text("Things to sort out first:").is_visible()
    assert page.get_by_text("No one from “Family carers” is involved yet").is_visible()
    budget = page.get_by_role("radiogroup", name="Is there a budget")
    budget.get_by_label("Yes").check()
    page.get_by_label("Note on the budget").fill(note)
    page.get_by_role("button", name="Save the preparation").click()
    _saved(page, "of the preparation.")
    _checked(page, "preparation")
    page.reload()
    page.get_by_label("Note on the budget").wait_for(timeout=60_000)
    page.wait_for_function(
        "(note) => [...document.querySelectorAll('input')].some(i => i.value === note)",
        arg=note,
        timeout=30_000,
    )
    expect(
        page.get_by_role("radiogroup", name="Is there a budget").get_by_label("Yes")
    ).to_be_checked(timeout=60_000)
    assert page.problems == []


def test_session_plan_as_a_facilitator(server: str, page) -> None:
    title = f"Planned at {page.viewport_size['width']} pixels"
    _open(page, server, "session-plan.ipynb", "Session plan")
    page.get_by_label("Title of a new plan").fill(title)
    page.get_by_role("button", name="Make a new plan").click()
    _saved(page, f"Saved: the plan “{title}”")
    page.get_by_text("The plan has everything it needs.").wait_for(timeout=30_000)
    # Take the break out: the warning shows before anything is saved.
    page.get_by_label("Item 6", exact=True).select_option(label="Take this item out")
    page.get_by_text("without a break").wait_for(timeout=30_000)
    page.get_by_role("button", name="Save the plan").click()
    _saved(page, "of the plan.")
    _checked(page, "session-plan")
    page.reload()
    page.get_by_label("Plan", exact=True).wait_for(timeout=60_000)
    page.get_by_label("Plan", exact=True).select_option(label=title)
    page.get_by_text("without a break").wait_for(timeout=30_000)
    assert page.problems == []


def test_plan_for_today_as_a_participant_by_keyboard(server: str, page) -> None:
    if page.viewport_size["width"] != 360:
        pytest.skip("participants read it on their phones; the facilitator pages cover 1280 px")
    _open(page, server, "plan-for-today.ipynb", "Plan for today")
    agenda = page.get_by_role("table", name="The agenda")
    agenda.wait_for(timeout=30_000)
    assert agenda.get_by_role("rowheader").first.inner_text() == "0:00"
    page.get_by_role("button", name="Show the latest").focus()
    page.keyboard.press("Enter")
    agenda.wait_for(timeout=30_000)
    _checked(page, "plan-for-today")
    assert page.problems == []
