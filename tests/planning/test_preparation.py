"""The preparation and access needs in the store: saved at once, every version kept and
audited, read back intact, refused when wrong, and erased with the person."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, func, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.planning import access
from coprod_lab.planning import preparation as prep
from coprod_lab.privacy.people import erase_participant
from coprod_lab.store import events, projects
from coprod_lab.store.schema import access_needs, preparations
from tests.sessions.people import demo_people

ANSWERED = prep.Preparation(
    intention={
        "serious": prep.Answer("yes", "  People who use the service sit on the board. "),
        "budget": prep.Answer("not_yet", "Taxis are not agreed"),
        "leaders": prep.Answer("no"),
    },
    purpose={"outcome": " Going home safely ", "capture": "A report"},
    groups=(
        prep.Group("Ward staff", "some", "A discharge nurse"),
        prep.Group("People who use the service at night", "a_little", ""),
        prep.Group("Family carers", "a_lot", "  "),
        prep.Group("", "a_lot", ""),  # an empty row left on the page
    ),
)


def _events(store, subject: str) -> int:
    with store.read() as db:
        return db.scalar(select(func.count()).where(events.c.subject == subject))


def test_a_preparation_is_saved_whole_and_read_back_intact(store) -> None:
    project_id, _people = demo_people(store)
    before = prep.versions(store, project_id)  # the demo's own two versions
    assert [n for n, _a, _at in before] == [2, 1]
    number = prep.save_preparation(store, project_id, ANSWERED, actor="Sam")
    assert number == 3
    found = prep.preparation(store, project_id)
    assert found.version == 3 and found.author == "Sam"
    assert found.intention["serious"] == prep.Answer(
        "yes", "People who use the service sit on the board."
    )
    assert found.purpose["outcome"] == "Going home safely"
    assert found.purpose["open"] == ""  # every purpose question is kept, answered or not
    assert [g.name for g in found.groups] == [
        "Ward staff",
        "People who use the service at night",
        "Family carers",
    ]
    assert found.groups[2].involved == ""
    # The same answers again change nothing and say so.
    assert prep.save_preparation(store, project_id, ANSWERED, actor="Sam") is None
    assert _events(store, "preparation") == 3


def test_earlier_versions_stay_readable(store) -> None:
    project_id, _people = demo_people(store)
    first = prep.preparation(store, project_id, 1)
    second = prep.preparation(store, project_id, 2)
    # The demo's first version said "not yet" about the leaders; the second says yes.
    assert first.intention["leaders"].answer == "not_yet"
    assert second.intention["leaders"].answer == "yes"
    assert prep.preparation(store, project_id) == second
    with pytest.raises(CoprodLabError, match="no version 3"):
        prep.preparation(store, project_id, 3)


def test_what_to_sort_out_first_and_who_is_missing(store) -> None:
    project_id, _people = demo_people(store)
    prep.save_preparation(store, project_id, ANSWERED, actor="Sam")
    found = prep.preparation(store, project_id)
    sort_out = prep.to_sort_out(found)
    # Every question but the one answered yes, in the order they are asked.
    assert len(sort_out) == len(prep.INTENTION) - 1
    assert sort_out[0].startswith("Not answered yet: Will we listen")
    assert "No: Do our leaders support this?" in sort_out
    assert (
        "Not yet: Is there a budget, including for paying people and for access needs? "
        "(Taxis are not agreed)"
    ) in sort_out
    assert prep.who_is_missing(found) == [
        "No one from “Family carers” is involved yet, and the decision affects them a lot.",
        "No one from “People who use the service at night” is involved yet, and the "
        "decision affects them a little.",
    ]


WRONG = [
    ({"intention": {"serious": prep.Answer("maybe")}}, "with yes, not yet or no"),
    ({"intention": {"mood": prep.Answer("yes")}}, "no question “mood”"),
    ({"groups": (prep.Group("", "a_lot", "two carers"),)}, "Give every group"),
    ({"groups": (prep.Group("Carers", "loads"),)}, "how much the decision affects"),
    (
        {"groups": (prep.Group("Carers", "a_lot"), prep.Group("carers ", "some"))},
        "on the map twice",
    ),
]


def test_wrong_answers_are_refused_and_nothing_is_saved(store) -> None:
    project_id, _people = demo_people(store)
    for change, message in WRONG:
        wrong = prep.Preparation(**{**ANSWERED.__dict__, **change})
        with pytest.raises(CoprodLabError, match=message):
            prep.save_preparation(store, project_id, wrong, actor="Sam")
    with pytest.raises(CoprodLabError, match="no project number"):
        prep.save_preparation(store, project_id + 1, ANSWERED, actor="Sam")
    assert len(prep.versions(store, project_id)) == 2
    # The preparation goes with its project.
    with store.write() as db:
        db.execute(delete(projects).where(projects.c.id == project_id))
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(preparations)) == 0


def test_access_needs_need_consent_keep_history_and_go_when_the_person_is_erased(store) -> None:
    project_id, people = demo_people(store)
    priya = people["Priya"]
    with pytest.raises(CoprodLabError, match="ask the person first"):
        access.save_access_needs(
            store,
            priya,
            needs="A quiet room",
            adjustments="",
            payment="",
            consent_on=None,
            actor="f",
        )
    assert access.access_needs(store, priya) is None
    first = access.save_access_needs(
        store,
        priya,
        needs=" A quiet room ",
        adjustments="",
        payment="Bank transfer",
        consent_on=dt.date(2026, 10, 1),
        actor="f",
    )
    assert (first.needs, first.payment, first.consent_on) == (
        "A quiet room",
        "Bank transfer",
        dt.date(2026, 10, 1),
    )
    later = access.save_access_needs(
        store,
        priya,
        needs="A quiet room",
        adjustments="Breaks every 40 minutes",
        payment="Bank transfer",
        consent_on=dt.date(2026, 11, 1),
        actor="f",
    )
    assert later.consent_on == dt.date(2026, 10, 1)  # consent keeps the day it was first given
    assert [v.adjustments for v in access.access_history(store, priya)] == [
        "",
        "Breaks every 40 minutes",
    ]
    assert _events(store, "access_needs") == 2 + 2  # the demo's two people, then Priya's two
    everyone = {name: needs for name, _role, needs in access.project_access(store, project_id)}
    assert everyone["Priya Shah"] == later and everyone["Tom Reid"] is None

    # Tom agrees, then takes it back: every version of his goes, and the log says so.
    tom = people["Tom"]
    for needs in ("Large print", "Large print and a ramp"):
        access.save_access_needs(
            store,
            tom,
            needs=needs,
            adjustments="",
            payment="",
            consent_on=dt.date(2026, 11, 2),
            actor="f",
        )
    assert access.forget_access_needs(store, tom, actor="f") == 2
    assert access.access_history(store, tom) == []
    assert access.forget_access_needs(store, tom, actor="f") == 0
    with store.read() as db:
        deleted = db.scalar(
            select(func.count()).where(
                events.c.subject == "access_needs", events.c.action == "delete"
            )
        )
    assert deleted == 1

    erase_participant(store, priya, actor="f")
    with store.read() as db:
        left = db.scalar(select(func.count()).where(access_needs.c.participant_id == priya))
        kept = db.scalar(select(func.count()).select_from(access_needs))
    assert left == 0
    assert kept == 2  # the others' are untouched
