"""A plain `Initials: text` transcript is read as turns, never as a speaker key that eats its
first lines (a new user's report: `SO: Welcome, everyone.` became a key giving `SO` the name
"Welcome", and the first two turns were lost without a word)."""

from __future__ import annotations

from pathlib import Path

from coprod_lab.cli import _with_given_roles
from coprod_lab.transcripts import read_transcript


def _read(tmp_path: Path, text: str):
    path = tmp_path / "made-up.txt"
    path.write_text(text, encoding="utf-8")
    return read_transcript(path)


def test_initials_with_words_after_them_are_turns_not_a_key(tmp_path: Path) -> None:
    table = _read(
        tmp_path,
        "TB: Hello, all.\nRN: Thanks, good to be here.\nTB: Shall we look at the rota?\n"
        "RN: Which rota?\n",
    )
    assert table.attrs["format"] == "plain_text"
    assert table["speaker"].tolist() == ["TB", "RN", "TB", "RN"]
    assert table["line"].tolist() == [1, 2, 3, 4]
    assert table["text"][0] == "Hello, all."


def test_initials_that_spell_a_word_still_mark_a_turn(tmp_path: Path) -> None:
    # `SO` is "so" and `DM: Sorry, ...` reads like `DM - Sorry, (a note)`: neither is a key.
    table = _read(
        tmp_path,
        "KW: The panel meets on Monday.\nDM: Sorry, which panel?\nKW: The one for housing.\n"
        "SO: Good question, DM.\nKW: Thanks.\n",
    )
    assert table["speaker"].tolist() == ["KW", "DM", "KW", "SO", "KW"]
    assert table["line"].tolist() == [1, 2, 3, 4, 5]


def test_a_key_whose_initials_agree_with_the_names_is_still_a_key(tmp_path: Path) -> None:
    table = _read(
        tmp_path,
        "TB: Tess Bray, facilitator\nRN: Rhys Nolan\n\nTB: Hello, all.\nRN: Thanks.\n",
    )
    assert table.attrs["format"] == "speaker_key"
    assert table["speaker"].tolist() == ["Tess Bray", "Rhys Nolan"]
    assert table.attrs["speaker_notes"] == {"Tess Bray": "facilitator"}
    assert not table.attrs["warnings"]


def test_a_key_line_that_may_be_a_turn_is_reported_with_its_line(tmp_path: Path) -> None:
    # A plausible name the initials are not made from, and `XY` starts turns below: a key in
    # the shape of a turn. Kept as a key, but said, with the file and the line.
    table = _read(tmp_path, "Notes of the meeting\nXY: Gemma, chair\n\nXY: Hello.\n")
    assert table["speaker"].tolist() == ["Gemma"]
    said = [w for w in table.attrs["warnings"] if "line 2" in w and "speaker key line" in w]
    assert said and "made-up.txt" in said[0]


def test_a_one_letter_mark_before_a_word_that_starts_with_it_is_a_turn(tmp_path: Path) -> None:
    # "S: Sorry" starts with S, but "Sorry" is no name; "I: Interviewer" is a key line.
    table = _read(tmp_path, "S: Sorry, what is that?\nT: The panel.\nS: Right.\n")
    assert table["speaker"].tolist() == ["S", "T", "S"]
    table = _read(tmp_path, "I: Interviewer\nR: Respondent\n\nI: Hello.\nR: Hi.\n")
    assert table["speaker"].tolist() == ["Interviewer", "Respondent"]


def test_initials_that_spell_a_word_beside_one_other_speaker_mark_a_turn(tmp_path: Path) -> None:
    # A second new user: `SO:` once beside `DM:` was joined to DM's turn, and `SO:` on the
    # first line of a two-line file was kept as the description.
    table = _read(
        tmp_path,
        "DM: I rang three times.\nDM: Nobody called back.\n"
        "NO: That sounds hard. What happened next?\nDM: I gave up.\n",
    )
    assert table["speaker"].tolist() == ["DM", "DM", "NO", "DM"]
    assert table["text"][1] == "Nobody called back."
    two = _read(tmp_path, "SO: Hello there.\nKP: Thanks, glad to be here.\n")
    assert two["speaker"].tolist() == ["SO", "KP"]


def test_a_turn_that_introduces_its_speaker_after_other_turns_is_not_a_key(
    tmp_path: Path,
) -> None:
    # A new user's file: line 4 `DM: I'm Dave, ...` was read as a key giving DM the name
    # "I'm Dave", and lines 1 to 3 became the session's description, without a word.
    table = _read(
        tmp_path,
        "SO: Welcome, everyone.\nDM: Thanks, glad to be here.\nSO: Shall we go round?\n"
        "DM: I'm Dave, I'm the discharge lead at the trust. Since the ICB took over, each "
        "PCN has a care coordinator.\nPS: Sorry, what's a PCN?\n",
    )
    assert table["speaker"].tolist() == ["SO", "DM", "SO", "DM", "PS"]
    assert table["line"].tolist() == [1, 2, 3, 4, 5]


def test_a_first_turn_that_greets_someone_by_name_is_a_turn(tmp_path: Path) -> None:
    table = _read(
        tmp_path,
        "DM: Thanks Sarah, yes.\nSO: Welcome, all.\nDM: Good to be here.\nSO: Let's start.\n",
    )
    assert table["speaker"].tolist() == ["DM", "SO", "DM", "SO"]


def test_a_key_without_dashes_names_the_speakers(tmp_path: Path) -> None:
    # Iriss.fm transcripts open like this: initials and a name on a line, no dash between.
    table = _read(
        tmp_path,
        "Caring Conversations - Episode 12\n\nMM Michael McEwan\nSK Sarah Khan\n"
        "DO\tDavid Okoro\n\nMM So, what is it like?\nSK Hard, some days.\nDO We try to help.\n",
    )
    assert table.attrs["format"] == "speaker_key"
    assert table["speaker"].tolist() == ["Michael McEwan", "Sarah Khan", "David Okoro"]
    assert table["line"].tolist() == [7, 8, 9]
    assert not table.attrs["warnings"]
    assert table.attrs["speaker_marks"]["SK"] == "Sarah Khan"
    # A role can be given by the file's own mark, as `jargon --transcript --role SK=...` does.
    roles = _with_given_roles(table, ["SK=lived experience", "DO=professional"], "made-up.txt")
    assert roles["role"].tolist()[1:] == ["lived_experience", "professional"]
