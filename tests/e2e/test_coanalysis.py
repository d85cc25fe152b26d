"""Co-analysis through the real Voilà server, in Chromium: the demo's co-analysis page and the
comparison page pass axe-core and fit a phone; then three co-analysts on three phones code the
same session at once (words picked out by keyboard on one, by touch on another) while a
researcher codes in the store, and the comparison page shows the kappa and alpha worked out
by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from coprod_lab.coanalysis import invitations, opening
from coprod_lab.coanalysis.turns import shared_turns
from coprod_lab.coanalysis.work import turn_state
from coprod_lab.coding.passages import code_passage
from coprod_lab.overview import list_projects
from coprod_lab.store import connect
from coprod_lab.store.schema import sessions
from tests.e2e.test_pages import fits_the_screen, save, serious_axe_violations

pytestmark = pytest.mark.e2e
WAIT = 60_000
# A page is sent once its kernel has run it: on a machine shared with other work that can take
# longer than the default 30 s (a quiet machine: about 1 s of CPU).
LOAD = 120_000
SESSION = "Storytelling: waiting for a care package"


@pytest.fixture(scope="module")
def project(server):
    store = connect(server.db)
    project_id = list_projects(store)[0][0]
    ash = next(c for c in invitations.coanalysts_in(store, project_id) if c.name == "Ash")
    yield store, project_id, ash
    store.engine.dispose()


def page_of(server: str, name: str, token: str) -> str:
    return f"{server}voila/render/{name}.ipynb?coanalyst={token}"


def test_the_demo_coanalysis_pages_pass_axe_and_fit_the_screen(server, browser, project):
    # The coding page on a phone, the comparison on a laptop (as the README shows them); the
    # three-phone test below checks the comparison's table on a laptop too.
    _store, _project_id, ash = project
    tab = browser.new_page(viewport={"width": 360, "height": 800}, has_touch=True)
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        tab.goto(page_of(server, "co--analysis-coding", ash.token), timeout=LOAD)
        tab.get_by_role("heading", name="Storytelling: the day I went home").wait_for(timeout=WAIT)
        tab.get_by_text("of 19 turns done").wait_for(timeout=WAIT)
        assert tab.get_by_text("Dev Morgan").count() == 0  # made-up names only
        tab.get_by_role("checkbox", name="Pick out the words that matter").check()
        tab.locator(".coprod-word").first.wait_for(timeout=WAIT)
        assert serious_axe_violations(tab) == [] and fits_the_screen(tab)
        save(tab, "co-analysis")
        tab.set_viewport_size({"width": 1280, "height": 800})
        tab.goto(page_of(server, "co--analysis-together", ash.token), timeout=LOAD)
        tab.get_by_role("heading", name="Turns to talk about").wait_for(timeout=WAIT)
        assert tab.get_by_text("Bea read this differently").is_visible()
        assert serious_axe_violations(tab) == [] and fits_the_screen(tab)
        save(tab, "co-analysis-together")
        tab.set_viewport_size({"width": 360, "height": 800})
        assert serious_axe_violations(tab) == [] and fits_the_screen(tab)
        tab.goto(page_of(server, "co--analysis-coding", "not-a-token"), timeout=LOAD)
        tab.get_by_text("This link did not work").wait_for(timeout=WAIT)
        assert tab.get_by_role("button").count() == 0
        assert problems == []
    finally:
        tab.close()


def test_three_phones_and_a_researcher_code_one_session_at_once(server, browser, project):
    store, project_id, _ash = project
    with store.read() as db:
        session_id = db.scalar(
            sessions.select()
            .with_only_columns(sessions.c.id)
            .where(sessions.c.project_id == project_id, sessions.c.title == SESSION)
        )
    # Only this session open, so the comparison covers it alone.
    for open_id, _title in opening.open_sessions(store, project_id):
        opening.close_coanalysis(store, open_id, actor="test")
    # (The name recogniser is checked in tests/coanalysis; loading it here adds seconds.)
    opening.open_for_coanalysis(store, session_id, actor="test", look_for_names=False)
    cy, dee, eli = invitations.invite(store, project_id, ["Cy", "Dee", "Eli"], actor="test")
    turns = shared_turns(store, project_id, session_id)
    assert len(turns) == 8  # Joan did not agree to sharing: only Sam's and Tom's turns
    phones = [
        browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True)
        for _ in range(3)
    ]
    try:
        tabs = [p.new_page() for p in phones]
        for tab, who in zip(tabs, (cy, dee, eli), strict=True):  # all arrive, then all wait
            tab.goto(page_of(server, "co--analysis-coding", who.token), timeout=LOAD)
        for tab in tabs:
            tab.get_by_text("0 of 8 turns done").wait_for(timeout=WAIT)
        first = turns[0]
        # The researcher codes in the notebook meanwhile (the coding core).
        for turn in turns[:2]:
            code_passage(store, project_id, turn.utterance_id, "Told too late", coder="Researcher")
        cy_tab, dee_tab, eli_tab = tabs
        # Cy, by keyboard only: Space on the code, then on two words, then Enter to save.
        cy_tab.get_by_role("checkbox", name="Told too late").focus()
        cy_tab.keyboard.press("Space")
        cy_tab.get_by_text("Saved: Told too late added.").wait_for(timeout=WAIT)
        cy_tab.get_by_role("checkbox", name="Pick out the words that matter").focus()
        cy_tab.keyboard.press("Space")
        cy_tab.locator(".coprod-word").first.wait_for(timeout=WAIT)
        cy_tab.keyboard.press("Tab")
        cy_tab.keyboard.press("Space")  # "Welcome"
        cy_tab.keyboard.press("Tab")
        cy_tab.keyboard.press("Space")  # "back,"
        why = cy_tab.get_by_label("Why do these words matter? (one sentence)")
        why.focus()
        cy_tab.keyboard.type("A warm start matters.")
        cy_tab.keyboard.press("Tab")  # leaving the field sends it; the button has the focus
        cy_tab.keyboard.press("Enter")
        cy_tab.get_by_text("Saved: “Welcome back,”.").wait_for(timeout=WAIT)
        # Dee, by touch: taps on the code and on two words.
        dee_tab.locator("label", has_text="Told too late").tap()
        dee_tab.get_by_text("Saved: Told too late added.").wait_for(timeout=WAIT)
        dee_tab.locator("label", has_text="Pick out the words that matter").tap()
        words = dee_tab.locator(".coprod-word label:has(input)")
        words.nth(0).wait_for(timeout=WAIT)
        words.nth(0).tap()
        words.nth(1).tap()
        dee_tab.get_by_role("button", name="Save these words").tap()
        dee_tab.get_by_text("Saved: “Welcome back,”.").wait_for(timeout=WAIT)
        # Dee types a new code, taps Next turn before saving it, and comes back: it waits there.
        dee_tab.get_by_label("A new code, in your own words").fill("Left out")
        dee_tab.get_by_role("button", name="Next turn").tap()
        dee_tab.get_by_text("You have words not saved yet on turn 1.").wait_for(timeout=WAIT)
        dee_tab.get_by_role("button", name="Back").tap()
        dee_tab.get_by_text("The words you wrote here before are back.").wait_for(timeout=WAIT)
        assert dee_tab.get_by_label("A new code, in your own words").input_value() == "Left out"
        # Eli: two codes, and "I read this differently" with a note.
        for name in ("Told too late", "Things at home"):
            eli_tab.get_by_role("checkbox", name=name).check()
            eli_tab.get_by_text(f"Saved: {name} added.").wait_for(timeout=WAIT)
        eli_tab.get_by_label("How do you read it? (you can leave this empty)").fill(
            "Tired, not cross."
        )
        eli_tab.get_by_role("button", name="I read this differently").click()
        eli_tab.get_by_text("Saved: you read this differently").wait_for(timeout=WAIT)
        # Cy goes on to the next turn and codes it too.
        cy_tab.get_by_role("button", name="Next turn").click()
        cy_tab.get_by_text("Turn 2 of 8").wait_for(timeout=WAIT)
        # Once the page reads "Turn 2", its ticks are turn 2's (not turn 1's, still ticked).
        assert not cy_tab.get_by_role("checkbox", name="Told too late").is_checked()
        cy_tab.get_by_role("checkbox", name="Told too late").check()
        cy_tab.get_by_text("Saved: Told too late added.").wait_for(timeout=WAIT)
        # Stored as the pages said, with the words' characters mapped to the stored text.
        for who, picked in ((cy, "Welcome back,"), (dee, "Welcome back,"), (eli, None)):
            state = turn_state(store, who, first)
            assert "Told too late" in state.codes
            shown = [first.text[s["start"] : s["end"]] for s in state.selections]
            assert shown == ([picked] if picked else [])
        # A reload comes back where Cy stopped: turn 3, two turns done.
        cy_tab.reload(timeout=LOAD)
        cy_tab.get_by_text("Turn 3 of 8 · 2 of 8 turns done").wait_for(timeout=WAIT)

        # The comparison, on the researcher's laptop, against figures worked out by hand.
        # "Told too late" over the 8 shared turns: Cy and the researcher gave turns 1 and 2,
        # Dee and Eli turn 1. Cy & Dee: agree on 7 of 8; chance 2/8*1/8 + 6/8*7/8.
        chance = Fraction(2, 8) * Fraction(1, 8) + Fraction(6, 8) * Fraction(7, 8)
        kappa = (Fraction(7, 8) - chance) / (1 - chance)
        # Group of four: 32 values, six 1s, 26 0s; only turn 2 mixes (two 1s of four), adding
        # 2*2*2/(4-1) to o01 + o10: alpha = 1 - 31 * (8/3) / (2 * 6 * 26).
        alpha = 1 - 31 * Fraction(8, 3) / (2 * 6 * 26)
        laptop = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            laptop.goto(page_of(server, "co--analysis-together", cy.token), timeout=LOAD)
            laptop.get_by_role("heading", name="How much we agree").wait_for(timeout=WAIT)
            table = laptop.get_by_role("table").last
            row = (
                table.get_by_role("row")
                .filter(has_text="Told too late")
                .filter(has_text="Cy & Dee")
            )
            assert row.get_by_role("cell").last.inner_text() == f"{float(kappa):.2f}"
            group = (
                table.get_by_role("row")
                .filter(has_text="Told too late")
                .filter(has_text="Everyone")
            )
            assert group.get_by_role("cell").last.inner_text() == f"{float(alpha):.2f}"
            talk = laptop.locator(".coprod-discuss li").first
            assert "Eli read this differently: Tired, not cross\n" in talk.inner_text() + "\n"
            assert serious_axe_violations(laptop) == [] and fits_the_screen(laptop)
        finally:
            laptop.close()
    finally:
        for p in phones:
            p.close()
