"""The plain-English checker on text: acronyms, jargon, rarity, readability, spelling."""

from __future__ import annotations

import math

import pytest
from wordfreq import zipf_frequency

from coprod_lab.jargon import check_text
from coprod_lab.jargon.acronyms import acronym_letters, spelled_out_near
from coprod_lab.jargon.rarity import Bands, dejargonizer_score
from coprod_lab.jargon.readability import flesch_reading_ease, syllables, uk_spelling
from coprod_lab.text import split_sentences, words
from tests.jargon.labelled import labelled

WORD_KINDS = ("acronym", "jargon", "phrase", "rare", "formal", "spelling")


def test_the_labelled_set_has_over_200_acronyms_and_every_one_is_flagged() -> None:
    text, marks = labelled()
    acronyms = [m for m in marks if m.kind == "acronym"]
    assert len(acronyms) >= 200
    found = {(f.start, f.end) for f in check_text(text).findings if f.kind == "acronym"}
    # A plural acronym ("GPs") is flagged as the whole word.
    missed = [m.text for m in acronyms if (m.start, m.end) not in found]
    assert missed == []


def test_under_5_percent_of_ordinary_words_are_flagged_wrongly() -> None:
    text, marks = labelled()
    report = check_text(text)
    flags = [f for f in report.findings if f.kind in WORD_KINDS]
    ordinary = [w for w in words(text) if not any(m.start <= w.start() < m.end for m in marks)]
    wrong = [w.group() for w in ordinary if any(f.start <= w.start() < f.end for f in flags)]
    assert len(ordinary) > 1500
    assert len(wrong) / len(ordinary) < 0.05, wrong


def test_most_hard_words_in_the_labelled_set_are_flagged() -> None:
    text, marks = labelled()
    flags = [f for f in check_text(text).findings if f.kind in WORD_KINDS]
    hard = [m for m in marks if m.kind == "hard"]
    found = [m for m in hard if any(f.start <= m.start < f.end for f in flags)]
    assert len(found) >= 0.8 * len(hard)


@pytest.mark.parametrize(
    ("token", "letters"),
    [
        ("NHS", "NHS"),
        ("GPs", "GP"),
        ("ICBs", "ICB"),
        ("DToC", "DToC"),
        ("PbR", "PbR"),
        ("LeDeR", "LeDeR"),
        ("A&E", "A&E"),
        ("McDonald", None),
        ("Priya", None),
        ("OK", None),
        ("I", None),
        ("CO-PRODUCTION", None),
    ],
)
def test_what_counts_as_an_acronym(token: str, letters: str | None) -> None:
    assert acronym_letters(token) == letters


def test_capitals_for_emphasis_and_redaction_marks_are_not_acronyms() -> None:
    report = check_text("Please do NOT ring XXXX after six. THANK you. The CQUIN and SMART goals.")
    assert [a.acronym for a in report.acronyms] == ["CQUIN", "SMART"]


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("The integrated care board (ICB) met.", True),
        ("The ICB (integrated care board) met.", True),
        ("The Department of Health and Social Care (DHSC) wrote.", True),
        ("A delayed transfer of care (DToC) is counted.", True),
        ("Our integrated care board met. Then the ICB wrote.", True),  # glossary expansion
        ("The ICB met.", False),
        ("The big committee (ICB) met.", False),
    ],
)
def test_spelled_out_on_first_use(text: str, spelled: bool) -> None:
    (use,) = check_text(text).acronyms
    assert use.first_at == text.index(use.acronym)
    assert use.spelled_out is spelled


def test_only_the_first_use_decides_whether_it_was_spelled_out() -> None:
    report = check_text("The PCN met. Later the primary care network (PCN) wrote.")
    (use,) = report.acronyms
    assert (use.uses, use.spelled_out) == (2, False)
    assert use.expansion == "primary care network"


def test_spelled_out_near_reads_the_words_before_the_bracket() -> None:
    text = "Care and support from the voluntary, community and social enterprise (VCSE) sector"
    start = text.index("VCSE")
    assert spelled_out_near(text, start, start + 4, "VCSE")


def test_jargon_is_found_in_its_other_forms_but_not_in_look_alikes() -> None:
    report = check_text(
        "Stakeholders signposted her to the commissioners. It was timely. The provider "
        "facilitated a care package."
    )
    found = {f.term: f.kind for f in report.findings if f.kind in ("jargon", "phrase", "wordy")}
    assert found["Stakeholders"] == "jargon"
    assert found["signposted"] == "jargon"
    assert found["commissioners"] == "jargon"
    assert found["provider"] == "jargon"
    assert found["facilitated"] in ("jargon", "phrase")
    assert found["care package"] == "jargon"
    assert "timely" in found and "time" not in found


