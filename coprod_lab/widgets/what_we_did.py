""" "What we did with what you told us", the participants' page: every point people raised,
grouped by where it stands, to read only. Made-up names; people's own words only where they
agreed to be quoted. A lean page: it imports no pandas (one kernel per phone).
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets

from coprod_lab.sessions import you_said as ys
from coprod_lab.store import Store
from coprod_lab.widgets.page import StorePage


class WhatWeDid(StorePage):
    """The project's "you said, we did" list, by status, for anyone to read."""

    TITLE = "What we did with what you told us"
    INTRO = (
        "Here is each point people raised that needs an answer, and what has happened to it. "
        "The names are made up, so nobody can be picked out."
    )

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, **options)
        self.view = widgets.HTML()
        self._lay_out(self._status, self.view)
        self.refresh()

    def _show(self) -> None:
        if self.project_id is None:
            self.view.value = "<p>There is nothing to show yet.</p>"
            return
        today = self.today()
        found = ys.shown(self._store, self.project_id, today=today)
        if not found:
            self.view.value = "<p>No points have been written down yet.</p>"
            return
        parts = [f"<p>{escape(ys.summary_sentence(found))}</p>"]
        for status, heading in ys.PUBLIC_HEADINGS.items():
            these = [e for e in found if e.status == status]
            if these:
                parts.append(f"<h2>{escape(heading)} ({len(these)})</h2>")
                parts += [ys.entry_html(e, today) for e in these]
        self.view.value = "".join(parts)
