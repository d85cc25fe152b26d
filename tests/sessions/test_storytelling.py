"""The storytelling recorder's record and its participation figures, checked by hand."""

from __future__ import annotations

import pytest

from coprod_lab.errors import CoprodLabError
from coprod_lab.participation import Person, Turn, participation
from coprod_lab.sessions import storytelling as st
from tests.sessions.people import at, demo_people


def test_participation_matches_a_hand_computed_example() -> None:
    a, b, c, d = (Person(i, n, "x") for i, n in enumerate("ABCD", 1))
    # A speaks 0-60, B 60-90, A 90-200 (a break starts at 200 and ends at 500), C from 500.
    turns = [Turn(1, 0, 60), Turn(2, 60, 90), Turn(1, 90, None), Turn(3, 500, None)]
    found = participation(
        turns, [a, b, c, d], now=620, breaks=[(200, 500)], recaps=[], recap_after=600
    )
    by_name = {s.person.name: s for s in found.shares}
    # By hand: A 2 turns, 60 + 110 = 170 s; B 1 turn, 30 s; C 1 turn, 620 - 500 = 120 s.
    assert [(s.turns, s.seconds) for s in found.shares] == [(2, 170), (1, 30), (1, 120), (0, 0)]
    assert by_name["A"].turn_share == pytest.approx(2 / 4)
    assert by_name["B"].turn_share == pytest.approx(1 / 4)
    assert by_name["A"].time_share == pytest.approx(170 / 320)
    assert by_name["C"].time_share == pytest.approx(120 / 320)
    assert found.not_spoken == (d,)
    assert found.since_break == 120  # the break ended at 500
    assert found.since_recap == 120
    assert not found.recap_due and not found.on_break
    later = participation(turns, [a, b, c, d], now=1100, breaks=[(200, 500)], recap_after=600)
    assert later.recap_due  # 600 s since the break ended


def test_nobody_has_spoken_yet() -> None:
    a = Person(1, "A", "x")
    found = participation([], [a], now=30)
    assert found.shares[0].turn_share == 0 and found.shares[0].time_share == 0
    assert found.not_spoken == (a,)


def _session(store) -> tuple[int, dict[str, int]]:
    project_id, people = demo_people(store)
    session_id = st.start_session(
        store,
        project_id,
        "Storytelling: coming home",
        [people["Dev"], people["Priya"], people["Sam"]],
        at=at(0),
        actor="facilitator",
    )
    return session_id, people


def test_the_stored_record_gives_the_same_figures(store) -> None:
    session_id, people = _session(store)
    dev, priya, sam = people["Dev"], people["Priya"], people["Sam"]
    assert [p.id for p in st.speakers(store, session_id)] == sorted([dev, priya, sam])
    st.record_turn(store, session_id, dev, at=at(0), actor="f")
    st.record_turn(store, session_id, priya, at=at(60), actor="f")
    st.record_turn(store, session_id, dev, at=at(90), actor="f")
    st.start_break(store, session_id, at=at(200), actor="f")
    assert st.state(store, session_id) == "on_break"
    on_break = st.session_participation(store, session_id, at=at(300), recap_after_minutes=10)
    assert on_break.on_break and not on_break.recap_due
    st.end_break(store, session_id, at=at(500), actor="f")
    st.note_turn(store, session_id, 2, "“Nobody told me the time.”", actor="f")
    found = st.session_participation(store, session_id, at=at(620), recap_after_minutes=10)
    assert {s.person.id: (s.turns, s.seconds) for s in found.shares} == {
        dev: (2, 170),
        priya: (1, 30),
        sam: (0, 0),
    }
    assert [p.id for p in found.not_spoken] == [sam]
    assert found.since_break == 120
    recorded = st.turns(store, session_id)
    assert [(t.turn, t.start, t.end) for t in recorded] == [(0, 0, 60), (1, 60, 90), (2, 90, 200)]
    assert recorded[2].note == "“Nobody told me the time.”"
    st.mark_recap(store, session_id, at=at(700), actor="f")
    after_recap = st.session_participation(store, session_id, at=at(760), recap_after_minutes=1)
    assert (after_recap.since_recap, after_recap.recap_due) == (60, True)
    st.end_session(store, session_id, at=at(800), actor="f")
    with pytest.raises(CoprodLabError, match="has ended"):
        st.record_turn(store, session_id, sam, at=at(900), actor="f")


def test_a_turn_during_a_break_ends_the_break(store) -> None:
    session_id, people = _session(store)
    st.start_break(store, session_id, at=at(10), actor="f")
    st.record_turn(store, session_id, people["Sam"], at=at(70), actor="f")
    assert st.state(store, session_id) == "recording"
    found = st.session_participation(store, session_id, at=at(100), recap_after_minutes=20)
    assert found.since_break == 30


def test_only_people_in_the_session_can_be_recorded(store) -> None:
    session_id, people = _session(store)
    with pytest.raises(CoprodLabError, match="not in this session"):
        st.record_turn(store, session_id, people["Joan"], at=at(5), actor="f")
    with pytest.raises(CoprodLabError, match="not in this session"):
        st.add_sense_check(store, session_id, people["Joan"], "x", actor="f")
    assert st.turns(store, session_id) == []


def test_sense_checks_wait_until_the_speaker_answers(store) -> None:
    session_id, people = _session(store)
    first = st.add_sense_check(store, session_id, people["Dev"], "Nobody said when.", actor="f")
    second = st.add_sense_check(store, session_id, people["Dev"], "It was fine.", actor="f")
    st.answer_sense_check(store, session_id, first, confirmed=True, at=at(30), actor="f")
    st.answer_sense_check(store, session_id, second, confirmed=False, at=at(40), actor="f")
    assert [(c.heard, c.status) for c in st.sense_check_list(store, session_id)] == [
        ("Nobody said when.", "confirmed"),
        ("It was fine.", "not_right"),
    ]
    with pytest.raises(CoprodLabError, match="Write what you heard"):
        st.add_sense_check(store, session_id, people["Dev"], " ", actor="f")


def test_recorded_turns_are_transcript_rows(store) -> None:
    # What the recorder keeps is read like any imported transcript.
    from sqlalchemy import select

    from coprod_lab.store import utterances

    session_id, people = _session(store)
    st.record_turn(store, session_id, people["Priya"], at=at(3), actor="f")
    with store.read() as db:
        row = db.execute(select(utterances).where(utterances.c.session_id == session_id)).one()
    assert (row.speaker, row.role, row.source, row.turn, row.line, row.start) == (
        "Priya Shah",
        "professional",
        "storytelling recorder",
        0,
        1,
        3.0,
    )
