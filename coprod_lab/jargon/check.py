"""Check a text for plain English: rare words, acronyms, jargon, readability, UK spelling.

`check_text` returns a Report: counts and scores, and findings that each carry character
offsets, the term, its kind and a suggestion, so a page can underline them in place. A term
the glossary says to explain (not replace) carries its plain meaning in `meaning`;
`explained_terms` lists them once each, for a page or a report.

A term to explain is explained at its first use, as the GOV.UK style guide asks: later uses
of it in the same text are still findings (so counts of uses stay whole) but carry
`repeat=True`, and a page shows only the first. A short form is the same: after its first
use it is marked `repeat`, unless the glossary offers plainer words for it ("GP": say "your
family doctor" every time). A short form the text spells out is given the text's own long
form, and the glossary's meaning only when that long form is the glossary's.

An organisation's name the glossary explains ("Healthwatch", "Care Quality Commission") is
a finding of kind "name", not "jargon": the writer should say what it
is once, not find another word for it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace

from coprod_lab.config import setting
from coprod_lab.jargon.acronyms import (
    POSTCODE_AREAS,
    acronym_letters,
    minute_initials,
    same_long_form,
    speaker_initials,
    spelled_out_as,
    surnames_in_capitals,
)
from coprod_lab.jargon.glossary import (
    Entry,
    Glossary,
    normal_word,
    shipped_glossary,
)
from coprod_lab.jargon.laws import LawName, law_names
from coprod_lab.jargon.rarity import (
    COMMON,
    FORMAL_BELOW_ZIPF,
    MID,
    RARE,
    READER_TARGET_RARE_SHARE,
    Bands,
    dejargonizer_score,
    is_formal,
    known_wording,
    made_of_everyday_parts,
)
from coprod_lab.jargon.readability import (
    AIM_SENTENCE_WORDS,
    BE_FORMS,
    flesch_band,
    flesch_reading_ease,
    is_participle,
    is_structure,
    syllables,
    uk_spelling,
)
from coprod_lab.jargon.slips import missing_space, typing_slip
from coprod_lab.text import split_sentences, stem, words
from coprod_lab.transcripts.names import HONORIFICS

# Web and email addresses ("www.kirklees.gov.uk/direct-payments", "dp.team@kirklees.gov.uk",
# "nhs.uk/conditions"): their parts are not words to judge ("aspx", "directpayments").
_WEB_ADDRESS = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]’']"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net|gov|nhs|scot|wales|info|io)"
    r"(?:/[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]’'])?\b",
    re.I,
)
# What every web or email address has; the full pattern runs only on the stretch around one,
# which keeps a million words of text without addresses fast.
_WEB_HINT = re.compile(r"://|www\.|@|\.(?:uk|com|org|net|gov|nhs|scot|wales|info|io)\b", re.I)
# Latin short forms the GOV.UK style guide asks writers not to use ("eg, etc and ie": many
# readers do not know them, and screen readers may read them out as words).
# "e.g.", "i.e." and, as GOV.UK writes them, "eg" and "ie" (lower case, a word on its own).
_LATIN_SHORT_FORMS = re.compile(
    r"\b(?:[eE]\.\s?[gG]\.?(?![\w.])|[iI]\.\s?[eE]\.?(?![\w.])|eg\b(?=[,:]?\s)|ie\b(?=[,:]?\s))"
)
_LATIN_PLAIN = {"e": "for example", "i": "that is"}
_CAPITALISED_LINE = re.compile(
    r"(?m)^[ \t]*(?:[-•*][ \t]+)?[A-Z][\w'’-]*"
    r"(?:[ \t]+(?:(?:and|of|&)[ \t]+)?[A-Z][\w'’-]*){0,3}[ \t]*$"
)
# The year after a law's name ("Care Act 2014"); digits are not words, so it is added here.
_YEAR_AFTER = re.compile(r"[ ]+(?:1[89]|20)\d\d\b")
# How much of a long sentence a finding quotes, to find it by.
EXCERPT_CHARACTERS = 60
# A long word in capitals this common in everyday English is emphasis, not an acronym.
_EMPHASIS_ZIPF = 4.5
# Roman numerals after a word that numbers things ("part VI", "Schedule IV", "type II") or
# numbering a line ("II DECLARATION OF INTEREST", "IV. Finance"), not "IV fluids".
_ROMAN = re.compile(r"(?=[IVXLC])X{0,3}(?:IX|IV|V?I{0,3})|XL|L")
_NUMBERED = frozenset(
    {"part", "parts", "chapter", "schedule", "section", "article", "annex", "appendix"}
    | {"volume", "phase", "stage", "tier", "type", "class", "grade", "level", "step", "book"}
)
_CAPITALS_WORD = re.compile(r"[A-Z]{2,6}")
_NO_SPACE_AFTER_STOP = re.compile(r"(?<![\w.@/])[a-z]{2,}\.[A-Z][a-z]+\b")
# Titles before a person's initials: the transcript reader's, and the plural of a list.
_TITLES = HONORIFICS | {"councillors", "revd"}
# A surname after initials: "Skinner", "McCaffer", "O'Neill", "Nugent-Finn".
_SURNAME = re.compile(r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)*")
# A two-letter word in capitals this common is emphasis too ("SO, we have", "NO way").
_SHORT_EMPHASIS_ZIPF = 5.5
# Words before a verb: "to interface", "we will interface", "they interfaced".
_BEFORE_VERB = frozenset(
    [
        "to",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "not",
        "never",
        "also",
        "please",
        "we",
        "i",
        "you",
        "they",
        "he",
        "she",
        "who",
        "did",
        "does",
        "do",
        "don't",
        "can't",
        "won't",
    ]
)


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    term: str
    kind: str
    suggestion: str
    expansion: str = ""
    note: str = ""
    advice: str = ""  # the glossary's: "use instead" or "explain"
    meaning: str = ""  # for "explain": what the term means, in plain words
    repeat: bool = False  # a term to explain that was explained at an earlier use


@dataclass(frozen=True)
class AcronymUse:
    acronym: str
    uses: int
    first_at: int
    spelled_out: bool
    expansion: str
    plain: str


@dataclass
class Report:
    words: int = 0
    common: int = 0
    mid: int = 0
    rare: int = 0
    names: int = 0
    sentences: int = 0
    syllables: int = 0
    sentence_words: int = 0  # words in sentences (not headings, list items or table rows)
    long_sentences: int = 0
    findings: list[Finding] = field(default_factory=list)
    acronyms: list[AcronymUse] = field(default_factory=list)

    @property
    def rare_share(self) -> float:
        return self.rare / self.words if self.words else 0.0

    @property
    def mid_share(self) -> float:
        return self.mid / self.words if self.words else 0.0

    @property
    def score(self) -> float:
        return dejargonizer_score(self.words, self.mid, self.rare)

    @property
    def meets_reader_target(self) -> bool:
        return self.rare_share <= READER_TARGET_RARE_SHARE

    @property
    def average_sentence_words(self) -> float:
        return round(self.sentence_words / self.sentences, 1) if self.sentences else 0.0

    @property
    def flesch(self) -> float:
        """Flesch reading ease of the sentences (see `readability`)."""
        return flesch_reading_ease(self.sentence_words, self.sentences, self.syllables)

    def of_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    def summary(self) -> str:
        """What the check found, in plain English."""
        if not self.words:
            return "There are no words to check."
        lines = [
            f"{_count(self.words, 'word')} in {_count(self.sentences, 'sentence')}.",
            f"{self.rare_share:.1%} of the words are rare in everyday English "
            + ("(the aim is 2% or less)." if self.meets_reader_target else "— aim for 2% or less."),
            f"Plain-words score: {self.score:.0f} out of 100 (higher is easier).",
        ]
        unexplained = [a for a in self.acronyms if not a.spelled_out]
        if self.acronyms:
            lines.append(
                f"{_count(len(self.acronyms), 'short form (acronym)', 'short forms (acronyms)')}; "
                f"{len(unexplained)} not spelled out the first time."
            )
        jargon = [f for f in self.findings if f.kind in ("jargon", "phrase", "wordy")]
        # Words, not marks: "aspirations" used twice is one word to change.
        easier = len({f.term.lower() for f in jargon if f.advice != "explain"})
        if easier:
            lines.append(
                f"{_count(easier, 'word or phrase', 'words or phrases')} with an easier "
                "alternative."
            )
        formal = len({f.term.lower() for f in self.findings if f.kind == "formal"})
        if formal:
            lines.append(f"{_count(formal, 'formal word')}: is there an everyday one?")
        # A short form to explain is counted once, with the short forms (as a page lists it).
        short = {f.term for f in self.findings if f.kind == "acronym"}
        explained = [t for t, _meaning in explained_terms(self) if t not in short]
        if explained:
            lines.append(
                f"{_count(len(explained), 'term')} to keep but explain the first time "
                "(each has a plain meaning)."
            )
        low, high = AIM_SENTENCE_WORDS
        # The aim is an upper limit on the average: telling a writer of short sentences to
        # "aim for 15 to 20" would push them to write longer ones.
        aim = (
            f"short enough: aim for {high} or fewer"
            if self.average_sentence_words <= high
            else f"too long: aim for {low} to {high}"
        )
        lines.append(
            f"Sentences have {self.average_sentence_words:g} words on average ({aim}); "
            f"{self.long_sentences} {'is' if self.long_sentences == 1 else 'are'} long."
        )
        # The formula can stray past either end; the band is read from the figure shown, so
        # 59.9 is "60, plain English", as 60.2 is.
        ease = round(min(100.0, max(0.0, self.flesch)))
        lines.append(
            f"Flesch reading ease: {ease} out of 100 (higher is easier), {flesch_band(ease)}."
        )
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "common": self.common,
            "mid": self.mid,
            "rare": self.rare,
            "names": self.names,
            "rare_share": round(self.rare_share, 4),
            "mid_share": round(self.mid_share, 4),
            "score": self.score,
            "meets_reader_target": self.meets_reader_target,
            "readability": {
                "formula": "Flesch reading ease (textstat's constants and syllable count)",
                "flesch_reading_ease": self.flesch,
                "flesch_band": flesch_band(self.flesch),
                "average_sentence_words": self.average_sentence_words,
                "long_sentences": self.long_sentences,
                "passive_hints": len(self.of_kind("passive")),
            },
            "acronyms": [asdict(a) for a in self.acronyms],
            "explain": [{"term": t, "meaning": m} for t, m in explained_terms(self)],
            "findings": [asdict(f) for f in self.findings],
        }


def explained_terms(report: Report) -> list[tuple[str, str]]:
    """(term as first written, plain meaning) for each "explain" term found, once each, in
    the order they first appear. For a page or a report to show beside the text."""
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for f in report.findings:
        term = " ".join(f.term.split())
        # Two laws share the meaning "a law" but are two terms; a term's later uses are
        # `repeat` and left out.
        key = (term.lower(), f.meaning)
        if f.meaning and not f.repeat and key not in seen:
            seen[key] = (term, f.meaning)
    return list(seen.values())


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def check_text(
    text: str,
    glossary: Glossary | None = None,
    bands: Bands | None = None,
    *,
    speakers: Iterable[str] = (),
) -> Report:
    """Check one text. Pass a glossary and bands to reuse them across many texts.

    `speakers` are the names or labels of the people speaking (a transcript's `speaker`
    column): their initials are never counted as acronyms. Initials that mark turns in the
    text itself ("MD Thanks for coming", "MD - Michelle Drumm") are found without help.
    """
    glossary = shipped_glossary() if glossary is None else glossary
    bands = Bands() if bands is None else bands
    report = Report()
    findings = report.findings

    spans, texts = [], []
    web = _web_addresses(text)
    w = 0
    for m in words(text):
        start = m.start()
        while w < len(web) and web[w][1] <= start:
            w += 1
        if w < len(web) and web[w][0] <= start:
            continue  # part of a web or email address: not a word a reader reads as English
        spans.append(m.span())
        texts.append(m.group())
    # "carer’s" -> "carer's", "end‑of‑life" (U+2011) -> "end-of-life", as the glossary writes.
    lowers = [w.lower() if w.isascii() else w.lower().translate(_MARKS) for w in texts]
    # Texts repeat their words: work out everything about each distinct word once.
    about = {w: _about(w, bands, glossary) for w in set(lowers)}
    stems = [about[w][2] for w in lowers]
    normals = [about[w][6] for w in lowers]
    sentence_starts = _sentences(
        text, spans, [about[w][1] for w in lowers], report, setting("long_sentence_words")
    )
    known = lambda m: glossary.acronym(m) is not None  # noqa: E731
    # Letters that also spell a word ("ME") but that the text spells out ("Myalgic
    # Encephalomyelitis (ME)", "ME, which stands for ..."): an acronym from there on.
    spelled_letters: set[str] = set()

    def spelled_out_here(letters: str, start: int, end: int) -> bool:
        if (
            letters.isupper()
            and letters not in spelled_letters
            and spelled_out_as(text, start, end, letters)
        ):
            spelled_letters.add(letters)
        return letters in spelled_letters

    not_acronyms = (
        speaker_initials(text, speakers, known)
        | minute_initials(text, known)
        | surnames_in_capitals(text, known)
    )
    # Capitalised words seen mid-sentence are names, wherever they appear ("Ossie, could you").
    names = _names(texts, sentence_starts)
    # A word the text also writes in small letters is a word, not a name, even with a capital
    # ("the Lymphoedema Service" beside "lymphoedema is swelling").
    distinct = set(texts)
    in_small_letters = {t for t in distinct if t.islower()}
    # A line of one to four words with capitals (and "and", "of" between them) is a name in a
    # list ("- Builth and Llanwrtyd Locality") or a heading: its words are names, not rare.
    names_by_line = {
        m.group()
        for line in _CAPITALISED_LINE.finditer(text)
        for m in re.finditer(r"[A-Z][\w'’-]*", line.group())
    }
    names |= names_by_line

    # Each law by the start of its first word: "the 2014 Act" starts with a year, not a word.
    found_laws = law_names(text)
    starts = [a for a, _ in spans] if found_laws else []
    laws = {}
    for law in found_laws:
        first = bisect.bisect_left(starts, law.start)
        if first < len(starts) and starts[first] < law.end:
            laws.setdefault(starts[first], law)
    # Words of five or more letters written in capitals, and how often: a name in capitals
    # ("ENRICH", a research programme's) comes back; a word stressed once ("PLEASE") does not.
    shouted = {w for w in distinct if len(w) >= 5 and w.isupper()}
    capitals = Counter(w for w in texts if w in shouted) if shouted else Counter()
    latin = {m.start(): m for m in _LATIN_SHORT_FORMS.finditer(text)}
    tally = {COMMON: 0, MID: 0, RARE: 0}
    acronyms: dict[str, list] = {}
    covered_until = -1
    explained: dict[str, str] = {}  # the stems of each term explained -> the meaning given
    n = len(texts)
    for i in range(n):
        word, lower = texts[i], lowers[i]
        band, _, _, uk, be, starts_term, _, everyday_parts, slip, formal = about[lower]
        tally[band] += 1
        start, end = spans[i]
        if i <= covered_until:
            continue  # inside spaced letters ("H S A") or a glossary term already found
        short = latin.get(start)
        if short is not None:
            covered_until = _last_word_before(spans, i, short.end())
            plain = _LATIN_PLAIN[short.group()[0].lower()]
            findings.append(
                Finding(
                    start,
                    short.end(),
                    short.group(),
                    "phrase",
                    f"try “{plain}”",
                    advice="use instead",
                )
            )
            continue
        law = laws.get(start)
        if law is not None and not _glossary_names(glossary, stems, normals, spans, i, law):
            covered_until = _last_word_before(spans, i, law.end)
            findings.append(_law_finding(law, explained))
            continue
        if word[0].isupper():
            letters, last = _letters_at(texts, spans, text, i)
            if letters and letters not in not_acronyms:
                entry = glossary.acronym(letters)
                # What stands between the letters and the next word: "BF Skinner" is
                # initials and a name; "BP - Systolic" is not.
                gap = text[spans[last][1] : spans[last + 1][0]] if last + 1 < n else ""
                # "K.F." or "H S A": letters with full stops between them are initials or
                # an acronym, never a word spelled out for emphasis ("T H A T").
                dotted = last > i and text[spans[i][1]] == "."
                # A person's initials follow a title or, with full stops, start an item of a
                # list of people ("Cllr S.T. Edwards", ", C.A. Cave", "and S.T. Edwards");
                # "the Bristol M.E. Service" is not one.
                titled = i > 0 and lowers[i - 1] in _TITLES  # "Councillor PM Morgan"
                listed = titled or (
                    dotted
                    and (
                        i == 0
                        or lowers[i - 1] == "and"
                        or any(c in text[spans[i - 1][1] : start] for c in ",;:(\n")
                    )
                )
                if _ROMAN.fullmatch(letters) and (
                    (i and lowers[i - 1] in _NUMBERED)
                    or (
                        _line_starts_at(text, start)
                        and (gap[:1] in (".", ")") or (last + 1 < n and texts[last + 1].isupper()))
                    )
                ):
                    covered_until = last
                    continue  # "part VI", "type II", "II DECLARATION": a number in Roman numerals
                # "CFS/ME", "ME/CFS": beside another short form, "ME" is one too.
                slashed = (
                    start > 0 and text[start - 1] == "/" and _CAPITALS_WORD.fullmatch(texts[i - 1])
                ) or (
                    last + 1 < n
                    and text[spans[last][1] : spans[last + 1][0]] == "/"
                    and _CAPITALS_WORD.fullmatch(texts[last + 1])
                )
                if (
                    entry
                    or slashed
                    or _is_acronym(
                        letters, lower, band, bands, texts, i, last, capitals, gap, dotted, listed
                    )
                    or spelled_out_here(letters, start, spans[last][1])
                ):
                    end = spans[last][1]
                    in_name = _in_a_name(text, spans, texts, i, last, sentence_starts)
                    _acronym_finding(report, acronyms, text, start, end, letters, entry, in_name)
                    covered_until = last
                    continue
                if last > i:
                    covered_until = last  # "T H A T": none of its letters is an acronym
                    continue
            if letters and letters in not_acronyms:
                continue  # a speaker's initials
        if starts_term:
            hit = glossary.match(stems, normals, i)
            if hit and not _split_by_punctuation(text, spans, i, hit[0], hit[1].term):
                length, entry = hit
                last_end = spans[i + length - 1][1]
                covered_until = i + length - 1
                year = _YEAR_AFTER.match(text, last_end)
                if year and entry.term.endswith(("Act", "Regulations")):
                    last_end = year.end()  # "Care Act 2014" is one name, its note after it
                if entry.sense == "everyday":
                    continue  # a term readers know: neither it nor its words are raised
                if _fits(entry, text, spans, texts, lowers, i, sentence_starts):
                    if not entry.explain and (
                        _before_head_noun(text, spans, lowers, i + length)
                        or _in_a_title(texts, i, length, sentence_starts)
                    ):
                        # "the hospital discharge team" is a thing's name: "the leaving
                        # hospital team" is no plainer; "Registered Medical Practitioner" is
                        # a job's title. Explain it instead.
                        entry = replace(entry, advice="explain")
                    finding = _term_finding(text[start:last_end], start, last_end, entry)
                    if entry.sense == "tip" or (
                        entry.kind == "phrase" and known_wording(lowers[i : i + length], bands)
                    ):
                        # "in relation to", "notify": understood, only wordy; a tip for the
                        # writer, not a hard word ("ascertain" stays a "phrase").
                        finding = replace(finding, kind="wordy")
                    # One term in its forms ("direct payment", "direct payments", "carers'
                    # assessment") is explained once, with the meaning first given.
                    # "means test", "means-tested": the stems of its words, hyphens as spaces
                    key = _term_key(entry.term)
                    if entry.explain and key in explained:
                        finding = replace(
                            finding,
                            repeat=True,
                            meaning=explained[key],
                            suggestion=f"explained at its first use: {explained[key]}",
                        )
                    elif entry.explain:
                        explained[key] = entry.plain
                    findings.append(finding)
                continue
        if (
            word[0].isupper()
            and band != COMMON
            and (i not in sentence_starts or word in names)
            and lower not in in_small_letters
        ):
            # A name ("Priya", "Leeds") is not a rare word.
            tally[band] -= 1
            tally[COMMON] += 1
            report.names += 1
            continue
        if band == RARE and slip:
            if slip.replace(" ", "") == lower:
                slip = f"{word[: slip.index(' ')]} {word[slip.index(' ') :]}"  # "by Councillor"
            findings.append(
                Finding(start, end, word, "spelling", f"a typing slip? Did you mean “{slip}”?")
            )
        elif band == RARE and not everyday_parts and lower not in _TITLES:  # "Cllr"
            findings.append(
                Finding(
                    start,
                    end,
                    word,
                    "rare",
                    "is there a more common word?",
                )
            )
        elif formal and word[0].islower():
            findings.append(Finding(start, end, word, "formal", "is there an everyday one?"))
        if uk:
            findings.append(Finding(start, end, word, "spelling", f"UK spelling: {uk}"))
        if be and i + 1 < n:
            j = i + 2 if lowers[i + 1].endswith("ly") and i + 2 < n else i + 1
            if is_participle(lowers[j]):
                findings.append(
                    Finding(
                        start,
                        spans[j][1],
                        text[start : spans[j][1]],
                        "passive",
                        "say who does it, if you can",
                    )
                )

    report.words = n
    report.common, report.mid, report.rare = tally[COMMON], tally[MID], tally[RARE]
    report.acronyms = [
        AcronymUse(
            acronym,
            uses,
            first_at,
            spelled,
            entry.expansion if entry else written,
            entry.plain if entry else "",
        )
        for acronym, (first_at, uses, spelled, entry, written) in acronyms.items()
    ]
    # "policy.The Board": a full stop with no space after it (text.split_sentences ends the
    # sentence there too).
    for m in _NO_SPACE_AFTER_STOP.finditer(text):
        if not any(a <= m.start() < b for a, b in web):
            findings.append(
                Finding(m.start(), m.end(), m.group(), "spelling", "a space after the full stop?")
            )
    findings.sort(key=lambda f: (f.start, -f.end))
    return report


def _line_starts_at(text: str, start: int) -> bool:
    """Whether only spaces stand between the start of the line and `start`."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip()


