"""Issue 20, fifth round: names of laws and their sections, formal words found by their
frequency and ending, and care terms most readers know left alone. Made-up examples, one for
each kind (BENCHMARKS.md, "Plain English: laws, formal words and everyday care terms")."""

from __future__ import annotations

import csv
import importlib.machinery
import importlib.util

import pytest

from coprod_lab.jargon import check_text, shipped_glossary
from coprod_lab.jargon.check import explained_terms
from coprod_lab.jargon.glossary import Entry, Glossary, shipped_entries
from coprod_lab.jargon.laws import law_names
from coprod_lab.jargon.rarity import Bands, is_formal
from coprod_lab.widgets.plain_english import render_text
from tests.conftest import ROOT


def _found(text: str, kinds: tuple[str, ...] = ("jargon", "formal", "rare", "phrase")) -> dict:
    found: dict = {}
    for f in check_text(text).findings:
        if f.kind in kinds:
            found.setdefault(f.term, f)
    return found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Under the Children and Families Act 2014 you can ask.",
            ["Children and Families Act 2014"],
        ),
        ("The Equality Act says so. The Act is clear.", ["Equality Act"]),
        (
            "The Care and Support (Charging and Assessment of Resources) Regulations 2014 apply.",
            ["Care and Support (Charging and Assessment of Resources) Regulations 2014"],
        ),
        ("Aftercare under s.117 of the Mental Health act.", ["s.117", "Mental Health act"]),
        ("A section 42 enquiry starts.", ["section 42"]),
        ("Please act now. See section 3 of this leaflet.", []),
    ],
)
def test_laws_and_their_sections_are_found_by_their_shape(text: str, names: list[str]) -> None:
    assert [law.text for law in law_names(text)] == names


def test_a_law_is_explained_once_and_the_glossary_meaning_wins_where_it_has_one() -> None:
    text = (  # a made-up law, which no glossary can hold
        "The Shared Homes and Gardens Act 2031 gives you rights. Under the Shared Homes and "
        "Gardens Act 2031 the council must listen. The Care Act 2014 says more."
    )
    findings = [f for f in check_text(text).findings if f.kind == "jargon"]
    law = [f for f in findings if f.term.startswith("Shared Homes")]
    assert [f.repeat for f in law] == [False, True]
    assert law[0].advice == "explain" and law[0].meaning.startswith("a law")
    assert "say what it means for the reader" in law[0].suggestion
    care_act = next(f for f in findings if f.term == "Care Act 2014")
    assert care_act.meaning and care_act.meaning != "a law"  # the glossary's own meaning


@pytest.mark.parametrize("word", ["irrespective", "detriment", "proportionate", "stipulates"])
def test_a_formal_word_with_a_latin_ending_is_found(word: str) -> None:
    f = _found(f"They said it was {word} of the rest.")[word]
    assert f.kind == "formal" and "everyday" in f.suggestion
    assert "formal word" in render_text(f"It was {word}.", check_text(f"It was {word}."))


@pytest.mark.parametrize(
    "word",
    [
        "organisational",  # "organisation" is everyday
        "deletion",  # so is "delete"
        "pandemic",  # as common as "formal" allows (Zipf 3.5 and more)
        "yellow",  # no Latin ending
        "attentive",  # NHS patients write it in their own comments
        "courteous",
        "deteriorating",  # patients wrote "deteriorated"
    ],
)
def test_everyday_words_and_their_relatives_are_not_formal(word: str) -> None:
    assert not is_formal(word, Bands())
    assert word not in _found(f"They said it was {word} today.")


def test_care_terms_most_readers_know_are_recognised_and_left_alone() -> None:
    everyday = [e for e in shipped_entries() if e.sense == "everyday"]
    assert {"nursing home", "financial assessment", "consent"} <= {e.term for e in everyday}
    text = "After the financial assessment she moved to a nursing home near the day centre."
    assert _found(text) == {}
    # ... while a care term that is not everyday, beside them, is still explained.
    assert "direct payment" in _found("A financial assessment comes before a direct payment.")


def test_a_project_can_raise_an_everyday_term_again() -> None:
    entries = [
        *shipped_entries(),
        Entry("nursing home", "jargon", "a care home with nurses", source="us", advice="explain"),
    ]
    report = check_text("She moved to a nursing home.", Glossary(entries))
    assert [f.term for f in report.findings if f.kind == "jargon"] == ["nursing home"]


def test_every_everyday_term_is_a_real_glossary_row() -> None:
    rows = list(csv.DictReader((ROOT / "data" / "glossary.csv").read_text("utf-8").splitlines()))
    assert sum(r["sense"] == "everyday" for r in rows) >= 15


FEEDBACK = ROOT.parent / "shared" / "corpus" / "patient-feedback" / "text_data.csv"


