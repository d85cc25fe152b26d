"""The session plan page, for the facilitator, and "Plan for today", for the people in the room.

The facilitator writes the agenda (checked as they go: introductions, icebreaker, purpose, a
break every hour, recaps, the purpose revisited), asks everyone's consent to record before the
storytelling recorder starts, and saves the group's answer to "did we do what we came to do?".
The plan, its session and the answer are saved at once, as a new version.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import ipywidgets as widgets
import traitlets

from coprod_lab.config import setting
from coprod_lab.planning import preparation as prep
from coprod_lab.planning import session_plan as sp
from coprod_lab.sessions import storytelling as st
from coprod_lab.sessions.followup import say_minutes
from coprod_lab.store import Store
from coprod_lab.widgets.page import (
    StorePage,
    choice,
    say_date,
    set_options,
    text_box,
    text_field,
)
from coprod_lab.widgets.storytelling import say_duration

_REMOVE = "remove"  # the kind chosen to take an item out of the agenda when saving
_NOT_ASKED = "not_asked"


def render_agenda(plan: sp.Plan) -> str:
    """The agenda as a table: when each item starts, what it is, and how long it takes."""
    if not plan.agenda:
        return "<p>No agenda yet.</p>"
    rows = "".join(
        f"<tr><th scope='row'>{sp.say_clock(start)}</th>"
        f"<td data-label='What'>{escape(sp.item_label(item))}"
        + (f"<br>{escape(item.what)}" if item.what and item.kind != "topic" else "")
        + f"</td><td data-label='How long'>{item.minutes} minutes</td></tr>"
        for item, (start, _end) in zip(plan.agenda, sp.times(plan.agenda), strict=True)
    )
    total = sum(item.minutes for item in plan.agenda)
    return (
        "<table class='coprod-table'><caption>The agenda</caption><thead><tr>"
        "<th scope='col'>Starts at</th><th scope='col'>What</th><th scope='col'>How long</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
        f"<p>In all: {say_minutes(total)}.</p>"
    )


def where_we_are(store: Store, plan: sp.Plan, session_id: int | None, now: dt.datetime) -> str:
    """Where the room is against the plan, beside the recorder's timer; "" before it starts."""
    if session_id is None:
        return ""
    start = sp.started_at(store, session_id)
    if start is None:
        return ""
    if st.state(store, session_id) == "ended":
        return "<p>The recorded session has ended.</p>"
    minutes = (now - start).total_seconds() / 60
    current, following = sp.where_we_are(plan.agenda, minutes)
    said = [f"<p>Recording for {say_duration(minutes * 60)}."]
    if current is not None:
        said.append(f" By the plan, now: <strong>{escape(sp.item_label(current))}</strong>.")
        if following is not None:
            said.append(f" Next: {escape(sp.item_label(following))}.")
    else:
        said.append(" The plan's time is up.")
    said.append("</p>")
    found = st.session_participation(
        store, session_id, at=now, recap_after_minutes=setting("recap_after_minutes")
    )
    limit = setting("break_after_minutes")
    if found.on_break:
        said.append("<p>On a break.</p>")
    elif found.since_break > limit * 60:
        said.append(
            f"<p><strong>Time for a break.</strong> It has been "
            f"{say_duration(found.since_break)} without one.</p>"
        )
    return "".join(said)


def render_answer(plan: sp.Plan) -> str:
    if not plan.purpose_met:
        return "<p>The group has not answered “Did we do what we came to do?” yet.</p>"
    note = f": {escape(plan.purpose_met_note)}" if plan.purpose_met_note else ""
    return (
        "<p>Did we do what we came to do? The group said "
        f"<strong>{sp.PURPOSE_MET[plan.purpose_met].lower()}</strong>{note}</p>"
    )


