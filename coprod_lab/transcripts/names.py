"""Does a piece of text look like a person's name or a speaker's label, and whose initials
are these? Shared by the readers so they agree on what marks a turn.

Written here because no PyPI package answers this narrow question (name-parsing libraries such
as nameparser split a name that is known to be one; they do not say whether a line's first
words are a label or the start of a sentence).
"""

from __future__ import annotations

import re

# Small words that sit inside names ("Mary de Souza", "Ali bin Omar") without a capital.
PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "bin",
        "bint",
        "al",
        "el",
        "ibn",
        "ap",
        "of",
        "the",
        "and",
    ]
)
# Words before a name that are not part of a person's initials.
HONORIFICS = frozenset(
    [
        "professor",
        "prof",
        "dr",
        "doctor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "dame",
        "lord",
        "lady",
        "cllr",
        "councillor",
        "rev",
        "reverend",
        "judge",
        "justice",
        "hon",
    ]
)
# Labels in "Label: value" lines at the top of a file that describe the file, not a speaker.
METADATA_LABELS = frozenset(
    [
        "title",
        "date",
        "time",
        "location",
        "place",
        "venue",
        "duration",
        "recorded",
        "recording",
        "length",
        "present",
        "attendees",
        "apologies",
        "subject",
        "topic",
        "source",
        "transcript",
        "transcribed",
        "transcription",
        "file",
        "episode",
        "series",
        "host",
        "hosts",
        "guest",
        "guests",
        "speakers",
        "participants",
        "keywords",
        "tags",
        "url",
        "link",
        "description",
        "summary",
        "language",
        "created",
    ]
)
# Words that start sentences before a colon ("And:", "Then:", "Secondly:") and are never a
# speaker's whole name. Met on real inquiry transcripts, where "And:" introduces a quotation.
NOT_NAMES = frozenset(
    [
        "and",
        "then",
        "so",
        "but",
        "or",
        "also",
        "yes",
        "no",
        "well",
        "now",
        "here",
        "there",
        "to",
        "you",
        "firstly",
        "secondly",
        "thirdly",
        "finally",
        "however",
        "because",
        "example",
        "note",
        "notes",
        "response",
        "one",
        "two",
        "three",
        "four",
        "five",
        "first",
        "second",
        "third",
        "i",
        "we",
        "they",
        "he",
        "she",
        "it",
        "this",
        "that",
        "these",
        "those",
        "if",
        "when",
        "why",
        "what",
        "how",
        "where",
        "who",
    ]
)
# A word of a name, or a number with at most one letter ("Speaker 2", "Lead 2A").
_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$|^\d{1,3}[^\W\d_]?$")
_TAG = re.compile(r"\s*\([^()]{1,40}\)")


def is_name_like(text: str, *, max_words: int = 6) -> bool:
    """True when `text` reads as a name or a speaker's label: 1 to `max_words` words of
    letters (with ' . -), each starting with a capital or a digit, except small name words
    ("de", "van") between them. Bracketed tags such as "(External)" are allowed at the end."""
    words = _TAG.sub("", text).split()
    if not words or len(words) > max_words or " ".join(words).lower() in NOT_NAMES:
        return False
    if not all(_WORD.match(word) for word in words):
        return False
    if not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in PARTICLES for w in words[1:])


def initials(name: str) -> str:
    """A name's initials as transcripts mark them: first letters of the first and the last
    word, leaving out honorifics and bracketed tags ("Professor Pat Fox" -> "PF")."""
    words = [w for w in _TAG.sub("", name).replace(".", " ").split() if w[:1].isalpha()]
    words = [w for w in words if w.lower() not in HONORIFICS and w.lower() not in PARTICLES]
    if not words:
        return ""
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


def names_in(text: str) -> list[str]:
    """Two- or three-word capitalised runs in running text ("joined by Jack Muir")."""
    found = re.findall(r"\b([A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){1,2})\b", text)
    return [name for name in found if name.split()[0].lower() not in HONORIFICS | {"the"}]
