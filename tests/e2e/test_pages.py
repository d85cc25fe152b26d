"""Every Voilà page, served by `./run`, in headless Chromium: content, keyboard, axe-core."""

from __future__ import annotations

import os
import time
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


# The boxes of every visible control and label on the page, and the pairs that intersect
# (by more than a pixel each way; a label around its own control does not count), and every
# control smaller than 24 x 24 pixels (WCAG 2.2 target size; links in sentences are exempt).
_OVERLAPS = """() => {
  const picked = [...document.querySelectorAll(
    "button, input:not([type=hidden]), select, textarea, label, a, summary, .widget-label"
  )].filter(el => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
  });
  const found = [];
  for (const el of picked) {
    const box = el.getBoundingClientRect();
    if (el.matches("button, input, select") && (box.width < 23.5 || box.height < 23.5)) {
      found.push(`${el.tagName.toLowerCase()} ${el.type || ""} is ${Math.round(box.width)} x `
        + `${Math.round(box.height)} pixels`);
    }
  }
  for (let i = 0; i < picked.length; i++) {
    const a = picked[i].getBoundingClientRect();
    for (let j = i + 1; j < picked.length; j++) {
      if (picked[i].contains(picked[j]) || picked[j].contains(picked[i])) continue;
      const b = picked[j].getBoundingClientRect();
      const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const tall = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (wide > 1 && tall > 1) {
        const name = el => `${el.tagName.toLowerCase()} "${(el.innerText || el.value || "")
          .trim().slice(0, 40)}"`;
        found.push(`${name(picked[i])} overlaps ${name(picked[j])}`);
      }
    }
  }
  return found;
}"""


def overlapping(tab) -> list[str]:
    """Pairs of visible controls and labels whose boxes intersect (a tap could hit either),
    and controls too small to tap."""
    return tab.evaluate(_OVERLAPS)


def fits_the_screen(tab) -> bool:
    """No sideways scrolling, and no two controls or labels drawn over each other."""
    problems = overlapping(tab)
    assert problems == [], problems
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def save(tab, name: str) -> None:
    if SCREENSHOTS:
        size = tab.viewport_size
        # Voilà scrolls the page inside #rendered_cells, which a full-page screenshot does not
        # see; a window as tall as the page shows all of it (up to 3,000 pixels).
        height = tab.evaluate(
            "Math.max(document.documentElement.scrollHeight,"
            " document.getElementById('rendered_cells')?.scrollHeight || 0)"
        )
        tab.set_viewport_size({"width": size["width"], "height": min(height, 3000)})
        tab.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-{size['width']}px.png"))
        tab.set_viewport_size(size)


def test_the_run_command_serves_a_page_naming_the_demo_project(server: str) -> None:
    with urllib.request.urlopen(server + "voila/render/project-overview.ipynb") as answer:
        html = answer.read().decode()
    assert "Leaving hospital well" in html
    assert "Traceback" not in html


def test_the_landing_page_lists_the_pages_and_works_by_keyboard(server: str, page) -> None:
    page.goto(server)
    assert page.get_by_role("heading", level=1).inner_text() == "Co-production lab: pages"
    link = page.get_by_role("link", name="Project overview")
    assert link.is_visible()
    assert serious_axe_violations(page) == []
    assert fits_the_screen(page)
    save(page, "landing")
    names = page.get_by_role("link").all_inner_texts()
    assert names == sorted(names, key=str.lower)  # in alphabetical order, whatever the case
    assert {"Plain English", "Ladder of Co-production", "Follow-up", "One-page profile"} <= set(
        names
    )  # capitals and hyphens kept from the file names
    for name in names[: names.index("Project overview") + 1]:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == name
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


# The focused control's outline: style, width and colour.
_RING = """(() => {
  const s = getComputedStyle(document.activeElement);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor];
})()"""


def test_the_plain_english_page_marks_words_by_keyboard(server: str, page) -> None:
    page.goto(server + "voila/render/plain-English.ipynb")
    page.get_by_role("heading", name="Plain English check", level=1).wait_for(timeout=60_000)
    box = page.get_by_label("Text to check")
    box.focus()
    # Text boxes and dropdowns show the house ring, not only a 1 px light-blue border.
    assert page.evaluate(_RING) == ["solid", "3px", "rgb(29, 79, 145)"]
    page.keyboard.type("We will signpost you to the PCN next week.")
    page.keyboard.press("Tab")  # to "Load a file"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Check the text"
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="What we found").wait_for(timeout=30_000)
    # "Checking the text…" first, then the result, then this line.
    page.get_by_role("status").filter(has_text="Checked 9 words.").wait_for(timeout=30_000)
    assert page.get_by_role("status").filter(has_text="Checked 9 words.").count() == 1
    marked = page.locator(".coprod-finding", has_text="signpost")
    assert marked.locator("u").inner_text() == "signpost"
    assert "(jargon: try" in marked.inner_text()  # said in words, not only shown in colour
    assert serious_axe_violations(page) == []
    assert fits_the_screen(page)
    assert page.problems == []
    save(page, "plain-english")


