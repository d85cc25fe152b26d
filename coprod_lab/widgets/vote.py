"""The participant's page: join, add words, build sentences, vote. Phone first.

The ballot lives in the kernel, never in a widget, so nothing the browser sends can name
another person's ballot. Every press is checked again by `coprod_lab.definitions.voting`
and by the database; "Saved" is shown only after the commit returns.

The page watches one number in the store (the workshop's `changed`) every few seconds and
redraws only when it moves, so an idle page sends nothing and an idle kernel can be culled.
A redraw changes only the lists around the fields: the fields, their buttons and the page's
sections are made once, so text being typed and the focus stay where they are (ipywidgets
redraws a box's children from the first one that changed). A field is emptied only by its
own successful save.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from html import escape

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle
from sqlalchemy.exc import SQLAlchemyError

from coprod_lab.definitions import ballots, contributions, rounds, voting, workshops
from coprod_lab.definitions.ballots import ROLE_CHOICES
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store
from coprod_lab.store.connection import while_busy
from coprod_lab.widgets.meanings import CO_PRODUCTION, LIVED_EXPERIENCE
from coprod_lab.widgets.page import NOT_SAVED, STILL_SAVING, Says, keep_checking

_FIELD = {"style": {"description_width": "initial"}, "layout": {"width": "auto"}}
_NOT_RANKED = voting.NOT_IN_ORDER
# What "My order" shows before the person has placed a definition (or after a skip): never
# stored; an empty box read as nothing at all to a new user and to a screen reader.
_NOT_CHOSEN = -1


def _limited(field: widgets.Widget, letters: int) -> widgets.Widget:
    """Mark a field with its limit: the page template shows the letters left as people type."""
    field.add_class(f"coprod-limit-{letters}")
    return field


class VotingPage(Says, widgets.VBox):
    """Everything a participant does, for the ballot in the page's address or the one they join."""

    def __init__(
        self, store: Store, query: dict[str, str] | None = None, *, watch: bool = True
    ) -> None:
        super().__init__()
        # Every ipywidgets widget brings a Layout and most a Style: more widgets for the
        # kernel to make and send and for the one server to pass on (86 of the 141 a voting
        # page had). Widgets whose look never changes share these; with "Which word?" made
        # only when asked for, a page is 60 widgets (BENCHMARKS.md, "Page time at 300").
        self._plain = widgets.Layout()
        self._row = widgets.Layout(flex_flow="row wrap")  # buttons that wrap on a phone
        self._html_look = HTMLStyle()
        self._button_look = widgets.ButtonStyle()
        self.add_class("coprod-page")
        self.add_class("coprod-vote")
        self._store = store
        self._lock = threading.RLock()
        self.ballot: ballots.Ballot | None = None
        self.workshop: workshops.Workshop | None = None
        self._seen = -1
        self._edit_of: int | None = None
        self._syncing = False
        self.controls: dict[int, widgets.Widget] = {}
        self._status = self._html("")
        self._status.add_class("coprod-status")  # a live region: screen readers hear "Saved"
        self.saved: dict[int, widgets.HTML] = {}  # candidate id → its "Saved" line
        self.notes: dict[int, widgets.HTML] = {}  # candidate id → its message line
        self.round: rounds.Round | None = None
        self.activity: widgets.Widget | None = None  # a room activity's screen (issue 24)
        query = query or {}
        found = ballots.by_token(store, query.get("ballot", ""))
        if found:
            self._open(found)
        else:
            self._join_form(query.get("room", ""), bad_link="ballot" in query)
        if watch:
            keep_checking(self.check_for_changes)

    # --- widgets that share one layout and style ----------------------------------------------

    def _html(self, text: str) -> widgets.HTML:
        return widgets.HTML(text, layout=self._plain, style=self._html_look)

    def _button(self, label: str, *, tooltip: str = "", style: str = "") -> widgets.Button:
        return widgets.Button(
            description=label,
            tooltip=tooltip or label,
            button_style=style,
            layout=self._plain,
            style=self._button_look,
        )

    def _said_here(self) -> widgets.HTML:
        """A message line beside a control (page.said_here), sharing the page's look."""
        line = self._html("")
        line.add_class("coprod-status")  # a live region (see the page template)
        line.add_class("coprod-said")
        return line

    # --- joining --------------------------------------------------------------------------

    def _join_form(self, room: str, *, bad_link: bool) -> None:
        self.room_code = widgets.Text(description="Room code", value=room, **_FIELD)
        self.name = widgets.Text(description="Your name (first name is fine)", **_FIELD)
        self.join = self._button("Join", style="primary")
        self.join.on_click(lambda _b: self.join_room())
        # Enter in either box joins, as on any form: the text box sends "submit" on Enter.
        for field in (self.room_code, self.name):
            field.on_msg(self._on_enter)
        self.join_said = self._said_here()
        note = (
            "<p>That personal link did not work. Ask the facilitator for a new card, or join "
            "with the room code.</p>"
            if bad_link
            else ""
        )
        self.children = [
            self._html(
                f"<h1>Join the room</h1>{note}<p>Type the room code from the screen and a "
                "name you will remember. Use the same name to come back to your votes.</p>"
            ),
            self.room_code,
            self.name,
            self.join,
            self.join_said,
            self._status,
        ]

    def _on_enter(self, _field: widgets.Widget, content: dict, _buffers: list) -> None:
        if content.get("event") == "submit" and self.ballot is None:
            self.join_room()

    def join_room(self) -> None:
        found = workshops.by_room_code(self._store, self.room_code.value)
        near = self.join_said
        if found is None:
            self._say("There is no room with that code. Check the code on the screen.", near)
            return
        try:
            ballot = ballots.join_by_name(self._store, found.id, self.name.value)
        except CoprodLabError as error:
            self._say(str(error), near)
            return
        self._open(ballot)

    def _open(self, ballot: ballots.Ballot) -> None:
        with self._lock:
            self.ballot = ballot
            activity = workshops.get_workshop(self._store, ballot.workshop_id).activity
            if activity != "definitions":
                # A room activity has a screen of its own; the definitions parts are never
                # built, so nothing of theirs can be pressed.
                from coprod_lab.widgets.activity import phone_for

                self.activity = phone_for(self._store, ballot, activity)
                self.children = [self.activity]
                return
            self._seen = -1
            self._build()
            self._redraw()

    def _build(self) -> None:
        """The page's fixed frame: sections whose insides change, fields made once."""
        self._top = self._html("")
        self._stage_shown: tuple = ()
        self._rewordings_shown: tuple = ()
        self.role = widgets.RadioButtons(
            options=[(label, key) for key, label in ROLE_CHOICES.items()],
            value=self.ballot.role if self.ballot.role != "not_said" else None,
            # The question names the group for a screen reader (the page template ties
            # a radio group to its label); without it the choices had no name.
            description="Which fits you best?",
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        self.role.add_class("coprod-radios")
        self.role.observe(lambda change: self.choose_role(change["new"]), names="value")
        self.role_said = self._said_here()
        self._rewording_box = widgets.VBox(layout=self._plain)
        self.rewording_said = self._said_here()
        self._stage_box = widgets.VBox(layout=self._plain)
        # Words and sentences: made once, kept through every redraw.
        self.word = _limited(
            widgets.Text(
                description=f"A word about co-production (up to {contributions.MAX_WORD} letters)",
                continuous_update=False,
                **_FIELD,
            ),
            contributions.MAX_WORD,
        )
        self.add_word = self._button("Add my word", style="primary")
        self.add_word.on_click(lambda _b: self.send("word", self.word))
        self.word_said = self._said_here()
        self.words_list = self._html("")
        self.sentence = _limited(
            widgets.Textarea(
                description=f"Your sentence (up to {contributions.MAX_SENTENCE} letters)",
                rows=3,
                continuous_update=False,
                **_FIELD,
            ),
            contributions.MAX_SENTENCE,
        )
        self.add_sentence = self._button("Add my sentence", style="primary")
        self.add_sentence.on_click(lambda _b: self.send("sentence", self.sentence))
        self.sentence_said = self._said_here()
        self.sentences_list = self._html("")
        self.suggest = widgets.Dropdown(
            description="Suggest a change to",
            options=[("(a new sentence)", 0)],
            value=0,
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        self.suggest.observe(lambda change: self.suggest_change(change["new"]), names="value")
        # The sentence a change is suggested to, shown above the box (the box is not filled
        # with it: typing was added to its end, and "…trust.We work…" was saved).
        self.suggest_now = self._html("")
        self._filling = False
        self.children = [
            self._top,
            self._html(
                "<h2>About you (you can skip this)</h2><p>Results show whether people with "
                f"lived experience ({LIVED_EXPERIENCE}) and people who work in services "
                "agree.</p>"
            ),
            self.role,
            self.role_said,
            self._rewording_box,
            self._stage_box,
            self._status,
            self._html(""),  # the policy, filled in by _redraw
        ]

    # --- watching for the facilitator's changes ------------------------------------------------

    def check_for_changes(self) -> bool:
        """Redraw if the room changed since the page last looked; True if it did."""
        if self.ballot is None:
            return False
        if self.activity is not None:
            return self.activity.check_for_changes()
        with self._lock:
            if workshops.changed(self._store, self.ballot.workshop_id) == self._seen:
                return False
            self._redraw()
            return True

    # --- drawing ------------------------------------------------------------------------

    def _redraw(self) -> None:
        """Show the store's state, changing only what moved (see the module's opening)."""
        assert self.ballot is not None
        self.workshop = workshops.get_workshop(self._store, self.ballot.workshop_id)
        self._seen = self.workshop.changed
        self.ballot = ballots.by_token(self._store, self.ballot.token) or self.ballot
        who = escape(self.ballot.name or "this card")
        self._top.value = (
            f"<h1>{escape(self.workshop.title)}</h1>"
            f"<p>You are voting as {who}. <a class='coprod-personal-link' "
            f"href='?ballot={escape(self.ballot.token)}'>"
            "Your personal link</a> brings you back to your votes.</p>"
        )
        self._show_rewordings()
        stage = self.workshop.stage
        if stage == "words":
            self._fill_lists()
            self._stage_is(("words",), self._words_stage)
        elif stage == "sentences":
            self._fill_lists()
            self._stage_is(("sentences",), self._sentences_stage)
        elif stage == "vote":
            found = rounds.open_round_of(self._store, self.ballot.workshop_id)
            listed = rounds.candidates_in(self._store, found.id) if found else []
            shown = tuple((c.id, c.state, c.text) for c in listed)
            closed = tuple(
                (r.id, r.status, r.hide_results)
                for r in rounds.rounds_in(self._store, self.ballot.workshop_id)
            )
            self._stage_is(("vote", found, shown, closed), self._vote_stage)
        else:
            self._stage_is(("finished",), self._finished_stage)
        self.children[-1].value = self._policy()

    def _stage_is(self, shown: tuple, build) -> None:
        """Build the stage's section only when what it shows changed, not on every redraw."""
        if shown != self._stage_shown:
            self._stage_shown = shown
            self._stage_box.children = build()

    def _finished_stage(self) -> list[widgets.Widget]:
        return [
            self._html("<h2>Thank you</h2><p>The workshop has finished.</p>"),
            *self._closed_results(),
        ]

    def _policy(self) -> str:
        return (
            "<details><summary>How entries are looked after</summary>"
            f"<p>{escape(self.workshop.policy)}</p></details>"
        )

    def choose_role(self, role: str | None) -> None:
        if role is None:
            return
        if self._try(lambda: ballots.set_role(self._store, self.ballot.id, role), self.role_said):
            self._say("Saved: thank you.", self.role_said)

    def _show_rewordings(self) -> None:
        """New wording the facilitator suggests for a definition this person wrote."""
        waiting = []
        for made in rounds.rounds_in(self._store, self.ballot.workshop_id):
            for cand in rounds.candidates_in(self._store, made.id):
                if cand.ballot_id == self.ballot.id and cand.proposed_text:
                    waiting.append(cand)
        shown = tuple((c.id, c.text, c.proposed_text) for c in waiting)
        if shown == self._rewordings_shown:
            return
        self._rewordings_shown = shown
        found: list[widgets.Widget] = []
        for cand in waiting:
            yes = self._button("Yes, use the new wording", style="primary")
            no = self._button("No, keep my wording")
            yes.on_click(lambda _b, c=cand.id: self.answer_rewording(c, True))
            no.on_click(lambda _b, c=cand.id: self.answer_rewording(c, False))
            found += [
                self._html(
                    "<h2>Do you agree to a change?</h2>"
                    f"<p>You wrote: “{escape(cand.text)}”</p>"
                    f"<p>Suggested: “{escape(cand.proposed_text)}”</p>"
                ),
                widgets.HBox([yes, no], layout=self._row),
            ]
        self._rewording_box.children = [*found, self.rewording_said]

    def answer_rewording(self, candidate_id: int, agree: bool) -> None:
        with self._lock:
            if not self._try(
                lambda: rounds.answer_rewording(self._store, candidate_id, self.ballot.id, agree),
                self.rewording_said,
            ):
                return
            self._redraw()
            self._say(
                "Saved: the new wording is in." if agree else "Saved: your wording stays.",
                self.rewording_said,
            )

    # --- words and sentences ------------------------------------------------------------

    def _listing(self, found: list, heading: str) -> str:
        items = []
        texts = {c.id: c.text for c in found}
        for c in found:
            if c.state == "shown" and c.edit_of in texts:
                # Everyone, the first sentence's writer too, sees what a change is to.
                items.append(
                    f"<li>{escape(c.text)} <em>(a suggested change to "
                    f"“{escape(texts[c.edit_of])}”)</em></li>"
                )
            elif c.state == "shown":
                items.append(f"<li>{escape(c.text)}</li>")
            elif c.state == "hidden":
                items.append(f"<li><em>Hidden: {escape(c.reason)}</em></li>")
        body = f"<ul>{''.join(items)}</ul>" if items else "<p>Nothing yet.</p>"
        return f"<h2>{heading}</h2>{body}"

    def _fill_lists(self) -> None:
        """The room's words and sentences, and the sentences one can suggest a change to:
        new values for widgets that stay, so nothing around them is redrawn."""
        words = contributions.listed(self._store, self.ballot.workshop_id, "word")
        sentences = contributions.listed(self._store, self.ballot.workshop_id, "sentence")
        heading = "Words so far" if self.workshop.stage == "words" else "The room's words"
        self.words_list.value = self._listing(words, heading)
        self.sentences_list.value = self._listing(sentences, "Sentences so far")
        options = [("(a new sentence)", 0)] + [
            (c.text, c.id) for c in sentences if c.state == "shown"
        ]
        if list(self.suggest.options) != options:
            chosen = self.suggest.value
            self._filling = True
            try:
                self.suggest.options = options
                self.suggest.value = chosen if chosen in dict(options).values() else 0
            finally:
                self._filling = False
            if self.suggest.value != chosen:  # the sentence was hidden: a new one now
                self._edit_of = None
                self.suggest_now.value = ""
                self.add_sentence.description = "Add my sentence"

    def _words_stage(self) -> list[widgets.Widget]:
        return [
            self._html(
                f"<h2>Add words</h2><p>{CO_PRODUCTION} What words come to mind when you "
                "think of working together as equals? Add as many as you like, one at a "
                "time.</p>"
            ),
            self.word,
            self.add_word,
            self.word_said,
            self.words_list,
        ]

    def _sentences_stage(self) -> list[widgets.Widget]:
        return [
            self._html(
                "<h2>Build sentences</h2><p>Use the room's words to write a sentence that "
                "makes sense to everyone. You can also suggest a better wording of "
                "someone's sentence.</p>"
            ),
            self.words_list,
            self.suggest,
            self.suggest_now,
            self.sentence,
            self.add_sentence,
            self.sentence_said,
            self.sentences_list,
        ]

    def suggest_change(self, sentence_id: int) -> None:
        if self._filling:
            return
        """Say which sentence a change is for; what is in the box stays (only a save empties
        it), and the person types the whole new wording, not an addition to the old."""
        texts = dict((v, k) for k, v in self.suggest.options)
        self._edit_of = sentence_id or None
        self.suggest_now.value = (
            f"<p>Now it says: “{escape(texts[sentence_id])}”</p><p>Type your new wording of "
            "the whole sentence in the box.</p>"
            if sentence_id
            else ""
        )
        self.add_sentence.description = (
            "Send my suggested change" if sentence_id else "Add my sentence"
        )

    def send(self, kind: str, field: widgets.Text | widgets.Textarea) -> None:
        text = field.value
        edit_of = self._edit_of if kind == "sentence" else None
        old = dict((v, k) for k, v in self.suggest.options).get(edit_of, "")

        def add() -> None:
            contributions.add(
                self._store,
                self.ballot.workshop_id,
                kind,
                text,
                ballot_id=self.ballot.id,
                edit_of=edit_of,
                actor=f"ballot {self.ballot.id}",
            )

        near = self.word_said if kind == "word" else self.sentence_said
        with self._lock:
            if self._try(add, near):
                # Only its own successful save empties a field.
                field.value = ""
                if kind == "sentence" and edit_of:
                    self._edit_of = None
                    self._filling = True
                    self.suggest.value = 0
                    self._filling = False
                    self.suggest_now.value = ""
                    self.add_sentence.description = "Add my sentence"
                self._redraw()
                said = f"“{' '.join(text.split())}”"
                self._say(
                    f"Saved as your suggested change to “{old}”: {said}."
                    if edit_of
                    else f"Saved: {said}.",
                    near,
                )

    # --- voting -------------------------------------------------------------------------

    def _vote_stage(self) -> list[widgets.Widget]:
        self.round = rounds.open_round_of(self._store, self.ballot.workshop_id)
        if self.round is None:
            made = rounds.rounds_in(self._store, self.ballot.workshop_id)
            # Once a vote has closed, "not opened yet" would contradict the results below it.
            waiting = (
                "No vote is open now. This page will change by itself if another one opens."
                if any(r.status == "closed" for r in made)
                else "The vote has not opened yet. This page will change by itself when it does."
            )
            return [self._html(f"<h2>Vote</h2><p>{waiting}</p>"), *self._closed_results()]
        self.candidates = rounds.candidates_in(self._store, self.round.id)
        self.mine = voting.my_votes(self._store, self.ballot.id, self.round.id)
        shown = [c for c in self.candidates if c.state == "shown"]
        how = rounds.METHOD_LABELS[self.round.method]
        if self.round.method == "dots":
            self.dots_left = self._html("")
            how += f". You have {self.round.dots} dots."
        parts: list[widgets.Widget] = [
            self._html(
                f"<h2>{escape(self.round.title)}</h2><p>{escape(how)}. You can change your "
                "votes until the vote closes.</p>"
            )
        ]
        if self.round.method == "dots":
            parts.append(self.dots_left)
        self.saved = {}
        self.notes = {}
        self.controls = {}
        self.skips: dict[int, widgets.Button] = {}
        self.numbers = {cand.id: number for number, cand in enumerate(shown, 1)}
        for number, cand in enumerate(shown, 1):
            parts.append(self._candidate_card(number, cand, len(shown)))
        for cand in self.candidates:
            if cand.state == "hidden":
                parts.append(
                    self._html(f"<p><em>A definition was hidden: {escape(cand.reason)}</em></p>")
                )
        if self.round.method == "dots":
            self._count_dots()
        return parts

    def _candidate_card(self, number: int, cand: rounds.Candidate, how_many: int) -> widgets.VBox:
        method = self.round.method
        value = self.mine.get(cand.id)
        heading = self._html(
            f"<h3>Definition {number}</h3><p class='coprod-definition'>{escape(cand.text)}</p>"
        )
        label = f"definition {number}"
        if method == "approval":
            control = widgets.ToggleButton(
                description="I agree",
                value=value == 1,
                tooltip=f"I agree with {label}",
                layout=self._plain,
            )
            control.observe(lambda ch, c=cand.id: self.vote(c, int(ch["new"])), names="value")
        elif method == "thumbs":
            control = widgets.ToggleButtons(
                options=[("Agree", 1), ("Unsure", 0), ("Disagree", -1)],
                value=value,
                tooltips=[f"Agree with {label}", f"Unsure about {label}", f"Disagree with {label}"],
            )
            control.observe(lambda ch, c=cand.id: self.vote(c, ch["new"]), names="value")
        elif method == "ranked":
            control = widgets.Dropdown(
                description="My order",
                options=[("Not chosen yet", _NOT_CHOSEN), ("Not in my order", _NOT_RANKED)]
                + [(f"Choice {n}", n) for n in range(1, how_many + 1)],
                # "Not chosen yet" until chosen: "Not in my order" is a choice of its own.
                value=_NOT_CHOSEN if value is None else value,
                style={"description_width": "initial"},
            )
            control.observe(lambda ch, c=cand.id: self.place(c, ch["new"]), names="value")
        else:
            add = self._button("Add a dot", tooltip=f"Add a dot to {label}")
            take = self._button("Take a dot back", tooltip=f"Take a dot back from {label}")
            add.on_click(lambda _b, c=cand.id: self.vote(c, (self.mine.get(c) or 0) + 1))
            take.on_click(lambda _b, c=cand.id: self.vote(c, max((self.mine.get(c) or 0) - 1, 0)))
            control = widgets.HBox([add, take], layout=self._row)
        skip = self._button("Skip", tooltip=f"Skip {label}")
        skip.add_class("coprod-skip")  # the page template gives it aria-pressed from its look
        if cand.id in self.mine and value is None:
            skip.add_class("coprod-chosen")
        skip.on_click(lambda _b, c=cand.id: self.skip(c))
        self.skips[cand.id] = skip
        unclear = self._button("I don't understand a word in this", tooltip=f"A word in {label}")
        saved = self._html(self._mark(cand.id))
        saved.add_class("coprod-saved")
        saved.add_class("coprod-status")  # read out when it changes to "Saved: …"
        note = self._said_here()
        self.saved[cand.id] = saved
        self.notes[cand.id] = note
        self.controls[cand.id] = control
        card = widgets.VBox(
            layout=self._plain,
            children=[
                heading,
                control,
                saved,
                widgets.HBox([skip, unclear], layout=self._row),
                note,
            ],
        )
        card.add_class("coprod-card")
        unclear.on_click(lambda _b: self._ask_which_word(card, cand))
        return card

    def _ask_which_word(self, card: widgets.VBox, cand: rounds.Candidate) -> None:
        """Put "Which word?" and its button in the card, above its message line. Made when
        asked for, not with every card: few people need them, and every widget is work for
        the kernel and the server when a room arrives at once."""
        if any(getattr(w, "description", "") == "Which word?" for w in card.children):
            return  # already there
        words = widgets.Dropdown(
            description="Which word?",
            options=voting.words_in(cand.text),
            value=None,
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        send = self._button("Send the word", style="primary")
        send.on_click(lambda _b: self.not_understood(cand.id, words.value))
        *above, note = card.children
        card.children = [*above, words, send, note]

    def _mark(self, candidate_id: int) -> str:
        if candidate_id not in self.mine:
            return "<p>Not voted yet.</p>"
        value = self.mine[candidate_id]
        method = self.round.method
        if value is None:
            said = "skipped"
        elif method == "ranked" and value == _NOT_RANKED:
            said = "not in my order"
        elif method == "approval":
            said = "you agree" if value else "not ticked"
        elif method == "thumbs":
            said = {1: "agree", 0: "unsure", -1: "disagree"}[value]
        elif method == "ranked":
            said = f"choice {value}"
        else:
            said = f"{value} dot{'s' if value != 1 else ''}"
        return f"<p>Saved: {said}.</p>"

    def _after(self, saved: voting.Saved, candidate_id: int, also: str = "") -> None:
        """Show what the store now holds; `also` (what else moved) goes on the line of the
        card pressed, so the news is beside the control the person used."""
        self.mine = saved.votes
        for cid, line in self.saved.items():
            line.value = self._mark(cid)
        if also and candidate_id in self.saved:
            self.saved[candidate_id].value = self._mark(candidate_id)[: -len("</p>")] + (
                f" {escape(also)}</p>"
            )
        self._sync_controls()
        if self.round.method == "dots":
            self._count_dots()
        # The card's own "Saved: …" line says it (a live region); older messages go.
        self._say("", self.notes.get(candidate_id))

    def _sync_controls(self) -> None:
        """Show each control as stored (a skip clears a tick), without casting again."""
        self._syncing = True
        try:
            for cid, control in self.controls.items():
                value = self.mine.get(cid)
                if self.round.method == "approval":
                    control.value = value == 1
                elif self.round.method == "thumbs":
                    control.value = value
                elif self.round.method == "ranked":
                    control.value = _NOT_CHOSEN if value is None else value
            for cid, skip in getattr(self, "skips", {}).items():
                if cid in self.mine and self.mine[cid] is None:
                    skip.add_class("coprod-chosen")
                else:
                    skip.remove_class("coprod-chosen")
        finally:
            self._syncing = False

    def _count_dots(self) -> None:
        used = sum(v or 0 for c, v in self.mine.items() if c in self.saved)
        self.dots_left.value = f"<p><strong>Dots left: {self.round.dots - used}</strong></p>"

    def _refused(self, message: str, candidate_id: int) -> None:
        # Show the votes as stored, undoing what the page showed but the store refused. The
        # store may still be unreachable: then the message alone is shown, never a traceback.
        note = self.notes.get(candidate_id)
        try:
            self._seen = -1
            self.check_for_changes()
            if self.round is not None and note is not None:
                self.mine = voting.my_votes(self._store, self.ballot.id, self.round.id)
                for cid, line in self.saved.items():
                    line.value = self._mark(cid)
                self._sync_controls()
                if self.round.method == "dots":
                    self._count_dots()
        except (CoprodLabError, SQLAlchemyError):
            logging.getLogger(__name__).exception("the votes could not be read back")
        self._say(message, note)

    def _saving(
        self, candidate_id: int, save: Callable[[], voting.Saved], moved: Callable | None = None
    ) -> None:
        """Run one vote's write, saying "Still saving…" beside its card while a busy store
        is tried again (store/connection.py), and "Not saved, … press again" if it never
        takes it; "Saved: …" only after the commit."""
        note = self.notes.get(candidate_id)
        waiting = while_busy.set(lambda: self._say(STILL_SAVING, note))
        try:
            saved = save()
        except CoprodLabError as error:  # a rule refused it, or StoreBusy: nothing was kept
            self._refused(str(error), candidate_id)
            return
        except SQLAlchemyError:  # a lost connection: rolled back, so "not saved", not silence
            logging.getLogger(__name__).exception("a vote could not be saved")
            self._refused(NOT_SAVED, candidate_id)
            return
        finally:
            while_busy.reset(waiting)
        self._after(saved, candidate_id, moved(saved.votes) if moved else "")

    def vote(self, candidate_id: int, value: int | None) -> None:
        if self._syncing:
            return
        with self._lock:
            ballot, made = self.ballot.id, self.round.id
            self._saving(
                candidate_id,
                lambda: voting.cast(self._store, ballot, made, candidate_id, value),
            )

    def skip(self, candidate_id: int) -> None:
        if self.round.method == "ranked" and self.mine.get(candidate_id):
            self.place(candidate_id, _NOT_RANKED)  # out of the order first, then skipped
        self.vote(candidate_id, voting.SKIP)

    def place(self, candidate_id: int, position: int) -> None:
        """Move one definition to a place in this person's order; the others close up, and
        the card pressed says which moved."""
        if self._syncing:
            return
        if position == _NOT_CHOSEN:  # nothing to store: show the stored place again
            with self._lock:
                self._sync_controls()
                if candidate_id in self.mine:
                    self._say(
                        "To take it out of your order, choose “Not in my order”.",
                        self.notes.get(candidate_id),
                    )
            return
        with self._lock:
            before = dict(self.mine)
            order = [c for c, v in sorted(self.mine.items(), key=lambda cv: cv[1] or 0) if v]
            order = [c for c in order if c != candidate_id]
            if position != _NOT_RANKED:
                order.insert(position - 1, candidate_id)
            left_out = (candidate_id,) if position == _NOT_RANKED else ()
            ballot, made = self.ballot.id, self.round.id
            self._saving(
                candidate_id,
                lambda: voting.rank(self._store, ballot, made, order, not_in_order=left_out),
                lambda after: self._moved(before, after, candidate_id),
            )

    def _moved(self, before: dict, after: dict, pressed: int) -> str:
        """The other definitions whose place changed, in words: "Definition 1 moved from
        choice 1 to choice 2." ('' when none did)."""

        def place(value: int | None) -> str:
            return f"choice {value}" if value else "not in your order"

        said = [
            f"Definition {self.numbers[cid]} moved from {place(before.get(cid))} to "
            f"{place(after.get(cid))}."
            for cid in sorted(self.numbers, key=self.numbers.get)
            if cid != pressed and before.get(cid) and before.get(cid) != after.get(cid)
        ]
        return " ".join(said)

    def not_understood(self, candidate_id: int, word: str | None) -> None:
        note = self.notes.get(candidate_id)
        if word is None:
            self._say("Choose the word first.", note)
            return
        done: list[bool] = []
        if self._try(
            lambda: done.append(
                voting.not_understood(self._store, self.ballot.id, candidate_id, word)
            ),
            note,
        ):
            self._say(
                f"Thank you. “{word}” goes on the list of words to explain in plain English."
                if done[0]
                else f"You have already told us about “{word}”. Thank you.",
                note,
            )

    def _closed_results(self) -> list[widgets.Widget]:
        from coprod_lab.definitions.results import results_visible, round_result
        from coprod_lab.widgets.results_html import result_html

        shown = []
        for made in reversed(rounds.rounds_in(self._store, self.ballot.workshop_id)):
            if results_visible(made):
                found, result = round_result(self._store, made.id)
                shown.append(self._html(result_html(found, result, heading_level=2)))
        return shown
