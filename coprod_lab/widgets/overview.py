"""The project overview page: pick a project, see who takes part and what sessions it has."""

from __future__ import annotations

import datetime as dt
from html import escape

import ipywidgets as widgets
import traitlets

from coprod_lab.labels import ROLE_LABELS, SESSION_KIND_LABELS
from coprod_lab.overview import ProjectSummary, list_projects, project_summary
from coprod_lab.store import Store


class ProjectOverview(widgets.VBox):
    """A page for facilitators and researchers. It shows counts by role, never names."""

    project_id = traitlets.Int(None, allow_none=True, help="The project on show.")

    def __init__(self, store: Store, **kwargs) -> None:
        self._store = store
        self._choose = widgets.Dropdown(description="Project", style={"description_width": "auto"})
        self._body = widgets.HTML()
        super().__init__(children=[self._choose, self._body], **kwargs)
        self.add_class("coprod-page")
        self._choose.observe(self._on_choose, names="value")
        self.refresh()

    def refresh(self) -> None:
        """Read the store again (new projects, new sessions)."""
        choices = list_projects(self._store)
        self._choose.options = [(name, pid) for pid, name in choices]
        self._choose.layout.display = "flex" if len(choices) > 1 else "none"
        if not choices:
            self.project_id = None
        elif self.project_id not in {pid for pid, _ in choices}:
            self.project_id = choices[0][0]
        self._choose.value = self.project_id
        self._show()

    def _on_choose(self, change: dict) -> None:
        if change["new"] is not None:
            self.project_id = change["new"]

    @traitlets.observe("project_id")
    def _on_project(self, change: dict) -> None:
        self._show()

    def _repr_mimebundle_(self, **kwargs) -> dict | None:
        # A plain-HTML copy of the page beside the live widget: the page's HTML then names
        # the project even before scripts run, and static exports of the notebook keep it.
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:
            bundle["text/html"] = self._body.value
        return bundle

    def _show(self) -> None:
        if self.project_id is None:
            self._body.value = (
                "<h1>No projects yet</h1><p>Run <code>coprod-lab demo</code> to add the "
                "example project, or import a transcript.</p>"
            )
            return
        self._body.value = render_summary(project_summary(self._store, self.project_id))


def _date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "Not set"


def render_summary(summary: ProjectSummary) -> str:
    """The overview as accessible HTML: real headings, a table with a caption and headers."""
    people = (
        "".join(
            f"<li>{escape(ROLE_LABELS.get(role, role))}: {count}</li>"
            for role, count in summary.people_by_role.items()
        )
        or "<li>No one has joined yet.</li>"
    )
    rows = "".join(
        "<tr>"
        f"<th scope='row'>{escape(s.title)}</th>"
        f"<td data-label='Type'>{escape(SESSION_KIND_LABELS.get(s.kind, s.kind))}</td>"
        f"<td data-label='Date'>{_date(s.held_on)}</td>"
        f"<td data-label='Turns recorded'>{s.turns}</td>"
        "</tr>"
        for s in summary.sessions
    )
    sessions = (
        "<table class='coprod-table'><caption>Sessions, oldest first</caption>"
        "<thead><tr><th scope='col'>Session</th><th scope='col'>Type</th>"
        "<th scope='col'>Date</th><th scope='col'>Turns recorded</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        if summary.sessions
        else "<p>No sessions yet.</p>"
    )
    return (
        f"<h1>{escape(summary.name)}</h1>"
        f"<p>{escape(summary.description)}</p>"
        "<h2>Who is taking part</h2>"
        f"<ul>{people}</ul>"
        "<h2>Sessions</h2>"
        f"{sessions}"
    )
