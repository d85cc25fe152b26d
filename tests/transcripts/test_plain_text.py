"""Plain `Name: text` transcripts, and their bad input named by file and line."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from coprod_lab.transcripts import COLUMNS, TranscriptError, read_plain_text


def write(tmp_path: Path, content: bytes | str, name: str = "t.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def test_turns_continuations_and_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "Ann Lee: Hello there.\nthis wraps on.\n\nBob: Hi: fine.\n")
    table = read_plain_text(path)
    assert tuple(table.columns) == COLUMNS
    assert table["speaker"].tolist() == ["Ann Lee", "Bob"]
    assert table["text"].tolist() == ["Hello there. this wraps on.", "Hi: fine."]
    assert table["line"].tolist() == [1, 4]
    assert table["turn"].tolist() == [0, 1]
    assert table["session"].tolist() == ["t", "t"]
    assert all(math.isnan(v) for v in table["start"])
    assert set(table["role"]) == {"unknown"}


def test_a_byte_order_mark_is_not_part_of_the_first_name(tmp_path: Path) -> None:
    table = read_plain_text(write(tmp_path, "\ufeffAnn: Hello".encode()))
    assert table["speaker"].tolist() == ["Ann"]


@pytest.mark.parametrize(
    ("content", "line", "says"),
    [
        (b"", None, "is empty"),
        (b"\n\n  \n", None, "is empty"),
        (b"\x00\x01binary\x00", None, "is not a text file"),
        (b"Ann: fine\nBob: \x81\x8d\n", 2, "is not text in UTF-8, UTF-16 or Windows-1252"),
        (b"\nno speaker here\nnor here\n", 2, "expected a turn starting with a name"),
    ],
)
def test_bad_files_name_the_file_and_line(tmp_path: Path, content, line, says) -> None:
    path = write(tmp_path, content)
    with pytest.raises(TranscriptError, match=says) as error:
        read_plain_text(path)
    assert error.value.line == line
    assert str(path) in str(error.value)
    if line:
        assert f"line {line}" in str(error.value)


def test_a_missing_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match="cannot be opened"):
        read_plain_text(tmp_path / "missing.txt")
