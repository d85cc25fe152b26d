"""The session pages in headless Chromium from a real Voilà server: save, reload, see it kept.

Each test runs at 360 px and at 1280 px against one server, so each width uses its own
people or names, and nothing depends on which width ran first.
"""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import what_the_kernels_do
from tests.e2e.test_pages import fits_the_screen, save, serious_axe_violations

pytestmark = pytest.mark.e2e


def _open(page, server: str, notebook: str, heading: str) -> None:
    page.goto(server + "voila/render/" + notebook)
    page.get_by_role("heading", name=heading, level=1).wait_for(timeout=60_000)


def _saved(page, text: str, timeout: int = 30_000, server: str | None = None) -> None:
    """Wait for a status line saying `text`; if none comes, say what the page and server said."""
    try:
        page.get_by_role("status").filter(has_text=text).wait_for(timeout=timeout)
    except PlaywrightTimeout:
        said = page.get_by_role("status").all_inner_texts()
        raise AssertionError(
            f"no status said {text!r} in {timeout / 1000:.0f} s; the status lines said {said}; "
            f"console problems {page.problems}; " + (what_the_kernels_do(server) if server else "")
        ) from None


def _checked(page, name: str) -> None:
    assert serious_axe_violations(page) == []
    assert fits_the_screen(page)
    assert page.problems == []
    save(page, name)


def _phone(page) -> bool:
    return page.viewport_size["width"] == 360


def test_collaborative_pairs(server: str, page) -> None:
    lived, professional, name = (
        ("Joan Ellis", "Tom Reid", "Joan and Tom")
        if _phone(page)
        else ("Joan Ellis", "Priya Shah", "Joan and Priya")
    )
    _open(page, server, "collaborative-pairs.ipynb", "Collaborative pairs")
    # The demo pair is on show first, its first meeting done (two notes and both profiles).
    assert page.get_by_text("Meetings finished: 1 of 4.").is_visible()
    assert page.get_by_role("heading", name="Meeting 1: Meet (3 of 3 done)").is_visible()
    page.get_by_label("Name of the pair").fill(name)
    page.get_by_label("Person with lived experience").select_option(
        label=f"{lived} (lived experience)"
    )
    page.get_by_label("Professional", exact=True).select_option(
        label=f"{professional} (professional)"
    )
    page.get_by_role("button", name="Make the pair").click()
    _saved(page, f"Saved: the pair “{name}” is made.")
    page.get_by_label("Step").select_option(label="Meeting 1: Why we are here")
    page.get_by_label("Notes").fill(f"{name}: we want going home to be planned together.")
    page.get_by_role("button", name="Save the note").click()
    _saved(page, "Saved: the note on “Why we are here”.")
    _checked(page, "collaborative-pairs")
    page.reload()
    page.get_by_label("Pair", exact=True).wait_for(timeout=60_000)
    page.get_by_label("Pair", exact=True).select_option(label=name)
    page.get_by_label("Step").select_option(label="Meeting 1: Why we are here")
    page.get_by_text(f"{name}: we want going home to be planned together.").wait_for(timeout=30_000)
    assert page.problems == []


@pytest.mark.parametrize(
    ("notebook", "heading", "box"),
    [
        ("One--page-profile.ipynb", "One-page profile", "What people appreciate about me"),
        (
            "communication-and-feedback.ipynb",
            "Communication and feedback",
            "How I like to get feedback",
        ),
    ],
)
def test_profiles(server: str, page, notebook: str, heading: str, box: str) -> None:
    person = "Joan Ellis (lived experience)" if _phone(page) else "Tom Reid (professional)"
    words = f"Written at {page.viewport_size['width']} pixels: steady and kind."
    _open(page, server, notebook, heading)
    page.get_by_label("Whose profile").select_option(label=person)
    # Choosing a person fills the boxes with their profile; write once it has arrived.
    page.get_by_role("heading", name=person.split(" (")[0], level=2).wait_for(timeout=30_000)
    page.get_by_label(box).fill(words)
    assert page.get_by_label(box).input_value() == words
    page.get_by_role("button", name="Save", exact=True).click()
    _saved(page, "Saved:")
    assert page.get_by_role("link", name="Download a page to print").is_visible()
    _checked(page, notebook.removesuffix(".ipynb").lower().replace("--", "-"))
    page.reload()
    page.get_by_label("Whose profile").wait_for(timeout=60_000)
    page.get_by_label("Whose profile").select_option(label=person)
    page.wait_for_function(
        "(words) => [...document.querySelectorAll('textarea')].some(t => t.value === words)",
        arg=words,
        timeout=30_000,
    )
    assert page.get_by_label(box).input_value() == words
    assert page.problems == []


def test_a_full_profile_prints_on_one_page(server: str, page) -> None:
    if _phone(page):
        pytest.skip("printing is the same at every width")
    _open(page, server, "communication-and-feedback.ipynb", "Communication and feedback")
    page.get_by_label("Whose profile").select_option(label="Priya Shah (professional)")
    page.get_by_role("heading", name="Priya Shah", level=2).wait_for(timeout=30_000)
    # The longest a box can be, in long words: the worst case for fitting one page.
    longest = ("Straightforward conversations, " * 17)[:500]
    for box in (
        "How I like to get information",
        "How I like to give my views",
        "How I like to get feedback",
        "How I like to give feedback",
    ):
        page.get_by_label(box).fill(longest)
    page.get_by_role("button", name="Save", exact=True).click()
    _saved(page, "Saved:")
    href = page.get_by_role("link", name="Download a page to print").get_attribute("href")
    printable = base64.b64decode(href.removeprefix("data:text/html;base64,")).decode()
    sheet = page.context.new_page()
    sheet.set_content(printable)
    assert serious_axe_violations(sheet) == []
    pdf = sheet.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    sheet.close()


