"""A room of 20 phones votes through the real Voilà server, with every method, in Chromium.

Totals are checked exactly against what each person cast; the facilitator opens and closes
rounds from the facilitator page; a reload keeps the ballot; every page passes axe-core.
"""

from __future__ import annotations

import pytest

from coprod_lab.definitions import ballots, rounds, workshops
from coprod_lab.definitions.results import round_result
from coprod_lab.overview import list_projects
from coprod_lab.store import connect
from tests.e2e.test_pages import fits_the_screen, save, serious_axe_violations

ROOM = 20
DEFINITIONS = (
    "We work together as equals from the start.",
    "We share power and decisions.",
    "We listen and change things together.",
)
WAIT = 60_000


@pytest.fixture(scope="module")
def room(server):
    """A workshop with a card (personal link) for each of 20 people, on the server's store."""
    store = connect(server.db)
    project_id = list_projects(store)[0][0]
    workshop, key = workshops.create_workshop(store, project_id, "Browser room", actor="test")
    workshops.set_stage(store, workshop.id, "vote", actor="test")
    cards = ballots.make_ballots(store, workshop.id, ROOM, actor="test")
    for n, card in enumerate(cards):
        ballots.set_role(store, card.id, ("lived_experience", "professional")[n % 2])
    yield store, workshop, key, cards
    store.engine.dispose()


def vote_page(server) -> str:
    return f"{server}voila/render/vote.ipynb"


def open_cards(context, server: str, cards) -> list:
    """A phone tab for each card, all opened before any is waited for (as a room arrives)."""
    tabs = []
    for made_card in cards:
        tab = context.new_page()
        tab.goto(f"{vote_page(server)}?ballot={made_card.token}")
        tabs.append(tab)
    for tab in tabs:
        tab.get_by_text("You are voting as this card").wait_for(timeout=WAIT)
    return tabs


def card(tab, n: int):
    return tab.locator(".coprod-card").nth(n)


def saved(tab, n: int, text: str) -> None:
    card(tab, n).locator(".coprod-saved").get_by_text(text).wait_for(timeout=WAIT)


# What person i does in each method: (how to do it on their page, what it stores).
def approval_ticks(i: int) -> list[int]:
    return [int(i % 2 == 0), int(i % 3 == 0), 1]


def thumbs_choice(i: int) -> list[str]:
    return [("Agree", "Unsure", "Disagree")[i % 3], ("Agree", "Disagree")[i % 2], "Unsure"]


def ranked_order(i: int) -> list[int]:
    return [[0, 1, 2], [2, 0, 1], [1, 2, 0], [0, 2]][i % 4]


def dots_given(i: int) -> list[int]:
    return [[3, 0, 0], [1, 1, 1], [0, 2, 1], [2, 0, 0]][i % 4]


def run_round(store, workshop, method: str, tabs, facilitator) -> tuple:
    made = rounds.add_round(
        store,
        workshop.id,
        f"Vote by {method}",
        method,
        dots=3 if method == "dots" else None,
        actor="test",
    )
    ids = [rounds.add_candidate(store, made.id, t, actor="test").id for t in DEFINITIONS]
    facilitator.reload()
    facilitator.get_by_label("Round", exact=True).select_option(label=f"Vote by {method} (draft)")
    facilitator.get_by_role("button", name="Open the vote").click()
    facilitator.get_by_text("The vote is open.").wait_for(timeout=WAIT)
    # Every page changes by itself when the round opens.
    for tab in tabs:
        tab.get_by_role("heading", name=f"Vote by {method}").wait_for(timeout=WAIT)
    for i, tab in enumerate(tabs):  # each press goes off without waiting for the others
        if method == "approval":
            for n, tick in enumerate(approval_ticks(i)):
                if tick:
                    card(tab, n).get_by_role("button", name="I agree").click()
        elif method == "thumbs":
            for n, choice in enumerate(thumbs_choice(i)):
                card(tab, n).get_by_role("button", name=choice, exact=True).click()
        elif method == "dots":
            for n, how_many in enumerate(dots_given(i)):
                for _ in range(how_many):
                    card(tab, n).get_by_role("button", name="Add a dot").click()
    for i, tab in enumerate(tabs):
        if method == "approval":
            for n, tick in enumerate(approval_ticks(i)):
                if tick:
                    saved(tab, n, "Saved: you agree.")
        elif method == "thumbs":
            for n, choice in enumerate(thumbs_choice(i)):
                saved(tab, n, f"Saved: {choice.lower()}.")
        elif method == "dots":
            for n, how_many in enumerate(dots_given(i)):
                if how_many:
                    saved(tab, n, f"Saved: {how_many} dot")
        else:
            for place, n in enumerate(ranked_order(i), 1):
                card(tab, n).get_by_label("My order").select_option(label=f"Choice {place}")
                saved(tab, n, f"Saved: choice {place}.")
    facilitator.get_by_role("button", name="Close the vote").click()
    facilitator.get_by_text("The vote is closed.").wait_for(timeout=WAIT)
    for tab in tabs[:3]:
        tab.get_by_text("Voting is closed.").first.wait_for(timeout=WAIT)
    return made, ids


