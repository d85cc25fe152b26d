"""Themes a researcher can read, check and change: labels, quotes, sizes and shares by role.

`find_themes` fits the theme model to a table's text column and describes each theme:
- a label of real words and phrases and its top terms (class-based TF-IDF: words frequent in this
  theme and rare in the others, grouped by stem and shown as people wrote them);
- three quotes, the texts closest to the theme's centre, with speaker and turn where known;
- its size and share, and how it splits by role and by speaker.
Every row gets a theme or "unclustered" with the reason. Rename, merge and split change the
themes in place and describe them again.

Turns of talk (a speaker column given, or `meeting=True`) are read as talk.py says: names,
made-up names, markers and filler are left out of what the model reads and of the theme words,
and short replies ("Yes, that's right.", "Cheers, Rachel.") are counted apart, not themed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from coprod_lab.errors import CoprodLabError
from coprod_lab.themes.model import NO_WORDS, UNCLUSTERED, Stability, ThemeModel, _kmeans, _unit
from coprod_lab.themes.talk import (
    SHORT_WORDS,
    TALK_WORDS,
    is_short_reply,
    name_words,
    topic_text,
)
from coprod_lab.themes.words import Vocabulary, stopwords

UNCLUSTERED_LABEL = "unclustered"
SHORT_REPLY = -2  # a turn too short to theme, counted apart
SHORT_REPLY_LABEL = "short reply"
SHORT_REPLY_REASON = f"a short reply: fewer than {SHORT_WORDS} words about anything"
TOP_TERMS = 10
QUOTES = 3


@dataclass
class Quote:
    row: int
    text: str
    speaker: str | None = None
    turn: int | None = None


@dataclass
class Theme:
    id: int
    label: str
    terms: list[str]
    size: int
    share: float  # of the rows that have a theme
    quotes: list[Quote]
    by_role: dict[str, float] = field(default_factory=dict)
    by_speaker: dict[str, float] = field(default_factory=dict)
    renamed: bool = False


class Themes:
    """The themes of one set of texts, and which theme each row is in."""

    def __init__(
        self,
        texts: Sequence[str],
        model: ThemeModel,
        *,
        speakers: Sequence[str] | None = None,
        roles: Sequence[str] | None = None,
        turns: Sequence[int] | None = None,
        read_as: Sequence[str] | None = None,
        short: Sequence[bool] | None = None,
    ) -> None:
        """`read_as`: the texts as the model read them (topic_text), when not the texts
        themselves; `short`: which rows are short replies, counted apart."""
        self.texts = [str(t) for t in texts]
        self.model = model
        self.speakers = None if speakers is None else [str(s) for s in speakers]
        self.roles = None if roles is None else [str(r) for r in roles]
        self.turns = None if turns is None else list(turns)
        self.labels = model.labels_.copy()
        if short is not None:
            self.labels[np.asarray(short, dtype=bool)] = SHORT_REPLY
        self.vocabulary = (
            Vocabulary(self.texts)
            if read_as is None
            else Vocabulary(list(read_as), ignore=TALK_WORDS)
        )
        self.reason = model.reason_
        if self.short_replies:
            self.reason = (
                f"{self.short_replies} short replies ({SHORT_REPLY_REASON}) are counted apart, "
                f"not themed. {self.reason}"
            )
        self.stability: Stability = model.stability_
        self._names: dict[int, str] = {}
        self.themes: list[Theme] = []
        self._describe()

    # --- reading ----------------------------------------------------------------------------

    def theme(self, theme_id: int) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        known = ", ".join(str(t.id) for t in self.themes)
        raise CoprodLabError(f"There is no theme {theme_id}; the themes are {known}.")

    def label_of(self, theme_id: int) -> str:
        if theme_id == SHORT_REPLY:
            return SHORT_REPLY_LABEL
        return UNCLUSTERED_LABEL if theme_id == UNCLUSTERED else self.theme(theme_id).label

    def rows(self) -> pd.DataFrame:
        """One row per input row: row number (from 1), theme id and label, and why not, if not
        (theme id -1 for no words, -2 for a short reply)."""
        labels = {t.id: t.label for t in self.themes}
        labels[SHORT_REPLY] = SHORT_REPLY_LABEL
        why = {UNCLUSTERED: NO_WORDS, SHORT_REPLY: SHORT_REPLY_REASON}
        return pd.DataFrame(
            {
                "row": np.arange(1, len(self.texts) + 1),
                "theme_id": self.labels,
                "theme_label": [labels.get(t, UNCLUSTERED_LABEL) for t in self.labels],
                "unclustered_because": [why.get(t, "") for t in self.labels],
            }
        )

    @property
    def short_replies(self) -> int:
        """How many rows are short replies, counted apart and not themed."""
        return int((self.labels == SHORT_REPLY).sum())

    def summary(self) -> str:
        """Why this many themes, the short replies, and how steady the themes are, in words."""
        return f"{self.reason}\n{self.stability}"

    def table(self) -> pd.DataFrame:
        """The theme table: one row per theme, largest first."""
        return pd.DataFrame(
            [
                {
                    "theme_id": t.id,
                    "theme_label": t.label,
                    "size": t.size,
                    "share": round(t.share, 3),
                    "top_terms": ", ".join(t.terms),
                    "quotes": " | ".join(q.text for q in t.quotes),
                    **{f"share_{role}": round(v, 3) for role, v in t.by_role.items()},
                }
                for t in self.themes
            ]
        )

    @property
    def unclustered(self) -> int:
        return int((self.labels == UNCLUSTERED).sum())

    # --- the researcher's changes -----------------------------------------------------------

    def rename(self, theme_id: int, label: str) -> None:
        label = " ".join(label.split())
        if not label:
            raise CoprodLabError("A theme's name cannot be blank.")
        self.theme(theme_id)
        self._names[theme_id] = label
        self._describe()

    def merge(self, theme_ids: Sequence[int], label: str | None = None) -> int:
        """Put several themes into the first of them; returns its id."""
        ids = list(dict.fromkeys(theme_ids))
        if len(ids) < 2:
            raise CoprodLabError("Choose two or more themes to merge.")
        for theme_id in ids:
            self.theme(theme_id)
        keep = ids[0]
        for theme_id in ids[1:]:
            self.labels[self.labels == theme_id] = keep
            self._names.pop(theme_id, None)
        if label:
            self._names[keep] = " ".join(label.split())
        else:
            self._names.pop(keep, None)
        self._describe()
        return keep

    def split(self, theme_id: int, into: int = 2) -> list[int]:
        """Split a theme into smaller ones by the same similarity; returns the new themes' ids."""
        self.theme(theme_id)
        members = np.flatnonzero(self.labels == theme_id)
        if into < 2 or into > len(members):
            raise CoprodLabError(
                f"Theme {theme_id} has {len(members)} rows; it can be split into 2 to "
                f"{len(members)} themes, not {into}."
            )
        points = self.model._centred(self.model.vectors_[members])
        parts = _kmeans(points, into, self.model.random_state)
        first = max(t.id for t in self.themes) + 1
        new_ids = [first + part for part in range(into)]
        self.labels[members] = first + parts
        self._names.pop(theme_id, None)
        self._describe()
        return new_ids

    # --- describing -------------------------------------------------------------------------

    def _describe(self) -> None:
        ids = sorted(t for t in set(self.labels.tolist()) if t >= 0)
        terms = _distinctive_terms(self.vocabulary, self.labels, ids)
        themed = int((self.labels >= 0).sum())
        themes = []
        for theme_id in ids:
            members = np.flatnonzero(self.labels == theme_id)
            spelt = self.vocabulary.spellings(members)
            words = [spelt[key] for key in terms[theme_id]]
            phrase = _phrase(self.vocabulary, members, terms[theme_id][:3])
            themes.append(
                Theme(
                    id=theme_id,
                    label=self._names.get(theme_id) or _label(words, phrase),
                    terms=words,
                    size=len(members),
                    share=len(members) / themed,
                    quotes=self._quotes(members, terms[theme_id][:5]),
                    by_role=_shares(self.roles, members),
                    by_speaker=_shares(self.speakers, members),
                    renamed=theme_id in self._names,
                )
            )
        themes.sort(key=lambda t: (-t.size, t.id))
        _make_unique([t for t in themes if not t.renamed])
        self.themes = themes

    def _quotes(self, members: np.ndarray, top_terms: list[str]) -> list[Quote]:
        """The texts most typical of a theme: those that use its top terms most (for their
        length), then those nearest its centre; whole thoughts (three words or more) first."""
        points = self.model._centred(self.model.vectors_[members])
        centre = _unit(points.mean(axis=0, keepdims=True))[0]
        closeness = points @ centre
        wanted = set(top_terms)

        def typical(i: int) -> tuple[bool, float, float]:
            row = members[i]
            terms = set(self.vocabulary.terms[row])
            uses = len(terms & wanted) / math.sqrt(len(terms)) if terms else 0.0
            return (len(self.texts[row].split()) < 3, -uses, -float(closeness[i]))

        order = [members[i] for i in sorted(range(len(members)), key=typical)]
        quotes: list[Quote] = []
        seen: set[str] = set()
        for row in order:
            text = self.texts[row].strip()
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            quotes.append(
                Quote(
                    row=int(row) + 1,
                    text=text,
                    speaker=None if self.speakers is None else self.speakers[row],
                    turn=None if self.turns is None else int(self.turns[row]),
                )
            )
            if len(quotes) == QUOTES:
                break
        return quotes


