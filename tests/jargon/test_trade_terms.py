"""Issue 20, fourth round: the care system's trade words (Healthwatch, an NHS trust, the
Care Quality Commission's inspections, NHS boards), terms explained at their first use,
organisations' names, people's initials in minutes, website names and typing slips.
Made-up examples, one for each kind (BENCHMARKS.md, "Held-out recall, fourth round")."""

from __future__ import annotations

import csv

from coprod_lab.jargon import check_text
from coprod_lab.jargon.check import explained_terms
from coprod_lab.widgets.plain_english import render_text
from tests.conftest import ROOT

TRADE = ROOT / "data" / "plain-english" / "care-system-terms.csv"
LGA = ROOT / "data" / "plain-english" / "lga-words.csv"
WORD_KINDS = ("jargon", "phrase")


def _terms(text: str) -> dict[str, object]:
    """The first finding of each glossary term, by the words as written."""
    found: dict[str, object] = {}
    for f in check_text(text).findings:
        if f.kind in (*WORD_KINDS, "name"):
            found.setdefault(f.term, f)
    return found


def _acronyms(text: str) -> set[str]:
    return {a.acronym for a in check_text(text).acronyms}


def test_every_trade_term_names_its_source_and_says_use_instead_or_explain() -> None:
    rows = list(csv.DictReader(TRADE.read_text(encoding="utf-8").splitlines()))
    lga = list(csv.DictReader(LGA.read_text(encoding="utf-8").splitlines()))
    assert len(rows) >= 25 and len(lga) >= 50
    assert all("Local Government Association" in row["source"] for row in lga)
    for row in rows + lga:
        assert row["source"] and row["plain"], row["term"]
        assert row["advice"] in ("use instead", "explain"), row["term"]


def test_the_trade_words_of_healthwatch_the_cqc_and_nhs_boards_are_explained() -> None:
    text = (
        "Our Enter & View team spoke to residents. The authorised representatives met "
        "the manager. Inspectors use the key lines of enquiry and the ratings characteristics "
        "in the assessment framework, and now the quality statements, written as We "
        "statements. The board was quorate. There were no declarations of interest. The "
        "public governor asked about the skill mix and the outstanding actions."
    )
    found = _terms(text)
    for term in (
        "Enter & View",
        "authorised representatives",
        "key lines of enquiry",
        "ratings characteristics",
        "assessment framework",
        "quality statements",
        "We statements",
        "quorate",
        "declarations of interest",
        "public governor",
        "skill mix",
        "outstanding actions",
    ):
        assert term in found, term
    assert found["Enter & View"].advice == "explain"
    assert "Healthwatch volunteers" in found["Enter & View"].meaning
    assert found["quorate"].advice == "use instead"
    assert check_text("Inspectors use KLOEs.").acronyms[0].expansion == "key lines of enquiry"


def test_the_trust_is_an_nhs_trust_only_with_a_capital_and_not_inside_a_name() -> None:
    assert "Trust" in _terms("Staff follow Trust wide rules on leaving hospital.")
    assert "Trust" in _terms("Board Rooms, Trust HQ, Swindon.")
    assert "Trust" in _terms("It should be a Trust priority.")
    assert "trust" not in _terms("Go home with people you trust.")
    assert "Trust" not in _terms("Ask the Carers Trust for help.")
    assert "Trust" not in _terms("Trust me, it is fine.")  # a sentence's first word


def test_a_term_to_explain_is_explained_at_its_first_use_only() -> None:
    text = "We use reablement at first. After reablement, and more reablement, you go home."
    report = check_text(text)
    uses = [f for f in report.findings if f.term == "reablement"]
    assert [f.repeat for f in uses] == [False, True, True]
    assert "explained at its first use" in uses[1].suggestion
    assert explained_terms(report) == [("reablement", uses[0].meaning)]
    # The page underlines only the first use.
    assert render_text(text, report).count("<u>reablement</u>") == 1
    # A term to change ("use instead") is still raised at every use.
    said = [f for f in check_text("Ask the stakeholders. Then the stakeholders.").findings]
    assert [f.repeat for f in said if f.term == "stakeholders"] == [False, False]


def test_an_organisations_name_is_a_name_to_explain_once_not_jargon() -> None:
    report = check_text(
        "Healthwatch visited. Healthwatch wrote a report for the Care Quality Commission."
    )
    names = [f for f in report.findings if f.kind == "name"]
    assert [f.term for f in names] == ["Healthwatch", "Healthwatch", "Care Quality Commission"]
    assert [f.repeat for f in names] == [False, True, False]
    assert all(f.advice == "explain" and f.meaning for f in names)
    assert not [f for f in report.findings if f.kind in WORD_KINDS]


def test_adult_social_care_and_roll_out_are_everyday() -> None:
    assert not _terms("Adult social care helps people at home. Call adult social care.")
    assert not _terms("We will roll out the new rota, and it rolls out in May.")


def test_council_words_from_the_lga_list_are_offered_plainer_words() -> None:
    found = _terms(
        "Practitioners in both localities use indicators and joined up mechanisms to check it."
    )
    for term, plainer in (
        ("Practitioners", "workers"),
        ("localities", "areas"),
        ("indicators", "measures"),
        ("joined up", "working together"),
        ("mechanisms", "ways"),
    ):
        assert found[term].advice == "use instead" and plainer in found[term].suggestion


def test_peoples_initials_in_minutes_are_not_acronyms() -> None:
    minutes = (
        "KM reported that the kitchen was done. In reply to a challenge from JS around the "
        "budget, the chair agreed. Action: PT. ZR to circulate the paper. The HSA said no. "
        "CQC reported a rating."
    )
    assert _acronyms(minutes) == {"HSA", "CQC"}


def test_a_websites_name_is_not_an_acronym() -> None:
    assert _acronyms("Read more on GOV.UK or NHS.UK today. The DWP pays it.") == {"DWP"}


def test_typing_slips_are_spelling_findings_not_rare_words() -> None:
    report = check_text("We offer fexibility at mealtimes and we accomodate you. He was franking.")
    kinds = {f.term: (f.kind, f.suggestion) for f in report.findings}
    assert kinds["fexibility"][0] == "spelling" and "flexibility" in kinds["fexibility"][1]
    assert kinds["accomodate"][0] == "spelling" and "accommodate" in kinds["accomodate"][1]
    assert kinds["franking"][0] == "rare"  # a real word one letter from "ranking"
    # A slip inside a glossary term is found as the term.
    assert "servce users" in _terms("We asked the servce users first.")
