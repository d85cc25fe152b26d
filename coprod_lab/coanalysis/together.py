"""The comparison, to talk about together: for each code who applied it and where people
differ, the turns people read differently first, agreement per pair of coders (Cohen's kappa)
and for the group (Krippendorff's alpha), and the codes co-analysts suggested, which the group
can take into the code book. Disagreement is something to discuss, so nothing here ranks
people or calls a reading wrong.

The units are the turns co-analysts can see (coanalysis.turns: consented speakers only) in the
sessions open for co-analysis; researchers' coding of those turns is compared beside the
co-analysts'. A turn nobody could see does not count as agreement.

Agreement follows the coding core exactly (coding.comparing: per-code presence on the turn;
Cohen 1960, "A coefficient of agreement for nominal scales"; Krippendorff 2004, "Content
Analysis", ch. 11), with the same closed forms in numpy, because coding.comparing imports
pandas and this module serves a page kernel that stays lean (DESIGN.md). A test checks every
figure here against coding.comparing.agreement_table on the same coding. Words picked out with
no code (WORDS_THAT_MATTER) are listed, not scored: they mark what mattered, not a reading.

Tables are lists of dicts (one per row), so the notebook can make pandas tables of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from sqlalchemy import insert, select, update

from coprod_lab.coanalysis.opening import WORDS_THAT_MATTER, open_sessions, sessions_opened
from coprod_lab.coanalysis.turns import consented, shared_turns
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import (
    coanalysis_marks,
    coanalysts,
    code_suggestions,
    coded_utterances,
    codes,
    sessions,
    utterances,
)

NOT_DEFINED = "not defined: every value is the same"


@dataclass(frozen=True)
class Coding:
    """One coding of a shared turn: `unit` is (session id, turn)."""

    code: str
    coder: str
    session_id: int
    turn: int

    @property
    def unit(self) -> tuple[int, int]:
        return (self.session_id, self.turn)


def _sessions(
    store: Store, project_id: int, session_ids: Sequence[int] | None, closed_too: bool = False
) -> list[int]:
    found = sessions_opened(store, project_id) if closed_too else open_sessions(store, project_id)
    opened = [sid for sid, _ in found]
    if session_ids is None:
        return opened
    closed = sorted(set(int(s) for s in session_ids) - set(opened))
    if closed:
        raise CoprodLabError(f"Session(s) {closed} are not open for co-analysis.")
    return [int(s) for s in session_ids]


def shared_units(
    store: Store,
    project_id: int,
    session_ids: Sequence[int] | None = None,
    *,
    closed_too: bool = False,
) -> list[tuple[int, int]]:
    """The turns compared, as (session id, turn), in order. Every function here covers the
    open sessions (or those given); closed_too adds sessions closed since, for reports."""
    chosen = _sessions(store, project_id, session_ids, closed_too)
    with store.read() as db:
        rows = db.execute(
            select(utterances.c.session_id, utterances.c.turn)
            .where(
                utterances.c.session_id.in_(chosen),
                utterances.c.id.in_(consented(db, project_id)),
            )
            .order_by(utterances.c.session_id, utterances.c.turn)
        ).all()
    return [(int(s), int(t)) for s, t in rows]


def coding_of(
    store: Store,
    project_id: int,
    session_ids: Sequence[int] | None = None,
    *,
    closed_too: bool = False,
) -> list[Coding]:
    """Who gave which code to which shared turn: one Coding per row of coded_utterances
    (several passages of one code in a turn are several)."""
    chosen = _sessions(store, project_id, session_ids, closed_too)
    with store.read() as db:
        rows = db.execute(
            select(
                codes.c.name, coded_utterances.c.coder, utterances.c.session_id, utterances.c.turn
            )
            .select_from(coded_utterances)
            .join(codes, codes.c.id == coded_utterances.c.code_id)
            .join(utterances, utterances.c.id == coded_utterances.c.utterance_id)
            .where(
                codes.c.project_id == project_id,
                utterances.c.session_id.in_(chosen),
                utterances.c.id.in_(consented(db, project_id)),
            )
            .order_by(utterances.c.session_id, utterances.c.turn, codes.c.name)
        ).all()
    return [Coding(n, c, int(s), int(t)) for n, c, s, t in rows]


def _coders_by_session(coding: list[Coding]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for c in coding:
        out.setdefault(c.session_id, set()).add(c.coder)
    return out


def who_applied(
    store: Store,
    project_id: int,
    session_ids: Sequence[int] | None = None,
    *,
    closed_too: bool = False,
) -> list[dict]:
    """For each code used on the shared turns (not WORDS_THAT_MATTER), A-Z: code, meaning,
    applied_by ("Ana (2), Ben (1)": coders A-Z with how many turns each), turns (how many
    turns got it), turns_differ (on how many of those the coders who coded that session
    differ: some gave it, some not)."""
    coding = coding_of(store, project_id, session_ids, closed_too=closed_too)
    with store.read() as db:
        meanings = dict(
            db.execute(
                select(codes.c.name, codes.c.description).where(codes.c.project_id == project_id)
            ).all()
        )
    coding = [c for c in coding if c.code != WORDS_THAT_MATTER]  # listed in findings.words
    everyone = _coders_by_session(coding)
    rows = []
    for code in sorted({c.code for c in coding}):
        mine = [c for c in coding if c.code == code]
        by_unit: dict[tuple[int, int], set[str]] = {}
        for c in mine:
            by_unit.setdefault(c.unit, set()).add(c.coder)
        per_coder = {
            coder: len({c.unit for c in mine if c.coder == coder})
            for coder in sorted({c.coder for c in mine})
        }
        rows.append(
            {
                "code": code,
                "meaning": meanings.get(code, ""),
                "applied_by": ", ".join(f"{c} ({n})" for c, n in per_coder.items()),
                "turns": len(by_unit),
                "turns_differ": sum(
                    1 for (sid, _t), gave in by_unit.items() if gave != everyone[sid]
                ),
            }
        )
    return rows


def cohen_kappa(first: np.ndarray, second: np.ndarray) -> float:
    """Cohen's kappa of two coders' 1/0 values on the same units, as coding.comparing; NaN
    when chance agreement is complete."""
    agreed = float(np.mean(first == second))
    p1, p2 = float(np.mean(first)), float(np.mean(second))
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    return float("nan") if chance == 1.0 else (agreed - chance) / (1 - chance)


def krippendorff_alpha(values: np.ndarray) -> float:
    """Nominal Krippendorff's alpha of coders x units 1/0 values, every coder valuing every
    unit, as coding.comparing: 1 - (n - 1) (o01 + o10) / (2 n1 n0). NaN when all agree."""
    m, n_units = values.shape
    n = m * n_units
    ones = values.sum(axis=0)
    n1 = int(ones.sum())
    n0 = n - n1
    if n1 == 0 or n0 == 0:
        return float("nan")
    disagree = float(np.sum(2 * ones * (m - ones)) / (m - 1))
    return 1 - (n - 1) * disagree / (2 * n1 * n0)


def agreement(
    store: Store,
    project_id: int,
    session_ids: Sequence[int] | None = None,
    coders: Sequence[str] | None = None,
    *,
    closed_too: bool = False,
) -> list[dict]:
    """Agreement per code over the shared turns, rows as coding.comparing.agreement_table
    (code, coders "A & B" with kappa and alpha, or "all" with alpha and kappa NaN, units,
    note), codes A-Z. Coders default to everyone who coded these turns. Raises
    CoprodLabError with fewer than two coders or turns."""
    coding = [
        c
        for c in coding_of(store, project_id, session_ids, closed_too=closed_too)
        if c.code != WORDS_THAT_MATTER
    ]
    units = shared_units(store, project_id, session_ids, closed_too=closed_too)
    coders = sorted(coders if coders is not None else {c.coder for c in coding})
    if len(coders) < 2:
        raise CoprodLabError("Comparing needs at least two people who coded.")
    if len(units) < 2:
        raise CoprodLabError("Comparing needs at least two turns.")
    where = {u: i for i, u in enumerate(units)}
    rows = []
    for code in sorted({c.code for c in coding}):
        values = np.zeros((len(coders), len(units)), dtype=np.int64)
        for c in coding:
            if c.code == code and c.coder in coders:
                values[coders.index(c.coder), where[c.unit]] = 1
        for (i, a), (j, b) in combinations(enumerate(coders), 2):
            kappa = cohen_kappa(values[i], values[j])
            alpha = krippendorff_alpha(values[[i, j]])
            note = (
                "" if kappa == kappa else ("kappa not defined" if alpha == alpha else NOT_DEFINED)
            )
            rows.append(
                {
                    "code": code,
                    "coders": f"{a} & {b}",
                    "units": len(units),
                    "kappa": kappa,
                    "alpha": alpha,
                    "note": note,
                }
            )
        alpha = krippendorff_alpha(values)
        rows.append(
            {
                "code": code,
                "coders": "all",
                "units": len(units),
                "kappa": float("nan"),
                "alpha": alpha,
                "note": "" if alpha == alpha else NOT_DEFINED,
            }
        )
    return rows


def to_discuss(
    store: Store,
    project_id: int,
    session_ids: Sequence[int] | None = None,
    *,
    closed_too: bool = False,
) -> list[dict]:
    """The turns to talk about, with made-up names: first those someone read differently
    (their note in `why`), then those where coders differ on a code ("Waiting: given by A, B;
    not by C"). Rows: session_id, turn, utterance_id, speaker, text, reasons (a list), why
    (the reasons joined by "; "), read_differently; a turn appears once."""
    chosen = _sessions(store, project_id, session_ids, closed_too)
    coding = [
        c
        for c in coding_of(store, project_id, chosen, closed_too=closed_too)
        if c.code != WORDS_THAT_MATTER
    ]
    everyone = _coders_by_session(coding)
    with store.read() as db:
        marks = db.execute(
            select(utterances.c.id, coanalysts.c.name, coanalysis_marks.c.note)
            .join(utterances, utterances.c.id == coanalysis_marks.c.utterance_id)
            .join(coanalysts, coanalysts.c.id == coanalysis_marks.c.coanalyst_id)
            .where(
                coanalysis_marks.c.mark == "read_differently",
                coanalysts.c.project_id == project_id,
                utterances.c.session_id.in_(chosen),
            )
            .order_by(coanalysis_marks.c.id)
        ).all()
    differently: dict[int, list[str]] = {}
    for utterance_id, name, note in marks:
        said = f"{name} read this differently"
        note = note.strip().rstrip(".")
        differently.setdefault(int(utterance_id), []).append(f"{said}: {note}" if note else said)
    gave: dict[tuple[int, int], dict[str, set[str]]] = {}
    for c in coding:
        gave.setdefault(c.unit, {}).setdefault(c.code, set()).add(c.coder)
    first, then = [], []
    for session_id in chosen:
        for t in shared_turns(store, project_id, session_id, closed_too=closed_too):
            reasons = list(differently.get(t.utterance_id, []))
            for code, coders in sorted(gave.get((t.session_id, t.turn), {}).items()):
                others = sorted(everyone[t.session_id] - coders)
                if others:
                    reasons.append(
                        f"{code}: given by {', '.join(sorted(coders))}; not by {', '.join(others)}"
                    )
            if reasons:
                row = {
                    "session_id": t.session_id,
                    "turn": t.turn,
                    "utterance_id": t.utterance_id,
                    "speaker": t.speaker,
                    "text": t.text,
                    "why": "; ".join(reasons),
                    "reasons": reasons,
                    "read_differently": t.utterance_id in differently,
                }
                (first if row["read_differently"] else then).append(row)
    return first + then


def suggestions(store: Store, project_id: int) -> list[dict]:
    """The codes co-analysts suggested, oldest first: id, name, meaning, suggested_by, turn
    (None if its turn was erased), state (waiting, accepted or not_taken)."""
    with store.read() as db:
        rows = (
            db.execute(
                select(
                    code_suggestions.c.id,
                    code_suggestions.c.name,
                    code_suggestions.c.meaning,
                    coanalysts.c.name.label("suggested_by"),
                    utterances.c.turn,
                    code_suggestions.c.state,
                )
                .join(coanalysts, coanalysts.c.id == code_suggestions.c.coanalyst_id)
                .outerjoin(utterances, utterances.c.id == code_suggestions.c.utterance_id)
                .where(coanalysts.c.project_id == project_id)
                .order_by(code_suggestions.c.id)
            )
            .mappings()
            .all()
        )
    return [dict(r) for r in rows]


def _suggestion(db, project_id: int, suggestion_id: int):
    row = db.execute(
        select(code_suggestions)
        .join(coanalysts, coanalysts.c.id == code_suggestions.c.coanalyst_id)
        .where(code_suggestions.c.id == int(suggestion_id), coanalysts.c.project_id == project_id)
    ).first()
    if row is None:
        raise CoprodLabError(f"There is no suggested code number {suggestion_id} in this project.")
    return row


def accept_suggestion(store: Store, project_id: int, suggestion_id: int, *, actor: str) -> int:
    """Take a suggested code into the code book, with its meaning (or link it to the code of
    that name if there is one already), in one transaction; returns the code's id. Raises
    CoprodLabError for a suggestion not in the project."""
    with store.write() as db:
        row = _suggestion(db, project_id, suggestion_id)
        there = db.execute(
            select(codes.c.id).where(codes.c.project_id == project_id, codes.c.name == row.name)
        ).scalar()
        if there is None:
            there = db.execute(
                insert(codes).values(
                    project_id=project_id,
                    name=row.name,
                    description=row.meaning,
                    created_by=actor,
                )
            ).inserted_primary_key[0]
            audit.record(db, actor=actor, action="created", subject="code", subject_id=there)
        db.execute(
            update(code_suggestions)
            .where(code_suggestions.c.id == row.id)
            .values(state="accepted", code_id=int(there))
        )
        audit.record(
            db,
            actor=actor,
            action="accepted",
            subject="code suggestion",
            subject_id=int(row.id),
            detail={"project": project_id, "code": int(there)},
        )
    return int(there)


def leave_suggestion(store: Store, project_id: int, suggestion_id: int, *, actor: str) -> None:
    """The group decided not to take this suggestion into the code book (it stays listed)."""
    with store.write() as db:
        row = _suggestion(db, project_id, suggestion_id)
        db.execute(
            update(code_suggestions)
            .where(code_suggestions.c.id == row.id)
            .values(state="not_taken")
        )
        audit.record(
            db,
            actor=actor,
            action="not taken",
            subject="code suggestion",
            subject_id=int(row.id),
            detail={"project": project_id},
        )


def session_titles(store: Store, project_id: int) -> dict[int, str]:
    """The project's session titles by id (for tables a person reads)."""
    with store.read() as db:
        return {
            int(i): t
            for i, t in db.execute(
                select(sessions.c.id, sessions.c.title).where(sessions.c.project_id == project_id)
            ).all()
        }
