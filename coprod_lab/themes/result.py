"""Themes a researcher can read, check and change: labels, quotes, sizes and shares by role.

`find_themes` fits the theme model to a table's text column and describes each theme:
- a label of real words and phrases and its top terms (class-based TF-IDF: words frequent in this
  theme and rare in the others, grouped by stem and shown as people wrote them);
- three quotes, the texts closest to the theme's centre, with speaker and turn where known;
- its size and share, and how it splits by role and by speaker.
Every row gets a theme or "unclustered" with the reason. Rename, merge and split change the
themes in place and describe them again.
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
from coprod_lab.themes.words import Vocabulary

UNCLUSTERED_LABEL = "unclustered"
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
    ) -> None:
        self.texts = [str(t) for t in texts]
        self.model = model
        self.speakers = None if speakers is None else [str(s) for s in speakers]
        self.roles = None if roles is None else [str(r) for r in roles]
        self.turns = None if turns is None else list(turns)
        self.labels = model.labels_.copy()
        self.vocabulary = Vocabulary(self.texts)
        self.reason = model.reason_
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
        return UNCLUSTERED_LABEL if theme_id == UNCLUSTERED else self.theme(theme_id).label

    def rows(self) -> pd.DataFrame:
        """One row per input row: row number (from 1), theme id and label, and why not, if not."""
        labels = {t.id: t.label for t in self.themes}
        return pd.DataFrame(
            {
                "row": np.arange(1, len(self.texts) + 1),
                "theme_id": self.labels,
                "theme_label": [labels.get(t, UNCLUSTERED_LABEL) for t in self.labels],
                "unclustered_because": [NO_WORDS if t == UNCLUSTERED else "" for t in self.labels],
            }
        )

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
        ids = sorted(set(self.labels.tolist()) - {UNCLUSTERED})
        terms = _distinctive_terms(self.vocabulary, self.labels, ids)
        themed = int((self.labels != UNCLUSTERED).sum())
        themes = []
        for theme_id in ids:
            members = np.flatnonzero(self.labels == theme_id)
            spelt = self.vocabulary.spellings(members)
            words = [spelt[key] for key in terms[theme_id]]
            themes.append(
                Theme(
                    id=theme_id,
                    label=self._names.get(theme_id) or _label(words),
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
) -> Themes:
    """Themes in a column of text (utterances, sentences, survey comments)."""
    if not isinstance(table, pd.DataFrame):
        table = pd.DataFrame({text_column: list(table)})
    for column in (text_column, speaker_column, role_column, turn_column):
        if column is not None and column not in table.columns:
            raise CoprodLabError(
                f"There is no column called {column!r}; the columns are "
                f"{', '.join(map(str, table.columns))}."
            )
    texts = table[text_column].fillna("").astype(str).tolist()
    model = ThemeModel(n_themes, random_state=random_state).fit(texts)

    def column(name: str | None) -> list | None:
        return None if name is None else table[name].fillna("").tolist()

    return Themes(
        texts,
        model,
        speakers=column(speaker_column),
        roles=column(role_column),
        turns=column(turn_column),
    )


def _distinctive_terms(
    vocabulary: Vocabulary, labels: np.ndarray, ids: list[int]
) -> dict[int, list[str]]:
    """Class-based TF-IDF: how often a term is in a theme, against how common it is overall."""
    counts = {t: Counter() for t in ids}
    for terms, theme in zip(vocabulary.terms, labels.tolist(), strict=True):
        if theme != UNCLUSTERED:
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


def _label(words: list[str]) -> str:
    """The top three terms, a word left out when a phrase already has it."""
    chosen: list[str] = []
    for word in words:
        if any(word in other.split() or other in word.split() for other in chosen):
            continue
        chosen.append(word)
        if len(chosen) == 3:
            break
    return ", ".join(chosen) if chosen else "no common words"


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
