"""No input makes a reader credit one speaker's marked turn to another without a warning.

Hypothesis writes transcripts whose every turn is marked (initials from a speaker key or not
in it, `Name:` labels, WebVTT voices) and carries a word found nowhere else. Each such word
must land in a row of the speaker that marked it, or a warning must name its mark or line.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprod_lab.transcripts import TranscriptError
from coprod_lab.transcripts.captions import cues_to_table, parse_webvtt
from coprod_lab.transcripts.names import METADATA_LABELS
from coprod_lab.transcripts.plain_text import parse_named_lines
from coprod_lab.transcripts.speaker_key import _SILENT_CAPITALS, parse_speaker_key

CHECK = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = Path("made-up.md")

FIRST = st.sampled_from(["Ann", "Mary", "Jack", "Lena", "Zoë", "Seán", "Ola", "Priya"])
LAST = st.sampled_from(["Lee", "Dunn", "Muir", "Brown", "O'Brien", "de Souza", "Okafor"])
NAME = st.builds(lambda a, b: f"{a} {b}", FIRST, LAST)
# Capitals read as words without a warning (speaker_key._SILENT_CAPITALS) are not marks here.
MARK = st.from_regex(r"\A[A-Z]{2,3}\Z").filter(lambda m: m not in _SILENT_CAPITALS)
# Words a turn may hold, including ones that look like marks, labels or voice tags.
WORD = st.sampled_from(
    ["yes", "so", "the", "OK", "NHS", "MD", "Ann:", "so:", "LB", "I", "A", "-", "<v", "..."]
)


def _text(token: str, words: list[str]) -> str:
    return " ".join([token, *words])


def _credited(table, token: str) -> str | None:
    """Whose turn holds `token` (None when it is in no turn, for example the description)."""
    found = table[table["text"].str.contains(rf"\b{token}\b", regex=True)]
    assert len(found) <= 1, token
    return found["speaker"].iloc[0] if len(found) else None


def _warned(table, mark: str, line: int) -> bool:
    return any(
        f"`{mark}`" in w or re.search(rf"\bline {line}\b|\blines [\d, ]*\b{line}\b", w)
        for w in table.attrs["warnings"]
    )


@st.composite
def keyed_transcripts(draw):
    people = draw(st.lists(st.tuples(MARK, NAME), min_size=1, max_size=4))
    key = {}
    for mark, name in people:
        key.setdefault(mark, []).append(name)
    strangers = draw(st.lists(MARK.filter(lambda m: m not in key), max_size=2, unique=True))
    marks = sorted(key) + strangers
    turns = draw(
        st.lists(
            st.tuples(st.sampled_from(marks), st.lists(WORD, max_size=5), st.booleans()),
            min_size=1,
            max_size=8,
        )
    )
    paragraphs = draw(st.booleans())
    lines = [f"{mark} - {name}" for mark, names in key.items() for name in names] + [""]
    expected = []
    for index, (mark, words, colon) in enumerate(turns):
        token = f"tok{index}x"
        lines.append(f"{mark}{':' if colon else ''} {_text(token, words)}")
        expected.append((token, mark, len(lines)))
        if paragraphs:
            lines.append("")
    return "\n".join(lines) + "\n", key, expected


@CHECK
@given(keyed_transcripts())
def test_speaker_key_turns_go_to_their_mark_or_are_reported(case) -> None:
    text, key, expected = case
    try:
        table = parse_speaker_key(text, PATH, "s")
    except TranscriptError:
        return  # refusing the file credits no one's words to anyone

    for token, mark, line in expected:
        right = " or ".join(dict.fromkeys(key[mark])) if mark in key else mark
        if _credited(table, token) != right:
            assert _warned(table, mark, line), (text, token, table.attrs["warnings"])


LABEL = st.one_of(
    NAME,
    FIRST,
    st.builds(lambda n: f"Speaker {n}", st.integers(1, 9)),
    st.builds(lambda n: f"{n} (External)", NAME),
).filter(lambda label: label.lower() not in METADATA_LABELS)


@CHECK
@given(
    st.lists(st.tuples(LABEL, st.lists(WORD, max_size=5)), min_size=1, max_size=8),
    st.booleans(),
)
def test_named_turns_go_to_their_name_or_are_reported(turns, blank_lines) -> None:
    lines, expected = [], []
    for index, (label, words) in enumerate(turns):
        token = f"tok{index}x"
        lines.append(f"{label}: {_text(token, words)}")
        expected.append((token, label, len(lines)))
        if blank_lines:
            lines.append("")
    text = "\n".join(lines) + "\n"
    table = parse_named_lines(text, PATH, "s")
    for token, label, line in expected:
        if _credited(table, token) != label:
            assert _warned(table, label, line), (text, token)


@CHECK
@given(
    st.lists(
        st.lists(st.tuples(NAME, st.lists(WORD, max_size=4)), min_size=1, max_size=3),
        min_size=1,
        max_size=5,
    )
)
def test_each_voice_in_a_caption_keeps_its_words(cues) -> None:
    blocks, expected = [], []
    for number, voices in enumerate(cues):
        spoken = []
        for index, (name, words) in enumerate(voices):
            token = f"tok{number}x{index}y"
            spoken.append(f"<v {name}>{_text(token, words)}</v>")
            expected.append((token, name))
        blocks.append(f"00:00:{number:02d}.000 --> 00:00:{number:02d}.500\n" + " ".join(spoken))
    text = "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"
    try:
        table = cues_to_table(parse_webvtt(text, PATH), PATH, "s")
    except TranscriptError:
        raise AssertionError(text) from None
    for token, name in expected:
        assert _credited(table, token) == name, (text, token)
