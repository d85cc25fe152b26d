"""The words a theme is labelled with: real words and phrases, grouped by stem, without stopwords.

NLTK's English stopwords (shipped in data/nltk_data, read without `nltk.download`) and the
fillers of speech are left out; pairs of words that go together more often than chance
(NLTK's bigram collocations, by likelihood ratio) count as one phrase ("waiting time").
Words are grouped by Porter stem so "nurse" and "nurses" count together, and each group is shown
as the spelling people used most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from coprod_lab.text import stem, words

NLTK_DATA = Path(__file__).resolve().parents[2] / "data" / "nltk_data"
MIN_WORD_LENGTH = 3


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    import nltk

    # NLTK looks in data/nltk_data as in any of its own data folders.
    if str(NLTK_DATA) not in nltk.data.path:
        nltk.data.path.append(str(NLTK_DATA))
    from nltk.corpus import stopwords as nltk_stopwords

    listed = set(nltk_stopwords.words("english")) | set(nltk_stopwords.words("spoken"))
    # "couldn't" is listed; the word pattern also meets it with a curly apostrophe.
    return frozenset(listed | {w.replace("'", "’") for w in listed})


def tokens(text: str) -> list[str]:
    """Lower-case words of a text, in order (stopwords kept: collocations need them)."""
    return [m.group().lower() for m in words(text)]


def _content(word: str, ignore: frozenset[str] = frozenset()) -> bool:
    # "i'd", "that's": a contraction of a stopword is a stopword, listed or not.
    root = word.replace("’", "'").split("'")[0]
    return (
        len(word) >= MIN_WORD_LENGTH
        and word not in stopwords()
        and root not in stopwords()
        and word not in ignore
        and root not in ignore
    )


class Vocabulary:
    """Terms (stem groups of words and collocated pairs) found in a set of texts."""

    def __init__(
        self, texts: Sequence[str], *, max_phrases: int = 300, ignore: frozenset[str] = frozenset()
    ) -> None:
        """`ignore`: more words that never become terms (talk.py's words of talk itself)."""
        self.ignore = ignore
        self.documents = [tokens(t) for t in texts]
        self.phrases = _collocations(self.documents, max_phrases)
        # Each text's terms as (stem key, the words as written), in order.
        self.written = [self._terms(doc) for doc in self.documents]
        self.terms = [[key for key, _ in found] for found in self.written]

    def spellings(self, rows: Iterable[int]) -> dict[str, str]:
        """For each term in these texts, the way they most often wrote it."""
        seen: dict[str, Counter[str]] = {}
        for row in rows:
            for key, spelling in self.written[row]:
                seen.setdefault(key, Counter())[spelling] += 1
        return {key: c.most_common(1)[0][0] for key, c in seen.items()}

    def _terms(self, doc: list[str]) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for i, word in enumerate(doc):
            if _content(word, self.ignore):
                found.append((stem(word), word))
            if (
                i + 1 < len(doc)
                and (word, doc[i + 1]) in self.phrases
                and _content(word, self.ignore)
                and _content(doc[i + 1], self.ignore)
            ):
                found.append((f"{stem(word)} {stem(doc[i + 1])}", f"{word} {doc[i + 1]}"))
        return found


def _collocations(documents: list[list[str]], limit: int) -> frozenset[tuple[str, str]]:
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    finder = BigramCollocationFinder.from_documents(documents)
    # A phrase must recur: at least 3 times, or once in 2,000 texts for large sets.
    finder.apply_freq_filter(max(3, len(documents) // 2000))
    finder.apply_word_filter(lambda w: not _content(w))
    return frozenset(finder.nbest(BigramAssocMeasures.likelihood_ratio, limit))
