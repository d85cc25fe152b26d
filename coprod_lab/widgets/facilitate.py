"""The facilitator's page: stages, moderation, rounds, cards and exports for one workshop.

It opens only with the workshop's facilitator key in the address (?key=…). Without it the
page builds no controls at all, so there is nothing for a participant's browser to press,
even by crafting widget messages. The board's view-only key does not open it.

It follows the room as the phones do: every few seconds it checks the workshop's change
counter and the open round's votes, and refreshes its lists and counts when they moved. Its
fields are made once and never redrawn, so what the facilitator is typing stays put.
"""

from __future__ import annotations

import base64
import threading
from html import escape

import ipywidgets as widgets

from coprod_lab.definitions import ballots, contributions, exports, rounds, workshops
from coprod_lab.definitions.results import round_result, vote_activity
from coprod_lab.store import Store
from coprod_lab.store.schema import VOTING_METHODS, WORKSHOP_STAGES
from coprod_lab.widgets.page import Says, keep_checking, said_here, set_options
from coprod_lab.widgets.request import page_address
from coprod_lab.widgets.results_html import result_html

_FIELD = {"style": {"description_width": "initial"}, "layout": {"width": "auto"}}
PARTICIPANT_PAGE = "vote.ipynb"
BOARD_PAGE = "results-board.ipynb"


def _row(*children: widgets.Widget) -> widgets.HBox:
    return widgets.HBox(list(children), layout={"flex_flow": "row wrap"})


def _download(name: str, text: str, mime: str) -> str:
    data = base64.b64encode(text.encode()).decode()
    return f"<a download='{name}' href='data:{mime};charset=utf-8;base64,{data}'>{name}</a>"


