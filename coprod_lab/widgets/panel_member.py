"""The panel member's page (phone first): rate each answer of the candidate being interviewed.

The member's card lives in the kernel, never in a widget, so nothing the browser sends can name
another member. Every press is checked again by `coprod_lab.recruitment.ratings` and by the
database; "Saved" shows only after the commit. Others' ratings are not on this page until the
chair closes the interview: then the panel's ratings of that candidate appear.

The page watches the panel's `changed` number and redraws only when it moves. The rating cards
are rebuilt only when a different interview opens, so a note being typed survives a redraw.
"""

from __future__ import annotations

import threading
from html import escape

import ipywidgets as widgets

from coprod_lab.definitions import workshops
from coprod_lab.errors import CoprodLabError
from coprod_lab.recruitment import panels, ratings
from coprod_lab.recruitment.panels import MEMBER_ROLES
from coprod_lab.recruitment.results import candidate_result
from coprod_lab.store import Store
from coprod_lab.widgets.page import Says, keep_checking, said_here
from coprod_lab.widgets.panel_results import counts_table

_FIELD = {"style": {"description_width": "initial"}, "layout": {"width": "auto"}}
CHOICES = [("Thumbs up", 1), ("In the middle", 0), ("Thumbs down", -1)]


def interview_panel_page(store: Store, query: dict[str, str]) -> widgets.Widget:
    """The chair's page for ?key=…, else the member's page for ?card=…."""
    if "key" in query:
        from coprod_lab.widgets.panel_chair import PanelChairPage

        return PanelChairPage(store, query["key"])
    return PanelMemberPage(store, query.get("card", ""))


