"""The transcript reader, driven through its widgets as a person would: words chosen in the
browser arrive as the front end sends them (the view's `selection` and `current_turn`), then
the buttons code, remove and undo. Checked against the store afterwards. The transcript is a
real Zoom recording nobody here wrote (../shared/corpus/zoom-meeting)."""

from __future__ import annotations

from sqlalchemy import select

from coprod_lab.coding.codebook import add_code
from coprod_lab.coding.reading import session_codings, session_turns
from coprod_lab.store.schema import coded_utterances, events, projects
from coprod_lab.transcripts import UNKNOWN_SPEAKER, read_transcript
from coprod_lab.transcripts.importing import import_transcripts
from coprod_lab.widgets.reader import NOTHING_CHOSEN, TranscriptReader
from tests.conftest import SHARED

ZOOM = SHARED / "corpus" / "zoom-meeting" / "meeting003_transcript.vtt"


def _reader(store) -> tuple[TranscriptReader, int, dict]:
    import_transcripts(store, [read_transcript(ZOOM)], project="Zoom")
    with store.read() as db:
        pid = db.execute(select(projects.c.id)).scalar()
    add_code(store, pid, "Holidays", actor="Sam", colour="#2CA02C")
    add_code(store, pid, "Who is here", actor="Sam")
    reader = TranscriptReader(store, actor="Sam")
    turns = {t["id"]: t for t in reader.view.turns}
    return reader, pid, turns


def test_a_researcher_codes_words_and_turns_removes_and_undoes(store) -> None:
    reader, pid, turns = _reader(store)
    real = session_turns(store, pid, reader.session_id, real_names=True)
    assert len(turns) == len(real)
    # Made-up names by default: no real speaker's name is shown.
    assert not {t["speaker"] for t in turns.values()} & set(real["speaker"]) - {UNKNOWN_SPEAKER}
    first = next(iter(turns.values()))
    assert first["time"] == "0:00:04"  # the first cue starts at 00:00:04.859

    turn = next(t for t in turns.values() if "vacation" in t["text"])
    start = turn["text"].index("vacation")
    end = start + len("vacation")
    reader.codes.value = ("Holidays", "Who is here")
    reader.code_words.click()
    assert reader.status == "Choose some words in a turn first. Nothing was coded."
    assert reader.chosen.value == f"<p>{NOTHING_CHOSEN}</p>"

    # The front end reports words chosen by mouse or keyboard as offsets in the turn.
    reader.view.selection = {"turn_id": turn["id"], "start": start, "end": end}
    assert "\u201cvacation\u201d" in reader.chosen.value
    reader.code_words.click()
    assert reader.status == "Saved: \u201cvacation\u201d coded Holidays and Who is here."
    assert reader.view.selection == {}  # cleared by its own save
    coded = session_codings(store, pid, reader.session_id)
    assert sorted(coded["code"]) == ["Holidays", "Who is here"]
    assert set(coded["start_char"]) == {start} and set(coded["end_char"]) == {end}
    assert set(coded["coder"]) == {"Sam"}
    shown = {t["id"]: t for t in reader.view.turns}[turn["id"]]
    assert {(s["start"], s["end"]) for s in shown["segments"]} == {(start, end)}
    assert "#2CA02C" in {c for s in shown["segments"] for c in s["colours"]}
    assert any("Holidays by Sam" in c for c in shown["codings"])

    # A whole turn, the one the keyboard is in; then remove one coding; then undo.
    other = next(t for t in turns.values() if t["id"] != turn["id"] and len(t["text"]) > 5)
    reader.view.current_turn = other["id"]
    reader.codes.value = ("Who is here",)
    reader.code_turn.click()
    assert reader.status == f"Saved: turn {other['turn'] + 1} coded Who is here."
    with store.read() as db:
        whole = db.execute(
            select(coded_utterances.c.start_char, coded_utterances.c.end_char).where(
                coded_utterances.c.utterance_id == other["id"]
            )
        ).one()
    assert tuple(whole) == (0, len(other["text"]))
    assert reader.coding.options[0][0] == "Who is here by Sam: the whole turn"
    reader.remove.click()
    assert reader.status.startswith("Saved: that coding is removed")
    assert len(session_codings(store, pid, reader.session_id)) == 2
    reader.undo.click()
    assert reader.status == "Saved: put back 1 coding(s) just removed."
    assert len(session_codings(store, pid, reader.session_id)) == 3
    reader.undo.click()  # and the whole turn's coding before it
    assert len(session_codings(store, pid, reader.session_id)) == 2
    with store.read() as db:
        actions = db.execute(select(events.c.action).where(events.c.actor == "Sam")).scalars()
        assert {"coded passage", "removed coding", "undid"} <= set(actions)


def test_the_page_never_trusts_what_the_browser_sends(store) -> None:
    reader, pid, turns = _reader(store)
    turn = next(iter(turns.values()))
    reader.codes.value = ("Holidays",)
    # Offsets past the end of the turn, or a turn that is not shown, code nothing.
    reader.view.selection = {"turn_id": turn["id"], "start": 0, "end": len(turn["text"]) + 5}
    reader.code_words.click()
    reader.view.selection = {"turn_id": 10**6, "start": 0, "end": 1}
    reader.code_words.click()
    assert reader.status == "Choose some words in a turn first. Nothing was coded."
    reader.view.selection = {"turn_id": turn["id"], "start": 0, "end": 2}
    reader.codes.value = ()
    reader.code_words.click()
    assert reader.status == "Tick at least one code to give first. Nothing was coded."
    assert session_codings(store, pid, reader.session_id).empty
