"""Issue 20: terms from public UK jargon busters (NHS, Ombudsman, Mind, SEND Local Offer,
children in care, benefits, research, medical and housing glossaries) are found with the
meaning we wrote for them, and everyday phrases beside them are left alone. Made-up text."""

from __future__ import annotations

import csv

from coprod_lab.jargon import check_text
from tests.conftest import ROOT

PUBLIC = ROOT / "data" / "plain-english" / "public-jargon-busters.csv"
OTHER_FILES = (
    "our-terms.csv",
    "care-and-support-terms.csv",
    "formal-words.csv",
    "research-terms.csv",
    "care-system-terms.csv",
    "lga-words.csv",
    "care-law-and-money-terms.csv",
)


def _rows() -> dict[str, dict[str, str]]:
    rows = csv.DictReader(PUBLIC.read_text(encoding="utf-8").splitlines())
    return {row["term"].lower(): row for row in rows}


def test_every_row_is_sourced_new_and_says_use_instead_or_explain() -> None:
    rows = _rows()
    assert len(rows) >= 150
    elsewhere = set()
    for name in OTHER_FILES:
        text = (ROOT / "data" / "plain-english" / name).read_text(encoding="utf-8")
        elsewhere |= {r["term"].lower() for r in csv.DictReader(text.splitlines())}
    for term, row in rows.items():
        # A term another file has would be dropped by scripts/build_glossary: a dead row.
        assert term not in elsewhere, term
        assert row["kind"] == "jargon" and row["plain"] and "meaning in our words" in row["source"]
        assert row["advice"] in ("use instead", "explain"), term
        assert term not in row["plain"].lower(), term  # the meaning does not lean on the term


def test_new_terms_are_found_with_their_meaning_and_an_everyday_phrase_is_not() -> None:
    text = (
        "After two weeks on the psychiatric intensive care unit, Sam went home with "
        "aftercare from the community team. The council found maladministration in how it "
        "handled her claimant commitment. Her son's school follows the graduated approach. "
        "The study was a randomised controlled trial of a new talking group. Her dad has "
        "atrial fibrillation and goes to a memory clinic and a support group for carers on "
        "Fridays."
    )
    rows = _rows()
    found = {f.term.lower(): f for f in check_text(text).findings}
    for term in (
        "psychiatric intensive care unit",
        "aftercare",
        "maladministration",
        "claimant commitment",
        "graduated approach",
        "randomised controlled trial",
        "atrial fibrillation",
    ):
        finding = found[term]
        row = rows[term]
        assert finding.advice == row["advice"], term
        said = finding.meaning if row["advice"] == "explain" else finding.suggestion
        assert row["plain"].split(";")[0] in said, term
    # Judged everyday by the hand labellers (memory clinic) or plain words (support group).
    assert not any(t.startswith(("memory", "support group", "carers")) for t in found)


def test_redress_is_the_complaints_noun_not_dressing_a_wound_again() -> None:
    assert "redress" in {f.term for f in check_text("They offered redress for the delay.").findings}
    assert not check_text("The nurse showed me how to redress my leg.").findings