def find_themes(
    table: pd.DataFrame | Sequence[str],
    text_column: str = "text",
    *,
    speaker_column: str | None = None,
    role_column: str | None = None,
    turn_column: str | None = None,
    n_themes: int | None = None,
    random_state: int = 0,
    meeting: bool | None = None,
) -> Themes:
    """Themes in a column of text (utterances, sentences, survey comments).

    `meeting`: read the rows as turns of talk (see talk.py): speakers' names, made-up names
    ("Person 1"), markers ("[PERSON 3]", "xxxx") and filler never become theme words or move
    the themes, and turns with fewer than SHORT_WORDS words about anything are counted as short
    replies (theme id -2), not themed. By default True when `speaker_column` is given, False
    otherwise (survey comments, where "Very good" is an answer).
    Raises CoprodLabError for a column the table does not have.
    """
    if not isinstance(table, pd.DataFrame):
        table = pd.DataFrame({text_column: list(table)})
    for column in (text_column, speaker_column, role_column, turn_column):
        if column is not None and column not in table.columns:
            raise CoprodLabError(
                f"There is no column called {column!r}; the columns are "
                f"{', '.join(map(str, table.columns))}."
            )
    texts = table[text_column].fillna("").astype(str).tolist()

    def column(name: str | None) -> list | None:
        return None if name is None else table[name].fillna("").tolist()

    if meeting is None:
        meeting = speaker_column is not None
    read_as = short = None
    if meeting:
        names = name_words(column(speaker_column) or [])
        read_as = [topic_text(text, names) for text in texts]
        short = [is_short_reply(text, stopwords()) for text in read_as]
        # The model reads no words in a short reply, so it is left out of every theme.
        model_texts = ["" if s else t for t, s in zip(read_as, short, strict=True)]
    else:
        model_texts = texts
    # A meeting of 30 to 200 turns may hold only two or three topics: let it say so.
    fewest = 2 if meeting else 4
    model = ThemeModel(n_themes, min_themes=fewest, random_state=random_state).fit(model_texts)
    return Themes(
        texts,
        model,
        speakers=column(speaker_column),
        roles=column(role_column),
        turns=column(turn_column),
        read_as=read_as,
        short=short,
    )


