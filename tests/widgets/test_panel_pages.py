"""The recruitment panel's pages, driven by the messages a browser sends, crafted ones included."""

from __future__ import annotations

import datetime as dt

import ipywidgets as widgets
import pytest
from sqlalchemy import func, select

from coprod_lab.definitions import workshops
from coprod_lab.recruitment import panels, ratings
from coprod_lab.store.schema import panel_ratings
from coprod_lab.widgets.panel_chair import PanelChairPage
from coprod_lab.widgets.panel_member import PanelMemberPage, interview_panel_page
from tests.recruitment.panel import a_panel
from tests.widgets.messages import buttons, every_widget, press, send_state


@pytest.fixture
def store(sqlite_store):
    """SQLite only: the rules that protect ratings are tested on both databases in
    tests/recruitment/test_panels.py, and each PostgreSQL database takes seconds to make."""
    return sqlite_store


def stored(store) -> int:
    with store.read() as db:
        return db.scalar(select(func.count()).select_from(panel_ratings))


def test_a_member_rates_sees_saved_after_the_commit_and_sees_others_only_after_the_close(
    store,
) -> None:
    ready = a_panel(store)
    a = ready.candidates[0]
    me = PanelMemberPage(store, ready.members[0].token, watch=False)
    assert "No interview is open" in me._now.value and me.controls == {}
    panels.open_interview(store, a.id, actor="c")
    assert me.check_for_changes()
    first, second = ready.questions[0].id, ready.questions[1].id
    send_state(me.controls[first], index=0)  # "Thumbs up"
    assert ratings.my_ratings(store, ready.members[0].ballot_id, a.id)[first].value == 1
    assert me.saved[first].value == "<p>Saved: thumbs up.</p>"
    # A note before any rating is refused, next to its button; then saved once rated.
    send_state(me.notes[second], value="Clear and kind.")
    press(me.note_buttons[second])
    assert "first" in me.said[second].value and stored(store) == 1
    send_state(me.controls[second], index=2)  # "Thumbs down"
    press(me.note_buttons[second])
    assert ratings.my_ratings(store, ready.members[0].ballot_id, a.id)[second].note == (
        "Clear and kind."
    )
    assert me.said[second].value == "<p>Saved your note.</p>"
    # Another member's ratings are nowhere on the page while the interview is open.
    ratings.rate(store, ready.members[1].ballot_id, a.id, first, -1, note="Too short.")
    me.check_for_changes()
    assert "Too short" not in str([w.value for w in every_widget(me) if hasattr(w, "value")])
    assert me._closed.value == ""
    panels.close_interview(store, a.id, actor="c")
    me.check_for_changes()
    assert "ratings of Candidate A</caption>" in me._closed.value
    assert "1 thumbs up, 0 in the middle, 1 thumbs down" in me._closed.value
    assert "Ann" not in me._closed.value


def test_crafted_messages_store_nothing(store) -> None:
    ready = a_panel(store)
    a = ready.candidates[0]
    panels.open_interview(store, a.id, actor="c")
    me = PanelMemberPage(store, ready.members[0].token, watch=False)
    other = ready.members[1]
    question = ready.questions[0].id
    # Another member cannot be named: the card is not a widget trait.
    send_state(me, card=other.token, member=other.ballot_id, ballot_id=other.ballot_id)
    send_state(me.controls[question], index=1)
    assert ratings.my_ratings(store, other.ballot_id, a.id) == {}
    assert ratings.my_ratings(store, ready.members[0].ballot_id, a.id)[question].value == 0
    # A value the buttons never offer is refused by the widget before any code runs.
    send_state(me.controls[question], index=7)
    assert ratings.my_ratings(store, ready.members[0].ballot_id, a.id)[question].value == 0
    # The interview closes while the page still shows the buttons: nothing more is stored.
    panels.close_interview(store, a.id, actor="c")
    before = stored(store)
    send_state(me.controls[question], index=2)
    send_state(me.notes[question], value="A late note.")
    press(me.note_buttons[question])
    assert stored(store) == before
    assert "closed" in me.status
    assert ratings.my_ratings(store, ready.members[0].ballot_id, a.id)[question] == (
        ratings.Rating(question, 0, "")
    )
    # A link that is not a card, and the chair's key used as a card, open nothing to press.
    for page in (
        PanelMemberPage(store, "not-a-card", watch=False),
        interview_panel_page(store, {"card": ready.key}),
    ):
        assert not [w for w in every_widget(page) if isinstance(w, widgets.Button)]


def test_the_chair_runs_the_panel_and_results_hide_names_unless_asked(store) -> None:
    ready = a_panel(store, agree=False)
    board = workshops.board_key(store, ready.panel.workshop_id, ready.key)
    for wrong in ("", board, ready.members[0].token):
        page = interview_panel_page(store, {"key": wrong})
        assert not [w for w in every_widget(page) if isinstance(w, widgets.Button)]
    chair = PanelChairPage(
        store, ready.key, address="http://x/p", today=dt.date(2026, 11, 30), watch=False
    )
    assert isinstance(interview_panel_page(store, {"key": ready.key}), PanelChairPage)
    pressed = buttons(chair)
    send_state(chair.new_question, value="What does good support look like to you?")
    press(pressed["Add the question"])
    assert len(panels.questions_of(store, ready.panel.id)) == 4
    press(pressed["Open the interview"])
    assert "Agree the questions" in chair.interview_said.value
    press(pressed["The panel agrees these questions"])
    assert chair._editing.layout.display == "none"
    send_state(chair.lived_cards, value=1)
    send_state(chair.staff_cards, value=2)
    press(pressed["Make the cards"])
    members = panels.members_of(store, ready.panel.id)
    assert [m.role for m in members[-3:]] == ["lived_experience", "professional", "professional"]
    assert f"http://x/p?card={members[-1].token}" in chair.member_list.value
    send_state(chair.candidate_name, value="Cy Ode")
    press(pressed["Add the candidate"])
    assert "consent" in chair.candidate_said.value
    send_state(chair.consent, value=True)
    press(pressed["Add the candidate"])
    added = panels.candidates_of(store, ready.panel.id)[-1]
    assert (added.label, added.name, added.name_consent_on) == (
        "Candidate C",
        "Cy Ode",
        dt.date(2026, 11, 30),
    )
    send_state(chair.interview_of, index=0)
    press(pressed["Open the interview"])
    a = ready.candidates[0]
    for member in members:
        for q in panels.questions_of(store, ready.panel.id):
            ratings.rate(store, member.ballot_id, a.id, q.id, 1, note="Ann Lee was clear.")
    chair.check_for_changes()
    assert f"{len(members)} of {len(members)} members have rated every answer" in (
        chair.progress.value
    )
    assert "Results show here once an interview closes" in chair.results.value
    press(pressed["Close the interview"])
    assert "Candidate A was clear." in chair.results.value and "Ann" not in chair.results.value
    assert "one-page summary" in chair.results.value
    send_state(chair.show_names, value=True)
    assert "Ann Lee (Candidate A)" in chair.results.value
