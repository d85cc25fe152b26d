"""Jargon in conversation: who brought it in, and which words others then had to ask about.

Works on the Transcript table (one row per utterance, with `speaker`, `role`, `turn`, `text`,
and `session` when there are several, or `session_id` as project_tables gives it).

A jargon word or acronym counts against the person who brought it into the session: the first
to use it there, and each time they use it again. It does not count against someone who says it
back, quotes it from a letter or form (a sentence that reports what was said or written: "my
discharge letter says I need a care package"), or asks what it means ("what's
RAG rated?", "PCN?", "what does care package mean?"): being on the receiving end of jargon is
not using it.

A term counts as asked about when, within a few turns of a professional using it, a person with
lived experience asks about that term itself: "what's X", "what is a X", "what does X mean",
"X?", "explain X", "not sure what X is". A question elsewhere in the turn ("Do I go to my GP
surgery?") is not a question about "GP". Terms the person asks about that the glossary does not
hold ("What's a Section 136?") are found too, when the professional said them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from coprod_lab.errors import CoprodLabError
from coprod_lab.jargon.check import Report, check_text
from coprod_lab.jargon.glossary import KINDS, Glossary, shipped_glossary
from coprod_lab.jargon.rarity import Bands
from coprod_lab.store.schema import UTTERANCE_ROLES

ASKED_WITHIN_TURNS = 5
_MEASURES = ["words", "acronyms", "jargon", "rare_words", "said_back"]
# Words that may come before the term in a question: "what's a PCN", "what is the care package".
_DET = r"(?:(?:a|an|the|this|that|your|my|our)\s+)?"
# Quoting a document: the term in quotation marks, or after "says", "said", "wrote", "called".
_QUOTED = re.compile(r"[\"“‘'][^\"”’']{1,80}[\"”’']")
# A sentence that reports what a letter, form or person said: "My discharge letter says ...".
_SENTENCE = re.compile(r"[^.?!]+")
_SAYS = re.compile(
    r"\b(?:says?|said|saying|wrote|written|reads?|called|put down as|down as|told|tells?)\b",
    re.I,
)


@lru_cache(maxsize=4096)
def _asking(term: str) -> re.Pattern[str]:
    """A question about this term itself (not a question that happens to contain it)."""
    t = re.escape(term).replace(r"\ ", r"\s+")
    word = rf"(?<![\w]){t}(?![\w])"
    return re.compile(
        rf"\bwhat(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\s+{_DET}{word}"
        rf"|\bwhat\s+(?:does|do|did)\s+{_DET}{word}\s+(?:mean|stand)"
        rf"|\bwhat\s+{_DET}{word}\s+(?:is|are|means?)"
        rf"|\b(?:explain|meaning of|mean by)\s+{_DET}{word}"
        rf"|\b(?:explain\w*|know|understand|sure|tell me|told me)\s+what\s+{_DET}{word}"
        rf"|\b(?:not sure|don'?t know|didn'?t know|no idea|don'?t understand)\s+"
        rf"(?:what\s+)?{_DET}{word}"
        # "PCN?", "Sorry, the PCN?": the term alone is the question, not "Do I see my GP?"
        rf"|(?:^|[.!?,;:]\s*)\s*(?:(?:sorry|so|and|the|a|an)[\s,]+)*{word}(?:'s|’s)?\s*\?"
        rf"|{word}\s*(?:,|-|–)?\s*(?:what(?:'s|’s|\s+is)\s+(?:that|it)"
        rf"|what\s+(?:does|do)\s+(?:that|it|they)\s+mean|meaning)",
        re.I,
    )


# What a person asks about, in their own words: "what's a Section 136?", "what does X mean".
_ASKED_PHRASE = re.compile(
    rf"\bwhat(?:'s|’s|\s+is|\s+are)\s+{_DET}(?P<a>[\w][\w\s\-]{{1,40}}?)\s*\?"
    rf"|\bwhat\s+(?:does|do)\s+{_DET}(?P<b>[\w][\w\s\-]{{1,40}}?)\s+(?:mean|stand)",
    re.I,
)


@dataclass(frozen=True)
class _Use:
    row: int
    term: str  # as written
    key: str  # how uses of the same term are matched
    kind: str


def _reports(table: pd.DataFrame, glossary: Glossary | None) -> list[Report]:
    glossary = shipped_glossary() if glossary is None else glossary
    bands = Bands()
    # The speakers' labels and names: their initials said in a turn ("Over to you, PM") are
    # people, never acronyms, as in the whole-text check `jargon --transcript` prints.
    speakers = speaker_names(table)
    return [check_text(str(text), glossary, bands, speakers=speakers) for text in table["text"]]


def speaker_names(table: pd.DataFrame) -> list[str]:
    """Every speaker's label or name in a Transcript table (its `speaker` column, and the
    names a speaker key gave, kept in attrs["key_speakers"]), once each, in order."""
    names = [str(s) for s in table["speaker"].dropna()]
    names += [str(s) for s in table.attrs.get("key_speakers", [])]
    return list(dict.fromkeys(n for n in names if n.strip()))


def _sessions(table: pd.DataFrame) -> pd.Series:
    for column in ("session", "session_id"):
        if column in table.columns:
            return table[column].astype(str).reset_index(drop=True)
    return pd.Series([""] * len(table))


def _key(term: str, kind: str) -> str:
    return term if kind == "acronym" else " ".join(term.lower().split())


def _received(text: str, start: int, end: int, term: str) -> bool:
    """Whether this use of a term is asking about it or quoting a document."""
    if _asking(term).search(text):
        return True
    reported = (s for s in _SENTENCE.finditer(text) if _SAYS.search(s.group()))
    for quoted in (*_QUOTED.finditer(text), *reported):
        if quoted.start() <= start and end <= quoted.end():
            return True
    return False


def _counted_uses(table: pd.DataFrame, reports: list[Report]) -> tuple[set[int], list[_Use]]:
    """Which jargon uses count against their speaker, by index into the list of all uses."""
    sessions = _sessions(table)
    speakers = table["speaker"].astype(str).to_numpy()
    texts = table["text"].astype(str).to_numpy()
    uses: list[_Use] = []
    counted: set[int] = set()
    owner: dict[tuple[str, str], str] = {}  # (session, term) -> who brought it in
    for row, report in enumerate(reports):
        found = [f for f in report.findings if f.kind in KINDS]
        terms = [texts[row][f.start : f.end] for f in found]
        keys = [_key(t, f.kind) for t, f in zip(terms, found, strict=True)]
        # Quoting or asking about a word once in a turn makes the whole turn about the word:
        # "It said 'step-down'. I thought step-down meant stairs."
        received = {
            key
            for key, term, f in zip(keys, terms, found, strict=True)
            if _received(texts[row], f.start, f.end, term)
        }
        for finding, term, key in zip(found, terms, keys, strict=True):
            uses.append(_Use(row, term, key, finding.kind))
            where = (sessions.iloc[row], key)
            if where in owner:
                if owner[where] == speakers[row] and key not in received:
                    counted.add(len(uses) - 1)
                continue
            if key in received:
                continue
            owner[where] = speakers[row]
            counted.add(len(uses) - 1)
    return counted, uses


def _totals(table: pd.DataFrame, by: list[str], glossary: Glossary | None) -> pd.DataFrame:
    table = table.reset_index(drop=True)
    reports = _reports(table, glossary)
    counted, uses = _counted_uses(table, reports)
    acronyms = [0] * len(table)
    jargon = [0] * len(table)
    said_back = [0] * len(table)
    for i, use in enumerate(uses):
        if i not in counted:
            said_back[use.row] += 1
        elif use.kind == "acronym":
            acronyms[use.row] += 1
        else:
            jargon[use.row] += 1
    per_row = pd.DataFrame(
        {
            "speaker": table["speaker"].to_numpy(),
            "role": table["role"].to_numpy(),
            "words": [r.words for r in reports],
            "acronyms": acronyms,
            "jargon": jargon,
            "rare_words": [r.rare for r in reports],
            "said_back": said_back,
        }
    )
    totals = per_row.groupby(by, sort=False)[_MEASURES].sum().reset_index()
    words = totals["words"].where(totals["words"] > 0)
    totals["jargon_per_100_words"] = (
        (100 * (totals["acronyms"] + totals["jargon"]) / words).round(2).fillna(0.0)
    )
    return totals


def jargon_by_speaker(table: pd.DataFrame, glossary: Glossary | None = None) -> pd.DataFrame:
    """Per speaker and role: words, acronyms and jargon they brought in, rare words, jargon said
    back (asked about, quoted or repeated after someone else), and jargon per 100 words.

    Shape: one row per (speaker, role), in order of first turn; counts are whole numbers.
    """
    return _totals(table, ["speaker", "role"], glossary)


def jargon_by_role(table: pd.DataFrame, glossary: Glossary | None = None) -> pd.DataFrame:
    """The same measures added up per role (lived experience, professional, ...)."""
    return _totals(table, ["role"], glossary)


def _known_roles(table: pd.DataFrame) -> pd.DataFrame:
    """The table with its roles written as the store writes them ("lived experience" and
    "Lived-Experience" are "lived_experience"), or a CoprodLabError naming a role that is
    none of them: a misspelt role would otherwise find no questions, and say nothing."""
    if "role" not in table.columns:
        raise CoprodLabError(f"The table has no role column; give each turn one of {_ROLES}.")
    written = table["role"].astype(str)
    roles = written.str.strip().str.lower().str.replace(r"[\s-]+", "_", regex=True)
    wrong = written[~roles.isin(UTTERANCE_ROLES)]
    if len(wrong):
        raise CoprodLabError(
            f"Unknown role {wrong.iloc[0]!r}: each turn's role must be one of {_ROLES}."
        )
    return table.assign(role=roles)


_ROLES = ", ".join(UTTERANCE_ROLES)
# Whose words a person with lived experience may need explained.
USED_BY_ROLES = ("professional", "facilitator")


def asked_about(
    table: pd.DataFrame, glossary: Glossary | None = None, within: int = ASKED_WITHIN_TURNS
) -> pd.DataFrame:
    """Terms a professional or a facilitator used that a person with lived experience then
    asked about (a facilitator's jargon needs explaining as much as anyone's).

    Shape: one row per term asked about, with columns session, term, kind ("acronym",
    "jargon", "phrase", or "asked" for a term the glossary does not hold), used_by, used_turn,
    asked_by, asked_turn and question. `within`: how many turns after the use the question may
    come (5 by default), in the same session.
    """
    ordered = _known_roles(table.reset_index(drop=True))
    reports = _reports(ordered, glossary)
    sessions = _sessions(ordered)
    columns = [
        "session",
        "term",
        "kind",
        "used_by",
        "used_turn",
        "asked_by",
        "asked_turn",
        "question",
    ]
    rows = []
    found: set[tuple[str, str, int]] = set()
    for i, row in ordered.iterrows():
        if row["role"] not in USED_BY_ROLES:
            continue
        text = str(row["text"])
        terms = {(text[f.start : f.end], f.kind) for f in reports[i].findings if f.kind in KINDS}
        for j in range(i + 1, min(i + 1 + within, len(ordered))):
            later = ordered.iloc[j]
            if sessions.iloc[j] != sessions.iloc[i]:
                break
            if later["role"] != "lived_experience":
                continue
            question = str(later["text"])
            # Terms the person names in their own question, if the professional said them.
            for match in _ASKED_PHRASE.finditer(question):
                phrase = " ".join((match.group("a") or match.group("b")).split())
                # A name for a thing has a capital or a number ("Section 136", "RAG rated"):
                # "what's that?" or "what's the plan?" ask about no term.
                named = any(c.isupper() or c.isdigit() for c in phrase)
                if (
                    named
                    and phrase.lower() in text.lower()
                    and not any(phrase.lower() == t.lower() for t, _ in terms)
                ):
                    terms.add((text[text.lower().index(phrase.lower()) :][: len(phrase)], "asked"))
        for term, kind in sorted(terms):
            for j in range(i + 1, min(i + 1 + within, len(ordered))):
                later = ordered.iloc[j]
                if sessions.iloc[j] != sessions.iloc[i]:
                    break
                if later["role"] != "lived_experience":
                    continue
                if (sessions.iloc[i], term.lower(), j) in found:
                    break
                if _asking(term).search(str(later["text"])):
                    found.add((sessions.iloc[i], term.lower(), j))
                    rows.append(
                        {
                            "session": sessions.iloc[i],
                            "term": term,
                            "kind": kind,
                            "used_by": row["speaker"],
                            "used_turn": int(row["turn"]),
                            "asked_by": later["speaker"],
                            "asked_turn": int(later["turn"]),
                            "question": str(later["text"]),
                        }
                    )
                    break
    return pd.DataFrame(rows, columns=columns)