def _distinctive_terms(
    vocabulary: Vocabulary, labels: np.ndarray, ids: list[int]
) -> dict[int, list[str]]:
    """Class-based TF-IDF: how often a term is in a theme, against how common it is overall."""
    counts = {t: Counter() for t in ids}
    for terms, theme in zip(vocabulary.terms, labels.tolist(), strict=True):
        if theme >= 0:
            counts[theme].update(terms)
    overall: Counter[str] = Counter()
    for counter in counts.values():
        overall.update(counter)
    average = sum(overall.values()) / max(1, len(ids))
    top: dict[int, list[str]] = {}
    for theme, counter in counts.items():
        total = max(1, sum(counter.values()))
        # A term must come up at least twice in a theme to name it, when the theme is big enough.
        least = 2 if total >= 20 else 1
        weights = {
            term: n / total * math.log(1 + average / overall[term])
            for term, n in counter.items()
            if n >= least
        }
        top[theme] = [term for term, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))][
            :TOP_TERMS
        ]
    return top


# Short words that may sit inside a phrase: "waiting for appointments", "letter from the ward".
# Not "and": a label joins its parts with "and" already ("back and forth and people").
_JOINING = frozenset(["of", "for", "to", "in", "on", "with", "at", "about", "from"])


def _phrase(vocabulary: Vocabulary, members: np.ndarray, top: list[str]) -> str | None:
    """The phrase of two or three words, one of them a top term, that the most of a theme's
    texts say (two texts at least): "remote control", "waiting for appointments"."""
    from coprod_lab.text import stem

    wanted = {part for term in top for part in term.split()}
    seen: Counter[tuple[str, ...]] = Counter()
    spelling: dict[tuple[str, ...], Counter[str]] = {}
    for row in members:
        doc = vocabulary.documents[row]
        found: set[tuple[str, ...]] = set()
        for i in range(len(doc) - 1):
            for size in (2, 3):
                words = doc[i : i + size]
                ends = (words[0], words[-1])
                if len(words) < size or not all(_is_term(w, vocabulary.ignore) for w in ends):
                    continue
                if (size == 3 and words[1] not in _JOINING) or words[0] == words[-1]:
                    continue  # "tactile tactile" is a stumble, not a phrase
                key = tuple(stem(w) for w in words)
                if wanted & {key[0], key[-1]}:
                    found.add(key)
                    spelling.setdefault(key, Counter())[" ".join(words)] += 1
        seen.update(found)
    best = [(n, len(key), key) for key, n in seen.items() if n >= 2]
    if not best:
        return None
    _, _, key = max(best)
    return spelling[key].most_common(1)[0][0]


