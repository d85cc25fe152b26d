"""Issue 20: a wider set of care-system words from public UK glossaries (hospital services and
roles, less-known conditions and tests, council and NHS board meeting words, research words),
in data/plain-english/care-system-terms.csv. Made-up examples."""

from __future__ import annotations

import csv

from tests.conftest import ROOT
from tests.jargon.test_care_law_terms import _terms

TRADE = ROOT / "data" / "plain-english" / "care-system-terms.csv"
ROWS = {r["term"]: r for r in csv.DictReader(TRADE.read_text(encoding="utf-8").splitlines())}
# Judged well known or plain by the hand labellers (/work/realdata/plain-english/README.md).
LEFT_OUT = ("motor neurone disease", "glaucoma", "healthcare assistant", "discharge lounge")


def test_the_wider_terms_are_sourced_and_the_well_known_ones_left_out() -> None:
    wider = [r for r in ROWS.values() if "Health A to Z" in r["source"]]
    assert len(wider) >= 40
    for row in wider:
        assert row["plain"] and "meaning in our words" in row["source"], row["term"]
        assert row["advice"] in ("explain", "use instead") and not row["expansion"], row["term"]
    for term in LEFT_OUT:
        assert term not in {t.lower() for t in ROWS}, term


def test_hospital_council_board_and_research_words_are_found_with_their_meaning() -> None:
    text = (
        "Dad has fibromyalgia and sees the orthotist, then goes to audiology in the same "
        "hospital. At the meeting the portfolio holder spoke, the quorum was met, and the "
        "scheme of delegation was agreed. The study used a topic guide with every respondent. "
        "He takes the bus to the day centre on Fridays."
    )
    found = _terms(text)
    for term in (
        "fibromyalgia",
        "orthotist",
        "audiology",
        "portfolio holder",
        "quorum",
        "scheme of delegation",
        "topic guide",
    ):
        assert term in found, term
        assert found[term].advice == "explain", term
        assert found[term].meaning == ROWS[term]["plain"], term
    assert "hearing" in found["audiology"].meaning
    # "respondent" has plainer words to use instead.
    assert found["respondent"].advice == "use instead"
    assert "answers" in found["respondent"].suggestion
    # An everyday phrase beside them is left alone, as the labellers judged it.
    assert not any("day centre" in term for term in found)
