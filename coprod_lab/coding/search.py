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
    """A pattern for the words that could match `word`: with stems, the stem's start (all but
    its last letter, i and y alike); without, the word itself. Not preceded by a letter."""
    if not stems:
        return r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])"
    root = stem(word)
    start = root[:-1] if len(root) > 1 else root
    return r"(?<![^\W_])" + "".join("[iy]" if c in "iy" else re.escape(c) for c in start)


def find_in(
    texts: Sequence[str], query: str, *, stems: bool = True
) -> list[tuple[int, list[tuple[int, int]]]]:
    """The texts (by position) holding every term of the query, with the (start, end)
    characters of each match. Case is ignored; with stems, words match on their stems."""
    terms = parse(query)
    keys = [[stem(w) if stems else w.lower() for w in t] for t in terms]
    # Each candidate is the whole word starting where the filter matched.
    filters = [
        re.compile(_prefilter(t[0], stems) + r"[^\W_]*(?:['’][^\W_]+)*", re.IGNORECASE)
        for t in terms
    ]

    def same(word: str, key: str) -> bool:
        return (stem(word) if stems else word.lower()) == key

    found: list[tuple[int, list[tuple[int, int]]]] = []
    for i, text in enumerate(texts):
        spans: list[tuple[int, int]] = []
        for key, candidates in zip(keys, filters, strict=True):
            here = []
            for m in candidates.finditer(text):
                if not same(m.group(), key[0]):
                    continue
                end, following = m.end(), _WORD.finditer(text, m.end())
                for want in key[1:]:
                    nxt = next(following, None)
                    if nxt is None or not same(nxt.group(), want):
                        break
                    end = nxt.end()
                else:
                    here.append((m.start(), end))
            if not here:
                break
            spans += here
        else:
            found.append((i, sorted(spans)))
    return found
