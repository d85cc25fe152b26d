"""Redaction before analysis: personal details in what people said become placeholders.

    redacted = redact("Call me on 07700 900123, I'm Dev Morgan.", names={"Dev Morgan": 1})
    redacted.text  ->  "Call me on [PHONE], I'm [PERSON 1]."
    redacted.key   ->  the placeholders with what they replaced: keep it apart from the text

What is found: email addresses; phone numbers, read and checked by `phonenumbers` (Google's
libphonenumber) in every written form (`+44 (20) 7123 4567`, `0044 7911 123456`, `020 7946 0958`;
numbers with another country's code too); NHS numbers (ten digits that pass the Modulus 11
check; numbers that fail it are left alone); National Insurance numbers; UK postcodes in any
letter case, with or without the space; reference numbers after "crew", "incident", "case",
"ref", "hospital number", "MRN" and the like; dates of birth (a date said with "born", "date of
birth" or "DOB", or next to an age: "12/03/1954, aged 70"); the names of the project's
participants (whole names, and each part of a name on its own), and, with people=True (the
default), anyone else's name, found by a named-entity recogniser (see names.py).

Each person found gets a number: participants keep their own, anyone else the next free one,
the same for the same person in every text given to one PersonMarkers (one per project).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import phonenumbers

EMAIL = re.compile(r"\b[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")

# Ten digits, in the 3-3-4 groups NHS numbers are written in, or run together.
NHS_CANDIDATE = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])")

# A number written the UK way (0 or +44 first, ten digits after it) counts even when
# libphonenumber has no owner for its range: Ofcom keeps 07700 900xxx, 01632 960xxx and the
# like for fiction, and people copy them into examples and tests.
UK_WRITTEN = re.compile(r"^(?:\+\s*44|0044|\(?0)")
INTERNATIONAL = re.compile(r"^(?:\+|00)")
# The North American Numbering Plan's written form: area code, exchange, line, with the
# same separator between the groups ("321-584-0624", "321.584.0624", "(321) 584-0624").
NANP_WRITTEN = re.compile(
    r"(?<![\w+.,/-])(?:\(\d{3}\) ?\d{3}[-. ]\d{4}|\d{3}([-. ])\d{3}\1\d{4})(?![\w.,/-]?\d)"
)

# National Insurance: two letters (not D, F, I, Q, U or V; not O second; not the reserved
# pairs), six digits, then A to D.
NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
    re.IGNORECASE,  # people type them in lower case too
)

# Royal Mail's pattern, in any letter case ("eh1 3at", "sw1a2aa"); ordinals in small
# letters ("b4 2nd") are words, not postcodes.
POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:[A-HK-Y]?\d[A-Z\d]?|\d[A-HJKPSTUW])\s?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$")  # small letters only: "B4 2ND" stays a postcode

# A reference number after the word that introduces it: "crew 4471", "incident no. INC-20391",
# "case ref: 22/1043", "hospital number K123456", "MRN 00123456". It must hold a digit.
REFERENCE = re.compile(
    r"\b(?:crew|incident|case|ref(?:erence)?|hospital|patient|MRN|NHS ref|log|job|claim|"
    r"call(?:er)? ref)\.?\s*(?:(?:number|num|no|ref|ID)\.?\s*)?(?:is\s+|was\s+)?[:#]?\s*"
    r"(?=[A-Z/-]*\d)([A-Z]{0,4}[/-]?\d[\dA-Z/-]{2,}\d|[A-Z]{0,4}[/-]?\d{3,})\b",
    re.IGNORECASE,
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+\d{{4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})\b",
    re.IGNORECASE,
)
BIRTH = re.compile(r"\b(?:born|date of birth|d\.?o\.?b\.?|birth ?date)\b", re.IGNORECASE)
# How far after "born" or "DOB" a date may start and still be the date of birth.
BIRTH_REACH = 40
# An age said beside a bare date makes the date a date of birth: "12/03/1954, aged 70",
# "Mr K (70 yrs) 12.3.54".
AGE = re.compile(
    r"\b(?:aged?\s*:?\s*\d{1,3}|\d{1,3}\s*(?:years?|yrs?|y)\.?\s*(?:old|o\.?)?|\d{1,3}\s*y/?o)\b",
    re.IGNORECASE,
)
AGE_REACH = 25


def nhs_number_is_valid(digits: str) -> bool:
    """The NHS Modulus 11 check: weights 10 to 2; 11 - remainder is the check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


