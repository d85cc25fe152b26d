"""The failing cases in ../shared/cases/transcripts/, each with the result its README gives,
and small variants of each kind (the kind is fixed, not the one file)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from coprod_lab.transcripts import TranscriptError, read_transcript
from tests.conftest import SHARED

CASES = SHARED / "cases" / "transcripts"


def turns(table) -> list[tuple[str, str]]:
    return list(zip(table["speaker"], table["text"], strict=True))


def warned(table, *words: str) -> list[str]:
    """The warnings holding every one of `words`."""
    return [w for w in table.attrs["warnings"] if all(word in w for word in words)]


def write(tmp_path: Path, text: str, name: str = "t.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_case_file_has_a_test_here() -> None:
    source = Path(__file__).read_text()
    assert [p.name for p in CASES.iterdir() if p.name not in source] == []


# The older Teams layout


def test_teams_old_format_docx() -> None:
    table = read_transcript(CASES / "teams-old-format.docx")
    assert turns(table) == [("Nia Patel", "OK. Yeah."), ("Tom Reed", "Umm.")]
    assert table["start"].tolist() == [0.0, 3.27]
    assert table["end"].tolist() == [1.51, 4.25]
    assert table["line"].tolist() == [1, 2]  # paragraph numbers in the document
    assert table.attrs["warnings"] == []


def test_teams_old_format_txt() -> None:
    table = read_transcript(CASES / "teams-old-format.txt")
    assert turns(table) == [
        ("Nia Patel", "Hello everyone. Today we cover discharge."),
        ("Tom Reed", "Thanks Nia."),
    ]
    assert table["start"].tolist() == [0.0, 6.5]
    assert table["end"].tolist() == [6.1, 8.0]


def test_the_older_teams_layout_with_blank_lines_and_a_cue_with_no_name(tmp_path) -> None:
    path = write(
        tmp_path,
        "0:0:1.0 --> 0:0:2.0\nAnn Lee\nFirst.\n\n0:0:2.0 --> 0:0:3.0\nJust words.\n\n"
        "0:0:3.0 --> 0:0:4.0\nBob Ode\nSecond.\n",
        "t.txt",
    )
    table = read_transcript(path)
    assert turns(table) == [
        ("Ann Lee", "First."),
        ("Unknown speaker", "Just words."),
        ("Bob Ode", "Second."),
    ]
    assert warned(table, "line 5", "no speaker")


def test_teams_guest_names_keep_their_tag_and_titles_are_not_speech() -> None:
    table = read_transcript(CASES / "teams-guest-names.docx")
    assert turns(table) == [
        ("Hans Elstner (External)", "Thanks for having me."),
        ("Jonny (Guest)", "Happy to help."),
    ]
    assert table["start"].tolist() == [3.0, 9.0]
    assert table.attrs["title"] == "Ward team meeting"


def test_teams_guid_ids_crlf_vtt() -> None:
    table = read_transcript(CASES / "teams-guid-ids-crlf.vtt")
    assert turns(table) == [
        ("Priya Shah", "Can everyone see my screen? This is the discharge plan."),
        ("Sam O'Brien", "Yes, I can."),
    ]
    assert table["start"].tolist() == [3.12, 8.0]
    assert table["end"].tolist() == [7.0, 9.5]


def test_several_voices_in_one_caption_are_one_utterance_each(tmp_path) -> None:
    path = write(
        tmp_path,
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ann &amp; Co>Yes.</v> <v Bob>No.</v>\n"
        "<v.loud Cy O&#x27;Neil>Maybe.\n\n00:00:04.000 --> 00:00:05.000\n<v Cy O'Neil>Fine.\n",
        "t.vtt",
    )
    table = read_transcript(path)
    assert turns(table) == [("Ann & Co", "Yes."), ("Bob", "No."), ("Cy O'Neil", "Maybe. Fine.")]
    assert table["start"].tolist() == [1.0, 1.0, 1.0]
    assert table["end"].tolist() == [4.0, 4.0, 5.0]


def test_a_colon_inside_a_sentence_is_not_a_speaker_in_captions(tmp_path) -> None:
    path = write(
        tmp_path,
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAnn Lee: Hello.\n\n"
        "00:00:02.000 --> 00:00:03.000\nand then she said: go home\n",
        "t.vtt",
    )
    table = read_transcript(path)
    assert turns(table) == [
        ("Ann Lee", "Hello."),
        ("Unknown speaker", "and then she said: go home"),
    ]


# Otter


def test_otter_footer_is_not_speech() -> None:
    table = read_transcript(CASES / "otter-footer.txt")
    assert turns(table) == [("Ann Lee", "Hello everyone."), ("Ben Ode", "Thanks all.")]
    assert warned(table, "otter-footer.txt, line 9", "Transcribed by")


# Podcasts and interviews with a speaker key


def test_front_matter_is_metadata() -> None:
    table = read_transcript(CASES / "podcast-01_front_matter.md")
    assert turns(table) == [
        ("Mary Dunn", "Welcome to the podcast. Tell us about your service."),
        ("Ann Lee", "We support carers across the county."),
        ("Mary Dunn", "Thanks for coming in."),
    ]
    assert table.attrs["title"] == "A made-up episode"
    assert set(table["session"]) == {"A made-up episode"}  # no session name was given
    assert not table["text"].str.contains("title|---").any()


def test_the_front_matter_title_does_not_replace_a_given_session_name() -> None:
    table = read_transcript(CASES / "podcast-01_front_matter.md", session="Episode 1")
    assert set(table["session"]) == {"Episode 1"}


def test_the_intro_paragraph_is_the_description() -> None:
    table = read_transcript(CASES / "podcast-02_intro_paragraph.md")
    assert turns(table) == [
        ("Mary Dunn", "Welcome to the podcast. Tell us about your service."),
        ("Ann Lee", "We support carers across the county."),
    ]
    assert table.attrs["description"].startswith("Mary Dunn spoke to Ann Lee")
    assert table.attrs["warnings"] == []


def test_a_key_with_one_speaker() -> None:
    table = read_transcript(CASES / "podcast-03_single_speaker_key.md")
    assert turns(table) == [
        (
            "Professor Pat Fox",
            "Many thanks for coming along tonight. I want to talk about welfare reform. "
            "It has changed the lives of many people we work with.",
        )
    ]


def test_a_key_typo_never_gives_words_to_the_previous_speaker() -> None:
    table = read_transcript(CASES / "podcast-04_key_typo_misattribution.md")
    assert table["speaker"].tolist() == ["Mary Dunn", "Lena Brown", "Mary Dunn", "Lena Brown"]
    assert table["text"][1].startswith("Yes, it is a video calling service")
    [warning] = warned(table, "podcast-04_key_typo_misattribution.md, line 6", "`LB`")
    assert "Lena Brown" in warning and "lines 6, 10" in warning


def test_a_guest_not_in_the_key_is_their_own_speaker() -> None:
    table = read_transcript(CASES / "podcast-05_unkeyed_speaker.md")
    assert table["speaker"].tolist() == [
        "Mark Moore",
        "Lucy Cole",
        "Mark Moore",
        "JM",
        "Mark Moore",
        "JM",
    ]
    assert table["text"][3] == "I was, yeah."
    [warning] = warned(table, "line 10", "`JM` is not in the speaker key")
    assert "Jack Muir" in warning


def test_a_title_line_is_not_a_speaker() -> None:
    table = read_transcript(CASES / "podcast-06_title_as_speaker.md")
    assert table["speaker"].tolist() == ["Iris Clark"]
    assert table["text"][0].endswith("My job is to give advice to ministers.")
    assert table.attrs["title"].startswith("Shaping our future")


def test_a_job_title_after_a_comma_is_a_note() -> None:
    table = read_transcript(CASES / "podcast-07_key_with_comma.md")
    assert turns(table) == [
        ("Mary Dunn", "Welcome, Fay."),
        ("Fay Dale", "Thank you for having me."),
    ]
    assert table.attrs["speaker_notes"] == {"Fay Dale": "Interim Director at the Centre"}


def test_one_speakers_paragraphs_are_one_turn() -> None:
    table = read_transcript(CASES / "podcast-08_same_speaker_paragraphs.md")
    assert turns(table) == [
        (
            "Mary Dunn",
            "First paragraph of the host's question. Second paragraph of the same question.",
        ),
        ("Ann Lee", "The answer."),
    ]
    assert table["turn"].tolist() == [0, 1]


def test_initials_given_to_two_people_are_never_silently_one() -> None:
    table = read_transcript(CASES / "podcast-09_duplicate_initials.md")
    both = "Alice Brown or Andrew Black"
    assert table["speaker"].tolist() == ["Mary Dunn", both, "Mary Dunn", both]
    assert warned(table, "line 2", "Alice Brown", "Andrew Black")


# Variants of the same kinds, written the other ways people write them.


@pytest.mark.parametrize(
    "key",
    [
        "MD - Mary Dunn\nFD - Fay Dale - Interim Director",
        "**MD** - Mary Dunn\n**FD** \u2013 Fay Dale (Interim Director)",
        "Speaker key:\nMary Dunn (MD)\nFay Dale (FD), Interim Director",
        "MD: Mary Dunn\nFD: Fay Dale; Interim Director",
    ],
)
def test_speaker_keys_as_people_write_them(tmp_path, key: str) -> None:
    path = write(
        tmp_path,
        f"# Episode 3\n\n{key}\n\nAn introduction.\n\nMD: Welcome.\n\n**FD** Thanks.\nMore.\n",
    )
    table = read_transcript(path)
    assert turns(table) == [("Mary Dunn", "Welcome."), ("Fay Dale", "Thanks. More.")]
    assert table.attrs["speaker_notes"] == {"Fay Dale": "Interim Director"}
    assert table.attrs["title"] == "Episode 3"
    assert table.attrs["description"] == "An introduction."


def test_front_matter_speakers_help_the_key(tmp_path) -> None:
    path = write(
        tmp_path,
        "---\ntitle: Talk\nhosts: Mary Dunn\nspeakers:\n  - name: Jack Muir\n---\n"
        "MD - Mary Dunn\n\nMD Hello.\n\nJM Hi.\n",
    )
    table = read_transcript(path)
    assert turns(table) == [("Mary Dunn", "Hello."), ("Jack Muir", "Hi.")]
    assert warned(table, "line 11", "`JM`", "front matter")


def test_turns_on_lines_of_their_own_catch_an_unkeyed_mark_anywhere(tmp_path) -> None:
    path = write(tmp_path, "MD - Mary Dunn\nAL - Ann Lee\n\nMD Hi.\nAL Hello.\nZK Me too.\n")
    table = read_transcript(path)
    assert turns(table) == [("Mary Dunn", "Hi."), ("Ann Lee", "Hello."), ("ZK", "Me too.")]
    assert warned(table, "line 6", "`ZK`")


def test_a_used_key_mark_is_not_taken_for_a_typo(tmp_path) -> None:
    # LD marks turns of its own, so LB cannot safely be Lena Brown: kept apart.
    path = write(tmp_path, "LD - Lena Brown\nMD - Mary Dunn\n\nLD One.\n\nLB Two.\n\nMD Three.\n")
    table = read_transcript(path)
    assert table["speaker"].tolist() == ["Lena Brown", "LB", "Mary Dunn"]
    assert warned(table, "line 6", "kept as its own speaker")


def test_plain_text_title_and_details_are_not_speakers(tmp_path) -> None:
    path = write(
        tmp_path,
        "Title: Carers' forum\nDate: 3 May\nShaping our future: relationships matter\n\n"
        "Ann Lee: Hello.\nlater: not a name\nBob (Guest): Hi.\n[00:01:02] Ann Lee: Bye.\n",
        "t.txt",
    )
    table = read_transcript(path)
    assert turns(table) == [
        ("Ann Lee", "Hello. later: not a name"),
        ("Bob (Guest)", "Hi."),
        ("Ann Lee", "Bye."),
    ]
    assert table.attrs["title"] == "Carers' forum"
    assert warned(table, "line 3", "description")
    assert warned(table, "line 6", "`later:`")
    assert math.isnan(table["start"][0]) and table["start"][2] == 62


@pytest.mark.parametrize(
    ("text", "expected", "found"),
    [
        ("just some words\nand more\n", "a turn starting with a name and a colon", "just some"),
        ("MD - Mary Dunn\n\nhello there\n", "turns marked with the key's initials (MD)", "hello"),
    ],
)
def test_refusals_say_what_was_expected_and_found(tmp_path, text, expected, found) -> None:
    with pytest.raises(TranscriptError) as error:
        read_transcript(write(tmp_path, text, "t.txt"))
    message = str(error.value)
    assert expected in message and f"`{found}" in message
    assert "WebVTT" in message and "speaker key" in message and "CSV" in message


def test_markdown_podcasts_with_bold_names(tmp_path) -> None:
    path = write(
        tmp_path,
        "**Emma** [0:00] Today we talk.\n\n**Kelly** [0:18] Welcome.\n\n**Emma** [0:20] Hi.\n"
        "**Zed** once, unconfirmed.\n",
    )
    table = read_transcript(path)
    assert turns(table) == [
        ("Emma", "Today we talk."),
        ("Kelly", "Welcome."),
        ("Emma", "Hi. **Zed** once, unconfirmed."),
    ]
    assert table["start"].tolist() == [0, 18, 20]
    assert warned(table, "line 6", "**Zed**")


def test_otter_with_bold_names_and_a_time_out_of_order(tmp_path) -> None:
    path = write(
        tmp_path, "**Ann**  33:22\nFirst.\n\n**Bob**  32:25\nSecond.\n\n**Ann**  34:00\nOk.\n"
    )
    table = read_transcript(path)
    assert turns(table) == [("Ann", "First."), ("Bob", "Second."), ("Ann", "Ok.")]
    assert math.isnan(table["end"][0]) and table["end"][1] == 34 * 60
    assert warned(table, "line 4", "earlier than the one before")


def test_zoom_names_with_a_bracketed_tag(tmp_path) -> None:
    path = write(
        tmp_path,
        "WEBVTT\n\n1\n00:00:00.510 --> 00:00:01.550\nAshlee Kupor (SL): Let's do that\n\n"
        "2\n00:00:01.790 --> 00:00:07.080\nDora Demszky: by, too.\n",
        "t.vtt",
    )
    table = read_transcript(path)
    assert turns(table) == [("Ashlee Kupor (SL)", "Let's do that"), ("Dora Demszky", "by, too.")]


def test_otters_unknown_speakers_are_never_joined(tmp_path) -> None:
    path = write(tmp_path, "Unknown Speaker  0:01\nOne.\n\nUnknown Speaker  0:05\nTwo.\n", "t.txt")
    table = read_transcript(path)
    assert turns(table) == [("Unknown speaker", "One."), ("Unknown speaker", "Two.")]


def test_otter_names_in_small_letters_count_when_they_recur(tmp_path) -> None:
    path = write(
        tmp_path,
        "Ann Lee  0:01\nHello.\n\ndora  0:05\nHi.\n\nAnn Lee  0:09\nBye.\n\ndora  0:12\nBye.\n"
        "\nAnn Lee  0:15\nwe meet at 10:30\n",
        "t.txt",
    )
    table = read_transcript(path)
    assert table["speaker"].tolist() == ["Ann Lee", "dora", "Ann Lee", "dora", "Ann Lee"]
    assert warned(table, "line 14", "we meet at 10:30")
