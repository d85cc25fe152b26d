"""Kinds found on real care writing (held out 17 and 18): letters that also spell a word but
that the text spells out ("ME, which stands for Myalgic Encephalomyelitis"), a transcript's
legend without dashes ("MM Michael McEwan"), and words written with the Unicode hyphens some
pages use ("end‑of‑life care")."""

from coprod_lab.jargon import check_text
from coprod_lab.jargon.acronyms import speaker_initials


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.term, f.kind) for f in check_text(text).findings if f.kind != "passive"]


def test_letters_that_spell_a_word_are_an_acronym_once_the_text_spells_them_out() -> None:
    text = (
        "Chronic fatigue is also known as ME, which stands for Myalgic Encephalomyelitis. "
        "People with ME often feel worse after exercise. The clinic sees ME every week."
    )
    found = _found(text)
    assert found.count(("ME", "acronym")) == 3
    # In brackets after its long form, and with full stops, it is the same acronym.
    assert ("ME", "acronym") in _found("Myalgic Encephalomyelitis (ME) is long term. ME is.")
    # Not spelled out, capitals are emphasis: "tell ME" is "tell me".
    assert _found("Please tell ME when you are ready.") == []


def test_a_legend_without_dashes_names_the_speakers() -> None:
    transcript = (
        "MM Michael McEwan\nSM Samuel Magg\nKF Kerry Ferguson\n\n"
        "MM So, Sam, what is the project?\n\nSM It pairs people with a volunteer.\n"
    )
    assert speaker_initials(transcript) == {"MM", "SM", "KF"}
    assert not [f for f in check_text(transcript).findings if f.kind == "acronym"]
    # One line like that is not a legend; nor are letters that spell out a known short form.
    assert (
        speaker_initials(
            "NHS National Health Service\nSM Samuel Magg\n", known=lambda m: m == "NHS"
        )
        == set()
    )


def test_words_with_unicode_hyphens_are_one_word_and_match_the_glossary() -> None:
    assert ("end\u2011of\u2011life care", "jargon") in _found(
        "We offer end\u2011of\u2011life care at home."
    )
    assert ("end\u2010of\u2010life care", "jargon") in _found(
        "We offer end\u2010of\u2010life care at home."
    )


def test_words_hand_labellers_of_two_or_more_sets_marked_are_raised() -> None:
    text = (
        "This is integral to the plan. A bespoke package was deemed detrimental, so the panel "
        "may revoke it. Kinship carers met the trust board about tissue viability."
    )
    terms = {term.lower() for term, kind in _found(text) if kind == "jargon"}
    assert {
        "integral",
        "bespoke",
        "deemed",
        "detrimental",
        "revoke",
        "kinship carers",
        "trust board",
        "tissue viability",
    } <= terms


def test_a_short_form_before_a_noun_is_advised_without_the_or_your() -> None:
    found = {
        f.start: f.suggestion
        for f in check_text("GP practices work together. NHS money is tight.").findings
        if f.kind == "acronym"
    }
    assert found == {0: "say “family doctor”", 28: "most readers know it: no need to change it"}
    # On its own it keeps them: "ask your family doctor".
    alone = [f.suggestion for f in check_text("Ask a GP. Then see GP.").findings]
    assert "say “your family doctor”" in alone


def test_a_term_inside_a_job_title_in_capitals_is_explained_not_swapped() -> None:
    text = (
        "Linda Gray - Service User Representative\nAsk the Local Authority. Service users said so."
    )
    advice = {(f.term, f.advice) for f in check_text(text).findings if f.kind == "jargon"}
    assert ("Service User", "explain") in advice  # "people who use services Representative"
    assert ("Local Authority", "use instead") in advice  # on its own: try "council"
    assert ("Service users", "use instead") in advice  # capital only to start a sentence
