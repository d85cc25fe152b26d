"""Counting rounds, checked against results worked out by hand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coprod_lab.definitions.tallies import Mark, instant_runoff, tally

A, B, C, D = 1, 2, 3, 4
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
    assert result.runoff_winners == [C]


def test_instant_runoff_drops_everyone_tied_for_fewest_and_reports_a_final_tie() -> None:
    stages, winners = instant_runoff([[A], [B], [C, A], [D, B]], [A, B, C, D])
    assert stages[0] == {A: 1, B: 1, C: 1, D: 1}
    assert winners == [A, B, C, D]  # nobody can be dropped without dropping everyone
    stages, winners = instant_runoff([[A], [A], [B], [C, B], [D]], [A, B, C, D])
    assert stages == [{A: 2, B: 1, C: 1, D: 1}, {A: 2}]
    assert winners == [A]


def test_unranked_definitions_earn_no_borda_points_and_votes_on_others_are_ignored() -> None:
    result = tally("ranked", CANDS, marks([(1, "other", A, 1), (1, "other", D, 2)]))
    assert {line.candidate_id: line.score for line in result.lines} == {A: 2, B: 0, C: 0}
    assert result.runoff_winners == [A]


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
