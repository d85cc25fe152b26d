"""Issue 20: hospital and community pathway, housing with care, equipment and inspection words
from public UK pages (data/plain-english/public-jargon-busters.csv, each row naming its
source). Made-up examples."""

from __future__ import annotations

import csv

from tests.conftest import ROOT
from tests.jargon.test_care_law_terms import _terms as care_law_terms
from tests.jargon.test_care_law_terms import found_with_meanings

BUSTERS = ROOT / "data" / "plain-english" / "public-jargon-busters.csv"
ROWS = {r["term"]: r for r in csv.DictReader(BUSTERS.read_text(encoding="utf-8").splitlines())}


def _terms(text: str) -> dict[str, object]:
    """The first jargon finding of each term, by the words as written."""
    return care_law_terms(text, kinds=("jargon",))


def test_pathway_housing_and_regulation_words_are_found_with_their_meaning() -> None:
    text = (
        "Mum no longer met the criteria to reside, so a trusted assessor from the care home "
        "saw her on the ward and the care transfer hub set up bridging care. Her discharge "
        "summary mentions a comprehensive geriatric assessment. She now has a "
        "profiling bed and a rollator. Her flat is in close care, but the lease has an event "
        "fee. The home was put in special measures after a warning notice, and the trust ran "
        "an after action review. In Scotland the Health and Social Care Standards apply. "
        "Her sister goes to the day centre."
    )
    found = _terms(text)
    found_with_meanings(
        found,
        (
            "criteria to reside",
            "trusted assessor",
            "care transfer hub",
            "bridging care",
            "discharge summary",
            "comprehensive geriatric assessment",
            "profiling bed",
            "rollator",
            "close care",
            "event fee",
            "special measures",
            "warning notice",
            "after action review",
            "Health and Social Care Standards",
        ),
        ROWS,
    )
    assert "wheels" in found["rollator"].meaning
    # The everyday phrase beside them, as the labellers judged it, is left alone.
    assert not any("day centre" in term.lower() for term in found)


def test_everyday_uses_and_plain_service_names_are_not_raised() -> None:
    found = _terms(
        "She grew into a confident and responsible individual. Ring the Leeds Community "
        "Equipment Service or ask about the Red Bag Scheme."
    )
    assert not {t.lower() for t in found} & {
        "responsible individual",
        "community equipment service",
        "red bag scheme",
    }