def test_storytelling_recorder_by_keyboard(server: str, page) -> None:
    title = f"Told at {page.viewport_size['width']} pixels"
    _open(page, server, "storytelling-recorder.ipynb", "Storytelling recorder")
    page.get_by_label("Title of the new session").fill(title)
    for person in (
        "Dev Morgan (lived experience)",
        "Priya Shah (professional)",
        "Sam Okafor (facilitator)",
    ):
        page.get_by_label(person).check()
    page.get_by_role("button", name="Start recording").click()
    _saved(page, f"Saved: “{title}” is being recorded.")
    key = page.get_by_label("Speaker key")
    key.focus()
    page.keyboard.press("1")
    _saved(page, "Saved: turn 1, Dev Morgan.")
    page.keyboard.press("2")
    _saved(page, "Saved: turn 2, Priya Shah.")
    table = page.get_by_role("table", name="Who has spoken")
    assert table.get_by_role("rowheader", name="Dev Morgan").is_visible()
    assert page.get_by_text("Not spoken yet: Sam Okafor").is_visible()
    _checked(page, "storytelling-recorder")
    page.reload()
    page.get_by_label("Session", exact=True).wait_for(timeout=60_000)
    page.get_by_label("Session", exact=True).select_option(label=title)
    page.get_by_text("Now speaking: Priya Shah (professional), turn 2.").wait_for(timeout=30_000)
    assert page.problems == []


def test_pitch_builder(server: str, page) -> None:
    pitch = f"I am Dev. At {page.viewport_size['width']} pixels we will signpost you home."
    _open(page, server, "pitch-builder.ipynb", "Pitch builder")
    page.get_by_label("The 30-second pitch").fill(pitch)
    page.get_by_role("button", name="Check and save the 30-second pitch").click()
    # The first check of a kernel loads NLTK, the word lists and the glossary: 5 to 6 s on an
    # idle machine, over 30 s in CI with browsers beside it (the page says "Working…").
    _saved(page, "Saved and checked: the 30-second pitch.", timeout=120_000, server=server)
    assert page.get_by_text("11 words: about 5 seconds to say").is_visible()
    assert page.locator(".coprod-finding", has_text="signpost").count() == 1
    _checked(page, "pitch-builder")
    page.reload()
    page.get_by_label("The 30-second pitch").wait_for(timeout=60_000)
    assert page.get_by_label("The 30-second pitch").input_value() == pitch
    assert page.problems == []


def test_ladder_of_co_production(server: str, page) -> None:
    person = "Joan Ellis (lived experience)" if _phone(page) else "Tom Reid (professional)"
    why = f"Seen at {page.viewport_size['width']} pixels: we set the agenda together."
    _open(page, server, "Ladder-of-Co--production.ipynb", "Ladder of Co-production")
    assert page.get_by_role("img", name=re.compile("Average step on the ladder")).is_visible()
    page.get_by_label("Who is rating").select_option(label=person)
    page.locator("label", has_text="6. Co-design").click()  # as a tap on the words does
    assert page.get_by_label(re.compile(r"^6\. Co-design")).is_checked()
    page.get_by_label("Why? What shows it").fill(why)
    page.get_by_role("button", name="Save my rating").click()
    _saved(page, "Saved: step 6, Co-design.")
    _checked(page, "ladder")
    page.reload()
    page.get_by_role("table", name="Every rating, newest first").get_by_text(why).wait_for(
        timeout=60_000
    )
    assert page.problems == []


def test_follow_up(server: str, page) -> None:
    person = "Joan Ellis (lived experience)" if _phone(page) else "Tom Reid (professional)"
    _open(page, server, "Follow--up.ipynb", "Follow-up")
    page.get_by_label("Person", exact=True).select_option(label=person)
    page.get_by_role("button", name="Draft it from the record").click()
    box = page.get_by_label("Where your contribution added value")
    page.wait_for_function(
        "() => [...document.querySelectorAll('textarea')].some(t => t.value.startsWith('Dear'))",
        timeout=30_000,
    )
    draft = box.input_value()
    assert "You took part in" in draft
    page.get_by_role("button", name="Save", exact=True).click()
    _saved(page, "Saved: the summary.")
    page.get_by_label("Amount in pounds (if any)").fill("20")
    page.get_by_role("button", name="Add to the log").click()
    _saved(page, "in the log.")
    _checked(page, "follow-up")
    page.reload()
    page.get_by_label("Person", exact=True).wait_for(timeout=60_000)
    page.get_by_label("Person", exact=True).select_option(label=person)
    page.wait_for_function(
        "(draft) => [...document.querySelectorAll('textarea')].some(t => t.value === draft)",
        arg=draft,
        timeout=30_000,
    )
    # The page fills its parts one after another: wait for the log too, not only the draft.
    expect(page.get_by_text("Still to pay: £").first).to_be_visible(timeout=60_000)
    assert page.problems == []
