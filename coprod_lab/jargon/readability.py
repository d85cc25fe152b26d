"""Readability: Flesch reading ease, sentence length, passive voice and UK spelling.

Flesch reading ease is 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words);
60 to 70 is plain English, higher is easier. Syllables are counted by a rule of thumb
(groups of vowels, less a silent final e), which is what most readability tools do.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

SPELLINGS_CSV = Path(__file__).resolve().parents[2] / "data" / "plain-english" / "uk-spellings.csv"
AIM_SENTENCE_WORDS = (15, 20)

_VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=100_000)
def syllables(word: str) -> int:
    """A rule-of-thumb syllable count for a lower-case word."""
    w = word.lower().strip("'’")
    count = len(_VOWELS.findall(w))
    if count > 1 and w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        count -= 1  # silent e: "care", "home"
    elif count > 1 and w.endswith("ed") and not w.endswith(("ted", "ded")):
        count -= 1  # "asked", "helped"
    return max(1, count)


def flesch_reading_ease(words: int, sentences: int, syllable_total: int) -> float:
    if words == 0 or sentences == 0:
        return 100.0
    return round(206.835 - 1.015 * words / sentences - 84.6 * syllable_total / words, 1)


def flesch_band(score: float) -> str:
    """What a Flesch score means, in plain words."""
    if score >= 80:
        return "very easy to read"
    if score >= 60:
        return "plain English"
    if score >= 50:
        return "fairly hard to read"
    if score >= 30:
        return "hard to read"
    return "very hard to read"


# A form of "to be", maybe an adverb, then a past participle: "was given", "are being
# asked", "is fully funded". A hint, not a verdict: "is tired" is not passive.
BE_FORMS = frozenset(
    [
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
    ]
)
_IRREGULAR = frozenset(
    [
        "been",
        "begun",
        "bought",
        "brought",
        "built",
        "caught",
        "chosen",
        "come",
        "done",
        "drawn",
        "driven",
        "eaten",
        "fallen",
        "felt",
        "found",
        "forgotten",
        "given",
        "gone",
        "grown",
        "heard",
        "held",
        "hidden",
        "hurt",
        "kept",
        "known",
        "laid",
        "led",
        "left",
        "lent",
        "lost",
        "made",
        "meant",
        "met",
        "paid",
        "put",
        "read",
        "run",
        "said",
        "seen",
        "sent",
        "set",
        "shown",
        "shut",
        "sold",
        "spent",
        "spoken",
        "stolen",
        "struck",
        "sung",
        "taken",
        "taught",
        "told",
        "thought",
        "thrown",
        "understood",
        "won",
        "worn",
        "written",
    ]
)


def is_participle(word: str) -> bool:
    return word in _IRREGULAR or (len(word) > 4 and word.endswith("ed"))


@lru_cache(maxsize=1)
def us_to_uk() -> dict[str, str]:
    """American spellings and their UK forms, from data/plain-english/uk-spellings.csv."""
    with SPELLINGS_CSV.open(encoding="utf-8") as f:
        return {row["us"]: row["uk"] for row in csv.DictReader(f)}


# -ize words whose -ise form is the UK one; these few keep their z.
_KEEP_Z = frozenset(
    [
        "size",
        "sizes",
        "sized",
        "seize",
        "seized",
        "seizes",
        "prize",
        "prizes",
        "capsize",
        "resize",
        "resized",
        "downsize",
        "downsized",
        "oversize",
        "oversized",
        "bronze",
    ]
)
_IZE = re.compile(r"(.{3,})iz(e|es|ed|ing|ation|ations|er|ers)$")


@lru_cache(maxsize=100_000)
def uk_spelling(word: str) -> str | None:
    """The UK spelling of an American-spelled lower-case word, or None if it is fine."""
    listed = us_to_uk().get(word)
    if listed:
        return listed
    if word in _KEEP_Z:
        return None
    m = _IZE.match(word)
    if m:
        return f"{m.group(1)}is{m.group(2)}"
    return None
