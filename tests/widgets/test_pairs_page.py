"""The collaborative pair page without a browser: set values, press buttons, read the store."""

from __future__ import annotations

import datetime as dt

from coprod_lab.sessions import pairs as p
from coprod_lab.widgets.pairs import PairMeetings
from tests.sessions.people import START, demo_people


def _page(store) -> PairMeetings:
    return PairMeetings(store, clock=lambda: START)


def _make_pair(page: PairMeetings, people: dict[str, int]) -> None:
    page.new_name.value = "Dev and Priya"
    page.new_lived.value = people["Dev"]
    page.new_professional.value = people["Priya"]
    page.make.click()


def test_making_a_pair_then_walking_a_meeting(store) -> None:
    project_id, people = demo_people(store)
    page = _page(store)
    assert page.status.startswith("There are no pairs in this project yet")
    assert page._work.layout.display == "none"
    _make_pair(page, people)
    assert page.status == "Saved: the pair “Dev and Priya” is made."
    [pair] = p.list_pairs(store, project_id)
    assert page.pair_id == pair.id and page.pair.value == pair.id
    assert "Meetings finished: 0 of 4." in page.progress_view.value

    page.step.value = "background"
    page.author.value = "Dev Morgan"
    page.note.value = "Dev has been in hospital three times."
    page.save_note.click()
    assert page.status == "Saved: the note on “Our backgrounds”."
    assert page.note.value == ""
    [note] = p.notes(store, pair.id)
    assert (note.text, note.author, note.written_on) == (
        "Dev has been in hospital three times.",
        "Dev Morgan",
        START.date(),
    )
    assert "<strong>Done:</strong> Our backgrounds" in page.progress_view.value
    assert "(1 of 3 done)" in page.progress_view.value
    assert "Dev has been in hospital three times." in page.history.value


def test_the_feedback_step_starts_from_the_template(store) -> None:
    _, people = demo_people(store)
    page = _page(store)
    _make_pair(page, people)
    page.step.value = "feedback_template"
    assert page.note.value == p.FEEDBACK_TEMPLATE


def test_the_action_plan_is_kept_and_ticked_off(store) -> None:
    _, people = demo_people(store)
    page = _page(store)
    _make_pair(page, people)
    page.action.value = "Join the discharge group"
    page.who.value = "Both of us"
    page.by_when.value = dt.date(2026, 12, 1)
    page.add_action.click()
    assert page.status == "Saved: the action is in the plan."
    [action] = p.actions(store, page.pair_id)
    assert (action.action, action.who, action.by_when) == (
        "Join the discharge group",
        "Both of us",
        dt.date(2026, 12, 1),
    )
    assert "Meeting 4: Action plan (1 of 1 done)" in page.progress_view.value
    page.to_tick.value = action.id
    page.tick.click()
    assert p.actions(store, page.pair_id)[0].done_on == START.date()
    assert page.to_tick.layout.display == "none"  # nothing left to tick


def test_a_reload_shows_what_was_saved(store) -> None:
    _, people = demo_people(store)
    page = _page(store)
    _make_pair(page, people)
    page.step.value = "why_here"
    page.note.value = "To make going home safer."
    page.save_note.click()
    again = _page(store)
    assert again.pair.value == page.pair_id
    # The author chosen by default is the first of the pair: the lived-experience partner.
    assert "Why we are here (last note by Dev Morgan, 3 November 2026)" in (
        again.progress_view.value
    )
    again.step.value = "why_here"
    assert "To make going home safer." in again.history.value


def test_bad_input_says_why_and_saves_nothing(store) -> None:
    _, people = demo_people(store)
    page = _page(store)
    page.save_note.click()
    assert page.status == "Make a pair first."
    page.new_lived.value = people["Dev"]
    page.new_professional.value = people["Priya"]
    page.make.click()  # no name
    assert page.status.startswith("Give the pair a name")
    _make_pair(page, people)
    page.note.value = "   "
    page.save_note.click()
    assert page.status.startswith("The note is empty")
    page.written_on.value = None
    page.note.value = "x"
    page.save_note.click()
    assert page.status == "Choose the date of the meeting."
    assert p.notes(store, page.pair_id) == []


def test_a_refresh_keeps_the_pair_chosen_and_shows_it_once(store, monkeypatch) -> None:
    _, people = demo_people(store)
    page = _page(store)
    _make_pair(page, people)  # "Dev and Priya"
    page.new_name.value = "Joan and Tom"
    page.new_lived.value = people["Joan"]
    page.new_professional.value = people["Tom"]
    page.make.click()
    first = page.pair.options[1][1]  # not the first listed, which a refill would fall back to
    page.pair.value = first
    assert page.pair_id == first
    shown = []
    progress = p.progress
    monkeypatch.setattr(
        p, "progress", lambda store, pair_id: shown.append(pair_id) or progress(store, pair_id)
    )
    page.refresh()
    assert page.pair.value == page.pair_id == first
    assert shown == [first]  # filling the chooser does not show the pair a second time
