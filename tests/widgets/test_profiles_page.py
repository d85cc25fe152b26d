"""The one-page profile and communication pages without a browser."""

from __future__ import annotations

import base64
import re

from coprod_lab.sessions.profiles import versions
from coprod_lab.widgets.profiles import CommunicationPreferences, OnePageProfile
from tests.sessions.people import START, demo_people


def test_a_profile_is_saved_versioned_and_shown_again(store) -> None:
    _, people = demo_people(store)
    page = OnePageProfile(store, clock=lambda: START)
    page.person.value = people["Dev"]
    assert page.author.value == "Dev Morgan (lived experience)"  # the person by default
    page.boxes["appreciate"].value = "I notice the small things."
    page.boxes["support"].value = "Give me time to answer."
    page.save.click()
    assert page.status == "Saved: one-page profile for Dev Morgan."
    page.save.click()
    assert page.status == "Nothing has changed since the last save."
    page.boxes["support"].value = "Give me time to answer, and write it down."
    page.author.value = "Priya Shah (professional)"
    page.save.click()
    found = versions(store, people["Dev"], "one_page")
    assert [v.fields["support"] for v in found] == [
        "Give me time to answer, and write it down.",
        "Give me time to answer.",
    ]
    assert [v.author for v in found] == ["Priya Shah", "Dev Morgan"]
    assert "<h2>Earlier versions</h2>" in page.history.value
    assert "Give me time to answer.</p>" in page.history.value

    again = OnePageProfile(store)
    again.person.value = people["Dev"]
    assert again.boxes["support"].value == "Give me time to answer, and write it down."
    again.person.value = people["Joan"]
    assert again.boxes["support"].value == ""  # Joan has none yet
    assert again.author.value == "Joan Ellis (lived experience)"  # the author follows


def test_the_download_is_the_printable_page(store) -> None:
    _, people = demo_people(store)
    page = OnePageProfile(store)
    page.person.value = people["Joan"]
    page.boxes["important"].value = "My cat, Biscuit."
    page.save.click()
    link = re.search(
        r"download='([^']+)' href='data:text/html;base64,([^']+)'", page.printable.value
    )
    assert link[1] == "one-page-profile-joan-ellis.html"
    html = base64.b64decode(link[2]).decode()
    assert "<h1>One-page profile: Joan Ellis</h1>" in html and "My cat, Biscuit." in html


def test_communication_preferences_are_their_own_kind(store) -> None:
    _, people = demo_people(store)
    page = CommunicationPreferences(store)
    assert [b.description for b in page.boxes.values()] == [
        "How I like to get information",
        "How I like to give my views",
        "How I like to get feedback",
        "How I like to give feedback",
    ]
    page.person.value = people["Tom"]
    page.boxes["get_feedback"].value = "In person, straight after."
    page.save.click()
    assert versions(store, people["Tom"], "communication")[0].fields["get_feedback"] == (
        "In person, straight after."
    )
    assert versions(store, people["Tom"], "one_page") == []


def test_an_empty_profile_is_not_saved(store) -> None:
    demo_people(store)
    page = OnePageProfile(store)
    page.save.click()
    assert page.status.startswith("Everything is empty")
    assert versions(store, page.participant_id, "one_page") == []
