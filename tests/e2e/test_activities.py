"""The room activities (issue 24) through the real Voilà server, eight phones at once.

"Is it co-production?": eight phones answer the situation the facilitator opens from the
facilitator page; the store holds exactly what was pressed, by role. Questions for a panel:
eight phones send real comments (NHS Friends and Family Test, ../shared/corpus) as questions
and say which others they want asked; support is counted exactly. A press that arrives after
a situation closed, or on a question just hidden, stores nothing. Every page passes axe-core
at 360 and 1,280 pixels.
"""

from __future__ import annotations

import contextlib
from collections import Counter

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import func, select

from coprod_lab.activities import questions, quiz
from coprod_lab.definitions import ballots, workshops
from coprod_lab.overview import list_projects
from coprod_lab.store import connect
from coprod_lab.store.schema import question_support, quiz_answers
from tests.activities.test_questions import real_comments
from tests.e2e.test_pages import fits_the_screen, save, serious_axe_violations
from tests.e2e.test_voting import front, open_cards

pytestmark = pytest.mark.e2e

PHONES = 8
WAIT = 180_000  # generous: the shared test machine can be very busy
ROLES = ("lived_experience", "professional")
ANSWERS = ("Yes", "No", "It depends")


def stored(store, table, workshop_id: int) -> int:
    """Rows of `table` in one room (the server's store also holds the demo's rooms)."""
    with store.read() as db:
        return db.scalar(
            select(func.count()).select_from(table).where(table.c.workshop_id == workshop_id)
        )


def a_room(server, activity: str, title: str, cards: int = PHONES):
    store = connect(server.db)
    project_id = list_projects(store)[0][0]
    room, key = workshops.create_workshop(store, project_id, title, activity=activity, actor="t")
    if activity == "quiz":
        quiz.add_starter_set(store, room.id, actor="t")
    made = ballots.make_ballots(store, room.id, cards, actor="t") if cards else []
    for n, card in enumerate(made):
        ballots.set_role(store, card.id, ROLES[n % 2])
    return store, room, key, made


def facilitator_tab(browser, server, key):
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(f"{server}voila/render/facilitate.ipynb?key={key}", timeout=WAIT)
    tab.locator(".coprod-room-code").wait_for(timeout=WAIT)
    return tab


def board_tab(browser, facilitator):
    link = facilitator.get_by_role("link", name="the board").get_attribute("href")
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(link, timeout=WAIT)
    tab.locator(".coprod-board h1").first.wait_for(timeout=WAIT)
    return tab


def passes_axe_at_both_widths(*tabs) -> None:
    """Each page passes axe-core and fits the screen at 360 and 1,280 pixels (the same page
    made narrower or wider: no new page to load)."""
    for tab in tabs:
        before = tab.viewport_size
        for width in (360, 1280):
            tab.set_viewport_size({"width": width, "height": 800})
            assert serious_axe_violations(tab) == [], tab.url
            assert fits_the_screen(tab), tab.url
        tab.set_viewport_size(before)


def answer_of(i: int) -> tuple[str, str]:
    """What phone i presses, and the reason it types (every third types none)."""
    why = ("They asked, so it is a start.", "", "It depends whether the plan can change.")
    return ANSWERS[i % 3], f"Person {i + 1}: {why[i % 3]}" if why[i % 3] else ""


def test_eight_phones_answer_the_quiz_and_the_board_shows_it_by_role(server, browser) -> None:
    store, room, key, cards = a_room(server, "quiz", "Quiz in the browser")
    first = quiz.situations_in(store, room.id)[0]
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.set_default_navigation_timeout(WAIT)
    facilitator = facilitator_tab(browser, server, key)
    try:
        tabs = open_cards(context, server, cards, "You are taking part as this card", WAIT)
        facilitator.get_by_role("button", name="Open for answers").click()
        facilitator.get_by_text("Open: people can answer now.").wait_for(timeout=WAIT)
        for tab in tabs:  # every phone shows it by itself
            tab.get_by_text(first.text).wait_for(timeout=WAIT)
        for i, tab in enumerate(tabs):
            front(tab)
            choice, reason = answer_of(i)
            tab.get_by_role("button", name=choice, exact=True).click()
            if reason:
                tab.get_by_label("Why?").fill(reason)
            tab.get_by_role("button", name="Send my answer").click()
        for i, tab in enumerate(tabs):
            tab.get_by_text(f"Saved: {answer_of(i)[0].lower()}.").wait_for(timeout=WAIT)
        found = quiz.tally(store, first.id)
        words = {w: k for k, w in quiz.ANSWER_WORDS.items()}
        pressed: dict[str, Counter] = {}
        for i in range(PHONES):
            pressed.setdefault(ROLES[i % 2], Counter())[words[answer_of(i)[0]]] += 1
        assert found.by_role == pressed
        reasons = sorted(r for i in range(PHONES) if (r := answer_of(i)[1]))
        assert sorted(r for said in found.reasons.values() for _role, r in said) == reasons
        board = board_tab(browser, facilitator)
        board.get_by_text(f"{PHONES} people have answered.").wait_for(timeout=WAIT)
        for reason in reasons:
            assert board.get_by_text(reason).count() == 1
        passes_axe_at_both_widths(tabs[0], facilitator, board)
        save(tabs[0], "quiz-phone")
        save(facilitator, "quiz-facilitate")
        facilitator.get_by_role("button", name="Close answers").click()
        facilitator.get_by_text("Closed. Talk it through").wait_for(timeout=WAIT)
        # A press that arrives after the close (sent to the button, shown or not) stores
        # nothing: the kernel and the database both refuse it.
        # Hidden once the phone has redrawn, so found among hidden elements too.
        tabs[0].get_by_role("button", name="Send my answer", include_hidden=True).dispatch_event(
            "click"
        )
        tabs[0].get_by_text("Wait for the next situation").wait_for(timeout=WAIT)
        assert stored(store, quiz_answers, room.id) == PHONES
        assert quiz.my_answer(store, cards[0].id, first.id).answer == words[answer_of(0)[0]]
        facilitator.get_by_label("Where the room placed it").select_option(label="4. Consultation")
        facilitator.get_by_role("button", name="Place it on this rung").click()
        board.get_by_text("The room placed it on Rung 4: Consultation.").wait_for(timeout=WAIT)
        save(board, "quiz-board")
    finally:
        context.close()
        facilitator.close()


