"""A room of 20 phones votes through the real Voilà server, with every method, in Chromium.

Totals are checked exactly against what each person cast; the facilitator opens and closes
rounds from the facilitator page; a reload keeps the ballot; every page passes axe-core.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from coprod_lab.definitions import ballots, contributions, rounds, workshops
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
WAIT = 180_000  # generous: twenty phones on a busy machine, beside other tests


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


def open_cards(
    context, server: str, cards, ready: str = "You are voting as this card", wait: int = WAIT
) -> list:
    """A phone tab for each card, all opened before any is waited for (as a room arrives),
    each ready when it shows `ready` (within `wait` milliseconds)."""
    tabs = []
    for made_card in cards:
        tab = context.new_page()
        tab.goto(f"{vote_page(server)}?ballot={made_card.token}")
        tabs.append(tab)
    for tab in tabs:
        tab.get_by_text(ready).wait_for(timeout=wait)
    return tabs


def front(tab) -> None:
    """Bring a tab to the front of its window before pressing anything on it.

    Headless Chromium draws only the front tab of a window, and Playwright's click first waits
    for the button to hold still over two drawn frames: on a tab behind the others a click
    waited 1 to 2 s for frames (measured: 18 clicks on six tabs 27.4 s, 1.8 s brought to the
    front). Nothing a person could do is skipped: the click still checks the button is shown,
    still, enabled and not covered.
    """
    tab.bring_to_front()


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


def ranked_steps(i: int) -> list[tuple[int, str]]:
    """Person i's choices in the order made: (definition, what they choose in "My order")."""
    steps = [(n, f"Choice {place}") for place, n in enumerate(ranked_order(i), 1)]
    if 1 not in ranked_order(i):  # left out on purpose: not the same as Skip
        steps.append((1, "Not in my order"))
    return steps


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
    # No reload: the facilitator page follows the room and offers the new round by itself.
    facilitator.get_by_label("Round", exact=True).select_option(label=f"Vote by {method} (draft)")
    facilitator.get_by_role("button", name="Open the vote").click()
    facilitator.get_by_text("The vote is open.").wait_for(timeout=WAIT)
    # Every page changes by itself when the round opens.
    for tab in tabs:
        tab.get_by_role("heading", name=f"Vote by {method}").wait_for(timeout=WAIT)
    for i, tab in enumerate(tabs):  # each press goes off without waiting for the others
        front(tab)
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
    if method == "ranked":
        # Each person picks their next place once their last is saved; the room picks at once.
        steps = [ranked_steps(i) for i in range(len(tabs))]
        for step in range(max(map(len, steps))):
            for tab, theirs in zip(tabs, steps, strict=True):
                if step < len(theirs):
                    card(tab, theirs[step][0]).get_by_label("My order").select_option(
                        label=theirs[step][1]
                    )
            for tab, theirs in zip(tabs, steps, strict=True):
                if step < len(theirs):
                    saved(tab, theirs[step][0], f"Saved: {theirs[step][1].lower()}.")
    # The facilitator page counts the people who voted as they vote, with no reload.
    facilitator.locator(".coprod-page").get_by_text(f"{ROOM} people voted").wait_for(timeout=WAIT)
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
            if method == "ranked":
                left_out = sum(1 not in ranked_order(i) for i in range(ROOM))
                lines = {line.candidate_id: line for line in result.lines}
                assert lines[ids[1]].counts.get("not in order") == left_out
                assert "skipped" not in lines[ids[1]].counts
            assert result.voters == ROOM
            assert result.voters_by_group["lived_experience"] == ROOM // 2
        # The projector view of the last round, from the link the facilitator page gives.
        facilitator.goto(
            facilitator.get_by_role("link", name="the results board").get_attribute("href")
        )
        facilitator.get_by_text("Vote by dots: results").wait_for(timeout=WAIT)
        assert facilitator.get_by_text(f"{ROOM} people voted").count() == 1
        save(facilitator, "results-board")
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
        # By keyboard: type the name and press Enter, as on any form.
        name.fill(f"Keyboard {width}")
        name.press("Enter")
        tab.get_by_text(f"You are voting as Keyboard {width}").wait_for(timeout=WAIT)
        made = rounds.add_round(store, workshop.id, f"Check {width}", "thumbs", actor="test")
        for text in DEFINITIONS[:2]:
            rounds.add_candidate(store, made.id, text, actor="test")
        rounds.open_round(store, made.id, actor="test")
        tab.get_by_role("heading", name=f"Check {width}").wait_for(timeout=WAIT)
        assert serious_axe_violations(tab) == [] and fits_the_screen(tab)
        save(tab, "vote")
        agree = card(tab, 0).get_by_role("button", name="Agree", exact=True)
        agree.click()
        saved(tab, 0, "Saved: agree.")
        # The choice is said to a screen reader, not only shown by a darker grey.
        tab.locator(".coprod-card [aria-pressed=true]").first.wait_for(timeout=WAIT)
        pressed = (
            card(tab, 0)
            .locator(".widget-toggle-button")
            .evaluate_all("bs => bs.map(b => b.textContent + '=' + b.getAttribute('aria-pressed'))")
        )
        assert pressed == ["Agree=true", "Unsure=false", "Disagree=false"]
        # The focus ring by keyboard: at least 2 px, dark blue (7.0:1 on a grey button).
        agree.focus()
        tab.keyboard.press("Tab")
        ring = tab.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"
        )
        assert ring[0] == "solid" and ring[1] >= 2 and ring[2] == "rgb(29, 79, 145)"
        if width == 360:
            # Joined by room code: the address is now the personal link, so a reload
            # comes back to this person and their vote, not to the join form.
            tab.wait_for_url(re.compile(r"[?&]ballot="), timeout=WAIT)
            tab.reload()
            tab.get_by_text(f"You are voting as Keyboard {width}").wait_for(timeout=WAIT)
            card(tab, 0).locator("[aria-pressed=true]", has_text="Agree").wait_for(timeout=WAIT)
        rounds.close_round(store, made.id, actor="test")
        tab.goto(f"{server}voila/render/facilitate.ipynb?key={key}")
        tab.locator(".coprod-room-code").wait_for(timeout=WAIT)
        assert serious_axe_violations(tab) == [] and fits_the_screen(tab)
        save(tab, "facilitate")
        # The board's link, the one to show on the projector, carries no facilitator key.
        board_link = tab.get_by_role("link", name="the results board").get_attribute("href")
        assert key not in board_link and "?board=" in board_link
        tab.goto(board_link)
        tab.locator(".coprod-board h1").first.wait_for(timeout=WAIT)
        assert serious_axe_violations(tab) == [] and fits_the_screen(tab)
        assert tab.locator(".coprod-board svg").count() >= 2  # drawn bars, not only a table
        if width == 360:  # the README's projector view (1280 px) is the 20-phone room's
            save(tab, "results-board")
        # Its key does not open the facilitator page.
        board_key = board_link.split("?board=")[1]
        tab.goto(f"{server}voila/render/facilitate.ipynb?key={board_key}")
        tab.get_by_text("This page needs the facilitator link").wait_for(timeout=WAIT)
        assert tab.get_by_role("button").count() == 0
        assert problems == []
    finally:
        tab.close()


