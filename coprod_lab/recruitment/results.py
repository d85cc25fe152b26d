"""A candidate's results: each answer by member and by role, and where the panel disagreed.

Counting is pure (`question_result`, `leik_dispersion`, `discuss_first`); `candidate_result`
reads the store. Members appear only as "Panel member N" with their role.

How much the panel disagreed on an answer is Leik's measure of ordinal dispersion (R. K. Leik,
"A measure of ordinal consensus", Pacific Sociological Review 9(2), 1966, pp. 85-90): 0 when
everyone gave the same rating, 1 when half said thumbs up and half thumbs down. It suits an
ordered three-point scale better than a variance, which treats the steps as numbers, and it is
a few lines, so no library is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from coprod_lab.recruitment.panels import (
    MEMBER_ROLES,
    Candidate,
    Question,
    get_candidate,
    members_of,
    questions_of,
)
from coprod_lab.recruitment.ratings import RATING_WORDS
from coprod_lab.store import Store
from coprod_lab.store.schema import RATING_VALUES, panel_ratings


@dataclass(frozen=True)
class MemberRating:
    member: str  # "Panel member 3"
    role: str  # lived_experience or professional
    value: int  # 1 thumbs up, 0 in the middle, -1 thumbs down
    note: str


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    ratings: list[MemberRating]  # in member order
    counts: dict[int, int]  # rating value → how many members gave it
    by_role: dict[str, dict[int, int]]  # role → rating value → how many
    disagreement: float | None  # Leik's D, 0 (all agree) … 1 (split between the ends)
    role_gap: float | None  # mean rating of lived experience minus staff (-2 … 2)


@dataclass(frozen=True)
class CandidateResult:
    candidate: Candidate
    questions: list[QuestionResult] = field(default_factory=list)
    members: int = 0  # members who rated at least one answer


def leik_dispersion(values: list[int]) -> float | None:
    """Leik's D for ratings on the ordered scale -1 < 0 < 1 (None for fewer than 2 ratings).

    D = 2 · Σ d_i / (K − 1) over the K − 1 cumulative proportions F_i, where d_i = F_i if
    F_i ≤ ½ else 1 − F_i (Leik 1966).
    """
    if len(values) < 2:
        return None
    scale = sorted(RATING_VALUES)
    total = len(values)
    below, spread = 0, 0.0
    for step in scale[:-1]:
        below += values.count(step)
        cumulative = below / total
        spread += cumulative if cumulative <= 0.5 else 1 - cumulative
    return 2 * spread / (len(scale) - 1)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def question_result(question: Question, ratings: list[MemberRating]) -> QuestionResult:
    """Count one question's ratings overall and by role, and measure the disagreement."""
    values = [r.value for r in ratings]
    by_role = {
        role: {v: sum(1 for r in ratings if r.role == role and r.value == v) for v in RATING_VALUES}
        for role in MEMBER_ROLES
    }
    lived = _mean([r.value for r in ratings if r.role == "lived_experience"])
    staff = _mean([r.value for r in ratings if r.role == "professional"])
    return QuestionResult(
        question=question,
        ratings=ratings,
        counts={v: values.count(v) for v in RATING_VALUES},
        by_role=by_role,
        disagreement=leik_dispersion(values),
        role_gap=None if lived is None or staff is None else lived - staff,
    )


def candidate_result(store: Store, candidate_id: int) -> CandidateResult:
    """Every answer of one candidate, rated by each member, counted by role.

    Pages show it only once the interview is closed: members must not see each other's
    ratings before then.
    """
    candidate = get_candidate(store, candidate_id)
    questions = questions_of(store, candidate.panel_id)
    members = {m.ballot_id: m for m in members_of(store, candidate.panel_id)}
    with store.read() as db:
        rows = db.execute(
            select(
                panel_ratings.c.question_id,
                panel_ratings.c.ballot_id,
                panel_ratings.c.value,
                panel_ratings.c.note,
            ).where(panel_ratings.c.candidate_id == candidate_id)
        ).all()
    per_question: dict[int, list[MemberRating]] = {q.id: [] for q in questions}
    for row in sorted(rows, key=lambda r: members[r.ballot_id].number):
        member = members[row.ballot_id]
        per_question[row.question_id].append(
            MemberRating(member.label, member.role, row.value, row.note)
        )
    return CandidateResult(
        candidate=candidate,
        questions=[question_result(q, per_question[q.id]) for q in questions],
        members=len({row.ballot_id for row in rows}),
    )


def discuss_first(
    results: list[CandidateResult], *, limit: int = 5
) -> list[tuple[Candidate, QuestionResult]]:
    """The answers the panel disagreed on most, most first: by Leik's D, then by how far
    apart the two roles were. Answers everyone rated the same are left out."""
    found = [
        (result.candidate, answer)
        for result in results
        for answer in result.questions
        if (answer.disagreement or 0) > 0
    ]
    found.sort(key=lambda pair: (-(pair[1].disagreement or 0), -abs(pair[1].role_gap or 0)))
    return found[:limit]


def counts_sentence(counts: dict[int, int]) -> str:
    """ "3 thumbs up, 1 in the middle, 0 thumbs down" """
    return ", ".join(f"{counts.get(v, 0)} {RATING_WORDS[v]}" for v in (1, 0, -1))
