"""The words a theme is labelled with: real words and phrases, grouped by stem, without stopwords.

NLTK's English stopwords (shipped in data/nltk_data, read without `nltk.download`) and the
fillers of speech are left out; pairs of words that go together more often than chance
(NLTK's bigram collocations, by likelihood ratio) count as one phrase ("waiting time").
Words are grouped by Porter stem so "nurse" and "nurses" count together, and each group is shown
as the spelling people used most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
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


def _content(word: str) -> bool:
    return len(word) >= MIN_WORD_LENGTH and word not in stopwords()


class Vocabulary:
    """Terms (stem groups of words and collocated pairs) found in a set of texts."""

    def __init__(self, texts: Sequence[str], *, max_phrases: int = 300) -> None:
        self.documents = [tokens(t) for t in texts]
        self.phrases = _collocations(self.documents, max_phrases)
        self._spellings: dict[str, Counter[str]] = {}
        self.terms = [self._terms(doc) for doc in self.documents]

    def spelling(self, key: str) -> str:
        """The way people most often wrote a term."""
        return self._spellings[key].most_common(1)[0][0]

    def _terms(self, doc: list[str]) -> list[str]:
        keys: list[str] = []
        for i, word in enumerate(doc):
            if _content(word):
                keys.append(self._note(stem(word), word))
            if i + 1 < len(doc) and (word, doc[i + 1]) in self.phrases:
                pair = (word, doc[i + 1])
                keys.append(self._note(f"{stem(pair[0])} {stem(pair[1])}", " ".join(pair)))
        return keys

    def _note(self, key: str, spelling: str) -> str:
        self._spellings.setdefault(key, Counter())[spelling] += 1
        return key


def _collocations(documents: list[list[str]], limit: int) -> frozenset[tuple[str, str]]:
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    finder = BigramCollocationFinder.from_documents(documents)
    # A phrase must recur: at least 3 times, or once in 2,000 texts for large sets.
    finder.apply_freq_filter(max(3, len(documents) // 2000))
    finder.apply_word_filter(lambda w: not _content(w))
    return frozenset(finder.nbest(BigramAssocMeasures.likelihood_ratio, limit))
