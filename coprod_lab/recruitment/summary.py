"""What leaves the panel: a one-page summary per candidate to print, and the ratings as CSV.

Both call candidates "Candidate A", "B", … unless names are asked for (and then only names
given with consent), and replace any candidate's name a member wrote in a note with their
letter: notes are about a person, and exports are pseudonymous by default. Members are always
"Panel member N" with their role.
"""

from __future__ import annotations

import csv
import io
import re
from html import escape

from coprod_lab.errors import CoprodLabError
from coprod_lab.recruitment.panels import (
    MEMBER_ROLES,
    Candidate,
    candidates_of,
    get_candidate,
    get_panel,
    shown_name,
)
from coprod_lab.recruitment.ratings import RATING_WORDS
from coprod_lab.recruitment.results import (
    CandidateResult,
    candidate_result,
    discuss_first,
)
from coprod_lab.store import Store

# So the summary stays on one A4 sheet: longer notes are cut, and past a few per question the
# page says how many more there are on the chair's page.
NOTE_LETTERS = 110


def notes_per_question(questions: int) -> int:
    """How many notes each question shows on the one-page summary."""
    return 3 if questions <= 4 else 2 if questions <= 6 else 1 if questions <= 8 else 0


def _counts(counts: dict[int, int]) -> str:
    # Short enough for a narrow printed column: "3 up, 1 middle, 0 down".
    return f"{counts.get(1, 0)} up, {counts.get(0, 0)} middle, {counts.get(-1, 0)} down"


def without_names(text: str, candidates: list[Candidate], *, names: bool = False) -> str:
    """`text` with each candidate's name, or any word of it, replaced by their letter."""
    if names:
        return text
    for candidate in candidates:
        if not candidate.name:
            continue
        parts = sorted({candidate.name, *candidate.name.split()}, key=len, reverse=True)
        pattern = "|".join(re.escape(p) for p in parts if len(p) > 1)
        if pattern:
            text = re.sub(rf"\b(?:{pattern})\b", candidate.label, text, flags=re.IGNORECASE)
    return text


def _short(note: str) -> str:
    return note if len(note) <= NOTE_LETTERS else note[: NOTE_LETTERS - 1].rstrip() + "…"


def summary_html(store: Store, candidate_id: int, *, names: bool = False) -> str:
    """A whole HTML page summarising one candidate's interview, laid out for one A4 sheet.

    Each question with its ratings overall and by role, the members' notes (cut to
    NOTE_LETTERS, at most `notes_per_question` each), and the answers to discuss first.
    """
    candidate = get_candidate(store, candidate_id)
    if candidate.status != "closed":
        raise CoprodLabError(f"{candidate.label}'s summary is ready once the interview closes.")
    panel = get_panel(store, candidate.panel_id)
    everyone = candidates_of(store, panel.id)
    result = candidate_result(store, candidate_id)
    who = shown_name(candidate, names=names)
    title = f"{panel.title}: {who}"
    # Fewer notes per question the more questions there are (benchmarks/panel_summary.py:
    # with the longest real comments as notes and every question as long as allowed, 10
    # questions, the most, of 12 members fit one sheet).
    each = notes_per_question(len(result.questions))
    sections = []
    for answer in result.questions:
        counts = "; ".join(
            [f"<strong>Whole panel:</strong> {escape(_counts(answer.counts))}"]
            + [
                f"<strong>{escape(label)}:</strong> {escape(_counts(answer.by_role[role]))}"
                for role, label in MEMBER_ROLES.items()
            ]
        )
        notes = [r for r in answer.ratings if r.note]
        listed = [
            f"{escape(r.member)} ({MEMBER_ROLES[r.role].lower()}, {RATING_WORDS[r.value]}): "
            f"{escape(_short(without_names(r.note, everyone, names=names)))}"
            for r in notes[:each]
        ]
        if len(notes) > each:
            listed.append(f"and {len(notes) - each} more notes on the chair's page")
        sections.append(
            f"<section><h2>{answer.question.number}. {escape(answer.question.text)}</h2>"
            f"<p>{counts}</p>"
            + "".join(f"<p class='note'>{line}</p>" for line in listed)
            + "</section>"
        )
    first = discuss_first([result], limit=3)
    discuss = (
        "<p><strong>Talk about first</strong> (where the panel disagreed most): "
        + "; ".join(f"question {a.question.number}" for _c, a in first)
        + ".</p>"
        if first
        else "<p>The panel gave each answer the same rating.</p>"
    )
    job = f"<p>Job: {escape(panel.job)}</p>" if panel.job else ""
    return (
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>"
        "@page { size: A4; margin: 12mm; }"
        "body { font-family: Arial, sans-serif; font-size: 10pt; line-height: 1.3;"
        " color: #1b1b1b; max-width: 60em; margin: 0 auto; padding: 0 0.5rem; }"
        "h1 { font-size: 15pt; margin: 0 0 4pt; } p { margin: 0 0 4pt; }"
        "h2 { font-size: 10pt; margin: 0 0 2pt; }"
        "section { border-top: 1px solid #1b1b1b; padding: 3pt 0; break-inside: avoid; }"
        ".note { font-size: 8.5pt; margin: 0 0 1pt 10pt; }"
        "</style></head><body><main>"
        f"<h1>{escape(title)}</h1>{job}"
        f"<p>{result.members} panel members rated the answers.</p>{discuss}"
        f"{''.join(sections)}"
        "</main></body></html>"
    )


RATING_COLUMNS = ("candidate", "question_number", "question", "member", "role", "rating", "note")


def ratings_rows(store: Store, panel_id: int, *, names: bool = False) -> list[dict[str, object]]:
    """Every rating of every closed interview, one row each (columns RATING_COLUMNS)."""
    everyone = candidates_of(store, panel_id)
    rows: list[dict[str, object]] = []
    for candidate in everyone:
        if candidate.status != "closed":
            continue
        result: CandidateResult = candidate_result(store, candidate.id)
        for answer in result.questions:
            for r in answer.ratings:
                rows.append(
                    {
                        "candidate": shown_name(candidate, names=names),
                        "question_number": answer.question.number,
                        "question": answer.question.text,
                        "member": r.member,
                        "role": MEMBER_ROLES[r.role],
                        "rating": RATING_WORDS[r.value],
                        "note": without_names(r.note, everyone, names=names),
                    }
                )
    return rows


def ratings_csv(store: Store, panel_id: int, *, names: bool = False) -> str:
    """The ratings of every closed interview as CSV text (see `ratings_rows`)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RATING_COLUMNS)
    writer.writeheader()
    writer.writerows(ratings_rows(store, panel_id, names=names))
    return out.getvalue()
