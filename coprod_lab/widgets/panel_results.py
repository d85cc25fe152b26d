"""The recruitment panel's results as HTML, shared by the member's and the chair's pages.

Tables with headers (read by screen readers cell by cell), words rather than symbols or colour
alone, and no names but "Candidate A" and "Panel member N" unless the chair asks for names.
"""

from __future__ import annotations

from html import escape

from coprod_lab.recruitment.panels import MEMBER_ROLES, Candidate, shown_name
from coprod_lab.recruitment.ratings import RATING_WORDS
from coprod_lab.recruitment.results import CandidateResult, QuestionResult, counts_sentence
from coprod_lab.recruitment.summary import without_names


def _td(label: str, text: str) -> str:
    # On a phone the table's head is hidden and each cell says what it is (see coprod.css).
    return f"<td data-label='{escape(label)}'>{escape(text)}</td>"


def _by_role(answer: QuestionResult) -> str:
    return "".join(
        _td(label, counts_sentence(answer.by_role[role])) for role, label in MEMBER_ROLES.items()
    )


def counts_table(result: CandidateResult, heading: str) -> str:
    """Each question's ratings for the whole panel and by role."""
    rows = "".join(
        f"<tr><th scope='row'>{a.question.number}. {escape(a.question.text)}</th>"
        f"{_td('Whole panel', counts_sentence(a.counts))}{_by_role(a)}</tr>"
        for a in result.questions
    )
    roles = "".join(f"<th scope='col'>{escape(label)}</th>" for label in MEMBER_ROLES.values())
    return (
        f"<table class='coprod-table'><caption>{escape(heading)}</caption><thead><tr>"
        f"<th scope='col'>Question</th><th scope='col'>Whole panel</th>{roles}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def members_table(result: CandidateResult, everyone: list[Candidate], *, names: bool) -> str:
    """One row per member: their role, then their rating (and note) for each question."""
    members: dict[str, tuple[str, dict[int, str]]] = {}
    for a in result.questions:
        for r in a.ratings:
            note = without_names(r.note, everyone, names=names)
            cell = f"{escape(RATING_WORDS[r.value])}" + (
                f"<br><small>Note: {escape(note)}</small>" if note else ""
            )
            members.setdefault(r.member, (r.role, {}))[1][a.question.number] = cell
    numbers = [a.question.number for a in result.questions]
    rows = "".join(
        f"<tr><th scope='row'>{escape(member)}</th>{_td('Role', MEMBER_ROLES[role])}"
        + "".join(
            f"<td data-label='Question {n}'>{cells.get(n, 'not rated')}</td>" for n in numbers
        )
        + "</tr>"
        for member, (role, cells) in members.items()
    )
    heads = "".join(f"<th scope='col'>Question {n}</th>" for n in numbers)
    return (
        "<table class='coprod-table'><caption>Each member's ratings of "
        f"{escape(shown_name(result.candidate, names=names))}</caption><thead><tr>"
        f"<th scope='col'>Member</th><th scope='col'>Role</th>{heads}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def discuss_list(first: list[tuple[Candidate, QuestionResult]], *, names: bool) -> str:
    """The answers the panel disagreed on most, as a numbered list to talk through."""
    if not first:
        return "<p>The panel gave every answer the same rating: nothing to talk through first.</p>"
    items = "".join(
        f"<li>{escape(shown_name(c, names=names))}, question {a.question.number} "
        f"({escape(counts_sentence(a.counts))})</li>"
        for c, a in first
    )
    return f"<ol>{items}</ol>"