def test_twenty_phones_vote_with_every_method_and_nothing_is_lost(server, browser, room) -> None:
    store, workshop, key, cards = room
    context = browser.new_context(viewport={"width": 360, "height": 800})
    tabs = open_cards(context, server, cards)
    facilitator = browser.new_page(viewport={"width": 1280, "height": 900})
    facilitator.goto(f"{server}voila/render/facilitate.ipynb?key={key}")
    facilitator.locator(".coprod-room-code").wait_for(timeout=WAIT)
    try:
        for method in ("approval", "thumbs", "ranked", "dots"):
            made, ids = run_round(store, workshop, method, tabs, facilitator)
            _found, result = round_result(store, made.id)
            got = {line.candidate_id: line.score for line in result.lines}
            if method == "approval":
                want = [sum(approval_ticks(i)[n] for i in range(ROOM)) for n in range(3)]
            elif method == "thumbs":
                want = [sum(thumbs_choice(i)[n] == "Agree" for i in range(ROOM)) for n in range(3)]
            elif method == "dots":
                want = [sum(dots_given(i)[n] for i in range(ROOM)) for n in range(3)]
            else:  # Borda: first of 3 earns 2 points, second 1, third and unranked 0
                want = [
                    sum(
                        3 - (ranked_order(i).index(n) + 1) if n in ranked_order(i) else 0
                        for i in range(ROOM)
                    )
                    for n in range(3)
                ]
            assert [got[c] for c in ids] == want, method
            assert result.voters == ROOM
            assert result.voters_by_group["lived_experience"] == ROOM // 2
        # A reload opens the same ballot with its votes.
        tabs[0].reload()
        tabs[0].get_by_text("You are voting as this card").wait_for(timeout=WAIT)
        tabs[0].get_by_text("Vote by dots: results").wait_for(timeout=WAIT)
    finally:
        context.close()
        facilitator.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_every_voting_page_passes_axe_and_fits_a_phone(server, browser, room, width) -> None:
    store, workshop, key, _cards = room
    tab = browser.new_page(viewport={"width": width, "height": 800})
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        tab.goto(f"{vote_page(server)}?room={workshop.room_code}")
        name = tab.get_by_label("Your name (first name is fine)")
        name.wait_for(timeout=WAIT)
        assert serious_axe_violations(tab) == [] and fits_the_screen(tab)
        save(tab, "vote-join")
        # By keyboard: type the name, Tab to Join, Enter.
        name.fill(f"Keyboard {width}")
        name.press("Tab")
        tab.keyboard.press("Enter")
        tab.get_by_text(f"You are voting as Keyboard {width}").wait_for(timeout=WAIT)
        made = rounds.add_round(store, workshop.id, f"Check {width}", "thumbs", actor="test")
        for text in DEFINITIONS[:2]:
            rounds.add_candidate(store, made.id, text, actor="test")
        rounds.open_round(store, made.id, actor="test")
        tab.get_by_role("heading", name=f"Check {width}").wait_for(timeout=WAIT)
        assert serious_axe_violations(tab) == [] and fits_the_screen(tab)
        save(tab, "vote")
        rounds.close_round(store, made.id, actor="test")
        for page, ready in (
            (f"facilitate.ipynb?key={key}", ".coprod-room-code"),
            (f"results-board.ipynb?key={key}", ".coprod-board h1"),
        ):
            tab.goto(f"{server}voila/render/{page}")
            tab.locator(ready).first.wait_for(timeout=WAIT)
            assert serious_axe_violations(tab) == [], page
            save(tab, page.split(".")[0])
        assert problems == []
    finally:
        tab.close()
