"""How common a word is in everyday English, as the De-Jargonizer measures it.

Rakedzon et al. (2017) sort words into common, mid-frequency and rare by how often they
appear in a large everyday corpus, and score a text 100 - (0.5 * mid + rare) * 100 / words.
We use wordfreq's English frequencies, which ship inside the package (no download), on the
Zipf scale (log10 of uses per billion words). The two lines between the bands are settings.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from coprod_lab.config import setting

COMMON, MID, RARE = "common", "mid", "rare"
READER_TARGET_RARE_SHARE = 0.02  # De-Jargonizer: a general reader copes with 2% rare words


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="best")


def zipf(word: str) -> float:
    """The Zipf frequency of a lower-case word (0 when wordfreq has never seen it)."""
    freq = _frequencies().get(word, 0.0)
    return round(math.log10(freq * 1e9), 2) if freq > 0 else 0.0


class Bands:
    """Sorts lower-case words into common, mid or rare, remembering each answer."""

    def __init__(self, rare_below: float | None = None, common_from: float | None = None) -> None:
        rare_below = setting("rare_below_zipf") if rare_below is None else rare_below
        common_from = setting("common_from_zipf") if common_from is None else common_from
        self.rare_below, self.common_from = rare_below, common_from
        self._freq = _frequencies()
        self._mid_from = 10 ** (rare_below - 9)
        self._common_from = 10 ** (common_from - 9)
        self._cache: dict[str, str] = {}

    def zipf(self, word: str) -> float:
        """The word's Zipf frequency, its American twin's uses counted too (`_us_spelling`)."""
        freq = self._freq.get(word, 0.0)
        twin = _us_spelling(word) if "-" not in word and "'" not in word else word
        if twin != word:
            freq += self._freq.get(twin, 0.0)
        return math.log10(freq * 1e9) if freq > 0 else 0.0

    def band(self, word: str) -> str:
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._band(word)
        return found

    def _band(self, word: str) -> str:
        freq = self._freq.get(word)
        if "'" in word:
            # "people's", "carer's": judge the word, not the ending.
            base = self._freq.get(word.split("'", 1)[0])
            if base is not None:
                freq = max(freq or 0.0, base)
        if "-" not in word and "'" not in word:
            twin = _us_spelling(word)
            if twin != word and twin in self._freq:
                # wordfreq's English is mostly American: "penalised" is as known as
                # "penalized", so the word's uses are counted in both spellings.
                freq = (freq or 0.0) + self._freq[twin]
            # An ending does not make a word rarer: "destinies" is as common as "destiny".
            for base in _bases(word, self._freq):
                base_freq = self._freq.get(base)
                if base_freq is not None and twin != word:
                    base_freq += self._freq.get(_us_spelling(base), 0.0)
                if base_freq is not None and base_freq > (freq or 0.0):
                    freq = base_freq
        if freq is None and "-" in word:
            # A hyphenated word is as rare as its rarest part.
            parts = [self._band(p) for p in word.split("-") if p]
            return max(parts, key=(COMMON, MID, RARE).index) if parts else RARE
        if freq is None:
            return RARE
        if freq >= self._common_from:
            return COMMON
        return MID if freq >= self._mid_from else RARE


# UK spellings that differ from American ones only in a regular way, not in a word's Greek or
# Latin roots ("anaemia", "paediatric" are left as they are: their American forms are medical
# words too, and the rarity of the UK form is no mistake for a reader here).
_UK_TO_US = (
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})our(s|ed|ing|ite|ites|able|ful|less)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"(?<=[a-z]{3})tre(s)?$"), r"ter\1"),
)


# The endings the patterns above can change, for a quick test first: the slip finder asks for
# the frequency of thousands of made-up words, and most words end in none of these.
_UK_ENDINGS = tuple(
    f"{stem}{end}"
    for stem, ends in (
        ("is", ("e", "es", "ed", "ing", "ation", "ations", "er", "ers")),
        ("our", ("", "s", "ed", "ing", "ite", "ites", "able", "ful", "less")),
        ("ll", ("ed", "ing", "er", "ers")),
        ("tre", ("", "s")),
    )
    for end in ends
)


def _us_spelling(word: str) -> str:
    """The American spelling of a UK word ("organised" -> "organized", "behaviours" ->
    "behaviors", "travelled" -> "traveled", "décor" -> "decor"), or the word itself."""
    if word.isascii():
        if not word.endswith(_UK_ENDINGS):
            return word
        plain = word
    else:
        plain = unicodedata.normalize("NFKD", word)
        plain = "".join(c for c in plain if not unicodedata.combining(c))
    for pattern, repl in _UK_TO_US:
        changed = pattern.sub(repl, plain)
        if changed != plain:
            return changed
    return plain


# Parts that make a new word out of an everyday one without making it hard to read:
# "unstaffed", "misrepresents", "intercity"; "contactable", "flexibly", "socialise".
_PREFIXES = ("un", "non", "mis", "re", "pre", "over", "under", "out", "inter", "self", "co", "sub")
_SUFFIXES = (
    ("ly", ""),
    ("ily", "y"),
    ("ibly", "ible"),
    ("ably", "able"),
    ("able", ""),
    ("able", "e"),
    ("ness", ""),
    ("ise", ""),
    ("ised", ""),
    ("ising", ""),
    ("ize", ""),
    ("ful", ""),
    ("less", ""),
    ("er", ""),
    ("ers", ""),
)
# Each half of a compound must be this common (Zipf): "foodbanks", "timescales", "changeover".
_COMPOUND_PART_ZIPF = 4.5


def made_of_everyday_parts(word: str, bands: Bands) -> bool:
    """Whether a lower-case word is an everyday word with a common prefix or ending, or two
    everyday words run together, so a reader can work it out even though the whole word is
    rare: "unstaffed", "contactable", "foodbanks". Hyphenated words are judged by their parts
    already (see `Bands`). Measured on the development set of real care writing
    (BENCHMARKS.md): it drops rare-word alarms that overlap no mark, and no marked term."""

    def everyday(part: str) -> bool:
        return len(part) >= 3 and bands.band(part) == COMMON

    if "-" in word or "'" in word:
        return False
    if any(word.startswith(p) and everyday(word[len(p) :]) for p in _PREFIXES):
        return True
    if any(word.endswith(s) and everyday(word[: -len(s)] + add) for s, add in _SUFFIXES):
        return True
    return any(
        everyday(word[:i])
        and everyday(word[i:])
        and min(bands.zipf(word[:i]), bands.zipf(word[i:])) >= _COMPOUND_PART_ZIPF
        for i in range(3, len(word) - 2)
    )


# A formal word: less common than this (Zipf) and with a Latin or French ending. Plain-English
# guides (the Plain English Campaign's A to Z of alternative words, the GOV.UK style guide) ask
# for the everyday word over the formal one ("irrespective", "expenditure", "proportionate");
# no free list names them all, so the ending and the frequency find them. The line and the
# endings were chosen on five labelled sets of real care writing (BENCHMARKS.md): at Zipf 3.5
# they found 13 more hand-marked words and raised 6 more false alarms in 29,000 words.
FORMAL_BELOW_ZIPF = 3.5
_FORMAL_ENDINGS = (
    "tion",
    "sion",
    "ure",
    "ity",
    "ence",
    "ance",
    "ive",
    "ial",
    "ous",
    "ate",
    "ment",
    "ible",
    "al",
    "ic",
)
# Endings that turn a word into another of the same family: a reader who knows "organisation"
# or "delete" reads "organisational" and "deletion".
_FAMILY_ENDINGS = (
    ("ational", "ation"),
    ("al", ""),
    ("ment", ""),
    ("ation", ""),
    ("ation", "e"),
    ("ion", "e"),
    ("ion", ""),
)


PATIENTS_WORDS_CSV = Path(__file__).resolve().parents[2] / "data/plain-english/patients-words.csv"


@lru_cache(maxsize=1)
def patients_words() -> frozenset[str]:
    """Words two or more NHS patients wrote in their own Friends and Family Test comments
    (`scripts/build_patients_words` says where from): people's own words, not formal ones."""
    with PATIENTS_WORDS_CSV.open(encoding="utf-8") as f:
        written = [row["word"] for row in csv.DictReader(f)]
    # A word and the word it is a form of: "deteriorated" stands for "deteriorate" and so for
    # "deteriorates" and "deteriorating".
    freq = _frequencies()
    return frozenset(written) | {b for w in written for b in _bases(w, freq) if b in freq}