# The apostrophe and hyphens a word may be written with, as the glossary writes them.
_MARKS = str.maketrans({"’": "'", "\u2010": "-", "\u2011": "-"})


def _names(texts: list[str], sentence_starts: set[int]) -> set[str]:
    """Capitalised words that appear somewhere other than at the start of a sentence."""
    everywhere = Counter(texts)
    at_starts = Counter(texts[i] for i in sentence_starts)
    return {t for t, n in everywhere.items() if t[0].isupper() and n > at_starts[t]}


def _term_finding(term: str, start: int, end: int, entry: Entry) -> Finding:
    if entry.sense == "name":
        # An organisation's name is not jargon to change; a reader may still need to be told
        # what it is, once.
        return Finding(
            start,
            end,
            term,
            "name",
            f"a name: say what it is the first time: {entry.plain}",
            advice="explain",
            meaning=entry.plain,
        )
    if entry.explain:
        return Finding(
            start,
            end,
            term,
            entry.kind,
            f"keep it, and explain it the first time: {entry.plain}",
            advice="explain",
            meaning=entry.plain,
        )
    # "ease; help" is two words to choose from: "try “ease” or “help”".
    choices = " or ".join(f"“{c.strip()}”" for c in entry.plain.split(";") if c.strip())
    return Finding(start, end, term, entry.kind, f"try {choices}", advice="use instead")


