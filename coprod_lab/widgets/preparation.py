"""The preparation page: filled in together before the work starts, and kept with its history.

Intention, purpose and who should be there are saved at once, as a new version; earlier
versions can be shown again. Access needs and payment are saved per person, with their consent.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
import traitlets

from coprod_lab.planning import access
from coprod_lab.planning import preparation as prep
from coprod_lab.sessions import followup as fu
from coprod_lab.store import Store
from coprod_lab.widgets.page import (
    StorePage,
    choice,
    say_date,
    set_options,
    text_box,
    text_field,
)

# Short words for each question's note box, so every box has a label of its own.
_NOTE_LABELS = {
    "serious": "Note on being serious",
    "act": "Note on acting on what we hear",
    "leaders": "Note on our leaders",
    "why": "Note on why",
    "uncertainty": "Note on not knowing",
    "budget": "Note on the budget",
}
_NOT_ANSWERED = "Not answered yet"


def render_preparation(found: prep.Preparation) -> str:
    """The whole preparation as HTML to read (an earlier version, or a printout)."""
    if not found.version:
        return "<p>Nothing saved yet.</p>"
    answers = "".join(
        f"<li>{escape(question)} <strong>"
        f"{prep.ANSWERS.get(found.intention.get(key, prep.Answer()).answer, _NOT_ANSWERED)}"
        f"</strong>"
        + (
            f": {escape(found.intention[key].note)}"
            if key in found.intention and found.intention[key].note
            else ""
        )
        + "</li>"
        for key, question in prep.INTENTION
    )
    purpose = "".join(
        f"<li>{escape(label)}: {escape(found.purpose.get(key, '')) or 'not written yet'}</li>"
        for key, label in prep.PURPOSE
    )
    return (
        f"<h3>Version {found.version}, saved {say_date(found.saved_at)} by "
        f"{escape(found.author)}</h3><ul>{answers}</ul><ul>{purpose}</ul>" + render_map(found)
    )


def render_map(found: prep.Preparation) -> str:
    if not found.groups:
        return "<p>No groups on the map yet.</p>"
    rows = "".join(
        f"<tr><th scope='row'>{escape(g.name)}</th>"
        f"<td data-label='Affected'>{prep.HOW_MUCH[g.how_much]}</td>"
        f"<td data-label='Who is involved'>{escape(g.involved) or '<strong>No one yet</strong>'}"
        "</td></tr>"
        for g in found.groups
    )
    return (
        "<table class='coprod-table'><caption>Who should be there</caption><thead><tr>"
        "<th scope='col'>Group</th><th scope='col'>Affected</th>"
        f"<th scope='col'>Who is involved</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _list(title: str, items: list[str], empty: str) -> str:
    if not items:
        return f"<p>{escape(empty)}</p>"
    return (
        f"<p><strong>{escape(title)}</strong></p><ul>"
        + "".join(f"<li>{escape(i)}</li>" for i in items)
        + "</ul>"
    )


class PreparationPage(StorePage):
    """Intention, purpose, the stakeholder map, and each person's access needs and payment."""

    TITLE = "Preparation"
    INTRO = (
        "Fill this in together before you start. Answer honestly: anything not ready yet is "
        "shown as a thing to sort out first. Every save is kept, so you can look back."
    )

    participant_id = traitlets.Int(None, allow_none=True, help="Whose access needs are on show.")

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, **options)
        self.answers = {
            key: widgets.RadioButtons(
                description=question,
                options=[(label, code) for code, label in prep.ANSWERS.items()],
                value=None,
                style={"description_width": "initial"},
                layout={"width": "auto"},
            )
            for key, question in prep.INTENTION
        }
        self.notes = {key: text_field(_NOTE_LABELS[key]) for key, _ in prep.INTENTION}
        self.sort_out = widgets.HTML()
        self.purpose = {key: text_box(label, rows=2) for key, label in prep.PURPOSE}
        self.groups = widgets.VBox()
        self.add_group = widgets.Button(description="Add a row for another group")
        self.missing = widgets.HTML()
        self.save = widgets.Button(description="Save the preparation", button_style="primary")
        self.version = choice("Earlier versions")
        self.show_version = widgets.Button(description="Show this version")
        self.earlier = widgets.HTML()

        self.person = choice("Whose access needs")
        self.needs = text_box("Access needs", rows=2)
        self.adjustments = text_box("Reasonable adjustments we will make", rows=2)
        self.payment = text_box("How and when they are paid", rows=2)
        self.consent = widgets.Checkbox(
            description="They agree we keep this", value=False, indent=False
        )
        self.save_access = widgets.Button(description="Save their access needs")
        self.forget_access = widgets.Button(description="They no longer agree: delete it all")
        self.access_state = widgets.HTML()

        self._follow(self.person, "participant_id", self._show_person)
        self.add_group.on_click(lambda _b: self._add_group_row())
        self.save.on_click(lambda _b: self.save_preparation())
        self.show_version.on_click(lambda _b: self.show_earlier())
        self.save_access.on_click(lambda _b: self.save_access_needs())
        self.forget_access.on_click(lambda _b: self.forget_access_needs())

        intention: list[widgets.Widget] = []
        for key, _question in prep.INTENTION:
            intention += [self.answers[key], self.notes[key]]
        self._lay_out(
            self._status,
            widgets.HTML("<h2>1. Are we ready?</h2>"),
            *intention,
            self.sort_out,
            widgets.HTML("<h2>2. Why we are doing this</h2>"),
            *self.purpose.values(),
            widgets.HTML(
                "<h2>3. Who should be there</h2><p>List the groups a decision affects, how "
                "much, and who from each is involved, by role (for example “two carers”).</p>"
            ),
            self.groups,
            self.add_group,
            self.missing,
            self.save,
            widgets.HTML("<h2>Earlier answers</h2>"),
            self.version,
            self.show_version,
            self.earlier,
            widgets.HTML(
                "<h2>4. Access and payment</h2><p>Each person's access needs, what we will "
                "change for them, and how they are paid. This is personal: keep it only if "
                "they agree. Time given and payments made are in the log on the Follow-up "
                "page.</p>"
            ),
            self.person,
            self.needs,
            self.adjustments,
            self.payment,
            self.consent,
            self.save_access,
            self.forget_access,
            self.access_state,
        )
        self.refresh()

    # --- showing --------------------------------------------------------------------------

    def _show(self) -> None:
        if self.project_id is None:
            return
        found = prep.preparation(self._store, self.project_id)
        for key, _question in prep.INTENTION:
            answer = found.intention.get(key, prep.Answer())
            self.answers[key].value = answer.answer or None
            self.notes[key].value = answer.note
        for key, box in self.purpose.items():
            box.value = found.purpose.get(key, "")
        self.groups.children = []
        for group in found.groups:
            self._add_group_row(group)
        self._add_group_row()
        self._show_summaries(found)
        self._show_versions()
        self._offer(self.person, "participant_id", self.people())
        self._show_person()

    def _show_summaries(self, found: prep.Preparation) -> None:
        self.sort_out.value = _list(
            "Things to sort out first:", prep.to_sort_out(found), "Every question is answered yes."
        )
        self.missing.value = _list(
            "Who is missing:", prep.who_is_missing(found), "Every group has someone involved."
        )

    def _show_versions(self) -> None:
        found = prep.versions(self._store, self.project_id)
        set_options(
            self.version,
            [(f"Version {n}, {say_date(at)}, by {author}", n) for n, author, at in found],
        )
        self.version.layout.display = self.show_version.layout.display = "flex" if found else "none"

    def _add_group_row(self, group: prep.Group | None = None) -> None:
        number = len(self.groups.children) + 1
        name = text_field(f"Group {number}", value=group.name if group else "")
        how_much = choice(
            f"How much it affects group {number}",
            [(label, code) for code, label in prep.HOW_MUCH.items()],
            value=group.how_much if group else "a_lot",
        )
        involved = text_field(
            f"Who from group {number} is involved", value=group.involved if group else ""
        )
        self.groups.children = [
            *self.groups.children,
            widgets.VBox([name, how_much, involved], layout={"margin": "0 0 0.75rem"}),
        ]

    def _show_person(self) -> None:
        if self.participant_id is None:
            return
        found = access.access_needs(self._store, self.participant_id)
        self.needs.value = found.needs if found else ""
        self.adjustments.value = found.adjustments if found else ""
        self.payment.value = found.payment if found else ""
        self.consent.value = found is not None
        self._show_access_state(found)

    def _show_access_state(self, found: access.AccessNeeds | None) -> None:
        log = fu.time_given(self._store, self.participant_id)
        owed = sum(e.amount_pence or 0 for e in log if e.paid_on is None)
        paid = (
            f"In the log: {fu.say_minutes(sum(e.minutes for e in log))} given, "
            f"{fu.say_money(owed)} still to pay."
            if log
            else "Nothing in the log yet."
        )
        kept = (
            f"Kept since {say_date(found.consent_on)}, when they agreed. Last saved "
            f"{say_date(found.saved_at)}."
            if found
            else "Nothing kept for them yet."
        )
        self.access_state.value = f"<p>{escape(kept)} {escape(paid)}</p>"

    # --- what the page holds ----------------------------------------------------------------

    def answers_on_page(self) -> prep.Preparation:
        """What the page's fields say now, as a Preparation (not saved)."""
        groups = []
        for box in self.groups.children:
            name, how_much, involved = box.children
            groups.append(prep.Group(name.value, how_much.value, involved.value))
        return prep.Preparation(
            intention={
                key: prep.Answer(self.answers[key].value or "", self.notes[key].value)
                for key, _ in prep.INTENTION
            },
            purpose={key: box.value for key, box in self.purpose.items()},
            groups=tuple(groups),
        )

    # --- saving ---------------------------------------------------------------------------

    def save_preparation(self) -> None:
        if self.project_id is None:
            return
        saved: list[int | None] = []
        answers = self.answers_on_page()
        if self._try(
            lambda: saved.append(
                prep.save_preparation(self._store, self.project_id, answers, actor=self._actor)
            )
        ):
            found = prep.preparation(self._store, self.project_id)
            self._show_summaries(found)
            self._show_versions()
            if saved[0] is None:
                self._say("Nothing has changed since the last save.")
            else:
                self._say(f"Saved: version {saved[0]} of the preparation.")

    def show_earlier(self) -> None:
        if self.project_id is None or self.version.value is None:
            return
        self.earlier.value = render_preparation(
            prep.preparation(self._store, self.project_id, self.version.value)
        )
        self._say(f"Showing version {self.version.value} below.")

    def save_access_needs(self) -> None:
        if self.participant_id is None:
            self._say("Choose whose access needs these are.")
            return
        saved: list = []
        if self._try(
            lambda: saved.append(
                access.save_access_needs(
                    self._store,
                    self.participant_id,
                    needs=self.needs.value,
                    adjustments=self.adjustments.value,
                    payment=self.payment.value,
                    consent_on=self.today() if self.consent.value else None,
                    actor=self._actor,
                )
            )
        ):
            if saved[0] is None:
                self._say("Nothing has changed since the last save.")
            else:
                self._show_access_state(saved[0])
                self._say("Saved: their access needs.")

    def forget_access_needs(self) -> None:
        """Delete every version kept for the chosen person (they took back their consent)."""
        if self.participant_id is None:
            self._say("Choose whose access needs these are.")
            return
        gone: list[int] = []
        if self._try(
            lambda: gone.append(
                access.forget_access_needs(self._store, self.participant_id, actor=self._actor)
            )
        ):
            self._show_person()
            self._say(
                f"Deleted: {gone[0]} saved versions of their access needs."
                if gone[0]
                else "Nothing was kept for them."
            )