@dataclass(frozen=True)
class Finding:
    """One personal detail: text[start:end] (characters, end excluded) is `text`, of `kind`
    (EMAIL, PHONE, NHS_NUMBER, NI_NUMBER, POSTCODE, REFERENCE, DATE_OF_BIRTH, PERSON), shown
    as `placeholder` once redacted."""

    start: int
    end: int
    kind: str
    text: str
    placeholder: str


@dataclass
class Redacted:
    text: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def key(self) -> dict[str, list[str]]:
        """Each placeholder with the original words it stands for. Keep it apart."""
        key: dict[str, list[str]] = {}
        for f in self.findings:
            key.setdefault(f.placeholder, [])
            if f.text not in key[f.placeholder]:
                key[f.placeholder].append(f.text)
        return key


NOT_A_NAME = re.compile(
    r"(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Matron|Rev|Sir|Dame)\.?|\(.*\)?|.*\)",
    re.IGNORECASE,
)


def _names_pattern(names: Mapping[str, int]) -> tuple[re.Pattern | None, dict[str, int]]:
    # Whole names first, then each part of at least two letters, longest first, so
    # "Dev Morgan" is one [PERSON 1] rather than two.
    parts: dict[str, int] = {}
    for name, number in names.items():
        parts[name.strip()] = number
    for name, number in names.items():
        for part in re.split(r"\s+", name.strip()):
            # Not a title or a tag: "Dr" in "Dr Okafor" is not her, nor "(Guest)" anyone.
            if len(part) >= 2 and part not in parts and not NOT_A_NAME.fullmatch(part):
                parts[part] = number
    if not parts:
        return None, parts
    alternatives = sorted(parts, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w'])(?:" + "|".join(map(re.escape, alternatives)) + r")(?:'s)?(?![\w])"
    )
    return pattern, parts


class PersonMarkers:
    """The number in each person's [PERSON n], the same for the same person across every text
    of a project: participants keep their own numbers (`names`), anyone else found gets the
    next free one. A single name and a longer one it is part of ("Gemma", "Gemma Hart") are
    taken as one person; titles are not part of the name ("Dr Patel" is "Patel")."""

    def __init__(self, names: Mapping[str, int] | None = None) -> None:
        self.names = dict(names or {})
        self._found: dict[str, int] = {}
        self._next = max(self.names.values(), default=0) + 1

    def number(self, name: str) -> int:
        """The number for this person's name, giving a new one the first time."""
        key = " ".join(re.sub(r"['’]s$", "", name).casefold().split())
        if key in self._found:
            return self._found[key]
        words = key.split()
        for other, number in self._found.items():
            other_words = other.split()
            if (len(words) == 1 and key in other_words) or (
                len(other_words) == 1 and other in words
            ):
                self._found[key] = number
                return number
        number, self._next = self._next, self._next + 1
        self._found[key] = number
        return number


def _phones(text: str) -> Iterable[tuple[int, int]]:
    # Region GB: numbers without a country code are read as UK numbers; numbers with one
    # (+1, +353, 0044) are read as that country's.
    for match in phonenumbers.PhoneNumberMatcher(
        text, "GB", leniency=phonenumbers.Leniency.POSSIBLE
    ):
        number = match.number
        uk_shaped = (
            number.country_code == 44
            and UK_WRITTEN.match(match.raw_string)
            and len(str(number.national_number)) == 10
        )
        # Written with its country code ("+41 (0)96 471 07 95"): a phone number, even in a
        # range no one has been given yet.
        international = INTERNATIONAL.match(match.raw_string) and phonenumbers.is_possible_number(
            number
        )
        if phonenumbers.is_valid_number(number) or uk_shaped or international:
            yield match.start, match.end
    # Read as GB, a North American number without its +1 ("321-584-0624", from the Zoom
    # transcript in ../shared/corpus) is no number at all. It counts when it is written in the
    # NANP's own groups (3, 3, 4 with dashes, dots or spaces, or the area code in brackets)
    # and libphonenumber holds it valid for the US or Canada: plain runs of ten digits, dates,
    # times, money and counts are not written that way.
    for match in NANP_WRITTEN.finditer(text):
        number = phonenumbers.parse(match.group(0), "US")
        if phonenumbers.is_valid_number(number):
            yield match.start(), match.end()