def _is_term(word: str, ignore: frozenset[str]) -> bool:
    from coprod_lab.themes.words import _content

    return _content(word, ignore)


def _label(words: list[str], phrase: str | None = None) -> str:
    """A phrase about the topic: the theme's most said phrase, if it has one, and its top terms,
    a word left out when a phrase already has it ("remote control and buttons"; "staff, time
    and care")."""
    chosen: list[str] = [phrase] if phrase else []
    for word in words:
        if any(word in other.split() or other in word.split() for other in chosen):
            continue
        if any(part in other.split() for part in word.split() for other in chosen):
            continue
        chosen.append(word)
        if len(chosen) == (2 if phrase else 3):
            break
    if not chosen:
        return "no common words"
    return chosen[0] if len(chosen) == 1 else f"{', '.join(chosen[:-1])} and {chosen[-1]}"


def _make_unique(themes: list[Theme]) -> None:
    seen: Counter[str] = Counter()
    for theme in themes:
        seen[theme.label] += 1
        if seen[theme.label] > 1:
            theme.label = f"{theme.label} ({seen[theme.label]})"


def _shares(values: list[str] | None, members: np.ndarray) -> dict[str, float]:
    if values is None or len(members) == 0:
        return {}
    counts = Counter(values[row] for row in members)
    return {key: n / len(members) for key, n in counts.most_common()}
