"""The storytelling recorder: who is speaking, turn by turn, and who has not spoken yet.

Made for a facilitator with a keyboard: each person has a number, and typing it in the
speaker-key box starts their turn (the buttons do the same). Every turn, note, break and
sense-check is saved the moment it happens.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
import traitlets

from coprod_lab.config import setting
from coprod_lab.labels import ROLE_LABELS
from coprod_lab.participation import Participation
from coprod_lab.sessions import storytelling as st
from coprod_lab.store import Store
from coprod_lab.widgets.page import StorePage, choice, row, set_options, text_box, text_field


def say_duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes == 0:
        return "under a minute"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def say_offset(seconds: float) -> str:
    """Where in the session a turn started: "at 0:05", "at 1:02:30"."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"at {hours}:{minutes:02d}:{secs:02d}" if hours else f"at {minutes}:{secs:02d}"


def render_participation(found: Participation, *, break_after_minutes: float = 60) -> str:
    """The participation panel: a table of shares, who has not spoken, breaks and recaps;
    a break is suggested once more than `break_after_minutes` pass without one."""
    rows = "".join(
        f"<tr><th scope='row'>{escape(s.person.name)}</th>"
        f"<td data-label='Role'>{ROLE_LABELS[s.person.role]}</td>"
        f"<td data-label='Turns'>{s.turns} ({s.turn_share:.0%})</td>"
        # Someone with no turns has not spoken: not "under a minute (0%)".
        + (
            f"<td data-label='Time'>{say_duration(s.seconds)} ({s.time_share:.0%})</td></tr>"
            if s.turns
            else "<td data-label='Time'>not spoken yet</td></tr>"
        )
        for s in found.shares
    )
    html = [
        "<table class='coprod-table'><caption>Who has spoken</caption><thead><tr>"
        "<th scope='col'>Person</th><th scope='col'>Role</th><th scope='col'>Turns</th>"
        f"<th scope='col'>Time speaking</th></tr></thead><tbody>{rows}</tbody></table>"
    ]
    if found.not_spoken:
        names = ", ".join(escape(p.name) for p in found.not_spoken)
        html.append(f"<p><strong>Not spoken yet:</strong> {names}</p>")
    else:
        html.append("<p>Everyone has spoken.</p>")
    if found.on_break:
        html.append("<p><strong>On a break.</strong></p>")
    else:
        html.append(f"<p>Time since the last break: {say_duration(found.since_break)}.</p>")
        if found.since_break > break_after_minutes * 60:
            html.append(
                "<p><strong>Time for a break.</strong> More than "
                f"{say_duration(break_after_minutes * 60)} without one is tiring for many.</p>"
            )
    if found.recap_due:
        html.append(
            f"<p><strong>Time for a recap?</strong> It has been {say_duration(found.since_recap)} "
            "since the last recap or break. Say back what you have heard so far.</p>"
        )
    return "".join(html)


