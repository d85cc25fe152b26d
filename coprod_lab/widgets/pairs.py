"""The collaborative pair page: make a pair, walk the four meetings, agree an action plan."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
import traitlets

from coprod_lab.errors import CoprodLabError
from coprod_lab.sessions import pairs as p
from coprod_lab.store import Store
from coprod_lab.widgets.page import (
    StorePage,
    choice,
    date_field,
    say_date,
    set_options,
    text_box,
    text_field,
)

BOTH = "Both of us"
FACILITATOR = "The facilitator"


class PairMeetings(StorePage):
    """Everything one collaborative pair does in its four meetings, kept as they go."""

    TITLE = "Collaborative pairs"
    INTRO = (
        "A person with lived experience and a professional work together as equals over four "
        "meetings. Keep notes on each step here; they are saved as you go."
    )

    pair_id = traitlets.Int(None, allow_none=True, help="The pair on show.")

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, **options)
        self.pair = choice("Pair")
        self.new_name = text_field("Name of the pair", placeholder="For example: Dev and Priya")
        self.new_lived = choice("Person with lived experience")
        self.new_professional = choice("Professional")
        self.make = widgets.Button(description="Make the pair")
        self.progress_view = widgets.HTML()
        self.step = choice(
            "Step",
            [(f"Meeting {m.number}: {s.title}", s.key) for m in p.MEETINGS for s in m.steps],
        )
        self.author = choice("Written by")
        self.written_on = date_field("Date", self.today())
        self.note = text_box("Notes", rows=6)
        self.save_note = widgets.Button(description="Save the note", button_style="primary")
        self.history = widgets.HTML()
        self.action = text_field("Action")
        self.who = choice("Who will do it")
        self.by_when = date_field("By when (if there is a date)", None)
        self.add_action = widgets.Button(description="Add to the plan")
        self.plan = widgets.HTML()
        self.to_tick = choice("Action done")
        self.tick = widgets.Button(description="Mark it done")

        self._follow(self.pair, "pair_id", self._show_pair)
        self.step.observe(lambda _c: self._show_step(), names="value")
        self.make.on_click(lambda _b: self.make_pair())
        self.save_note.on_click(lambda _b: self.keep_note())
        self.add_action.on_click(lambda _b: self.add_to_plan())
        self.tick.on_click(lambda _b: self.mark_done())

        self._work = widgets.VBox(
            [
                widgets.HTML("<h2>How far we have got</h2>"),
                self.progress_view,
                widgets.HTML("<h2>Notes on a step</h2>"),
                self.step,
                self.author,
                self.written_on,
                self.note,
                self.save_note,
                self.history,
                widgets.HTML(
                    "<h2>Our action plan</h2><p>What we agreed to do to get involved in "
                    "the project.</p>"
                ),
                self.action,
                self.who,
                self.by_when,
                self.add_action,
                self.plan,
                self.to_tick,
                self.tick,
            ]
        )
        self._lay_out(
            self.pair,
            self._status,
            self._work,
            widgets.HTML("<h2>Make a new pair</h2>"),
            self.new_name,
            self.new_lived,
            self.new_professional,
            self.make,
        )
        self.refresh()

    # --- showing --------------------------------------------------------------------------

    def _show(self) -> None:
        set_options(self.new_lived, self.people(("lived_experience",)))
        set_options(self.new_professional, self.people(("professional",)))
        found = p.list_pairs(self._store, self.project_id) if self.project_id else []
        self._pairs = {pair.id: pair for pair in found}
        self._offer(self.pair, "pair_id", [(pair.name, pair.id) for pair in found])
        self._work.layout.display = "flex" if found else "none"
        if not found:
            self._say("There are no pairs in this project yet. Make one below.")
        self._show_pair()

    def _show_pair(self) -> None:
        pair = self._pairs.get(self.pair_id)
        if pair is None:
            return
        names = [pair.lived_experience, pair.professional]
        set_options(self.author, [*names, BOTH, FACILITATOR])
        set_options(self.who, [*names, BOTH])
        steps = p.progress(self._store, pair.id)
        html = []
        for meeting in p.MEETINGS:
            mine = [s for s in steps if s.meeting == meeting.number]
            done = sum(s.done for s in mine)
            items = "".join(
                f"<li><strong>{'Done' if s.done else 'To do'}:</strong> {escape(s.step.title)}"
                + (
                    f" (last note by {escape(s.note.author)}, {say_date(s.note.written_on)})"
                    if s.note
                    else ""
                )
                + "</li>"
                for s in mine
            )
            html.append(
                f"<h3>Meeting {meeting.number}: {escape(meeting.title)} "
                f"({done} of {len(mine)} done)</h3><ul>{items}</ul>"
            )
        finished = sum(all(s.done for s in steps if s.meeting == m.number) for m in p.MEETINGS)
        self.progress_view.value = (
            f"<p>Meetings finished: {finished} of {len(p.MEETINGS)}.</p>" + "".join(html)
        )
        self._show_step()
        self._show_plan()

    def _show_step(self) -> None:
        if self.pair_id is None:
            return
        found = p.notes(self._store, self.pair_id, self.step.value)
        if found:
            items = "".join(
                f"<li><p>{escape(n.text)}</p><p><small>{escape(n.author)}, "
                f"{say_date(n.written_on)}</small></p></li>"
                for n in found
            )
            self.history.value = f"<h3>Notes on this step, newest first</h3><ul>{items}</ul>"
        else:
            self.history.value = "<p>No notes on this step yet.</p>"
        if not self.note.value.strip() and self.step.value == "feedback_template" and not found:
            self.note.value = p.FEEDBACK_TEMPLATE  # a starting point the pair can change

    def _show_plan(self) -> None:
        found = p.actions(self._store, self.pair_id)
        if found:
            items = "".join(
                f"<li>{escape(a.action)}: {escape(a.who)}"
                + (f", by {say_date(a.by_when)}" if a.by_when else "")
                + (f". <strong>Done</strong> {say_date(a.done_on)}" if a.done_on else "")
                + "</li>"
                for a in found
            )
            self.plan.value = f"<ol>{items}</ol>"
        else:
            self.plan.value = "<p>Nothing in the plan yet.</p>"
        waiting = [(a.action, a.id) for a in found if a.done_on is None]
        set_options(self.to_tick, waiting)
        self.to_tick.layout.display = self.tick.layout.display = "flex" if waiting else "none"

    # --- changing -------------------------------------------------------------------------

    def make_pair(self) -> None:
        def make() -> None:
            if self.project_id is None:
                raise CoprodLabError("There is no project to add a pair to.")
            self.pair_id = p.create_pair(
                self._store,
                self.project_id,
                self.new_name.value,
                professional_id=self.new_professional.value,
                lived_experience_id=self.new_lived.value,
                actor=self._actor,
            )

        if self._try(make):
            name = self.new_name.value.strip()
            self.new_name.value = ""
            self._show()
            self._say(f"Saved: the pair “{name}” is made.")

    def keep_note(self) -> None:
        if self.pair_id is None:
            self._say("Make a pair first.")
            return
        if self.written_on.value is None:
            self._say("Choose the date of the meeting.")
            return

        def keep() -> None:
            p.add_note(
                self._store,
                self.pair_id,
                self.step.value,
                self.note.value,
                author=self.author.value or "",
                written_on=self.written_on.value,
                actor=self._actor,
            )

        if self._try(keep):
            self.note.value = ""
            self._show_pair()
            self._say(f"Saved: the note on “{p.STEPS[self.step.value][1].title}”.")

    def add_to_plan(self) -> None:
        if self.pair_id is None:
            self._say("Make a pair first.")
            return

        def add() -> None:
            p.add_action(
                self._store,
                self.pair_id,
                self.action.value,
                who=self.who.value or "",
                by_when=self.by_when.value,
                author=self.author.value or FACILITATOR,
                actor=self._actor,
            )

        if self._try(add):
            self.action.value = ""
            self.by_when.value = None
            self._show_pair()
            self._say("Saved: the action is in the plan.")

    def mark_done(self) -> None:
        if self.pair_id is None or self.to_tick.value is None:
            self._say("Choose an action first.")
            return
        action_id = self.to_tick.value
        if self._try(
            lambda: p.mark_action_done(
                self._store, self.pair_id, action_id, done_on=self.today(), actor=self._actor
            )
        ):
            self._show_pair()
            self._say("Saved: the action is marked done.")
