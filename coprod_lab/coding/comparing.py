"""Comparing coders: how far they agree on each code, and the passages where they differ.

Unit and method. The unit is the turn (one utterance of a session). For each code, each coder
either applied it somewhere in the turn (any characters of it) or did not: a binary value per
coder per turn ("per-code binary presence on the unit"). A turn given several codes counts in
each of its codes, so multi-code turns are included, never left out. The units are every turn
of the sessions compared (default: every session in which all the coders compared coded
something), so a turn nobody coded counts as agreement that the code is absent.

- Cohen's kappa for each pair of coders: kappa = (Po - Pe) / (1 - Pe), Pe from each coder's
  own rate of presence (Cohen 1960, "A coefficient of agreement for nominal scales").
- Krippendorff's alpha for the group, nominal: alpha = 1 - Do / De over the coincidence
  matrix of pairable values (Krippendorff 2004, "Content Analysis", 2nd ed., ch. 11;
  Krippendorff 2011, "Computing Krippendorff's alpha-reliability").

Both are computed here in closed form for this binary, complete data (every coder has a
value for every unit), with numpy: NLTK's AnnotationTask, which themes.codes uses, walks every
pair of items in pure Python and took 2.3 s to compare two coders over 3,600 turns and ten
codes (benchmarks/coding_retrieval.py); a test checks these figures against NLTK's on the
same values. When every value is the same (a code nobody or everybody used everywhere) the
figures are not defined and the table says so (NaN with a note) instead of dividing by zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np
import pandas as pd
from sqlalchemy import select

from coprod_lab.coding.retrieval import coded_passages, codings
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store
from coprod_lab.store.schema import codes, sessions, utterances

AGREEMENT_COLUMNS = ["code", "coders", "units", "kappa", "alpha", "note"]
DIFFERENCE_COLUMNS = [
    "code",
    "session_id",
    "session",
    "turn",
    "speaker",
    "text",
    "applied_by",
    "not_by",
    "passages",
]


def presence(
    coding: pd.DataFrame, units: Sequence[object], coders: Sequence[str], code: str
) -> np.ndarray:
    """Each coder's 1/0 per unit for one code (coders x units), from a table with columns
    unit, coder, code."""
    mine = coding[coding["code"] == code]
    where = pd.Index(units)
    out = np.zeros((len(coders), len(units)), dtype=np.int64)
    for row, coder in enumerate(coders):
        given = list(mine.loc[mine["coder"] == coder, "unit"])
        if not given:
            continue
        found = where.get_indexer(pd.Index(given))
        out[row, found[found >= 0]] = 1
    return out


def cohen_kappa(first: np.ndarray, second: np.ndarray) -> float:
    """Cohen's kappa of two coders' 1/0 values on the same units; NaN when chance agreement
    is complete (both gave one and the same value throughout)."""
    agreed = float(np.mean(first == second))
    p1, p2 = float(np.mean(first)), float(np.mean(second))
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    return float("nan") if chance == 1.0 else (agreed - chance) / (1 - chance)


def krippendorff_alpha(values: np.ndarray) -> float:
    """Nominal Krippendorff's alpha of coders x units 1/0 values, every coder valuing every
    unit: 1 - (n - 1) * (o01 + o10) / (2 * n1 * n0), where each unit with m values, k of them
    1, adds 2 k (m - k) / (m - 1) to o01 + o10. NaN when every value is the same."""
    m, n_units = values.shape
    n = m * n_units
    ones = values.sum(axis=0)
    n1 = int(ones.sum())
    n0 = n - n1
    if n1 == 0 or n0 == 0:
        return float("nan")
    disagree = float(np.sum(2 * ones * (m - ones)) / (m - 1))
    return 1 - (n - 1) * disagree / (2 * n1 * n0)


def agreement_table(
    coding: pd.DataFrame, units: Sequence[object], coders: Sequence[str] | None = None
) -> pd.DataFrame:
    """Agreement per code from a table of codings (columns unit, coder, code; any number of
    codes per unit and coder) over the given units: for each code, one row per pair of coders
    (coders "A & B", kappa) and one for the group (coders "all", alpha; with two coders the
    two alphas agree). Rows follow AGREEMENT_COLUMNS, codes A-Z."""
    coders = sorted(coders if coders is not None else set(coding["coder"]))
    if len(coders) < 2:
        raise CoprodLabError("Comparing needs at least two coders.")
    if len(units) < 2:
        raise CoprodLabError("Comparing needs at least two turns.")
    rows = []
    same = "not defined: every value is the same"
    for code in sorted(set(coding["code"])):
        values = presence(coding, units, coders, code)
        for (i, a), (j, b) in combinations(enumerate(coders), 2):
            kappa = cohen_kappa(values[i], values[j])
            alpha = krippendorff_alpha(values[[i, j]])
            note = "" if kappa == kappa else ("kappa not defined" if alpha == alpha else same)
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
                "note": "" if alpha == alpha else same,
            }
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def _units(
    store: Store,
    project_id: int,
    session_ids: Sequence[int] | None,
    coding: pd.DataFrame,
    coders: Sequence[str],
) -> list[tuple[int, int]]:
    if session_ids is None:
        by_coder = [set(coding.loc[coding["coder"] == c, "session_id"]) for c in coders]
        session_ids = sorted(set.intersection(*by_coder)) if by_coder else []
    with store.read() as db:
        return [
            tuple(r)
            for r in db.execute(
                select(utterances.c.session_id, utterances.c.turn)
                .join(sessions, sessions.c.id == utterances.c.session_id)
                .where(
                    sessions.c.project_id == project_id,
                    utterances.c.session_id.in_([int(s) for s in session_ids]),
                )
                .order_by(utterances.c.session_id, utterances.c.turn)
            ).all()
        ]


def compare_coders(
    store: Store,
    project_id: int,
    coders: Sequence[str],
    *,
    session_ids: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Agreement per code between coders in the store (see the module docstring for the unit
    and method): AGREEMENT_COLUMNS, every code of the project either coder used."""
    coding = codings(store, project_id, coders=coders, session_ids=session_ids)
    units = _units(store, project_id, session_ids, coding, coders)
    coding = coding[coding["session_id"].isin({u[0] for u in units})]
    coding = coding.assign(unit=list(zip(coding["session_id"], coding["turn"], strict=True)))
    return agreement_table(coding, units, coders)