class SessionPlanPage(StorePage):
    """Write a session's agenda, ask consent to record, and save the group's answer."""

    TITLE = "Session plan"
    INTRO = (
        "Plan a session: introductions, a warm-up, why we are here, topics with times, breaks "
        "and recaps. At the end, ask “did we do what we came to do?”."
    )

    plan_id = traitlets.Int(None, allow_none=True, help="The plan on show.")

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, **options)
        self.plan_chooser = choice("Plan")
        self.new_title = text_field("Title of a new plan")
        self.make = widgets.Button(description="Make a new plan")
        self.session = choice("The session, once it is held")
        self.purpose = text_box("Why we are here (say it at the start)", rows=2)
        self.items = widgets.VBox()
        self.add_item = widgets.Button(description="Add an item")
        self.checks = widgets.HTML()
        self.now = widgets.HTML()
        self.update_now = widgets.Button(description="Check where we are")
        self.consent = widgets.VBox()
        self.save_consent = widgets.Button(description="Save who agreed")
        self.consent_state = widgets.HTML()
        self.answer = widgets.RadioButtons(
            description="Did we do what we came to do? The group's answer",
            options=[
                ("Not asked yet", _NOT_ASKED),
                *[(label, code) for code, label in sp.PURPOSE_MET.items()],
            ],
            value=_NOT_ASKED,
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        self.answer_note = text_box("What the group said", rows=2)
        self.save = widgets.Button(description="Save the plan", button_style="primary")
        self.version = choice("Earlier versions")
        self.show_version = widgets.Button(description="Show this version")
        self.earlier = widgets.HTML()

        self._follow(self.plan_chooser, "plan_id", self._show_plan)
        self.make.on_click(lambda _b: self.make_plan())
        self.add_item.on_click(lambda _b: self._add_item_row(sp.AgendaItem("topic", "", 15)))
        self.update_now.on_click(lambda _b: self._show_now())
        self.save_consent.on_click(lambda _b: self.save_who_agreed())
        self.save.on_click(lambda _b: self.save_plan())
        self.show_version.on_click(lambda _b: self.show_earlier())

        self._plan_parts = widgets.VBox(
            [
                self.session,
                widgets.HTML("<h2>Where we are</h2>"),
                self.now,
                self.update_now,
                widgets.HTML("<h2>Why we are here</h2>"),
                self.purpose,
                widgets.HTML(
                    "<h2>The agenda</h2><p>Choose “Take this item out” to remove one.</p>"
                ),
                self.items,
                self.add_item,
                widgets.HTML("<h2>Checks</h2>"),
                self.checks,
                widgets.HTML("<h2>At the end</h2>"),
                self.answer,
                self.answer_note,
                self.save,
                widgets.HTML("<h2>Earlier versions</h2>"),
                self.version,
                self.show_version,
                self.earlier,
            ]
        )
        self._lay_out(
            self.plan_chooser,
            self._status,
            self._plan_parts,
            widgets.HTML(
                "<h2>Consent to record</h2><p>Ask everyone before recording starts. The "
                "storytelling recorder will not start for anyone who has not agreed.</p>"
            ),
            self.consent,
            self.save_consent,
            self.consent_state,
            widgets.HTML("<h2>Make a new plan</h2>"),
            self.new_title,
            self.make,
        )
        self.refresh()

    # --- showing --------------------------------------------------------------------------

    def _show(self) -> None:
        if self.project_id is None:
            return
        found = sp.plans(self._store, self.project_id)
        has_plan = self._offer(self.plan_chooser, "plan_id", [(t, pid) for pid, t in found])
        self._plan_parts.layout.display = "flex" if has_plan else "none"
        # 0 stands for "none": a dropdown shows a value of None as an empty box.
        set_options(
            self.session, [("Not held yet", 0), *sp.project_sessions(self._store, self.project_id)]
        )
        self._show_consent()
        self._show_plan()

    def _show_plan(self) -> None:
        if self.plan_id is None:
            return
        found = sp.plan(self._store, self.plan_id)
        self.session.value = sp.plan_session(self._store, self.plan_id) or 0
        self.purpose.value = found.purpose
        self.items.children = []
        for item in found.agenda:
            self._add_item_row(item)
        self.answer.value = found.purpose_met or _NOT_ASKED
        self.answer_note.value = found.purpose_met_note
        self.earlier.value = ""
        self._show_checks()
        self._show_versions()
        self._show_now()

    def _show_versions(self) -> None:
        found = sp.plan_versions(self._store, self.plan_id)
        set_options(
            self.version,
            [(f"Version {n}, {say_date(at)}, by {author}", n) for n, author, at in found],
        )
        self.version.layout.display = self.show_version.layout.display = "flex" if found else "none"

    def _show_now(self) -> None:
        if self.plan_id is None:
            return
        self.now.value = (
            where_we_are(
                self._store, self.plan_on_page(), self.session.value or None, self._clock()
            )
            or "<p>Not recording yet. Start the session in the storytelling recorder, then choose "
            "it here.</p>"
        )

    def _show_checks(self, _change: object = None) -> None:
        agenda = self.plan_on_page().agenda
        warnings = sp.check_agenda(agenda, break_after_minutes=setting("break_after_minutes"))
        times = sp.times(agenda)
        for box, (start, _end) in zip(self.items.children, times, strict=False):
            box.children[0].value = f"<h3>At {sp.say_clock(start)}</h3>"
        total = sum(item.minutes for item in agenda)
        said = f"<p>In all: {say_minutes(total)}.</p>"
        self.checks.value = said + (
            "<ul>" + "".join(f"<li>{escape(w)}</li>" for w in warnings) + "</ul>"
            if warnings
            else "<p>The plan has everything it needs.</p>"
        )

    def _add_item_row(self, item: sp.AgendaItem) -> None:
        number = len(self.items.children) + 1
        kind = choice(
            f"Item {number}",
            [
                *[(label, code) for code, label in sp.ITEM_KINDS.items()],
                ("Take this item out", _REMOVE),
            ],
            value=item.kind,
        )
        what = text_field(f"What, item {number}", value=item.what)
        minutes = widgets.BoundedIntText(
            description=f"Minutes, item {number}",
            value=item.minutes,
            min=1,
            max=480,
            style={"description_width": "initial"},
        )
        for control in (kind, what, minutes):
            control.observe(self._show_checks, names="value")
        self.items.children = [
            *self.items.children,
            widgets.VBox([widgets.HTML(), kind, what, minutes], layout={"margin": "0 0 0.5rem"}),
        ]
        self._show_checks()

    def _show_consent(self) -> None:
        people = sp.consent_to_record(self._store, self.project_id)
        self._consent_ids = [pid for pid, _name, _on in people]
        self.consent.children = [
            widgets.Checkbox(
                description=f"{name} agreed to be recorded", value=on is not None, indent=False
            )
            for _pid, name, on in people
        ]
        missing = [name for _pid, name, on in people if on is None]
        self.consent_state.value = (
            f"<p><strong>Not agreed yet:</strong> {escape(', '.join(missing))}.</p>"
            if missing
            else "<p>Everyone has agreed to be recorded.</p>"
        )

    # --- what the page holds ----------------------------------------------------------------

    def plan_on_page(self) -> sp.Plan:
        """What the page's fields say now, as a Plan (not saved); removed items left out."""
        agenda = tuple(
            sp.AgendaItem(kind.value, what.value, minutes.value)
            for _heading, kind, what, minutes in (box.children for box in self.items.children)
            if kind.value != _REMOVE
        )
        answer = self.answer.value if self.answer.value != _NOT_ASKED else ""
        return sp.Plan(self.purpose.value, agenda, answer, self.answer_note.value)

    # --- saving ---------------------------------------------------------------------------

    def make_plan(self) -> None:
        if self.project_id is None:
            return
        title = self.new_title.value.strip()
        # A new plan starts from the usual outline, its purpose from the preparation.
        hoped = prep.preparation(self._store, self.project_id).purpose.get("outcome", "")
        made: list[int] = []

        def make() -> None:
            plan_id = sp.make_plan(self._store, self.project_id, title, actor=self._actor)
            sp.save_plan(
                self._store,
                plan_id,
                sp.Plan(hoped, sp.USUAL_OUTLINE),
                session_id=None,
                actor=self._actor,
            )
            made.append(plan_id)

        if self._try(make):
            self.plan_id = made[0]
            self.new_title.value = ""
            self._show()
            self._say(f"Saved: the plan “{title}”, from the usual outline. Change it, then save.")

    def save_plan(self) -> None:
        if self.plan_id is None:
            return
        saved: list[int | None] = []
        plan = self.plan_on_page()
        session_id = self.session.value or None
        if self._try(
            lambda: saved.append(
                sp.save_plan(
                    self._store, self.plan_id, plan, session_id=session_id, actor=self._actor
                )
            )
        ):
            if saved[0] is None:
                self._say("Nothing has changed since the last save.")
                return
            self._show_plan()  # removed items go, and the numbers close up
            self._say(f"Saved: version {saved[0]} of the plan.")

    def show_earlier(self) -> None:
        if self.plan_id is None or self.version.value is None:
            return
        found = sp.plan(self._store, self.plan_id, self.version.value)
        self.earlier.value = (
            f"<h3>Version {found.version}, saved {say_date(found.saved_at)} by "
            f"{escape(found.author)}</h3><p>{escape(found.purpose)}</p>"
            + render_agenda(found)
            + render_answer(found)
        )
        self._say(f"Showing version {found.version} below.")

    def save_who_agreed(self) -> None:
        if self.project_id is None:
            return
        agreed = {
            pid: box.value
            for pid, box in zip(self._consent_ids, self.consent.children, strict=True)
        }
        changed: list[int] = []
        if self._try(
            lambda: changed.append(
                sp.save_consent_to_record(
                    self._store, self.project_id, agreed, on=self.today(), actor=self._actor
                )
            )
        ):
            self._show_consent()
            self._say(
                f"Saved: {changed[0]} {'answer' if changed[0] == 1 else 'answers'} changed."
                if changed[0]
                else "Nothing has changed since the last save."
            )


class TodaysPlan(StorePage):
    """What happens today, for the people in the room: read only, large and plain."""

    TITLE = "Plan for today"
    INTRO = "What we will do today, and when. Breaks are there for you: take one when you need."

    plan_id = traitlets.Int(None, allow_none=True, help="The plan on show.")

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, actor="participant", **options)
        self.plan_chooser = choice("Plan")
        self.why = widgets.HTML()
        self.now = widgets.HTML()
        self.agenda = widgets.HTML()
        self.answer = widgets.HTML()
        self.again = widgets.Button(description="Show the latest")
        self._follow(self.plan_chooser, "plan_id", self._show_plan)
        self.again.on_click(lambda _b: self.refresh())
        self._lay_out(
            self.plan_chooser,
            self._status,
            self.why,
            self.now,
            self.agenda,
            self.answer,
            self.again,
        )
        self.refresh()

    def _show(self) -> None:
        if self.project_id is None:
            return
        found = sp.plans(self._store, self.project_id)
        if not self._offer(self.plan_chooser, "plan_id", [(t, pid) for pid, t in found]):
            self.why.value = "<p>There is no plan yet.</p>"
            return
        self.plan_chooser.layout.display = "flex" if len(found) > 1 else "none"
        self._show_plan()

    def _show_plan(self) -> None:
        if self.plan_id is None:
            return
        found = sp.plan(self._store, self.plan_id)
        title = dict((pid, t) for pid, t in sp.plans(self._store, self.project_id))[self.plan_id]
        self.why.value = f"<h2>{escape(title)}</h2>" + (
            f"<p><strong>Why we are here:</strong> {escape(found.purpose)}</p>"
            if found.purpose
            else ""
        )
        self.now.value = where_we_are(
            self._store, found, sp.plan_session(self._store, self.plan_id), self._clock()
        )
        self.agenda.value = render_agenda(found)
        self.answer.value = render_answer(found) if found.purpose_met else ""
        self._say("")
