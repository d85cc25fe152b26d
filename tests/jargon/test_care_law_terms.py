"""Issue 20: care law, money and health terms to explain (paying for care, NHS continuing
healthcare, the Mental Health Act and Mental Capacity Act, safeguarding, equality law), from
data/plain-english/care-law-and-money-terms.csv. Made-up examples."""

from __future__ import annotations

import csv

import pytest

from coprod_lab.jargon import check_text, shipped_glossary
from tests.conftest import ROOT

LAW = ROOT / "data" / "plain-english" / "care-law-and-money-terms.csv"
ROWS = list(csv.DictReader(LAW.read_text(encoding="utf-8").splitlines()))
# Judged everyday by the hand labellers (/work/realdata/plain-english/README.md): never listed.
EVERYDAY = ("financial assessment", "care home", "nursing home", "discharge", "consent")


def _terms(text: str, kinds: tuple[str, ...] = ("jargon",)) -> dict[str, object]:
    """The first finding of each term of these kinds, by the words as written."""
    found: dict[str, object] = {}
    for f in check_text(text).findings:
        if f.kind in kinds:
            found.setdefault(f.term, f)
    return found


def found_with_meanings(found: dict, terms: tuple[str, ...], rows: dict) -> None:
    """Each term is found, with its CSV row's meaning, from a source whose meaning is ours."""
    for term in terms:
        assert term in found, term
        assert found[term].meaning == rows[term]["plain"], term
        assert "meaning in our words" in rows[term]["source"], term


def found_with_advice(found: dict, terms: tuple[str, ...]) -> None:
    """Each term is found, with a plain meaning to show or a plainer word to use."""
    for term in terms:
        assert term in found, term
        finding = found[term]
        assert (finding.advice == "explain" and finding.meaning) or (
            finding.advice == "use instead" and finding.suggestion
        ), term


def test_sixty_or_more_sourced_terms_to_explain_none_of_them_everyday() -> None:
    assert len(ROWS) >= 60
    for row in ROWS:
        assert row["advice"] == "explain" and row["plain"] and row["source"], row["term"]
        assert "meaning in our words" in row["source"], row["term"]
        assert row["term"].lower() not in EVERYDAY
    entries = {e.term: e for e in shipped_glossary().entries}
    for row in ROWS:
        assert entries[row["term"]].plain == row["plain"], row["term"]


def test_the_words_of_paying_for_care_health_and_the_law_are_explained() -> None:
    text = (
        "Mum moved to a care home in May. The council counts tariff income on her savings, "
        "and her pension is assessable income. The nurse said she has a primary health need, "
        "so the decision support tool will be used. Her nearest relative asked the "
        "supervisory body for a standard authorisation. The Equality Act protects her."
    )
    found = _terms(text)
    for term in (
        "tariff income",
        "assessable income",
        "primary health need",
        "decision support tool",
        "nearest relative",
        "supervisory body",
        "standard authorisation",
        "Equality Act",
    ):
        assert term in found, term
        row = next(r for r in ROWS if r["term"] == term)
        assert found[term].advice == "explain" and found[term].meaning == row["plain"]
    assert "savings" in found["tariff income"].meaning
    # An everyday phrase beside them is left alone, as the labellers judged it.
    assert not any("care home" in term for term in found)


@pytest.mark.parametrize(
    "text, term",
    [
        ("Ask about NHS-funded nursing care.", "NHS-funded nursing care"),
        ("Some pensions are disregarded income.", "disregarded income"),
        ("The Mental Health Tribunal met.", "Mental Health Tribunal"),
        ("Talk to the district nurses.", "district nurses"),
    ],
)
def test_hyphens_plurals_and_capitals_find_the_term(text: str, term: str) -> None:
    assert term in _terms(text)


def test_disregard_in_its_everyday_sense_is_not_a_care_term() -> None:
    # Only the charging phrases are listed: "disregard" alone is an everyday word.
    assert _terms("He showed a blatant disregard for my feelings.") == {}


def test_the_checklist_is_known_and_left_alone() -> None:
    # The fifth round's labeller judged the continuing healthcare "Checklist" everyday, so the
    # glossary knows it (sense "everyday") and does not raise it.
    assert "Checklist" not in _terms("The nurse filled in the Checklist with us.")
    assert "checklist" not in _terms("I made a checklist for the shopping.")
