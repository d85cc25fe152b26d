"""Pitches: word counts, spoken time at the setting's pace, versions kept."""

from __future__ import annotations

import pytest

from coprod_lab.errors import CoprodLabError
from coprod_lab.sessions.pairs import create_pair
from coprod_lab.sessions.pitch import pitch_versions, save_pitch, say_time, timing
from tests.sessions.people import demo_people


def test_spoken_time_is_words_at_the_pace() -> None:
    text = " ".join(["word"] * 65)
    found = timing(text, "30_seconds", words_per_minute=130)
    assert (found.words, found.seconds, found.target_words) == (65, 30.0, 65)
    assert found.summary() == (
        "65 words: about 30 seconds to say at 130 words a minute. The aim is 30 seconds, "
        "so this is about right."
    )
    long = timing(" ".join(["word"] * 100), "30_seconds", words_per_minute=130)
    assert long.summary().endswith("so try cutting about 35 words.")
    short = timing("Hello there, I'm Dev.", "10_minutes", words_per_minute=120)
    assert short.words == 4 and short.target_words == 1200
    assert short.summary().endswith("there is room for about 1,196 more words.")
    assert timing("", "30_seconds", words_per_minute=130).summary().startswith("No words yet")


def test_time_reads_naturally() -> None:
    assert [say_time(s) for s in (1, 12, 60, 90, 600, 61)] == [
        "1 second",
        "12 seconds",
        "1 minute",
        "1 minute 30 seconds",
        "10 minutes",
        "1 minute 1 second",
    ]


def test_pitches_keep_every_version(store) -> None:
    project_id, people = demo_people(store)
    pair = create_pair(
        store,
        project_id,
        "D and P",
        professional_id=people["Priya"],
        lived_experience_id=people["Dev"],
        actor="f",
    )
    save_pitch(store, pair, "30_seconds", "First go.", author="Dev Morgan", actor="f")
    assert save_pitch(store, pair, "30_seconds", " First go. ", author="Dev", actor="f") is None
    save_pitch(store, pair, "30_seconds", "Second go.", author="Priya Shah", actor="f")
    assert [v.text for v in pitch_versions(store, pair, "30_seconds")] == [
        "Second go.",
        "First go.",
    ]
    assert pitch_versions(store, pair, "10_minutes") == []
    with pytest.raises(CoprodLabError, match="is empty"):
        save_pitch(store, pair, "10_minutes", "  ", author="Dev", actor="f")
    with pytest.raises(CoprodLabError, match="no pair number"):
        save_pitch(store, 999, "10_minutes", "x", author="Dev", actor="f")


def test_numbers_count_as_spoken_words() -> None:
    assert (
        timing("I stayed 3 times, in 2024 and 2025.", "30_seconds", words_per_minute=130).words == 8
    )
