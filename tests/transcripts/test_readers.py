"""Every reader, on real files (../shared/corpus) and on small ones we wrote (files/)."""

from __future__ import annotations

import codecs
import itertools
import math
from html import escape
from pathlib import Path

import pandas as pd
import pytest

from coprod_lab.transcripts import COLUMNS, UNKNOWN_SPEAKER, TranscriptError, read_transcript
from tests.conftest import SHARED

FILES = Path(__file__).resolve().parent / "files"
ZOOM = SHARED / "corpus" / "zoom-meeting" / "meeting003_transcript.vtt"
EDGES = SHARED / "corpus" / "subtitle-edge-cases"


def cue_words(path: Path) -> list[str]:
    """Every word spoken in a Zoom file, names taken off, read the simplest way."""
    words = []
    for block in path.read_text().replace("\r\n", "\n").split("\n\n"):
        lines = block.strip().splitlines()
        if len(lines) >= 3 and "-->" in lines[1]:
            text = " ".join(lines[2:])
            head, _, rest = text.partition(": ")
            words += (rest if rest and len(head.split()) <= 3 else text).split()
    return words


def test_the_zoom_meeting_imports_with_its_speakers() -> None:
    table = read_transcript(ZOOM)
    assert tuple(table.columns) == COLUMNS
    named = set(table["speaker"]) - {UNKNOWN_SPEAKER}
    # The file names five people; two cues have no name (the corpus README counts 6 voices).
    assert named == {
        "Andrew Knight",
        "Paul McCartney",
        "John Lennon",
        "George Harrison",
        "Ringo Starr",
    }
    # Nothing is lost or added when cues merge.
    assert " ".join(table["text"]).split() == cue_words(ZOOM)
    # No two neighbouring utterances share a named speaker: consecutive cues were merged.
    speakers = table["speaker"].tolist()
    assert all(a != b or a == UNKNOWN_SPEAKER for a, b in itertools.pairwise(speakers))
    first = table.iloc[0]
    assert (first.speaker, first.start, first.end, first.line) == ("Andrew Knight", 4.859, 21.24, 3)
    assert table["turn"].tolist() == list(range(len(table)))
    assert (table["end"] >= table["start"]).all()


def test_cues_without_a_speaker_stand_alone_as_unknown() -> None:
    table = read_transcript(ZOOM)
    unknown = table[table["speaker"] == UNKNOWN_SPEAKER]
    assert unknown["text"].tolist() == ["And that", "Yes. Okay."]
    assert unknown["line"].tolist() == [135, 151]
    assert set(unknown["role"]) == {"unknown"}


# Every file in the edge-case corpus: how many utterances it gives, or the error and its line.
EDGE_CASES = [
    ("captions_with_bom.vtt", 4, None, "the byte-order mark is skipped"),
    ("comments.vtt", 3, None, "NOTE blocks are skipped; the header's title is allowed"),
    ("cue_tags.vtt", 3, None, "timestamp and class tags are removed from the words"),
    ("empty.vtt", "is empty", None, "nothing to import"),
    ("invalid.vtt", "must start with the word WEBVTT", 1, "a .vtt file with no WEBVTT header"),
    ("invalid_format1.srt", "no timing line", 1, "a number and nothing else"),
    ("invalid_format2.srt", "must start with its number or its timing", 1, "just words"),
    ("invalid_format3.srt", "no timing line", 1, "a number and words, no timing"),
    ("invalid_format4.srt", "must start with its number or its timing", 1, "words before timing"),
    ("invalid_timeframe.srt", 5, None, "a dot instead of SRT's comma is read the same"),
    ("invalid_timeframe.vtt", "is not like 00:01:02.500", 6, "1d is not a number of seconds"),
    ("invalid_timeframe_in_cue_text.vtt", 3, None, "a timing line in the words starts a cue"),
    ("metadata_headers.vtt", 2, None, "Kind: and Language: header lines"),
    ("metadata_headers_multiline.vtt", 2, None, "a YouTube Style: header"),
    ("missing_caption_text.srt", 4, None, "a caption with no words is skipped"),
    ("missing_caption_text.vtt", 4, None, "a caption with no words is skipped"),
    ("missing_timeframe.srt", "no timing line", 5, "words with no timing are not guessed at"),
    ("missing_timeframe.vtt", "no timing line", 6, "words with no timing are not guessed at"),
    ("no_captions.vtt", "no captions with words", None, "a header and nothing else"),
    ("one_caption.srt", 1, None, "the smallest SRT"),
    ("one_caption.vtt", 1, None, "the smallest WebVTT"),
    ("sample.srt", 5, None, "plain SRT"),
    ("sample.vtt", 16, None, "plain WebVTT"),
    ("styles.vtt", 1, None, "STYLE blocks are skipped"),
    ("using_identifiers.vtt", 6, None, "cue identifiers, words and numbers"),
    ("youtube_dl.vtt", 4, None, "cue settings after the timing"),
]


