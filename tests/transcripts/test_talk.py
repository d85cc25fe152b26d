"""Who spoke how much: turns, words and minutes by role and by speaker, checked by hand on a
small table and on the real Zoom meeting."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from coprod_lab.transcripts import read_transcript
from coprod_lab.transcripts.talk import talk_by_role, talk_by_speaker
from tests.transcripts.test_readers import ZOOM


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "speaker": ["Ann", "Bob", "Ann", "Cat"],
            "role": ["lived_experience", "professional", "lived_experience", "professional"],
            "text": ["I didn't know.", "It's a care package, sorry.", "Oh!", "Right, 2 things"],
            "start": [0.0, 60.0, 90.0, float("nan")],
            "end": [60.0, 90.0, 120.0, float("nan")],
        }
    )


def test_talk_by_role_counts_turns_words_and_minutes() -> None:
    found = talk_by_role(table()).set_index("role")
    lived, pro = found.loc["Lived experience"], found.loc["Professional"]
    assert (lived["people"], lived["turns"], lived["words"]) == (1, 2, 4)  # I didn't know Oh
    assert (pro["people"], pro["turns"], pro["words"]) == (2, 2, 8)  # 5 + 3; "It's" is one
    assert (lived["minutes"], pro["minutes"]) == (1.5, 0.5)  # Cat's turn has no times
    # Shares are rounded to three places, as people read them (0.333, not 0.3333333).
    assert lived["share of words"] == 0.333
    assert lived["share of minutes"] == pytest.approx(0.75)
    assert found["share of turns"].sum() == pytest.approx(1.0, abs=0.002)


def test_talk_by_speaker_puts_most_words_first() -> None:
    found = talk_by_speaker(table())
    assert list(found["speaker"]) == ["Bob", "Ann", "Cat"]
    assert list(found["words"]) == [5, 4, 3]
    assert list(found["role"]) == ["Professional", "Lived experience", "Professional"]


def test_on_the_real_zoom_meeting_the_figures_add_up() -> None:
    zoom = read_transcript(ZOOM)
    found = talk_by_speaker(zoom)
    assert found["turns"].sum() == len(zoom) == 34
    assert found.iloc[0]["speaker"] == "Paul McCartney"  # tells most of the story
    spoken = (zoom["end"] - zoom["start"]).sum() / 60
    assert found["minutes"].sum() == pytest.approx(spoken, abs=0.1)
    assert math.isclose(found["share of words"].sum(), 1.0, abs_tol=0.001 * len(found))
    assert all(round(v, 3) == v for v in found["share of words"])


def test_an_empty_transcript_gives_an_empty_table() -> None:
    assert talk_by_role(table().iloc[:0]).empty
