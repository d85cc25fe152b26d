"""Counting a round: pure functions from the marks people made to a result people can check.

- approval: ticks; share = ticks / people who voted in the round.
- thumbs: agree, unsure, disagree; the score is the number who agree.
- dots: dots given; share = dots given / all dots given.
- ranked: Borda count (with n definitions, first place earns n-1 points, last 0, unranked 0)
  and instant runoff (first choices counted; while no definition has more than half of the
  ballots still counting, the one with fewest is dropped and its ballots go to their next
  choice; if several share the fewest, all of them go, unless that would drop everyone).
Ties are reported as ties, never broken silently.

"Support" is the same idea in every method, so groups can be compared: the share of a group
who ticked, agreed, gave at least one dot, or put the definition in their top half.
Consensus: definitions at least half of every declared group supports.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

GROUPS = ("lived_experience", "professional", "other")  # "not_said" counts in the total only
CONSENSUS_SHARE = 0.5


@dataclass(frozen=True)
class Mark:
    """One ballot's mark on one candidate. value None: the person skipped it."""

    ballot_id: int
    role: str
    candidate_id: int
    value: int | None


@dataclass(frozen=True)
class Line:
    candidate_id: int
    text: str
    score: int
    share: float
    counts: dict[str, int]
    support: dict[str, float]  # group → share of that group's voters who support it
    support_all: float


@dataclass(frozen=True)
class Result:
    method: str
    voters: int
    voters_by_group: dict[str, int]
    lines: list[Line]  # highest score first; equal scores keep the candidates' order
    winners: list[int]  # more than one means a tie
    runoff: list[dict[int, int]] = field(default_factory=list)  # ranked: counts per stage
    runoff_winners: list[int] = field(default_factory=list)
    consensus: list[int] = field(default_factory=list)

    @property
    def tied(self) -> bool:
        return len(self.winners) > 1


def _supports(method: str, value: int | None, n_candidates: int) -> bool:
    if value is None:
        return False
    if method in ("approval", "thumbs"):
        return value == 1
    if method == "dots":
        return value >= 1
    return value <= math.ceil(n_candidates / 2)  # ranked: in the top half


def instant_runoff(
    rankings: Iterable[list[int]], candidates: list[int]
) -> tuple[list[dict[int, int]], list[int]]:
    """Stages of first-choice counts, and the winner (several if they stay tied to the end)."""
    rankings = [r for r in rankings if r]
    remaining = list(candidates)
    stages: list[dict[int, int]] = []
    while remaining:
        counts = {c: 0 for c in remaining}
        for ranking in rankings:
            for choice in ranking:
                if choice in counts:
                    counts[choice] += 1
                    break
        stages.append(counts)
        counting = sum(counts.values())
        top = max(counts.values())
        if counting and top * 2 > counting:
            return stages, [c for c in remaining if counts[c] == top]
        fewest = min(counts.values())
        dropped = [c for c in remaining if counts[c] == fewest]
        if len(dropped) == len(remaining):
            return stages, remaining if counting else []
        remaining = [c for c in remaining if c not in dropped]
    return stages, []


def tally(
    method: str,
    candidates: list[tuple[int, str]],
    marks: Iterable[Mark],
) -> Result:
    """The result of one round. `candidates` are the ones still shown, in their order."""
    ids = [c for c, _ in candidates]
    known = set(ids)
    marks = [m for m in marks if m.candidate_id in known]
    n = len(ids)
    voters: dict[int, str] = {m.ballot_id: m.role for m in marks}
    by_group = Counter(role for role in voters.values() if role in GROUPS)

    scores: dict[int, int] = defaultdict(int)
    counts: dict[int, Counter] = {c: Counter() for c in ids}
    supporters: dict[int, Counter] = {c: Counter() for c in ids}
    rankings: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in marks:
        if m.value is None:
            counts[m.candidate_id]["skipped"] += 1
            continue
        if method == "approval":
            scores[m.candidate_id] += m.value
            counts[m.candidate_id]["ticks"] += m.value
        elif method == "thumbs":
            word = {1: "agree", 0: "unsure", -1: "disagree"}[m.value]
            counts[m.candidate_id][word] += 1
            scores[m.candidate_id] += m.value == 1
        elif method == "dots":
            scores[m.candidate_id] += m.value
            counts[m.candidate_id]["dots"] += m.value
        else:
            scores[m.candidate_id] += n - m.value
            counts[m.candidate_id][f"rank {m.value}"] += 1
            rankings[m.ballot_id].append((m.value, m.candidate_id))
        if _supports(method, m.value, n):
            supporters[m.candidate_id][m.role] += 1
            supporters[m.candidate_id]["all"] += 1

    total_dots = sum(scores.values()) if method == "dots" else 0
    lines = []
    for candidate_id, text in candidates:
        score = scores[candidate_id]
        if method == "dots":
            share = score / total_dots if total_dots else 0.0
        elif method == "ranked":
            share = score / (len(voters) * (n - 1)) if voters and n > 1 else 0.0
        else:
            share = score / len(voters) if voters else 0.0
        support = {g: supporters[candidate_id][g] / by_group[g] for g in GROUPS if by_group[g]}
        lines.append(
            Line(
                candidate_id,
                text,
                score,
                share,
                dict(counts[candidate_id]),
                support,
                supporters[candidate_id]["all"] / len(voters) if voters else 0.0,
            )
        )
    lines.sort(key=lambda line: -line.score)
    best = lines[0].score if lines and voters else None
    winners = [line.candidate_id for line in lines if line.score == best] if best else []

    runoff: list[dict[int, int]] = []
    runoff_winners: list[int] = []
    if method == "ranked":
        ordered = [[c for _r, c in sorted(marked)] for marked in rankings.values()]
        runoff, runoff_winners = instant_runoff(ordered, ids)

    groups = [g for g in GROUPS if by_group[g]]
    consensus = [
        line.candidate_id
        for line in sorted(lines, key=lambda line: -min(line.support.values(), default=0))
        if groups and all(line.support[g] >= CONSENSUS_SHARE for g in groups)
    ]
    return Result(
        method,
        len(voters),
        {g: by_group[g] for g in GROUPS},
        lines,
        winners,
        runoff,
        runoff_winners,
        consensus,
    )