def _numbers(text: str, names: Mapping[str, int] | None) -> list[Finding]:
    found: list[Finding] = []

    def add(start: int, end: int, kind: str, placeholder: str) -> None:
        if any(start < f.end and f.start < end for f in found):
            return  # the first, more specific detector already took these characters
        found.append(Finding(start, end, kind, text[start:end], placeholder))

    for match in EMAIL.finditer(text):
        add(match.start(), match.end(), "EMAIL", "[EMAIL]")
    for match in NHS_CANDIDATE.finditer(text):
        if nhs_number_is_valid("".join(match.groups())):
            add(match.start(), match.end(), "NHS_NUMBER", "[NHS NUMBER]")
    for match in NI_NUMBER.finditer(text):
        add(match.start(), match.end(), "NI_NUMBER", "[NI NUMBER]")
    if any(c.isdigit() for c in text):
        for start, end in _phones(text):
            add(start, end, "PHONE", "[PHONE]")
    for match in POSTCODE.finditer(text):
        if not ORDINAL.search(match.group(0)):
            add(match.start(), match.end(), "POSTCODE", "[POSTCODE]")
    for cue in BIRTH.finditer(text):
        date = DATE.search(text, cue.end(), cue.end() + BIRTH_REACH + 30)
        if date and date.start() - cue.end() <= BIRTH_REACH:
            add(date.start(), date.end(), "DATE_OF_BIRTH", "[DATE OF BIRTH]")
    for date in DATE.finditer(text):
        near = text[max(0, date.start() - AGE_REACH) : date.end() + AGE_REACH]
        if AGE.search(near):
            add(date.start(), date.end(), "DATE_OF_BIRTH", "[DATE OF BIRTH]")
    for match in REFERENCE.finditer(text):
        add(match.start(1), match.end(1), "REFERENCE", "[REFERENCE]")
    if names:
        pattern, parts = _names_pattern(names)
        if pattern:
            for match in pattern.finditer(text):
                word = match.group(0)
                base = word[:-2] if word.endswith("'s") and word not in parts else word
                end = match.start() + len(base)
                add(match.start(), end, "PERSON", f"[PERSON {parts[base]}]")
    return found


def find_all(
    texts: Iterable[str],
    names: Mapping[str, int] | None = None,
    *,
    people: bool = True,
    markers: PersonMarkers | None = None,
) -> list[list[Finding]]:
    """Every personal detail in each text, without overlaps, in order: one list per text.

    names: participants' names with the number of their [PERSON n]. people: also find anyone
    else's name (loads the recogniser on first use, about 1.5 s). markers: give one to every
    call for a project so a person keeps their number across calls; by default the numbers
    hold across these texts. Use this rather than find() in a loop: names are found in batches.
    """
    texts = list(texts)
    if names is None and markers is not None:
        names = markers.names
    found = [_numbers(text, names) for text in texts]
    if people:
        from coprod_lab.privacy.names import find_names  # the recogniser: only when asked

        markers = markers or PersonMarkers(names)
        for own, people_named in zip(found, find_names(texts), strict=True):
            for name in people_named:
                if not any(name.start < f.end and f.start < name.end for f in own):
                    number = markers.number(name.text)
                    own.append(
                        Finding(name.start, name.end, "PERSON", name.text, f"[PERSON {number}]")
                    )
    return [sorted(own, key=lambda f: f.start) for own in found]


def find(
    text: str,
    names: Mapping[str, int] | None = None,
    *,
    people: bool = True,
    markers: PersonMarkers | None = None,
) -> list[Finding]:
    """Every personal detail in `text`, without overlaps, in order (see find_all)."""
    return find_all([text], names, people=people, markers=markers)[0]


def _apply(text: str, findings: list[Finding]) -> Redacted:
    pieces, last = [], 0
    for f in findings:
        pieces += [text[last : f.start], f.placeholder]
        last = f.end
    pieces.append(text[last:])
    return Redacted("".join(pieces), findings)


def redact_all(
    texts: Iterable[str],
    names: Mapping[str, int] | None = None,
    *,
    people: bool = True,
    markers: PersonMarkers | None = None,
) -> list[Redacted]:
    """Each text with every finding replaced by its placeholder, and the findings themselves."""
    texts = list(texts)
    findings = find_all(texts, names, people=people, markers=markers)
    return [_apply(t, f) for t, f in zip(texts, findings, strict=True)]


def redact(
    text: str,
    names: Mapping[str, int] | None = None,
    *,
    people: bool = True,
    markers: PersonMarkers | None = None,
) -> Redacted:
    """`text` with every finding replaced by its placeholder, and the findings themselves."""
    return redact_all([text], names, people=people, markers=markers)[0]
