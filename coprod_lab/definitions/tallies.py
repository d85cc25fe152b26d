"""Counting a round: pure functions from the marks people made to a result people can check.

- approval: ticks; share = ticks / people who voted in the round.
- thumbs: agree, unsure, disagree; the score is the number who agree.
- dots: dots given; share = dots given / all dots given.
- ranked: Borda count (with n definitions, first place earns n-1 points, last 0, unranked 0)
  and instant runoff (see `RUNOFF_RULE`: one definition dropped at a time, a tie for fewest
  broken by the earlier stage's counts, else left for the room to decide, with what each
  choice would lead to). "Not in my order" (value 0) is a mark of its own, apart from Skip.
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
    runoff_stages: list[RunoffStage] = field(default_factory=list)  # with who went and why
    consensus: list[int] = field(default_factory=list)

    @property
    def tied(self) -> bool:
        return len(self.winners) > 1


def places(lines: list[Line]) -> list[tuple[int, bool]]:
    """Each line's place by standard competition ranking ("1, 1, 3": equal scores share the
    higher place and the next place is skipped), and whether it is shared (tied), in the
    order of `lines`."""
    scores = [line.score for line in lines]
    return [
        (1 + sum(s > line.score for s in scores), scores.count(line.score) > 1) for line in lines
    ]


def _supports(method: str, value: int | None, n_candidates: int) -> bool:
    if value is None:
        return False
    if method in ("approval", "thumbs"):
        return value == 1
    if method == "dots":
        return value >= 1
    return value <= math.ceil(n_candidates / 2)  # ranked: in the top half


RUNOFF_RULE = (
    "Instant runoff drops one definition at a time: the one with the fewest first choices, "
    "and its votes go to each person's next choice. Several go together only when together "
    "they have fewer first choices than the next lowest. When two or more tie for fewest, "
    "the one with fewer first choices at the stage before goes; if they tied there too, the "
    "room decides which goes."
)
NOT_IN_ORDER = 0  # ranked: the person left this definition out of their order on purpose


@dataclass(frozen=True)
class RunoffStage:
    """One count of first choices, and who was dropped after it and by which rule.

    rule: "fewest", "together", "earlier stage", "room decides" or "" (the count that ended
    the runoff). `if_dropped`, for "room decides": each definition the room might drop →
    who would then win.
    """

    counts: dict[int, int]
    dropped: tuple[int, ...] = ()
    rule: str = ""
    if_dropped: dict[int, list[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Runoff:
    stages: list[RunoffStage]
    winners: list[int]  # several: a tie, or a tie for fewest the room must settle


def _lowest_together(counts: dict[int, int], remaining: list[int]) -> list[int]:
    """The most definitions, two or more, whose first choices together are fewer than the
    next lowest's (so none of them could catch up): they can all go at once. [] if none."""
    ordered = sorted(remaining, key=lambda c: counts[c])
    best: list[int] = []
    total = 0
    for k in range(1, len(ordered)):
        total += counts[ordered[k - 1]]
        if k >= 2 and total < counts[ordered[k]]:
            best = ordered[:k]
    return best


def _runoff(
    rankings: list[list[int]], remaining: list[int], earlier: list[dict[int, int]]
) -> Runoff:
    stages: list[RunoffStage] = []
    history = list(earlier)
    while remaining:
        counts = {c: 0 for c in remaining}
        for ranking in rankings:
            for choice in ranking:
                if choice in counts:
                    counts[choice] += 1
                    break
        history.append(counts)
        counting = sum(counts.values())
        top = max(counts.values())
        if not counting:
            stages.append(RunoffStage(counts))
            return Runoff(stages, [])
        if top * 2 > counting or len(remaining) == 1:
            stages.append(RunoffStage(counts))
            return Runoff(stages, [c for c in remaining if counts[c] == top])
        together = _lowest_together(counts, remaining)
        fewest = min(counts.values())
        tied = [c for c in remaining if counts[c] == fewest]
        if together:
            dropped, rule = together, "together"
        elif len(tied) == 1:
            dropped, rule = tied, "fewest"
        else:
            for before in reversed(history[:-1]):  # the stage before, then the one before that
                low = min(before.get(c, 0) for c in tied)
                tied = [c for c in tied if before.get(c, 0) == low]
                if len(tied) == 1:
                    break
            if len(tied) == 1:
                dropped, rule = tied, "earlier stage"
            else:
                # No rule parts them: say what dropping each would lead to; the room decides.
                outcomes = {
                    c: _runoff(rankings, [r for r in remaining if r != c], history).winners
                    for c in tied
                }
                stages.append(RunoffStage(counts, (), "room decides", outcomes))
                possible = {w for won in outcomes.values() for w in won}
                return Runoff(stages, [c for c in remaining if c in possible])
        stages.append(RunoffStage(counts, tuple(dropped), rule))
        remaining = [c for c in remaining if c not in dropped]
    return Runoff(stages, [])


def instant_runoff(rankings: Iterable[list[int]], candidates: list[int]) -> Runoff:
    """Count a ranked round by instant runoff, under `RUNOFF_RULE`.

    `rankings`: each person's order, first choice first (definitions left out are not in it).
    Returns every stage's first-choice counts with who went and why, and the winner: several
    when they stay tied to the end, or when a tie for fewest no rule parts would decide it
    (each stage's `if_dropped` says who wins whichever the room drops).
    Method: instant-runoff voting with bulk exclusion only when it cannot change the result,
    as in the Electoral Reform Society's rules for the single transferable vote.
    """
    return _runoff([r for r in rankings if r], list(candidates), [])


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
        if method == "ranked" and m.value == NOT_IN_ORDER:
            counts[m.candidate_id]["not in order"] += 1
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

    counted = Runoff([], [])
    if method == "ranked":
        ordered = [[c for _r, c in sorted(marked)] for marked in rankings.values()]
        counted = instant_runoff(ordered, ids)

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
        [stage.counts for stage in counted.stages],
        counted.winners,
        counted.stages,
        consensus,
    )
