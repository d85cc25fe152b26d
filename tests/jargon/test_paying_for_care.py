"""Issue 20, a new user's trial on a council "Paying for care" page: the kinds of fault found,
each with a made-up example (short forms the text spells out in its own sense, notes that
said to spell out what was spelled out, short forms explained once, compound nouns, and
adjectives of feeling taken for passives)."""

from __future__ import annotations

import pytest

from coprod_lab.jargon import check_text, shipped_glossary
from coprod_lab.jargon.glossary import Entry
from coprod_lab.widgets.plain_english import render_text


def _acronyms(text: str, letters: str) -> list:
    return [f for f in check_text(text).findings if f.kind == "acronym" and f.term == letters]


def test_a_short_form_spelled_out_in_another_sense_takes_the_texts_meaning() -> None:
    glossary_sense = shipped_glossary().acronym("DPA")
    assert glossary_sense is not None  # the glossary's DPA is another thing
    text = "Ask about a deferred payment agreement (DPA). A DPA lets you pay later."
    first, later = _acronyms(text, "DPA")
    for f in (first, later):
        assert f.expansion == "deferred payment agreement"
        assert glossary_sense.plain not in f.suggestion and f.meaning != glossary_sense.plain
    use = next(a for a in check_text(text).acronyms if a.acronym == "DPA")
    assert use.spelled_out and use.expansion == "deferred payment agreement" and not use.plain


def test_a_short_form_spelled_out_in_the_glossarys_sense_keeps_its_meaning() -> None:
    entry = shipped_glossary().acronym("ICB")
    text = f"Your {entry.expansion} ({entry.term}) decides. The {entry.term} writes to you."
    first = _acronyms(text, "ICB")[0]
    assert first.meaning == entry.plain and first.expansion == entry.expansion


@pytest.mark.parametrize(
    "text, letters",
    [
        ("Your integrated care board (ICB) decides.", "ICB"),
        ("A lasting power of attorney (LPA) lets someone decide for you.", "LPA"),
        ("Ask for a personal expenses allowance (PEA) review.", "PEA"),
        ("Ask about a deferred payment agreement (DPA).", "DPA"),
    ],
)
def test_a_short_form_spelled_out_is_not_told_to_be_spelled_out(text: str, letters: str) -> None:
    (f,) = _acronyms(text, letters)
    assert f.note == "spelled out the first time"
    assert "spell it out" not in f.suggestion
    assert "spell it out" not in render_text(text, check_text(text))


def test_a_short_form_not_spelled_out_is_still_told_to_be() -> None:
    (f,) = _acronyms("The LPA must be signed.", "LPA")
    assert "spell it out" in f.suggestion


def test_a_short_form_is_explained_once_and_marked_repeat_after() -> None:
    text = "Ask about NHS continuing healthcare (CHC). CHC is free. We check CHC each year."
    found = _acronyms(text, "CHC")
    assert [f.repeat for f in found] == [False, True, True]
    # A page shows the note once, as for a longer term to explain.
    assert render_text(text, check_text(text)).count("CHC</u> <small>(short form:") == 1


def test_a_short_form_to_replace_is_advised_on_every_use() -> None:
    entry = shipped_glossary().acronym("GP")
    assert not entry.explain
    found = _acronyms("See a GP. Later the GP will call.", "GP")
    assert [f.repeat for f in found] == [False, False]
    # "your family doctor", without a "your" the sentence already has ("the GP")
    assert all("family doctor" in f.suggestion for f in found)


@pytest.mark.parametrize("head", ["team", "letter", "lounge"])
def test_a_term_as_the_first_part_of_a_compound_noun_is_explained_not_replaced(
    head: str,
) -> None:
    # A project's term with plainer words ("hospital discharge" is everyday in the shipped
    # glossary, as the labellers judged it).
    glossary = shipped_glossary()
    entry = Entry("hospital discharge", "jargon", "leaving hospital", source="a project")
    glossary.add(entry)
    assert not entry.explain  # on its own, the glossary offers plainer words
    text = f"Ask the hospital discharge {head} for help."
    (f,) = [f for f in check_text(text, glossary).findings if f.term == "hospital discharge"]
    assert f.advice == "explain" and f.meaning == entry.plain
    assert f"“{entry.plain}”" not in f.suggestion
    alone = "After hospital discharge you go home."
    (f,) = [f for f in check_text(alone, glossary).findings if f.term == "hospital discharge"]
    assert f.advice == "use instead"


@pytest.mark.parametrize(
    "text", ["If you are worried about money, ring us.", "We are interested in your views."]
)
def test_an_adjective_of_feeling_after_be_is_not_a_passive(text: str) -> None:
    assert not check_text(text).of_kind("passive")


def test_a_real_passive_is_still_found() -> None:
    assert check_text("The form was signed by your son.").of_kind("passive")


@pytest.mark.parametrize(
    "text, letters",
    [
        ("If you are worried, Age UK can help.", "UK"),
        ("Ask about NHS Continuing Healthcare.", "NHS"),
        ("NHS England writes to you.", "NHS"),
    ],
)
def test_an_everyday_short_form_in_a_name_is_not_told_to_be_replaced(
    text: str, letters: str
) -> None:
    entry = shipped_glossary().acronym(letters)
    (f,) = _acronyms(text, letters)
    assert entry.plain not in f.suggestion and f.advice != "use instead"


def test_an_everyday_short_form_on_its_own_still_gets_its_plain_words() -> None:
    text = "The NHS pays. We live in the UK."
    (uk,) = _acronyms(text, "UK")
    assert shipped_glossary().acronym("UK").plain in uk.suggestion
    # The NHS's plain words are "the NHS": said already, so nothing to change.
    (nhs,) = _acronyms(text, "NHS")
    assert nhs.suggestion == "most readers know it: no need to change it"
