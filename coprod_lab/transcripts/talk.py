"""How much each role and each speaker said in a transcript: turns, words and time.

Works on the Transcript table (one row per turn). A word is a run of letters or digits
(with apostrophes inside), as a reader would count; time is a turn's end minus its start, and
turns without timings count for turns and words only.
"""

from __future__ import annotations

import re

import pandas as pd

from coprod_lab.labels import ROLE_LABELS

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _counted(table: pd.DataFrame) -> pd.DataFrame:
    counted = table[["speaker", "role"]].copy()
    counted["turns"] = 1
    counted["words"] = [len(_WORD.findall(str(text))) for text in table["text"]]
    seconds = (table["end"] - table["start"]).astype(float)
    counted["minutes"] = seconds.where(seconds > 0, 0.0).fillna(0.0) / 60
    return counted


SHARE_DECIMALS = 3  # 0.388, not 0.387755: a share read by people, to a tenth of a percent


def _shares(totals: pd.DataFrame) -> pd.DataFrame:
    for column in ("turns", "words", "minutes"):
        whole = totals[column].sum()
        share = totals[column] / whole if whole else 0.0
        totals[f"share of {column}"] = share.round(SHARE_DECIMALS) if whole else 0.0
    totals["minutes"] = totals["minutes"].round(1)
    return totals.reset_index(drop=True)


def talk_by_role(table: pd.DataFrame) -> pd.DataFrame:
    """One row per role: people, turns, words, minutes, and each as a share of the whole."""
    counted = _counted(table)
    totals = counted.groupby("role", sort=True).agg(
        people=("speaker", "nunique"),
        turns=("turns", "sum"),
        words=("words", "sum"),
        minutes=("minutes", "sum"),
    )
    totals.insert(0, "role", [ROLE_LABELS.get(r, r) for r in totals.index])
    return _shares(totals.sort_values("words", ascending=False))


def talk_by_speaker(table: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker with their role: turns, words, minutes and shares, most words first."""
    counted = _counted(table)
    totals = counted.groupby(["speaker", "role"], sort=True).agg(
        turns=("turns", "sum"), words=("words", "sum"), minutes=("minutes", "sum")
    )
    totals = totals.reset_index()
    totals["role"] = [ROLE_LABELS.get(r, r) for r in totals["role"]]
    return _shares(totals.sort_values(["words", "speaker"], ascending=[False, True]))
