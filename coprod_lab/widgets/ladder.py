"""The Ladder of Co-production page: each person rates the project, with their evidence."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets

from coprod_lab.labels import ROLE_LABELS
from coprod_lab.ladder import RUNGS, chart_svg, compare, rate, ratings, rung_name
from coprod_lab.store import Store
from coprod_lab.widgets.page import StorePage, choice, date_field, say_date, set_options, text_box


class LadderSelfAssessment(StorePage):
    """Rate the project on the ladder; see how each group's view changes over time."""

    TITLE = "Ladder of Co-production"
    INTRO = (
        "Where is the project now? Each person chooses a step on their own and says why. Rate "
        "again later to see how it changes, and whether people with lived experience and "
        "professionals see it the same way."
    )

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, **options)
        self.person = choice("Who is rating")
        self.rung = widgets.RadioButtons(
            options=[(f"{n}. {name}: {meaning}", n) for n, (name, meaning) in enumerate(RUNGS, 1)],
            value=None,
            layout={"width": "auto"},
        )
        self.evidence = text_box("Why? What shows it", rows=3)
        self.rated_on = date_field("Date", self.today())
        self.save = widgets.Button(description="Save my rating", button_style="primary")
        self.comparison = widgets.HTML()
        self.chart = widgets.HTML()
        self.table = widgets.HTML()
        self.save.on_click(lambda _b: self.save_rating())
        self._lay_out(
            self.person,
            widgets.HTML("<h2 id='coprod-ladder-steps'>Steps on the ladder, from the lowest</h2>"),
            self.rung,
            self.evidence,
            self.rated_on,
            self.save,
            self._status,
            widgets.HTML("<h2>How people see the project</h2>"),
            self.comparison,
            self.chart,
            self.table,
        )
        self.refresh()

    def _show(self) -> None:
        set_options(self.person, self.people(("lived_experience", "professional", "other")))
        found = ratings(self._store, self.project_id) if self.project_id else []
        self.comparison.value = f"<p>{escape(compare(found))}</p>"
        self.chart.value = chart_svg(found) if found else ""
        rows = "".join(
            f"<tr><th scope='row'>{say_date(r.rated_on)}</th>"
            f"<td data-label='Person'>{escape(r.name)}</td>"
            f"<td data-label='Role'>{ROLE_LABELS[r.role]}</td>"
            f"<td data-label='Step'>{r.rung}. {rung_name(r.rung)}</td>"
            f"<td data-label='Why'>{escape(r.evidence)}</td></tr>"
            for r in reversed(found)
        )
        self.table.value = (
            "<table class='coprod-table'><caption>Every rating, newest first</caption><thead>"
            "<tr><th scope='col'>Date</th><th scope='col'>Person</th><th scope='col'>Role</th>"
            f"<th scope='col'>Step</th><th scope='col'>Why</th></tr></thead><tbody>{rows}"
            "</tbody></table>"
            if found
            else "<p>No ratings yet.</p>"
        )

    def save_rating(self) -> None:
        if self.person.value is None:
            self._say("Choose who is rating.")
            return
        if self.rung.value is None:
            self._say("Choose a step on the ladder.")
            return
        if self.rated_on.value is None:
            self._say("Choose the date.")
            return
        rung = self.rung.value
        if self._try(
            lambda: rate(
                self._store,
                self.project_id,
                self.person.value,
                rung,
                self.evidence.value,
                rated_on=self.rated_on.value,
                actor=self._actor,
            )
        ):
            self.evidence.value = ""
            self.rung.value = None
            self._show()
            self._say(f"Saved: step {rung}, {rung_name(rung)}.")
