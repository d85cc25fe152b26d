""" "You said, we did", the facilitator's page: write down each point that needs an answer,
then what will be done, what was done, and when the person was told.

Each field of a point is saved on its own as soon as the person leaves it, with "Saved" next
to it; a refused change says why there and puts back what is stored.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import ipywidgets as widgets
import traitlets
from sqlalchemy import select

from coprod_lab.sessions import you_said as ys
from coprod_lab.store import Store, sessions
from coprod_lab.widgets.page import (
    StorePage,
    choice,
    date_field,
    row,
    said_here,
    say_date,
    set_options,
    text_box,
    text_field,
)

# Each point's status in the chooser, kept short so the choice fits a phone.
_SHORT = {
    "raised": "No answer yet",
    "planned": "Planned",
    "done": "Done",
    "could_not": "Could not",
    "told": "Told",
}
NOT_YET = ""  # a dropdown shows a value of None as an empty box
NOBODY = 0


class YouSaidWeDid(StorePage):
    """Add points raised in sessions and follow each one through to telling people back."""

    TITLE = "You said, we did"
    INTRO = (
        "Write down each point people raise that needs an answer. Then write what we will do, "
        "who will do it and by when, what we did, and when we told the person. Each change is "
        "saved as soon as you leave the box."
    )

    entry_id = traitlets.Int(None, allow_none=True, help="The point on show for changes.")

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, **options)
        self.overview = widgets.HTML()
        # Adding a point.
        self.kind = choice("Where it came from", [(v, k) for k, v in ys.SOURCE_LABELS.items()])
        self.session = choice("Session")
        self.source = choice("Which one")
        self.source.layout.width = "auto"
        self.person = choice("Who said it")
        self.said = text_box("Their point", rows=3)
        self.own_words = widgets.Checkbox(
            description="These are their own words", indent=False, value=False
        )
        self.add = widgets.Button(description="Add the point", button_style="primary")
        self.add_line = said_here()
        # Changing a point: one field at a time, each with its own "Saved" line.
        self.pick = choice("Point")
        self.pick.layout.width = "auto"
        self.came_from = widgets.HTML()
        self.fields: dict[str, widgets.Widget] = {
            "said": text_box("What was said", rows=3),
            "own_words": widgets.Checkbox(
                description="Kept in their own words", indent=False, value=False
            ),
            "action": text_box("What we will do", rows=2),
            "action_by": text_field("Who will do it"),
            "due_on": date_field("Do it by", None),
            "done": text_box("What we did, or why we could not", rows=2),
            "outcome": choice(
                "Is it done?",
                [("Not yet", NOT_YET), *[(v, k) for k, v in ys.OUTCOME_LABELS.items()]],
            ),
            "done_on": date_field("Date it was done or decided", None),
            "told_on": date_field("Date we told the person", None),
        }
        self.lines = {name: said_here() for name in self.fields}
        self.remove = widgets.Button(description="Remove this point")

        self.kind.observe(lambda _c: self._show_sources(), names="value")
        self.session.observe(lambda _c: self._show_sources(), names="value")
        self.source.observe(lambda _c: self._take_source(), names="value")
        self.add.on_click(lambda _b: self.add_point())
        self._follow(self.pick, "entry_id", self._show_entry)
        for name, field in self.fields.items():
            field.observe(lambda _c, name=name: self.save_field(name), names="value")
        self.remove.on_click(lambda _b: self.remove_point())
        changing = []
        for name, field in self.fields.items():
            changing += [field, self.lines[name]]
        self.changing = widgets.VBox(changing)
        self._lay_out(
            self._status,
            self.overview,
            widgets.HTML(
                "<h2>Add a point</h2><p>Participants read every point with made-up names. "
                "Their page hides the names of people taking part, phone numbers and the "
                "like. When you save a box, this page looks for the names of anyone else "
                "too, so their page can hide them. It can miss a name, so read what you "
                "wrote.</p>"
            ),
            self.kind,
            self.session,
            self.source,
            self.person,
            self.said,
            self.own_words,
            self.add,
            self.add_line,
            widgets.HTML("<h2>Follow a point through</h2>"),
            self.pick,
            self.came_from,
            self.changing,
            row(self.remove),
        )
        self.refresh()

    # --- showing --------------------------------------------------------------------------

    def _show(self) -> None:
        if self.project_id is None:
            self._say("There is no project yet. Load the demo or import a transcript first.")
            return
        with self._store.read() as db:
            held = db.execute(
                select(sessions.c.title, sessions.c.id)
                .where(sessions.c.project_id == self.project_id)
                .order_by(sessions.c.held_on.nulls_last(), sessions.c.title)
            ).all()
        self._filling = True
        try:
            set_options(self.session, [("No session", NOBODY), *[tuple(r) for r in held]])
            set_options(self.person, [("No one in particular", NOBODY), *self.people()])
        finally:
            self._filling = False
        self._show_sources()
        self._show_entries()

    def _show_entries(self) -> None:
        found = ys.entries(self._store, self.project_id)
        self._show_overview(found)
        self._offer(self.pick, "entry_id", [(self._label(e, self.today()), e.id) for e in found])
        self._show_entry()

    def _show_overview(self, found: list[ys.Entry]) -> None:
        """How many points have each status, and the late ones in a list of their own."""
        today = self.today()
        counts = ys.counts(found, today)
        said = ", ".join(
            f"{counts[s]} {ys.STATUS_LABELS[s].lower()}" for s in ys.STATUSES if counts[s]
        )
        lines = [f"<p>{len(found)} points: {escape(said) or 'none yet'}.</p>"]
        late = [e for e in found if e.overdue(today)]
        if late:
            items = "".join(
                f"<li>{escape(_short(e.said))} (due by {say_date(e.due_on)}, "
                f"{escape(e.action_by or 'nobody named')})</li>"
                for e in late
            )
            lines.append(
                "<div class='coprod-late' style='border-left:6px solid #b00020;"
                f"padding:.2rem .8rem'><p><strong>Late: {len(late)} not done by the date "
                f"set</strong></p><ul>{items}</ul></div>"
            )
        self.overview.value = "".join(lines)

    def _label(self, e: ys.Entry, today: dt.date) -> str:
        late = "Late. " if e.overdue(today) else ""
        return f"{e.id}. {late}{_SHORT[e.status]}: {_short(e.said, 34)}"

    def _show_sources(self) -> None:
        if self._filling or self.project_id is None:
            return
        kind = self.kind.value
        picks = kind in ("turn", "pair_note", "sense_check", "memo", "question")
        options = (
            ys.source_choices(self._store, self.project_id, kind, self.session.value or None)
            if picks
            else []
        )
        self.source.options = options
        self.source.layout.display = "flex" if picks else "none"
        self._take_source()

    def _take_source(self) -> None:
        """Fill in the person and their words from the chosen turn or note."""
        if self._filling or self.source.value is None or self.kind.value not in ys.SOURCE_LABELS:
            return
        try:
            found = ys.find_source(self._store, self.project_id, self.kind.value, self.source.value)
        except ys.CoprodLabError as error:
            self._say(str(error), self.add_line)
            return
        if found.participant_id:
            self.person.value = found.participant_id
        allowed = found.participant_id is not None and self._may_quote(found.participant_id)
        if allowed:
            self.said.value, self.own_words.value = found.text, True
            self._say("", self.add_line)
        elif found.kind == "question":
            # Read out to the room already, with no name: the group's question, as asked.
            self.said.value, self.own_words.value = found.text, False
            self._say("The question as it was asked, with no name.", self.add_line)
        else:
            self.said.value, self.own_words.value = "", False
            self._say(
                "Write what was said in your own words: "
                + (
                    "the person has not agreed to be quoted."
                    if found.participant_id
                    else "this is not one person's own words."
                ),
                self.add_line,
            )

    def _may_quote(self, participant_id: int) -> bool:
        from coprod_lab.store import participants

        with self._store.read() as db:
            row_ = db.execute(
                select(participants.c.consent_to_quote_on, participants.c.withdrawn_on).where(
                    participants.c.id == participant_id
                )
            ).first()
        return row_ is not None and row_.consent_to_quote_on is not None and not row_.withdrawn_on

    def _show_entry(self) -> None:
        shown = self.entry_id is not None
        self.changing.layout.display = self.remove.layout.display = "flex" if shown else "none"
        if not shown:
            self.came_from.value = "<p>No points yet. Add one above.</p>"
            return
        e = ys.entry(self._store, self.entry_id)
        self._fill(e)
        self._describe(e)

    def _describe(self, e: ys.Entry) -> None:
        """Who raised the point, where, the turn or note it links back to, and its status."""
        who = escape(e.name) if e.name else "No one in particular"
        where = f" in “{escape(e.session)}”" if e.session else ""
        try:
            source = ys.find_source(self._store, e.project_id, e.source_kind, e.source_id)
            link = escape(source.label)
            words = (
                f"<blockquote>{escape(source.text)}</blockquote>"
                if source.text and source.text != e.said
                else ""
            )
        except ys.CoprodLabError:
            link, words = "where it came from is no longer in the project", ""
        self.came_from.value = (
            f"<p>Raised by {who}{where} on {say_date(e.raised_on)}. From: {link}. "
            f"Status: <strong>{escape(ys.STATUS_LABELS[e.status])}</strong>"
            + (". <strong>Late.</strong>" if e.overdue(self.today()) else ".")
            + f"</p>{words}"
        )

    def _fill(self, e: ys.Entry) -> None:
        """Put the stored values in the fields without saving them again."""
        self._filling = True
        try:
            values = {
                "said": e.said,
                "own_words": e.own_words,
                "action": e.action,
                "action_by": e.action_by,
                "due_on": e.due_on,
                "done": e.done,
                "outcome": e.outcome or NOT_YET,
                "done_on": e.done_on,
                "told_on": e.told_on,
            }
            for name, value in values.items():
                self.fields[name].value = value
        finally:
            self._filling = False

    # --- changing -------------------------------------------------------------------------

    def add_point(self) -> None:
        if self.project_id is None:
            return
        kind = self.kind.value
        source_id = None if kind == "other" else self.source.value
        made: list[int] = []

        def add() -> None:
            made.append(
                ys.add_entry(
                    self._store,
                    self.project_id,
                    source_kind=kind,
                    source_id=source_id,
                    said=self.said.value,
                    own_words=self.own_words.value,
                    participant_id=self.person.value or None,
                    session_id=self.session.value or None,
                    actor=self._actor,
                    today=self.today(),
                )
            )

        if self._try(add, self.add_line):
            self.said.value = ""
            self.own_words.value = False
            self.entry_id = made[0]
            self._show_entries()
            self._say(f"Saved: point {made[0]} is added. Follow it through below.", self.add_line)

    def save_field(self, name: str) -> None:
        if self._filling or self.entry_id is None:
            return
        value = self.fields[name].value
        saved: list[ys.Entry] = []
        entry_id = self.entry_id

        def save() -> None:
            if name == "done_on":
                if value is None:
                    raise ys.CoprodLabError("To clear this date, set “Is it done?” to Not yet.")
                saved.append(
                    ys.set_done_on(
                        self._store, entry_id, value, actor=self._actor, today=self.today()
                    )
                )
            else:
                stored = (value or None) if name == "outcome" else value
                saved.append(
                    ys.change(
                        self._store, entry_id, name, stored, actor=self._actor, today=self.today()
                    )
                )

        if self._try(save, self.lines[name]):
            e = saved[0]
            self._fill(e)  # an outcome also sets its date
            self._describe(e)
            found = ys.entries(self._store, self.project_id)
            self._show_overview(found)
            self._offer(
                self.pick, "entry_id", [(self._label(x, self.today()), x.id) for x in found]
            )
            self._say("Saved", self.lines[name])
        elif name not in ("said", "action", "action_by", "done"):
            # A refused choice or date goes back to what is stored; typed words stay.
            self._fill(ys.entry(self._store, entry_id))

    def remove_point(self) -> None:
        if self.entry_id is None:
            return
        gone = self.entry_id
        if self._try(lambda: ys.remove_entry(self._store, gone, actor=self._actor)):
            self.entry_id = None
            self._show_entries()
            self._say(f"Saved: point {gone} is removed.")


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
