"""Follow-up: the drafted summary comes from the record; the reciprocity log adds up."""

from __future__ import annotations

import datetime as dt

import pytest

from coprod_lab.errors import CoprodLabError
from coprod_lab.sessions import followup as fu
from coprod_lab.sessions import storytelling as st
from coprod_lab.sessions.pairs import add_action, create_pair
from tests.sessions.people import at, demo_people

DAY = dt.date(2026, 11, 3)


def test_the_draft_names_what_the_person_did(store) -> None:
    project_id, people = demo_people(store)
    dev, priya = people["Dev"], people["Priya"]
    session = st.start_session(store, project_id, "Coming home", [dev, priya], at=at(0), actor="f")
    for second, who in ((0, dev), (10, priya), (20, dev), (30, dev)):
        st.record_turn(store, session, who, at=at(second), actor="f")
    check = st.add_sense_check(store, session, dev, "The ward felt rushed.", actor="f")
    st.answer_sense_check(store, session, check, confirmed=True, at=at(40), actor="f")
    st.add_sense_check(store, session, dev, "Not confirmed yet.", actor="f")
    pair = create_pair(
        store, project_id, "D and P", professional_id=priya, lived_experience_id=dev, actor="f"
    )
    add_action(
        store,
        pair,
        "Speak at the board",
        who="Dev Morgan",
        by_when=None,
        author="Priya Shah",
        actor="f",
    )
    fu.log_time(
        store,
        dev,
        given_on=DAY,
        minutes=150,
        agreed="Payment",
        amount_pence=5000,
        session_id=session,
        actor="f",
    )
    draft = fu.draft_summary(store, dev)
    assert draft.startswith("Dear Dev,")
    # The demo gives Dev 3 sessions; the recorded one makes 4.
    assert "You took part in 4 sessions:" in draft
    assert "- Coming home on 03 November 2026: you spoke 3 times (75% of the turns)" in draft
    assert "- The ward felt rushed." in draft and "Not confirmed yet." not in draft
    assert "- Speak at the board" in draft
    assert "In all you have given us 2 hours 30 minutes of your time." in draft


def test_summaries_are_versioned_and_marked_sent(store) -> None:
    _, people = demo_people(store)
    dev = people["Dev"]
    with pytest.raises(CoprodLabError, match="Save the summary"):
        fu.mark_sent(store, dev, sent_on=DAY, actor="f")
    fu.save_summary(store, dev, "Thank you.", author="Sam Okafor", actor="f")
    assert fu.save_summary(store, dev, "Thank you. ", author="Sam", actor="f") is None
    sent = fu.mark_sent(store, dev, sent_on=DAY, actor="f")
    assert (sent.text, sent.sent_on, sent.author) == ("Thank you.", DAY, "Sam Okafor")
    newer = fu.save_summary(store, dev, "Thank you, Dev.", author="Sam Okafor", actor="f")
    assert newer.sent_on is None  # a new version has not been sent


def test_the_reciprocity_log(store) -> None:
    _, people = demo_people(store)
    joan = people["Joan"]
    first = fu.log_time(
        store,
        joan,
        given_on=DAY,
        minutes=90,
        agreed="Voucher",
        amount_pence=2550,
        session_id=None,
        actor="f",
    )
    fu.log_time(
        store,
        joan,
        given_on=DAY - dt.timedelta(days=5),
        minutes=30,
        agreed="Thanks in the report",
        amount_pence=None,
        session_id=None,
        actor="f",
    )
    with pytest.raises(CoprodLabError, match="not in this person's log"):
        fu.mark_paid(store, people["Dev"], first, paid_on=DAY, actor="f")
    fu.mark_paid(store, joan, first, paid_on=DAY, actor="f")
    log = fu.time_given(store, joan)
    assert [(e.minutes, e.agreed, e.amount_pence, e.paid_on) for e in log] == [
        (30, "Thanks in the report", None, None),
        (90, "Voucher", 2550, DAY),
    ]
    for bad, message in (
        ({"minutes": 0}, "more than 0 minutes"),
        ({"agreed": " "}, "what was agreed"),
        ({"amount_pence": -1}, "less than £0"),
        ({"session_id": 999}, "not in this project"),
    ):
        values = {
            "given_on": DAY,
            "minutes": 10,
            "agreed": "Payment",
            "amount_pence": None,
            "session_id": None,
        } | bad
        with pytest.raises(CoprodLabError, match=message):
            fu.log_time(store, joan, actor="f", **values)
    assert len(fu.time_given(store, joan)) == 2


def test_money_and_minutes_read_naturally() -> None:
    assert [fu.say_money(p) for p in (0, 5000, 2550, 123456)] == [
        "£0",
        "£50",
        "£25.50",
        "£1,234.56",
    ]
    assert [fu.say_minutes(m) for m in (1, 45, 60, 150)] == [
        "1 minute",
        "45 minutes",
        "1 hour",
        "2 hours 30 minutes",
    ]
