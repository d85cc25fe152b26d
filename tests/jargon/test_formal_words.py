"""Issue 20, third round: formal words from two public lists that are free to copy, a noun
term's verb forms left alone, and hyphenated terms written as two words. Made-up examples,
one for each kind (BENCHMARKS.md, "Held-out recall, third round")."""

from __future__ import annotations

import csv

import pytest

from coprod_lab.jargon import check_text, shipped_glossary
from coprod_lab.jargon.glossary import Entry
from tests.conftest import ROOT

FORMAL = ROOT / "data" / "plain-english" / "formal-words.csv"
RESEARCH = ROOT / "data" / "plain-english" / "research-terms.csv"
SOURCES = ("GOV.UK style guide", "plainlanguage.gov")


def _flagged(text: str) -> dict[str, object]:
    return {f.term: f for f in check_text(text).findings if f.kind in ("jargon", "phrase")}


@pytest.mark.parametrize(
    ("text", "term", "offered"),
    [
        ("We need to streamline the referral forms.", "streamline", "simplify"),
        ("Staff liaise with the ward every week.", "liaise", "work with"),
        ("The plan is robust and tested.", "robust", "thorough"),
        ("Questions pertaining to money go to Sam.", "pertaining to", "about"),
        ("We will procure a new van for the day centre.", "procure", "buy"),
    ],
)
def test_a_formal_word_from_the_public_lists_is_offered_their_plainer_word(
    text: str, term: str, offered: str
) -> None:
    finding = _flagged(text)[term]
    assert finding.advice == "use instead"
    assert offered in finding.suggestion


def test_every_formal_word_names_its_public_list_and_says_use_instead_or_explain() -> None:
    rows = list(csv.DictReader(FORMAL.read_text(encoding="utf-8").splitlines()))
    assert rows
    for row in rows:
        assert any(s in row["source"] for s in SOURCES), row
        assert ("Open Government Licence" in row["source"]) or ("public domain" in row["source"])
        assert row["advice"] in ("use instead", "explain") and row["plain"], row


def test_formal_words_and_research_terms_reach_the_shipped_glossary() -> None:
    shipped = {r["term"] for r in csv.DictReader((ROOT / "data" / "glossary.csv").open())}
    for path in (FORMAL, RESEARCH):
        listed = {r["term"] for r in csv.DictReader(path.open())}
        assert listed and listed <= shipped


def test_a_research_phrase_of_everyday_words_is_explained_in_its_plural_too() -> None:
    found = _flagged("Two principal investigators met the advisory group in May.")
    assert found["principal investigators"].advice == "explain"
    assert "in charge of a study" in found["principal investigators"].meaning
    assert found["advisory group"].advice == "explain"
    rows = list(csv.DictReader(RESEARCH.read_text(encoding="utf-8").splitlines()))
    assert all("meaning in our words" in r["source"] and r["advice"] == "explain" for r in rows)


def test_a_noun_term_is_explained_but_its_verb_forms_are_left_alone() -> None:
    # The shipped glossary now takes "discharge" as everyday (the labellers did); a project
    # that explains it as a noun gets the noun explained and the verb left alone.
    glossary = shipped_glossary()
    glossary.add(
        Entry(
            "discharge",
            "jargon",
            "leaving hospital",
            source="a project",
            advice="explain",
            sense="noun",
        )
    )

    def flagged(text: str) -> dict[str, object]:
        return {f.term: f for f in check_text(text, glossary).findings if f.kind == "jargon"}

    assert flagged("Nobody planned the discharge with him.")["discharge"].advice == "explain"
    assert "discharged" not in flagged("She was discharged from hospital on Monday.")
    assert "discharging" not in flagged("They are discharging patients earlier.")


def test_a_hyphenated_term_written_as_two_words_is_found_unless_both_parts_are_everyday() -> None:
    assert "person centred" in _flagged("We offer person centred support at home.")
    assert "person-centred" in _flagged("We offer person-centred support at home.")
    assert not _flagged("She took a step down from the committee.")