def _last_word_before(spans: list, i: int, end: int) -> int:
    """The index of the last word, from word i on, that starts before character `end`: the
    words a law's name or "e.g." covers."""
    last = i
    while last + 1 < len(spans) and spans[last + 1][0] < end:
        last += 1
    return last


def _term_key(term: str) -> str:
    """What a term's forms share: "means test", "means-tested" and "Means testing" give
    "mean test"; "carer's assessment" and "carers' assessments" give "carer assess"."""
    return " ".join(stem(normal_word(w)) for w in re.split(r"[\s\-/]+", term.lower()) if w)


def _web_addresses(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every web or email address in the text, in order."""
    found: list[tuple[int, int]] = []
    for hint in _WEB_HINT.finditer(text):
        if found and hint.start() < found[-1][1]:
            continue
        # The address is the run of characters without spaces around the hint.
        left = max(text.rfind(c, 0, hint.start()) for c in ' \t\n(<"“') + 1
        right = min(
            (i for i in (text.find(c, hint.end()) for c in ' \t\n)>"”') if i != -1),
            default=len(text),
        )
        for m in _WEB_ADDRESS.finditer(text, left, right):
            if not found or m.start() >= found[-1][1]:
                found.append(m.span())
    return found


def _glossary_names(
    glossary: Glossary, stems: list[str], normals: list[str], spans: list, i: int, law: LawName
) -> bool:
    """Whether the glossary has this law by name ("Care Act"), with its own meaning."""
    if law.section or not glossary.may_start_term(stems[i]):
        return False
    hit = glossary.match(stems, normals, i)
    name_end = law.start + len(re.sub(r"[ ]+\d{4}$", "", law.text))
    return hit is not None and spans[i + hit[0] - 1][1] >= name_end


def _law_finding(law: LawName, explained: dict[str, str]) -> Finding:
    """A law's name or section, explained at its first use like any term to explain."""
    # The meaning says what to do too: a reader is not helped by "a law" alone.
    if law.section:
        meaning = "a numbered part of a law: say what it lets or makes people do"
        advice = "a part of a law"
    else:
        meaning = "a law: say what it means for the reader"
        advice = "the name of a law"
    key = "law: " + " ".join(law.text.lower().split())
    if key in explained:
        return Finding(
            law.start,
            law.end,
            law.text,
            "jargon",
            f"explained at its first use: {meaning}",
            advice="explain",
            meaning=meaning,
            repeat=True,
        )
    explained[key] = meaning
    return Finding(
        law.start,
        law.end,
        law.text,
        "jargon",
        f"{advice}: keep it, and explain it the first time: {meaning}",
        advice="explain",
        meaning=meaning,
    )


# Words that already say whose or which thing it is: "your GP", "the NHS".
_OWNERS = frozenset({"your", "my", "our", "their", "his", "her", "the", "a", "an", "this"})
# The word after a short form: a noun it describes ("GP practices") unless it is one of these.
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
_NOT_NOUNS = frozenset(
    {"is", "was", "are", "were", "will", "would", "can", "could", "may", "might", "should"}
    | {"must", "has", "have", "had", "does", "did", "do", "said", "says", "and", "or", "but"}
    | {"to", "in", "on", "at", "for", "of", "from", "with", "by", "who", "which", "that"}
    | {"if", "as", "so", "then", "too", "also", "said", "told", "asked", "gave", "wrote"}
)


def _acronym_finding(
    report: Report,
    acronyms: dict[str, list],
    text: str,
    start: int,
    end: int,
    letters: str,
    entry: Entry | None,
    in_name: bool = False,
) -> None:
    use = acronyms.get(letters)
    if use is None:
        written = spelled_out_as(text, start, end, letters, entry.expansion if entry else "")
        if entry and written and not same_long_form(written, entry.expansion or entry.plain):
            # The text spells it out with another meaning ("deferred payment agreement (DPA)",
            # not the glossary's Data Protection Act): the text's own words win.
            entry = None
        use = acronyms[letters] = [start, 0, bool(written), entry, written]
    use[1] += 1
    first = use[1] == 1
    spelled, entry, written = use[2], use[3], use[4]
    advice, meaning = "", ""
    if entry is not None and not entry.explain and in_name:
        # "Age UK", "NHS England": "say 'United Kingdom'" would rename an organisation. Still
        # a finding (the labelled benchmarks mark every short form), with no wrong advice.
        suggestion = "part of a name: keep it as it is"
    elif entry is not None and not entry.explain:
        # "Say 'your family doctor'" is advice for every use, as for a term to replace.
        plain = entry.plain
        before = text[max(0, start - 12) : start].split()
        after = _NEXT_WORD.match(text, end)
        modifier = after is not None and after.group(1) not in _NOT_NOUNS
        if ((before and before[-1].lower() in _OWNERS) or modifier) and plain.startswith(
            ("your ", "the ")
        ):
            # "your GP": "your family doctor", not "your your"; "GP practices", "NHS money":
            # "family doctor practices", not "your family doctor practices".
            plain = plain.split(" ", 1)[1]
        if plain.lower() == letters.lower():
            suggestion = "most readers know it: no need to change it"  # "the NHS"
        else:
            suggestion = f"say “{plain}”"
        advice = "use instead"
    elif not first:
        suggestion = (
            f"spelled out at its first use: {written}"
            if spelled
            else "spell it out at its first use"
        )
        if entry is not None:
            suggestion = f"explained at its first use: {entry.plain}"
            advice, meaning = "explain", entry.plain
    elif entry is not None:
        advice, meaning = "explain", entry.plain
        suggestion = (
            f"spelled out: now explain it the first time: {entry.plain}"
            if spelled
            else f"spell it out and explain it: {entry.plain}"
        )
    elif spelled:
        suggestion = f"spelled out as “{written}”: use those words if they are plain"
    else:
        suggestion = "spell it out, or use plain words"
    report.findings.append(
        Finding(
            start,
            end,
            text[start:end],
            "acronym",
            suggestion,
            entry.expansion if entry else written,
            "spelled out the first time" if spelled else "not spelled out the first time",
            advice,
            meaning,
            repeat=not first and advice != "use instead",
        )
    )


# Between the letters of one acronym: a space ("H S A") or a full stop ("N.H.S."). Not a full
# stop and a space: "Plan B. A doctor" is two sentences, "J. K. Rowling" a name.
_SPACED = re.compile(r"[ \t]|\.")


def _in_web_name(text: str, start: int, end: int) -> bool:
    """Whether the word at text[start:end] is joined by a dot to two letters or more, with no
    space: a website's name ("GOV.UK"), not an acronym."""
    return (text[end : end + 1] == "." and text[end + 1 : end + 3].isalpha()) or (
        start >= 3 and text[start - 1] == "." and text[start - 3 : start - 1].isalpha()
    )


def _letters_at(texts: list[str], spans: list, text: str, i: int) -> tuple[str | None, int]:
    """The acronym that starts at word i, and the index of its last word.

    Most acronyms are one word; capitals written with spaces or full stops between them
    ("H S A", "N.H.S.") are one acronym of several one-letter words.
    """
    word = texts[i]
    if spans[i][0] and text[spans[i][0] - 1].isdigit():
        return None, i  # part of a postcode or code: "W10 6EJ", "2B"
    if len(word) > 1 and _in_web_name(text, *spans[i]):
        return None, i  # part of a website's name: "GOV.UK", "NHS.UK"
    after = spans[i][1]
    if word in POSTCODE_AREAS and after < len(text) and text[after].isdigit():
        return None, i  # a postcode's area: the "LS" of "LS1 4AP" or "LS6"
    if len(word) > 1 or not word.isupper():
        return acronym_letters(word), i
    last = i
    while (
        last + 1 < len(texts)
        and len(texts[last + 1]) == 1
        and texts[last + 1].isupper()
        and _SPACED.fullmatch(text[spans[last][1] : spans[last + 1][0]])
    ):
        last += 1
    letters = "".join(texts[i : last + 1])
    if last == i or set(letters) <= {"A", "I"}:
        return None, i
    return letters, last


# Words that may begin a sentence before a short form without being part of a name with it:
# "The NHS", "Ask your GP", "If UK law".
_NOT_NAME_STARTS = _BEFORE_VERB | frozenset(
    [
        "the",
        "a",
        "an",
        "your",
        "our",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
        "these",
        "those",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "if",
        "and",
        "or",
        "but",
        "ask",
        "see",
        "call",
        "contact",
        "tell",
        "about",
        "all",
        "many",
        "most",
        "some",
        "as",
        "when",
        "after",
        "before",
        "across",
        "within",
        "under",
        "through",
    ]
)


def _in_a_name(
    text: str, spans: list, texts: list[str], i: int, last: int, sentence_starts: set[int]
) -> bool:
    """Whether the short form at words i..last is part of a capitalised name, joined by a
    space to a capitalised word before it ("Age UK") or after it ("NHS Continuing
    Healthcare", "NHS England")."""
    if (
        i > 0
        and texts[i - 1][0].isupper()
        and text[spans[i - 1][1] : spans[i][0]] == " "
        and (i - 1 not in sentence_starts or texts[i - 1].lower() not in _NOT_NAME_STARTS)
    ):
        return True
    j = last + 1
    return (
        j < len(texts)
        and texts[j][0].isupper()
        and text[spans[last][1] : spans[j][0]] == " "
        and acronym_letters(texts[j]) is None
    )


# Nouns that make the words before them a compound's first part: "discharge team",
# "discharge letter", "discharge lounge". There the term is a noun to explain, not a verb or
# a phrase to swap for plainer words.
_HEAD_NOUNS = frozenset(
    [
        "team",
        "teams",
        "letter",
        "letters",
        "lounge",
        "lounges",
        "nurse",
        "nurses",
        "coordinator",
        "coordinators",
        "officer",
        "officers",
        "unit",
        "units",
        "desk",
        "form",
        "forms",
        "summary",
        "summaries",
        "pack",
        "packs",
        "office",
        "service",
        "services",
    ]
)


def _in_a_title(texts: list[str], i: int, length: int, sentence_starts: set[int]) -> bool:
    """Whether the term at words i to i + length - 1 is written in capitals inside a longer
    name or title in capitals ("Registered Medical Practitioner", "Service User
    Representative"), not just at the start of a sentence ("Service users said")."""
    if not all(w[:1].isupper() for w in texts[i : i + length]):
        return False
    before = i > 0 and i not in sentence_starts and texts[i - 1][:1].isupper()
    after = (
        i + length < len(texts)
        and i + length not in sentence_starts
        and texts[i + length][:1].isupper()
    )
    return before or after


def _before_head_noun(text: str, spans: list, lowers: list[str], j: int) -> bool:
    """Whether word j is a compound's head noun joined to the word before by a space only."""
    return (
        j < len(lowers)
        and lowers[j] in _HEAD_NOUNS
        and text[spans[j - 1][1] : spans[j][0]] in (" ", "-")
    )


def _split_by_punctuation(text: str, spans: list, i: int, length: int, term: str = "") -> bool:
    """Whether the words of a term found at word i are split by punctuation, as in
    "parents/carers" or "care, plan": then they are not the term. "&" stands for "and"
    ("Enter & View"); a slash is allowed where the term has one itself ("owner/occupiers")."""
    allowed = " \t\n-'’&/" if "/" in term else " \t\n-'’&"
    return any(text[spans[k][1] : spans[k + 1][0]].strip(allowed) for k in range(i, i + length - 1))


# Care words that also have an everyday sense, told apart by the word before them or what
# follows: "mental capacity" and "lacks capacity" are about deciding, "a capacity of fifty"
# and "at full capacity" about room; a care "placement" is a home, "a work placement" a job.
_EVERYDAY_SENSE: dict[str, tuple[frozenset[str], re.Pattern[str] | None]] = {
    "capacity": (
        frozenset(
            {
                *("full", "seating", "spare", "maximum", "storage", "bed", "lung", "personal"),
                # a service's room to do more: "increase the capacity of providers"
                *("increase", "increased", "increasing", "build", "building", "extra"),
                *("additional", "more", "system", "service", "workforce", "staffing"),
            }
        ),
        re.compile(
            r"\s+(?:of|in)\s+(?:the\s+|our\s+|their\s+|local\s+)?(?:support|services?|care"
            r"|providers?|organisations?|system|workforce|staff|teams?|sector)\b"
            r"|\s+(?:of|for)\s+(?:up\s+to\s+|about\s+|around\s+|over\s+|more\s+than\s+)?"
            r"(?:\d|a\s+(?:hundred|thousand)\b|(?:one|two|three|four|five|six|ten|twelve|twenty|thirty|forty|fifty|sixty"
            r"|seventy|eighty|ninety|hundred|thousand)\b)",
            re.I,
        ),
    ),
    # "the extra care needed", "extra care and support": more care, not extra care housing.
    "extra care": (
        frozenset({"the", "some", "any", "more", "take", "taking", "took", "need", "needs"}),
        re.compile(r"\s+(?:needed|and\s+(?:support|attention)|to\b|for\b|with\b)", re.I),
    ),
    "placement": (
        frozenset(
            {
                "work",
                "student",
                "year",
                "university",
                "training",
                "teaching",
                "job",
                "product",
                "advert",
                "school",
                "college",
                "nursing",
                "clinical",
            }
        ),
        None,
    ),
}


def _fits(
    entry: Entry,
    text: str,
    spans: list,
    texts: list[str],
    lowers: list[str],
    i: int,
    sentence_starts: set[int],
) -> bool:
    """Whether the entry's advice fits this use of it: a verb's plainer word only for a verb;
    a "capital" term only when capitalised inside a sentence and not part of a longer name
    ("a Trust priority", "Board Rooms, Trust HQ", not "people they trust" or "Hartlepool
    NHS Trust"); a "common" one only when not ("commissioners", not "the Commissioner for
    Wales"); a "caps" one only in capitals ("RESOLVED"). A care word used in its everyday
    sense is not the care term: "a capacity of fifty", "a work placement"
    (`_EVERYDAY_SENSE`)."""
    other = _EVERYDAY_SENSE.get(entry.term.lower())
    if other is not None:
        before, after = other
        if (i > 0 and lowers[i - 1] in before) or (after and after.match(text, spans[i][1])):
            return False
    if entry.sense in ("", "name", "tip"):
        return True
    if entry.sense == "common":  # not "the Children's Commissioner", a named office
        return not texts[i][0].isupper() or i in sentence_starts
    if entry.sense == "caps":  # "RESOLVED", not "resolved"
        return texts[i].isupper()
    if entry.sense == "capital":
        # "an NHS Trust" is the kind of body, not one trust's name like "Carers Trust".
        return (
            texts[i][0].isupper()
            and i not in sentence_starts
            and i > 0
            and (
                texts[i - 1] == "NHS"
                # "The Trust", "Your Named Person": a capital that only starts the sentence.
                or (i - 1 in sentence_starts and lowers[i - 1] in _OWNERS)
                or not (
                    texts[i - 1][0].isupper() and not text[spans[i - 1][1] : spans[i][0]].strip()
                )
            )
        )
    as_verb = i > 0 and lowers[i - 1] in _BEFORE_VERB
    if entry.sense == "verb":
        return as_verb
    # A noun's -ed or -ing form is its verb: "the discharge" is a term to explain, "they
    # were discharged from hospital" says what it means.
    return not as_verb and not lowers[i].endswith(("ed", "ing"))


def _about(lower: str, bands: Bands, glossary: Glossary) -> tuple:
    """(band, syllables, stem, UK spelling, is a form of "be", may start a glossary term,
    the form it is matched to glossary terms in, a rare word made of everyday parts, the
    common word a rare one is a typing slip of, a formal word)."""
    band = bands.band(lower)
    slip = (typing_slip(lower, bands) or missing_space(lower, bands)) if band == RARE else None
    # A slip is looked up in the glossary as the word it was meant to be ("servce users").
    normal = normal_word(slip or lower)
    word_stem = stem(normal)
    return (
        band,
        syllables(lower),
        word_stem,
        uk_spelling(lower),
        lower in BE_FORMS,
        glossary.may_start_term(word_stem),
        normal,
        band == RARE and made_of_everyday_parts(lower, bands),
        slip,
        band == MID and is_formal(lower, bands),
    )


def _sentences(
    text: str,
    spans: list[tuple[int, int]],
    syllable_counts: list[int],
    report: Report,
    long_words: int,
) -> set[int]:
    """Count sentences and their words and syllables, flag long ones, and return the index
    of the first word of each sentence, heading, list item or table row."""
    starts: set[int] = set()
    ti, n = 0, len(spans)
    for start, end in split_sentences(text):
        while ti < n and spans[ti][0] < start:
            ti += 1
        first = ti
        while ti < n and spans[ti][0] < end:
            ti += 1
        if first < ti:
            starts.add(first)
        if first == ti:
            continue
        what = "sentence"
        if is_structure(text, start, end):
            # A heading, list item or table row is not a sentence, but a long list item is as
            # hard to read as a long sentence.
            line = text[text.rfind("\n", 0, start) + 1 : end].lstrip(" \t")[:1]
            if not (line and line in "-*+•0123456789"):
                continue
            what = "list item"
        else:
            report.sentences += 1
            report.sentence_words += ti - first
            report.syllables += sum(syllable_counts[first:ti])
        if ti - first > long_words:
            report.long_sentences += what == "sentence"
            report.findings.append(
                Finding(
                    start,
                    end,
                    text[start:end][:EXCERPT_CHARACTERS],
                    "long_sentence",
                    f"split this {what}: it has {ti - first} words",
                )
            )
    return starts


def _is_acronym(
    letters: str,
    lower: str,
    band: str,
    bands: Bands,
    texts: list[str],
    i: int,
    last: int,
    capitals: Counter[str] | None = None,
    gap: str = " ",
    dotted: bool = False,
    listed: bool = False,
) -> bool:
    """Whether words i to last, which look like an acronym not in the glossary, are one.

    Capitals are also used for emphasis ("please do NOT ring", "SO, we have", "VERY kind")
    and slip in by mistake ("ClInIc"); redacted names are often XXXX; and a person's
    initials come before their name ("BF Skinner", "J K Rowling"). A little-used word (below
    Zipf 3.5, the formal-word line) written in capitals more than once ("ENRICH", "ACUMEN") is
    the name of a programme spelled as a short form (`capitals`: such words and how often).
    Initials are followed by their name after a single space (`gap`: what stands between),
    or after a full stop when they are written with full stops (`dotted`: "K.F. McCaffer"),
    if the name is little used or the letters follow a title or, with full stops, start an
    item of a list (`listed`: "Councillor PM Morgan", "Mrs C.A. Cave", ", S.T. Edwards").
    """
    if set(letters) == {"X"}:
        return False
    after = texts[last + 1] if last + 1 < len(texts) else ""
    if len(letters) <= 3 and letters.isupper() and _SURNAME.fullmatch(after):
        if dotted and gap == ". " and (listed or bands.band(after.lower()) != COMMON):
            return False  # initials with full stops before a name: "Cllr K.F. McCaffer"
        if gap == " " and (listed or bands.band(after.lower()) != COMMON):
            return False  # initials before a name: "BF Skinner", "Councillor PM Morgan"
    if last > i:
        # "H S A" and "N.O.W." are acronyms; "T H A T" is a word spelled out for emphasis.
        return dotted or len(letters) < 3 or bands.zipf(letters.lower()) < _EMPHASIS_ZIPF
    if len(letters) == 2 and letters.isupper() and bands.zipf(lower) >= _SHORT_EMPHASIS_ZIPF:
        return False  # "SO", "NO", "WE": emphasis
    if not letters.isupper():
        # "DToC", "PhD" are acronyms: they end in a capital. "DId" is a slip of the shift key.
        return letters[-1].isupper() or band != COMMON
    if len(letters) >= 5:
        # "PLEASE", "THANKS" are words; "CAMHS", "CQUIN" are not; "ENRICH" again and again is
        # a programme's name.
        return band == RARE or (
            capitals is not None
            and capitals[letters] > 1
            and bands.zipf(lower) < FORMAL_BELOW_ZIPF  # not "COVID", "UNCLEAR"
        )
    return len(letters) < 3 or bands.zipf(lower) < _EMPHASIS_ZIPF
