""" "You said, we did" pages without a browser: each field saved on its own, refusals put back."""

from __future__ import annotations

import datetime as dt

from coprod_lab.demo import DEMO, load_demo, read_project_file
from coprod_lab.privacy.people import set_consent
from coprod_lab.sessions import you_said as ys
from coprod_lab.widgets.what_we_did import WhatWeDid
from coprod_lab.widgets.you_said import YouSaidWeDid
from tests.widgets.messages import send_state

NOW = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)
SPEC = read_project_file(DEMO)
HOME = "Storytelling: the day I went home"


def _page(store) -> YouSaidWeDid:
    return YouSaidWeDid(store, clock=lambda: NOW)


def _choose_turn(page: YouSaidWeDid, title: str, turn: int) -> None:
    page.kind.value = "turn"
    page.session.value = dict((label, v) for label, v in page.session.options)[title]
    page.source.value = next(v for label, v in page.source.options if label.startswith(f"{turn}. "))


def test_a_point_is_added_from_a_turn_and_each_field_saves_on_its_own(sqlite_store) -> None:
    store = sqlite_store
    project_id = load_demo(store)
    page = _page(store)
    total = len(SPEC["you_said"])
    assert f"<p>{total} points:" in page.overview.value
    assert "Late: 1 not done by the date set" in page.overview.value
    _choose_turn(page, HOME, 12)
    assert page.said.value.startswith("Yes. And having it in plain words.")
    assert page.own_words.value is True
    page.add.click()
    assert page.add_line.value.startswith("<p>Saved: point ")
    new = page.entry_id
    assert page.pick.value == new and "Raised by Dev Morgan" in page.came_from.value
    assert f"Turn 12 of “{HOME}”" in page.came_from.value

    page.fields["action"].value = "Give every plan in writing, in plain words."
    assert page.lines["action"].value == "<p>Saved</p>"
    # Marking it done before saying what was done is refused beside the choice, and put back.
    page.fields["outcome"].value = "done"
    assert "First write what was done" in page.lines["outcome"].value
    assert page.fields["outcome"].value == ""
    page.fields["done"].value = "Plans now go home in writing."
    page.fields["outcome"].value = "done"
    assert page.lines["outcome"].value == "<p>Saved</p>"
    assert page.fields["done_on"].value == NOW.date()  # the outcome dates itself
    page.fields["told_on"].value = NOW.date()
    assert "Told back" in page.came_from.value

    again = _page(store)
    again.pick.value = new
    stored = ys.entry(store, new)
    assert (stored.action, stored.done, stored.told_on) == (
        "Give every plan in writing, in plain words.",
        "Plans now go home in writing.",
        NOW.date(),
    )
    assert again.fields["done"].value == stored.done
    assert again.fields["told_on"].value == NOW.date()
    assert f"<p>{total + 1} points:" in again.overview.value
    assert len(ys.entries(store, project_id)) == total + 1


def test_without_consent_to_be_quoted_the_page_asks_for_a_summary(sqlite_store) -> None:
    store = sqlite_store
    load_demo(store)
    joan = next(p for p in SPEC["participants"] if p["display_name"] == "Joan Ellis")
    page = _page(store)
    person = dict(page.person.options)["Joan Ellis (lived experience)"]
    set_consent(store, person, "quote", None, actor="f")
    _choose_turn(page, "Storytelling: waiting for a care package", 3)
    assert page.said.value == "" and page.own_words.value is False
    assert "has not agreed to be quoted" in page.add_line.value
    # A browser can tick the box anyway: the store refuses, and nothing is added.
    send_state(page.own_words, value=True)
    page.said.value = "It took eleven days for care to start."
    before = len(ys.entries(store, page.project_id))
    page.add.click()
    assert f"{joan['display_name']} has not agreed to be quoted" in page.add_line.value
    assert len(ys.entries(store, page.project_id)) == before
    page.own_words.value = False
    page.add.click()
    assert len(ys.entries(store, page.project_id)) == before + 1


def test_the_participants_page_lists_points_by_status_with_made_up_names(sqlite_store) -> None:
    store = sqlite_store
    load_demo(store)
    page = WhatWeDid(store, clock=lambda: NOW)
    html = page.view.value
    for person in SPEC["participants"]:
        assert person["display_name"].split()[0] not in html
    headings = [h for h in ys.PUBLIC_HEADINGS.values() if f"<h2>{h} (" in html]
    # In the order of PUBLIC_HEADINGS, for every status the demo has.
    assert headings == [h for h in ys.PUBLIC_HEADINGS.values() if h in html]
    assert len(headings) == 4  # the demo has no "could not, not told back yet"
    assert html.count("<strong>Late:</strong>") == 1
    assert f"{len(SPEC['you_said'])} points were raised" in html
