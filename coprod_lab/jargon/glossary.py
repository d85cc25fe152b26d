"""The glossary: acronyms, jargon and wordy phrases, each with a plainer alternative.

`data/glossary.csv` ships with coprod-lab (built by `scripts/build_glossary`); a project adds
its own terms in the store. Terms are matched on word stems, so "service users" and
"commissioners" are found from "service user" and "commissioner".
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coprod_lab.errors import CoprodLabError
from coprod_lab.store.schema import GLOSSARY_KINDS as KINDS
from coprod_lab.text import stem, words

GLOSSARY_CSV = Path(__file__).resolve().parents[2] / "data" / "glossary.csv"
COLUMNS = ("term", "kind", "plain", "expansion", "source")


@dataclass(frozen=True)
class Entry:
    term: str
    kind: str
    plain: str
    expansion: str = ""
    source: str = ""


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
        entry = Entry(*((row.get(c) or "").strip() for c in COLUMNS))
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


def term_stems(term: str) -> tuple[str, ...]:
    return tuple(stem(m.group().lower().replace("’", "'")) for m in words(term))


class Glossary:
    """Terms to look up: acronyms by their exact letters, everything else by word stems."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: list[Entry] = []
        self.acronyms: dict[str, Entry] = {}
        # first stem -> [(stems, exact lower-case words, entry)], longest first
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], Entry]]] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        """Add or replace a term (a project's own entry replaces the shipped one)."""
        self.entries.append(entry)
        if entry.kind == "acronym":
            self.acronyms[entry.term] = entry
            return
        stems = term_stems(entry.term)
        if not stems:
            return
        exact = tuple(m.group().lower().replace("’", "'") for m in words(entry.term))
        bucket = self._by_first.setdefault(stems[0], [])
        bucket[:] = [b for b in bucket if b[1] != exact]
        bucket.append((stems, exact, entry))
        bucket.sort(key=lambda b: -len(b[0]))

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

        Words must be the term's words or those words with an ending (see `_inflects`);
        an exact match beats an inflected one.
        """
        bucket = self._by_first.get(stems[i])
        if not bucket:
            return None
        best: tuple[int, int, Entry] | None = None  # (words, closeness, entry)
        for term_stems_, exact, entry in bucket:
            n = len(term_stems_)
            if best is not None and n < best[0]:
                break  # the bucket is longest first
            if tuple(stems[i : i + n]) != term_stems_:
                continue
            closeness = min(_inflects(t, w) for t, w in zip(exact, lowers[i : i + n], strict=True))
            if closeness and (best is None or closeness > best[1]):
                best = (n, closeness, entry)
        return (best[0], best[2]) if best else None

    def __len__(self) -> int:
        return len(self.entries)


_ENDINGS = ("s", "es", "d", "ed", "ing", "'s", "s'")


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
