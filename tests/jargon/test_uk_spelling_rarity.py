"""A UK spelling is as well known as its American twin (issue 20).

wordfreq's English is mostly American, so "penalised", "patronising" and "décor" came out
rare and were raised on real council and care pages, where their American spellings are
mid-frequency words. Made-up examples.
"""

from __future__ import annotations

import pytest

from coprod_lab.jargon import check_text
from coprod_lab.jargon.rarity import RARE, Bands, _us_spelling


@pytest.mark.parametrize(
    ("uk", "us"),
    [
        ("penalised", "penalized"),
        ("immunisations", "immunizations"),
        ("behaviours", "behaviors"),
        ("travelled", "traveled"),
        ("centres", "centers"),
        ("décor", "decor"),
        ("anaemia", "anaemia"),  # a medical word's Greek spelling is left as it is
        ("still", "still"),
    ],
)
def test_the_american_twin_of_a_uk_spelling(uk: str, us: str) -> None:
    assert _us_spelling(uk) == us


def test_uk_spellings_are_not_rare_words_but_rare_medical_words_still_are() -> None:
    text = "Nobody was penalised for patronising talk about the décor. She has anaemia."
    rare = {f.term for f in check_text(text).findings if f.kind == "rare"}
    assert rare == {"anaemia"}


def test_a_uk_spelling_is_counted_with_its_twin_not_instead_of_it() -> None:
    bands = Bands()
    assert bands.band("penalised") != RARE
    # wordfreq gives "penalised" 2.57 and "penalized" 3.08: together, more than either.
    assert bands.zipf("penalised") > bands.zipf("penalized") > 3.0
