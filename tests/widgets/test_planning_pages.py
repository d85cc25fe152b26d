"""The preparation, session plan and "Plan for today" pages without a browser: everything
saved at once, reloaded intact, checks shown as the facilitator types, and presses the page
never offers refused."""

from __future__ import annotations

import datetime as dt

from coprod_lab.planning import access
from coprod_lab.planning import preparation as prep
from coprod_lab.planning import session_plan as sp
from coprod_lab.sessions import storytelling as st
from coprod_lab.widgets.preparation import PreparationPage
from coprod_lab.widgets.session_plan import SessionPlanPage, TodaysPlan
from tests.sessions.people import START, demo_people
from tests.widgets.messages import press


def test_the_preparation_page_saves_everything_at_once_and_keeps_history(sqlite_store) -> None:
    store = sqlite_store
    project_id, _people = demo_people(store)
    page = PreparationPage(store)
    # The demo's answers are on show, with what to sort out and who is missing.
    assert page.answers["budget"].value == "not_yet"
    assert "Things to sort out first" in page.sort_out.value
    assert "No one from “Family carers” is involved yet" in page.missing.value
    assert page.version.options[0][0].startswith("Version 2, ")
    page.answers["budget"].value = "yes"
    page.notes["budget"].value = "Taxis agreed on 2 November"
    page.purpose["open"].value = "Yes, we will try what the group asks for."
    last = page.groups.children[-1].children  # the empty row for a new group
    last[0].value = "Carers who work nights"
    last[1].value = "some"
    page.add_group.click()
    assert len(page.groups.children) == len(prep.preparation(store, project_id).groups) + 2
    page.save.click()
    assert page.status == "Saved: version 3 of the preparation."
    found = prep.preparation(store, project_id)
    assert found.intention["budget"] == prep.Answer("yes", "Taxis agreed on 2 November")
    assert found.groups[-1] == prep.Group("Carers who work nights", "some", "")
    assert "Carers who work nights" in page.missing.value
    assert "budget" not in page.sort_out.value
    page.save.click()
    assert page.status == "Nothing has changed since the last save."
    # A reload shows exactly what was saved; the earlier answer can be shown again.
    again = PreparationPage(store)
    assert again.answers_on_page().fields() == found.fields() | {
        "groups": [*found.fields()["groups"], {"name": "", "how_much": "a_lot", "involved": ""}]
    }
    again.version.value = 2
    again.show_version.click()
    assert "Version 2, saved" in again.earlier.value
    assert "Pay for people&#x27;s time is agreed" in again.earlier.value


def test_access_needs_are_kept_only_with_consent(sqlite_store) -> None:
    store = sqlite_store
    _project, people = demo_people(store)
    page = PreparationPage(store)
    page.person.value = people["Tom"]
    assert page.consent.value is False and page.needs.value == ""
    page.needs.value = "Captions on any video"
    press(page.save_access)
    assert page.status.startswith("Not saved: ask the person first")
    assert access.access_needs(store, people["Tom"]) is None
    page.consent.value = True
    page.save_access.click()
    assert page.status == "Saved: their access needs."
    assert access.access_needs(store, people["Tom"]).needs == "Captions on any video"
    # Dev's come from the demo, with his payment and the reciprocity log beside them.
    page.person.value = people["Dev"]
    assert page.payment.value.startswith("£20 an hour")
    assert "Kept since 1 September 2026" in page.access_state.value
    # Dev takes back his consent: every version goes, and the page says so beside the button.
    versions = len(access.access_history(store, people["Dev"]))
    assert versions >= 1
    press(page.forget_access)
    assert page.status == f"Deleted: {versions} saved versions of their access needs."
    assert access.access_history(store, people["Dev"]) == []
    assert page.payment.value == "" and page.consent.value is False
    assert "Nothing kept for them yet" in page.access_state.value


def test_the_session_plan_page_checks_as_you_go_and_saves_at_once(sqlite_store) -> None:
    store = sqlite_store
    project_id, people = demo_people(store)
    clock = lambda: START + dt.timedelta(minutes=70)  # noqa: E731
    page = SessionPlanPage(store, clock=clock)
    assert page.answer.value == "partly"  # the demo plan, answered by its group
    page.new_title.value = "Coming home at night"
    page.make.click()
    assert page.status.startswith("Saved: the plan “Coming home at night”, from the usual")
    assert page.purpose.value.startswith("A way of going home")  # from the preparation
    assert "The plan has everything it needs." in page.checks.value
    # Taking the break out: the check says so at once, before anything is saved.
    [brk] = [box for box in page.items.children if box.children[1].value == "break"]
    brk.children[1].value = "remove"
    assert "without a break" in page.checks.value
    page.answer.value = "yes"
    page.answer_note.value = "We heard about nights."
    page.save.click()
    assert page.status == "Saved: version 2 of the plan."
    saved = sp.plan(store, page.plan_id)
    assert "break" not in [item.kind for item in saved.agenda]
    assert (saved.purpose_met, saved.purpose_met_note) == ("yes", "We heard about nights.")
    assert len(page.items.children) == len(saved.agenda)  # the removed item is gone

    # Consent to record: the recorder will not start for Tom until he agrees.
    boxes = dict(zip(page._consent_ids, page.consent.children, strict=True))
    boxes[people["Tom"]].value = False
    page.save_consent.click()
    assert page.status == "Saved: 1 answer changed."
    assert "Not agreed yet:</strong> Tom Reid" in page.consent_state.value
    try:
        st.start_session(
            store, project_id, "Nights", [people["Tom"], people["Dev"]], at=START, actor="f"
        )
    except Exception as error:
        assert "Tom Reid has not agreed to be recorded" in str(error)
    else:
        raise AssertionError("the recorder started without consent")

    # Beside the recorder's timer: 70 minutes in, no break taken.
    session = st.start_session(
        store, project_id, "Nights", [people["Dev"], people["Priya"]], at=START, actor="f"
    )
    st.record_turn(store, session, people["Dev"], at=START, actor="f")
    page.refresh()
    page.session.value = session
    page.update_now.click()
    assert "Recording for 70 minutes" in page.now.value
    assert "Time for a break." in page.now.value


def test_plan_for_today_shows_the_plan_to_the_room(sqlite_store) -> None:
    store = sqlite_store
    demo_people(store)
    page = TodaysPlan(store)
    assert "Storytelling: the day I went home" in page.why.value
    assert "The day I went home" in page.agenda.value
    assert "<th scope='row'>0:20</th><td data-label='What'>Topic: The day I went home" in (
        page.agenda.value
    )
    assert "The group said <strong>partly</strong>" in page.answer.value
    assert page.plan_chooser.layout.display == "none"  # one plan: no chooser
