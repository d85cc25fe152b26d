"""Mapping speakers to participants: by function and by widget, remembered for next time."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from coprod_lab.demo import load_demo
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import participants, speaker_names, utterances
from coprod_lab.transcripts import read_transcript
from coprod_lab.transcripts.importing import import_transcripts
from coprod_lab.transcripts.speakers import (
    NewPerson,
    map_speakers,
    sample_turns,
    split_tag,
    unmapped_speakers,
)
from coprod_lab.transcripts.table import transcript_table, utterance
from coprod_lab.widgets.speaker_mapper import NEW, NO_ROLE, NOT_SURE, SpeakerMapper
from tests.transcripts.test_readers import FILES

PROJECT = "Leaving hospital well"


def project_named_id(store, name: str) -> int:
    from coprod_lab.overview import project_named

    return project_named(store, name)


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
    # "Not sure yet" is shown and chosen until the person chooses; no role is chosen for them.
    assert rows["Jo Bloggs"].who.value == NOT_SURE
    assert rows["Jo Bloggs"].who.label == "Not sure yet"
    rows["Jo Bloggs"].who.value = NEW
    assert rows["Jo Bloggs"]._new.layout.display == "flex"
    assert rows["Jo Bloggs"].role.value == NO_ROLE
    page._save.click()
    assert page.status.startswith("Not saved: choose a role for Jo Bloggs")
    assert unmapped_speakers(store, project_id) == {"Speaker 1": 2, "Jo Bloggs": 1}
    rows["Jo Bloggs"].name.value = "Jo Bloggs"
    rows["Jo Bloggs"].role.value = "lived_experience"
    rows["Jo Bloggs"].consent["record"].value = True
    rows["Jo Bloggs"].consent["quote"].value = True
    page._save.click()  # what pressing the button does
    assert page.status == "Saved 1 speaker."
    assert [row.speaker for row in page._rows] == ["Speaker 1"]
    assert unmapped_speakers(store, project_id) == {"Speaker 1": 2}
    with store.read() as db:
        jo = db.execute(
            select(participants).where(participants.c.display_name == "Jo Bloggs")
        ).one()
    assert jo.role == "lived_experience"
    # Consent was set on the same screen, in the same save.
    assert jo.consent_to_record_on is not None and jo.consent_to_quote_on is not None
    assert jo.consent_to_share_on is None


def test_a_tools_tag_is_a_note_not_part_of_the_name_and_samples_help_recognise(store) -> None:
    assert split_tag("Jonny (Guest)") == ("Jonny", "Guest")
    assert split_tag("Hans Elstner (External)") == ("Hans Elstner", "External")
    assert split_tag("Sam O'Brien") == ("Sam O'Brien", "")
    said = [
        ("Jonny (Guest)", "Hi."),
        ("Jonny (Guest)", "I came out of hospital in May and nobody rang me."),
        ("Jonny (Guest)", "The letter said a nurse would visit within a week."),
        ("Jonny (Guest)", "She came after three weeks, which was too late for me."),
        ("Jonny (Guest)", "And the fourth thing I said was this long enough to show."),
    ]
    table = transcript_table(
        utterance("Guest talk", who, text, Path("guest.txt"), i + 1)
        for i, (who, text) in enumerate(said)
    )
    import_transcripts(store, [table], project="Guests")
    project_id = project_named_id(store, "Guests")
    samples = sample_turns(store, project_id, ["Jonny (Guest)"])["Jonny (Guest)"]
    assert samples == [text for _, text in said[1:4]]  # three, saying something, in order
    page = SpeakerMapper(store, project_id)
    (row,) = page._rows
    assert row.name.value == "Jonny"
    heading = row.children[0].value
    assert "Jonny" in heading and "Guest" in heading and "nobody rang me" in heading
    row.who.value = NEW
    row.role.value = "lived_experience"
    page.save()
    with store.read() as db:
        names = set(db.scalars(select(participants.c.display_name)))
    assert "Jonny" in names and "Jonny (Guest)" not in names
    # The next transcript with the tag, or without it, maps itself to Jonny.
    again = table.assign(session="Second talk")
    import_transcripts(store, [again], project="Guests")
    assert unmapped_speakers(store, project_id) == {}
