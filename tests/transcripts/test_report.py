"""`coprod-lab parse` and `import` say what the reading found: warnings naming file and line,
and (import) each speaker with their turns."""

from __future__ import annotations

import json
from pathlib import Path

from coprod_lab.transcripts import read_transcript
from coprod_lab.transcripts.preview import speaker_counts
from tests.conftest import SHARED
from tests.test_cli import coprod_lab

CASES = SHARED / "cases" / "transcripts"


def test_parse_prints_warnings_apart_from_the_json(tmp_path: Path) -> None:
    result = coprod_lab(
        "parse",
        str(CASES / "podcast-05_unkeyed_speaker.md"),
        "--json",
        env={"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}"},
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)  # still clean JSON
    assert [r["speaker"] for r in records].count("JM") == 2
    [warning] = result.stderr.strip().splitlines()
    assert warning.startswith("Warning: podcast-05_unkeyed_speaker.md, line 10: `JM`")


def test_import_lists_each_speaker_with_turns_and_words(tmp_path: Path) -> None:
    env = {"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    made = coprod_lab("db", "upgrade", env=env)
    assert made.returncode == 0 and made.stdout.startswith("Made a new store at")
    done = coprod_lab(
        "import", str(CASES / "podcast-05_unkeyed_speaker.md"), "--project", "P", env=env
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("podcast-05_unkeyed_speaker.md: 6 utterances, 3 speakers")
    assert set(lines[1:-1]) == {
        "  Mark Moore: 3 turns, 30 words",
        "  JM: 2 turns, 11 words",
        "  Lucy Cole: 1 turn, 8 words",
    }
    assert lines[-1] == "Made a new project called 'P'."
    again = coprod_lab("db", "upgrade", env=env)
    assert "already up to date; nothing was changed" in again.stdout
    assert "line 10: `JM` is not in the speaker key" in done.stderr


def test_a_key_entry_with_no_turns_is_listed_with_none(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("MD - Mary Dunn\nLD - Lena Brown\n\nMD Hello there.\n\nMD Anyone?\n")
    counts = speaker_counts(read_transcript(path))
    assert counts.to_dict("records") == [
        {"speaker": "Mary Dunn", "turns": 1, "words": 3},
        {"speaker": "Lena Brown", "turns": 0, "words": 0},
    ]


def test_parse_prints_every_turn_whole_with_its_line_and_speaker() -> None:
    from coprod_lab.transcripts.preview import turn_lines

    table = read_transcript(SHARED / "corpus" / "zoom-meeting" / "meeting003_transcript.vtt")
    shown = "\n".join(turn_lines(table))
    longest = max(table["text"], key=len)
    assert len(longest) > 200  # so cutting at 60 or 100 characters would show here
    assert " ".join(shown.split()).count(" ".join(longest.split())) == 1
    first = table.iloc[0]
    assert first["role"] == "unknown"  # not mapped yet, so no role is printed
    assert shown.splitlines()[0] == f"line {first['line']}, 0:00:04  {first['speaker']}:"