@pytest.mark.skipif(not FEEDBACK.exists(), reason="../shared/corpus is not beside us")
def test_the_committed_patients_words_are_what_the_script_makes() -> None:
    spec = importlib.util.spec_from_loader(
        "build_patients_words",
        importlib.machinery.SourceFileLoader(
            "build_patients_words", str(ROOT / "scripts" / "build_patients_words")
        ),
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(FEEDBACK)
    assert built == module.OUT.read_text(encoding="utf-8")
    assert "attentive" in built and "irrespective" not in built


def test_one_term_in_its_forms_is_explained_once_with_one_meaning() -> None:
    text = (
        "A direct payment is yours. Direct payments can pay a carer. "
        "Ask for a carer's assessment. Carers' assessments are free."
    )
    report = check_text(text)
    terms = [t for t, _ in explained_terms(report)]
    assert terms == ["direct payment", "carer's assessment"]
    later = next(f for f in report.findings if f.term == "Direct payments")
    first = next(f for f in report.findings if f.term == "direct payment")
    assert later.repeat and later.meaning == first.meaning


def test_web_and_email_addresses_are_not_words() -> None:
    text = (
        "Visit https://www.kirklees.gov.uk/beta/adult-social-care/direct-payments.aspx or "
        "email directpayments.team@kirklees.gov.uk or see nhs.uk/conditions today."
    )
    report = check_text(text)
    assert report.rare == 0 and report.words == 6  # Visit, or, email, or, see, today
    assert [f.term for f in report.findings if f.kind in ("rare", "acronym", "formal")] == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The hall has a capacity of fifty people.", None),
        ("We are at full capacity today.", None),
        ("She may lack the capacity to decide.", "capacity"),
        ("My daughter is on a work placement in Leeds.", None),
        ("His placement at the care home ended.", "placement"),
    ],
)
def test_a_care_word_in_its_everyday_sense_is_not_the_care_term(
    text: str, term: str | None
) -> None:
    found = [f.term for f in check_text(text).findings if f.kind == "jargon"]
    assert found == ([term] if term else [])


def test_a_long_list_item_is_pointed_out_but_not_counted_as_a_sentence() -> None:
    long_item = " ".join(["word"] * 33)
    report = check_text(f"# Help\n\nSome text here.\n\n- {long_item}\n- a short item\n")
    assert report.sentences == 1
    (f,) = report.of_kind("long_sentence")
    assert f.suggestion == "split this list item: it has 33 words"


def test_latin_short_forms_are_given_plain_words() -> None:
    report = check_text("Bring proof, e.g. a letter, i.e. something with your name. See e.gov.uk.")
    found = [(f.term, f.suggestion) for f in report.findings if f.kind == "phrase"]
    assert found == [("e.g.", "try “for example”"), ("i.e.", "try “that is”")]


def test_involvement_and_professional_terms_are_explained() -> None:
    found = _found(
        "User involvement matters. A fitness to practise hearing was held. We value collaboration."
    )
    assert found["User involvement"].advice == "explain"
    assert "safe to keep working" in found["fitness to practise"].meaning
    assert found["collaboration"].suggestion == "try “working together”"


def test_two_laws_are_two_words_to_explain() -> None:
    # Made-up laws, which no glossary holds: both share the meaning "a law".
    report = check_text("The Shared Homes Act 2031 and the Garden Paths Act 2032 apply.")
    laws = [t for t, meaning in explained_terms(report) if meaning.startswith("a law")]
    assert laws == ["Shared Homes Act 2031", "Garden Paths Act 2032"]


# What a second new user found (a carer with real council and NHS pages).


def test_a_project_term_with_a_slash_is_found() -> None:
    glossary = shipped_glossary()
    glossary.add(Entry("owner/occupiers", "jargon", "people who own their home", source="us"))
    found = [f.term for f in check_text("Grants for owner/occupiers.", glossary).findings]
    assert found == ["owner/occupiers"]
    # ... while a slash still splits a term that has none: "parents/carers" is not "parent carer".
    assert not [f for f in check_text("For parents/carers.").findings if f.kind == "jargon"]


def test_advice_on_a_short_form_reads_right_in_the_sentence() -> None:
    said = {f.term: f.suggestion for f in check_text("Your GP is free. The NHS pays.").findings}
    assert said["GP"] == "say “family doctor”"  # not "your your family doctor"
    assert said["NHS"] == "most readers know it: no need to change it"  # not "say the NHS"


def test_two_plainer_words_are_offered_as_a_choice() -> None:
    (f,) = [f for f in check_text("It facilitates care.").findings if f.term == "facilitates"]
    assert " or " in f.suggestion and ";" not in f.suggestion


def test_forms_of_one_term_and_lists_of_sections_are_found_once() -> None:
    report = check_text(
        "Means testing applies, so it is means-tested. Under sections 3, 37 or 45A of the "
        "Mental Health Act you may be detained. Your repayments are low."
    )
    terms = [t for t, _ in explained_terms(report)]
    assert sum("means" in t.lower() for t in terms) == 1
    assert "sections 3, 37 or 45A" in terms
    assert "repayments" not in {f.term for f in report.findings}
    law = next(f for f in report.findings if f.term == "sections 3, 37 or 45A")
    assert "say what it lets or makes people do" in law.meaning


def test_a_law_the_glossary_knows_is_underlined_with_its_year() -> None:
    # The note came between the name and its year: "Care Act (explain: ...) 2014".
    found = [f.term for f in check_text("The Care Act 2014 applies.").findings]
    assert found == ["Care Act 2014"]