class PanelMemberPage(Says, widgets.VBox):
    """One member's ratings of the candidate being interviewed now."""

    def __init__(self, store: Store, card: str, *, watch: bool = True) -> None:
        super().__init__()
        self.add_class("coprod-page")
        self._store = store
        self._lock = threading.RLock()
        self._status = widgets.HTML()
        self._status.add_class("coprod-status")
        found = panels.member_by_card(store, card)
        self.panel, self.member = found if found else (None, None)
        self.controls: dict[int, widgets.ToggleButtons] = {}  # question id → rating buttons
        self.notes: dict[int, widgets.Textarea] = {}
        self.note_buttons: dict[int, widgets.Button] = {}
        self.saved: dict[int, widgets.HTML] = {}
        self.said: dict[int, widgets.HTML] = {}
        self.candidate: panels.Candidate | None = None
        if self.panel is None:
            self.children = [
                widgets.HTML(
                    "<h1>Interview panel</h1><p>This page needs your personal panel card's "
                    "link. Ask the chair of the panel for your card.</p>"
                )
            ]
            return
        self._seen = -1
        self._syncing = False
        self._top = widgets.HTML(
            f"<h1>{escape(self.panel.title)}</h1><p>You are on the panel as "
            f"{escape(self.member.label)} ({MEMBER_ROLES[self.member.role].lower()}). Keep this "
            "link to come back to your ratings.</p>"
        )
        self._now = widgets.HTML()
        self._cards = widgets.VBox()
        self._closed = widgets.HTML()
        self.children = [self._top, self._now, self._cards, self._status, self._closed]
        self._redraw()
        if watch:
            keep_checking(self.check_for_changes)

    def check_for_changes(self) -> bool:
        """Redraw if the panel changed since the page last looked; True if it did."""
        if self.panel is None:
            return False
        with self._lock:
            if workshops.changed(self._store, self.panel.workshop_id) == self._seen:
                return False
            self._redraw()
            return True

    def _redraw(self) -> None:
        with self._lock:
            self._seen = workshops.changed(self._store, self.panel.workshop_id)
            now = panels.open_candidate(self._store, self.panel.id)
            if now is None:
                self._now.value = (
                    "<h2>No interview is open</h2><p>This page changes by itself when the chair "
                    "opens the next interview.</p>"
                )
                self._cards.children = []
                self.controls = {}
            elif self.candidate is None or now.id != self.candidate.id:
                self._now.value = (
                    f"<h2>Now: {escape(now.label)}</h2><p>Rate each answer. Nobody sees your "
                    "ratings, and you do not see theirs, until the chair closes this interview."
                    "</p>"
                )
                self._build_cards(now)
            self.candidate = now
            self._show_closed()

    def _build_cards(self, candidate: panels.Candidate) -> None:
        questions = panels.questions_of(self._store, self.panel.id)
        mine = ratings.my_ratings(self._store, self.member.ballot_id, candidate.id)
        cards = []
        self.controls, self.notes, self.note_buttons, self.saved, self.said = {}, {}, {}, {}, {}
        for q in questions:
            stored = mine.get(q.id)
            label = f"question {q.number}"
            control = widgets.ToggleButtons(
                options=CHOICES,
                value=stored.value if stored else None,
                tooltips=[f"{word} for the answer to {label}" for word, _v in CHOICES],
            )
            control.observe(lambda ch, q=q.id: self.rate(q, ch["new"]), names="value")
            saved = widgets.HTML(self._mark(stored))
            saved.add_class("coprod-saved")
            saved.add_class("coprod-status")
            note = widgets.Textarea(
                description=f"Note on answer {q.number} (if you want)",
                value=stored.note if stored else "",
                rows=2,
                continuous_update=False,
                **_FIELD,
            )
            save = widgets.Button(description="Save my note", tooltip=f"Save my note on {label}")
            save.on_click(lambda _b, q=q.id: self.save_note(q))
            said = said_here()
            self.controls[q.id], self.notes[q.id], self.note_buttons[q.id] = control, note, save
            self.saved[q.id], self.said[q.id] = saved, said
            card = widgets.VBox(
                [
                    widgets.HTML(f"<h3>Question {q.number}</h3><p>{escape(q.text)}</p>"),
                    control,
                    saved,
                    note,
                    save,
                    said,
                ]
            )
            card.add_class("coprod-card")
            cards.append(card)
        self._cards.children = cards

    @staticmethod
    def _mark(stored: ratings.Rating | None) -> str:
        if stored is None:
            return "<p>Not rated yet.</p>"
        noted = " with your note" if stored.note else ""
        return f"<p>Saved: {ratings.RATING_WORDS[stored.value]}{noted}.</p>"

    def _show_closed(self) -> None:
        closed = [
            c for c in panels.candidates_of(self._store, self.panel.id) if c.status == "closed"
        ]
        if not closed:
            self._closed.value = ""
            return
        parts = ["<h2>Interviews that have closed</h2>"]
        for c in closed:
            result = candidate_result(self._store, c.id)
            parts.append(counts_table(result, f"The panel's ratings of {c.label}"))
        self._closed.value = "".join(parts)

    def rate(self, question_id: int, value: int | None) -> None:
        """Store this member's rating of an answer; say "Saved" once committed."""
        if self._syncing or value is None or self.candidate is None:
            return
        with self._lock:
            try:
                stored = ratings.rate(
                    self._store, self.member.ballot_id, self.candidate.id, question_id, value
                )
            except CoprodLabError as error:
                self._refused(question_id, error)
                return
            self.saved[question_id].value = self._mark(stored)
            self._say("", self.said[question_id])

    def save_note(self, question_id: int) -> None:
        """Store the note typed for an answer (the answer must be rated first)."""
        if self.candidate is None or question_id not in self.notes:
            return
        with self._lock:
            try:
                stored = ratings.rate(
                    self._store,
                    self.member.ballot_id,
                    self.candidate.id,
                    question_id,
                    None,
                    note=self.notes[question_id].value,
                )
            except CoprodLabError as error:
                self._refused(question_id, error)
                return
            self.saved[question_id].value = self._mark(stored)
            self._say(
                "Saved your note." if stored.note else "Saved: no note.", self.said[question_id]
            )

    def _refused(self, question_id: int, error: CoprodLabError) -> None:
        """Say why, and put the buttons back to what the store holds."""
        self._say(str(error), self.said.get(question_id))
        stored = ratings.my_ratings(self._store, self.member.ballot_id, self.candidate.id)
        self._syncing = True
        try:
            self.controls[question_id].value = (
                stored[question_id].value if question_id in stored else None
            )
        finally:
            self._syncing = False
        shown = self.candidate
        self.check_for_changes()
        if self.candidate != shown:  # the interview closed: its cards, and their lines, are gone
            self._say(f"{error} Your ratings saved before the close are kept.")