def test_a_word_added_to_the_glossary_is_kept_after_a_reload(server: str, page) -> None:
    url = server + "voila/render/plain-English.ipynb"
    word = {360: "huddle", 1280: "scrum"}[page.viewport_size["width"]]  # one per run
    page.goto(url)
    page.get_by_role("heading", name="Plain English check", level=1).wait_for(timeout=60_000)
    page.get_by_label("Word or phrase").fill(word)
    page.get_by_label("Easier words, or what it means").fill("a short team meeting")
    page.get_by_label("What to do").select_option(label="Keep the word and explain it")
    page.get_by_label("Kind").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # back to the dropdown by keyboard: it shows the ring too
    assert page.evaluate(_RING) == ["solid", "3px", "rgb(29, 79, 145)"]
    if page.viewport_size["width"] == 360:
        page.set_viewport_size({"width": 360, "height": 740})  # the phone a new user tried
    add = page.get_by_role("button", name="Add to the glossary")
    add.click()
    said = page.get_by_role("status").filter(
        has_text=f"Saved: “{word}” is in the glossary of Leaving hospital well."
    )
    said.wait_for(timeout=30_000)
    # The message is on the screen, below or beside the button (it was 120 px above the top).
    button, message = add.bounding_box(), said.bounding_box()
    assert message["y"] >= 0 and message["y"] + message["height"] <= page.viewport_size["height"]
    assert message["y"] >= button["y"], (button, message)
    page.reload()
    page.get_by_label("Text to check").wait_for(timeout=60_000)
    page.get_by_label("Text to check").fill(f"A {word} at nine.")
    page.get_by_role("button", name="Check the text").click()
    marked = page.locator(".coprod-finding", has_text=word)
    marked.wait_for(timeout=30_000)
    assert "(explain: a short team meeting)" in marked.inner_text()  # kept, and explained
    assert page.problems == []


def test_leaving_a_page_shuts_its_kernel_down(server: str, page) -> None:
    # A room of phones opens and closes many pages: each must give its kernel back, even
    # when the person came straight to the page by a link (no landing page first).
    page.goto(server + "voila/render/project-overview.ipynb")
    page.get_by_role("heading", name="Leaving hospital well", level=1).wait_for(timeout=60_000)
    kernel = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    page.goto(server)
    deadline = time.monotonic() + 30
    while f"Kernel shutdown: {kernel}" not in server.log.read_text():
        assert time.monotonic() < deadline, "the kernel was not shut down"
        time.sleep(0.2)
    assert "_xsrf' argument missing" not in server.log.read_text()
    assert page.problems == []


def test_a_page_sent_without_its_widget_says_so_and_fetches_itself_again(server, browser) -> None:
    # A server far behind can send a page without its widget (Voilà stops waiting for it):
    # the person must not be left on an empty page. Here the page is sent as such a server
    # sends it: the real page, less its widget.
    import re

    context = browser.new_context(viewport={"width": 360, "height": 780})
    tab = context.new_page()
    address = server + "voila/render/project-overview.ipynb"
    sent: list[str] = []

    def without_its_widget(route) -> None:
        if not sent:
            sent.append(route.fetch(timeout=120_000).text())
        else:
            sent.append(sent[0])  # the same page again, without starting another kernel
        body = re.sub(
            r'<script type="application/vnd\.voila\.cell-output\+json">'
            r"(?:(?!</script>).)*?widget-view\+json.*?</script>",
            "",
            sent[0],
            flags=re.S,
        )
        assert body != sent[0]  # the widget really was taken out
        route.fulfill(status=200, content_type="text/html", body=body)

    try:
        tab.route(address, without_its_widget)
        tab.goto(address, timeout=120_000)
        alert = tab.get_by_role("alert").filter(has_text="This page did not arrive whole")
        alert.wait_for(timeout=30_000)
        assert "being fetched again" in alert.inner_text()
        # It fetches itself twice, then offers a button rather than reload for ever.
        tab.get_by_role("button", name="Try again").wait_for(timeout=60_000)
        assert len(sent) == 3
        assert "Please wait a minute" in alert.inner_text()
        assert serious_axe_violations(tab) == []
        # A page that arrives whole clears the count: the next empty one is fetched again.
        tab.unroute(address)
        tab.get_by_role("button", name="Try again").click()
        tab.get_by_role("heading", name="Leaving hospital well", level=1).wait_for(timeout=120_000)
        assert tab.get_by_text("did not arrive whole").count() == 0
        assert tab.evaluate("sessionStorage.length") == 0
    finally:
        context.close()
