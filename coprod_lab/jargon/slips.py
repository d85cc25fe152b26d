"""Typing slips: a rare word that is one slip of the keys away from a common word.

Real pages keep their typing slips ("fexibility", "infromation", "servce users"). Flagged
as rare words they are false alarms: the writer needs to fix a slip, not find a plainer
word. So a rare word that wordfreq hardly knows, and that one deleted, added, changed or
swapped letter turns into a common word, is reported as a spelling finding instead.

The candidates are Norvig's "edits1" (Peter Norvig, "How to Write a Spelling Corrector",
2007), checked against wordfreq's English list, which the checker has loaded already. We
write these few lines rather than add a spelling library (pyspellchecker, symspellpy): they
would bring a second word list that disagrees with the one our rare-word bands come from.

A missing space glues a short word to the next or the last one ("yearin", "byCouncillor",
"apre-existing", "faceto-face"): a word wordfreq has not seen that splits into such a short
word and a common one is reported as that slip too (`missing_space`). Real words made of two
longer words ("deafblindness", "textphone") are left alone.

Rare but real words must stay rare words: "franking" is one letter from "ranking" and
"chappy" from "happy". So a word wordfreq knows at all (Zipf 1.5 or more) only counts as
a slip in the two ways people most often mistype a word they know: a doubled letter
written once or a single one twice ("accomodate", "focusses", "choses"), or two letters
swapped ("unlikley"). Measured on held out 1 to 4 (BENCHMARKS.md, "Plain English on real
care writing", fourth round).
"""

from __future__ import annotations

import string

from coprod_lab.jargon.rarity import Bands

# A word wordfreq knows less than this (Zipf) is nearly unknown: any one slip counts.
UNKNOWN_BELOW_ZIPF = 1.5
# Up to here, only a doubled or swapped letter counts ("accomodate" has Zipf 2.45).
KNOWN_SLIP_BELOW_ZIPF = 2.6
# The word it was meant to be is this common at least (Zipf), and far commoner than the slip.
INTENDED_FROM_ZIPF = 3.5
_COMMONER_BY = 1.5
_SHORTEST = 5  # short words have too many neighbours to guess from
_LETTERS = string.ascii_lowercase


def typing_slip(word: str, bands: Bands) -> str | None:
    """The common word a rare lower-case word is most likely a typing slip of, or None.

    `word` is one lower-case word as it appears in the text; `bands` gives wordfreq's Zipf
    frequencies. Returns the most common candidate, or None when the word is a real (if
    rare) word, is short, or has no common neighbour one slip away.
    """
    if len(word) < _SHORTEST or not word.isalpha() or not word.isascii():
        return None
    own = bands.zipf(word)
    if own >= KNOWN_SLIP_BELOW_ZIPF:
        return None
    candidates = _doubled_or_swapped(word)
    if own < UNKNOWN_BELOW_ZIPF:
        candidates |= _one_edit(word)
    best, best_zipf = None, max(INTENDED_FROM_ZIPF, own + _COMMONER_BY)
    for candidate in candidates:
        z = bands.zipf(candidate)
        if z >= best_zipf:
            best, best_zipf = candidate, z
    return best


def _doubled_or_swapped(word: str) -> set[str]:
    found = set()
    for i in range(len(word)):
        found.add(word[: i + 1] + word[i] + word[i + 1 :])  # a letter written twice
        if i + 1 < len(word) and word[i] == word[i + 1]:
            found.add(word[:i] + word[i + 1 :])  # a doubled letter written once
        if i + 1 < len(word):
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # two swapped
    found.discard(word)
    return found


def _one_edit(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    changes = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return (deletes | changes | inserts | _doubled_or_swapped(word)) - {word}


# The word a short one is glued to is at least this common (Zipf): "carers" is 3.2.
_GLUED_TO_ZIPF = 3.0
# The short words a missing space most often glues to their neighbour.
_GLUED = frozenset(
    {"a", "an", "and", "as", "at", "be", "by", "for", "in", "is", "it", "of", "on", "or"}
    | {"the", "to", "we", "was", "are", "has", "had", "will", "not", "with", "from", "that"}
    | {"this", "our", "you", "your", "can", "all", "but", "his", "her", "their"}
)


def missing_space(word: str, bands: Bands) -> str | None:
    """The two words a word nobody writes is, with its missing space put back, or None.

    `word` is one lower-case word, perhaps hyphenated ("apre-existing"): its part before the
    first hyphen splits into two short words of `_GLUED` ("inthe"), or is unknown to wordfreq
    (below `UNKNOWN_BELOW_ZIPF`) and splits into a short word of `_GLUED` and a word of Zipf
    `_GLUED_TO_ZIPF` or more, either way round. "yearin" -> "year in", "bycouncillor" ->
    "by councillor", "apre-existing" -> "a pre-existing", "faceto-face" -> "face-to-face".
    """
    head, dash, tail = word.partition("-")
    if len(head) < 3 or not head.isalpha() or not head.isascii():
        return None
    unknown = bands.zipf(head) < UNKNOWN_BELOW_ZIPF
    for i in range(1, len(head)):
        left, right = head[:i], head[i:]
        if left in _GLUED and right in _GLUED:
            return f"{left} {right}{dash}{tail}"  # "inthe", "tothe": typed often enough to count
        if not unknown:
            continue
        # The other word has three letters or more: "indd" is not "in dd".
        if left in _GLUED and len(right) >= 3 and bands.zipf(right) >= _GLUED_TO_ZIPF:
            return f"{left} {right}{dash}{tail}"
        if right in _GLUED and len(left) >= 3 and bands.zipf(left) >= _GLUED_TO_ZIPF:
            # "faceto-face" is "face-to-face": a hyphen was left out, not a space.
            return f"{left}{dash or ' '}{right}{dash}{tail}"
    return None