class StorytellingRecorder(StorePage):
    """Record a storytelling session as it happens."""

    TITLE = "Storytelling recorder"
    INTRO = (
        "Keep track of who speaks, with a short note or quote for each turn. Each person has a "
        "number: type it in the speaker key box to start their turn."
    )

    session_id = traitlets.Int(None, allow_none=True, help="The session being recorded.")

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, **options)
        self._keys_seen = 0
        self.session = choice("Session")
        self.new_title = text_field("Title of the new session")
        self.new_people = widgets.VBox()
        self.start = widgets.Button(description="Start recording")
        self.speaker_key = widgets.Text(
            description="Speaker key",
            placeholder="Type a number",
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        self.speaker_buttons = widgets.HBox(layout={"flex_flow": "row wrap"})
        self.now_speaking = widgets.HTML()
        self.note = text_field("Note or quote for this turn")
        self.save_note = widgets.Button(description="Save the note")
        self.pause = widgets.Button(description="Start a break")
        self.recap = widgets.Button(description="We did a recap")
        self.finish = widgets.Button(description="End the session")
        self.panel = widgets.HTML()
        self.heard_from = choice("Whose words")
        self.heard = text_box("What we heard", rows=3)
        self.save_heard = widgets.Button(description="Save for them to check")
        self.waiting = choice("Waiting for an answer")
        self.confirmed = widgets.Button(description="They said it is right")
        self.not_right = widgets.Button(description="They said it is not right")
        self.checks = widgets.HTML()
        self.turn_log = widgets.HTML()

        self._follow(self.session, "session_id", self._show_session)
        self.speaker_key.observe(self._on_keys, names="value")
        self.start.on_click(lambda _b: self.start_session())
        self.save_note.on_click(lambda _b: self.keep_note())
        self.pause.on_click(lambda _b: self.toggle_break())
        self.recap.on_click(lambda _b: self.did_recap())
        self.finish.on_click(lambda _b: self.end_session())
        self.save_heard.on_click(lambda _b: self.write_sense_check())
        self.confirmed.on_click(lambda _b: self.answer(True))
        self.not_right.on_click(lambda _b: self.answer(False))

        self._recording = widgets.VBox(
            [
                widgets.HTML("<h2>Who is speaking</h2>"),
                self.speaker_key,
                self.speaker_buttons,
                self.now_speaking,
                self.note,
                self.save_note,
                row(self.pause, self.recap, self.finish),
                widgets.HTML("<h2>Taking part</h2>"),
                self.panel,
                widgets.HTML(
                    "<h2>Sense-check</h2><p>Write down what we heard, then ask the person "
                    "if we got it right.</p>"
                ),
                self.heard_from,
                self.heard,
                self.save_heard,
                self.waiting,
                row(self.confirmed, self.not_right),
                self.checks,
                widgets.HTML("<h2>Turns so far</h2>"),
                self.turn_log,
            ]
        )
        self._lay_out(
            self.session,
            self._status,
            self._recording,
            widgets.HTML("<h2>Start a new session</h2>"),
            self.new_title,
            widgets.HTML("<p>Who is taking part?</p>"),
            self.new_people,
            self.start,
        )
        self.refresh()

    # --- showing --------------------------------------------------------------------------

    def _show(self) -> None:
        people = self.people()
        self.new_people.children = [
            widgets.Checkbox(description=name, value=False, indent=False) for name, _ in people
        ]
        self._people_ids = [pid for _name, pid in people]
        found = st.recorded_sessions(self._store, self.project_id) if self.project_id else []
        recording = self._offer(self.session, "session_id", [(t, sid) for sid, t in found])
        self._recording.layout.display = "flex" if recording else "none"
        self._show_session()

    def _show_session(self) -> None:
        if self.session_id is None:
            return
        self._speakers = st.speakers(self._store, self.session_id)
        buttons = []
        for number, person in enumerate(self._speakers, 1):
            button = widgets.Button(
                description=f"{number}: {person.name} ({ROLE_LABELS[person.role].lower()})"
            )
            button.on_click(lambda _b, pid=person.id: self.turn_for(pid))
            buttons.append(button)
        self.speaker_buttons.children = buttons
        set_options(self.heard_from, [(p.name, p.id) for p in self._speakers])
        self._show_state()

    def _show_state(self) -> None:
        state = st.state(self._store, self.session_id)
        turns = st.turns(self._store, self.session_id)
        if turns and turns[-1].end is None:
            t = turns[-1]
            self.now_speaking.value = (
                f"<p>Now speaking: <strong>{escape(t.person.name)}</strong> "
                f"({ROLE_LABELS[t.person.role].lower()}), turn {t.turn + 1}.</p>"
            )
        else:
            self.now_speaking.value = {
                "on_break": "<p>On a break. Start a turn to carry on.</p>",
                "ended": "<p>This session has ended.</p>",
            }.get(state, "<p>Nobody is speaking yet.</p>")
        self.pause.description = "End the break" if state == "on_break" else "Start a break"
        for control in (self.speaker_key, self.pause, self.recap, self.finish, self.save_note):
            control.disabled = state == "ended"
        for button in self.speaker_buttons.children:
            button.disabled = state == "ended"
        self.panel.value = render_participation(
            st.session_participation(
                self._store,
                self.session_id,
                at=self._clock(),
                recap_after_minutes=setting("recap_after_minutes"),
            ),
            break_after_minutes=setting("break_after_minutes"),
        )
        recent = turns[-10:]
        self.turn_log.value = (
            "<ol>"
            + "".join(
                f"<li value='{t.turn + 1}'>{escape(t.person.name)} "
                f"({ROLE_LABELS[t.person.role].lower()}), {say_offset(t.start)}"
                + (f": {escape(t.note)}" if t.note else "")
                + "</li>"
                for t in reversed(recent)
            )
            + "</ol>"
            if recent
            else "<p>No turns yet.</p>"
        )
        self._show_checks()

    def _show_checks(self) -> None:
        found = st.sense_check_list(self._store, self.session_id)
        set_options(
            self.waiting,
            [(f"{c.person.name}: {c.heard[:60]}", c.id) for c in found if c.status == "waiting"],
        )
        has_waiting = bool(self.waiting.options)
        self.confirmed.disabled = self.not_right.disabled = not has_waiting
        labels = {"waiting": "waiting", "confirmed": "right", "not_right": "not right"}
        self.checks.value = (
            "<ul>"
            + "".join(
                f"<li>{escape(c.person.name)}: “{escape(c.heard)}” "
                f"<strong>({labels[c.status]})</strong></li>"
                for c in found
            )
            + "</ul>"
            if found
            else ""
        )

    # --- recording ------------------------------------------------------------------------

    def _on_keys(self, change: dict) -> None:
        # Keys are read from the end of what has been typed: the box is never cleared by the
        # kernel, so nothing typed while an update travels can be lost.
        value = change["new"]
        if len(value) < self._keys_seen:
            self._keys_seen = len(value)  # the person cleared the box
        for key in value[self._keys_seen :]:
            if key.isdigit() and 1 <= int(key) <= len(self._speakers):
                self.turn_for(self._speakers[int(key) - 1].id)
            elif not key.isspace():
                self._say(f"“{key}” is not a speaker key. Use 1 to {len(self._speakers)}.")
        self._keys_seen = len(value)

    def turn_for(self, participant_id: int) -> None:
        if self.session_id is None:
            return
        started: list[st.RecordedTurn] = []
        if self._try(
            lambda: started.append(
                st.record_turn(
                    self._store,
                    self.session_id,
                    participant_id,
                    at=self._clock(),
                    actor=self._actor,
                )
            )
        ):
            turn = started[0]
            self._show_state()
            self._say(f"Saved: turn {turn.turn + 1}, {turn.person.name}.")

    def keep_note(self) -> None:
        turns = st.turns(self._store, self.session_id) if self.session_id else []
        if not turns:
            self._say("Start a turn before writing a note.")
            return
        turn = turns[-1].turn
        if self._try(
            lambda: st.note_turn(
                self._store, self.session_id, turn, self.note.value, actor=self._actor
            )
        ):
            self.note.value = ""
            self._show_state()
            self._say(f"Saved: the note on turn {turn + 1}.")

    def toggle_break(self) -> None:
        if self.session_id is None:
            return
        on_break = st.state(self._store, self.session_id) == "on_break"
        change = st.end_break if on_break else st.start_break
        if self._try(
            lambda: change(self._store, self.session_id, at=self._clock(), actor=self._actor)
        ):
            self._show_state()
            self._say("Saved: the break has ended." if on_break else "Saved: a break started.")

    def did_recap(self) -> None:
        if self.session_id is not None and self._try(
            lambda: st.mark_recap(self._store, self.session_id, at=self._clock(), actor=self._actor)
        ):
            self._show_state()
            self._say("Saved: a recap.")

    def end_session(self) -> None:
        if self.session_id is not None and self._try(
            lambda: st.end_session(
                self._store, self.session_id, at=self._clock(), actor=self._actor
            )
        ):
            self._show_state()
            self._say("Saved: the session has ended.")

    def start_session(self) -> None:
        chosen = [
            pid
            for box, pid in zip(self.new_people.children, self._people_ids, strict=True)
            if box.value
        ]
        made: list[int] = []
        if self._try(
            lambda: made.append(
                st.start_session(
                    self._store,
                    self.project_id,
                    self.new_title.value,
                    chosen,
                    at=self._clock(),
                    actor=self._actor,
                )
            )
        ):
            self.session_id = made[0]
            title = self.new_title.value.strip()
            self.new_title.value = ""
            self._show()
            self._say(f"Saved: “{title}” is being recorded.")

    def write_sense_check(self) -> None:
        if self.session_id is None or self.heard_from.value is None:
            self._say("Choose whose words these are.")
            return
        if self._try(
            lambda: st.add_sense_check(
                self._store,
                self.session_id,
                self.heard_from.value,
                self.heard.value,
                actor=self._actor,
            )
        ):
            self.heard.value = ""
            self._show_checks()
            self._say("Saved: ask them if we heard it right.")

    def answer(self, confirmed: bool) -> None:
        if self.session_id is None or self.waiting.value is None:
            self._say("There is nothing waiting for an answer.")
            return
        if self._try(
            lambda: st.answer_sense_check(
                self._store,
                self.session_id,
                self.waiting.value,
                confirmed=confirmed,
                at=self._clock(),
                actor=self._actor,
            )
        ):
            self._show_checks()
            self._say("Saved: they said it is right." if confirmed else "Saved: not right.")