def test_the_table_covers_every_file_in_the_corpus() -> None:
    corpus = {p.name for p in EDGES.iterdir() if p.suffix in (".vtt", ".srt")}
    assert {name for name, *_ in EDGE_CASES} == corpus


@pytest.mark.parametrize(
    ("name", "outcome", "line", "why"), EDGE_CASES, ids=[e[0] for e in EDGE_CASES]
)
def test_each_edge_case_imports_or_fails_clearly(name, outcome, line, why) -> None:
    path = EDGES / name
    if isinstance(outcome, int):
        table = read_transcript(path)
        assert len(table) == outcome, why
        assert not table["text"].str.contains("<|>|-->", regex=True).any()
        assert table["text"].str.len().min() > 0
    else:
        with pytest.raises(TranscriptError, match=outcome) as error:
            read_transcript(path)
        assert error.value.line == line
        assert str(path) in str(error.value)


def test_teams_voice_tags_and_short_timings() -> None:
    table = read_transcript(FILES / "teams.vtt")
    assert table["speaker"].tolist() == ["Adrian Petrescu", "Beth O'Neill"]
    assert table["text"].tolist() == [
        "Why hello there. How are you & the team?",
        "Fine, thanks. A bit tired.",
    ]
    assert table["start"].tolist() == [0.21, 3.2]
    assert table["end"].tolist() == [3.0, 5.0]
    assert table["line"].tolist() == [3, 13]


def test_otter_exports() -> None:
    table = read_transcript(FILES / "otter.txt")
    assert table["speaker"].tolist() == ["Speaker 1", "Jo Bloggs", "Speaker 1"]
    assert (
        table["text"][0] == "Thanks for joining. Can you tell me about the day you left hospital?"
    )
    assert table["start"].tolist() == [3, 15, 3725]
    assert table["end"].tolist()[:2] == [15, 3725]
    assert math.isnan(table["end"].iloc[-1])
    assert table["line"].tolist() == [1, 5, 8]


def test_interviews_with_a_speaker_key() -> None:
    table = read_transcript(FILES / "interview.txt")
    assert table["speaker"].tolist() == ["Michelle Drumm", "John Smith", "Michelle Drumm"]
    assert table["text"].tolist() == [
        "So, tell me how it started.",
        "Well, it was a Tuesday. It rained all day.",
        "And then?",
    ]
    assert table["line"].tolist() == [4, 5, 7]


def test_csv_with_columns_the_user_names() -> None:
    table = read_transcript(FILES / "turns.csv", speaker_column="who", text_column="said")
    assert table["speaker"].tolist() == ["Ann", "Bob", "Ann"]
    assert table["text"][1] == "Hi Ann.\nGood to see you."
    assert table["start"].tolist() == [0.5, 2.0, 4.25]
    assert table["line"].tolist() == [2, 3, 6]  # the row with no text is not an utterance


def test_csv_with_a_column_that_is_not_there() -> None:
    with pytest.raises(TranscriptError, match="no column called 'speaker'") as error:
        read_transcript(FILES / "turns.csv")
    assert error.value.line == 1


