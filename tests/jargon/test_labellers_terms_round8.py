"""Issue 20: terms that the hand labellers of two or more sets marked and the checker missed
(tribunal, remit, palliative, integrated in the care sense), schemes named on real pages
(Martha's Rule, Changing Places), and council words they never marked (Children's Services).
Made-up examples."""

from __future__ import annotations

from tests.jargon.test_care_law_terms import _terms, found_with_advice


def test_terms_labellers_marked_are_explained_and_services_they_never_marked_are_not() -> None:
    text = (
        "The tribunal will decide. This is outside our remit. Her care is now palliative, and "
        "the team is integrated with the council's. The Executive Director asked for a "
        "non-statutory review. The ward has a Changing Places toilet, and Martha's Rule lets "
        "you ask for a second look. Ring Children's Services or Adult Services to talk."
    )
    found = _terms(text)
    found_with_advice(
        found,
        (
            "tribunal",
            "remit",
            "palliative",
            "integrated",
            "Executive Director",
            "non-statutory",
            "Changing Places",
            "Martha's Rule",
        ),
    )
    assert found["tribunal"].meaning.startswith("a kind of court")
    assert "Children's Services" not in found and "Adult Services" not in found


def test_a_capitalised_term_after_a_sentence_s_first_word_is_the_term_not_a_name() -> None:
    # "Named Person" (Scottish law) and "Trust" (an NHS trust) are the terms only when
    # capitalised; "The" or "Your" starting the sentence does not make them part of a name.
    found = _terms("Your Named Person will be told. The Trust said no. Carers Trust helps.")
    assert "Named Person" in found and "Trust" in found
    assert "named person" not in _terms("Leave with one named person and a phone number.")
    assert "Trust" not in _terms("Carers Trust helps people they trust.")