def _forms(word: str, bands: Bands) -> list[str]:
    """The word and the words it may be a form of; only bases that are words ("hospices" is
    "hospice", not "hospic")."""
    return [word, *(b for b in _bases(word, bands._freq) if b in bands._freq)]


def may_be_formal(word: str, bands: Bands) -> bool:
    """Whether a lower-case word is mid-frequency, below `FORMAL_BELOW_ZIPF` with its endings
    (as `Bands` judges it) and has a Latin or French ending: the words `is_formal` judges."""
    if "-" in word or "'" in word or bands.band(word) != MID:
        return False
    forms = _forms(word, bands)
    if max(bands.zipf(f) for f in forms) >= FORMAL_BELOW_ZIPF:
        return False
    return any(f.endswith(_FORMAL_ENDINGS) for f in forms)


def known_wording(words: Iterable[str], bands: Bands) -> bool:
    """Whether a long-winded phrase is made only of everyday words (the common band, in their
    commonest form): "in relation to", "for the purpose of", "joint working". A reader knows
    each word; the phrase is only longer than it need be, a tip for the writer rather than
    words a reader stumbles on. "pursuant to", "notify" and "thereof" have a word below the
    common band. The line is the De-Jargonizer's, the one the glossary already uses to leave
    out single everyday words ("provide", "requirement")."""
    found = False
    for word in words:
        found = True
        if bands.band(word) != COMMON:
            return False
    return found