def test_every_finding_points_at_its_words() -> None:
    text, _ = labelled()
    for f in check_text(text).findings:
        if f.kind in WORD_KINDS:
            assert text[f.start : f.end] == f.term


def test_rarity_bands_and_the_dejargonizer_score_match_wordfreq_by_hand() -> None:
    text = "We sat with the carers and talked about reablement and respite today."
    report = check_text(text)
    tokens = [w.group().lower() for w in words(text)]
    zipfs = [zipf_frequency(t, "en") for t in tokens]
    rare = sum(z < 2.75 for z in zipfs)
    mid = sum(2.75 <= z < 4.05 for z in zipfs)
    assert (report.words, report.rare, report.mid) == (len(tokens), rare, mid)
    assert rare == 1  # reablement
    assert report.score == round(100 - (0.5 * mid + rare) * 100 / len(tokens), 1)
    assert dejargonizer_score(200, 10, 4) == 95.5


def test_the_rarity_lines_are_settings(monkeypatch) -> None:
    assert Bands().band("carer") == "mid"
    monkeypatch.setenv("COPROD_LAB_RARE_BELOW_ZIPF", "3.0")
    assert Bands().band("carer") == "rare"
    monkeypatch.setenv("COPROD_LAB_COMMON_FROM_ZIPF", "2.0")
    assert Bands().band("respite") == "common"


def test_names_mid_sentence_are_not_rare_words() -> None:
    report = check_text("Today Priya and Okafor met Joan in Pontypridd.")
    assert report.rare == 0
    assert report.names >= 2


def test_the_reader_target_is_two_percent_rare_words() -> None:
    plain = check_text("We went home. The nurse came the next day and made tea. " * 10)
    assert plain.meets_reader_target
    hard = check_text("Reablement and signposting remain pathways for domiciliary cohorts.")
    assert not hard.meets_reader_target
    assert "aim for 2% or less" in hard.summary()


def test_flesch_reading_ease_matches_a_hand_count() -> None:
    # 6 words, 1 sentence, 6 syllables: 206.835 - 1.015 * 6 - 84.6 * 1 = 116.1
    report = check_text("The cat sat on the mat.")
    assert (report.words, report.sentences, report.syllables) == (6, 1, 6)
    assert report.flesch == pytest.approx(116.1, abs=0.05)
    assert flesch_reading_ease(100, 5, 150) == round(206.835 - 1.015 * 20 - 84.6 * 1.5, 1)
    assert [syllables(w) for w in ("care", "package", "assessment", "asked", "wanted")] == [
        1,
        2,
        3,
        1,
        2,
    ]


def test_long_sentences_and_their_setting(monkeypatch) -> None:
    sentence = "We " + "really " * 28 + "agreed."
    assert check_text(sentence).long_sentences == 1
    monkeypatch.setenv("COPROD_LAB_LONG_SENTENCE_WORDS", "40")
    assert check_text(sentence).long_sentences == 0


def test_sentences_do_not_end_at_titles_or_eg() -> None:
    text = "Dr. Patel came. We saw e.g. two wards. Then we left!\n\n- a list item\n- another"
    spans = [text[a:b] for a, b in split_sentences(text)]
    assert spans == [
        "Dr. Patel came.",
        "We saw e.g. two wards.",
        "Then we left!",
        "- a list item",
        "- another",
    ]


def test_passive_voice_hints() -> None:
    report = check_text("The form was sent by the ward. We sent the form. It is fully funded.")
    assert [f.term for f in report.of_kind("passive")] == ["was sent", "is fully funded"]


@pytest.mark.parametrize(
    ("us", "uk"),
    [("organize", "organise"), ("color", "colour"), ("center", "centre"), ("size", None)],
)
def test_uk_spelling(us: str, uk: str | None) -> None:
    assert uk_spelling(us) == uk


def test_an_empty_text_is_reported_plainly() -> None:
    report = check_text("   ")
    assert report.words == 0 and report.summary() == "There are no words to check."
    assert not math.isnan(report.score)


def test_the_report_as_json_names_each_finding_term() -> None:
    data = check_text("The ICB will signpost you.").to_dict()
    assert {"words", "rare_share", "score", "readability", "findings"} <= set(data)
    assert {f["term"] for f in data["findings"]} >= {"ICB", "signpost"}


def test_short_sentences_are_not_told_to_aim_for_longer_ones() -> None:
    short = check_text("We met. We talked. You went home. We rang you the next day.")
    line = next(x for x in short.summary().splitlines() if x.startswith("Sentences have"))
    assert "short enough: aim for 20 or fewer" in line
    assert "15 to 20" not in line
    long_text = " ".join(["word"] * 30) + ". " + " ".join(["word"] * 26) + "."
    line = next(
        x for x in check_text(long_text).summary().splitlines() if x.startswith("Sentences have")
    )
    assert "too long: aim for 15 to 20" in line
