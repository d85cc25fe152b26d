"""The glossary: acronyms, jargon and wordy phrases, each with a plainer word or a meaning.

`data/glossary.csv` ships with coprod-lab (built by `scripts/build_glossary`); a project adds
its own terms in the store. Every entry's `advice` says what to do with the term:
"use instead" offers its `plain` words in its place; "explain" keeps the term (a Direct
Payment is a real thing a person may want to ask for) and gives `plain` as its meaning.

Terms are matched on word stems with endings ("service users", "commissioners"), and on the
same word written with or without hyphens ("re-ablement", "reablement", "self directed
support"), with a possessive ("carers' assessment") or with US spelling ("organization").
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coprod_lab.errors import CoprodLabError
from coprod_lab.store.schema import GLOSSARY_KINDS as KINDS
from coprod_lab.text import stem, words

GLOSSARY_CSV = Path(__file__).resolve().parents[2] / "data" / "glossary.csv"
COLUMNS = ("term", "kind", "plain", "expansion", "source")
ADVICE = ("use instead", "explain")
SENSES = ("", "verb", "noun", "capital", "common", "caps", "name", "everyday", "tip")


@dataclass(frozen=True)
class Entry:
    """One term. `advice` is "use instead" (offer `plain` in its place) or "explain" (keep the
    term; `plain` is its meaning). `sense` "verb" or "noun" limits the advice to that use;
    "capital" to the word written with a capital inside a sentence and not as part of a
    longer name ("the Trust" is an NHS trust; "people they trust" and "Carers Trust" are
    not). "common" is the other way round: the word as a common noun, not written with a
    capital inside a sentence, where it is part of a title ("commissioners" plan and pay for
    services; "the Older People's Commissioner for Wales" is a named office). "caps" limits
    it to the word written in capitals, as minutes write "RESOLVED" (not "it was resolved").
    "name" marks an organisation's name ("Healthwatch"): its meaning is given at its
    first use, as a name to explain, not as jargon to change. "everyday" marks a term most
    readers know ("nursing home", "financial assessment"): the checker recognises it and
    leaves it alone, so its words are not raised one by one either; a project that wants it
    raised adds it to its own glossary, which replaces the shipped entry. "tip" marks a word
    readers know that has a plainer one ("notify": "tell"): offered as a tip for the writer
    (finding kind "wordy"), not raised as a hard word."""

    term: str
    kind: str
    plain: str
    expansion: str = ""
    source: str = ""
    advice: str = "use instead"
    sense: str = ""

    @property
    def explain(self) -> bool:
        return self.advice == "explain"


class GlossaryError(CoprodLabError):
    """A glossary file with a bad row; names the file and line."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        super().__init__(f"{path}, line {line}: {problem}")
        self.path, self.line, self.problem = str(path), line, problem


