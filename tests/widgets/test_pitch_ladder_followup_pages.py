"""The pitch builder, ladder and follow-up pages without a browser."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from coprod_lab.errors import CoprodLabError
from coprod_lab.ladder import ratings
from coprod_lab.sessions import followup as fu
from coprod_lab.sessions.pairs import create_pair
from coprod_lab.sessions.pitch import pitch_versions
from coprod_lab.widgets.followup import FollowUp, parse_pounds
from coprod_lab.widgets.ladder import LadderSelfAssessment
from coprod_lab.widgets.pitch import PitchBuilder
from tests.sessions.people import START, demo_people


def _pair(store) -> int:
    project_id, people = demo_people(store)
    return create_pair(
        store,
        project_id,
        "Dev and Priya",
        professional_id=people["Priya"],
        lived_experience_id=people["Dev"],
        actor="f",
    )


def test_the_pitch_is_timed_checked_and_saved(store, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_LAB_WORDS_PER_MINUTE", "120")
    pair = _pair(store)
    page = PitchBuilder(store)
    assert page.pair.value == pair
    box = page.texts["30_seconds"]
    box.value = "I'm Dev. Nobody told me when I could go home. We will signpost you better."
    # The timing follows the text as soon as it arrives, before any save.
    assert "15 words: about 8 seconds to say at 120 words a minute" in (
        page.timings["30_seconds"].value
    )
    page.buttons["30_seconds"].click()
    assert page.status == "Saved and checked: the 30-second pitch."
    assert "<u>signpost</u> <small>(jargon: try" in page.checks["30_seconds"].value
    [saved] = pitch_versions(store, pair, "30_seconds")
    assert (saved.text, saved.author) == (box.value, "Dev Morgan")
    assert "(1 version kept)" in page.timings["30_seconds"].value
    # A second press (a double tap while the first was saving) still says it is saved.
    page.buttons["30_seconds"].click()
    assert page.status.startswith("Saved and checked: the 30-second pitch. It is the same as")
    assert "(1 version kept)" in page.timings["30_seconds"].value
    assert "<u>signpost</u>" in page.checks["30_seconds"].value
    # An emptied pitch is not saved, and the check of the old words goes with them.
    box.value = "  "
    page.buttons["30_seconds"].click()
    assert "empty" in page.status and page.checks["30_seconds"].value == ""
    box.value = saved.text
    again = PitchBuilder(store)
    assert again.texts["30_seconds"].value == box.value
    assert again.texts["10_minutes"].value == ""


def test_the_pitch_page_without_pairs_says_where_to_make_one(store) -> None:
    demo_people(store)
    page = PitchBuilder(store)
    assert "Make one on the collaborative pairs page" in page.status
    page.texts["10_minutes"].value = "Words"
    page.buttons["10_minutes"].click()
    assert page.status.startswith("Make a pair first")


def test_each_person_rates_the_ladder_and_sees_the_comparison(store) -> None:
    project_id, people = demo_people(store)
    page = LadderSelfAssessment(store, clock=lambda: START)
    page.person.value = people["Dev"]
    page.save.click()
    assert page.status == "Choose a step on the ladder."
    page.rung.value = 4
    page.evidence.value = "We were asked, then nothing changed."
    page.save.click()
    assert page.status == "Saved: step 4, Consultation."
    assert page.rung.value is None  # the next person starts afresh
    page.person.value = people["Priya"]
    page.rung.value = 6
    page.save.click()
    found = ratings(store, project_id)
    assert [(r.participant_id, r.rung, r.rated_on) for r in found] == [
        (people["Dev"], 4, START.date()),
        (people["Priya"], 6, START.date()),
    ]
    assert "Professionals rate it 2.0 steps higher" in page.comparison.value
    assert "role='img'" in page.chart.value
    assert "We were asked, then nothing changed." in page.table.value
    assert "Sam Okafor" not in [label for label, _ in page.person.options]  # facilitators don't


def test_follow_up_drafts_saves_and_marks_sent(store) -> None:
    _, people = demo_people(store)
    page = FollowUp(store, clock=lambda: START)
    page.person.value = people["Dev"]
    page.draft.click()
    assert page.summary.value.startswith("Dear Dev,")
    assert "It is not saved yet" in page.status
    assert fu.latest_summary(store, people["Dev"]) is None
    page.summary.value += "\nWe changed the leaflet because of you."
    page.save.click()
    assert page.status == "Saved: the summary."
    page.sent.click()
    assert fu.latest_summary(store, people["Dev"]).sent_on == START.date()
    assert page.summary_state.value.startswith("<p>Sent on 3 November 2026. <a download=")
    letter = page.summary_state.value.split("base64,")[1].split("'")[0]
    assert base64.b64decode(letter).decode().endswith("We changed the leaflet because of you.")
    again = FollowUp(store)
    again.person.value = people["Dev"]
    assert again.summary.value.endswith("We changed the leaflet because of you.")


def test_the_reciprocity_log_adds_and_pays(store) -> None:
    _, people = demo_people(store)
    page = FollowUp(store, clock=lambda: START)
    page.person.value = people["Joan"]
    assert (page.session.value, page.session.label) == (0, "No session")
    page.minutes.value = 90
    page.agreed.value = "Voucher"
    page.amount.value = "£25.50"
    page.session.value = page.session.options[1][1]
    page.log_button.click()
    assert page.status == "Saved: 1 hour 30 minutes in the log."
    assert "Still to pay: £25.50." in page.log_view.value
    page.amount.value = "lots"
    page.log_button.click()
    assert page.status.startswith("“lots” is not an amount of money")
    assert len(fu.time_given(store, people["Joan"])) == 1
    page.paid.click()
    [entry] = fu.time_given(store, people["Joan"])
    assert (entry.paid_on, entry.amount_pence, entry.session) == (
        START.date(),
        2550,
        "Storytelling: waiting for a care package",
    )
    assert "Still to pay: £0." in page.log_view.value


@pytest.mark.parametrize(
    ("typed", "pence"),
    [("", None), ("25", 2500), ("£25.5", 2550), ("1,000.05", 100005), (" 0 ", 0)],
)
def test_amounts_of_money(typed: str, pence: int | None) -> None:
    assert parse_pounds(typed) == pence


@pytest.mark.parametrize("typed", ["-5", "2.555", "nan", "inf", "£", "1e3"])
def test_what_is_not_money(typed: str) -> None:
    with pytest.raises(CoprodLabError, match="not an amount of money"):
        parse_pounds(typed)


def test_dates_default_to_today_by_the_clock(store) -> None:
    demo_people(store)
    later = dt.datetime(2027, 1, 5, 9, tzinfo=dt.UTC)
    assert FollowUp(store, clock=lambda: later).given_on.value == later.date()
