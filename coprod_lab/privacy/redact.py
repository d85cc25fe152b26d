"""Redaction before analysis: personal details in what people said become placeholders.

    redacted = redact("Call me on 07700 900123, I'm Dev Morgan.", names={"Dev Morgan": 1})
    redacted.text  ->  "Call me on [PHONE], I'm [PERSON 1]."
    redacted.key   ->  the placeholders with what they replaced: keep it apart from the text

What is found: email addresses, UK phone numbers, NHS numbers (ten digits that pass the
Modulus 11 check; numbers that fail it are left alone), National Insurance numbers, UK
postcodes, dates of birth (a date said with "born", "date of birth" or "DOB" before it), and
the names of the project's participants (whole names, and each part of a name on its own).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

EMAIL = re.compile(r"\b[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")

# Ten digits, in the 3-3-4 groups NHS numbers are written in, or run together.
NHS_CANDIDATE = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])")

# UK numbers: +44 or 0, then 9 or 10 more digits in the usual groupings.
PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)"
    r"(?:\d[\s-]?){8,9}\d\b"
    r"|(?<![\w+])\(0\d{2,4}\)\s?\d{3,4}[\s-]?\d{3,4}\b"
)

# National Insurance: two letters (not D, F, I, Q, U or V; not O second; not the reserved
# pairs), six digits, then A to D.
NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
    re.IGNORECASE,  # people type them in lower case too
)

POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:[A-HK-Y]?\d[A-Z\d]?|\d[A-HJKPSTUW])\s?\d[ABD-HJLNP-UW-Z]{2})\b"
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
    start: int
    end: int
    kind: str  # EMAIL, PHONE, NHS_NUMBER, NI_NUMBER, POSTCODE, DATE_OF_BIRTH, PERSON
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


def _names_pattern(names: Mapping[str, int]) -> tuple[re.Pattern | None, dict[str, int]]:
    # Whole names first, then each part of at least two letters, longest first, so
    # "Dev Morgan" is one [PERSON 1] rather than two.
    parts: dict[str, int] = {}
    for name, number in names.items():
        parts[name.strip()] = number
    for name, number in names.items():
        for part in re.split(r"\s+", name.strip()):
            if len(part) >= 2 and part not in parts:
                parts[part] = number
    if not parts:
        return None, parts
    alternatives = sorted(parts, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w'])(?:" + "|".join(map(re.escape, alternatives)) + r")(?:'s)?(?![\w])"
    )
    return pattern, parts


def find(text: str, names: Mapping[str, int] | None = None) -> list[Finding]:
    """Every personal detail in `text`, without overlaps, in order."""
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
    for match in PHONE.finditer(text):
        add(match.start(), match.end(), "PHONE", "[PHONE]")
    for match in POSTCODE.finditer(text):
        add(match.start(), match.end(), "POSTCODE", "[POSTCODE]")
    for cue in BIRTH.finditer(text):
        date = DATE.search(text, cue.end(), cue.end() + BIRTH_REACH + 30)
        if date and date.start() - cue.end() <= BIRTH_REACH:
            add(date.start(), date.end(), "DATE_OF_BIRTH", "[DATE OF BIRTH]")
    if names:
        pattern, parts = _names_pattern(names)
        if pattern:
            for match in pattern.finditer(text):
                word = match.group(0)
                base = word[:-2] if word.endswith("'s") and word not in parts else word
                end = match.start() + len(base)
                add(match.start(), end, "PERSON", f"[PERSON {parts[base]}]")
    return sorted(found, key=lambda f: f.start)


def redact(text: str, names: Mapping[str, int] | None = None) -> Redacted:
    """`text` with every finding replaced by its placeholder, and the findings themselves."""
    findings = find(text, names)
    pieces, last = [], 0
    for f in findings:
        pieces += [text[last : f.start], f.placeholder]
        last = f.end
    pieces.append(text[last:])
    return Redacted("".join(pieces), findings)
