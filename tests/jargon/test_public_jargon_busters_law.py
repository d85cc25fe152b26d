"""Issue 20: law, money, housing, mental health, Scotland and Wales terms from public UK
glossaries (data/plain-english/public-jargon-busters.csv) are found with the meaning we wrote
for them, and an everyday phrase beside them is left alone. Made-up text."""

from __future__ import annotations

import csv

from coprod_lab.jargon import check_text
from tests.conftest import ROOT

PUBLIC = ROOT / "data" / "plain-english" / "public-jargon-busters.csv"


def _rows() -> dict[str, dict[str, str]]:
    rows = csv.DictReader(PUBLIC.read_text(encoding="utf-8").splitlines())
    return {row["term"].lower(): row for row in rows}


def test_law_money_housing_and_nation_terms_are_found_with_our_meaning() -> None:
    text = (
        "Jo was held on a hospital order and now has leave of absence at weekends. Her "
        "brother lives in approved premises and keeps to his licence conditions. A friend "
        "has no recourse to public funds while she waits for leave to remain. Her landlord "
        "served a no-fault eviction, so the council wrote a personalised housing plan. In "
        "Scotland her aunt has an adult carer support plan; in Wales the team made an Active "
        "Offer and began with a what matters conversation. We met at the bus stop and had "
        "a cup of tea."
    )
    rows = _rows()
    found = {f.term.lower(): f for f in check_text(text).findings}
    for term in (
        "hospital order",
        "leave of absence",
        "approved premises",
        "licence conditions",
        "no recourse to public funds",
        "leave to remain",
        "no-fault eviction",
        "personalised housing plan",
        "adult carer support plan",
        "active offer",
        "what matters conversation",
    ):
        finding = found[term]
        row = rows[term]
        assert finding.advice == row["advice"] == "explain", term
        assert finding.meaning == row["plain"], term
    # Everyday words beside them are not raised.
    assert not any(t.startswith(("bus stop", "cup of tea")) for t in found)


def test_public_funds_alone_is_the_everyday_sense_and_not_raised() -> None:
    # "We also have to spend our public funds responsibly" (a council page, held out 9) is
    # not the immigration rules' sense, and the labellers left it plain: only the whole
    # "no recourse to public funds" is listed.
    assert "public funds" not in _rows()
    text = "The council has to spend public funds with care."
    assert not any("public" in f.term.lower() for f in check_text(text).findings)
