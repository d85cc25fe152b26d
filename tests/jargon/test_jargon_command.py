"""`coprod-lab jargon FILE --json`, run as a person runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coprod_lab.cli import main
from coprod_lab.privacy.people import speakers_made_up
from coprod_lab.transcripts import UNKNOWN_SPEAKER, read_transcript
from tests.conftest import SHARED
from tests.test_cli import coprod_lab


def test_jargon_json_prints_the_measures_and_each_finding_term(tmp_path: Path) -> None:
    path = tmp_path / "letter.md"
    path.write_text("# Your care\n\nThe ICB will signpost you. Run `pip install x` first.\n")
    result = coprod_lab("jargon", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"words", "rare_share", "score", "readability", "findings"} <= set(data)
    assert data["readability"]["average_sentence_words"] > 0
    assert [f["term"] for f in data["findings"] if f["kind"] != "long_sentence"] == [
        "ICB",
        "signpost",
    ]  # code in backticks is not prose


def test_jargon_on_a_transcript_adds_speakers_roles_and_questions() -> None:
    vtt = SHARED / "corpus" / "zoom-meeting" / "meeting003_transcript.vtt"
    result = coprod_lab("jargon", str(vtt), "--transcript", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["by_speaker"]) >= 6
    assert {"speaker", "role", "words", "jargon_per_100_words"} <= set(data["by_speaker"][0])
    assert isinstance(data["asked_about"], list)
    # No real name unless asked: speakers are "Speaker n", in the order parse numbers them.
    real = read_transcript(vtt)["speaker"].unique().tolist()
    assert not any(name in result.stdout for name in real if name != UNKNOWN_SPEAKER)
    made_up = speakers_made_up(read_transcript(vtt), {})
    assert [row["speaker"] for row in data["by_speaker"]] == [made_up.get(n, n) for n in real]
    # Each finding names the file's own line (the turns are merged captions).
    lines = vtt.read_text(encoding="utf-8-sig").splitlines()
    said = next(f for f in data["findings"] if f["term"] == "disseminating")
    assert said["line"] == next(i for i, ln in enumerate(lines, 1) if "disseminating" in ln)
    for f in data["findings"]:
        if f["kind"] != "long_sentence":
            assert f["term"].casefold() in lines[f["line"] - 1].casefold(), f


def test_jargon_prints_a_transcripts_own_lines_and_real_names_only_when_asked(
    tmp_path: Path, capsys
) -> None:
    path = tmp_path / "call.vtt"
    path.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAnn Lee: Hello there.\n\n"
        "2\n00:00:02.500 --> 00:00:04.000\nAnn Lee: We will signpost you.\n\n"
        "3\n00:00:04.500 --> 00:00:05.000\nBo Chan: Thanks.\n",
        encoding="utf-8",
    )
    where = path.read_text().splitlines().index("Ann Lee: We will signpost you.") + 1
    assert main(["jargon", str(path), "--transcript"]) == 0
    out = capsys.readouterr().out
    assert f"line {where}: 'signpost' (jargon)" in out
    assert "Ann Lee" not in out and "Bo Chan" not in out
    assert "Speaker 1" in out and "Speaker 2" in out
    assert main(["jargon", str(path), "--transcript", "--real-names"]) == 0
    out = capsys.readouterr().out
    assert "Ann Lee" in out and "Bo Chan" in out and "Speaker 1" not in out


def test_jargon_without_json_prints_a_summary_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Hello.\nThe PCN met.\n")
    result = coprod_lab("jargon", str(path))
    assert result.returncode == 0
    assert "line 2: 'PCN' (acronym)" in result.stdout


def test_jargon_prints_a_term_wrapped_across_lines_on_one_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "note.md"
    path.write_text("You may ask for a deferred\n  payment agreement with the council.\n")
    assert main(["jargon", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "line 1: 'deferred payment agreement' (jargon)" in printed
    assert "\n  deferred payment agreement: " in printed  # in "Words to keep"
    assert "deferred\n" not in printed


def test_jargon_on_a_missing_file_says_so_in_one_sentence(tmp_path: Path) -> None:
    result = coprod_lab("jargon", str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert result.stderr.startswith("coprod-lab: ")
    assert "missing.txt" in result.stderr and "Traceback" not in result.stderr


def test_jargon_on_a_transcript_with_a_project_prints_speakers_roles_and_questions(
    tmp_path: Path,
) -> None:
    # Without --json the tables were missing and every role was "unknown" even with --project.
    env = {"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    assert coprod_lab("db", "upgrade", env=env).returncode == 0
    assert coprod_lab("demo", env=env).returncode == 0
    said = Path(__file__).resolve().parents[2] / "data" / "demo" / "storytelling-waiting.txt"
    result = coprod_lab(
        "jargon", str(said), "--transcript", "--project", "Leaving hospital well", env=env
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Jargon by speaker" in out and "Jargon by role:" in out
    by_role = out.split("Jargon by role:")[1].split("Words people")[0]
    assert "professional" in by_role and "lived_experience" in by_role
    assert "unknown" not in by_role  # the demo's speakers are all mapped in the project
    assert "Words people with lived experience asked about:" in out


def test_jargon_on_a_transcript_says_what_the_reader_warned_of(tmp_path: Path, capsys) -> None:
    # Made up: a key line in the shape of a turn, which `parse` reports with its line.
    path = tmp_path / "notes.txt"
    path.write_text("Notes of the meeting\nXY: Gemma, chair\n\nXY: The ICB met.\n")
    assert main(["jargon", str(path), "--transcript", "--real-names"]) == 0
    said = capsys.readouterr()
    assert "Warning: notes.txt, line 2: " in said.err and "Gemma" in said.err
    assert "Warning" not in said.out
    # With made-up names (the default) the warning names the made-up speaker, not Gemma.
    assert main(["jargon", str(path), "--transcript"]) == 0
    err = capsys.readouterr().err
    assert "Warning: notes.txt, line 2: " in err and "Gemma" not in err


def test_roles_given_on_the_command_line_find_what_people_asked_about(
    tmp_path: Path, capsys
) -> None:
    # A new user had no way to give roles without a project, so "asked about" said "none".
    path = tmp_path / "talk.txt"
    path.write_text(
        "SO: Welcome, everyone.\nDM: Each PCN has a care coordinator.\n"
        "PS: Sorry, what's a PCN?\nDM: A group of GP surgeries.\n",
        encoding="utf-8",
    )
    args = ["jargon", str(path), "--transcript", "--role", "PS=lived experience"]
    assert main([*args, "--role", "DM=professional"]) == 0
    out = capsys.readouterr().out
    asked = out.split("Words people with lived experience asked about:")[1]
    assert "PCN" in asked and "Sorry, what's a PCN?" in asked


@pytest.mark.parametrize(
    ("role", "said"), [("XX=professional", "no speaker 'XX'"), ("PS=patient", "is not a role")]
)
def test_a_role_for_no_speaker_or_no_role_is_refused_by_name(
    tmp_path: Path, capsys, role: str, said: str
) -> None:
    path = tmp_path / "talk.txt"
    path.write_text("SO: Welcome.\nPS: Thanks.\nSO: Over to you.\n", encoding="utf-8")
    assert main(["jargon", str(path), "--transcript", "--role", role]) == 1
    err = capsys.readouterr().err
    assert said in err
    assert "talk.txt" in err or "XX" not in role  # the file is named with its speakers
