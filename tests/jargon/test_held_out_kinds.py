"""Issue 20 follow-up: the kinds of miss and false alarm found on real held-out care writing
(BENCHMARKS.md, "Plain English on real care writing"), each with a made-up example, and the
two small faults: postcode areas taken for acronyms, long-sentence excerpts with real names."""

from __future__ import annotations

import csv

import pytest

from coprod_lab.jargon import check_text
from coprod_lab.jargon.check import EXCERPT_CHARACTERS
from coprod_lab.jargon.excerpts import without_names
from coprod_lab.jargon.rarity import RARE, Bands, _bases, made_of_everyday_parts
from tests.conftest import ROOT

CARE_TERMS = ROOT / "data" / "plain-english" / "care-and-support-terms.csv"
SOURCES = (
    "Think Local Act Personal",
    "GOV.UK",
    "Scottish Government",
    "LGA Local Government Service List",
    "NHS England",
    "Social Work Education",
    "coprod-lab team",
)


def _kinds(text: str) -> dict[str, str]:
    return {f.term: f.kind for f in check_text(text).findings}


# --- postcodes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Write to 4 Mill Lane, Leeds LS1 4AP by Friday.",
        "We meet in LS6 on Tuesdays.",
        "The office is at SW1A 2AA.",
        "Post it to EH1 1YZ or B33 8TH.",
    ],
)
def test_a_postcode_area_is_not_an_acronym(text: str) -> None:
    assert "acronym" not in _kinds(text).values()


def test_a_short_form_with_a_number_that_is_no_postcode_area_is_still_an_acronym() -> None:
    assert _kinds("Fill in the PHQ9 form.").get("PHQ") == "acronym"
    assert _kinds("The LS team will ring you.").get("LS") == "acronym"  # no digit: not a postcode


# --- rare words: endings and everyday parts ---------------------------------------------------


def test_a_rare_ing_word_is_judged_by_its_base_with_an_e() -> None:
    bands = Bands()
    # "synthesis" is a commoner noun, but "synthesising" comes from the verb "synthesise"
    # (counted with its American twin "synthesize", as every UK spelling is).
    assert _bases("synthesising", bands._freq) == ["synthesise"]
    assert bands.zipf("synthesis") > 3.5 > bands.zipf("synthesise")
    assert bands.band("making") != RARE and bands.band("policed") != RARE


@pytest.mark.parametrize("word", ["unstaffed", "contactable", "foodbanks", "misrepresents"])
def test_a_rare_word_made_of_everyday_parts_is_not_flagged(word: str) -> None:
    bands = Bands()
    assert bands.band(word) == RARE  # still counted as rare in the score
    assert made_of_everyday_parts(word, bands)
    assert word not in _kinds(f"The {word} thing came up.")


def test_a_rare_word_not_made_of_everyday_parts_is_still_flagged() -> None:
    assert _kinds("The form was abstruse.").get("abstruse") == "rare"
    assert not made_of_everyday_parts("abstruse", Bands())


# --- care-and-support terms from the new sources ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("She leases a car through Motability now.", "Motability"),
        ("The health boards met the council.", "health boards"),
        ("Ask the Integration Joint Board.", "Integration Joint Board"),
        ("Wales calls it citizen-directed support.", "citizen-directed support"),
        ("Wales calls it citizen directed support.", "citizen directed support"),
        ("He has two circles of support.", "circles of support"),
        ("Her special guardianship order came through.", "special guardianship order"),
        ("We asked for a mandatory reconsideration.", "mandatory reconsideration"),
        ("The Local Offer lists them.", "Local Offer"),
        ("Early supported discharge helped him.", "Early supported discharge"),
    ],
)
def test_new_care_and_support_terms_are_explained_with_their_variants(
    sentence: str, term: str
) -> None:
    found = {f.term: f for f in check_text(sentence).findings}
    assert term in found
    assert found[term].advice == "explain" and found[term].meaning


def test_commission_is_flagged_as_a_verb_only() -> None:
    assert "commission" in _kinds("Each year we commission home care.")
    assert "commission" not in _kinds("The agency takes a commission on each hour.")


def test_every_care_term_names_a_public_source_and_no_term_loses_a_number() -> None:
    with CARE_TERMS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 500
    assert all(row["source"].startswith(SOURCES) for row in rows), [
        row["term"] for row in rows if not row["source"].startswith(SOURCES)
    ]
    # Terms are matched by their words; a number is not a word, so "section 117" would be
    # matched as "section" alone, everywhere.
    assert not [
        row["term"]
        for row in rows
        if any(c.isdigit() for c in row["term"])
        and len([w for w in row["term"].split() if not any(c.isdigit() for c in w)]) < 2
    ]


# --- long-sentence excerpts without real names ------------------------------------------------


def test_long_sentence_excerpts_use_made_up_names() -> None:
    text = (
        "Priya Shah said that when Tom Baker rang the council about his mother's care at "
        "home he was passed between four different teams and nobody could tell him who was "
        "in charge of the plan."
    )
    report = without_names(check_text(text), text, {"Priya Shah": "Speaker 1"})
    (excerpt,) = [f.term for f in report.findings if f.kind == "long_sentence"]
    assert excerpt.startswith("Speaker 1 said that when")
    assert "Priya" not in excerpt and "Tom Baker" not in excerpt and "[PERSON" in excerpt
    assert len(excerpt) <= EXCERPT_CHARACTERS
