"""Importing transcripts into the store: all or nothing, with roles from the project's people."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.overview import project_named
from coprod_lab.store import SESSION_KINDS, events, participants, projects, sessions, utterances
from coprod_lab.transcripts import read_transcript
from coprod_lab.transcripts.importing import ProjectNameClose, import_transcripts
from tests.test_cli import coprod_lab
from tests.transcripts.test_readers import FILES, ZOOM


def count(store, table) -> int:
    with store.read() as db:
        return db.scalar(select(func.count()).select_from(table))


def test_an_import_stores_every_utterance_as_read(store) -> None:
    table = read_transcript(ZOOM)
    [summary] = import_transcripts(store, [table], project="Zoom", kind="interview")
    assert (summary.utterances, summary.speakers) == (34, 6)
    with store.read() as db:
        stored = db.execute(
            select(
                utterances.c.turn,
                utterances.c.speaker,
                utterances.c.text,
                utterances.c.start,
                utterances.c.line,
            ).order_by(utterances.c.turn)
        ).all()
        kind = db.scalar(select(sessions.c.kind))
        logged = db.scalar(select(events.c.detail).where(events.c.action == "import"))
    assert [tuple(r) for r in stored] == list(
        table[["turn", "speaker", "text", "start", "line"]].itertuples(index=False, name=None)
    )
    assert kind == "interview"
    assert logged == {"utterances": 34, "source": "meeting003_transcript.vtt"}


def test_speakers_who_are_participants_take_their_role(store) -> None:
    with store.write() as db:
        pid = db.execute(insert(projects).values(name="Teams")).inserted_primary_key[0]
        db.execute(
            insert(participants).values(
                project_id=pid,
                display_name="Beth O'Neill",
                pseudonym="Person 1",
                role="lived_experience",
            )
        )
    import_transcripts(store, [read_transcript(FILES / "teams.vtt")], project="Teams")
    with store.read() as db:
        roles = dict(db.execute(select(utterances.c.speaker, utterances.c.role)).all())
        linked = db.scalar(select(func.count()).where(utterances.c.participant_id.is_not(None)))
    assert roles == {"Adrian Petrescu": "unknown", "Beth O'Neill": "lived_experience"}
    assert linked == 1


def test_a_second_import_into_the_same_session_stores_nothing(store) -> None:
    first = read_transcript(FILES / "teams.vtt")
    import_transcripts(store, [first], project="P")
    before = (count(store, utterances), count(store, events))
    other = read_transcript(FILES / "otter.txt", session="teams")
    with pytest.raises(CoprodLabError, match="already has a transcript") as said:
        import_transcripts(store, [read_transcript(FILES / "interview.txt"), other], project="P")
    # Told as a Python caller would act on it, not with the command line's --session.
    assert "read_transcript(path, session=" in str(said.value)
    assert "--session" not in str(said.value)
    assert (count(store, utterances), count(store, events)) == before
    assert count(store, sessions) == 1  # the interview's session was rolled back too


def test_parse_prints_the_transcript_table_as_json_and_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    result = coprod_lab(
        "parse", str(FILES / "otter.txt"), "--json", env={"COPROD_LAB_DB": f"sqlite:///{db}"}
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["speaker"] for r in records] == ["Speaker 1", "Jo Bloggs", "Speaker 1"]
    assert records[-1]["end"] is None  # not known: null, not NaN
    assert set(records[0]) == {
        "session",
        "turn",
        "start",
        "end",
        "speaker",
        "role",
        "text",
        "source",
        "line",
    }
    assert not db.exists()


def test_import_prints_a_summary_and_a_bad_file_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    env = {"COPROD_LAB_DB": f"sqlite:///{db}"}
    coprod_lab("db", "upgrade", env=env)
    bad = tmp_path / "broken.srt"
    bad.write_text("1\n00:00:01,000 --> 00:00:02,000\nfine\n\nno timing here\n")
    failed = coprod_lab("import", str(ZOOM), str(bad), "--project", "P", env=env)
    assert failed.returncode == 1
    assert (
        failed.stderr.strip()
        == f"coprod-lab: {bad}, line 5: an SRT caption must start with its number or its "
        "timing line."
    )
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT count(*) FROM utterances").fetchone() == (0,)
        assert raw.execute("SELECT count(*) FROM projects").fetchone() == (0,)
    done = coprod_lab(
        "import",
        str(ZOOM),
        "--project",
        "P",
        "--session",
        "Talk",
        "--held-on",
        "2026-03-14",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "meeting003_transcript.vtt: 34 utterances, 6 speakers, 55:37 long (session 'Talk')"
    )
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT held_on FROM sessions").fetchone() == ("2026-03-14",)
    again = coprod_lab("import", str(ZOOM), "--project", "P", "--session", "Talk", env=env)
    assert again.returncode == 1
    assert again.stderr.strip().endswith('another session name: --session "Talk (2)".')


def test_a_wrong_kind_or_date_names_what_is_allowed_and_stores_nothing(store) -> None:
    table = read_transcript(ZOOM)
    with pytest.raises(CoprodLabError) as said:
        import_transcripts(store, [table], project="P", kind="meeting")
    message = str(said.value)
    assert message.startswith("'meeting' is not a kind of session; use one of")
    assert all(kind in message for kind in SESSION_KINDS)
    assert all(kind in import_transcripts.__doc__ for kind in SESSION_KINDS)
    with pytest.raises(CoprodLabError, match="give a date"):
        import_transcripts(store, [table], project="P", held_on="14/3/2026")
    assert count(store, projects) == 0
    import_transcripts(
        store, [table], project="P", held_on={"meeting003_transcript": dt.date(2026, 3, 14)}
    )
    with store.read() as db:
        assert db.scalar(select(sessions.c.held_on)) == dt.date(2026, 3, 14)


def test_a_mistyped_project_lists_the_projects(store) -> None:
    import_transcripts(store, [read_transcript(ZOOM)], project="Leaving hospital well")
    with pytest.raises(CoprodLabError) as said:
        project_named(store, "Leaving hospital")
    assert str(said.value) == (
        "There is no project called 'Leaving hospital' in the store. Did you mean "
        "'Leaving hospital well'? The projects are: 'Leaving hospital well'."
    )


def test_a_transcript_without_times_is_summarised_as_having_none(store) -> None:
    # Plain-text transcripts have no times: the summary says so instead of failing.
    demo = Path(__file__).resolve().parents[2] / "data" / "demo" / "storytelling-waiting.txt"
    [summary] = import_transcripts(store, [read_transcript(demo)], project="Plain")
    assert summary.seconds is None
    assert "no timings" in summary.describe()
    assert count(store, utterances) == summary.utterances > 0


def test_a_project_name_very_like_another_is_refused_as_a_slip(store, tmp_path: Path) -> None:
    import_transcripts(store, [read_transcript(ZOOM)], project="Hospital discharge group")
    other = read_transcript(ZOOM, session="Second meeting")
    with pytest.raises(ProjectNameClose) as refused:
        import_transcripts(store, [other], project="Hospital discharge grp")
    assert "did you mean 'Hospital discharge group'?" in str(refused.value)
    assert "new_project=True" in str(refused.value)
    assert count(store, projects) == 1 and count(store, sessions) == 1  # nothing stored
    import_transcripts(store, [other], project="Hospital discharge grp", new_project=True)
    assert count(store, projects) == 2
    # A name nothing like the others is simply a new project.
    import_transcripts(store, [read_transcript(ZOOM)], project="Night-time care")
    assert count(store, projects) == 3


def test_import_at_the_command_line_says_a_project_is_new_and_refuses_a_slip(
    tmp_path: Path,
) -> None:
    env = {"COPROD_LAB_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    coprod_lab("db", "upgrade", env=env)
    first = coprod_lab("import", str(ZOOM), "--project", "Hospital discharge group", env=env)
    assert first.stdout.splitlines()[-1] == "Made a new project called 'Hospital discharge group'."
    slip = coprod_lab(
        "import", str(ZOOM), "--project", "Hospital discharge grp", "--session", "B", env=env
    )
    assert slip.returncode == 1
    assert slip.stderr.strip().endswith(
        "To start a new project called 'Hospital discharge grp', add --new-project."
    )