def wanted_by(i: int) -> list[int]:
    """The other phones' questions phone i wants asked too."""
    return [j for j in range(PHONES) if j != i and (i + j) % 3 == 0]


def test_eight_phones_ask_and_support_questions_counted_exactly(server, browser) -> None:
    store, room, key, cards = a_room(server, "questions", "Questions in the browser")
    texts = [t for t in real_comments(40) if len(" ".join(t.split())) <= 200][:PHONES]
    texts = [" ".join(t.split()) for t in texts]
    assert len(set(texts)) == PHONES
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.set_default_navigation_timeout(WAIT)
    facilitator = facilitator_tab(browser, server, key)
    try:
        tabs = open_cards(context, server, cards, "You are taking part as this card", WAIT)
        for i, tab in enumerate(tabs):
            front(tab)
            tab.get_by_label("Your question").fill(texts[i])
            if i % 2:
                tab.get_by_label("Show my name with it").check()
            tab.get_by_role("button", name="Send my question").click()
        for tab in tabs:
            tab.get_by_text("Saved: your question is in").wait_for(timeout=WAIT)
        for tab in tabs:  # every phone lists every question by itself
            tab.locator(".coprod-card").nth(PHONES - 1).wait_for(timeout=WAIT)
        for i, tab in enumerate(tabs):
            front(tab)
            for j in wanted_by(i):
                tab.locator(".coprod-card", has_text=texts[j]).get_by_role(
                    "button", name="I want this asked too"
                ).click()
        for i, tab in enumerate(tabs):  # each button now says it is saved (after the commit)
            for j in wanted_by(i):
                tab.locator(".coprod-card", has_text=texts[j]).get_by_role(
                    "button", name="You want this asked"
                ).wait_for(timeout=WAIT)
        support = {q.text: q.support for q in questions.questions_in(store, room.id)}
        want = {texts[j]: 1 + sum(j in wanted_by(i) for i in range(PHONES)) for j in range(PHONES)}
        assert support == want
        # Cards carry no name, so a question sent "with my name" from a card shows the role.
        listed = questions.questions_in(store, room.id)
        assert all(q.asked_by is None for q in listed)
        # The facilitator sees them by support and marks the top one as being answered.
        top = listed[0].text
        assert want[top] == max(want.values())
        facilitator.locator(".coprod-page li").first.get_by_text(top).wait_for(timeout=WAIT)
        board = board_tab(browser, facilitator)
        facilitator.get_by_label("Question", exact=True).select_option(index=0)
        facilitator.get_by_role("button", name="Being answered now").click()
        board.locator(".coprod-now").get_by_text(top).wait_for(timeout=WAIT)
        tabs[0].locator(".coprod-now").get_by_text(top).wait_for(timeout=WAIT)
        # Hide the last question; a press on it that arrives after stores nothing.
        last = texts[PHONES - 1]
        hidden = next(q for q in questions.questions_in(store, room.id) if q.text == last)
        before = stored(store, question_support, room.id)
        questions.hide(store, hidden.id, "It shares someone's private details.", actor="t")
        cards_of = tabs[0].locator(".coprod-card", has_text=last)
        # Pressed if the phone has not redrawn yet (the widget tests send it every time); if
        # it redrew first, the card and its button are gone and there is nothing to press.
        with contextlib.suppress(PlaywrightTimeout):
            cards_of.get_by_role("button").dispatch_event("click", timeout=2_000)
        tabs[0].get_by_text("A question was hidden: It shares someone's").wait_for(timeout=WAIT)
        board.get_by_text("A question was hidden: It shares someone's").wait_for(timeout=WAIT)
        assert stored(store, question_support, room.id) == before
        passes_axe_at_both_widths(tabs[0], facilitator, board)
        save(board, "questions-board")
        save(tabs[0], "questions-phone")
        save(facilitator, "questions-facilitate")
    finally:
        context.close()
        facilitator.close()
