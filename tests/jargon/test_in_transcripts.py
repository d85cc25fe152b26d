"""Jargon in transcripts: rates by speaker and role, and terms people then asked about."""

from __future__ import annotations

import pandas as pd
import pytest

from coprod_lab.errors import CoprodLabError
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
    # Joan says PCN twice and care package once, asking about them or saying them back:
    # none of it counts against her.
    assert by_speaker.loc["Joan", "acronyms"] == 0
    assert by_speaker.loc["Joan", "jargon"] == 0
    assert by_speaker.loc["Joan", "said_back"] == 3
    assert by_speaker.loc["Sam", "jargon_per_100_words"] == 0.0


def test_jargon_per_role_adds_up_the_speakers() -> None:
    by_role = jargon_by_role(_table()).set_index("role")
    by_speaker = jargon_by_speaker(_table())
    assert by_role["words"].sum() == by_speaker["words"].sum()
    assert by_role.loc["professional", "acronyms"] == 2
    assert by_role.loc["lived_experience", "acronyms"] == 0


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


def _talk(rows: list[tuple[str, str, str]], session: str = "s1") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"session": session, "turn": i, "speaker": s, "role": r, "text": t}
            for i, (s, r, t) in enumerate(rows)
        ]
    )


def test_jargon_counts_against_who_brought_it_in_not_who_quoted_or_asked() -> None:
    table = _talk(
        [
            ("Joan", "lived_experience", "My discharge letter says I need a care package."),
            ("Ann", "lived_experience", "What's RAG rated?"),
            ("Tom", "professional", "Your care package starts Monday; the plan is RAG rated."),
            ("Ann", "lived_experience", "So my care package is RAG rated too?"),
            ("Tom", "professional", "Yes, every care package is."),
            ("Joan", "lived_experience", 'It said "step-down". I thought step-down meant stairs.'),
            ("Ann", "lived_experience", "We were told a care package would start."),
        ]
    )
    by_speaker = jargon_by_speaker(table).set_index("speaker")
    # Tom is first to use both terms himself (turn 2), and uses "care package" again (turn 4).
    assert by_speaker.loc["Tom", "jargon"] + by_speaker.loc["Tom", "acronyms"] >= 3
    for person in ("Joan", "Ann"):
        assert by_speaker.loc[person, "jargon"] == 0
        assert by_speaker.loc[person, "acronyms"] == 0
        assert by_speaker.loc[person, "said_back"] >= 1
    # In another session the same words count afresh against whoever brings them in.
    again = pd.concat([table, _talk([("Joan", "lived_experience", "I got a care package.")], "s2")])
    assert jargon_by_speaker(again).set_index("speaker").loc["Joan", "jargon"] == 1


def test_asked_about_finds_phrases_ignores_plain_use_and_names_the_session() -> None:
    table = _talk(
        [
            ("Tom", "professional", "You were held under Section 136 and seen by the AMHP."),
            ("Joan", "lived_experience", "Sorry, what's a Section 136?"),
            ("Tom", "professional", "Book a review at your GP surgery with the ICB form."),
            ("Joan", "lived_experience", "Sorry, do I go to my GP surgery or the hospital?"),
            ("Joan", "lived_experience", "Or do I ring my GP?"),
            ("Joan", "lived_experience", "AMHP?"),
        ],
        session="Tuesday group",
    )
    asked = asked_about(table)
    assert asked["term"].tolist() == ["AMHP", "Section 136"]
    assert set(asked["session"]) == {"Tuesday group"}
    assert asked.set_index("term").loc["Section 136", "asked_turn"] == 1
    assert "GP" not in set(asked["term"])


def test_asked_about_reads_the_session_id_of_project_tables() -> None:
    table = _table().rename(columns={"session": "session_id"})
    assert set(asked_about(table)["session"]) == {"s1"}


def test_a_facilitators_term_that_was_asked_about_is_found() -> None:
    # A new user's meeting: the facilitator said "PCN" and a participant asked "What's a PCN?".
    table = pd.DataFrame(
        [
            {"session": "s1", "turn": 0, "speaker": "Priya", "role": "facilitator",
             "text": "Next we hear from the PCN about the new clinic."},
            {"session": "s1", "turn": 1, "speaker": "Dave", "role": "lived_experience",
             "text": "What's a PCN?"},
        ]
    )  # fmt: skip
    asked = asked_about(table)
    assert asked[["term", "used_by", "asked_by"]].values.tolist() == [["PCN", "Priya", "Dave"]]


def test_speakers_initials_said_in_a_turn_are_people_not_acronyms(tmp_path) -> None:
    # Made up: speakers marked by initials hand over to each other by initials. Only the PCN
    # is a short form; "TW", "BN", "CF" are the people in the room.
    path = tmp_path / "handover.txt"
    path.write_text(
        "TW: Over to you, BN. Then CF has questions.\n"
        "BN: Thanks TW. Our PCN meets on Friday.\n"
        "CF: Can BN send the notes to TW and me?\n",
        encoding="utf-8",
    )
    by_speaker = jargon_by_speaker(read_transcript(path)).set_index("speaker")
    assert by_speaker["acronyms"].to_dict() == {"TW": 0, "BN": 1, "CF": 0}


def test_initials_of_names_from_a_speaker_key_are_people_too() -> None:
    table = pd.DataFrame(
        [
            {"turn": 0, "speaker": "Tess Wade", "role": "unknown", "text": "Over to you, BN."},
            {"turn": 1, "speaker": "Ben Nye", "role": "unknown", "text": "Thanks TW, and ICB."},
        ]
    )
    assert jargon_by_speaker(table)["acronyms"].tolist() == [0, 1]


def test_a_role_written_in_words_is_understood_and_a_wrong_one_is_refused() -> None:
    # A second new user wrote role="lived experience", as the README writes it, and got no
    # questions and no message.
    table = pd.DataFrame(
        {
            "speaker": ["KP", "DM"],
            "role": ["professional", "Lived experience"],
            "turn": [1, 2],
            "text": ["The PCN will call you.", "Sorry, what is a PCN?"],
        }
    )
    assert asked_about(table)["term"].tolist() == ["PCN"]
    with pytest.raises(CoprodLabError, match="Unknown role 'lived exp'"):
        asked_about(table.assign(role=["professional", "lived exp"]))
