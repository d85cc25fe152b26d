"""Questions for a brave conversation on the phone, the facilitator's laptop and the projector.

The phone sends a question (with or without the person's name) and says "I want this asked
too" on others'; each question's card is made once and kept through redraws, so a redraw
does not move the focus. The facilitator sees the questions by support, joins duplicates,
hides with a reason everyone sees, and marks one "being answered now" for the board. When
questions stop, or from a button, those not reached are kept for "you said, we did".
"""

from __future__ import annotations

import base64
from html import escape

import ipywidgets as widgets

from coprod_lab.activities import questions
from coprod_lab.definitions import workshops
from coprod_lab.definitions.ballots import ROLE_SHORT
from coprod_lab.store import Store
from coprod_lab.widgets.activity import FIELD, Phone, Running, button, limited, row
from coprod_lab.widgets.page import said_here, set_options


def _who(q: questions.Question) -> str:
    return f"{escape(q.asked_by)} ({ROLE_SHORT[q.role]})" if q.asked_by else ROLE_SHORT[q.role]


def _people(n: int) -> str:
    return f"{n} {'person wants' if n == 1 else 'people want'} this asked"


def now_html(found: list[questions.Question], *, heading_level: int = 2) -> str:
    """The question being answered now, if there is one."""
    now = [q for q in found if q.status == "now"]
    h = f"h{heading_level}"
    if not now:
        return ""
    return (
        f"<section class='coprod-now'><{h}>Being answered now</{h}>"
        f"<p class='coprod-definition'>{escape(now[0].text)}</p></section>"
    )


def hidden_html(found: list[questions.Question]) -> str:
    """The reasons for hidden questions, which everyone sees in their place."""
    hidden = [q for q in found if q.state == "hidden"]
    return "".join(f"<p><em>A question was hidden: {escape(q.reason)}</em></p>" for q in hidden)


def _kept(added: int) -> str:
    if not added:
        return "No more questions to keep: those not reached are on “you said, we did” already."
    what = "1 question" if added == 1 else f"{added} questions"
    return f"{what} not reached went on the “you said, we did” list."


class QuestionsPhone(Phone):
    """Ask the panel a question, and say which others you want asked too."""

    def build(self) -> None:
        self._shown: tuple = ()
        self._cards: dict[int, tuple[widgets.VBox, widgets.HTML, widgets.Button]] = {}
        self.question = limited(
            widgets.Textarea(
                description=f"Your question (up to {questions.MAX_QUESTION} letters)",
                rows=3,
                continuous_update=False,
                **FIELD,
            ),
            questions.MAX_QUESTION,
        )
        self.named = widgets.Checkbox(description="Show my name with it", value=False, **FIELD)
        self.ask = button("Send my question", style="primary")
        self.ask.on_click(lambda _b: self.send())
        self.ask_said = said_here()
        self.now = widgets.HTML()
        self.listing = widgets.VBox()
        self.hidden = widgets.HTML()
        self._asking = (self.question, self.named, self.ask, self.ask_said)
        self.body.children = [
            self.now,
            widgets.HTML(
                "<h2>Ask the panel</h2><p>Nobody sees who asked unless you tick “Show my "
                "name with it”.</p>"
            ),
            *self._asking,
            widgets.HTML(
                "<h2>Questions so far</h2><p>Press “I want this asked too” on any you "
                "want answered. The most wanted go first.</p>"
            ),
            self.listing,
            self.hidden,
        ]

    def draw(self) -> None:
        found = questions.questions_in(self._store, self.ballot.workshop_id)
        mine = questions.supported_by(self._store, self.ballot.id)
        shown = [q for q in found if q.state == "shown" and q.status != "answered"]
        key = (
            self.workshop.stage,
            tuple((q.id, q.status) for q in shown),
            tuple((q.id, q.reason) for q in found if q.state == "hidden"),
        )
        if key == self._shown:
            return
        self._shown = key
        taking = self.workshop.stage != "finished"
        for part in self._asking:
            part.layout.display = "flex" if taking else "none"
        self.now.value = now_html(found) + (
            "" if taking else "<p>The room has stopped taking questions. Thank you.</p>"
        )
        cards = []
        for q in shown:
            if q.id not in self._cards:
                self._cards[q.id] = self._card(q)
            card, words, want = self._cards[q.id]
            words.value = (
                f"<p class='coprod-definition'>{escape(q.text)}</p>"
                f"<p>Asked by {_who(q)}"
                + ("; being answered now" if q.status == "now" else "")
                + "</p>"
            )
            self._mark(want, q.id in mine, taking)
            cards.append(card)
        self.listing.children = cards or [widgets.HTML("<p>No questions yet.</p>")]
        self.hidden.value = hidden_html(found)

    def _card(self, q: questions.Question) -> tuple[widgets.VBox, widgets.HTML, widgets.Button]:
        words = widgets.HTML()
        want = button("I want this asked too", tooltip=f"I want this asked too: {q.text[:60]}")
        said = said_here()
        want.on_click(lambda _b, qid=q.id: self.want(qid, want, said))
        card = widgets.VBox([words, want, said])
        card.add_class("coprod-card")
        return card, words, want

    @staticmethod
    def _mark(want: widgets.Button, done: bool, taking: bool) -> None:
        want.description = "You want this asked" if done else "I want this asked too"
        want.disabled = done or not taking

    def want(self, question_id: int, want: widgets.Button, said: widgets.HTML) -> None:
        with self._lock:
            done: list[bool] = []
            if self._try(
                lambda: done.append(questions.support(self._store, self.ballot.id, question_id)),
                said,
            ):
                self._mark(want, True, True)
                self._say(
                    "Saved: you want this asked." if done[0] else "You said so already.", said
                )

    def send(self) -> None:
        with self._lock:
            text = self.question.value
            if self._try(
                lambda: questions.ask(
                    self._store,
                    self.ballot.workshop_id,
                    self.ballot.id,
                    text,
                    named=self.named.value,
                ),
                self.ask_said,
            ):
                self.question.value = ""  # emptied only by its own save
                self._seen = -1
                self.check_for_changes()
                self._say(
                    "Saved: your question is in"
                    + (" with your name." if self.named.value else " without your name."),
                    self.ask_said,
                )