class FacilitatorPage(Says, widgets.VBox):
    """Run a definition workshop: move the room through its stages, moderate, count."""

    def __init__(
        self,
        store: Store,
        query: dict[str, str] | None = None,
        *,
        address: str | None = None,
        watch: bool = True,
    ) -> None:
        super().__init__()
        self.add_class("coprod-page")
        self._store = store
        self._status = widgets.HTML()
        self._status.add_class("coprod-status")
        self.status = ""
        self._address = address
        self._key = (query or {}).get("key", "")
        self.activity = None
        self.workshop = workshops.by_facilitator_key(store, self._key)
        if self.workshop is None:
            self.children = [
                widgets.HTML(
                    "<h1>Facilitator page</h1><p>This page needs the facilitator link for a "
                    "workshop. Ask the person who set up the workshop, or make one with "
                    "<code>coprod-lab workshop new</code>.</p>"
                )
            ]
            return
        from coprod_lab.recruitment import panels

        if panels.panel_of_workshop(store, self.workshop.id) is not None:
            # A recruitment panel keeps its rounds in a workshop row, but its chair's link must
            # open only the panel's own page: this page would let the chair run a definitions
            # room over the panel's members and see their ratings before the interview closes.
            self.workshop = None
            self.children = [
                widgets.HTML(
                    "<h1>Facilitator page</h1><p>This is the chair's link for a recruitment "
                    "panel. Open it on the interview panel page (interview-panel.ipynb) "
                    "instead.</p>"
                )
            ]
            return
        if self.workshop.activity != "definitions":
            # A room activity (issue 24) has a facilitator screen of its own.
            from coprod_lab.widgets.activity import running_for

            self.activity = running_for(store, self.workshop, self._key, address)
            self.children = [self.activity]
            if watch:
                keep_checking(self.activity.check_for_changes)
            return
        self._actor = f"facilitator of workshop {self.workshop.id}"
        self._board_key = workshops.board_key(store, self.workshop.id, self._key)
        self._seen: tuple = ()
        self._filling = False
        self._lock = threading.RLock()  # the watcher's refresh and a press take turns
        self._build()
        self.refresh()
        if watch:
            keep_checking(self.check_for_changes)

    def check_for_changes(self) -> bool:
        """Refresh if the room or the shown round's votes changed; True if it did."""
        if self.activity is not None:
            return self.activity.check_for_changes()
        with self._lock:
            seen = (
                workshops.changed(self._store, self.workshop.id),
                vote_activity(self._store, self.round.value) if self.round.value else None,
            )
            if seen == self._seen:
                return False
            self.refresh()
            return True

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = widgets.HTML()
        self.stage = widgets.ToggleButtons(
            options=[(workshops.STAGE_LABELS[s], s) for s in WORKSHOP_STAGES],
            value=self.workshop.stage,
        )
        self.stage.observe(lambda ch: self._filling or self.move_to(ch["new"]), names="value")
        self.stage_said = said_here()
        self.entries_said = said_here()
        self.round_said = said_here()
        self.candidate_said = said_here()
        self.open_said = said_here()
        self.cards_said = said_here()
        self.exports_said = said_here()

        self.entry = widgets.Dropdown(description="Entry", **_FIELD)
        self.same_as = widgets.Dropdown(description="Says the same as", **_FIELD)
        self.reason = widgets.Text(description="Reason people will see", **_FIELD)
        self.hide_entry = widgets.Button(description="Hide with this reason")
        self.join_entries = widgets.Button(description="Join them")
        self.hide_entry.on_click(lambda _b: self.hide_contribution())
        self.join_entries.on_click(lambda _b: self.merge_contributions())
        self.entries = widgets.HTML()

        self.round_title = widgets.Text(description="Round name", value="Vote", **_FIELD)
        self.method = widgets.Dropdown(
            description="Voting method",
            options=[(rounds.METHOD_NAMES[m], m) for m in VOTING_METHODS],
            **_FIELD,
        )
        self.dots = widgets.BoundedIntText(description="Dots each", value=3, min=1, max=50)
        self.add_round = widgets.Button(description="Add round", button_style="primary")
        self.add_round.on_click(lambda _b: self.create_round())
        self.round = widgets.Dropdown(description="Round", **_FIELD)
        self.round.observe(lambda _ch: self._show_round(), names="value")
        self.from_sentence = widgets.Dropdown(description="A sentence from the room", **_FIELD)
        self.add_sentence = widgets.Button(description="Add this sentence")
        self.add_sentence.on_click(lambda _b: self.add_candidate(self.from_sentence.value))
        self.new_candidate = widgets.Textarea(
            description=f"Or type a definition (up to {rounds.MAX_CANDIDATE} letters)",
            rows=2,
            continuous_update=False,
            **_FIELD,
        )
        self.new_candidate.add_class(f"coprod-limit-{rounds.MAX_CANDIDATE}")
        self.add_typed = widgets.Button(description="Add this definition")
        self.add_typed.on_click(lambda _b: self.add_candidate(self.new_candidate.value))
        self.candidate = widgets.Dropdown(description="Definition", **_FIELD)
        self.candidate_same_as = widgets.Dropdown(description="Says the same as", **_FIELD)
        self.candidate_reason = widgets.Text(description="Reason people will see", **_FIELD)
        self.rewording = widgets.Textarea(
            description="New wording", rows=2, continuous_update=False, **_FIELD
        )
        self.hide_candidate = widgets.Button(description="Hide with this reason")
        self.join_candidates = widgets.Button(description="Join them")
        self.reword = widgets.Button(description="Suggest the new wording")
        self.hide_candidate.on_click(lambda _b: self.moderate_candidate("hide"))
        self.join_candidates.on_click(lambda _b: self.moderate_candidate("merge"))
        self.reword.on_click(lambda _b: self.moderate_candidate("reword"))
        self.open_button = widgets.Button(description="Open the vote", button_style="primary")
        self.close_button = widgets.Button(description="Close the vote")
        self.open_button.on_click(lambda _b: self.open_or_close("open"))
        self.close_button.on_click(lambda _b: self.open_or_close("close"))
        self.hide_results = widgets.Checkbox(
            description="Hide results from participants until the vote closes", **_FIELD
        )
        self.hide_results.observe(
            lambda ch: self._filling or self.set_hidden(ch["new"]), names="value"
        )
        self.candidates = widgets.HTML()
        self.result = widgets.HTML()

        self.card_count = widgets.BoundedIntText(
            description="How many cards", value=20, min=1, max=500, **_FIELD
        )
        self.make_cards = widgets.Button(description="Make cards with QR codes")
        self.make_cards.on_click(lambda _b: self.print_cards())
        self.cards = widgets.HTML()
        self.exports = widgets.HTML()
        self.make_exports = widgets.Button(description="Prepare the downloads")
        self.make_exports.on_click(lambda _b: self.prepare_exports())

        self.children = [
            self.heading,
            widgets.HTML("<h2>Stage</h2><p>Move the whole room on when it is ready.</p>"),
            self.stage,
            self.stage_said,
            self._status,
            widgets.HTML("<h2>Words and sentences</h2>"),
            self.entries,
            self.entry,
            self.reason,
            self.hide_entry,
            self.same_as,
            self.join_entries,
            self.entries_said,
            widgets.HTML("<h2>Rounds of voting</h2>"),
            self.round_title,
            self.method,
            self.dots,
            self.add_round,
            self.round,
            self.candidates,
            self.from_sentence,
            self.add_sentence,
            self.new_candidate,
            self.add_typed,
            self.round_said,
            widgets.HTML("<h3>Look after a definition</h3>"),
            self.candidate,
            self.candidate_reason,
            self.hide_candidate,
            self.candidate_same_as,
            self.join_candidates,
            self.rewording,
            self.reword,
            self.candidate_said,
            widgets.HTML("<h3>Open and close</h3>"),
            _row(self.open_button, self.close_button),
            self.open_said,
            self.hide_results,
            self.result,
            widgets.HTML("<h2>Cards with personal links</h2>"),
            self.card_count,
            self.make_cards,
            self.cards_said,
            self.cards,
            widgets.HTML("<h2>Downloads</h2>"),
            self.make_exports,
            self.exports_said,
            self.exports,
        ]

    # --- showing ------------------------------------------------------------------------

    def address(self, page: str) -> str:
        """Where a page of this server is, as people's browsers reach it."""
        return self._address + page if self._address else page_address(page)

    def refresh(self) -> None:
        """Read the room again: lists, choices and counts change; fields are left alone."""
        with self._lock:
            self._refresh()

    def _refresh(self) -> None:
        self.workshop = workshops.get_workshop(self._store, self.workshop.id)
        vote = self.address(PARTICIPANT_PAGE)
        board = f"{self.address(BOARD_PAGE)}?board={self._board_key}"
        self.heading.value = (
            f"<h1>{escape(self.workshop.title)}</h1>"
            f"<p class='coprod-room-code'>Room code: <strong>{self.workshop.room_code}</strong>"
            f"</p><p>People join at <a href='{escape(vote)}?room={self.workshop.room_code}'>"
            f"{escape(vote)}</a> with the room code and a name, or with a card.</p>"
            f"<p>For the projector: <a href='{escape(board)}'>the results board</a>. Its link "
            "only shows results, so it is safe to show on the screen; keep this page's link "
            "to yourself.</p>"
        )
        if self.stage.value != self.workshop.stage:
            self._filling = True
            try:
                self.stage.value = self.workshop.stage
            finally:
                self._filling = False
        # Words, new sentences, and suggested changes to a sentence each in a list of their
        # own: a change read as a new sentence looked like a second definition.
        groups: dict[str, list[str]] = {"Words": [], "New sentences": [], "Suggested changes": []}
        options = []
        for kind in ("word", "sentence"):
            listed = contributions.listed(self._store, self.workshop.id, kind)
            texts = {c.id: c.text for c in listed}
            for c in listed:
                state = "" if c.state == "shown" else f" ({c.state}: {c.reason})"
                if kind == "word":
                    group, label, what = "Words", "Word", ""
                elif c.edit_of in texts:
                    group, label = "Suggested changes", "Suggested change"
                    what = f" <em>(a change to “{escape(texts[c.edit_of])}”)</em>"
                else:
                    group, label, what = "New sentences", "Sentence", ""
                groups[group].append(f"<li>{escape(c.text)}{what}{escape(state)}</li>")
                if c.state == "shown":
                    options.append((f"{label}: {c.text}", c.id))
        self.entries.value = (
            "".join(
                f"<h3>{name}</h3><ul>{''.join(items)}</ul>"
                for name, items in groups.items()
                if items
            )
            or "<p>Nothing yet.</p>"
        )
        set_options(self.entry, options)
        set_options(self.same_as, options)
        sentences = [
            (c.text, c.text)
            for c in contributions.listed(self._store, self.workshop.id, "sentence")
            if c.state == "shown"
        ]
        set_options(self.from_sentence, sentences)
        made = rounds.rounds_in(self._store, self.workshop.id)
        before = self.round.value
        options = [(f"{r.title} ({r.status})", r.id) for r in made]
        ids = [r.id for r in made]
        with self.round.hold_sync():  # one change for the browser (see set_options)
            if list(self.round.options) != options:
                self.round.options = options
            if ids:
                self.round.value = before if before in ids else ids[-1]
        self._show_round()
        self._seen = (
            self.workshop.changed,
            vote_activity(self._store, self.round.value) if self.round.value else None,
        )

    def _show_round(self) -> None:
        if self.round.value is None:
            self.candidates.value = "<p>No rounds yet.</p>"
            return
        found, result = round_result(self._store, self.round.value)
        listed = rounds.candidates_in(self._store, found.id)
        self.candidates.value = (
            "<ol>"
            + "".join(
                f"<li>{escape(c.text)}"
                + (f" <em>({c.state}: {escape(c.reason)})</em>" if c.state != "shown" else "")
                + (
                    f" <em>(waiting for the author: “{escape(c.proposed_text)}”)</em>"
                    if c.proposed_text
                    else ""
                )
                + "</li>"
                for c in listed
            )
            + "</ol>"
        )
        shown = [(c.text, c.id) for c in listed if c.state == "shown"]
        set_options(self.candidate, shown)
        set_options(self.candidate_same_as, shown)
        self._filling = True
        try:
            self.hide_results.value = found.hide_results
        finally:
            self._filling = False
        self.open_button.disabled = found.status != "draft"
        self.close_button.disabled = found.status != "open"
        self.result.value = result_html(found, result, heading_level=3)

    # --- actions ------------------------------------------------------------------------

    def move_to(self, stage: str) -> None:
        if self._try(
            lambda: workshops.set_stage(self._store, self.workshop.id, stage, actor=self._actor),
            self.stage_said,
        ):
            self.refresh()
            self._say(f"The room is now at: {workshops.STAGE_LABELS[stage]}.", self.stage_said)

    def hide_contribution(self) -> None:
        if self.entry.value is None:
            self._say("Choose an entry first.", self.entries_said)
            return
        if self._try(
            lambda: contributions.hide(
                self._store, self.entry.value, self.reason.value, actor=self._actor
            ),
            self.entries_said,
        ):
            self.reason.value = ""
            self.refresh()
            self._say("Hidden. People see the reason in its place.", self.entries_said)

    def merge_contributions(self) -> None:
        if self._try(
            lambda: contributions.merge(
                self._store, self.same_as.value or 0, self.entry.value or 0, actor=self._actor
            ),
            self.entries_said,
        ):
            self.refresh()
            self._say("Joined.", self.entries_said)

    def create_round(self) -> None:
        dots = self.dots.value if self.method.value == "dots" else None
        made: list[rounds.Round] = []
        if self._try(
            lambda: made.append(
                rounds.add_round(
                    self._store,
                    self.workshop.id,
                    self.round_title.value,
                    self.method.value,
                    dots=dots,
                    actor=self._actor,
                )
            ),
            self.round_said,
        ):
            self.refresh()
            self.round.value = made[0].id
            self._say(
                f"Added the round “{made[0].title}”. Add the definitions to vote on.",
                self.round_said,
            )

    def add_candidate(self, text: str | None) -> None:
        if self.round.value is None:
            self._say("Add a round first.", self.round_said)
            return
        author = None
        for c in contributions.listed(self._store, self.workshop.id, "sentence"):
            if c.text == text:
                author = c.ballot_id
        if self._try(
            lambda: rounds.add_candidate(
                self._store, self.round.value, text or "", ballot_id=author, actor=self._actor
            ),
            self.round_said,
        ):
            if text == self.new_candidate.value:
                self.new_candidate.value = ""  # emptied only by its own save
            self._show_round()
            self._say("Added the definition.", self.round_said)

    def moderate_candidate(self, action: str) -> None:
        chosen = self.candidate.value
        if chosen is None:
            self._say("Choose a definition first.", self.candidate_said)
            return
        said = {"hide": "Hidden.", "merge": "Joined.", "reword": ""}

        def act() -> None:
            if action == "hide":
                rounds.hide_candidate(
                    self._store, chosen, self.candidate_reason.value, actor=self._actor
                )
            elif action == "merge":
                rounds.merge_candidates(
                    self._store, self.candidate_same_as.value or 0, chosen, actor=self._actor
                )
            else:
                done = rounds.propose_rewording(
                    self._store, chosen, self.rewording.value, actor=self._actor
                )
                said["reword"] = (
                    "Reworded."
                    if done
                    else "Sent to the person who wrote it; it changes if they agree."
                )

        if self._try(act, self.candidate_said):
            if action == "hide":
                self.candidate_reason.value = ""
            elif action == "reword":
                self.rewording.value = ""
            self._show_round()
            self._say(said[action], self.candidate_said)

    def open_or_close(self, action: str) -> None:
        """Open or close the chosen round; opening also moves the room to the vote."""
        change = rounds.open_round if action == "open" else rounds.close_round

        def act() -> None:
            change(self._store, self.round.value or 0, actor=self._actor)
            if action == "open" and self.workshop.stage != "vote":
                workshops.set_stage(self._store, self.workshop.id, "vote", actor=self._actor)

        if self._try(act, self.open_said):
            self.refresh()
            self._say(
                "The vote is open. The room is now at: Vote."
                if action == "open"
                else "The vote is closed. No more votes are taken.",
                self.open_said,
            )

    def set_hidden(self, hide: bool) -> None:
        if self.round.value is None:
            return
        self._try(
            lambda: rounds.set_hide_results(self._store, self.round.value, hide, actor=self._actor),
            self.open_said,
        )

    def print_cards(self) -> None:
        made: list[list[ballots.Ballot]] = []
        if self._try(
            lambda: made.append(
                ballots.make_ballots(
                    self._store, self.workshop.id, self.card_count.value, actor=self._actor
                )
            ),
            self.cards_said,
        ):
            tokens = [b.token for b in made[0]]
            self.cards.value = exports.cards_html(
                self._store, self.workshop.id, tokens, self.address(PARTICIPANT_PAGE)
            )
            self._say(
                f"Made {len(tokens)} cards. Print this page to hand them out.", self.cards_said
            )

    def prepare_exports(self) -> None:
        w = self.workshop.id
        links: list[str] = []

        def make() -> None:
            links.extend(
                [
                    _download("rounds.csv", exports.rounds_csv(self._store, w), "text/csv"),
                    _download("ballots.csv", exports.ballots_csv(self._store, w), "text/csv"),
                    _download("results.csv", exports.results_csv(self._store, w), "text/csv"),
                    _download(
                        "definitions.html", exports.summary_html(self._store, w), "text/html"
                    ),
                ]
            )

        if self._try(make, self.exports_said):
            self.exports.value = "<ul>" + "".join(f"<li>{x}</li>" for x in links) + "</ul>"
            self._say("The downloads are ready.", self.exports_said)
