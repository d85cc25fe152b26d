"""Word and phrase search with stems, over many texts quickly.

NLTK's Snowball English stemmer (Porter 2) decides which words match; stemming every word of
100 hours of talk for each query would take seconds, so a regular expression first keeps only
the texts holding a word that could have the query's stem, and only those are stemmed. The
filter is safe because an English Snowball stem is the start of its word apart from the last
letter and y/i (happy -> happi, dying -> die); tests check this over a word list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from coprod_lab.errors import CoprodLabError

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Snowball English stem of one word, in lower case ("Supporting" -> "support")."""
    return _stemmer().stem(word.lower().replace("’", "'"))


def parse(query: str) -> list[list[str]]:
    """A query as its terms, each a list of words: "quoted phrases" stay together."""
    terms: list[list[str]] = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        words = _WORD.findall(phrase if phrase else word)
        if words:
            terms.append(words)
    if not terms:
        raise CoprodLabError('Type a word or a "phrase" to search for.')
    return terms


def _prefilter(word: str, stems: bool) -> str:
    if not stems:
        return r"\b" + re.escape(word) + r"\b"
    start = stem(word)[:-1] if len(stem(word)) > 1 else stem(word)
    start = start if start else word.lower()[:len(start)]
    return r"\b" + "".join("[iy]" if c in "iy" else re.escape(c) for c in start)


def find_in(
    texts: Sequence[str], query: str, *, stems: bool = True
) -> list[tuple[int, list[tuple[int, int]]]]:
    """The texts (by position) holding every term of the query, with the (start, end)
    characters of each match. Case is ignored; with stems, words match on their stems."""
    terms = parse(query)
    filters = [re.compile(_prefilter(t[0], stems), re.IGNORECASE) for t in terms]
    keys = [[stem(w) if stems else w.lower() for w in t] for t in terms]
    found: list[tuple[int, list[tuple[int, int]]]] = []
    for i, text in enumerate(texts):
        if not all(f.search(text) for f in filters):
            continue
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        seen = [stem(w) if stems else w.lower() for _, _, w in words]
        spans: list[tuple[int, int]] = []
        for key in keys:
            here = [
                (words[j][0], words[j + len(key) - 1][1])
                for j in range(len(seen) - len(key) + 1)
                if seen[j : j + len(key)] == key
            ]
            if not here:
                break
            spans += here
        else:
            found.append((i, sorted(spans)))
    return found