def differences(
    store: Store,
    project_id: int,
    coders: Sequence[str],
    *,
    session_ids: Sequence[int] | None = None,
    real_names: bool = False,
) -> pd.DataFrame:
    """The passages where coders differ, to discuss: one row per code per turn that some of
    the coders gave it and some did not (DIFFERENCE_COLUMNS; applied_by and not_by name the
    coders, passages the coded words by coder). Made-up speaker names unless real_names."""
    coding = coded_passages(
        store, project_id, coders=coders, session_ids=session_ids, real_names=real_names
    )
    # The coders as coded_passages shows them (privacy.people.CODERS_RULE), so that not_by
    # names them as applied_by does.
    shown = {c: c for c in coders}
    if not real_names:
        from coprod_lab.privacy.people import made_up_names

        names = made_up_names(store, project_id)
        shown = {c: names.get(c, c) for c in coders}
    coders = list(shown.values())
    rows = []
    for (code, session_id, turn), group in coding.groupby(["code", "session_id", "turn"]):
        applied = sorted(set(group["coder"]))
        if len(applied) == len(set(coders)):
            continue
        first = group.iloc[0]
        rows.append(
            {
                "code": code,
                "session_id": session_id,
                "session": first["session"],
                "turn": turn,
                "speaker": first["speaker"],
                "text": first["text"],
                "applied_by": ", ".join(applied),
                "not_by": ", ".join(sorted(set(coders) - set(applied))),
                "passages": "; ".join(
                    f"{c}: {p}" for c, p in zip(group["coder"], group["passage"], strict=True)
                ),
            }
        )
    with store.read() as db:
        known = set(
            db.execute(select(codes.c.name).where(codes.c.project_id == project_id)).scalars()
        )
    frame = pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)
    return frame[frame["code"].isin(known)].reset_index(drop=True)
