"""Jargon in conversation: who uses it, and which words others then had to ask about.

Works on the Transcript table (one row per utterance, with `speaker`, `role`, `turn`, `text`,
and `session` when there are several). A term counts as asked about when, within a few turns
of a professional using it, a person with lived experience says it back with a sign of not
knowing it: a question mark, "what", "mean", "explain", "not sure", "didn't know".
"""

from __future__ import annotations

import re

import pandas as pd

from coprod_lab.jargon.check import Report, check_text
from coprod_lab.jargon.glossary import KINDS, Glossary, shipped_glossary
from coprod_lab.jargon.rarity import Bands

_NOT_KNOWING = re.compile(
    r"\?|\bwhat\b|\bmeans?\b|\bmeant\b|\bexplain|\bnot sure\b|\bdon'?t know\b|\bdidn'?t know\b"
    r"|\bdon'?t understand\b|\bno idea\b|\bsorry\b",
    re.I,
)
ASKED_WITHIN_TURNS = 5


def _reports(table: pd.DataFrame, glossary: Glossary | None) -> list[Report]:
    glossary = shipped_glossary() if glossary is None else glossary
    bands = Bands()
    return [check_text(str(text), glossary, bands) for text in table["text"]]


_MEASURES = ["words", "acronyms", "jargon", "rare_words"]


def _totals(table: pd.DataFrame, by: list[str], glossary: Glossary | None) -> pd.DataFrame:
    reports = _reports(table, glossary)
    per_row = pd.DataFrame(
        {
            "speaker": table["speaker"].to_numpy(),
            "role": table["role"].to_numpy(),
            "words": [r.words for r in reports],
            "acronyms": [len(r.of_kind("acronym")) for r in reports],
            "jargon": [len(r.of_kind("jargon")) + len(r.of_kind("phrase")) for r in reports],
            "rare_words": [r.rare for r in reports],
        }
    )
    totals = per_row.groupby(by, sort=False)[_MEASURES].sum().reset_index()
    words = totals["words"].where(totals["words"] > 0)
    totals["jargon_per_100_words"] = (
        (100 * (totals["acronyms"] + totals["jargon"]) / words).round(2).fillna(0.0)
    )
    return totals


def jargon_by_speaker(table: pd.DataFrame, glossary: Glossary | None = None) -> pd.DataFrame:
    """Per speaker: words, acronyms, jargon and rare words, and jargon per 100 words."""
    return _totals(table, ["speaker", "role"], glossary)


def jargon_by_role(table: pd.DataFrame, glossary: Glossary | None = None) -> pd.DataFrame:
    """The same measures added up per role (lived experience, professional, ...)."""
    return _totals(table, ["role"], glossary)


def asked_about(
    table: pd.DataFrame, glossary: Glossary | None = None, within: int = ASKED_WITHIN_TURNS
) -> pd.DataFrame:
    """Terms a professional used that a person with lived experience then asked about."""
    reports = _reports(table, glossary)
    columns = [
        "session",
        "term",
        "kind",
        "used_by",
        "used_turn",
        "asked_by",
        "asked_turn",
        "question",
    ]
    rows = []
    ordered = table.reset_index(drop=True)
    sessions = ordered["session"] if "session" in ordered else pd.Series([""] * len(ordered))
    for i, row in ordered.iterrows():
        if row["role"] != "professional":
            continue
        terms = {
            (row["text"][f.start : f.end], f.kind) for f in reports[i].findings if f.kind in KINDS
        }
        for term, kind in sorted(terms):
            pattern = re.compile(rf"(?<!\w){re.escape(term)}", 0 if kind == "acronym" else re.I)
            for j in range(i + 1, min(i + 1 + within, len(ordered))):
                later = ordered.iloc[j]
                if sessions.iloc[j] != sessions.iloc[i]:
                    break
                if (
                    later["role"] == "lived_experience"
                    and pattern.search(str(later["text"]))
                    and _NOT_KNOWING.search(str(later["text"]))
                ):
                    rows.append(
                        {
                            "session": sessions.iloc[i],
                            "term": term,
                            "kind": kind,
                            "used_by": row["speaker"],
                            "used_turn": int(row["turn"]),
                            "asked_by": later["speaker"],
                            "asked_turn": int(later["turn"]),
                            "question": str(later["text"]),
                        }
                    )
                    break
    return pd.DataFrame(rows, columns=columns)
