"""People's initials written with full stops ("Cllr K.F. McCaffer", "Ms J. Aviet") and words
spelled out in spaced capitals for emphasis ("T H A T"), as council minutes write them. A real
set of Welsh scrutiny minutes had ten councillors' initials flagged as acronyms and their
surnames as rare words."""

from coprod_lab.jargon import check_text
from coprod_lab.text import split_sentences

MINUTES = (
    "Present: Councillor K.F. Morgan (Chair); Councillors: Ms. J. Penhallow, Ms. B.E. Brooks, "
    "G.D.D. McTavish, Mrs. C.A. Cave and S.T. Edwards. RECOMMENDED – T H A T the minutes of "
    "the meeting be approved."
)


def _flagged(text: str) -> list[tuple[str, str]]:
    return [
        (f.term, f.kind)
        for f in check_text(text).findings
        if f.kind in ("acronym", "rare", "formal", "jargon")
    ]


def test_initials_with_full_stops_before_a_surname_are_not_acronyms() -> None:
    assert _flagged(MINUTES) == []
    assert _flagged("Cllr. Ann Lee and Cllr Joe Bell spoke.") == []  # a title, not a rare word
    # Dotted letters before a common word, after a place's name, are an acronym.
    assert ("M.E", "acronym") in _flagged("It is now called the Bristol M.E. Service.")


def test_an_initial_with_a_full_stop_does_not_end_a_sentence() -> None:
    sentences = [MINUTES[a:b] for a, b in split_sentences(MINUTES)]
    assert len(sentences) == 2
    assert sentences[0].endswith("S.T. Edwards.")
    # A sentence that does end in an acronym still ends there.
    said = "Nobody was as tired as I. Then we went home."
    assert [said[a:b] for a, b in split_sentences(said)][1] == "Then we went home."
    two = "Talk to the LEAs. Simply ring them."
    assert [two[a:b] for a, b in split_sentences(two)] == [
        "Talk to the LEAs.",
        "Simply ring them.",
    ]


def test_an_acronym_at_the_end_of_a_sentence_is_still_an_acronym() -> None:
    found = _flagged("They liaise with schools and LEAs. Simply visit the IHT. Some teams help.")
    assert ("LEAs", "acronym") in found
    assert ("IHT", "acronym") in found


def test_letters_with_full_stops_spelling_a_word_are_an_acronym_but_spaced_ones_are_emphasis() -> (
    None
):
    assert ("N.O.W", "acronym") in _flagged("The charity SpeakEasy N.O.W., in Wales, helps.")
    assert _flagged("We agreed T H A T the plan goes ahead.") == []
    assert ("H S A", "acronym") in _flagged("The H S A said no.")


def test_roman_numerals_after_a_word_that_numbers_things_are_not_acronyms() -> None:
    text = "Read part VI of the Act and Schedule IV. People with type II diabetes may ask."
    assert [k for k in _flagged(text) if k[1] == "acronym"] == []
    assert ("CV", "acronym") in _flagged("Send the CV with part VI.")


def test_initials_after_a_title_and_surnames_in_capitals_in_minutes_are_people() -> None:
    # A new user's real minutes: "Councillor PM Morgan", "Councillor MD Lloyd-Hayes", and a
    # Scottish board's list of members with surnames in capitals, named again in a sentence.
    text = (
        "Councillor PM Morgan presented the report. Cllr KF Jones and Mrs CA Smith agreed. "
        "It was seconded by Councillor MD Lloyd-Hayes.\n\n"
        "Helen WRIGHT - Nominated by the council\nLinda GRAY - Service User Representative\n"
        "Jim McFARLANE - Trade Union Representative\n\n"
        "II DECLARATION OF INTEREST\n\nApologies came from Diane McCULLOCH and Ken LYNN."
    )
    assert [k for k in _flagged(text) if k[1] == "acronym"] == []
    # Without a title, two capitals before a common word are still an acronym.
    assert ("KF", "acronym") in _flagged("Ask the KF Team about it.")
    assert ("IV", "acronym") in _flagged("IV fluids were given.")
    # A heading and a sentence that start "Name NI" are not a list of people: "Dementia" and
    # "About" are no first names (held out 23, a Belfast charity's page).
    charity = "About Dementia NI\n\nDementia NI, based in Belfast, is a charity run by members."
    assert _flagged(charity).count(("NI", "acronym")) == 2


def test_short_forms_joined_by_a_slash_are_both_short_forms() -> None:
    found = _flagged("People with CFS/ME often tire. ME/CFS is long term.")
    assert found.count(("ME", "acronym")) == 2


def test_a_list_written_one_item_to_a_line_is_not_one_long_sentence() -> None:
    present = (
        "Present:\n"
        "Helen WRIGHT - Nominated by the council (Elected Member)\n"
        "Linda GRAY - Service User Representative\n"
        "Jim McFARLANE - Trade Union Representative\n"
        "Emma FLETCHER - Director of Public Health\n"
    )
    report = check_text(present)
    assert report.sentences == 5
    assert not [f for f in report.findings if f.kind == "long_sentence"]
    # A paragraph wrapped over lines, ending in a full stop, is still one sentence.
    assert len(split_sentences("This is a wrapped\nParagraph Of text that\nGoes on.")) == 1
