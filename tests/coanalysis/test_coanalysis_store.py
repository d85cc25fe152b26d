"""Co-analysis on real stores (SQLite and PostgreSQL): open sessions, invitations, shared turns
with made-up names, coding by co-analysts into the coding core, comparison, suggestions,
erasing, and the .qdpx round trip."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
from sqlalchemy import func, select

from coprod_lab import connect
from coprod_lab.coanalysis import invitations, opening, together, work
from coprod_lab.coanalysis.turns import shared_turns
from coprod_lab.coding.comparing import agreement_table
from coprod_lab.coding.memos import memos_of
from coprod_lab.coding.passages import undo_last
from coprod_lab.coding.retrieval import coded_passages
from coprod_lab.errors import CoprodLabError
from coprod_lab.exports.qdpx import export_qdpx, import_qdpx
from coprod_lab.privacy.people import erase_participant
from coprod_lab.store.schema import (
    coanalysis_marks,
    code_suggestions,
    coded_utterances,
    events,
    memos,
    participants,
)
from tests.coanalysis.project import TURNS, a_project


def count(store, table) -> int:
    with store.read() as db:
        return db.scalar(select(func.count()).select_from(table))


def test_only_open_sessions_and_consented_turns_with_made_up_names(sqlite_store) -> None:
    store = sqlite_store  # logic the PostgreSQL runs of the other tests cover too
    p = a_project(store, look_for_names=True)
    assert opening.open_sessions(store, p.id) == [(p.open_session, "Open meeting")]
    turns = shared_turns(store, p.id, p.open_session)
    # Sam Jones did not consent to sharing: turn 2 is left out.
    assert [t.turn for t in turns] == [0, 1, 3, 4]
    assert [t.speaker for t in turns] == ["Robin", "Kit", "Robin", "Kit"]
    second = turns[1]
    assert second.text == TURNS[1][2].replace("Rosalind", "Robin")
    assert "Rosalind" not in " ".join(t.text for t in turns)
    # Someone who is not a participant, found by the name recogniser when it was opened.
    assert turns[3].text.endswith("as [another person] on reception does.")
    # Characters shown map back to the stored text, a made-up name to the whole real one.
    stored = TURNS[1][2]
    start = second.text.index("list")
    begin, end = second.to_stored(start, start + len("list that nobody"))
    assert stored[begin:end] == "list that nobody"
    assert second.to_stored(2, 9) == (0, len("Rosalind was"))
    assert second.to_shown(0, len("Rosalind was")) == (0, len("Robin was"))
    with pytest.raises(CoprodLabError, match="not open"):
        shared_turns(store, p.id, p.closed_session)
    opening.close_coanalysis(store, p.open_session, actor="researcher")
    assert opening.open_sessions(store, p.id) == []
    with pytest.raises(CoprodLabError, match="not open"):
        shared_turns(store, p.id, p.open_session)


def test_a_coanalysts_coding_is_stored_audited_and_read_back_intact(store_url) -> None:
    store = connect(store_url)
    store.upgrade()
    p = a_project(store)
    ana, ben = invitations.invite(store, p.id, ["Ana", "Ben"], actor="researcher")
    assert invitations.by_token(store, ana.token) == ana
    assert invitations.by_token(store, "made-up") is None
    turns = shared_turns(store, p.id, p.open_session)
    first, second = turns[0], turns[1]
    work.set_code(store, ana, first.utterance_id, "Waiting", True)
    work.set_code(store, ana, first.utterance_id, "Waiting", True)  # a second press: no repeat
    start = first.text.index("six weeks")
    passage = work.select_words(
        store, ana, first, start, start + len("six weeks"), "Six weeks is a long time alone."
    )
    work.mark(store, ana, second.utterance_id, "important")
    work.mark(
        store, ana, second.utterance_id, "read_differently", note="Nobody owned it on purpose."
    )
    work.suggest_code(
        store, ana, second.utterance_id, "  Passed   around ", "Sent from team to team."
    )
    store.engine.dispose()

    again = connect(store_url)  # a reload: a new connection reads it all back
    state = work.turn_state(again, ana, first)
    assert state.codes == {"Waiting"}
    assert state.selections == [
        {
            "passage_id": passage,
            "start": start,
            "end": start + len("six weeks"),
            "code": work.WORDS_THAT_MATTER,
            "why": "Six weeks is a long time alone.",
        }
    ]
    later = work.turn_state(again, ana, second)
    assert later.marks == {"important": "", "read_differently": "Nobody owned it on purpose."}
    assert later.suggestions == ["Passed around"]
    assert work.turn_state(again, ben, first).done is False
    # Progress and where Ana stopped: turns 0 and 1 done, turn 3 next.
    assert work.done_turns(again, ana, [t.utterance_id for t in turns]) == {
        first.utterance_id,
        second.utterance_id,
    }
    assert work.where_stopped(again, ana, turns) == 2
    # In the coding core: Ana as coder, the selected words as a passage, why as its memo.
    passages = coded_passages(again, p.id, coders=["Ana"])
    assert sorted(passages["passage"]) == [
        "I waited six weeks for support after hospital.",
        "six weeks",
    ]
    notes = memos_of(again, p.id, "passage", passage)
    assert list(notes["text"]) == ["Six weeks is a long time alone."]
    assert list(notes["author"]) == ["Ana"]
    # Audited: every change has an event by Ana, none carrying the words.
    with again.read() as db:
        done = db.execute(
            select(events.c.action, events.c.detail).where(events.c.actor == "Ana")
        ).all()
    assert {a for a, _ in done} >= {"coded passage", "wrote", "marked important", "suggested"}
    assert "six weeks" not in str(done) and "owned" not in str(done)
    # The coding core's undo reverses a co-analyst's coding too (same audit events).
    assert undo_last(again, p.id, actor="Ana") == "Removed the 1 coding(s) just made."
    assert work.turn_state(again, ana, first).selections == []
    assert work.turn_state(again, ana, first).codes == {"Waiting"}
    # Taking a code off again, and a mark.
    work.set_code(again, ana, first.utterance_id, "Waiting", False)
    work.mark(again, ana, second.utterance_id, "important", on=False)
    assert work.turn_state(again, ana, first).codes == set()
    assert "important" not in work.turn_state(again, ana, second).marks
    again.engine.dispose()


def test_a_turn_not_open_or_not_shared_stores_nothing(sqlite_store) -> None:
    store = sqlite_store  # logic the PostgreSQL runs of the other tests cover too
    p = a_project(store)
    (ana,) = invitations.invite(store, p.id, ["Ana"], actor="researcher")
    before = [
        count(store, t) for t in (coded_utterances, coanalysis_marks, code_suggestions, events)
    ]
    for attempt in (
        lambda: work.set_code(store, ana, p.closed_turns[0], "Waiting", True),
        lambda: work.mark(store, ana, p.closed_turns[1], "important"),
        lambda: work.suggest_code(store, ana, p.closed_turns[0], "Anything"),
        lambda: work.mark(store, ana, p.turns[2], "important"),  # Sam's turn: not shared
    ):
        with pytest.raises(CoprodLabError, match="nothing was saved"):
            attempt()
    after = [
        count(store, t) for t in (coded_utterances, coanalysis_marks, code_suggestions, events)
    ]
    assert after == before
    # Another project's co-analyst cannot reach this project's turns.
    stranger = invitations.CoAnalyst(ana.id, p.id + 1, ana.token, ana.name)
    with pytest.raises(CoprodLabError):
        work.mark(store, stranger, p.turns[0], "important")
    # Closing the session stops writes that a stale page still offers.
    opening.close_coanalysis(store, p.open_session, actor="researcher")
    with pytest.raises(CoprodLabError, match="no longer open"):
        work.set_code(store, ana, p.turns[0], "Waiting", True)
    assert count(store, coded_utterances) == before[0]


def test_invitations_refuse_real_names_and_repeats(sqlite_store) -> None:
    store = sqlite_store  # logic the PostgreSQL runs of the other tests cover too
    p = a_project(store)
    with pytest.raises(CoprodLabError, match="real name"):
        invitations.invite(store, p.id, ["Ana", "sam jones"], actor="researcher")
    assert invitations.coanalysts_in(store, p.id) == []  # nobody, not even Ana
    with pytest.raises(CoprodLabError, match="repeated"):
        invitations.invite(store, p.id, ["Ana", "ana"], actor="researcher")
    invitations.invite(store, p.id, ["Ana"], actor="researcher")
    with pytest.raises(CoprodLabError, match="already invited"):
        invitations.invite(store, p.id, ["ANA"], actor="researcher")


def test_comparison_matches_hand_computed_kappa_and_alpha(sqlite_store) -> None:
    store = sqlite_store  # plain reads: the PostgreSQL runs of the other tests cover them
    p = a_project(store)
    ana, ben, cy = invitations.invite(store, p.id, ["Ana", "Ben", "Cy"], actor="researcher")
    turns = shared_turns(store, p.id, p.open_session)
    ids = [t.utterance_id for t in turns]  # the four shared turns
    # "Waiting": Ana on turns 1 and 2 of 4, Ben on turn 1, Cy on turns 1 and 2.
    for who, on in ((ana, (0, 1)), (ben, (0,)), (cy, (0, 1))):
        for i in on:
            work.set_code(store, who, ids[i], "Waiting", True)
    work.set_code(store, cy, ids[3], "Feeling forgotten", True)
    work.mark(store, ben, ids[2], "read_differently", note="Angry, not sad.")
    # Hand computed from the definitions (Cohen 1960; Krippendorff 2011), Waiting:
    # Ana 1100, Ben 1000: agree on 3 of 4; chance .5*.25 + .5*.75 = 1/2 -> kappa (3/4-1/2)/(1/2).
    kappa_ana_ben = (Fraction(3, 4) - Fraction(1, 2)) / (1 - Fraction(1, 2))
    assert kappa_ana_ben == Fraction(1, 2)
    # Group of three, 12 values, five 1s and seven 0s; only turn 2 mixes (two 1s, one 0),
    # adding 2*2*1/(3-1) = 2 to o01 + o10: alpha = 1 - (12-1) * 2 / (2 * 5 * 7).
    alpha_all = 1 - Fraction(11 * 2, 2 * 5 * 7)
    table = together.agreement(store, p.id)
    waiting = {r["coders"]: r for r in table if r["code"] == "Waiting"}
    assert waiting["Ana & Ben"]["kappa"] == pytest.approx(float(kappa_ana_ben))
    assert waiting["Ana & Cy"]["kappa"] == pytest.approx(1.0)
    assert waiting["all"]["alpha"] == pytest.approx(float(alpha_all))
    assert {r["units"] for r in table} == {4}  # Sam's turn, unseen, is not counted
    # The coding core computes the same figures from the same coding and turns.
    coding = pd.DataFrame(
        [(c.code, c.coder, c.unit) for c in together.coding_of(store, p.id)],
        columns=["code", "coder", "unit"],
    )
    core = agreement_table(coding, together.shared_units(store, p.id))
    assert core.fillna(-9).to_dict("records") == pd.DataFrame(table).fillna(-9).to_dict("records")
    # Who applied each code and where they differ.
    who = {r["code"]: r for r in together.who_applied(store, p.id)}
    assert who["Waiting"]["applied_by"] == "Ana (2), Ben (1), Cy (2)"
    assert who["Waiting"]["turns_differ"] == 1
    assert who["Feeling forgotten"]["turns_differ"] == 1
    # To discuss: the turn read differently first, then where people differ.
    talk = together.to_discuss(store, p.id)
    assert [r["utterance_id"] for r in talk] == [ids[2], ids[1], ids[3]]
    assert talk[0]["why"] == "Ben read this differently: Angry, not sad"
    assert talk[1]["why"] == "Waiting: given by Ana, Cy; not by Ben"
    assert "Rosalind" not in " ".join(r["text"] for r in talk)


def test_suggested_codes_can_be_taken_into_the_code_book(sqlite_store) -> None:
    store = sqlite_store  # logic the PostgreSQL runs of the other tests cover too
    p = a_project(store)
    (ana,) = invitations.invite(store, p.id, ["Ana"], actor="researcher")
    first = work.suggest_code(store, ana, p.turns[1], "Passed around", "Sent from team to team.")
    second = work.suggest_code(store, ana, p.turns[3], "Alone")
    code = together.accept_suggestion(store, p.id, first, actor="group")
    together.leave_suggestion(store, p.id, second, actor="group")
    listed = {r["id"]: r["state"] for r in together.suggestions(store, p.id)}
    assert listed == {first: "accepted", second: "not_taken"}
    from coprod_lab.coding.codebook import code_book

    book = code_book(store, p.id).set_index("id")
    assert book.loc[code, "name"] == "Passed around"
    assert book.loc[code, "definition"] == "Sent from team to team."
    work.set_code(store, ana, p.turns[1], "Passed around", True)  # usable at once
    with pytest.raises(CoprodLabError):
        together.accept_suggestion(store, p.id + 1, first, actor="group")


def test_erasing_a_participant_or_a_coanalyst(store) -> None:
    p = a_project(store)
    ana, ben = invitations.invite(store, p.id, ["Ana", "Ben"], actor="researcher")
    turns = shared_turns(store, p.id, p.open_session)
    for who in (ana, ben):
        for t in turns:
            work.set_code(store, who, t.utterance_id, "Waiting", True)
        work.select_words(store, who, turns[1], 0, 5, "Why it matters.")
        work.mark(store, who, turns[2].utterance_id, "important")
    with store.read() as db:
        robin = db.scalar(select(participants.c.id).where(participants.c.pseudonym == "Robin"))
    erase_participant(store, robin, actor="researcher")
    left = shared_turns(store, p.id, p.open_session)
    assert [t.speaker for t in left] == ["Kit", "Kit"]
    coded = coded_passages(store, p.id)
    assert len(coded) == 2 * (2 + 1)  # two coders: Kit's two turns and one selection each
    assert count(store, coanalysis_marks) == 0  # the marked turn was Robin's

    invitations.erase_coanalyst(store, ana.id, actor="researcher")
    assert set(coded_passages(store, p.id)["coder"]) == {"Ben"}
    assert list(memos_of(store, p.id)["author"]) == ["Ben"]
    with store.read() as db:
        assert db.scalar(select(func.count()).where(events.c.actor == "Ana")) == 0
        assert db.scalar(select(func.count()).select_from(memos)) == 1
    assert invitations.coanalysts_in(store, p.id) == [ben]
    with pytest.raises(CoprodLabError):
        invitations.erase_coanalyst(store, ana.id, actor="researcher")


def _round_trip(store, p, tmp_path):
    ana, ben = invitations.invite(store, p.id, ["Ana", "Ben"], actor="researcher")
    turns = shared_turns(store, p.id, p.open_session)
    work.set_code(store, ana, turns[0].utterance_id, "Waiting", True)
    start = turns[3].text.index("two days")
    work.select_words(store, ben, turns[3], start, start + len("two days"), "Two days is fair.")
    path = export_qdpx(store, p.id, tmp_path / "co.qdpx", real_names=True, progress=False)
    other = connect(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    other.upgrade()
    return other, import_qdpx(other, path, actor="test")


def test_qdpx_carries_the_coanalysts_as_users_with_their_codes(sqlite_store, tmp_path) -> None:
    p = a_project(sqlite_store)
    other, again = _round_trip(sqlite_store, p, tmp_path)
    back = coded_passages(other, again, real_names=True)
    assert sorted(zip(back["coder"], back["code"], back["turn"], strict=True)) == [
        ("Ana", "Waiting", 0),
        ("Ben", work.WORDS_THAT_MATTER, 4),
    ]
    other.engine.dispose()


def test_qdpx_carries_the_coanalysts_selected_words_and_why(sqlite_store, tmp_path) -> None:
    p = a_project(sqlite_store)
    other, again = _round_trip(sqlite_store, p, tmp_path)
    back = coded_passages(other, again, coders=["Ben"], real_names=True)
    assert list(back["passage"]) == ["two days"]
    notes = memos_of(other, again, real_names=True)
    assert list(zip(notes["author"], notes["text"], strict=True)) == [("Ben", "Two days is fair.")]
    other.engine.dispose()
