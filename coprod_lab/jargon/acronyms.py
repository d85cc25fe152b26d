"""Acronyms: find them, and tell whether each was spelled out the first time it was used.

An acronym is a word of two or more letters in capitals (NHS, CQUIN, A&E), or a word that
starts with a capital and has at least as many capitals as small letters (DToC, PbR, LeDeR).
A plural or possessive ending is not part of it (GPs, ICB's, PCN’s, ICBs'). Letters written
with spaces ("H S A") are one acronym. Left alone: a long, common word in capitals
(emphasis: "please do NOT ring", "SO, we have"), a person's initials before their name
("BF Skinner"), speakers' initials in a transcript ("MD Thanks for coming"), and people's
initials in minutes ("KM reported that", "a question from JS", "Action: JS").

Spelled out counts when the words' first letters give the acronym, in the common patterns:
"integrated care board (ICB)", "ICB (integrated care board)", "the Active Living Improvement
Programme, or ALIP", "ALIP, or Active Living Improvement Programme", "ALIP – Active Living
Improvement Programme", or the glossary's expansion in the sentences before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

# The only all-capitals words people write that are never worth a second look.
NEVER_FLAGGED = frozenset({"OK", "I"})
# Small words a spelled-out name may skip: "Department OF Health AND Social Care".
_SKIPPABLE = frozenset(
    ["of", "and", "the", "for", "in", "to", "on", "a", "an", "at", "by", "with", "&", "de"]
)
# The letters that begin UK postcodes (Royal Mail's postcode areas, as listed in the ONS
# Postcode Directory): "LS" followed by a digit is Leeds, not an acronym. "PHQ9" is not a
# postcode, so a short form with a number stays an acronym.
POSTCODE_AREAS = frozenset(
    re.findall(
        r"[A-Z]+",
        """AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN
    DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L
    LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA
    SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS
    WV YO ZE""",
    )
)
_WINDOW = 160  # characters either side of the first use to look for the spelled-out form
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")


@lru_cache(maxsize=50_000)
def acronym_letters(token: str) -> str | None:
    """The acronym a word is ("GPs" -> "GP", "ICB's" -> "ICB", "DToC" -> "DToC"), or None."""
    if not token[0].isupper() or token in NEVER_FLAGGED:
        return None
    bare = _POSSESSIVE.sub("", token)
    if bare != token and token.endswith(("s'", "s’")):
        bare = token[:-1]  # "ICBs'": the plural is handled below
    token = bare
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


def _gives(word: str, letter: str) -> bool:
    # "eXperience" gives the X of UX, as "eXchange" and "eXtra" do.
    return word[0] == letter or (letter == "x" and word.startswith("ex"))


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
        if _gives(word, letters[li]) and walk(wi + 1, li + 1):
            return True
        if len(parts) > 1:
            heads = "".join(p[0] for p in parts)
            if letters.startswith(heads, li) and walk(wi + 1, li + len(heads)):
                return True
        return word in _SKIPPABLE and walk(wi + 1, li)

    return walk(0, 0)


def _name_before(head: str, letters: str) -> str:
    """The words at the end of `head` that spell out the letters ("" if none): the shortest."""
    words = _NAME_WORD.findall(head)
    for n in range(1, min(len(words), len(letters) + 4) + 1):
        if _matches_initials(words[-n:], letters):
            return " ".join(words[-n:])
    return ""


# What may stand between a spelled-out name and its acronym: "name (ICB", "name, or ICB",
# "name – ICB", "name, known as ICB".
_BEFORE = re.compile(r"(?:\(\s*|,?\s+or\s+|\s+[–—-]\s+|,?\s+(?:known as|called)\s+)$", re.I)
_AFTER = re.compile(
    r"s?['’]?s?\s*(?:\((?:or\s+)?(?P<bracket>[^()]{3,150})\)"
    r"|(?:,?\s+or\s+|\s+[–—-]\s+|,?\s+(?:which\s+)?(?:stands for|means)\s+)"
    r"(?P<plain>[^.;:()\n]{3,150}))"
)


def spelled_out_near(text: str, start: int, end: int, acronym: str, expansion: str = "") -> bool:
    """Whether the acronym at text[start:end] is spelled out beside it or just before it.

    Accepts "integrated care board (ICB)", "ICB (integrated care board)", "name, or ICB",
    "ICB, or name", "ICB – name", and the glossary's expansion anywhere in the few sentences
    before.
    """
    return bool(spelled_out_as(text, start, end, acronym, expansion))


def spelled_out_as(text: str, start: int, end: int, acronym: str, expansion: str = "") -> str:
    """The words the text spells the acronym at text[start:end] out as, beside it ("deferred
    payment agreement" in "deferred payment agreement (DPA)"), else the glossary's
    `expansion` when it is in the few sentences before, else "" (not spelled out)."""
    letters = initials(acronym)
    before = text[max(0, start - _WINDOW) : start]
    link = _BEFORE.search(before)
    if link:
        name = _name_before(before[: link.start()], letters)
        if name:
            return name
    after = _AFTER.match(text, end, min(len(text), end + _WINDOW))
    if after:
        name = _NAME_WORD.findall(after.group("bracket") or after.group("plain"))
        # The name may run on past the acronym's words: "ICB, or integrated care board, has".
        for n in range(1, min(len(name), len(letters) + 4) + 1):
            if _matches_initials(name[:n], letters):
                return " ".join(name[:n])
    if expansion and expansion.lower() in before.lower():
        return expansion
    return ""


def same_long_form(written: str, expansion: str) -> bool:
    """Whether the text's long form and the glossary's mean the same: the same words, give or
    take case, "the", hyphens and a plural ("Integrated Care Boards" is "integrated care
    board"; "deferred payment agreement" is not "Data Protection Act")."""

    def key(s: str) -> str:
        out = [w.lower().replace("-", "") for w in _NAME_WORD.findall(s) if w.lower() != "the"]
        return "".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in out)

    return key(written) == key(expansion)


# "MD - Michelle Drumm" (a legend of who is who), and "MD: ..." or "MD Thanks ..." at the
# start of a line (a speaker's turn).
# Speakers' marks: capitals, or two or three capitals and a small letter where two people share
# initials ("AMi - Andy Miller", "AMu - Amanda Muir").
_MARK = r"[A-Z]{2,3}[a-z]|[A-Z]{1,4}"
_LEGEND = re.compile(rf"^[ \t]*({_MARK})[ \t]*[-–—:=][ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][\w'’-]+)+")
_TURN = re.compile(rf"^[ \t]*\**({_MARK})\**(:|[ \t])", re.M)
# A legend without a dash, as Iriss.fm transcripts open: "MM Michael McEwan" on its own line,
# the name's first letters giving the mark.
_BARE_LEGEND = re.compile(
    r"^[ \t]*([A-Z]{2,3})[ \t]+([A-Z][a-z]+(?:[ \t]+(?:Mc|Mac|O['’])?[A-Z][\w'’-]*)+)[ \t]*$", re.M
)


def speaker_initials(
    text: str, speakers: Iterable[str] = (), known: Callable[[str], bool] = lambda _: False
) -> set[str]:
    """Capital letters in the text that stand for speakers, not for names of things.

    From the `speakers` given (their labels in capitals, and the initials of names of two or
    more words: "Michelle Drumm" -> "MD"), from a legend line ("MD - Michelle Drumm", or two
    or more lines like "MM Michael McEwan" whose names give their marks), and
    from letters that start three or more lines, or two followed by a colon ("MD: ..."), or
    any followed by a colon in a text where such marks start three or more lines (a
    transcript, where some people speak once), unless `known` says they are a real acronym
    ("NHS" may start many lines of a list).
    """
    found: set[str] = set()
    for name in speakers:
        name = str(name).strip()
        if not name:
            continue
        if name.isupper() and len(name) <= 4:
            found.add(name)
        parts = [p for p in re.split(r"[\s.]+", name) if p]
        if len(parts) >= 2 and all(p[0].isalpha() for p in parts):
            found.add("".join(p[0].upper() for p in parts))
    for line in text.splitlines():
        legend = _LEGEND.match(line)
        if legend:
            found.add(legend.group(1))
    bare = [
        m.group(1)
        for m in _BARE_LEGEND.finditer(text)
        if "".join(w[0] for w in m.group(2).split()) == m.group(1) and not known(m.group(1))
    ]
    if len(bare) >= 2:
        found.update(bare)  # two or more lines like "MM Michael McEwan": a list of who is who
    turns = Counter()
    colons = Counter()
    spoken = Counter()  # colon marks not followed by their own long form ("PCN: primary care")
    for m in _TURN.finditer(text):
        turns[m.group(1)] += 1
        if m.group(2) == ":":
            colons[m.group(1)] += 1
            after = _NAME_WORD.findall(text[m.end() : m.end() + 120])
            firsts = "".join(w[0] for w in after if w.lower() not in ("of", "and", "the"))
            if not firsts.upper().startswith(m.group(1)):
                spoken[m.group(1)] += 1
    guessed = {mark for mark, n in turns.items() if n >= 3}
    guessed |= {mark for mark, n in colons.items() if n >= 2}
    # A text whose lines start `AK: ...`, `PM: ...` (two or more marks, three or more such
    # lines) is a transcript: every mark there is a speaker, also one who speaks only once.
    if len(spoken) >= 2 and sum(spoken.values()) >= 3:
        guessed |= set(spoken)
    return found | {mark for mark in guessed if not known(mark)}


# Scottish minutes list people with their surnames in capitals, one to a line: "Trudy
# McLEAY (Vice Chairperson)", "Helen WRIGHT", "Linda GRAY - Service User Representative".
# Two or more such lines make a list of people.
_SURNAME_LINE = re.compile(
    r"^[ \t]*(?:[A-Z][a-z]+[ -])?([A-Z][a-z]+)[ \t]+((?:Mc|Mac)?[A-Z]{2,}(?:[-'’][A-Z]{2,})?)\b"
    r"(?=[ \t]*(?:$|\(|,|[-–—][ \t]))",
    re.M,
)

_SURNAME_IN_TEXT = re.compile(r"\b[A-Z][a-z]+[ \t]+((?:Mc|Mac)?[A-Z]{2,}(?:[-'’][A-Z]{2,})?)\b")


def surnames_in_capitals(text: str, known: Callable[[str], bool] = lambda _: False) -> set[str]:
    """Surnames written in capitals in a list of people, one to a line ("Helen WRIGHT",
    "Donald McPHERSON (Chair)"), after a first name (privacy.names.name_like: a census first
    name or a word rare in English), when two or more lines of the text are like that, and then
    after a first name anywhere in it ("and Ken LYNN"); a known short form ("Leeds CCG") is
    never taken for one."""
    from coprod_lab.privacy.names import name_like

    # The word before must be a first name: a heading "About Dementia NI" and the sentence
    # "Dementia NI, based in Belfast, ..." are two such lines, but not people.
    found = [m.group(2) for m in _SURNAME_LINE.finditer(text) if name_like(m.group(1))]
    if len(found) < 2:
        return set()
    # Minutes that list people so write them so in sentences too: "Diane McCULLOCH (Chief
    # Social Work Officer) and Ken LYNN".
    found += [m.group(1) for m in _SURNAME_IN_TEXT.finditer(text)]
    return {name for name in found if not known(name)}


# Minutes name people by their initials: "KM reported that ...", "a challenge from JS around
# ...", "Action: JS". Two or three capitals count as a person there when a verb of speech or
# of taking part follows them, or when they are who a question or an action is from or for.
_CAPITALS = re.compile(r"(?<![\w.’'])[A-Z]{2,3}\b")
_MINUTE_VERB_AFTER = re.compile(
    r"\s+(?:reported|said|says|asked|noted|explained|confirmed|agreed|stated|suggested|"
    r"advised|presented|informed|queried|responded|replied|thanked|welcomed|added|commented|"
    r"highlighted|raised|updated|requested|proposed|reminded|emphasised|emphasized|"
    r"acknowledged|questioned|challenged|clarified|outlined|introduced|summarised|summarized|"
    r"undertook|expressed|recommended|declared|tabled|reiterated|observed|felt|gave|"
    r"to\s+(?:circulate|confirm|provide|update|report|arrange|contact|share|follow|liaise|"
    r"review|check|send|write|speak|discuss|bring|ensure))\b"
)
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:question|questions|challenge|comment|comments|query|queries|request|point|"
    r"concern|update|report|response|apologies|thanks)\s+(?:from|by|to)"
    r"|\b[Aa]ctions?(?:\s+by|\s+for)?\s*[:\-–—])\s*$"
)
# "The HSA said" is a body, not a person: a person's initials have no "the" before them.
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|our|their|its|this|that|each|every)\s+$", re.I)
_LOOK_BACK = 40  # characters before the letters to look for "a question from", "Action:"


def minute_initials(text: str, known: Callable[[str], bool] = lambda _: False) -> set[str]:
    """Two or three capital letters that stand for a person in minutes, not for a thing.

    Found where a verb of speech follows them ("KM reported", "JS to circulate"), or where a
    question, an update or an action is from or for them ("a challenge from JS", "Action:
    JS"). Letters `known` as an acronym (the glossary's "CQC reported") and letters after
    "the" ("the HSA said") are left as acronyms. Returns the set of letters.
    """
    found: set[str] = set()
    for m in _CAPITALS.finditer(text):
        letters = m.group()
        if letters in found or known(letters):
            continue
        start, end = m.span()
        before = max(0, start - _LOOK_BACK)
        if _PERSON_BEFORE.search(text, before, start) or (
            _MINUTE_VERB_AFTER.match(text, end) and not _ARTICLE_BEFORE.search(text, before, start)
        ):
            found.add(letters)
    return found