class QuestionsRunning(Running):
    """Take the questions in order of support: join, hide with a reason, answer now."""

    def build(self) -> list[widgets.Widget]:
        self.listing = widgets.HTML()
        self.question = widgets.Dropdown(description="Question", **FIELD)
        self.same_as = widgets.Dropdown(description="Asks the same as", **FIELD)
        self.reason = widgets.Text(
            description="Reason people will see", continuous_update=False, **FIELD
        )
        self.now_button = button("Being answered now", style="primary")
        self.done_button = button("Answered")
        self.hide_button = button("Hide with this reason")
        self.join_button = button("Join them")
        self.now_button.on_click(lambda _b: self.act("now"))
        self.done_button.on_click(lambda _b: self.act("answered"))
        self.hide_button.on_click(lambda _b: self.act("hide"))
        self.join_button.on_click(lambda _b: self.act("join"))
        self.act_said = said_here()
        self.moderate_said = said_here()
        self.taking = widgets.ToggleButtons(
            options=[("Taking questions", False), ("Stopped", True)], value=False
        )
        self.taking.observe(lambda ch: self._filling or self.stop(ch["new"]), names="value")
        self.taking_said = said_here()
        self._filling = False
        self.keep_button = button("Keep the questions not reached for you said, we did")
        self.keep_button.on_click(lambda _b: self.keep())
        self.keep_said = said_here()
        self.make_export = button("Prepare the questions not reached")
        self.make_export.on_click(lambda _b: self.prepare_export())
        self.export_said = said_here()
        self.export = widgets.HTML()
        return [
            self.taking,
            self.taking_said,
            widgets.HTML("<h2>Questions, most wanted first</h2>"),
            self.listing,
            self.question,
            row(self.now_button, self.done_button),
            self.act_said,
            widgets.HTML("<h3>Look after a question</h3>"),
            self.reason,
            self.hide_button,
            self.same_as,
            self.join_button,
            self.moderate_said,
            widgets.HTML(
                "<h2>For the follow-up</h2><p>The questions the panel did not reach go on the "
                "“you said, we did” list when you stop taking questions, or when you press "
                "the button. Each question goes on once. A name goes with it only if the "
                "person gave it and agreed to be quoted.</p>"
            ),
            self.keep_button,
            self.keep_said,
            widgets.HTML(
                "<p>A file of the same questions, with how many people wanted each, and no "
                "names.</p>"
            ),
            self.make_export,
            self.export_said,
            self.export,
        ]

    def activity(self) -> tuple:
        return questions.support_activity(self._store, self.workshop.id)

    def draw(self) -> None:
        found = questions.questions_in(self._store, self.workshop.id)
        status = {"waiting": "", "now": " — being answered now", "answered": " — answered"}
        items = []
        for q in found:
            if q.state == "shown":
                items.append(
                    f"<li>{escape(q.text)} <em>({_people(q.support)}; asked by {_who(q)})"
                    f"{status[q.status]}</em></li>"
                )
            else:
                items.append(f"<li><del>{escape(q.text)}</del> <em>({escape(q.reason)})</em></li>")
        self.listing.value = f"<ol>{''.join(items)}</ol>" if items else "<p>No questions yet.</p>"
        options = [
            (f"{q.text} ({q.support})", q.id)
            for q in found
            if q.state == "shown" and q.status != "answered"
        ]
        set_options(self.question, options)
        set_options(self.same_as, options)
        self._filling = True
        try:
            self.taking.value = self.workshop.stage == "finished"
        finally:
            self._filling = False

    def act(self, action: str) -> None:
        chosen = self.question.value
        near = self.act_said if action in ("now", "answered") else self.moderate_said
        if chosen is None:
            self._say("Choose a question first.", near)
            return

        def run() -> None:
            if action == "now":
                questions.answering_now(self._store, chosen, actor=self._actor)
            elif action == "answered":
                questions.answered(self._store, chosen, actor=self._actor)
            elif action == "hide":
                questions.hide(self._store, chosen, self.reason.value, actor=self._actor)
            else:
                questions.merge(self._store, self.same_as.value or 0, chosen, actor=self._actor)

        if self._try(run, near):
            if action == "hide":
                self.reason.value = ""
            self.refresh()
            self._say(
                {
                    "now": "The board shows it as being answered now.",
                    "answered": "Marked as answered.",
                    "hide": "Hidden. People see the reason in its place.",
                    "join": "Joined. Its supporters now count for the question you chose.",
                }[action],
                near,
            )

    def stop(self, stopped: bool) -> None:
        if self._try(
            lambda: questions.stop_taking(
                self._store, self.workshop.id, stopped, actor=self._actor
            ),
            self.taking_said,
        ):
            self.refresh()
            said = "Stopped: no more questions are taken." if stopped else "Taking questions again."
            if stopped:
                added: list[int] = []
                if not self._try(lambda: added.append(self._keep()), self.taking_said):
                    return
                said += " " + _kept(added[0])
            self._say(said, self.taking_said)

    def _keep(self) -> int:
        return questions.keep_for_you_said(self._store, self.workshop.id, actor=self._actor)

    def keep(self) -> None:
        """Keep the questions not reached for "you said, we did"; the message says how many."""
        added: list[int] = []
        if self._try(lambda: added.append(self._keep()), self.keep_said):
            self._say("Saved. " + _kept(added[0]), self.keep_said)

    def prepare_export(self) -> None:
        made: list[str] = []
        if self._try(
            lambda: made.append(questions.follow_up_csv(self._store, self.workshop.id)),
            self.export_said,
        ):
            data = base64.b64encode(made[0].encode()).decode()
            self.export.value = (
                "<a download='questions-not-reached.csv' "
                f"href='data:text/csv;charset=utf-8;base64,{data}'>questions-not-reached.csv</a>"
            )
            self._say("The download is ready.", self.export_said)


