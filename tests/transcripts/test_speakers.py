"""Mapping speakers to participants: by function and by widget, remembered for next time."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from coprod_lab.demo import load_demo
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import participants, speaker_names, utterances
from coprod_lab.transcripts import read_transcript
from coprod_lab.transcripts.importing import import_transcripts
from coprod_lab.transcripts.speakers import NewPerson, map_speakers, unmapped_speakers
from coprod_lab.widgets.speaker_mapper import NEW, SpeakerMapper
from tests.transcripts.test_readers import FILES

PROJECT = "Leaving hospital well"


def _demo_with_otter(store) -> int:
    project_id = load_demo(store)
    import_transcripts(store, [read_transcript(FILES / "otter.txt")], project=PROJECT)
    return project_id


def _person(store, name: str) -> int:
    with store.read() as db:
        return db.scalar(select(participants.c.id).where(participants.c.display_name == name))


def test_unmapped_speakers_are_listed_with_their_turns(store) -> None:
    project_id = _demo_with_otter(store)
    assert unmapped_speakers(store, project_id) == {"Speaker 1": 2, "Jo Bloggs": 1}


def test_mapping_fixes_stored_turns_and_is_remembered_for_the_next_transcript(store) -> None:
    project_id = _demo_with_otter(store)
    priya = _person(store, "Priya Shah")
    map_speakers(
        store,
        project_id,
        {"Speaker 1": priya, "Jo Bloggs": NewPerson("Jo Bloggs", "lived_experience")},
        actor="facilitator",
    )
    with store.read() as db:
        rows = db.execute(
            select(utterances.c.speaker, utterances.c.participant_id, utterances.c.role).where(
                utterances.c.source == "otter.txt"
            )
        ).all()
        jo = db.execute(
            select(participants).where(participants.c.display_name == "Jo Bloggs")
        ).one()
    assert {(r.speaker, r.participant_id, r.role) for r in rows} == {
        ("Speaker 1", priya, "professional"),
        ("Jo Bloggs", jo.id, "lived_experience"),
    }
    assert jo.pseudonym == "Person 6"  # the demo uses Person 1 to 5
    assert unmapped_speakers(store, project_id) == {}
    # The same people in another transcript: mapped as it is imported.
    again = read_transcript(FILES / "otter.txt", session="Second interview")
    import_transcripts(store, [again], project=PROJECT)
    with store.read() as db:
        roles = db.execute(
            select(utterances.c.speaker, utterances.c.role)
            .where(utterances.c.source == "otter.txt")
            .distinct()
        ).all()
    assert sorted(map(tuple, roles)) == [
        ("Jo Bloggs", "lived_experience"),
        ("Speaker 1", "professional"),
    ]


def test_a_bad_mapping_saves_nothing(store) -> None:
    project_id = _demo_with_otter(store)
    with store.read() as db:
        before = db.scalar(select(func.count()).select_from(participants))
    with pytest.raises(CoprodLabError, match="not a role"):
        map_speakers(store, project_id, {"Jo Bloggs": NewPerson("Jo", "boss")}, actor="x")
    with pytest.raises(CoprodLabError, match="not in this project"):
        map_speakers(
            store, project_id, {"Jo Bloggs": NewPerson("Jo", "other"), "Speaker 1": 9999}, actor="x"
        )
    with store.read() as db:
        assert db.scalar(select(func.count()).select_from(participants)) == before
        assert db.scalar(select(func.count()).select_from(speaker_names)) == 0


def test_the_widget_saves_what_the_person_chose(store) -> None:
    project_id = _demo_with_otter(store)
    page = SpeakerMapper(store, project_id)
    rows = {row.speaker: row for row in page._rows}
    assert set(rows) == {"Speaker 1", "Jo Bloggs"}
    page.save()
    assert page.status == "Choose who at least one speaker is, then save."
    rows["Jo Bloggs"].who.value = NEW
    assert rows["Jo Bloggs"]._new.layout.display == "flex"
    rows["Jo Bloggs"].name.value = "Jo Bloggs"
    rows["Jo Bloggs"].role.value = "lived_experience"
    page._save.click()  # what pressing the button does
    assert page.status == "Saved 1 speaker."
    assert [row.speaker for row in page._rows] == ["Speaker 1"]
    assert unmapped_speakers(store, project_id) == {"Speaker 1": 2}
    with store.read() as db:
        assert (
            db.scalar(select(participants.c.role).where(participants.c.display_name == "Jo Bloggs"))
            == "lived_experience"
        )
