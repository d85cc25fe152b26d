"""Kinds found by reading the misses and false alarms of held out 8 to 10 (issue 20).

Each test is a made-up example of one kind; BENCHMARKS.md ("Sixth round") gives the figures.
"""

from __future__ import annotations

import pytest

from coprod_lab.jargon import check_text


def _found(text: str) -> dict[str, str]:
    return {text[f.start : f.end]: f.kind for f in check_text(text).findings}


def test_a_programme_named_in_capitals_again_and_again_is_a_short_form() -> None:
    found = _found("The ACUMEN study asks carers. ACUMEN then shares what it learns.")
    assert found.get("ACUMEN") == "acronym"


def test_a_word_stressed_once_or_an_everyday_word_in_capitals_is_not() -> None:
    found = _found("Please do NOT ring. COVID rules changed, and COVID tests are free.")
    assert "NOT" not in found and "COVID" not in found


def test_letters_before_a_dash_are_not_a_persons_initials() -> None:
    found = _found("Resting BP - Systolic over 180. Read BF Skinner on learning.")
    assert found.get("BP") == "acronym"
    assert "BF" not in found  # initials before a name, a single space between


@pytest.mark.parametrize(("short", "plain"), [("eg", "for example"), ("ie", "that is")])
def test_eg_and_ie_without_full_stops_are_given_their_plain_words(short: str, plain: str) -> None:
    report = check_text(f"Bring a document, {short} a letter from your bank.")
    found = [f for f in report.findings if f.term == short]
    assert found and found[0].suggestion == f"try “{plain}”"


def test_a_law_named_by_its_year_is_explained_as_a_law() -> None:
    found = _found("The council must follow the 2014 Act when it assesses you.")
    assert found.get("2014 Act") == "jargon"
    assert "2014 Act" not in _found("In 2014 Acts of kindness were counted.")


def test_trust_after_nhs_is_the_kind_of_body_but_a_charitys_name_is_not() -> None:
    assert _found("Every NHS Trust has a complaints team.").get("Trust") == "jargon"
    assert "Trust" not in _found("Carers Trust runs a helpline.")


def test_terms_two_labellers_marked_are_found() -> None:
    found = _found(
        "The provision of sensory support is regulated. The complainant wrote to the lay member."
    )
    for term in ("provision", "sensory", "regulated", "complainant", "lay member"):
        assert term in found, term


def test_terms_labellers_never_marked_are_left_alone_or_offered_as_tips() -> None:
    found = _found("People with a chronic illness use community services. We will notify you.")
    assert "chronic" not in found and "community services" not in found
    assert found.get("notify") == "wordy"  # a plainer word is offered, not a hard word


def test_a_capitalised_word_the_text_also_writes_in_small_letters_is_not_a_name() -> None:
    # "lymphoedema" is in the glossary now (issue 20), so a rare word outside it shows this.
    found = _found("Ask the Hydrotherapy Service. It offers hydrotherapy, exercise in warm water.")
    assert found.get("Hydrotherapy") == "rare"
    assert "Holdforth" not in _found("Ask Priya at the Holdforth Centre about it.")


def test_held_out_11_and_12_kinds() -> None:
    found = _found(
        "The Non-Executive member asked about scrutiny of neurological and respiratory care. "
        "The complaint was upheld, and people with a bereavement get speech and language "
        "therapy from the workforce."
    )
    for term in ("Non-Executive", "scrutiny", "neurological", "respiratory", "upheld"):
        assert term in found, term
    for everyday in ("bereavement", "speech and language therapy", "workforce"):
        assert everyday not in found, everyday


def test_surnames_in_capitals_in_a_list_of_people_are_not_short_forms() -> None:
    text = (
        "Members\n\nTrudy McLEAY (Vice Chairperson)\n\nLynne SHORT\n\n"
        "Donald McPHERSON, Chair\n\nThe Leeds CCG met, and Trudy McLEAY spoke."
    )
    short = {f.term for f in check_text(text).findings if f.kind == "acronym"}
    assert short == {"CCG"}


def test_speakers_marked_with_a_small_letter_in_the_key_are_not_short_forms() -> None:
    text = (
        "KM - Kerry Musselbrook\nAMi - Andy Miller\nAMu - Amanda Muir\n\n"
        "AMi: Hello everyone.\nAMu: Thanks, Andy.\nKM: Over to you."
    )
    assert not [f for f in check_text(text).findings if f.kind == "acronym"]


def test_a_word_is_found_in_forms_that_stem_apart_from_it() -> None:
    # Porter cuts "embed" to "emb" and "embedding" to "embed".
    found = _found("We are embedding it; it is embedded; we embed it.")
    assert {"embedding", "embedded", "embed"} <= set(found)


def test_a_list_of_place_names_one_to_a_line_is_names_not_rare_words() -> None:
    text = "Our teams:\n- Brecon Locality\n- Builth and Llanwrtyd Locality\n- Crickhowell Locality"
    assert not [f for f in check_text(text).findings if f.kind == "rare"]


def test_held_out_13_and_14_kinds() -> None:
    found = _found(
        "Social isolation is common. Please minimise noise and comply with the rules. "
        "Your obligation is to tell us about the tenure of your home."
    )
    assert "Social isolation" not in found
    assert found.get("minimise") == "wordy" and found.get("comply with") == "wordy"
    assert "obligation" in found and "tenure" in found


def test_a_new_users_laws_are_found_whole() -> None:
    found = _found(
        "Under the Housing Grants, Construction and Regeneration Act 1996 you may get one."
    )
    assert "Housing Grants, Construction and Regeneration Act 1996" in found
    assert "section 26" in _found("Under section 26 of the MHA your nearest relative is named.")
    assert "section 2 or section 3" in _found("If you are detained under section 2 or section 3.")
    assert not [t for t in _found("Leeds, Bradford and Wakefield act together.") if "act" in t]


def test_extra_care_meaning_more_care_is_not_extra_care_housing() -> None:
    assert "extra care" not in _found("Staff have no time for the extra care needed.")
    assert "extra care" in _found("You could move to extra care, with your own flat.")
