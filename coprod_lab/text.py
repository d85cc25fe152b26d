"""Offline text basics shared by the plain-English checker and the theme model.

Sentences, words and stems with character offsets, using only what needs no downloaded data:
a sentence splitter tuned for UK health and care writing, and NLTK's Porter stemmer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# A word: letters, joined by apostrophes, hyphens or ampersands inside it
# ("don't", "co-production", "A&E"); the Unicode hyphens some pages use ("end‑of‑life", with
# U+2011, a hyphen that does not break a line) join a word too. Digits are not words.
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’&\-\u2010\u2011](?=[^\W\d_]))*")

# Where a sentence may end: after . ! or ? (and any closing quotes or brackets) and a space;
# at a blank line; or before a line that starts a list item, heading or table row.
_BOUNDARY = re.compile(
    r"[.!?]+[\"')\]’”]*[ \t]+(?=[\"'(\[‘“]?[A-Z0-9])"
    r"|[.!?]+[\"')\]’”]*\s*\n\s*"
    r"|\n[ \t]*\n\s*"
    r"|\n(?=[ \t]*(?:[-*+•]|\d+[.)]|#{1,6}|\|)[ \t])"
    # A full stop typed without its space: "policy.The Board met".
    r"|(?<=[a-z]{2})\.(?=[A-Z][a-z])"
)
# Full stops that do not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "cllr",
        "st",
        "no",
        "vs",
        "etc",
        "eg",
        "ie",
        "e.g",
        "i.e",
        "approx",
        "dept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "tel",
        "fig",
        "cf",
    ]
)

# One to three capitals with full stops between them end a person's initials, not a
# sentence: a sentence seldom ends in a single capital letter ("vitamin C."), but for "I".
_INITIALS = re.compile(r"(?:[A-Z]\.){0,2}[A-Z]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each sentence, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        stop = match.start()
        if text[stop] == ".":
            # "Dr. Patel" and "e.g. this" do not end a sentence.
            before = text[max(start, stop - 6) : stop].rsplit(None, 1)
            if before and before[-1].lower().lstrip("(") in _ABBREVIATIONS:
                continue
            if before and before[-1] != "I" and _INITIALS.fullmatch(before[-1].lstrip("(")):
                continue  # a person's initials: "Cllr K.F. McCaffer", "Ms J. Aviet"
        end = match.end()
        _add_trimmed(text, start, end, spans)
        start = end
    _add_trimmed(text, start, len(text), spans)
    return spans


def _add_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    if text.count("\n", start, end) < _LIST_LINES - 1:
        spans.append((start, end))
        return
    lines = text[start:end].split("\n")
    items = lines[1:] if lines[0].rstrip().endswith(":") else lines  # "Present:" leads in
    if len(items) >= _LIST_LINES and all(_LIST_LINE.match(line) for line in items):
        # Three or more lines, each starting with a capital and none ending a sentence: a
        # list written one item to a line ("Helen WRIGHT - Elected Member"), not one
        # sentence of 97 words.
        for line in lines:
            _add_trimmed(text, start, start + len(line), spans)
            start += len(line) + 1
        return
    spans.append((start, end))


_LIST_LINES = 3
_LIST_LINE = re.compile(r"[ \t]*[A-Z0-9].*[^.!?,;:\s-][ \t]*$")


def words(text: str) -> Iterator[re.Match[str]]:
    """Every word in the text, as a match (so `.start()` and `.end()` give its offsets)."""
    return WORD.finditer(text)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of a lower-case word ("outcomes" -> "outcom"); cached, as text repeats."""
    return _stemmer().stem(word, to_lowercase=False)
