"""Acronyms: find them, and tell whether each was spelled out the first time it was used.

An acronym is a word of two or more letters in capitals (NHS, CQUIN, A&E), or a word that
starts with a capital and has at least as many capitals as small letters (DToC, PbR, LeDeR).
A plural "s" is not part of it (GPs, ICBs). A long, common word in capitals is emphasis,
not an acronym ("please do NOT ring"), unless the glossary knows it (SMART, NICE).
"""

from __future__ import annotations

import re

# The only all-capitals words people write that are never worth a second look.
NEVER_FLAGGED = frozenset({"OK", "I"})
# Small words a spelled-out name may skip: "Department OF Health AND Social Care".
_SKIPPABLE = frozenset(
    ["of", "and", "the", "for", "in", "to", "on", "a", "an", "at", "by", "with", "&", "de"]
)
_WINDOW = 160  # characters either side of the first use to look for the spelled-out form


def acronym_letters(token: str) -> str | None:
    """The acronym a word is ("GPs" -> "GP", "DToC" -> "DToC"), or None if it is not one."""
    if not token[0].isupper() or token in NEVER_FLAGGED:
        return None
    if len(token) >= 3 and token.endswith("s") and token[:-1].isupper() and "-" not in token:
        token = token[:-1]
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2 or "-" in token or "'" in token or "’" in token:
        return None
    upper = sum(c.isupper() for c in letters)
    if upper == len(letters) or (upper >= 2 and upper >= len(letters) - upper):
        return token
    return None


def initials(acronym: str) -> str:
    """The letters a spelled-out form must start with: capitals only for mixed ones."""
    letters = [c for c in acronym if c.isalpha()]
    if not all(c.isupper() for c in letters):
        letters = [c for c in letters if c.isupper()]
    return "".join(letters).lower()


_NAME_WORD = re.compile(r"[^\W\d_][\w'’\-]*|&")


def _matches_initials(name_words: list[str], letters: str) -> bool:
    """Whether these words, read in order, spell out the letters by their first letters."""

    def walk(wi: int, li: int) -> bool:
        if li == len(letters):
            return wi == len(name_words)
        if wi == len(name_words):
            return False
        word = name_words[wi].lower()
        # A word may give one letter, or several when it is hyphenated (co-production).
        parts = [p for p in re.split(r"[-]", word) if p]
        if word[0] == letters[li] and walk(wi + 1, li + 1):
            return True
        if len(parts) > 1:
            heads = "".join(p[0] for p in parts)
            if letters.startswith(heads, li) and walk(wi + 1, li + len(heads)):
                return True
        return word in _SKIPPABLE and walk(wi + 1, li)

    return walk(0, 0)


def spelled_out_near(text: str, start: int, end: int, acronym: str, expansion: str = "") -> bool:
    """Whether the acronym at text[start:end] is spelled out beside it or just before it.

    Accepts "integrated care board (ICB)", "ICB (integrated care board)", and the glossary's
    expansion written anywhere in the few sentences before.
    """
    letters = initials(acronym)
    before = text[max(0, start - _WINDOW) : start]
    # "... integrated care board (ICB)"
    if before.rstrip().endswith("(") or before.endswith("("):
        head = before.rstrip().rstrip("(")
        words = _NAME_WORD.findall(head)
        for n in range(1, min(len(words), len(letters) + 4) + 1):
            if _matches_initials(words[-n:], letters):
                return True
    # "ICB (integrated care board)"
    after = text[end : end + _WINDOW]
    bracket = re.match(r"s?\s*\(([^()]{3,150})\)", after)
    if bracket and _matches_initials(_NAME_WORD.findall(bracket.group(1)), letters):
        return True
    return bool(expansion) and expansion.lower() in before.lower()
