"""Jargon in transcripts: rates by speaker and role, and terms people then asked about."""

from __future__ import annotations

import pandas as pd

from coprod_lab.jargon.in_transcripts import asked_about, jargon_by_role, jargon_by_speaker
from coprod_lab.transcripts import read_transcript
from tests.conftest import SHARED

ROWS = [
    ("Tom", "professional", "We will refer you to the PCN and set up a care package."),
    ("Joan", "lived_experience", "Sorry, what is a PCN?"),
    ("Tom", "professional", "It is a group of GP surgeries near you."),
    ("Joan", "lived_experience", "And the care package, what does that mean?"),
    ("Sam", "facilitator", "Let us write both down."),
    ("Joan", "lived_experience", "The PCN sounds useful."),
]


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"session": "s1", "turn": i, "speaker": s, "role": r, "text": t}
            for i, (s, r, t) in enumerate(ROWS)
        ]
    )


def test_jargon_per_speaker_matches_a_hand_count() -> None:
    by_speaker = jargon_by_speaker(_table()).set_index("speaker")
    # Tom: 13 + 9 words; PCN, GP (acronyms), care package (jargon).
    assert by_speaker.loc["Tom", "words"] == 22
    assert by_speaker.loc["Tom", "acronyms"] == 2
    assert by_speaker.loc["Tom", "jargon"] == 1
    assert by_speaker.loc["Tom", "jargon_per_100_words"] == round(100 * 3 / 22, 2)
    # Joan says PCN twice and care package once while asking about them.
    assert by_speaker.loc["Joan", "acronyms"] == 2
    assert by_speaker.loc["Sam", "jargon_per_100_words"] == 0.0


def test_jargon_per_role_adds_up_the_speakers() -> None:
    by_role = jargon_by_role(_table()).set_index("role")
    by_speaker = jargon_by_speaker(_table())
    assert by_role["words"].sum() == by_speaker["words"].sum()
    assert by_role.loc["professional", "acronyms"] == 2


def test_terms_a_professional_used_that_lived_experience_then_asked_about() -> None:
    asked = asked_about(_table())
    assert asked[["term", "used_by", "used_turn", "asked_by", "asked_turn"]].values.tolist() == [
        ["PCN", "Tom", 0, "Joan", 1],
        ["care package", "Tom", 0, "Joan", 3],
    ]


def test_a_term_said_back_without_a_question_is_not_asked_about() -> None:
    table = _table().iloc[[0, 5]]
    assert asked_about(table).empty


def test_works_on_the_real_zoom_transcript() -> None:
    table = read_transcript(SHARED / "corpus" / "zoom-meeting" / "meeting003_transcript.vtt")
    by_speaker = jargon_by_speaker(table)
    assert set(by_speaker["speaker"]) == set(table["speaker"])
    assert by_speaker["words"].sum() > 5000
