"""The "Is it co-production?" quiz on the phone, the facilitator's laptop and the projector.

The phone shows the open situation with Yes / No / It depends and a box for why; "Saved" is
shown only after the answer's commit. The facilitator opens and closes situations one at a
time, edits them, and places each on a rung after the talk. The board shows how each role
answered and the reasons side by side, "it depends" first, as the room answers.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from coprod_lab.activities import quiz
from coprod_lab.definitions.ballots import ROLE_SHORT
from coprod_lab.ladder import RUNGS
from coprod_lab.store import Store
from coprod_lab.widgets.activity import FIELD, Phone, Running, button, limited, row
from coprod_lab.widgets.meanings import CO_PRODUCTION
from coprod_lab.widgets.page import said_here, set_options

_SIDE_BY_SIDE = "display:flex;flex-wrap:wrap;gap:0 1.5rem"
_COLUMN = "flex:1 1 14rem;min-width:0"


def _rung_options(blank: str | None = None) -> list[tuple[str, int | None]]:
    options: list[tuple[str, int | None]] = [(blank, None)] if blank else []
    return options + [(f"{n}. {name}", n) for n, (name, _means) in enumerate(RUNGS, 1)]


def tally_html(found: quiz.Tally, *, heading_level: int = 2) -> str:
    """The room's answers to one situation: a table by role, then the reasons by role, side
    by side ("it depends" first), then the rungs once the facilitator has placed it."""
    h = f"h{heading_level}"
    sub = f"h{heading_level + 1}"
    situation = found.situation
    parts = [f"<{h} class='coprod-situation'>{escape(situation.text)}</{h}>"]
    if not found.people:
        parts.append("<p>No answers yet.</p>")
    else:
        people = "person has" if found.people == 1 else "people have"
        header = "".join(f"<th scope='col'>{w}</th>" for w in quiz.ANSWER_WORDS.values())
        rows = []
        for role, label in ROLE_SHORT.items():
            if role in found.by_role:
                counts = found.by_role[role]
                cells = "".join(
                    f"<td data-label='{w}'>{counts[a]}</td>" for a, w in quiz.ANSWER_WORDS.items()
                )
                rows.append(f"<tr><th scope='row'>{label}</th>{cells}</tr>")
        totals = "".join(
            f"<td data-label='{w}'>{found.total(a)}</td>" for a, w in quiz.ANSWER_WORDS.items()
        )
        rows.append(f"<tr><th scope='row'>Everyone</th>{totals}</tr>")
        parts.append(
            f"<p><strong>{found.people} {people} answered.</strong></p>"
            "<table class='coprod-table'><caption>How the room answered, by role</caption>"
            f"<thead><tr><th scope='col'>Role</th>{header}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
        for choice in ("depends", "yes", "no"):
            said = found.reasons.get(choice, [])
            if not said:
                continue
            columns = []
            for role, label in ROLE_SHORT.items():
                mine = [reason for r, reason in said if r == role]
                if mine:
                    items = "".join(f"<li>{escape(reason)}</li>" for reason in mine)
                    columns.append(
                        f"<section style='{_COLUMN}'><p><strong>{label}</strong></p>"
                        f"<ul>{items}</ul></section>"
                    )
            parts.append(
                f"<{sub}>Why people said “{quiz.ANSWER_WORDS[choice]}”</{sub}>"
                f"<div class='coprod-side-by-side' style='{_SIDE_BY_SIDE}'>{''.join(columns)}</div>"
            )
    if situation.placed_rung:
        parts.append(
            f"<p class='coprod-placed'>The room placed it on "
            f"<strong>{quiz.rung_words(situation.placed_rung)}</strong>.</p>"
        )
    if situation.usual_rung and situation.status == "closed":
        parts.append(
            f"<p>It most often sits on {quiz.rung_words(situation.usual_rung)}. "
            f"{escape(situation.why)}</p>"
        )
    return "".join(parts)


class QuizPhone(Phone):
    """Answer the open situation: Yes, No or It depends, and why if you like."""

    def build(self) -> None:
        self._shown: tuple = ()
        self.situation_id: int | None = None
        self.situation = widgets.HTML()
        self.choice = widgets.ToggleButtons(
            options=[(word, key) for key, word in quiz.ANSWER_WORDS.items()],
            value=None,
            tooltips=["Yes, it is co-production", "No, it is not", "It depends"],
        )
        self.reason = limited(
            widgets.Textarea(
                description=f"Why? You can skip this (up to {quiz.MAX_REASON} letters)",
                rows=2,
                continuous_update=False,
                **FIELD,
            ),
            quiz.MAX_REASON,
        )
        self.send = button("Send my answer", style="primary")
        self.send.on_click(lambda _b: self.send_answer())
        self.saved = widgets.HTML()
        self.saved.add_class("coprod-saved")
        self.saved.add_class("coprod-status")
        self.send_said = said_here()
        self._answering = (self.choice, self.reason, self.send, self.saved, self.send_said)
        self.body.children = [self.situation, *self._answering]

    def draw(self) -> None:
        found = quiz.open_situation(self._store, self.ballot.workshop_id)
        shown = (found.id, found.text) if found else ()
        if shown == self._shown:
            return
        self._shown = shown
        self.situation_id = found.id if found else None
        for part in self._answering:
            part.layout.display = "flex" if found else "none"
        if found is None:
            self.situation.value = (
                "<h2>Wait for the next situation</h2><p>The facilitator will show it soon. "
                "The room's answers are on the big screen.</p>"
            )
            return
        number = [s.id for s in quiz.situations_in(self._store, found.workshop_id)].index(found.id)
        self.situation.value = (
            f"<h2>Situation {number + 1}: is it co-production?</h2><p>{CO_PRODUCTION}</p>"
            f"<p class='coprod-definition'>{escape(found.text)}</p>"
        )
        mine = quiz.my_answer(self._store, self.ballot.id, found.id)
        self.choice.value = mine.answer if mine else None
        self.reason.value = mine.reason if mine else ""
        self.saved.value = self._mark(mine)
        self.send_said.value = ""

    @staticmethod
    def _mark(mine: quiz.Answer | None) -> str:
        if mine is None:
            return "<p>Not answered yet.</p>"
        return f"<p>Saved: {quiz.ANSWER_WORDS[mine.answer].lower()}.</p>"

    def send_answer(self) -> None:
        with self._lock:
            if self.situation_id is None:
                self._say("There is no situation to answer just now.", self.send_said)
                return
            if self.choice.value is None:
                self._say("Choose Yes, No or It depends first.", self.send_said)
                return
            done: list[quiz.Answer] = []
            situation_id = self.situation_id
            if self._try(
                lambda: done.append(
                    quiz.answer(
                        self._store,
                        self.ballot.id,
                        situation_id,
                        self.choice.value,
                        self.reason.value,
                    )
                ),
                self.send_said,
            ):
                self.saved.value = self._mark(done[0])


class QuizRunning(Running):
    """Open situations one at a time, edit them, and place each on a rung after the talk."""

    def build(self) -> list[widgets.Widget]:
        self.situation = widgets.Dropdown(description="Situation", **FIELD)
        self.situation.observe(lambda _ch: self._show_situation(), names="value")
        self.listing = widgets.HTML()
        self.result = widgets.HTML()
        self.open_button = button("Open for answers", style="primary")
        self.close_button = button("Close answers")
        self.open_button.on_click(lambda _b: self.open_or_close("open"))
        self.close_button.on_click(lambda _b: self.open_or_close("close"))
        self.open_said = said_here()
        self.rung = widgets.Dropdown(
            description="Where the room placed it", options=_rung_options(), value=None, **FIELD
        )
        self.place = button("Place it on this rung")
        self.place.on_click(lambda _b: self.place_it())
        self.place_said = said_here()
        self.words = limited(
            widgets.Textarea(
                description=f"The situation (up to {quiz.MAX_SITUATION} letters)",
                rows=2,
                continuous_update=False,
                **FIELD,
            ),
            quiz.MAX_SITUATION,
        )
        self.usual = widgets.Dropdown(
            description="The rung it most often sits on",
            options=_rung_options("Not set"),
            value=None,
            **FIELD,
        )
        self.why = widgets.Text(description="Why", continuous_update=False, **FIELD)
        self.copy = button("Copy the chosen situation here")
        self.save_edit = button("Save the changes to the chosen situation")
        self.add_new = button("Add as a new situation", style="primary")
        self.remove = button("Take the chosen situation out")
        self.copy.on_click(lambda _b: self.copy_chosen())
        self.save_edit.on_click(lambda _b: self.edit("save"))
        self.add_new.on_click(lambda _b: self.edit("add"))
        self.remove.on_click(lambda _b: self.edit("remove"))
        self.edit_said = said_here()
        return [
            widgets.HTML(
                "<h2>Situations</h2><p>Open one at a time. People answer on their phones; "
                "the board shows the answers by role.</p>"
            ),
            self.listing,
            self.situation,
            row(self.open_button, self.close_button),
            self.open_said,
            self.result,
            widgets.HTML("<h3>After the talk</h3>"),
            self.rung,
            self.place,
            self.place_said,
            widgets.HTML(
                "<h3>Change the situations</h3><p>A situation can be changed or taken out "
                "until it is opened.</p>"
            ),
            self.copy,
            self.words,
            self.usual,
            self.why,
            row(self.save_edit, self.add_new, self.remove),
            self.edit_said,
        ]

    def activity(self) -> tuple:
        return quiz.answer_activity(self._store, self.workshop.id)

    def draw(self) -> None:
        found = quiz.situations_in(self._store, self.workshop.id)
        status = {"draft": "not opened yet", "open": "open now", "closed": "closed"}
        self.listing.value = (
            "<ol>"
            + "".join(
                f"<li>{escape(s.text)} <em>({status[s.status]}"
                + (f"; {quiz.rung_words(s.placed_rung)}" if s.placed_rung else "")
                + ")</em></li>"
                for s in found
            )
            + "</ol>"
            if found
            else "<p>No situations yet.</p>"
        )
        set_options(
            self.situation,
            [(f"{n}. {s.text} ({status[s.status]})", s.id) for n, s in enumerate(found, 1)],
        )
        self._show_situation()

    def _show_situation(self) -> None:
        if self.situation.value is None:
            self.result.value = ""
            self.open_button.disabled = self.close_button.disabled = True
            return
        try:
            found = quiz.tally(self._store, self.situation.value)
        except Exception:  # taken out meanwhile: the next refresh offers the rest
            return
        self.open_button.disabled = found.situation.status == "open"
        self.close_button.disabled = found.situation.status != "open"
        usual = found.situation.usual_rung
        self.result.value = tally_html(found, heading_level=3) + (
            f"<p>Starter note: most often {quiz.rung_words(usual)}. "
            f"{escape(found.situation.why)}</p>"
            if usual and found.situation.status != "closed"
            else ""
        )

    def open_or_close(self, action: str) -> None:
        chosen = self.situation.value
        if chosen is None:
            self._say("Choose a situation first.", self.open_said)
            return
        change = quiz.open_for_answers if action == "open" else quiz.close_answers
        if self._try(lambda: change(self._store, chosen, actor=self._actor), self.open_said):
            self.refresh()
            self._say(
                "Open: people can answer now."
                if action == "open"
                else "Closed. Talk it through, then place it on a rung.",
                self.open_said,
            )

    def place_it(self) -> None:
        chosen = self.situation.value
        if chosen is None:
            self._say("Choose a situation first.", self.place_said)
            return
        rung = self.rung.value
        if self._try(
            lambda: quiz.place_on_rung(self._store, chosen, rung, actor=self._actor),
            self.place_said,
        ):
            self.refresh()
            self._say(f"Placed on {quiz.rung_words(rung)}.", self.place_said)

    def copy_chosen(self) -> None:
        if self.situation.value is None:
            self._say("Choose a situation first.", self.edit_said)
            return
        found = quiz.get_situation(self._store, self.situation.value)
        self.words.value = found.text
        self.usual.value = found.usual_rung
        self.why.value = found.why
        self._say("Copied. Change it, then save.", self.edit_said)

    def edit(self, action: str) -> None:
        chosen = self.situation.value
        if action != "add" and chosen is None:
            self._say("Choose a situation first.", self.edit_said)
            return

        def act() -> None:
            if action == "add":
                quiz.add_situation(
                    self._store,
                    self.workshop.id,
                    self.words.value,
                    usual_rung=self.usual.value,
                    why=self.why.value,
                    actor=self._actor,
                )
            elif action == "save":
                quiz.edit_situation(
                    self._store,
                    chosen,
                    self.words.value,
                    usual_rung=self.usual.value,
                    why=self.why.value,
                    actor=self._actor,
                )
            else:
                quiz.remove_situation(self._store, chosen, actor=self._actor)

        if self._try(act, self.edit_said):
            if action != "remove":
                self.words.value = ""  # emptied only by its own save
                self.why.value = ""
                self.usual.value = None
            self.refresh()
            self._say(
                {"add": "Added.", "save": "Saved the changes.", "remove": "Taken out."}[action],
                self.edit_said,
            )


class QuizBoard(widgets.VBox):
    """The projector: the open situation (or the last one closed) and how the room answered."""

    def __init__(self, store: Store, workshop) -> None:
        super().__init__()
        self._store = store
        self.workshop = workshop
        self._seen: tuple = ()
        self.board = widgets.HTML()
        self.children = [self.board]
        self.check_for_changes()

    def check_for_changes(self) -> bool:
        from coprod_lab.definitions import workshops

        seen = (
            workshops.changed(self._store, self.workshop.id),
            quiz.answer_activity(self._store, self.workshop.id),
        )
        if seen == self._seen:
            return False
        self._seen = seen
        self.workshop = workshops.get_workshop(self._store, self.workshop.id)
        title = f"<h1>{escape(self.workshop.title)}</h1><p>Is it co-production?</p>"
        found = quiz.situations_in(self._store, self.workshop.id)
        opened = [s for s in found if s.status == "open"]
        closed = [s for s in found if s.status == "closed"]
        showing = (opened or closed[-1:] or [None])[0]
        if showing is None:
            self.board.value = f"{title}<p>The first situation shows here when it opens.</p>"
            return True
        state = (
            "<p>Answering now: choose Yes, No or It depends on your phone.</p>"
            if showing.status == "open"
            else "<p>Answers have closed.</p>"
        )
        self.board.value = (
            title + state + tally_html(quiz.tally(self._store, showing.id), heading_level=2)
        )
        return True
