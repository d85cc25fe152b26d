""" "You said, we did" in headless Chromium from a real Voilà server, as a facilitator (by
keyboard: add a point from a turn, follow it through, reload, see it kept) and as a participant
(read the list by status on a phone, by touch). Each width uses a turn of its own."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_pages import fits_the_screen, save, serious_axe_violations

pytestmark = pytest.mark.e2e

HOME = "Storytelling: the day I went home"
# The place, among the page's message lines, of the one that says "Saved", once it is not
# the place given (so a later save is seen to move it).
_SAVED_AT = """(before) => {
  const at = [...document.querySelectorAll('.coprod-said')]
    .findIndex(s => s.innerText.trim() === 'Saved');
  return at >= 0 && at !== before ? at : null;
}"""


def _open(page, server: str, notebook: str, heading: str) -> None:
    # Generous: the page runs its notebook before it loads, on a machine that may be busy.
    page.goto(server + "voila/render/" + notebook, timeout=180_000)
    page.get_by_role("heading", name=heading, level=1).wait_for(timeout=60_000)


def _checked(page, name: str) -> None:
    assert serious_axe_violations(page) == []
    assert fits_the_screen(page)
    assert page.problems == []
    save(page, name)


def test_a_facilitator_adds_a_point_and_follows_it_through(server: str, page) -> None:
    phone = page.viewport_size["width"] == 360
    turn, action = (
        (12, "Plans in writing, in plain words.") if phone else (8, "Say why people wait.")
    )
    _open(page, server, "you-said-we-did.ipynb", "You said, we did")
    assert page.get_by_text(re.compile(r"Late: 1 not done by the date set")).is_visible()
    page.get_by_label("Where it came from").select_option(label="A turn in a transcript")
    page.get_by_label("Session", exact=True).select_option(label=HOME)
    which = page.get_by_label("Which one")
    option = which.locator("option", has_text=re.compile(rf"^{turn}\.\sDev\sMorgan"))
    which.select_option(label=option.inner_text())
    page.wait_for_function(
        "() => [...document.querySelectorAll('textarea')].some(t => t.value.length > 10)",
        timeout=60_000,
    )
    page.get_by_role("button", name="Add the point").focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="is added").wait_for(timeout=60_000)
    number = re.search(r"point (\d+) is added", page.get_by_text("is added").inner_text())[1]
    # Each field is saved as the person leaves it, with "Saved" next to it.
    box = page.get_by_label("What we will do")
    box.fill(action)
    box.press("Tab")
    saved_at = page.wait_for_function(_SAVED_AT, arg=-1, timeout=60_000).json_value()
    page.get_by_label("Who will do it").fill("Ward team")
    page.get_by_label("Who will do it").press("Tab")
    # The next field's own line says "Saved" (only the newest message stays on the page).
    page.wait_for_function(_SAVED_AT, arg=saved_at, timeout=60_000)
    expect(page.get_by_text("Someone will act on it").first).to_be_visible(timeout=60_000)
    _checked(page, "you-said-we-did")
    page.reload()
    # The old page's own requests to its kernel are cut off by the reload, not failed.
    page.problems[:] = [
        p for p in page.problems if not ("/api/kernels/" in p and "ERR_ABORTED" in p)
    ]
    pick = page.get_by_label("Point", exact=True)
    pick.wait_for(timeout=60_000)
    chosen = pick.locator("option", has_text=re.compile(rf"^{number}\.\s"))
    pick.select_option(label=chosen.inner_text())
    page.wait_for_function(
        "(action) => [...document.querySelectorAll('textarea')].some(t => t.value === action)",
        arg=action,
        timeout=60_000,
    )
    # The fields arrive one after another ("What we will do" before "Who will do it"):
    # wait for this one's value too, rather than read it the moment the first has come.
    expect(page.get_by_label("Who will do it")).to_have_value("Ward team", timeout=60_000)
    assert page.problems == []


def test_a_participant_reads_what_we_did(server: str, page) -> None:
    _open(page, server, "what-we-did.ipynb", "What we did with what you told us")
    page.get_by_role("heading", name=re.compile("^What we did and told you about")).wait_for(
        timeout=60_000
    )
    for heading in ("What we are doing about it", "What we heard and will answer", "What we did"):
        assert page.get_by_role("heading", name=re.compile(f"^{heading} \\(")).is_visible()
    text = page.locator("body").inner_text()
    assert "Late: not done yet." in text
    assert "Person 4" in text
    for real in ("Dev Morgan", "Joan Ellis", "Priya Shah", "Tom Reid", "Sam Okafor"):
        assert real not in text
    if page.viewport_size["width"] == 360:
        # A phone reader scrolls by touch to the last point.
        page.mouse.wheel(0, 3000)
        page.get_by_text("Told back on").last.scroll_into_view_if_needed()
    _checked(page, "what-we-did")
