"""The transcript reader: one session's turns (speaker, role, time), coded passages
highlighted in their codes' colours; choose words by mouse or keyboard and give them one or
more codes, code a whole turn, remove a coding, undo the last change.

Choosing words inside a turn needs a front-end piece: ipywidgets has no widget that reports a
text selection. It is an anywidget (anywidget on PyPI, kept by the Jupyter widgets
community), so it needs no JavaScript build and runs in JupyterLab and Voilà alike. The front
end (reader.js) only reports the choice as {"turn_id", "start", "end"}, character offsets
within the turn's stored text; all saving goes through coprod_lab.coding.passages (one
transaction, audited, coder and time). The browser is not trusted: the offsets and the turn
are checked again when saved.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from coprod_lab.coding import passages
from coprod_lab.coding.codebook import code_book
from coprod_lab.coding.reading import clock, session_codings, session_turns, sessions_of
from coprod_lab.labels import ROLE_LABELS
from coprod_lab.store import Store
from coprod_lab.widgets.page import StorePage, choice, row

_HERE = Path(__file__).parent
NOTHING_CHOSEN = "No words chosen yet: choose some in a turn with the mouse or the keyboard."


class TurnsView(anywidget.AnyWidget):
    """The turns and their highlights in the browser, and the words the person chose there."""

    _esm = (_HERE / "reader.js").read_text(encoding="utf-8")
    _css = (_HERE / "reader.css").read_text(encoding="utf-8")

    turns = traitlets.List(
        traitlets.Dict(),
        help="One dict per turn: id, turn, speaker, role, time, text, segments "
        "[{start, end, colours}], codings (sentences).",
    ).tag(sync=True)
    selection = traitlets.Dict(
        help="The words chosen in the browser: {turn_id, start, end} (offsets in the turn's "
        "text, end not included), or {} for none."
    ).tag(sync=True)
    current_turn = traitlets.Int(
        None, allow_none=True, help="The utterance id of the turn the keyboard is in."
    ).tag(sync=True)


class TranscriptReader(StorePage):
    """Code one session's turns: the researcher's own words are kept as character offsets."""

    TITLE = "Code a transcript"
    INTRO = (
        "Choose words in a turn, tick one or more codes, and press the button to code them. "
        "Coded words are marked in their codes' colours."
    )

    session_id = traitlets.Int(None, allow_none=True, help="The session shown.")

    def __init__(self, store: Store, *, real_names: bool = False, **options: Any) -> None:
        super().__init__(store, **options)
        self._real_names = real_names
        self._texts: dict[int, str] = {}
        self._turn_numbers: dict[int, int] = {}
        self.session = choice("Session")
        self._follow(self.session, "session_id", self._show)
        self.view = TurnsView()
        self.chosen = widgets.HTML(f"<p>{NOTHING_CHOSEN}</p>")
        self.codes = widgets.SelectMultiple(
            description="Codes to give",
            rows=6,
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        self.code_words = widgets.Button(
            description="Code the chosen words", button_style="primary"
        )
        self.code_turn = widgets.Button(description="Code the whole turn")
        self.coding = choice("Coding in this turn")
        self.remove = widgets.Button(description="Remove this coding")
        self.undo = widgets.Button(description="Undo my last change")
        self.code_words.on_click(lambda _b: self.code_selection())
        self.code_turn.on_click(lambda _b: self.code_whole_turn())
        self.remove.on_click(lambda _b: self.remove_coding())
        self.undo.on_click(lambda _b: self.undo_last())
        self.view.observe(lambda _c: self._show_choice(), names=["selection", "current_turn"])
        self._lay_out(
            self.session,
            self.view,
            self.chosen,
            self.codes,
            row(self.code_words, self.code_turn),
            row(self.coding, self.remove),
            self.undo,
            self._status,
        )
        self.refresh()

    # --- showing --------------------------------------------------------------------------

    def _show(self) -> None:
        if self.project_id is None:
            self.view.turns = []
            return
        self._offer(self.session, "session_id", sessions_of(self._store, self.project_id))
        book = code_book(self._store, self.project_id)
        ticked = self.codes.value
        self.codes.options = [(p, n) for p, n in zip(book["path"], book["name"], strict=True)]
        self.codes.value = tuple(n for n in ticked if n in set(book["name"]))
        self._show_turns()

    def _show_turns(self) -> None:
        if self.session_id is None:
            self.view.turns = []
            self._show_choice()
            return
        pid, sid = self.project_id, self.session_id
        turns = session_turns(self._store, pid, sid, real_names=self._real_names)
        coded = session_codings(self._store, pid, sid)
        self._texts = dict(zip(turns["utterance_id"], turns["text"], strict=True))
        self._turn_numbers = dict(zip(turns["utterance_id"], turns["turn"], strict=True))
        self._codings = coded
        by_turn = {uid: group for uid, group in coded.groupby("utterance_id")}
        shown = []
        for t in turns.itertuples():
            mine = by_turn.get(t.utterance_id)
            segments, sentences = [], []
            if mine is not None:
                for c in mine.itertuples():
                    segments.append(
                        {"start": int(c.start_char), "end": int(c.end_char), "colours": [c.colour]}
                    )
                    sentences.append(self._coding_sentence(c, t.text))
            shown.append(
                {
                    "id": int(t.utterance_id),
                    "turn": int(t.turn),
                    "speaker": t.speaker,
                    "role": ROLE_LABELS.get(t.role, t.role).lower(),
                    "time": clock(t.start),
                    "text": t.text,
                    "segments": segments,
                    "codings": sentences,
                }
            )
        self.view.turns = shown
        self._show_choice()

    @staticmethod
    def _coding_sentence(coding: Any, text: str) -> str:
        words = text[coding.start_char : coding.end_char]
        whole = coding.start_char == 0 and coding.end_char == len(text)
        return f"{coding.code} by {coding.coder}: " + (
            "the whole turn" if whole else f"\u201c{words}\u201d"
        )

    def _show_choice(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            self.chosen.value = f"<p>{NOTHING_CHOSEN}</p>"
        else:
            uid, start, end = chosen
            words = self._texts[uid][start:end]
            self.chosen.value = (
                f"<p>Chosen in turn {self._turn_numbers[uid] + 1}: \u201c{escape(words)}\u201d</p>"
            )
        turn = self._turn_in_hand()
        options: list[tuple[str, int]] = []
        if turn is not None and getattr(self, "_codings", None) is not None:
            mine = self._codings[self._codings["utterance_id"] == turn]
            options = [
                (self._coding_sentence(c, self._texts[turn]), int(c.passage_id))
                for c in mine.itertuples()
            ]
        self.coding.options = options
        self.coding.value = options[0][1] if options else None

    def _chosen(self) -> tuple[int, int, int] | None:
        """The chosen words as (utterance id, start, end), if they are in a turn shown."""
        sel = self.view.selection or {}
        try:
            uid, start, end = int(sel["turn_id"]), int(sel["start"]), int(sel["end"])
        except (KeyError, TypeError, ValueError):
            return None
        if uid not in self._texts or not 0 <= start < end <= len(self._texts[uid]):
            return None
        return uid, start, end

    def _turn_in_hand(self) -> int | None:
        """The turn the person is working on: where words are chosen, else the one focused."""
        chosen = self._chosen()
        if chosen is not None:
            return chosen[0]
        turn = self.view.current_turn
        return turn if turn in self._texts else None

    # --- actions --------------------------------------------------------------------------

    def _give(self, uid: int, start: int, end: int, what: str) -> None:
        names = list(self.codes.value)
        if not names:
            self._say("Tick at least one code to give first. Nothing was coded.")
            return
        made: list[int] = []

        def save() -> None:
            made.extend(
                passages.code_passage(
                    self._store,
                    self.project_id,
                    uid,
                    names,
                    coder=self._actor,
                    start=start,
                    end=end,
                )
            )

        if self._try(save):
            self.view.selection = {}
            self._show_turns()
            codes = " and ".join(names)
            if made:
                self._say(f"Saved: {what} coded {codes}.")
            else:
                self._say(f"You had already coded {what} {codes}; nothing changed.")

    def code_selection(self) -> None:
        """Give the ticked codes to the chosen words."""
        chosen = self._chosen()
        if chosen is None:
            self._say("Choose some words in a turn first. Nothing was coded.")
            return
        uid, start, end = chosen
        self._give(uid, start, end, f"\u201c{self._texts[uid][start:end]}\u201d")

    def code_whole_turn(self) -> None:
        """Give the ticked codes to the whole turn the person is in."""
        uid = self._turn_in_hand()
        if uid is None:
            self._say("Go to a turn first (click it or reach it with Tab). Nothing was coded.")
            return
        self._give(uid, 0, len(self._texts[uid]), f"turn {self._turn_numbers[uid] + 1}")

    def remove_coding(self) -> None:
        """Remove the coding chosen under 'Coding in this turn'."""
        passage = self.coding.value
        if passage is None:
            self._say("There is no coding in this turn to remove.")
            return
        if self._try(
            lambda: passages.remove_coding(self._store, self.project_id, passage, actor=self._actor)
        ):
            self._show_turns()
            self._say("Saved: that coding is removed. Undo puts it back.")

    def undo_last(self) -> None:
        """Take back the person's last coding or removal."""
        said: list[str] = []
        if self._try(
            lambda: said.append(passages.undo_last(self._store, self.project_id, actor=self._actor))
        ):
            self._show_turns()
            self._say(f"Saved: {said[0][0].lower()}{said[0][1:]}")
