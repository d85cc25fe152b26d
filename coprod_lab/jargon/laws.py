"""Names of laws and parts of laws in care writing: "the Children and Families Act 2014",
"the Care and Support (Charging and Assessment of Resources) Regulations", "s.117",
"section 42 enquiry".

Care writing names the law behind a right or a charge, and a reader who draws on care and
support is rarely told what the law does. No glossary can list every Act, so we find a name by
its shape: words with capitals ending in "Act" or "Regulations", with "and", "of", "for",
"in", "on", "to" or a part in brackets between them, and a year after it if there is one; or
by its year alone ("the 2014 Act").
No library we know finds UK law names in running text (spaCy's "LAW" entities need a model
download, which the checker cannot do at run time), hence this module.

A section of a law is found when it is written the lawyers' way ("s.117", "s. 42",
"subsection") or as
"section N" followed by the law it belongs to ("section 117 of the Mental Health Act") or by
what it is known for ("section 117 aftercare", "a section 42 enquiry"), so that "section 3 of
this leaflet" is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME_WORD = r"[A-Z][a-z][\w'’-]*"
_LINK = r"(?:and|of|for|in|on|to|&)"
_LAW_NAME = re.compile(
    rf"\b{_NAME_WORD}(?:(?:,?[ ]+)(?:{_LINK}[ ]+)*(?:{_NAME_WORD}|\([^()\n]{{1,80}}\)))*"
    rf"[ ]+(?P<last>Act|act|Acts|Regulations)\b(?:[ ]+\d{{4}}\b)?"
)
# Words that start a sentence or point at a law already named: "The Act", "This Act".
_NOT_A_NAME = frozenset(
    {"The", "This", "That", "These", "Those", "An", "A", "Each", "Every", "Any", "Our", "Your"}
)
_SECTION = re.compile(
    r"\b[sS]\.[ ]?\d{1,3}[A-Z]?\b"
    r"|\b[Ss]ub-?sections?\b"
    r"|(?<=detained under )[Ss]ection[ ]+\d{1,3}[A-Z]?\b(?:[ ]+or[ ]+[Ss]ection[ ]+\d{1,3}\b)?"
    r"|\b[Ss]ections?[ ]+\d{1,3}[A-Z]?(?:(?:,|[ ]or|[ ]and)[ ]+\d{1,3}[A-Z]?)*\b"
    r"(?=[ ]+(?:of[ ]+the[ ]+[^.\n]{0,60}?\bAct\b|of[ ]+the[ ]+M[HC]A\b"
    r"|after[ -]?care|enquir|assessment|detention|duty|order|notice|of[ ]+the[ ]+Act))"
)


# A law named by its year once its full name has been given, or as readers are expected to
# know it: "the 2014 Act".
_YEAR_ACT = re.compile(r"\b(?:1[89]|20)\d\d[ ]+Act\b")

_LONGEST_NAME = 240  # characters: "Care and Support (Charging and Assessment of Resources) ..."
# Cheap hints, found with plain string search, so that the patterns above run only near them:
# run from every capital of a million words, they took most of the check's extra time.
_LAST_WORDS = ("Act", "act", "Regulations")
_SECTION_HINT = re.compile(r"[sS]\.[ ]?\d|ection")


def _positions(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _law_name_matches(text: str) -> list[re.Match[str]]:
    """`_LAW_NAME` matches, found by looking back from each "Act" or "Regulations" only."""
    matches: list[re.Match[str]] = []
    ends = sorted(p for word in _LAST_WORDS for p in _positions(text, word))
    for end in ends:
        if matches and end < matches[-1].end():
            continue
        window = max(0, end - _LONGEST_NAME)
        for m in _LAW_NAME.finditer(text, window, min(len(text), end + 20)):
            if m.start("last") == end:
                matches.append(m)
                break
    return matches


def _section_matches(text: str) -> list[re.Match[str]]:
    """`_SECTION` matches, tried only where a hint is ("s.1", "section", "subsection")."""
    matches: list[re.Match[str]] = []
    for hint in _SECTION_HINT.finditer(text):
        start = max(0, hint.start() - 4)
        for m in _SECTION.finditer(text, start, min(len(text), hint.end() + 120)):
            if (not matches or m.start() >= matches[-1].end()) and m.start() <= hint.start():
                matches.append(m)
    return matches


@dataclass(frozen=True)
class LawName:
    """A law, or a section of one, as written in a text: character offsets (end exclusive)."""

    start: int
    end: int
    text: str
    section: bool  # a numbered part of a law ("s.117"), not a law's name


def law_names(text: str) -> list[LawName]:
    """Every law name and section reference in the text, in order, none overlapping.

    "The Equality Act 2010" gives "Equality Act 2010"; "act" in lower case counts only after
    two or more words with capitals ("the Mental Health act"), so that "Please act" and "The
    Act" are not names.
    """
    found: list[LawName] = []
    for m in _law_name_matches(text):
        start = m.start()
        first = m.group().split(" ", 1)[0]
        while first in _NOT_A_NAME:
            rest = re.match(r"\S+[ ]+", text[start : m.end()])
            if rest is None:
                break
            start += rest.end()
            first = text[start : m.end()].split(" ", 1)[0]
        words = text[start : m.start("last")].split()
        capitals = [w for w in words if w[0].isupper()]
        if not capitals or (m.group("last") == "act" and len(capitals) < 2):
            continue
        if m.group("last") == "act" and "," in text[start : m.end()]:
            continue  # "Leeds, Bradford and Wakefield act together": a list of places
        found.append(LawName(start, m.end(), text[start : m.end()], False))
    for m in _section_matches(text):
        if not any(f.start <= m.start() < f.end for f in found):
            found.append(LawName(m.start(), m.end(), m.group(), True))
    if " Act" in text:
        for m in _YEAR_ACT.finditer(text):
            if not any(f.start <= m.start() < f.end for f in found):
                found.append(LawName(m.start(), m.end(), m.group(), False))
    return sorted(found, key=lambda f: f.start)
