"""The pitch builder: a 30-second and a 10-minute version, timed and checked for plain English."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
import traitlets

from coprod_lab.config import setting
from coprod_lab.sessions.pairs import list_pairs
from coprod_lab.sessions.pitch import TITLES, pitch_versions, save_pitch, timing
from coprod_lab.store import Store
from coprod_lab.store.schema import PITCH_LENGTHS
from coprod_lab.widgets.page import StorePage, choice, say_date, set_options, text_box

HINTS = {
    "30_seconds": "Who you are, what happened and the one change you want.",
    "10_minutes": "The story in full: what happened, how it felt, what would have helped, "
    "and what you want to happen now.",
}


class PitchBuilder(StorePage):
    """Write, time and check a pair's two pitches; each save keeps a version."""

    TITLE = "Pitch builder"
    INTRO = (
        "Tell your story in 30 seconds, then in 10 minutes. Each check shows how long it takes "
        "to say and points out words people may not know."
    )

    pair_id = traitlets.Int(None, allow_none=True, help="The pair whose pitches are on show.")

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, **options)
        self.pair = choice("Pair")
        self.author = choice("Written by")
        self.texts: dict[str, widgets.Textarea] = {}
        self.buttons: dict[str, widgets.Button] = {}
        self.timings: dict[str, widgets.HTML] = {}
        self.checks: dict[str, widgets.HTML] = {}
        sections: list[widgets.Widget] = []
        for length in PITCH_LENGTHS:
            self.texts[length] = text_box(f"The {TITLES[length]}", rows=4 if "30" in length else 12)
            self.buttons[length] = widgets.Button(
                description=f"Check and save the {TITLES[length]}", button_style="primary"
            )
            self.buttons[length].layout.width = "auto"
            self.timings[length] = widgets.HTML()
            self.checks[length] = widgets.HTML()
            self.buttons[length].on_click(lambda _b, n=length: self.check_and_save(n))
            self.texts[length].observe(lambda _c, n=length: self._time(n), names="value")
            sections += [
                widgets.HTML(f"<h2>The {TITLES[length]}</h2><p>{escape(HINTS[length])}</p>"),
                self.texts[length],
                self.timings[length],
                self.buttons[length],
                self.checks[length],
            ]
        self._follow(self.pair, "pair_id", self._show_pair)
        self._lay_out(self.pair, self.author, self._status, *sections)
        self.refresh()

    def _show(self) -> None:
        found = list_pairs(self._store, self.project_id) if self.project_id else []
        self._pairs = {pair.id: pair for pair in found}
        if not self._offer(self.pair, "pair_id", [(pair.name, pair.id) for pair in found]):
            self._say("There are no pairs yet. Make one on the collaborative pairs page.")
        self._show_pair()

    def _show_pair(self) -> None:
        pair = self._pairs.get(self.pair_id)
        if pair is None:
            return
        set_options(self.author, [pair.lived_experience, pair.professional, "Both of us"])
        for length in PITCH_LENGTHS:
            found = pitch_versions(self._store, pair.id, length)
            self.texts[length].value = found[0].text if found else ""
            self.checks[length].value = ""
            self._time(length, found)

    def _time(self, length: str, found: list | None = None) -> None:
        said = timing(
            self.texts[length].value, length, words_per_minute=setting("words_per_minute")
        ).summary()
        if found is None and self.pair_id is not None:
            found = pitch_versions(self._store, self.pair_id, length)
        saved = (
            f" Last saved {say_date(found[0].saved_at)} by {escape(found[0].author)}"
            f" ({len(found)} version{'s' if len(found) != 1 else ''} kept)."
            if found
            else ""
        )
        self.timings[length].value = f"<p>{escape(said)}{saved}</p>"

    def check_and_save(self, length: str) -> None:
        if self.pair_id is None:
            self._say("Make a pair first, on the collaborative pairs page.")
            return
        text = self.texts[length].value
        # What is on show is for the text being checked, or nothing (an empty pitch, a failed
        # save): never the last check of another text.
        self.checks[length].value = ""
        saved: list = []

        def save_and_check() -> None:
            # Imported here: the plain-English check loads NLTK and word lists, which the page
            # should not pay for until someone checks a pitch (the first check takes 5 to 6 s,
            # most of it importing NLTK; _try shows "Working…" meanwhile).
            from coprod_lab.jargon.check import check_text
            from coprod_lab.jargon.project_glossary import project_glossary
            from coprod_lab.widgets.plain_english import render_report

            saved.append(
                save_pitch(
                    self._store,
                    self.pair_id,
                    length,
                    text,
                    author=self.author.value or "",
                    actor=self._actor,
                )
            )
            self.checks[length].value = render_report(
                text, check_text(text, project_glossary(self._store, self.project_id))
            )

        if not self._try(save_and_check):
            return
        self._time(length)
        if saved[0] is None:
            # A second press while the first was saving lands here too: the words are saved,
            # so say so (a new user read "has not changed" as "your change was not saved").
            self._say(
                f"Saved and checked: the {TITLES[length]}. It is the same as the last saved "
                "version, so no new version was kept."
            )
        else:
            self._say(f"Saved and checked: the {TITLES[length]}.")