# Ten phones at the words, then the sentences stage: three type slowly while seven add.
SLOW_WORDS = ("belonging", "being heard", "fairness")
SLOW_SENTENCES = (
    "We decide things together.",
    "Everyone's time is valued.",
    "We plan it as equals.",
)
QUICK_WORDS = [(f"trust {n}",) for n in range(7)]
QUICK_SENTENCES = [(f"We listen to each other, {n}.",) for n in range(7)]
KEY_EVERY = 0.12  # seconds between one slow typist's keys


@pytest.fixture(scope="module")
def typing_room(server):
    store = connect(server.db)
    project_id = list_projects(store)[0][0]
    workshop, key = workshops.create_workshop(store, project_id, "Typing room", actor="test")
    cards = ballots.make_ballots(store, workshop.id, 10, actor="test")
    yield store, workshop, key, cards
    store.engine.dispose()


def _type_while_others_add(slow, quick, label, button, slow_texts, quick_texts, facilitator):
    boxes = [tab.get_by_label(label) for tab in slow]
    for box in boxes:
        box.click()
    pending = [(tab, text) for tab, texts in zip(quick, quick_texts, strict=True) for text in texts]
    last_saved: dict[int, str] = {}
    for i in range(max(*(len(t) for t in slow_texts), len(pending))):
        for tab, text in zip(slow, slow_texts, strict=True):
            if i < len(text):
                tab.keyboard.type(text[i])
        if pending:
            tab, text = pending.pop(0)
            if id(tab) in last_saved:  # a person sees "Saved" before typing their next one
                tab.get_by_text(f"Saved: “{last_saved[id(tab)]}”.").wait_for(timeout=WAIT)
            tab.get_by_label(label).fill(text)
            tab.get_by_role("button", name=button).click()
            last_saved[id(tab)] = text
        time.sleep(KEY_EVERY)
    for tab, text in last_saved.items():
        next(t for t in quick if id(t) == tab).get_by_text(f"Saved: “{text}”.").wait_for(
            timeout=WAIT
        )
    # Every slow phone has redrawn with the others' entries, and still holds its own text
    # with the focus in its box.
    last_quick = quick_texts[-1][-1]
    for tab, box, text in zip(slow, boxes, slow_texts, strict=True):
        tab.locator(".coprod-vote li").get_by_text(last_quick).wait_for(timeout=WAIT)
        assert box.input_value() == text
        assert tab.evaluate("document.activeElement.tagName") in ("INPUT", "TEXTAREA")
    # The facilitator page shows the new entries without a reload.
    facilitator.locator(".coprod-page li").get_by_text(last_quick).wait_for(timeout=WAIT)
    for tab, box, text in zip(slow, boxes, slow_texts, strict=True):
        tab.get_by_role("button", name=button).click()
        tab.get_by_text(f"Saved: “{text}”.").wait_for(timeout=WAIT)
        assert box.input_value() == ""  # emptied by its own save, and only then