class QuestionsBoard(widgets.VBox):
    """The projector: the question being answered now, then the most wanted questions."""

    SHOWN = 10  # the most wanted questions the board lists; a projector fits about this many

    def __init__(self, store: Store, workshop) -> None:
        super().__init__()
        self._store = store
        self.workshop = workshop
        self._seen: tuple = ()
        self.board = widgets.HTML()
        self.children = [self.board]
        self.check_for_changes()

    def check_for_changes(self) -> bool:
        seen = (
            workshops.changed(self._store, self.workshop.id),
            questions.support_activity(self._store, self.workshop.id),
        )
        if seen == self._seen:
            return False
        self._seen = seen
        self.workshop = workshops.get_workshop(self._store, self.workshop.id)
        found = questions.questions_in(self._store, self.workshop.id)
        waiting = [q for q in found if q.state == "shown" and q.status == "waiting"]
        items = "".join(
            f"<li>{escape(q.text)} <em>({_people(q.support)})</em></li>"
            for q in waiting[: self.SHOWN]
        )
        self.board.value = (
            f"<h1>{escape(self.workshop.title)}</h1><p>Questions for the panel. Room code: "
            f"<strong>{self.workshop.room_code}</strong></p>"
            + now_html(found)
            + "<h2>Most wanted next</h2>"
            + (f"<ol>{items}</ol>" if items else "<p>No questions waiting.</p>")
            + hidden_html(found)
        )
        return True
