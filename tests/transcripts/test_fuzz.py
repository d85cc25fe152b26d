"""Hypothesis fuzzing: no input makes a reader fail with anything but TranscriptError, and
whatever a reader returns is a well-formed Transcript table."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod_lab.transcripts import COLUMNS, TranscriptError, read_transcript
from coprod_lab.transcripts.captions import cues_to_table, parse_srt, parse_webvtt
from coprod_lab.transcripts.csv_table import parse_csv
from coprod_lab.transcripts.otter import parse_otter
from coprod_lab.transcripts.plain_text import parse_named_lines
from coprod_lab.transcripts.speaker_key import parse_speaker_key

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = Path("fuzzed.txt")

# Text made of the pieces transcripts are made of, so the fuzzer reaches deep into parsers.
PIECES = st.sampled_from(
    [
        "WEBVTT",
        "\n",
        "\n\n",
        "\r\n",
        "-->",
        " --> ",
        "00:00:01.000",
        "0:0:1.5",
        "00:01,250",
        "1",
        "NOTE",
        "STYLE",
        "<v Ann>",
        "</v>",
        "<c.x>",
        "Ann: ",
        "Bob Lee  0:03",
        "MD - Mo Dee",
        "MD ",
        ":",
        ",",
        '"',
        "&amp;",
        "speaker,text",
        "\ufeff",
        "\x00",
        "é",
        " ",
    ]
)
TRANSCRIPT_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


# Whole caption files, shaped like the real thing but with any part broken or odd.
TIMES = st.one_of(
    st.builds(
        "{:02d}:{:02d}:{:02d}{}{:03d}".format,
        st.integers(0, 99),
        st.integers(0, 70),
        st.integers(0, 70),
        st.sampled_from(".,"),
        st.integers(0, 999),
    ),
    st.sampled_from(["0:0:0.210", "00:01.5", "1d:00.000", ""]),
)
CUE_WORDS = st.lists(
    st.one_of(
        st.sampled_from(["Ann: hi", "<v Bo Li>yes</v>", "-->", "&lt;", " "]), st.text(max_size=12)
    ),
    max_size=3,
)
BLOCK = st.tuples(
    st.sampled_from(["", "7\n", "id\n", "NOTE\n"]),
    TIMES,
    TIMES,
    st.sampled_from(["", " align:start"]),
    CUE_WORDS,
).map(lambda b: f"{b[0]}{b[1]} --> {b[2]}{b[3]}\n" + "\n".join(b[4]))
CAPTION_FILE = st.tuples(
    st.sampled_from(["WEBVTT\n\n", "WEBVTT - title\nKind: captions\n\n", "", "\ufeffWEBVTT\n\n"]),
    st.lists(BLOCK, max_size=8),
).map(lambda f: f[0] + "\n\n".join(f[1]))


def well_formed(table: pd.DataFrame) -> None:
    assert tuple(table.columns) == COLUMNS
    assert table["turn"].tolist() == list(range(len(table)))
    assert (table["line"] >= 1).all()
    assert table["text"].map(lambda t: isinstance(t, str) and t.strip() != "").all()


def survives(parse, *args, **kwargs) -> None:
    try:
        result = parse(*args, **kwargs)
    except TranscriptError as error:
        assert str(error)
        return
    well_formed(result)


@FUZZ
@given(st.one_of(TRANSCRIPT_TEXT, CAPTION_FILE))
def test_webvtt(text: str) -> None:
    survives(lambda: cues_to_table(parse_webvtt(text, PATH), PATH, "s"))


@FUZZ
@given(st.one_of(TRANSCRIPT_TEXT, CAPTION_FILE))
def test_srt(text: str) -> None:
    survives(lambda: cues_to_table(parse_srt(text, PATH), PATH, "s"))


@FUZZ
@given(TRANSCRIPT_TEXT)
def test_plain_text(text: str) -> None:
    survives(parse_named_lines, text, PATH, "s")


@FUZZ
@given(TRANSCRIPT_TEXT)
def test_otter(text: str) -> None:
    survives(parse_otter, text, PATH, "s")


@FUZZ
@given(TRANSCRIPT_TEXT)
def test_speaker_key(text: str) -> None:
    survives(parse_speaker_key, text, PATH, "s")


@FUZZ
@given(TRANSCRIPT_TEXT)
def test_csv(text: str) -> None:
    survives(
        parse_csv,
        "speaker,text,start\n" + text,
        PATH,
        "s",
        speaker_column="speaker",
        text_column="text",
    )


@FUZZ
@given(st.binary(max_size=300), st.sampled_from([".vtt", ".srt", ".txt", ".csv", ".docx"]))
def test_any_bytes_in_any_file(raw: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(raw)
        survives(read_transcript, path)


@FUZZ
@given(TRANSCRIPT_TEXT, st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_any_text_in_any_encoding(text: str, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.txt"
        path.write_bytes(text.encode(encoding, errors="replace"))
        survives(read_transcript, path)
