"""The co-analyst's page: read a transcript turn by turn in large plain text, and for each turn
choose codes, pick out the words that matter and say why, mark it, suggest a new code. Phone
first; every press saves at once and says "Saved" next to it.

The co-analyst and the turn on show live in the kernel, never in a widget, so nothing the
browser sends can name another person or a turn or session that is not open: every press is
checked again in the store (coprod_lab.coanalysis.work). The session chooser lists only open
sessions, and the page checks again that the one chosen is still open.

Picking out words works by touch and by keyboard alike: each word is a checkbox (tap it, or
Tab to it and press Space), drawn as a word that lights up when chosen (coprod.css); screen
readers hear "six, checkbox, checked". The words chosen in a row become one selection.
"""

from __future__ import annotations

import threading
from html import escape

import ipywidgets as widgets

from coprod_lab.coanalysis import invitations, opening, work
from coprod_lab.coanalysis.turns import SharedTurn, shared_turns
from coprod_lab.store import Store
from coprod_lab.widgets.page import Says, said_here

_FIELD = {"style": {"description_width": "initial"}, "layout": {"width": "auto"}}


def _button(label: str, style: str = "") -> widgets.Button:
    return widgets.Button(description=label, tooltip=label, button_style=style)


def _row(*children: widgets.Widget) -> widgets.HBox:
    return widgets.HBox(list(children), layout={"flex_flow": "row wrap"})


def _tick(label: str) -> widgets.Checkbox:
    return widgets.Checkbox(description=label, value=False, indent=False, layout={"width": "auto"})


def progress_sentence(done: int, total: int) -> str:
    """ "12 of 40 turns done"."""
    return f"{done} of {total} turns done"


