"""Personal details in free text nobody listed: names found by the recogniser and its rules,
UK numbers in every written form, and the same marker for the same person everywhere.

The cases in ../shared/cases/privacy/ are made-up text with the right result in its README.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coprod_lab.privacy import PersonMarkers, find, redact, redact_all
from coprod_lab.privacy.people import describe_hidden, pseudonymise, redact_transcript
from coprod_lab.transcripts import read_transcript
from tests.conftest import SHARED

CASES = SHARED / "cases" / "privacy"
UK_FORMS = ["+44 (20) 7123 4567", "0044 7911 123456", "+44 7911 123456", "020 7946 0958"]


@pytest.fixture(scope="module", autouse=True)
def recogniser() -> None:
    # Load the model once for the whole module (about 1.5 s), not in the first test's time.
    find("Dr Patel")


def people(text: str) -> list[str]:
    return [f.text for f in find(text) if f.kind == "PERSON"]


def test_every_uk_phone_form_in_the_case_file_is_hidden() -> None:
    text = (CASES / "redact-uk-phones.txt").read_text(encoding="utf-8")
    redacted = redact(text).text
    for number in [*UK_FORMS, "07911 123456"]:
        assert number in text  # the case file holds it ...
        assert number not in redacted  # ... and redaction hides it
    # The US number beside them (no +1) is hidden too: it is a phone number as much as they are.
    assert [f.text for f in find(text) if f.kind == "PHONE"] == [
        "510-748-8230",
        "+44 (20) 7123 4567",
        "020 7946 0958",
        "07911 123456",
        "0044 7911 123456",
        "+44 7911 123456",
    ]


def test_the_case_transcript_hides_numbers_postcode_and_names_without_a_list() -> None:
    table = read_transcript(CASES / "redact-transcript.txt")
    redacted, key = redact_transcript(table, {})
    shown = " ".join([*redacted["speaker"], *redacted["text"]])
    for detail in ("+44 (20) 7123 4567", "0044 7911 123456", "eh1 3at", "Ann", "Ben"):
        assert detail not in shown
    assert list(redacted["speaker"]) == ["[PERSON 1]", "[PERSON 2]"]
    assert "[POSTCODE]" in redacted["text"][1]
    assert key["[PERSON 1]"] == ["Ann"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Dr Patel explained everything.", ["Patel"]),
        ("I saw the OT Gemma twice.", ["Gemma"]),
        ("Marcus on reception was lovely.", ["Marcus"]),
        ("Thanks to Sister Okoro and Nurse Amy on the ward.", ["Okoro", "Amy"]),
        ("Mrs Jones and Mr O'Brien came too.", ["Jones", "O'Brien"]),
        ("My CPN, Darren, takes me to my appointments.", ["Darren"]),
        ("Jen, Paul and Diane were very kind.", ["Jen", "Paul", "Diane"]),
        ("Kayleigh Hart rang me back the same day.", ["Kayleigh Hart"]),
        (
            "Haroun was excellent, thanks to Aidan Macdonald and Inunnguaq.",
            ["Haroun", "Aidan Macdonald", "Inunnguaq"],
        ),
        ("Éva Szölösi explained it. thanks to sarah too", ["Éva Szölösi", "sarah"]),
    ],
)
def test_names_are_found_without_a_list(text: str, names: list[str]) -> None:
    assert people(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "I was seen at Leicester Royal Infirmary about my COPD.",
        "On Cherry Ward the staff were kind.",
        "The Physio was good and the Mental Health Team rang back.",
        "Due to COVID the groups stopped. I'M DISGUSTED WITH THE WAITING.",
        "St George's Hospital sent a letter to my GP.",
        "Felt safe. Rang the desk. Superb care from the NHS.",
        "XXXX was great, very helpful.",
        "Very Good. Helpful Info, answered questIons.",
        "thanks to all the staff, thank you will do",
    ],
)
def test_places_services_conditions_and_shouting_are_left_alone(text: str) -> None:
    assert people(text) == []


def test_a_title_stays_readable_and_a_possessive_stays() -> None:
    assert redact("Dr Schofield's team and Nurse Gabbitas").text == (
        "Dr [PERSON 1]'s team and Nurse [PERSON 2]"
    )


@pytest.mark.parametrize(
    ("text", "detail", "kind"),
    [
        ("My address is 4 Leith Walk, eh1 3at.", "eh1 3at", "POSTCODE"),
        ("Send it to sw1a2aa please.", "sw1a2aa", "POSTCODE"),
        ("Crew 4471 arrived after an hour.", "4471", "REFERENCE"),
        ("The incident number is INC-20391.", "INC-20391", "REFERENCE"),
        ("Case ref: 22/1043 was closed.", "22/1043", "REFERENCE"),
        ("My hospital number K123456 was wrong.", "K123456", "REFERENCE"),
        ("MRN 00123456 on the wristband.", "00123456", "REFERENCE"),
        ("Mum, 12/03/1954, aged 70, waited all night.", "12/03/1954", "DATE_OF_BIRTH"),
        ("Patient 70 years old (3.4.1954) discharged.", "3.4.1954", "DATE_OF_BIRTH"),
        ("She was born on 3rd March 1956 in Leeds.", "3rd March 1956", "DATE_OF_BIRTH"),
        # North American numbers without their +1, in the ways they are written there.
        ("Call me on 321-584-0624.", "321-584-0624", "PHONE"),
        ("Ring (416) 962-1234 in Toronto.", "(416) 962-1234", "PHONE"),
        ("Text 604.682.2344 tonight.", "604.682.2344", "PHONE"),
    ],
)
def test_numbers_are_found(text: str, detail: str, kind: str) -> None:
    assert [(f.text, f.kind) for f in find(text, people=False)] == [(detail, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "The clinic is on B4 2nd floor, room 101.",
        "Seen on 12/03/2024 at 9:30 after waiting 3 hours.",
        "There were 2023 people in the survey in 2024.",
        "In case 3 of them need it, ring the ward.",
        "Between 10.30 and 11.45 on 12-03-2024, 415 people came.",
        "It cost $1,250.00 for 300 beds, 2021-2022.",
        "ISBN 978-0-306-40615-7 is on the back.",
    ],
)
def test_ordinary_numbers_are_left_alone(text: str) -> None:
    assert find(text, people=False) == []


def test_the_same_person_keeps_one_marker_across_a_project() -> None:
    markers = PersonMarkers({"Dev Morgan": 1, "Priya Shah": 2})
    first = redact_all(["Dr Patel saw Dev.", "Gemma Hart was kind."], markers=markers)
    later = redact_all(["Patel again, and Gemma.", "Priya and Dr Patel."], markers=markers)
    assert [r.text for r in first + later] == [
        "Dr [PERSON 3] saw [PERSON 1].",
        "[PERSON 4] was kind.",
        "[PERSON 3] again, and [PERSON 4].",
        "[PERSON 2] and Dr [PERSON 3].",
    ]


def test_findings_say_kind_and_position() -> None:
    text = "Ring Dr Patel on 07911 123456."
    findings = find(text)
    assert [(f.kind, f.start, f.end) for f in findings] == [
        ("PERSON", 8, 13),
        ("PHONE", 17, 29),
    ]
    assert all(text[f.start : f.end] == f.text for f in findings)


def test_the_voting_page_modules_never_load_the_recogniser() -> None:
    import subprocess
    import sys

    code = (
        "import sys, coprod_lab.privacy, coprod_lab.privacy.redact;"
        "from coprod_lab.privacy import find; find('07911 123456', people=False);"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "False"


def test_a_transcript_file_has_every_speaker_hidden(tmp_path: Path) -> None:
    path = tmp_path / "meeting.txt"
    path.write_text(
        "Rosalind Achebe: Hello, I'm calling about my mum.\n"
        "Tobias Wrenfield: Thanks Rosalind. Dr Okonjo will ring you.\n",
        encoding="utf-8",
    )
    table = read_transcript(path)
    redacted, _key = redact_transcript(table, {"Priya Shah": 1})
    shown = " ".join([*redacted["speaker"], *redacted["text"]])
    for word in ("Rosalind", "Achebe", "Tobias", "Wrenfield", "Okonjo"):
        assert word not in shown
    assert list(redacted["speaker"]) == ["[PERSON 2]", "[PERSON 3]"]
    assert redacted["text"][1].startswith("Thanks [PERSON 2].")
    # What was hidden, where: kind and position in the original text, not the words.
    hidden = redacted.attrs["hidden"]
    assert [(h["row"], h["kind"], h["marker"]) for h in hidden] == [
        (1, "PERSON", "[PERSON 2]"),
        (1, "PERSON", "[PERSON 4]"),
    ]
    assert [table["text"][h["row"]][h["start"] : h["end"]] for h in hidden] == [
        "Rosalind",
        "Okonjo",
    ]
    assert describe_hidden(hidden) == "Hidden in the text: 2 names."


def test_a_title_or_tag_in_a_participants_name_is_not_them() -> None:
    said = "Dr Okafor said Dr Patel will ring. Jonny was there."
    names = {"Dr Okafor": 1, "Jonny (Guest)": 2}
    assert (
        redact(said, names).text == "[PERSON 1] said Dr [PERSON 3] will ring. [PERSON 2] was there."
    )


def test_care_words_and_exclamations_are_not_taken_for_names() -> None:
    # Both were hidden as people in a real-looking meeting: "Reablement" is the very word the
    # glossary explains, and "Blimey." is a reply, not a person.
    text = "Blimey. Reablement is short-term support at home, Rachel said. Thanks Ed and Tara."
    hidden = redact(text).text
    assert hidden.startswith("Blimey. Reablement is short-term support at home")
    assert "Rachel" not in hidden and "Ed " not in hidden and "Tara" not in hidden


def test_a_north_american_number_in_the_real_zoom_transcript_is_hidden() -> None:
    # ../shared/corpus/zoom-meeting: a US number said without +1 survived --redact,
    # --pseudonymise and exports when numbers were read as UK ones only.
    table = read_transcript(SHARED / "corpus" / "zoom-meeting" / "meeting003_transcript.vtt")
    number = "321-584-0624"
    said = table[table["text"].str.contains(number, regex=False)].reset_index(drop=True)
    assert len(said) == 1
    redacted, key = redact_transcript(said, {})
    assert number not in redacted["text"][0] and "[PHONE]" in redacted["text"][0]
    assert key["[PHONE]"] == [number]
    hidden = pseudonymise(said, {}, free_text=("text",))
    assert number not in hidden["text"][0] and "[PHONE]" in hidden["text"][0]