def is_formal(word: str, bands: Bands) -> bool:
    """Whether a lower-case word is a formal word: one `may_be_formal` picks that is not an
    everyday word's relative ("organisational", "deletion") and that patients do not write
    in their own comments ("attentive", "courteous": `patients_words`)."""
    if not may_be_formal(word, bands):
        return False
    forms = _forms(word, bands)
    if any(f in patients_words() for f in forms):
        return False  # "deteriorating": patients wrote "deteriorated"
    if made_of_everyday_parts(word, bands):
        return False  # "repayments": "re" and "payments"
    for form in forms:
        for ending, add in _FAMILY_ENDINGS:
            if form.endswith(ending) and bands.band(form[: -len(ending)] + add) == COMMON:
                return False
    return True


def _bases(word: str, known: dict[str, float] | None = None) -> list[str]:
    """Words this one may be an inflection of: "policed" -> "police", "destinies" -> "destiny".

    When a base ending in "e" is a word (`known`), the shorter base is not tried: the base of
    "synthesising" is "synthesise", not the commoner noun "synthesis", which would make a rare
    word look everyday.
    """
    found = []
    if word.endswith("ies") and len(word) > 4:
        found.append(word[:-3] + "y")
    if word.endswith("ied") and len(word) > 4:
        found.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 4:
        found.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        found.append(word[:-1])
    if word.endswith("ed") and len(word) > 4:
        found += _stem_or_e(word[:-2], known)
    if word.endswith("ing") and len(word) > 5:
        found += _stem_or_e(word[:-3], known)
    return found


def _stem_or_e(bare: str, known: dict[str, float] | None) -> list[str]:
    with_e = bare + "e"
    if known is not None and with_e in known:
        return [with_e]
    return [bare, with_e]


def dejargonizer_score(words: int, mid: int, rare: int) -> float:
    """100 - (0.5 * mid + rare) * 100 / words, as in Rakedzon et al. (2017)."""
    if words == 0:
        return 100.0
    return round(100 - (0.5 * mid + rare) * 100 / words, 1)