def read_glossary_csv(path: Path | str) -> list[Entry]:
    """Every entry of a glossary CSV, or a GlossaryError naming the first bad line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(path, 1, f"cannot be read ({error})") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise GlossaryError(path, 1, f"the header needs the columns {', '.join(missing)}")
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    for row in reader:
        line = reader.line_num
        entry = Entry(
            *((row.get(c) or "").strip() for c in COLUMNS),
            advice=(row.get("advice") or "use instead").strip(),
            sense=(row.get("sense") or "").strip(),
        )
        if entry.advice not in ADVICE:
            raise GlossaryError(
                path, line, f"the advice is {entry.advice!r}; it must be one of {', '.join(ADVICE)}"
            )
        if entry.sense not in SENSES:
            raise GlossaryError(
                path,
                line,
                f"the sense is {entry.sense!r}; "
                "it must be verb, noun, capital, name, everyday or tip",
            )
        if not entry.term:
            raise GlossaryError(path, line, "the term is empty")
        if entry.kind not in KINDS:
            raise GlossaryError(
                path, line, f"the kind is {entry.kind!r}; it must be one of {', '.join(KINDS)}"
            )
        if not entry.plain:
            raise GlossaryError(path, line, f"{entry.term!r} has no plain alternative")
        if not entry.source:
            raise GlossaryError(path, line, f"{entry.term!r} does not name its source")
        key = (entry.term.lower(), entry.kind)
        if key in seen:
            raise GlossaryError(path, line, f"{entry.term!r} is already on line {seen[key]}")
        seen[key] = line
        entries.append(entry)
    return entries


@lru_cache(maxsize=200_000)
def normal_word(lower: str) -> str:
    """The form a lower-case word is matched in: no hyphens, no possessive, UK spelling.

    "re-ablement" and "reablement", "carer's" and "carer", "organization" and "organisation"
    meet here. Endings are left for `_inflects` to judge.
    """
    from coprod_lab.jargon.readability import uk_spelling

    word = lower.replace("’", "'")
    if "'" in word:
        word = word[:-2] if word.endswith("'s") else word.rstrip("'").replace("'", "")
    if "-" in word:
        word = word.replace("-", "")
    return uk_spelling(word) or word


def term_words(term: str) -> list[tuple[str, ...]]:
    """The normal words of a term, and of its spaced form when it has hyphens and more than
    one word ("self-directed support" is also "self directed support"), or when it is one
    hyphenated word with a part that is not everyday English ("person-centred" is also
    "person centred"; "step-down" alone is not "step down", which is everyday English)."""
    lowers = [m.group().lower() for m in words(term)]
    forms = [tuple(normal_word(w) for w in lowers)]
    if any("-" in w for w in lowers) and (len(lowers) > 1 or not _everyday_parts(lowers[0])):
        spaced = [part for w in lowers for part in w.split("-") if part]
        forms.append(tuple(normal_word(w) for w in spaced))
    return forms


def _everyday_parts(word: str) -> bool:
    """Whether every part of a hyphenated word is an everyday word (Zipf 4.05 or more, the
    checker's common band), so that the parts written apart are ordinary English."""
    from coprod_lab.jargon.rarity import zipf

    return all(zipf(part) >= _EVERYDAY_ZIPF for part in word.split("-") if part)


_EVERYDAY_ZIPF = 4.05


def term_stems(term: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in term_words(term)[0])


class Glossary:
    """Terms to look up: acronyms by their exact letters, everything else by word stems."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: list[Entry] = []
        self.acronyms: dict[str, Entry] = {}
        # first stem -> number of words -> stems -> [(exact normal words, entry)]; the
        # lengths are kept longest first, so a lookup tries each length once.
        self._by_first: dict[str, dict[int, dict[tuple[str, ...], list]]] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        """Add or replace a term (a project's own entry replaces the shipped one)."""
        self.entries.append(entry)
        if entry.kind == "acronym":
            self.acronyms[entry.term] = entry
            return
        for exact in term_words(entry.term):
            if not exact:
                continue
            # A word's forms may stem apart from it: Porter cuts "embed" to "emb" but
            # "embedding" to "embed". Each form's stem leads to the term; `_inflects` then
            # checks the word really is the term with an ending.
            for stems in itertools.product(*(_form_stems(w) for w in exact)):
                lengths = self._by_first.setdefault(stems[0], {})
                same = lengths.setdefault(len(stems), {}).setdefault(stems, [])
                same[:] = [b for b in same if b[0] != exact] + [(exact, entry)]
                self._by_first[stems[0]] = dict(sorted(lengths.items(), reverse=True))

    def acronym(self, letters: str) -> Entry | None:
        """The entry for an acronym as written ("ICB"), or for its plural ("ICBs")."""
        found = self.acronyms.get(letters)
        if found is None and letters.endswith("s"):
            found = self.acronyms.get(letters[:-1])
        return found

    def may_start_term(self, word_stem: str) -> bool:
        return word_stem in self._by_first

    def match(self, stems: list[str], lowers: list[str], i: int) -> tuple[int, Entry] | None:
        """The longest term starting at word i: (number of words, entry), or None.

        `stems` and `lowers` are the stems and the `normal_word` forms of the text's words.
        Words must be the term's words or those words with an ending (see `_inflects`);
        an exact match beats an inflected one.
        """
        lengths = self._by_first.get(stems[i])
        if not lengths:
            return None
        for n, by_stems in lengths.items():  # longest first
            same = by_stems.get(tuple(stems[i : i + n])) if n > 1 else by_stems.get((stems[i],))
            if not same:
                continue
            best: tuple[int, Entry] | None = None  # (closeness, entry)
            for exact, entry in same:
                closeness = min(
                    _inflects(t, w) for t, w in zip(exact, lowers[i : i + n], strict=True)
                )
                if closeness and (best is None or closeness > best[0]):
                    best = (closeness, entry)
            if best:
                return n, best[1]
        return None

    def __len__(self) -> int:
        return len(self.entries)


_ENDINGS = ("s", "es", "d", "ed", "ing", "'s", "s'")


@lru_cache(maxsize=50_000)
def _form_stems(word: str) -> tuple[str, ...]:
    """The stems of a word and of the forms `_inflects` accepts for it, each once."""
    forms = [word, *(word + e for e in _ENDINGS if "'" not in e), word + word[-1] + "ed"]
    forms.append(word + word[-1] + "ing")
    if word.endswith("e"):
        forms += [word[:-1] + "ing", word[:-1] + "ed"]
    if word.endswith("y"):
        forms += [word[:-1] + "ies", word[:-1] + "ied"]
    return tuple(dict.fromkeys(stem(f) for f in forms if f))


@lru_cache(maxsize=50_000)
def _inflects(term: str, word: str) -> int:
    """2 if the word is the term, 1 if it is the term with an ending, else 0.

    Stems alone are too loose: "timely" and "time" share one, as do "provide" and
    "provider". An ending must turn the term into the word: "stakeholder" -> "stakeholders",
    "facilitate" -> "facilitating", "satisfy" -> "satisfied", "refer" -> "referred".
    """
    if word == term:
        return 2
    if word.startswith(term) and word[len(term) :] in _ENDINGS:
        return 1
    if term.endswith("e") and word in (term[:-1] + "ing", term[:-1] + "ed"):
        return 1
    if term.endswith("y") and word in (term[:-1] + "ies", term[:-1] + "ied"):
        return 1
    if word in (term + term[-1] + "ed", term + term[-1] + "ing"):
        return 1
    return 0


@lru_cache(maxsize=1)
def shipped_entries() -> tuple[Entry, ...]:
    return tuple(read_glossary_csv(GLOSSARY_CSV))


def shipped_glossary() -> Glossary:
    """The glossary that comes with coprod-lab (a fresh object: callers may add to it)."""
    return Glossary(shipped_entries())
