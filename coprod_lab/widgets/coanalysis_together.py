"""The comparison page, to look at together: the turns people read differently first, then
each code and who used it, how far people agree, and the codes co-analysts suggested, which
the group can add to the code book. Disagreement is shown as something to talk about.

A co-analyst's personal link opens it for their own project's open sessions; a researcher
opens it in a notebook with the project's id. Agreement figures come from the coding core
(coprod_lab.coanalysis.together.agreement).
"""

from __future__ import annotations

import math
from html import escape

import ipywidgets as widgets

from coprod_lab.coanalysis import invitations, together
from coprod_lab.coanalysis.findings import findings
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store
from coprod_lab.widgets.page import Says, said_here

INTRO = (
    "Here is what everyone found, side by side. Where people read a turn differently, that is "
    "worth talking about: it shows the words can mean more than one thing. Nobody is wrong."
)
AGREEMENT_HELP = (
    "How often people chose the same codes for the same turns, beyond what chance would give: "
    "1 means always the same, 0 means no more than chance. Pairs use Cohen's kappa, the whole "
    "group Krippendorff's alpha."
)


def _figure(value: float) -> str:
    return (
        "not worked out (everyone gave the same answer every time)"
        if math.isnan(value)
        else f"{value:.2f}"
    )


class TogetherPage(Says, widgets.VBox):
    """The comparison for one project's open sessions.

    query: {"coanalyst": token} as a co-analyst's link gives it; or project_id for a
    researcher in a notebook (actor then names them when a suggested code is accepted)."""

    def __init__(
        self,
        store: Store,
        query: dict[str, str] | None = None,
        *,
        project_id: int | None = None,
        actor: str = "researcher",
    ) -> None:
        super().__init__()
        self.add_class("coprod-page")
        self.add_class("coprod-together")
        self._store = store
        self._status = widgets.HTML()
        self._status.add_class("coprod-status")
        who = invitations.by_token(store, (query or {}).get("coanalyst", ""))
        self.project_id = who.project_id if who else project_id
        self.actor = who.name if who else actor
        if self.project_id is None:
            self.children = [
                widgets.HTML(
                    "<h1>What we found together</h1><p>This link did not work. Ask the "
                    "researcher for your personal link.</p>"
                )
            ]
            return
        self.refresh_button = widgets.Button(
            description="Show the latest", tooltip="Show the latest"
        )
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.discuss = widgets.HTML()
        self.codes = widgets.HTML()
        self.words = widgets.HTML()
        self.agreement = widgets.HTML()
        self.suggestions_box = widgets.VBox()
        self.suggestion_said: dict[int, widgets.HTML] = {}
        self.children = [
            widgets.HTML(f"<h1>What we found together</h1><p>{INTRO}</p>"),
            self.refresh_button,
            self.discuss,
            self.codes,
            self.words,
            self.agreement,
            widgets.HTML("<h2>New codes people suggested</h2>"),
            self.suggestions_box,
            self._status,
        ]
        self.refresh()

    def refresh(self) -> None:
        """Read everything again from the store."""
        self._show_discuss()
        self._show_codes()
        self._show_words()
        self._show_agreement()
        self._show_suggestions()

    def _show_discuss(self) -> None:
        talk = together.to_discuss(self._store, self.project_id)
        titles = together.session_titles(self._store, self.project_id)
        if not talk:
            self.discuss.value = (
                "<h2>Turns to talk about</h2><p>Nobody has read a turn differently yet.</p>"
            )
            return
        items = [
            f"<li class='coprod-card'><p><strong>{escape(titles.get(r['session_id'], ''))}, "
            f"turn {r['turn'] + 1}.</strong> {escape(r['speaker'])} said:</p>"
            f"<blockquote>{escape(r['text'])}</blockquote><ul>"
            + "".join(f"<li>{escape(reason)}</li>" for reason in r["reasons"])
            + "</ul></li>"
            for r in talk
        ]
        self.discuss.value = (
            "<h2>Turns to talk about</h2><p>Turns someone read differently come first.</p>"
            f"<ol class='coprod-discuss'>{''.join(items)}</ol>"
        )

    def _show_codes(self) -> None:
        who = together.who_applied(self._store, self.project_id)
        if not who:
            self.codes.value = "<h2>Each code and who used it</h2><p>No codes used yet.</p>"
            return
        rows = "".join(
            f"<tr><th scope='row'>{escape(r['code'])}</th>"
            f"<td data-label='Meaning'>{escape(r['meaning'])}</td>"
            f"<td data-label='Used by'>{escape(r['applied_by'])}</td>"
            f"<td data-label='Turns'>{r['turns']}</td>"
            f"<td data-label='Turns where people differ'>{r['turns_differ']}</td></tr>"
            for r in who
        )
        self.codes.value = (
            "<h2>Each code and who used it</h2><table class='coprod-table'><caption>The number "
            "after a name is how many turns they gave the code.</caption><thead><tr>"
            "<th scope='col'>Code</th><th scope='col'>Meaning</th><th scope='col'>Used by</th>"
            "<th scope='col'>Turns</th><th scope='col'>Turns where people differ</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )

    def _show_words(self) -> None:
        found = findings(self._store, self.project_id)
        picked = found.words if found else []
        if not picked:
            self.words.value = ""
            return
        items = "".join(
            f"<li><blockquote>{escape(w['words'])}</blockquote><p>{escape(w['coder'])}: "
            f"{escape(w['why'] or 'no reason written')}</p></li>"
            for w in picked
        )
        self.words.value = (
            f"<h2>Words people picked out, and why</h2><ul class='coprod-discuss'>{items}</ul>"
        )

    def _show_agreement(self) -> None:
        try:
            table = together.agreement(self._store, self.project_id)
        except CoprodLabError as error:
            self.agreement.value = f"<h2>How much we agree</h2><p>{escape(str(error))}</p>"
            return
        rows = "".join(
            f"<tr><th scope='row'>{escape(r['code'])}</th>"
            f"<td data-label='Who'>{'Everyone' if r['coders'] == 'all' else escape(r['coders'])}"
            "</td><td data-label='Agreement'>"
            f"{_figure(r['alpha'] if r['coders'] == 'all' else r['kappa'])}</td></tr>"
            for r in table
        )
        self.agreement.value = (
            f"<h2>How much we agree</h2><p>{AGREEMENT_HELP}</p><table class='coprod-table'>"
            "<thead><tr><th scope='col'>Code</th><th scope='col'>Who</th>"
            f"<th scope='col'>Agreement</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def _show_suggestions(self) -> None:
        listed = together.suggestions(self._store, self.project_id)
        children: list[widgets.Widget] = []
        self.suggestion_said = {}
        for r in listed:
            said = said_here()
            self.suggestion_said[r["id"]] = said
            meaning = f": {escape(r['meaning'])}" if r["meaning"] else ""
            state = {
                "accepted": "Added to the code book.",
                "not_taken": "Left out of the code book.",
            }.get(r["state"], "")
            card = [
                widgets.HTML(
                    f"<p><strong>{escape(r['name'])}</strong>{meaning} "
                    f"(suggested by {escape(r['suggested_by'])}) {state}</p>"
                )
            ]
            if r["state"] == "waiting":
                add = widgets.Button(
                    description="Add to the code book",
                    button_style="primary",
                    tooltip=f"Add {r['name']} to the code book",
                )
                add.on_click(lambda _b, i=r["id"]: self.accept(i))
                leave = widgets.Button(description="Leave it out", tooltip=f"Leave {r['name']} out")
                leave.on_click(lambda _b, i=r["id"]: self.leave(i))
                card.append(widgets.HBox([add, leave], layout={"flex_flow": "row wrap"}))
            box = widgets.VBox([*card, said])
            box.add_class("coprod-card")
            children.append(box)
        self.suggestions_box.children = children or [
            widgets.HTML("<p>Nobody has suggested a new code yet.</p>")
        ]

    def accept(self, suggestion_id: int) -> None:
        """Add a suggested code to the code book."""
        if self._try(
            lambda: together.accept_suggestion(
                self._store, self.project_id, suggestion_id, actor=self.actor
            )
        ):
            self._show_suggestions()
            self._say("Saved: added to the code book.", self.suggestion_said.get(suggestion_id))

    def leave(self, suggestion_id: int) -> None:
        """Leave a suggested code out of the code book."""
        if self._try(
            lambda: together.leave_suggestion(
                self._store, self.project_id, suggestion_id, actor=self.actor
            )
        ):
            self._show_suggestions()
            self._say("Saved: left out of the code book.", self.suggestion_said.get(suggestion_id))
