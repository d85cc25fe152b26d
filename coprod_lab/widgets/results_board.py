"""The live results board for the projector: the current round, redrawn as votes arrive.

It opens with the workshop's view-only board key (?board=…), which the facilitator page
gives; the facilitator key does not open it, so the projector's address bar never shows a
key that runs the workshop. It checks every few seconds how many votes there are and when the
last changed, and redraws only when that moves. Results the facilitator hides until the vote
closes stay hidden here too: the room sees the projector.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from coprod_lab.definitions import rounds, workshops
from coprod_lab.definitions.results import results_visible, round_result, vote_activity
from coprod_lab.store import Store
from coprod_lab.widgets.page import keep_checking
from coprod_lab.widgets.results_html import result_html


class ResultsBoard(widgets.VBox):
    """Counts, percentages, ties, each group's support and what every group agrees on."""

    def __init__(
        self, store: Store, query: dict[str, str] | None = None, *, watch: bool = True
    ) -> None:
        super().__init__()
        self.add_class("coprod-page")
        self.add_class("coprod-board")
        self._store = store
        self._seen: tuple = ()
        self.board = widgets.HTML()
        self.activity: widgets.Widget | None = None  # a room activity's board (issue 24)
        self.workshop = workshops.by_board_key(store, (query or {}).get("board", ""))
        if self.workshop is None:
            self.children = [
                widgets.HTML(
                    "<h1>Results board</h1><p>This page needs the results board link from the "
                    "facilitator page.</p>"
                )
            ]
            return
        if self.workshop.activity != "definitions":
            # A room activity (issue 24) has a board of its own.
            from coprod_lab.widgets.activity import board_for

            self.activity = board_for(store, self.workshop)
            # Its parts straight on the page: one box that scrolls, not one inside another.
            self.children = list(self.activity.children)
            if watch:
                keep_checking(self.activity.check_for_changes)
            return
        self.children = [self.board]
        self.check_for_changes()
        if watch:
            keep_checking(self.check_for_changes)

    def current_round(self) -> rounds.Round | None:
        made = rounds.rounds_in(self._store, self.workshop.id)
        opened = [r for r in made if r.status == "open"]
        closed = [r for r in made if r.status == "closed"]
        return (opened or closed or [None])[-1]

    def check_for_changes(self) -> bool:
        """Redraw when the room or its votes changed; True if it did."""
        if self.activity is not None:
            return self.activity.check_for_changes()
        showing = self.current_round()
        seen = (
            workshops.changed(self._store, self.workshop.id),
            showing.id if showing else None,
            vote_activity(self._store, showing.id) if showing else None,
        )
        if seen == self._seen:
            return False
        self._seen = seen
        title = f"<h1>{escape(self.workshop.title)}</h1>"
        if showing is None:
            self.board.value = f"{title}<p>No vote has opened yet.</p>"
            return True
        found, result = round_result(self._store, showing.id)
        if results_visible(found):
            self.board.value = title + result_html(found, result)
        else:
            people = "person has" if result.voters == 1 else "people have"
            self.board.value = (
                f"{title}<h2>{escape(found.title)}</h2><p class='coprod-winner'>Voting is open. "
                f"<strong>{result.voters} {people} voted.</strong> The results show here when "
                "the vote closes.</p>"
            )
        return True
