"""Coder agreement against hand-worked examples with multi-code turns, and word search."""

from __future__ import annotations

import pandas as pd
import pytest

from coprod_lab.coding.comparing import agreement_table
from coprod_lab.coding.search import find_in, parse, stem
from coprod_lab.errors import CoprodLabError

# Five turns, codes X and Y; turn 1 has two codes from A (a multi-code turn).
CODING = {
    "A": {1: ["X", "Y"], 2: ["X"], 4: ["Y"]},
    "B": {1: ["X"], 2: ["X"], 3: ["Y"], 4: ["Y"]},
    "C": {1: ["X", "Y"], 2: ["X"], 3: ["Y"], 4: ["Y"]},
}
UNITS = [1, 2, 3, 4, 5]


def _table(coders: list[str]) -> pd.DataFrame:
    rows = [
        {"unit": unit, "coder": coder, "code": code}
        for coder in coders
        for unit, given in CODING[coder].items()
        for code in given
    ]
    return pd.DataFrame(rows)


def test_two_coders_match_kappa_and_alpha_worked_by_hand() -> None:
    found = agreement_table(_table(["A", "B"]), UNITS).set_index(["code", "coders"])
    # X: A and B both 1,1,0,0,0: complete agreement.
    assert found.loc[("X", "A & B"), "kappa"] == pytest.approx(1.0)
    assert found.loc[("X", "all"), "alpha"] == pytest.approx(1.0)
    # Y: A 1,0,0,1,0 and B 0,0,1,1,0. Po = 3/5; Pe = .4*.4 + .6*.6 = .52;
    # kappa = (.6 - .52) / .48 = 1/6. Alpha: n = 10 values, four 1s and six 0s, two
    # disagreeing turns give o(0,1) + o(1,0) = 4: 1 - (n-1) * 4 / (2 * 4 * 6) = 1 - 36/48 = 1/4.
    assert found.loc[("Y", "A & B"), "kappa"] == pytest.approx(1 / 6)
    assert found.loc[("Y", "all"), "alpha"] == pytest.approx(1 / 4)
    assert found.loc[("Y", "A & B"), "alpha"] == pytest.approx(1 / 4)


def test_three_coders_alpha_and_each_pairs_kappa_by_hand() -> None:
    found = agreement_table(_table(["A", "B", "C"]), UNITS).set_index(["code", "coders"])
    # Y: A 1,0,0,1,0; B 0,0,1,1,0; C 1,0,1,1,0. Alpha over 15 values (seven 1s, eight 0s):
    # turns 1 and 3 each hold two of one value and one of the other, adding 2 * 1/(3-1) to
    # each of o(0,1) and o(1,0): Do = 4/15, De = 2*7*8/(15*14) -> alpha = 1 - 840/1680 = 1/2.
    assert found.loc[("Y", "all"), "alpha"] == pytest.approx(1 / 2)
    # A & C: Po = 4/5, Pe = .4*.6 + .6*.4 = .48 -> (.8 - .48) / .52 = 8/13; B & C the same.
    assert found.loc[("Y", "A & C"), "kappa"] == pytest.approx(8 / 13)
    assert found.loc[("Y", "B & C"), "kappa"] == pytest.approx(8 / 13)
    assert found.loc[("Y", "A & B"), "kappa"] == pytest.approx(1 / 6)
    assert len(found) == 2 * 4  # per code: three pairs and the group; no turn left out


def test_agreement_that_cannot_be_measured_is_said_not_made_up() -> None:
    coding = pd.DataFrame([{"unit": u, "coder": c, "code": "Z"} for u in (1, 2) for c in "AB"])
    found = agreement_table(coding, [1, 2]).set_index("coders")
    assert found.loc["all", "alpha"] != found.loc["all", "alpha"]  # NaN
    assert "not defined" in found.loc["all", "note"]
    with pytest.raises(CoprodLabError, match="two coders"):
        agreement_table(coding[coding["coder"] == "A"], [1, 2])


def test_search_finds_words_by_stem_and_phrases_in_order() -> None:
    texts = [
        "She was supported at home.",
        "Support came late",
        "home at supporting",
        "Nothing here",
        "They’re dying to help; he died",
    ]
    assert [i for i, _ in find_in(texts, "support")] == [0, 1, 2]
    assert [i for i, _ in find_in(texts, '"at home"')] == [0]
    assert find_in(texts, '"at home"')[0][1] == [(18, 25)]
    assert [i for i, _ in find_in(texts, "support home")] == [0, 2]
    assert [i for i, _ in find_in(texts, "supported", stems=False)] == [0]
    assert find_in(texts, "die")[0] == (4, [(8, 13), (26, 30)])
    assert parse('"at home" support') == [["at", "home"], ["support"]]
    with pytest.raises(CoprodLabError, match="Type a word"):
        parse(' "" ')


def test_the_quick_filter_never_drops_a_word_its_stem_would_match() -> None:
    # The filter assumes a stem is its word's start apart from the last letter and y/i;
    # check it on the 10,000 most common English words (wordfreq, shipped with the package).
    import re

    from wordfreq import top_n_list

    from coprod_lab.coding.search import _prefilter

    words = [w for w in top_n_list("en", 10_000) if re.fullmatch(r"[a-z]+", w)]
    missed = [w for w in words if not re.match(_prefilter(w, True), w, re.IGNORECASE)]
    assert missed == []
    assert stem("Supporting") == "support"


def test_the_closed_forms_give_what_nltk_gives() -> None:
    import numpy as np
    from nltk.metrics.agreement import AnnotationTask

    from coprod_lab.coding.comparing import cohen_kappa, krippendorff_alpha

    values = np.random.default_rng(22).integers(0, 2, size=(3, 40))
    data = [(str(c), str(u), int(values[c, u])) for c in range(3) for u in range(40)]
    assert krippendorff_alpha(values) == pytest.approx(AnnotationTask(data=data).alpha())
    pair = [d for d in data if d[0] in "01"]
    assert cohen_kappa(values[0], values[1]) == pytest.approx(AnnotationTask(data=pair).kappa())
