"""Real patient feedback (../shared/corpus/patient-feedback), as the benchmark reads it."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from tests.conftest import SHARED

FEEDBACK = SHARED / "corpus" / "patient-feedback" / "text_data.csv"


@lru_cache(maxsize=1)
def feedback() -> pd.DataFrame:
    table = pd.read_csv(FEEDBACK)
    table = table[table["feedback"].notna() & (table["feedback"].str.len() > 3)]
    return table.reset_index(drop=True)


def sample(n: int) -> pd.DataFrame:
    """The first n comments: a fixed, real slice."""
    return feedback().head(n).copy()