def test_ten_phones_lose_nothing_typed_while_the_room_redraws(server, browser, typing_room):
    store, workshop, key, cards = typing_room
    context = browser.new_context(viewport={"width": 360, "height": 800})
    tabs = open_cards(context, server, cards)
    slow, quick = tabs[:3], tabs[3:]
    facilitator = browser.new_page(viewport={"width": 1280, "height": 900})
    facilitator.goto(f"{server}voila/render/facilitate.ipynb?key={key}")
    facilitator.locator(".coprod-room-code").wait_for(timeout=WAIT)
    try:
        _type_while_others_add(
            slow,
            quick,
            "A word about co-production",
            "Add my word",
            SLOW_WORDS,
            QUICK_WORDS,
            facilitator,
        )
        workshops.set_stage(store, workshop.id, "sentences", actor="test")
        for tab in tabs:
            tab.get_by_role("heading", name="Build sentences").wait_for(timeout=WAIT)
        # The word box's letter count went with it; a phone that opens now sees the
        # sentence box's count before typing.
        tabs[-1].reload()
        tabs[-1].get_by_role("heading", name="Build sentences").wait_for(timeout=WAIT)
        for tab in (slow[0], tabs[-1]):
            tab.get_by_text("400 letters left (up to 400)").wait_for(timeout=WAIT)
            assert tab.get_by_text("(up to 40)", exact=False).count() == 0
        _type_while_others_add(
            slow,
            quick,
            "Your sentence",
            "Add my sentence",
            SLOW_SENTENCES,
            QUICK_SENTENCES,
            facilitator,
        )
        for kind, slow_texts, quick_texts in (
            ("word", SLOW_WORDS, QUICK_WORDS),
            ("sentence", SLOW_SENTENCES, QUICK_SENTENCES),
        ):
            stored = Counter(c.text for c in contributions.listed(store, workshop.id, kind))
            pressed = Counter([*slow_texts, *(t for texts in quick_texts for t in texts)])
            assert stored == pressed, kind  # every entry pressed, each exactly once
    finally:
        context.close()
        facilitator.close()
