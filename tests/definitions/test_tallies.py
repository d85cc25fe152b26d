"""Counting rounds, checked against results worked out by hand."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from coprod_lab.definitions.tallies import Mark, instant_runoff, tally

A, B, C, D, E = 1, 2, 3, 4, 5
ROOT = Path(__file__).resolve().parents[2]
CANDS = [(A, "a"), (B, "b"), (C, "c")]


def marks(rows: list[tuple[int, str, int, int | None]]) -> list[Mark]:
    return [Mark(*row) for row in rows]


def test_approval_counts_ticks_over_everyone_who_voted_and_reports_a_tie() -> None:
    result = tally(
        "approval",
        CANDS,
        marks(
            [
                (10, "lived_experience", A, 1),
                (10, "lived_experience", B, 1),
                (11, "professional", A, 1),
                (11, "professional", B, 1),
                (12, "professional", C, None),  # skipped everything: counted as a voter
            ]
        ),
    )
    assert result.voters == 3
    assert result.winners == [A, B] and result.tied
    first = result.lines[0]
    assert (first.candidate_id, first.score, round(first.share, 3)) == (A, 2, 0.667)
    assert result.lines[2].counts == {"skipped": 1}
    assert first.support == {"lived_experience": 1.0, "professional": 0.5}
    assert result.consensus == [A, B]


def test_thumbs_scores_agreement_and_splits_by_role() -> None:
    result = tally(
        "thumbs",
        CANDS[:2],
        marks(
            [
                (1, "lived_experience", A, 1),
                (2, "lived_experience", A, 1),
                (3, "professional", A, -1),
                (4, "professional", A, 0),
                (1, "lived_experience", B, 0),
                (2, "lived_experience", B, 1),
                (3, "professional", B, 1),
                (4, "professional", B, 1),
            ]
        ),
    )
    by_id = {line.candidate_id: line for line in result.lines}
    assert by_id[A].counts == {"agree": 2, "disagree": 1, "unsure": 1}
    assert by_id[B].score == 3 and result.winners == [B]
    # A: every lived-experience voter agrees, no professional does: the gap shows.
    assert by_id[A].support == {"lived_experience": 1.0, "professional": 0.0}
    assert result.consensus == [B]
    assert result.voters_by_group == {"lived_experience": 2, "professional": 2, "other": 0}


def test_dots_share_is_of_all_dots_given() -> None:
    result = tally(
        "dots",
        CANDS,
        marks([(1, "other", A, 3), (1, "other", B, 2), (2, "other", A, 1), (2, "other", C, 4)]),
    )
    assert [(line.candidate_id, line.score) for line in result.lines] == [(A, 4), (C, 4), (B, 2)]
    assert result.tied and result.winners == [A, C]
    assert round(result.lines[2].share, 2) == 0.2


def test_borda_and_instant_runoff_can_disagree_and_both_are_shown() -> None:
    # 5 ballots over A, B, C; first place earns 2 Borda points, second 1, last 0.
    ballots = {
        1: [A, B, C],
        2: [A, B, C],
        3: [B, C, A],
        4: [C, B, A],
        5: [C, B, A],
    }
    rows = [
        (b, "other", c, rank) for b, order in ballots.items() for rank, c in enumerate(order, 1)
    ]
    result = tally("ranked", CANDS, marks(rows))
    # Borda: A 2+2+0+0+0 = 4; B 1+1+2+1+1 = 6; C 0+0+1+2+2 = 5.
    assert {line.candidate_id: line.score for line in result.lines} == {A: 4, B: 6, C: 5}
    assert result.winners == [B]
    # Runoff: firsts A2 B1 C2 → B dropped → its ballot goes to C: A2 C3 → C wins.
    assert result.runoff == [{A: 2, B: 1, C: 2}, {A: 2, C: 3}]
    assert result.runoff_stages[0].dropped == (B,)
    assert result.runoff_winners == [C]


def _voting_case() -> list[list[int]]:
    """The ballots of ../shared/cases/README.md, "voting": 4 rank only A; 3 rank B then C;
    3 rank C then B."""
    text = (ROOT / "../shared/cases/README.md").resolve().read_text()
    section = text.split("## voting", 1)[1].split("\n## ", 1)[0]
    found = re.findall(r"(\d+) rank (only )?([A-Z])(?: then ([A-Z]))?", section)
    assert len(found) == 3, section
    letters = {"A": A, "B": B, "C": C}
    rankings = []
    for how_many, _only, first, second in found:
        order = [letters[first]] + ([letters[second]] if second else [])
        rankings += [order] * int(how_many)
    return rankings


def test_the_cases_runoff_drops_one_at_a_time_and_never_hands_the_round_to_a() -> None:
    rankings = _voting_case()
    assert len(rankings) == 10
    counted = instant_runoff(rankings, [A, B, C])
    first = counted.stages[0]
    assert first.counts == {A: 4, B: 3, C: 3}
    # B and C tie for fewest with no earlier stage to part them, and together (6) they are
    # not fewer than A (4): neither is dropped by a rule; the room decides which goes.
    assert first.rule == "room decides" and first.dropped == ()
    # Whichever the room drops, the other has 6 of 10 and wins; A wins under no tie-break.
    assert first.if_dropped == {B: [C], C: [B]}
    assert counted.winners == [B, C] and A not in counted.winners


def test_a_tie_for_fewest_is_broken_by_the_stage_before() -> None:
    # A tie for fewest at stage 2 (B and C both 3) that stage 1 parts (C had 2 there).
    rankings = [[A]] * 4 + [[B]] * 3 + [[C, A]] * 2 + [[E, C]]
    counted = instant_runoff(rankings, [A, B, C, E])
    assert counted.stages[0].counts == {A: 4, B: 3, C: 2, E: 1}
    assert counted.stages[1].counts == {A: 4, B: 3, C: 3}
    assert (counted.stages[1].dropped, counted.stages[1].rule) == ((C,), "earlier stage")
    assert counted.stages[2].counts == {A: 6, B: 3} and counted.winners == [A]


def test_several_go_together_only_when_together_they_are_fewer_than_the_next() -> None:
    rankings = [[A]] * 5 + [[B]] * 4 + [[C, B]] + [[D, B]]
    counted = instant_runoff(rankings, [A, B, C, D])
    # C 1 + D 1 = 2 < B 4: both go at once; B then has 6 of 11.
    assert (counted.stages[0].dropped, counted.stages[0].rule) == ((C, D), "together")
    assert counted.stages[1].counts == {A: 5, B: 6} and counted.winners == [B]


def test_everyone_tied_is_a_tie_the_room_decides() -> None:
    counted = instant_runoff([[A], [B]], [A, B])
    assert counted.winners == [A, B]
    assert counted.stages[0].if_dropped == {A: [B], B: [A]}


def test_unranked_definitions_earn_no_borda_points_and_votes_on_others_are_ignored() -> None:
    result = tally("ranked", CANDS, marks([(1, "other", A, 1), (1, "other", D, 2)]))
    assert {line.candidate_id: line.score for line in result.lines} == {A: 2, B: 0, C: 0}
    assert result.runoff_winners == [A]


def test_not_in_my_order_is_its_own_mark_apart_from_skip() -> None:
    rows = [(1, "other", A, 1), (1, "other", B, 0), (1, "other", C, None)]
    result = tally("ranked", CANDS, marks(rows))
    by_id = {line.candidate_id: line for line in result.lines}
    assert by_id[B].counts == {"not in order": 1} and by_id[C].counts == {"skipped": 1}
    assert by_id[B].score == 0 and result.runoff_winners == [A]


def test_no_votes_means_no_winner() -> None:
    result = tally("approval", CANDS, [])
    assert (result.voters, result.winners, result.consensus) == (0, [], [])


@given(
    st.lists(
        st.tuples(st.integers(1, 8), st.sampled_from([A, B, C]), st.sampled_from([0, 1, None])),
        max_size=40,
    )
)
def test_approval_scores_always_equal_the_ticks_cast(rows) -> None:
    last = {(b, c): v for b, c, v in rows}  # one mark per ballot and candidate, as the store
    result = tally("approval", CANDS, [Mark(b, "other", c, v) for (b, c), v in last.items()])
    for line in result.lines:
        assert line.score == sum(1 for (_b, c), v in last.items() if c == line.candidate_id and v)
    assert result.voters == len({b for b, _c in last})


def test_places_use_standard_competition_ranking_and_say_tied() -> None:
    from coprod_lab.definitions.tallies import places

    result = tally(
        "approval",
        [(A, "a"), (B, "b"), (C, "c"), (D, "d")],
        marks([(10, "other", c, 1) for c in (A, B, C)] + [(11, "other", c, 1) for c in (A, B)]),
    )
    assert [line.score for line in result.lines] == [2, 2, 1, 0]
    assert places(result.lines) == [(1, True), (1, True), (3, False), (4, False)]
