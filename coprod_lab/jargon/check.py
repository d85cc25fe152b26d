"""Check a text for plain English: rare words, acronyms, jargon, readability, UK spelling.

`check_text` returns a Report: counts and scores, and findings that each carry character
offsets, the term, its kind and a suggestion, so a page can underline them in place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from coprod_lab.config import setting
from coprod_lab.jargon.acronyms import acronym_letters, spelled_out_near
from coprod_lab.jargon.glossary import Glossary, shipped_glossary
from coprod_lab.jargon.rarity import (
    COMMON,
    MID,
    RARE,
    READER_TARGET_RARE_SHARE,
    Bands,
    dejargonizer_score,
)
from coprod_lab.jargon.readability import (
    AIM_SENTENCE_WORDS,
    BE_FORMS,
    flesch_band,
    flesch_reading_ease,
    is_participle,
    syllables,
    uk_spelling,
)
from coprod_lab.text import split_sentences, stem, words

# A long word in capitals this common in everyday English is emphasis, not an acronym.
_EMPHASIS_ZIPF = 4.5


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    term: str
    kind: str
    suggestion: str
    expansion: str = ""
    note: str = ""


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
        return round(self.words / self.sentences, 1) if self.sentences else 0.0

    @property
    def flesch(self) -> float:
        return flesch_reading_ease(self.words, self.sentences, self.syllables)

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
        jargon = len(self.of_kind("jargon")) + len(self.of_kind("phrase"))
        if jargon:
            lines.append(
                f"{_count(jargon, 'word or phrase', 'words or phrases')} with an easier "
                "alternative."
            )
        low, high = AIM_SENTENCE_WORDS
        lines.append(
            f"Sentences have {self.average_sentence_words:g} words on average "
            f"(aim for {low} to {high}); {self.long_sentences} "
            f"{'is' if self.long_sentences == 1 else 'are'} long."
        )
        ease = min(100.0, max(0.0, self.flesch))  # the formula can stray past either end
        lines.append(f"Reading ease: {ease:.0f} out of 100, {flesch_band(self.flesch)}.")
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
                "flesch_reading_ease": self.flesch,
                "flesch_band": flesch_band(self.flesch),
                "average_sentence_words": self.average_sentence_words,
                "long_sentences": self.long_sentences,
                "passive_hints": len(self.of_kind("passive")),
            },
            "acronyms": [asdict(a) for a in self.acronyms],
            "findings": [asdict(f) for f in self.findings],
        }


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def check_text(text: str, glossary: Glossary | None = None, bands: Bands | None = None) -> Report:
    """Check one text. Pass a glossary and bands to reuse them across many texts."""
    glossary = shipped_glossary() if glossary is None else glossary
    bands = Bands() if bands is None else bands
    report = Report()
    findings = report.findings

    spans, texts = [], []
    for m in words(text):
        spans.append(m.span())
        texts.append(m.group())
    lowers = [w.lower().replace("’", "'") if "’" in w else w.lower() for w in texts]
    # Texts repeat their words: work out everything about each distinct word once.
    about = {w: _about(w, bands, glossary) for w in set(lowers)}
    stems = [about[w][2] for w in lowers]
    sentence_starts = _sentences(text, spans, report, setting("long_sentence_words"))

    tally = {COMMON: 0, MID: 0, RARE: 0}
    acronyms: dict[str, list] = {}
    covered_until = -1
    n = len(texts)
    for i in range(n):
        word, lower = texts[i], lowers[i]
        band, syllable_count, _, uk, be, starts_term = about[lower]
        report.syllables += syllable_count
        tally[band] += 1
        start, end = spans[i]
        if word[0].isupper():
            letters = acronym_letters(word)
            entry = glossary.acronym(letters) if letters else None
            if letters and (entry or _is_acronym(letters, lower, band, bands)):
                use = acronyms.get(letters)
                if use is None:
                    expansion = entry.expansion if entry else ""
                    spelled = spelled_out_near(text, start, end, letters, expansion)
                    use = acronyms[letters] = [start, 0, spelled, entry]
                use[1] += 1
                findings.append(
                    Finding(
                        start,
                        end,
                        word,
                        "acronym",
                        f"say “{entry.plain}”" if entry else "spell it out, or use plain words",
                        entry.expansion if entry else "",
                        "spelled out the first time"
                        if use[2]
                        else "not spelled out the first time",
                    )
                )
                continue
            if band != COMMON and i not in sentence_starts:
                # A name ("Priya", "Leeds") mid-sentence is not a rare word.
                tally[band] -= 1
                tally[COMMON] += 1
                report.names += 1
                continue
        if starts_term and i > covered_until:
            hit = glossary.match(stems, lowers, i)
            if hit:
                length, entry = hit
                last_end = spans[i + length - 1][1]
                findings.append(
                    Finding(
                        start, last_end, text[start:last_end], entry.kind, f"try “{entry.plain}”"
                    )
                )
                covered_until = i + length - 1
                continue
        if band == RARE and i > covered_until:
            findings.append(
                Finding(
                    start,
                    end,
                    word,
                    "rare",
                    "rare in everyday English: is there a more common word?",
                )
            )
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
            entry.expansion if entry else "",
            entry.plain if entry else "",
        )
        for acronym, (first_at, uses, spelled, entry) in acronyms.items()
    ]
    findings.sort(key=lambda f: (f.start, -f.end))
    return report


def _about(lower: str, bands: Bands, glossary: Glossary) -> tuple:
    """(band, syllables, stem, UK spelling, is a form of "be", may start a glossary term)."""
    word_stem = stem(lower)
    return (
        bands.band(lower),
        syllables(lower),
        word_stem,
        uk_spelling(lower),
        lower in BE_FORMS,
        glossary.may_start_term(word_stem),
    )


def _sentences(
    text: str, spans: list[tuple[int, int]], report: Report, long_words: int
) -> set[int]:
    """Count sentences, flag long ones, and return the index of each sentence's first word."""
    starts: set[int] = set()
    ti, n = 0, len(spans)
    for start, end in split_sentences(text):
        report.sentences += 1
        while ti < n and spans[ti][0] < start:
            ti += 1
        first = ti
        while ti < n and spans[ti][0] < end:
            ti += 1
        if first < ti:
            starts.add(first)
        if ti - first > long_words:
            report.long_sentences += 1
            report.findings.append(
                Finding(
                    start,
                    end,
                    text[start:end][:60],
                    "long_sentence",
                    f"split this sentence: it has {ti - first} words",
                )
            )
    return starts


def _is_acronym(letters: str, lower: str, band: str, bands: Bands) -> bool:
    """Whether a word that looks like an acronym, and is not in the glossary, is one.

    Capitals are also used for emphasis ("please do NOT ring", "VERY kind") and slip in by
    mistake ("ClInIc"); redacted names are often XXXX.
    """
    if set(letters) == {"X"}:
        return False
    if not letters.isupper():
        return band != COMMON  # "DToC" is an acronym; "DId" is a slip of the shift key
    if len(letters) >= 5:
        return band == RARE  # "PLEASE", "THANKS" are words; "CAMHS", "CQUIN" are not
    return len(letters) < 3 or bands.zipf(lower) < _EMPHASIS_ZIPF
