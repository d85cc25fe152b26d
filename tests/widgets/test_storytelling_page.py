"""The storytelling recorder without a browser: keys, buttons, breaks, sense-checks."""

from __future__ import annotations

import datetime as dt

from coprod_lab.sessions import storytelling as st
from coprod_lab.widgets.storytelling import StorytellingRecorder
from tests.sessions.people import START, demo_people


class Clock:
    """A clock the test moves on by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def _recording(store) -> tuple[StorytellingRecorder, Clock, dict[str, int]]:
    _, people = demo_people(store)
    clock = Clock()
    page = StorytellingRecorder(store, clock=clock)
    assert page._recording.layout.display == "none"  # nothing recorded in the demo yet
    page.new_title.value = "Coming home"
    names = [box.description for box in page.new_people.children]
    for box in page.new_people.children:
        box.value = box.description.split(" (")[0] in ("Dev Morgan", "Priya Shah", "Sam Okafor")
    assert len(names) == 5
    page.start.click()
    assert page.status == "Saved: “Coming home” is being recorded."
    return page, clock, people


def test_speaker_keys_record_turns_and_the_panel_adds_up(store) -> None:
    page, clock, people = _recording(store)
    # Speakers are numbered in a fixed order: Dev 1, Priya 2, Sam 3.
    assert [b.description for b in page.speaker_buttons.children] == [
        "1: Dev Morgan (lived experience)",
        "2: Priya Shah (professional)",
        "3: Sam Okafor (facilitator)",
    ]
    page.speaker_key.value = "1"
    clock.wait(60)
    page.speaker_key.value = "12"  # one key at a time, as typed
    clock.wait(30)
    page.speaker_key.value = "121"
    assert page.status == "Saved: turn 3, Dev Morgan."
    assert "Now speaking: <strong>Dev Morgan</strong>" in page.now_speaking.value
    page.note.value = "“Nobody told me when.”"
    page.save_note.click()
    clock.wait(110)
    page.pause.click()
    assert page.pause.description == "End the break"
    clock.wait(300)
    page.pause.click()
    clock.wait(120)
    page.speaker_buttons.children[1].click()  # a button does what key 2 does
    clock.wait(10)
    page.pause.click()
    page.pause.click()  # refresh the panel at a known moment: break of 0 s
    panel = page.panel.value
    # By hand: Dev 60 + 110 = 170 s in 2 turns, Priya 30 + 10 = 40 s in 2 turns, Sam none.
    assert "<th scope='row'>Dev Morgan</th>" in panel
    assert "<td data-label='Turns'>2 (50%)</td><td data-label='Time'>2 minutes (81%)</td>" in panel
    assert "<td data-label='Turns'>2 (50%)</td><td data-label='Time'>under a minute (19%)</td>" in (
        panel
    )
    assert "<strong>Not spoken yet:</strong> Sam Okafor" in panel
    # Sam's own row says so too, not "under a minute (0%)".
    assert "<td data-label='Time'>not spoken yet</td>" in panel
    assert "(0%)</td></tr>" not in panel
    turns = st.turns(store, page.session_id)
    assert [(t.person.id, t.start, t.end) for t in turns] == [
        (people["Dev"], 0, 60),
        (people["Priya"], 60, 90),
        (people["Dev"], 90, 200),
        (people["Priya"], 620, 630),
    ]
    assert turns[2].note == "“Nobody told me when.”"
    assert "<li value='3'>Dev Morgan (lived experience), at 1:30: “Nobody told me when.”</li>" in (
        page.turn_log.value
    )


def test_a_wrong_key_is_named_and_nothing_is_recorded(store) -> None:
    page, _clock, _ = _recording(store)
    page.speaker_key.value = "7"
    assert page.status == "“7” is not a speaker key. Use 1 to 3."
    page.speaker_key.value = "7x"
    assert page.status == "“x” is not a speaker key. Use 1 to 3."
    assert st.turns(store, page.session_id) == []
    page.speaker_key.value = ""  # cleared by the person: the next key still counts
    page.speaker_key.value = "3"
    assert page.status == "Saved: turn 1, Sam Okafor."


def test_the_recap_prompt_appears_and_goes(store) -> None:
    page, clock, _ = _recording(store)
    page.speaker_key.value = "1"
    clock.wait(21 * 60)
    page.speaker_key.value = "12"
    assert "Time for a recap?" in page.panel.value
    page.recap.click()
    assert "Time for a recap?" not in page.panel.value


def test_sense_checks_are_saved_then_answered(store) -> None:
    page, _clock, people = _recording(store)
    page.heard_from.value = people["Dev"]
    page.heard.value = "Leaving felt rushed."
    page.save_heard.click()
    assert page.status == "Saved: ask them if we heard it right."
    assert page.waiting.options[0][0] == "Dev Morgan: Leaving felt rushed."
    page.confirmed.click()
    assert [c.status for c in st.sense_check_list(store, page.session_id)] == ["confirmed"]
    assert page.confirmed.disabled  # nothing left waiting
    page.confirmed.click()  # pressed anyway, through the widget protocol
    assert page.status == "There is nothing waiting for an answer."


def test_an_ended_session_takes_no_more_turns_even_by_a_pressed_button(store) -> None:
    page, _clock, _ = _recording(store)
    page.speaker_key.value = "1"
    page.finish.click()
    assert page.speaker_buttons.children[0].disabled
    page.speaker_buttons.children[0].click()
    assert page.status.startswith("This session has ended")
    assert len(st.turns(store, page.session_id)) == 1


def test_a_reload_shows_the_session(store) -> None:
    page, _clock, _ = _recording(store)
    page.speaker_key.value = "2"
    again = StorytellingRecorder(store, clock=lambda: START + dt.timedelta(seconds=5))
    assert again.session.value == page.session_id
    assert "Now speaking: <strong>Priya Shah</strong>" in again.now_speaking.value
    again.speaker_key.value = "1"  # a new page counts keys from its own empty box
    assert again.status == "Saved: turn 2, Dev Morgan."


def test_a_session_needs_a_title_and_two_people(store) -> None:
    demo_people(store)
    page = StorytellingRecorder(store)
    page.new_title.value = "Alone"
    page.new_people.children[0].value = True
    page.start.click()
    assert page.status == "Choose at least two people who will take part."
    assert page.session.options == ()
