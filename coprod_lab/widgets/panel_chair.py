"""The chair's page of a recruitment panel: agree questions, make cards, run the interviews.

It opens only with the panel's chair key in the address (?key=…); without it the page builds
no controls, so a member's browser has nothing to press even by crafting widget messages.
Results show for closed interviews only, and with "Candidate A" rather than names unless the
chair ticks "Show names" (only names given with consent show even then).

Like the facilitator page it checks the panel's change counter every few seconds and redraws
its lists; its fields are made once, so what the chair is typing stays put.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import threading
from html import escape

import ipywidgets as widgets

from coprod_lab.definitions import workshops
from coprod_lab.definitions.exports import qr_svg
from coprod_lab.recruitment import panels, ratings, summary
from coprod_lab.recruitment.panels import MEMBER_ROLES
from coprod_lab.recruitment.results import candidate_result, discuss_first
from coprod_lab.store import Store
from coprod_lab.widgets.page import Says, keep_checking, said_here, set_options
from coprod_lab.widgets.panel_results import counts_table, discuss_list, members_table
from coprod_lab.widgets.request import page_address

_FIELD = {"style": {"description_width": "initial"}, "layout": {"width": "auto"}}
PANEL_PAGE = "interview-panel.ipynb"
STATUS_WORDS = {"waiting": "waiting", "open": "being interviewed now", "closed": "closed"}


def _row(*children: widgets.Widget) -> widgets.HBox:
    return widgets.HBox(list(children), layout={"flex_flow": "row wrap"})


def _download(name: str, text: str, mime: str, label: str) -> str:
    data = base64.b64encode(text.encode()).decode()
    return (
        f"<a download='{escape(name)}' href='data:{mime};charset=utf-8;base64,{data}'>"
        f"{escape(label)}</a>"
    )


class PanelChairPage(Says, widgets.VBox):
    """Run one recruitment panel from a laptop: questions, cards, candidates, interviews."""

    def __init__(
        self,
        store: Store,
        key: str,
        *,
        address: str | None = None,
        today: dt.date | None = None,
        watch: bool = True,
    ) -> None:
        super().__init__()
        self.add_class("coprod-page")
        self._store = store
        self._status = widgets.HTML()
        self._status.add_class("coprod-status")
        self._address = address
        self._today = today
        self.panel = panels.by_chair_key(store, key)
        if self.panel is None:
            self.children = [
                widgets.HTML(
                    "<h1>Interview panel: chair's page</h1><p>This page needs the chair's link "
                    "for a panel. Ask the person who set up the panel, or make one with "
                    "<code>coprod-lab panel new</code>.</p>"
                )
            ]
            return
        self._actor = f"chair of panel {self.panel.id}"
        self._lock = threading.RLock()
        self._seen = -1
        self._build()
        self._redraw()
        if watch:
            keep_checking(self.check_for_changes)

    # --- the page's frame, made once ----------------------------------------------------------

    def _build(self) -> None:
        job = f" for the job of {escape(self.panel.job)}" if self.panel.job else ""
        top = widgets.HTML(
            f"<h1>{escape(self.panel.title)}: chair's page</h1><p>An interview panel{job}. "
            "Keep this page's link private: it runs the panel.</p>"
        )
        self.question_list = widgets.HTML()
        self.new_question = widgets.Text(
            description="A question to ask every candidate", continuous_update=False, **_FIELD
        )
        self.add_question = widgets.Button(description="Add the question", button_style="primary")
        self.add_question.on_click(lambda _b: self.do_add_question())
        self.question_to_remove = widgets.Dropdown(description="Question", **_FIELD)
        self.remove_question = widgets.Button(description="Take this question out")
        self.remove_question.on_click(lambda _b: self.do_remove_question())
        self.agree = widgets.Button(description="The panel agrees these questions")
        self.agree.on_click(lambda _b: self.do_agree())
        self.question_said = said_here()
        self._editing = widgets.VBox(
            [
                self.new_question,
                self.add_question,
                _row(self.question_to_remove, self.remove_question),
                self.agree,
            ]
        )
        self.lived_cards = widgets.BoundedIntText(
            description="New cards for members with lived experience", min=0, max=20, **_FIELD
        )
        self.staff_cards = widgets.BoundedIntText(
            description="New cards for staff members", min=0, max=20, **_FIELD
        )
        self.make_cards = widgets.Button(description="Make the cards")
        self.make_cards.on_click(lambda _b: self.do_make_cards())
        self.cards_said = said_here()
        self.member_list = widgets.HTML()
        self.candidate_name = widgets.Text(
            description="Candidate's name (leave empty to use a letter)",
            continuous_update=False,
            **_FIELD,
        )
        self.consent = widgets.Checkbox(
            description="They agreed that we keep their name", indent=False, **_FIELD
        )
        self.add_candidate = widgets.Button(description="Add the candidate")
        self.add_candidate.on_click(lambda _b: self.do_add_candidate())
        self.candidate_said = said_here()
        self.candidate_list = widgets.HTML()
        self.interview_of = widgets.Dropdown(description="Candidate", **_FIELD)
        self.open_button = widgets.Button(description="Open the interview", button_style="primary")
        self.open_button.on_click(lambda _b: self.do_open())
        self.close_button = widgets.Button(description="Close the interview")
        self.close_button.on_click(lambda _b: self.do_close())
        self.interview_said = said_here()
        self.progress = widgets.HTML()
        self.progress.add_class("coprod-status")
        self.show_names = widgets.Checkbox(
            description="Show names (only of candidates who agreed)", indent=False, **_FIELD
        )
        self.show_names.observe(lambda _ch: self._show_results(), names="value")
        self.results = widgets.HTML()
        self.children = [
            top,
            widgets.HTML("<h2>1. Questions</h2>"),
            self.question_list,
            self._editing,
            self.question_said,
            widgets.HTML("<h2>2. Panel members</h2><p>Each member gets a personal card.</p>"),
            self.lived_cards,
            self.staff_cards,
            self.make_cards,
            self.cards_said,
            self.member_list,
            widgets.HTML("<h2>3. Candidates</h2>"),
            self.candidate_list,
            self.candidate_name,
            self.consent,
            self.add_candidate,
            self.candidate_said,
            widgets.HTML("<h2>4. Interviews</h2><p>Open one candidate's interview at a time.</p>"),
            self.interview_of,
            _row(self.open_button, self.close_button),
            self.interview_said,
            self.progress,
            widgets.HTML("<h2>5. Results</h2>"),
            self.show_names,
            self.results,
            self._status,
        ]

    # --- following the panel ------------------------------------------------------------------

    def check_for_changes(self) -> bool:
        """Redraw if the panel changed or ratings came in; True if it did."""
        with self._lock:
            seen = self._looked()
            if seen == self._seen:
                return False
            self._redraw()
            return True

    def _looked(self) -> tuple:
        now = panels.open_candidate(self._store, self.panel.id)
        rated = ratings.members_done(self._store, now.id, 1) if now else 0
        return workshops.changed(self._store, self.panel.workshop_id), rated

    def _redraw(self) -> None:
        with self._lock:
            self._seen = self._looked()
            self.panel = panels.get_panel(self._store, self.panel.id)
            questions = panels.questions_of(self._store, self.panel.id)
            items = "".join(f"<li>{escape(q.text)}</li>" for q in questions)
            agreed = (
                "<p>The panel agreed these questions; they stay the same for every candidate.</p>"
                if self.panel.questions_agreed
                else "<p>Add, take out, then agree the questions before the first interview.</p>"
            )
            self.question_list.value = (
                f"<ol>{items}</ol>" if items else "<p>No questions yet.</p>"
            ) + agreed
            self._editing.layout.display = "none" if self.panel.questions_agreed else "flex"
            set_options(
                self.question_to_remove, [(f"{q.number}. {q.text[:40]}", q.id) for q in questions]
            )
            self._show_members()
            everyone = panels.candidates_of(self._store, self.panel.id)
            self.candidate_list.value = (
                "<ul>"
                + "".join(
                    f"<li>{escape(panels.shown_name(c, names=True))}: {STATUS_WORDS[c.status]}</li>"
                    for c in everyone
                )
                + "</ul>"
                if everyone
                else "<p>No candidates yet.</p>"
            )
            set_options(
                self.interview_of,
                [(f"{c.label} ({STATUS_WORDS[c.status]})", c.id) for c in everyone],
            )
            now = next((c for c in everyone if c.status == "open"), None)
            if now is not None:
                members = len(panels.members_of(self._store, self.panel.id))
                done = ratings.members_done(self._store, now.id, len(questions))
                self.progress.value = (
                    f"<p>{escape(now.label)}: {done} of {members} members have rated every "
                    "answer.</p>"
                )
            else:
                self.progress.value = "<p>No interview is open.</p>"
            self._show_results()

    def _show_members(self) -> None:
        members = panels.members_of(self._store, self.panel.id)
        if not members:
            self.member_list.value = "<p>No cards yet.</p>"
            return
        page = self._address or page_address(PANEL_PAGE)
        cards = "".join(
            "<div class='coprod-qr-card'>"
            f"<p><strong>{escape(m.label)}</strong> ({MEMBER_ROLES[m.role].lower()})</p>"
            f"{qr_svg(f'{page}?card={m.token}')}<p><small>{escape(page)}?card="
            f"{escape(m.token)}</small></p></div>"
            for m in members
        )
        roles = [m.role for m in members]
        self.member_list.value = (
            f"<p>{roles.count('lived_experience')} members with lived experience and "
            f"{roles.count('professional')} staff.</p><details><summary>Show the members' "
            "cards, to print or to give each member their link</summary>"
            f"<div class='coprod-qr-cards'>{cards}</div></details>"
        )

    def _show_results(self) -> None:
        names = bool(self.show_names.value)
        everyone = panels.candidates_of(self._store, self.panel.id)
        closed = [c for c in everyone if c.status == "closed"]
        if not closed:
            self.results.value = "<p>Results show here once an interview closes.</p>"
            return
        found = [candidate_result(self._store, c.id) for c in closed]
        parts = ["<h3>Talk about these first</h3>", discuss_list(discuss_first(found), names=names)]
        for result in found:
            c = result.candidate
            who = panels.shown_name(c, names=names)
            slug = re.sub(r"[^a-z0-9]+", "-", c.label.lower()).strip("-")
            parts += [
                f"<h3>{escape(who)}</h3>",
                counts_table(result, f"Ratings of {who}'s answers"),
                members_table(result, everyone, names=names),
                "<p>"
                + _download(
                    f"{slug}-summary.html",
                    summary.summary_html(self._store, c.id, names=names),
                    "text/html",
                    f"Download {c.label}'s one-page summary to print",
                )
                + "</p>",
            ]
        parts.append(
            "<p>"
            + _download(
                "panel-ratings.csv",
                summary.ratings_csv(self._store, self.panel.id, names=names),
                "text/csv",
                "Download every rating (CSV)",
            )
            + "</p>"
        )
        self.results.value = "".join(parts)

    # --- presses ------------------------------------------------------------------------------

    def _press(self, action, near: widgets.HTML, done: str) -> None:
        with self._lock:
            if self._try(action, near):
                self._say(done, near)
                self._redraw()

    def do_add_question(self) -> None:
        def add() -> None:
            panels.add_question(
                self._store, self.panel.id, self.new_question.value, actor=self._actor
            )
            self.new_question.value = ""

        self._press(add, self.question_said, "Added the question.")

    def do_remove_question(self) -> None:
        self._press(
            lambda: panels.remove_question(
                self._store, self.panel.id, self.question_to_remove.value, actor=self._actor
            ),
            self.question_said,
            "Took the question out.",
        )

    def do_agree(self) -> None:
        self._press(
            lambda: panels.agree_questions(self._store, self.panel.id, actor=self._actor),
            self.question_said,
            "The questions are agreed.",
        )

    def do_make_cards(self) -> None:
        def make() -> None:
            roles = ["lived_experience"] * self.lived_cards.value + ["professional"] * (
                self.staff_cards.value
            )
            panels.make_members(self._store, self.panel.id, roles, actor=self._actor)
            self.lived_cards.value = self.staff_cards.value = 0

        self._press(make, self.cards_said, "Made the cards: they are below.")

    def do_add_candidate(self) -> None:
        def add() -> None:
            panels.add_candidate(
                self._store,
                self.panel.id,
                name=self.candidate_name.value,
                consent_on=(self._today or dt.date.today()) if self.consent.value else None,
                actor=self._actor,
            )
            self.candidate_name.value = ""
            self.consent.value = False

        self._press(add, self.candidate_said, "Added the candidate.")

    def do_open(self) -> None:
        self._press(
            lambda: panels.open_interview(self._store, self.interview_of.value, actor=self._actor),
            self.interview_said,
            "The interview is open.",
        )

    def do_close(self) -> None:
        self._press(
            lambda: panels.close_interview(self._store, self.interview_of.value, actor=self._actor),
            self.interview_said,
            "The interview is closed.",
        )
