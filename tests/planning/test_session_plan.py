"""Session plans: the agenda's checks, versions saved whole, consent to record asked before
the recorder starts, and where the room is against the plan."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.planning import session_plan as sp
from coprod_lab.sessions import storytelling as st
from coprod_lab.store import events
from tests.sessions.people import START, demo_people

Item = sp.AgendaItem
WHOLE = (
    Item("introductions", "", 10),
    Item("icebreaker", "", 10),
    Item("purpose", "", 5),
    Item("topic", "Coming home", 35),  # 60 minutes in: on the limit, not over it
    Item("break", "", 15),
    Item("topic", "What would help", 40),
    Item("recap", "", 10),
    Item("purpose_revisited", "", 10),
)


def test_the_usual_outline_and_a_whole_plan_need_nothing_more() -> None:
    assert sp.check_agenda(sp.USUAL_OUTLINE) == []
    assert sp.check_agenda(WHOLE) == []


def test_an_hour_without_a_break_is_pointed_out_once_per_stretch() -> None:
    long = (*WHOLE[:4], Item("topic", "More", 1), *WHOLE[5:])  # 61 minutes, then a break gone
    without_break = [i for i in long if i.kind != "break"]
    said = sp.check_agenda(without_break)
    assert said[0] == (
        "61 minutes pass without a break (from 0:00 to 1:01): add a break before “Topic: More”."
    )
    # The stretch starts again after the warning: 40 + 10 + 10 more minutes is 61 again.
    assert len(said) == 2
    assert said[1] == (
        "61 minutes pass without a break (from 1:00 to 2:01): add a break before "
        "“Did we do what we came to do?”."
    )
    assert sp.check_agenda(without_break, break_after_minutes=121) == []  # 121 in all


@pytest.mark.parametrize(
    ("agenda", "wanted"),
    [
        ((), "The agenda is empty."),
        (WHOLE[1:], "Add introductions"),
        ((WHOLE[0], *WHOLE[2:]), "Add a warm-up"),
        ((*WHOLE[:2], *WHOLE[3:]), "Add a moment at the start to say why we are here."),
        ((*WHOLE[:6], WHOLE[7]), "Add a recap"),
        (WHOLE[:7], "Add “Did we do what we came to do?”"),
        ((WHOLE[0], WHOLE[1], WHOLE[3], WHOLE[2], *WHOLE[4:]), "before the first topic"),
        ((*WHOLE[:5], WHOLE[7], WHOLE[5], WHOLE[6]), "after the last topic"),
    ],
)
def test_what_a_plan_lacks_is_said(agenda, wanted) -> None:
    assert any(wanted in sentence for sentence in sp.check_agenda(agenda))


def test_a_plan_is_saved_whole_with_its_session_and_the_groups_answer(store) -> None:
    project_id, _people = demo_people(store)
    # The demo's plan: its session named, the group's answer saved.
    [(demo_plan, title)] = sp.plans(store, project_id)
    shown = sp.plan(store, demo_plan)
    assert title == "Storytelling: the day I went home"
    assert (shown.purpose_met, shown.version) == ("partly", 1)
    assert sp.check_agenda(shown.agenda) == []

    plan_id = sp.make_plan(store, project_id, " Coming home at night ", actor="Sam")
    assert sp.plan(store, plan_id) == sp.Plan()
    with pytest.raises(CoprodLabError, match="already a plan"):
        sp.make_plan(store, project_id, "Coming home at night", actor="Sam")
    sessions = dict(sp.project_sessions(store, project_id))
    held = sessions["Storytelling: waiting for a care package"]
    plan = sp.Plan(" Hear about nights ", WHOLE, "yes", " We did ")
    assert sp.save_plan(store, plan_id, plan, session_id=held, actor="Sam") == 1
    assert sp.save_plan(store, plan_id, plan, session_id=held, actor="Sam") is None
    again = sp.plan(store, plan_id)
    assert (again.purpose, again.agenda, again.purpose_met, again.purpose_met_note) == (
        "Hear about nights",
        WHOLE,
        "yes",
        "We did",
    )
    assert sp.plan_session(store, plan_id) == held
    # Moving the plan to no session is a change too, kept as version 2.
    assert sp.save_plan(store, plan_id, plan, session_id=None, actor="Sam") == 2
    assert [n for n, _a, _at in sp.plan_versions(store, plan_id)] == [2, 1]
    with store.read() as db:
        made = db.scalar(
            select(func.count()).where(
                events.c.subject == "session_plan", events.c.subject_id == plan_id
            )
        )
        versions = db.execute(
            select(events.c.detail).where(events.c.subject == "session_plan_version")
        ).scalars()
        audited = [d["plan_id"] for d in versions].count(plan_id)
    assert (made, audited) == (1, 2)


WRONG = [
    (sp.Plan("", (Item("party", "", 5),)), "not a kind the plan knows"),
    (sp.Plan("", (Item("topic", "  ", 5),)), "say what it is about"),
    (sp.Plan("", (Item("break", "", 0),)), "from 1 to 480"),
    (sp.Plan("", (), "maybe"), "yes, partly or no"),
]


def test_a_wrong_plan_is_refused_and_nothing_is_saved(store) -> None:
    project_id, _people = demo_people(store)
    plan_id = sp.make_plan(store, project_id, "Wrong", actor="Sam")
    for plan, message in WRONG:
        with pytest.raises(CoprodLabError, match=message):
            sp.save_plan(store, plan_id, plan, session_id=None, actor="Sam")
    with pytest.raises(CoprodLabError, match="not in this project"):
        sp.save_plan(store, plan_id, sp.Plan(), session_id=99999, actor="Sam")
    with pytest.raises(CoprodLabError, match="Give the plan a title"):
        sp.make_plan(store, project_id, "  ", actor="Sam")
    assert sp.plan_versions(store, plan_id) == []


def test_consent_to_record_is_asked_before_the_recorder_starts(store) -> None:
    project_id, people = demo_people(store)
    dev, priya = people["Dev"], people["Priya"]
    assert (
        sp.save_consent_to_record(
            store, project_id, {dev: False}, on=dt.date(2026, 11, 3), actor="Sam"
        )
        == 1
    )
    with pytest.raises(CoprodLabError, match="Dev Morgan has not agreed to be recorded"):
        st.start_session(store, project_id, "Nights", [dev, priya], at=START, actor="Sam")
    assert st.recorded_sessions(store, project_id) == []
    agreed = {pid: name for pid, name, on in sp.consent_to_record(store, project_id) if on}
    assert dev not in agreed and priya in agreed
    sp.save_consent_to_record(
        store, project_id, {dev: True, priya: True}, on=dt.date(2026, 11, 3), actor="Sam"
    )
    given = {pid: on for pid, _name, on in sp.consent_to_record(store, project_id)}
    assert given[dev] == dt.date(2026, 11, 3)
    assert given[priya] == dt.date(2026, 9, 1)  # given earlier: keeps its first date
    with pytest.raises(CoprodLabError, match="must be in this project"):
        sp.save_consent_to_record(store, project_id, {99999: True}, on=START.date(), actor="S")
    session_id = st.start_session(store, project_id, "Nights", [dev, priya], at=START, actor="S")
    assert sp.started_at(store, session_id) == START


def test_where_we_are_follows_the_plan_minute_by_minute() -> None:
    assert sp.where_we_are(WHOLE, 0) == (WHOLE[0], WHOLE[1])
    assert sp.where_we_are(WHOLE, 24.9) == (WHOLE[2], WHOLE[3])
    assert sp.where_we_are(WHOLE, 60) == (WHOLE[4], WHOLE[5])
    assert sp.where_we_are(WHOLE, 134.5) == (WHOLE[7], None)
    assert sp.where_we_are(WHOLE, 135) == (None, None)
