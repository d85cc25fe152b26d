"""The phone pages say what "lived experience" and "co-production" mean where they first use
them, for people who have not met the terms (found by a new user)."""

from __future__ import annotations

import re
from html import unescape

import ipywidgets as widgets

from coprod_lab.activities import quiz
from coprod_lab.definitions import workshops
from coprod_lab.widgets.meanings import CO_PRODUCTION, LIVED_EXPERIENCE
from coprod_lab.widgets.vote import VotingPage
from tests.widgets.messages import every_widget, press, send_state


def _text(page: widgets.Widget) -> str:
    """What the page shows, in order: its words, field labels and choices."""
    parts = []
    for w in every_widget(page):
        if isinstance(w, widgets.HTML):
            parts.append(unescape(re.sub(r"<[^>]+>", " ", w.value)))
        elif getattr(w, "description", ""):
            parts.append(w.description)
        if isinstance(w, widgets.RadioButtons):
            parts += [label for label, _value in w.options]
    return " ".join(" ".join(parts).split())


def _explained_at_first_use(text: str, term: str, meaning: str) -> None:
    first = text.lower().find(term)
    assert first >= 0, term
    assert meaning in text[first : first + len(term) + 60 + len(meaning)], text[first:][:300]


def _joined(store, activity: str) -> tuple[VotingPage, workshops.Workshop]:
    project_id, _made = workshops.project_for_workshop(store, None, actor="t")
    room, _key = workshops.create_workshop(
        store, project_id, activity, activity=activity, actor="t"
    )
    if activity == "quiz":
        quiz.add_starter_set(store, room.id, actor="t")
        first = quiz.situations_in(store, room.id)[0]
        quiz.open_for_answers(store, first.id, actor="t")
    page = VotingPage(store, {"room": room.room_code}, watch=False)
    send_state(page.name, value="Sam")
    press(page.join)
    return page, room


def test_the_voting_page_explains_both_terms_at_first_use(sqlite_store) -> None:
    page, _room = _joined(sqlite_store, "definitions")  # the first stage: adding words
    text = _text(page)
    _explained_at_first_use(text, "lived experience", f"({LIVED_EXPERIENCE})")
    _explained_at_first_use(text, "co-production", CO_PRODUCTION)


def test_the_quiz_phone_explains_both_terms_at_first_use(sqlite_store) -> None:
    page, _room = _joined(sqlite_store, "quiz")
    page.check_for_changes()
    text = _text(page)
    assert "Situation 1: is it co-production?" in text
    _explained_at_first_use(text, "lived experience", f"({LIVED_EXPERIENCE})")
    _explained_at_first_use(text, "co-production", CO_PRODUCTION)