def _docx(tmp_path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "transcript.docx"
    document.save(path)
    return path


def test_word_documents_from_teams(tmp_path: Path) -> None:
    path = _docx(
        tmp_path,
        [
            "Ward team meeting",
            "Transcript",
            "Adrian Petrescu   0:03",
            "Why hello there.",
            "Beth O'Neill   0:09",
            "Hello!",
        ],
    )
    table = read_transcript(path)
    assert table["speaker"].tolist() == ["Adrian Petrescu", "Beth O'Neill"]
    assert table["start"].tolist() == [3, 9]
    assert table["line"].tolist() == [3, 5]  # paragraph numbers


def test_word_documents_typed_as_name_and_text(tmp_path: Path) -> None:
    table = read_transcript(_docx(tmp_path, ["Ann: Hello.", "Bob: Hi there, Ann."]))
    assert table["speaker"].tolist() == ["Ann", "Bob"]


def test_a_damaged_word_document_is_explained(tmp_path: Path) -> None:
    whole = _docx(tmp_path, ["Ann: Hello."]).read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(TranscriptError, match="Word document") as error:
        read_transcript(cut)
    assert "cut.docx" in str(error.value)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("cp1252", b""),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le-no-bom", "cp1252"],
)
def test_the_encodings_researchers_meet(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Zoë Brontë: It’s a café – “lovely”.\r\nJo: Yes.\r\n"
    path = tmp_path / "t.txt"
    path.write_bytes(prefix + text.encode(encoding))
    table = read_transcript(path)
    assert table["speaker"].tolist() == ["Zoë Brontë", "Jo"]
    assert table["text"][0] == "It’s a café – “lovely”."


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Ann: hi\n\x81\x8d broken", "not text in UTF-8, UTF-16 or Windows-1252"),
    ],
)
def test_bad_files_are_refused_by_name(tmp_path: Path, content: bytes, says: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(TranscriptError, match=says) as error:
        read_transcript(path)
    assert str(path) in str(error.value)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_LAB_MAX_TRANSCRIPT_MB", "1")
    huge = tmp_path / "huge.vtt"
    with huge.open("wb") as file:  # sparse: 2 GB on paper, nothing on disk
        file.truncate(2 * 1024**3)

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(TranscriptError, match="over the 1 MB limit"):
        read_transcript(huge)


def test_readable_shows_every_turn_whole() -> None:
    from coprod_lab.transcripts.table import readable

    long_turn = "I went home on the Friday and nobody came until the Tuesday after, " * 3
    table = pd.DataFrame({"speaker": ["Person 1", "Person 2"], "text": [long_turn, "Yes."]})
    html = readable(table, ["text"], rows=1).to_html()
    assert escape(long_turn.strip()) in html  # not cut at 50 letters as pandas does
    assert "Yes." not in html and "Person 1" not in html  # only the rows and columns asked for
    assert list(table.columns) == ["speaker", "text"]  # the table itself is unchanged


def test_an_excel_workbook_is_named_as_one_with_what_to_do(tmp_path: Path) -> None:
    book = tmp_path / "meeting.xlsx"
    pd.DataFrame({"who": ["Ann"], "said": ["Hello"]}).to_excel(book, index=False)
    with pytest.raises(TranscriptError) as refused:
        read_transcript(book)
    said = str(refused.value)
    assert "is an Excel workbook" in said and "--speaker-column" in said
    assert "BytesIO" not in said  # no programmer's detail


def test_names_that_differ_only_in_punctuation_are_kept_apart_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "j.txt"
    path.write_text("Janet OBrien: Hello.\nSam: Hi.\nJanet O'Brien: It's me again.\n")
    table = read_transcript(path)
    assert list(table["speaker"]) == ["Janet OBrien", "Sam", "Janet O'Brien"]  # never merged
    [warning] = table.attrs["warnings"]
    assert warning.startswith("j.txt, line 1: `Janet OBrien` and `Janet O'Brien` differ only")