class CoAnalysisPage(Says, widgets.VBox):
    """Everything a co-analyst does, for the co-analyst whose personal link opened the page.

    query: the page address's query: {"coanalyst": token, "session": id (optional)}."""

    def __init__(self, store: Store, query: dict[str, str] | None = None) -> None:
        super().__init__()
        self.add_class("coprod-page")
        self.add_class("coprod-coanalysis")
        self._store = store
        self._lock = threading.RLock()
        self._status = widgets.HTML()
        self._status.add_class("coprod-status")
        self.session_id: int | None = None
        self.turns: list[SharedTurn] = []
        self.index = 0
        query = query or {}
        self.who = invitations.by_token(store, query.get("coanalyst", ""))
        if self.who is None:
            self.children = [
                widgets.HTML(
                    "<h1>Co-analysis</h1><p>This link did not work. Ask the researcher for your "
                    "personal link.</p>"
                )
            ]
            return
        self._build()
        wanted = query.get("session", "")
        self.choose_session(int(wanted) if wanted.isdigit() else None)

    # --- the frame, made once -----------------------------------------------------------

    def _build(self) -> None:
        self._top = widgets.HTML()
        self.session_chooser = widgets.Dropdown(description="Which meeting", **_FIELD)
        self.session_chooser.observe(
            lambda change: self.choose_session(change["new"]) if not self._filling else None,
            names="value",
        )
        self._filling = False
        self.progress = widgets.HTML()
        self.back = _button("Back")
        self.back.on_click(lambda _b: self.go(self.index - 1))
        self.next = _button("Next turn", "primary")
        self.next.on_click(lambda _b: self.next_turn())
        self.skip = _button("Skip this turn")
        self.skip.on_click(lambda _b: self.skip_turn())
        self.resume = _button("Go to where I stopped")
        self.resume.on_click(
            lambda _b: self.go(work.where_stopped(self._store, self.who, self.turns))
        )
        self.nav_said = said_here()
        # Words typed but not yet saved, per turn (utterance id), kept in the kernel only.
        self._drafts: dict[int, dict] = {}
        self._shown: int | None = None  # the utterance id whose words the fields hold
        self.drafts_note = widgets.HTML()
        self.drafts_note.add_class("coprod-status")
        self.turn_text = widgets.HTML()
        self.turn_text.add_class("coprod-turn")
        # Codes: one tick and a meaning per code, rebuilt when the code book changes.
        self.codes_box = widgets.VBox()
        self.code_ticks: dict[str, widgets.Checkbox] = {}
        self.code_said: dict[str, widgets.HTML] = {}
        self._codes_shown: tuple = ()
        # Marks.
        self.important = _tick("This is important")
        self.important.observe(lambda c: self._mark_changed("important", c), names="value")
        self.important_said = said_here()
        self.differently_shown = widgets.HTML()  # their saved reading of this turn, if any
        self.differently_note = widgets.Textarea(
            description="How do you read it? (you can leave this empty)",
            rows=2,
            continuous_update=False,
            **_FIELD,
        )
        self.differently = _button("I read this differently")
        self.differently.on_click(lambda _b: self.read_differently())
        self.differently_said = said_here()
        # Words that matter.
        self.pick_words = _tick("Pick out the words that matter")
        self.pick_words.observe(lambda c: self._show_words(c["new"]), names="value")
        self.words_box = widgets.HBox(layout={"flex_flow": "row wrap"})
        self.words_box.add_class("coprod-words")
        self.word_ticks: list[tuple[int, int, widgets.Checkbox]] = []
        self.why = widgets.Textarea(
            description="Why do these words matter? (one sentence)",
            rows=2,
            continuous_update=False,
            **_FIELD,
        )
        self.save_words = _button("Save these words", "primary")
        self.save_words.on_click(lambda _b: self.keep_words())
        self.words_said = said_here()
        self.picker = widgets.VBox([self.words_box, self.why, self.save_words, self.words_said])
        self.picker.layout.display = "none"
        self.picked = widgets.HTML()
        # A new code.
        self.suggestion = widgets.Text(
            description="A new code, in your own words", continuous_update=False, **_FIELD
        )
        self.suggestion_meaning = widgets.Text(
            description="What it means (you can leave this empty)",
            continuous_update=False,
            **_FIELD,
        )
        self.suggest = _button("Suggest this code")
        self.suggest.on_click(lambda _b: self.suggest_code())
        self.suggest_said = said_here()
        self.children = [
            self._top,
            self.session_chooser,
            self.progress,
            _row(self.back, self.next, self.skip, self.resume),
            self.nav_said,
            self.drafts_note,
            self.turn_text,
            widgets.HTML("<h2>Which codes fit this turn?</h2>"),
            self.codes_box,
            widgets.HTML("<h2>Your view</h2>"),
            self.important,
            self.important_said,
            self.differently_shown,
            self.differently_note,
            self.differently,
            self.differently_said,
            self.pick_words,
            self.picker,
            self.picked,
            widgets.HTML("<h2>A code that is missing</h2>"),
            self.suggestion,
            self.suggestion_meaning,
            self.suggest,
            self.suggest_said,
            self._status,
        ]

    # --- sessions and turns -------------------------------------------------------------

    def choose_session(self, session_id: int | None) -> None:
        """Show an open session (the first open one when None or not open)."""
        with self._lock:
            opened = opening.open_sessions(self._store, self.who.project_id)
            self._filling = True
            try:
                self.session_chooser.options = [(title, sid) for sid, title in opened]
                ids = [sid for sid, _ in opened]
                chosen = session_id if session_id in ids else (ids[0] if ids else None)
                self.session_chooser.value = chosen
            finally:
                self._filling = False
            self.session_chooser.layout.display = "flex" if len(opened) > 1 else "none"
            self._keep_draft()
            self._shown = None  # the turns change: go() must not file these words again
            if chosen is None:
                self.session_id, self.turns = None, []
                self._top.value = (
                    f"<h1>Co-analysis</h1><p>Hello {escape(self.who.name)}. No meeting is open "
                    "for co-analysis just now. The researcher will tell you when one is.</p>"
                )
                self._show_turn()
                self._bring_back_draft()
                return
            if session_id is not None and session_id != chosen:
                self._say("That meeting is not open for co-analysis.", self.nav_said)
            self.session_id = chosen
            title = dict(opened)[chosen]
            self.turns = shared_turns(self._store, self.who.project_id, chosen)
            self._top.value = (
                f"<h1>{escape(title)}</h1><p>You are reading as {escape(self.who.name)}. "
                f"<a href='?coanalyst={escape(self.who.token)}'>Your personal link</a> brings you "
                "back here. Everything you press is saved at once. There are no wrong answers: "
                "your reading is what we want to hear.</p>"
            )
            self.go(work.where_stopped(self._store, self.who, self.turns))

    @property
    def turn(self) -> SharedTurn | None:
        return self.turns[self.index] if self.turns else None

    def go(self, index: int) -> None:
        """Show turn number `index` (0-based), kept within the session."""
        with self._lock:
            self._keep_draft()
            if self.turns:
                self.index = max(0, min(index, len(self.turns) - 1))
            self._clear_turn_messages()
            self._show_turn()
            self._bring_back_draft()

    # Unsaved words are kept as drafts, not saved as the person leaves the turn: "I read this
    # differently" and "Suggest this code" are things the group sees at the meeting, so only
    # the person's own press may send them. Moving between turns must never lose what they
    # typed either (house rule), so each turn keeps its unsaved words until they come back,
    # and a line under the buttons says which turns have words not saved yet.

    def _draft_now(self) -> dict:
        """The unsaved words on the page now: the text fields and the chosen words."""
        fields = {
            name: getattr(self, name).value
            for name in ("differently_note", "why", "suggestion", "suggestion_meaning")
        }
        draft = {name: text for name, text in fields.items() if text.strip()}
        chosen = [i for i, (_s, _e, tick) in enumerate(self.word_ticks) if tick.value]
        if chosen:
            draft["words"] = chosen
        return draft

    def _keep_draft(self) -> None:
        if self._shown is None:
            return
        draft = self._draft_now()
        if draft:
            self._drafts[self._shown] = draft
        else:
            self._drafts.pop(self._shown, None)

    def _after_save(self) -> None:
        """A save cleared its own fields: forget them as a draft too."""
        self._keep_draft()
        self._show_drafts_note()

    def _bring_back_draft(self) -> None:
        turn = self.turn
        self._shown = turn.utterance_id if turn is not None else None
        draft = self._drafts.get(turn.utterance_id, {}) if turn is not None else {}
        for name in ("differently_note", "why", "suggestion", "suggestion_meaning"):
            getattr(self, name).value = draft.get(name, "")
        if draft.get("words"):
            if not self.pick_words.value:
                self.pick_words.value = True  # shows this turn's words (observer)
            for i in draft["words"]:
                if i < len(self.word_ticks):
                    self.word_ticks[i][2].value = True
        self._show_drafts_note()

    def _show_drafts_note(self) -> None:
        current = self.turn.utterance_id if self.turn is not None else None
        where = [
            i + 1
            for i, t in enumerate(self.turns)
            if t.utterance_id in self._drafts and t.utterance_id != current
        ]
        here = current in self._drafts
        lines = []
        if here:
            lines.append(
                "The words you wrote here before are back. They are not saved until you "
                "press the button under them."
            )
        if where:
            turns = ", ".join(str(n) for n in where)
            lines.append(
                f"You have words not saved yet on turn {turns}. They wait there for you."
                if len(where) == 1
                else f"You have words not saved yet on turns {turns}. They wait there for you."
            )
        self.drafts_note.value = "".join(f"<p>{escape(line)}</p>" for line in lines)

    def _clear_turn_messages(self) -> None:
        """A "Saved" line under a control speaks of the turn it was pressed on: clear them all
        when another turn is shown, or it would read as said of the new turn."""
        for line in (
            *self.code_said.values(),
            self.important_said,
            self.differently_said,
            self.words_said,
            self.suggest_said,
        ):
            line.value = ""

    def next_turn(self) -> None:
        """Count this turn as read (if nothing else was done) and show the next one."""
        turn = self.turn
        if turn is None:
            return
        if not work.turn_state(self._store, self.who, turn).done and not self._try(
            lambda: work.mark(self._store, self.who, turn.utterance_id, "read"), self.nav_said
        ):
            return
        if self.index == len(self.turns) - 1:
            self._show_progress()
            self._say("Saved. That was the last turn: thank you.", self.nav_said)
            return
        self.go(self.index + 1)

    def skip_turn(self) -> None:
        turn = self.turn
        if turn is None:
            return
        number = self.index + 1  # said with the message: it shows above the next turn
        if self._try(
            lambda: work.mark(self._store, self.who, turn.utterance_id, "skipped"), self.nav_said
        ):
            if self.index < len(self.turns) - 1:
                self.go(self.index + 1)
            self._say(f"Saved: turn {number} skipped.", self.nav_said)

    def _show_progress(self) -> None:
        done = work.done_turns(self._store, self.who, [t.utterance_id for t in self.turns])
        self.progress.value = (
            f"<p class='coprod-progress'>Turn {self.index + 1} of {len(self.turns)} · "
            f"{progress_sentence(len(done), len(self.turns))}</p>"
        )

    def _show_turn(self) -> None:
        turn = self.turn
        for control in (self.back, self.next, self.skip, self.resume):
            control.disabled = turn is None
        if turn is None:
            self.progress.value = ""
            self.turn_text.value = "<p>There are no turns to read here.</p>"
            self.codes_box.children = []
            self.words_box.children = []
            self.picked.value = ""
            self.differently_shown.value = ""
            return
        self.back.disabled = self.index == 0
        state = work.turn_state(self._store, self.who, turn)
        self.turn_text.value = (
            f"<p class='coprod-speaker'>{escape(turn.speaker)} said:</p>"
            f"<blockquote class='coprod-turn-text'>{self._marked(turn, state)}</blockquote>"
        )
        self._show_codes(state)
        self._filling = True
        try:
            self.important.value = "important" in state.marks
        finally:
            self._filling = False
        self._show_words(self.pick_words.value)
        self._show_picked(state)
        self._show_differently(state)
        # "Turn N of M" last: messages reach the phone in order, so once it reads the new turn
        # the ticks already show this turn's codes (a press can't land on the last turn's tick).
        self._show_progress()

    def _show_differently(self, state: work.TurnState) -> None:
        """Their saved "I read this differently", so they see it when they come back."""
        if "read_differently" not in state.marks:
            self.differently_shown.value = ""
            return
        note = state.marks["read_differently"] or ""
        self.differently_shown.value = (
            f"<p>You read this differently: {escape(note)}</p>"
            if note
            else "<p>You said you read this differently.</p>"
        )

    def _marked(self, turn: SharedTurn, state: work.TurnState) -> str:
        """The turn's words, with the words this co-analyst picked out highlighted."""
        spans = sorted((s["start"], s["end"]) for s in state.selections)
        out, at = [], 0
        for start, end in spans:
            if start < at:
                continue
            out += [escape(turn.text[at:start]), f"<mark>{escape(turn.text[start:end])}</mark>"]
            at = end
        out.append(escape(turn.text[at:]))
        return "".join(out)

    # --- codes --------------------------------------------------------------------------

    def _show_codes(self, state: work.TurnState) -> None:
        shown = tuple(work.codes_to_choose(self._store, self.who.project_id))
        if shown != self._codes_shown:
            self._codes_shown = shown
            self.code_ticks, self.code_said, children = {}, {}, []
            for name, meaning in shown:
                tick = _tick(name)
                tick.observe(lambda c, name=name: self._code_changed(name, c), names="value")
                said = said_here()
                self.code_ticks[name], self.code_said[name] = tick, said
                line = widgets.HTML(
                    f"<p class='coprod-meaning'>{escape(meaning)}</p>" if meaning else ""
                )
                children += [tick, line, said]
            self.codes_box.children = children or [widgets.HTML("<p>There are no codes yet.</p>")]
        self._filling = True
        try:
            for name, tick in self.code_ticks.items():
                tick.value = name in state.codes
        finally:
            self._filling = False

    def _code_changed(self, name: str, change: dict) -> None:
        if self._filling or self.turn is None:
            return
        turn, on = self.turn, bool(change["new"])
        near = self.code_said[name]
        if self._try(
            lambda: work.set_code(self._store, self.who, turn.utterance_id, name, on), near
        ):
            self._say(f"Saved: {name} {'added' if on else 'taken off'}.", near)
            self._show_progress()
        else:
            self._filling = True
            try:
                change["owner"].value = not on
            finally:
                self._filling = False

    # --- marks --------------------------------------------------------------------------

    def _mark_changed(self, kind: str, change: dict) -> None:
        if self._filling or self.turn is None:
            return
        turn, on = self.turn, bool(change["new"])
        near = self.important_said
        if self._try(lambda: work.mark(self._store, self.who, turn.utterance_id, kind, on), near):
            self._say("Saved: marked important." if on else "Saved: mark taken off.", near)
            self._show_progress()
        else:
            self._filling = True
            try:
                change["owner"].value = not on
            finally:
                self._filling = False

    def read_differently(self) -> None:
        turn = self.turn
        if turn is None:
            return
        note = self.differently_note.value
        near = self.differently_said
        if self._try(
            lambda: work.mark(
                self._store, self.who, turn.utterance_id, "read_differently", note=note
            ),
            near,
        ):
            self.differently_note.value = ""
            self._after_save()
            self._show_differently(work.turn_state(self._store, self.who, turn))
            self._say("Saved: you read this differently. We will talk about it together.", near)
            self._show_progress()

    # --- words that matter --------------------------------------------------------------

    def _show_words(self, show: bool) -> None:
        self.picker.layout.display = "flex" if show else "none"
        turn = self.turn
        if not show or turn is None:
            self.words_box.children = []
            self.word_ticks = []
            return
        self.word_ticks = []
        for start, end, word in turn.words():
            tick = _tick(word)
            tick.add_class("coprod-word")
            self.word_ticks.append((start, end, tick))
        self.words_box.children = [t for _s, _e, t in self.word_ticks]

    def chosen_runs(self) -> list[tuple[int, int]]:
        """The chosen words as runs of words next to each other: (start, end) characters."""
        runs: list[list[int]] = []
        last = -2
        for i, (start, end, tick) in enumerate(self.word_ticks):
            if not tick.value:
                continue
            if i == last + 1:
                runs[-1][1] = end
            else:
                runs.append([start, end])
            last = i
        return [(a, b) for a, b in runs]

    def keep_words(self) -> None:
        turn, near = self.turn, self.words_said
        if turn is None:
            return
        runs = self.chosen_runs()
        if not runs:
            self._say("Choose one or more words first: tap them, or press Space on them.", near)
            return
        why = self.why.value

        def save() -> None:
            for start, end in runs:
                work.select_words(self._store, self.who, turn, start, end, why)

        if self._try(save, near):
            words = " … ".join(turn.text[a:b] for a, b in runs)
            self.why.value = ""
            for _s, _e, tick in self.word_ticks:
                tick.value = False
            self._after_save()
            state = work.turn_state(self._store, self.who, turn)
            self.turn_text.value = (
                f"<p class='coprod-speaker'>{escape(turn.speaker)} said:</p>"
                f"<blockquote class='coprod-turn-text'>{self._marked(turn, state)}</blockquote>"
            )
            self._show_picked(state)
            self._show_progress()
            self._say(f"Saved: “{words}”.", near)

    def _show_picked(self, state: work.TurnState) -> None:
        turn = self.turn
        items = [
            f"<li>“{escape(turn.text[s['start'] : s['end']])}”"
            + (f" — {escape(s['why'])}" if s["why"] else "")
            + "</li>"
            for s in state.selections
        ]
        self.picked.value = (
            f"<p>Words you picked out:</p><ul>{''.join(items)}</ul>" if items else ""
        )

    # --- suggestions --------------------------------------------------------------------

    def suggest_code(self) -> None:
        turn, near = self.turn, self.suggest_said
        if turn is None:
            return
        name, meaning = self.suggestion.value, self.suggestion_meaning.value
        if self._try(
            lambda: work.suggest_code(self._store, self.who, turn.utterance_id, name, meaning), near
        ):
            self.suggestion.value = ""
            self.suggestion_meaning.value = ""
            self._after_save()
            self._say(f"Saved: you suggested “{' '.join(name.split())}”.", near)
            self._show_progress()
