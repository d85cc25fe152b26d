"""The follow-up page: thank each person for what they added, and log time given and paid."""

from __future__ import annotations

import base64
import re
from html import escape
from typing import Any

import ipywidgets as widgets
import traitlets
from sqlalchemy import select

from coprod_lab.errors import CoprodLabError
from coprod_lab.sessions import followup as fu
from coprod_lab.store import Store, attendance, sessions
from coprod_lab.widgets.page import (
    StorePage,
    choice,
    date_field,
    row,
    say_date,
    set_options,
    text_box,
    text_field,
)


def parse_pounds(text: str) -> int | None:
    """ "25", "£25.50", "1,000" or "" -> pence (2500, 2550, 100000, None); else refused."""
    if not text.strip():
        return None
    cleaned = text.strip().removeprefix("£").replace(",", "")
    found = re.fullmatch(r"(\d{1,7})(?:\.(\d\d?))?", cleaned)
    if found is None:
        raise CoprodLabError(f"“{text}” is not an amount of money. Write it like 25 or 25.50.")
    return int(found[1]) * 100 + int((found[2] or "0").ljust(2, "0"))


class FollowUp(StorePage):
    """Draft, edit and send each person's summary; keep their reciprocity log."""

    TITLE = "Follow-up"
    INTRO = (
        "Tell each person where their contribution added value, and keep track of the time they "
        "gave and what they get back for it."
    )

    participant_id = traitlets.Int(None, allow_none=True, help="Whose follow-up is on show.")

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, **options)
        self.person = choice("Person")
        self.draft = widgets.Button(description="Draft it from the record")
        self.draft.layout.width = "auto"
        self.summary = text_box("Where your contribution added value", rows=14)
        self.save = widgets.Button(description="Save", button_style="primary")
        self.sent = widgets.Button(description="Mark it as sent")
        self.summary_state = widgets.HTML()
        self.given_on = date_field("Date", self.today())
        self.minutes = widgets.BoundedIntText(
            description="Minutes given",
            value=60,
            min=1,
            max=24 * 60,
            style={"description_width": "initial"},
        )
        self.session = choice("Session (if any)")
        self.agreed = choice("What they get back", fu.RECOGNITION)
        self.amount = text_field("Amount in pounds (if any)", placeholder="For example 25.50")
        self.log_button = widgets.Button(description="Add to the log")
        self.log_view = widgets.HTML()
        self.unpaid = choice("Not paid yet")
        self.paid = widgets.Button(description="Mark it as paid")

        self._follow(self.person, "participant_id", self._show_person)
        self.draft.on_click(lambda _b: self.draft_summary())
        self.save.on_click(lambda _b: self.save_summary())
        self.sent.on_click(lambda _b: self.mark_sent())
        self.log_button.on_click(lambda _b: self.log_time())
        self.paid.on_click(lambda _b: self.mark_paid())
        self._lay_out(
            self.person,
            self._status,
            widgets.HTML("<h2>Where your contribution added value</h2>"),
            self.draft,
            self.summary,
            row(self.save, self.sent),
            self.summary_state,
            widgets.HTML("<h2>Time given and what they get back</h2>"),
            self.given_on,
            self.minutes,
            self.session,
            self.agreed,
            self.amount,
            self.log_button,
            self.log_view,
            self.unpaid,
            self.paid,
        )
        self.refresh()

    def _show(self) -> None:
        self._offer(self.person, "participant_id", self.people())
        self._show_person()

    def _show_person(self) -> None:
        if self.participant_id is None:
            return
        with self._store.read() as db:
            attended = db.execute(
                select(sessions.c.title, sessions.c.id)
                .join(attendance, attendance.c.session_id == sessions.c.id)
                .where(attendance.c.participant_id == self.participant_id)
                .order_by(sessions.c.held_on.nulls_last(), sessions.c.title)
            ).all()
        # 0 stands for "no session": a dropdown shows a value of None as an empty box.
        set_options(self.session, [("No session", 0), *[tuple(r) for r in attended]])
        found = fu.latest_summary(self._store, self.participant_id)
        self.summary.value = found.text if found else ""
        self._show_summary_state(found)
        self._show_log()

    def _show_summary_state(self, found: fu.Summary | None) -> None:
        if found is None:
            self.summary_state.value = "<p>No summary saved yet.</p>"
            return
        if found.sent_on:
            said = f"Sent on {say_date(found.sent_on)}."
        else:
            said = f"Saved on {say_date(found.saved_at)}, by {escape(found.author)}. Not sent yet."
        # Sending is by the person's own way (email, post, in person): the saved text downloads.
        data = base64.b64encode(found.text.encode()).decode()
        self.summary_state.value = (
            f"<p>{said} <a download='where-your-contribution-added-value.txt' "
            f"href='data:text/plain;charset=utf-8;base64,{data}'>Download the letter</a></p>"
        )

    def _show_log(self) -> None:
        found = fu.time_given(self._store, self.participant_id)
        if not found:
            self.log_view.value = "<p>No time logged yet.</p>"
        else:
            rows = "".join(
                f"<tr><th scope='row'>{say_date(e.given_on)}</th>"
                f"<td data-label='Time'>{fu.say_minutes(e.minutes)}</td>"
                f"<td data-label='Session'>{escape(e.session or '')}</td>"
                f"<td data-label='Agreed'>{escape(e.agreed)}"
                + (f", {fu.say_money(e.amount_pence)}" if e.amount_pence is not None else "")
                + "</td>"
                f"<td data-label='Paid'>{say_date(e.paid_on) if e.paid_on else 'Not yet'}</td>"
                "</tr>"
                for e in found
            )
            total = sum(e.minutes for e in found)
            owed = sum(e.amount_pence or 0 for e in found if e.paid_on is None)
            self.log_view.value = (
                "<table class='coprod-table'><caption>Time given</caption><thead><tr>"
                "<th scope='col'>Date</th><th scope='col'>Time</th><th scope='col'>Session</th>"
                "<th scope='col'>Agreed</th><th scope='col'>Paid</th></tr></thead>"
                f"<tbody>{rows}</tbody></table><p>In all: {fu.say_minutes(total)}. "
                f"Still to pay: {fu.say_money(owed)}.</p>"
            )
        unpaid = [(f"{say_date(e.given_on)}: {e.agreed}", e.id) for e in found if e.paid_on is None]
        set_options(self.unpaid, unpaid)
        self.unpaid.layout.display = self.paid.layout.display = "flex" if unpaid else "none"

    # --- changing -------------------------------------------------------------------------

    def draft_summary(self) -> None:
        if self.participant_id is None:
            return
        self.summary.value = fu.draft_summary(self._store, self.participant_id)
        self._say("Drafted from the record. Edit it, then save it. It is not saved yet.")

    def save_summary(self) -> None:
        if self.participant_id is None:
            return
        saved: list = []
        author = self._actor
        if self._try(
            lambda: saved.append(
                fu.save_summary(
                    self._store,
                    self.participant_id,
                    self.summary.value,
                    author=author,
                    actor=self._actor,
                )
            )
        ):
            if saved[0] is None:
                self._say("Nothing has changed since the last save.")
            else:
                self._show_summary_state(saved[0])
                self._say("Saved: the summary.")

    def mark_sent(self) -> None:
        if self.participant_id is None:
            return
        done: list = []
        if self._try(
            lambda: done.append(
                fu.mark_sent(
                    self._store, self.participant_id, sent_on=self.today(), actor=self._actor
                )
            )
        ):
            self._show_summary_state(done[0])
            self._say("Saved: the summary is marked as sent.")

    def log_time(self) -> None:
        if self.participant_id is None:
            return
        if self.given_on.value is None:
            self._say("Choose the date the time was given.")
            return

        def log() -> None:
            fu.log_time(
                self._store,
                self.participant_id,
                given_on=self.given_on.value,
                minutes=self.minutes.value,
                agreed=self.agreed.value,
                amount_pence=parse_pounds(self.amount.value),
                session_id=self.session.value or None,
                actor=self._actor,
            )

        if self._try(log):
            self.amount.value = ""
            self._show_log()
            self._say(f"Saved: {fu.say_minutes(self.minutes.value)} in the log.")

    def mark_paid(self) -> None:
        if self.participant_id is None or self.unpaid.value is None:
            self._say("Choose an entry that is not paid yet.")
            return
        entry = self.unpaid.value
        if self._try(
            lambda: fu.mark_paid(
                self._store, self.participant_id, entry, paid_on=self.today(), actor=self._actor
            )
        ):
            self._show_log()
            self._say("Saved: marked as paid.")
