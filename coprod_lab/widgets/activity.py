"""What the room activities' screens share: the phone's frame, the facilitator's links and
cards, and which screen each activity uses on the voting page, the facilitator page and the
results board.

The three pages open an activity's screen when the workshop in their address runs one, so a
quiz or a panel has the same links, room code, cards and keys as a definitions workshop. As
on the voting page, the ballot lives in the kernel, never in a widget: nothing the browser
sends can name another person's ballot, and every press is checked again by the domain code
and the database.
"""

from __future__ import annotations

import threading
from html import escape

import ipywidgets as widgets

from coprod_lab.definitions import ballots, exports, workshops
from coprod_lab.definitions.ballots import ROLE_CHOICES
from coprod_lab.store import Store
from coprod_lab.widgets.meanings import LIVED_EXPERIENCE
from coprod_lab.widgets.page import Says, said_here
from coprod_lab.widgets.request import page_address

FIELD = {"style": {"description_width": "initial"}, "layout": {"width": "auto"}}
PARTICIPANT_PAGE = "vote.ipynb"
BOARD_PAGE = "results-board.ipynb"
ACTIVITY_NAMES = {"quiz": "Is it co-production?", "questions": "Questions for the panel"}


def button(label: str, *, tooltip: str = "", style: str = "") -> widgets.Button:
    return widgets.Button(description=label, tooltip=tooltip or label, button_style=style)


def row(*children: widgets.Widget) -> widgets.HBox:
    return widgets.HBox(list(children), layout={"flex_flow": "row wrap"})


def limited(field: widgets.Widget, letters: int) -> widgets.Widget:
    """Mark a field with its limit: the page template shows the letters left as people type."""
    field.add_class(f"coprod-limit-{letters}")
    return field


class Phone(Says, widgets.VBox):
    """A participant's screen in an activity: who they are, their role, the activity's part
    (`body`, filled by `draw`), and the room's moderation policy.

    `check_for_changes` is called every few seconds by the voting page: it redraws when the
    workshop's change counter moved. Subclasses make their fields once in `build` and change
    only what moved in `draw`, so text being typed and the focus stay put.
    """

    def __init__(self, store: Store, ballot: ballots.Ballot) -> None:
        super().__init__()
        self.add_class("coprod-activity")
        self._store = store
        self.ballot = ballot
        self._lock = threading.RLock()
        self._seen = -1
        self._status = widgets.HTML()
        self._status.add_class("coprod-status")  # a live region
        self.workshop = workshops.get_workshop(store, ballot.workshop_id)
        self._top = widgets.HTML()
        self.role = widgets.RadioButtons(
            options=[(label, key) for key, label in ROLE_CHOICES.items()],
            value=ballot.role if ballot.role != "not_said" else None,
            layout={"width": "auto"},
        )
        self.role.add_class("coprod-radios")
        self.role.observe(lambda change: self.choose_role(change["new"]), names="value")
        self.role_said = said_here()
        self.body = widgets.VBox()
        self._policy = widgets.HTML()
        self.build()
        self.children = [
            self._top,
            widgets.HTML(
                "<h2>About you (you can skip this)</h2><p>The screen shows whether people with "
                f"lived experience ({LIVED_EXPERIENCE}) and people who work in services see "
                "things the same way. Which fits you best?</p>"
            ),
            self.role,
            self.role_said,
            self.body,
            self._status,
            self._policy,
        ]
        self.check_for_changes()

    def build(self) -> None:
        """Make the activity's fields, once."""

    def draw(self) -> None:
        """Show the room's state in `body`, changing only what moved."""

    def check_for_changes(self) -> bool:
        """Redraw if the room changed since the page last looked; True if it did."""
        with self._lock:
            if workshops.changed(self._store, self.ballot.workshop_id) == self._seen:
                return False
            self.workshop = workshops.get_workshop(self._store, self.ballot.workshop_id)
            self._seen = self.workshop.changed
            who = escape(self.ballot.name or "this card")
            self._top.value = (
                f"<h1>{escape(self.workshop.title)}</h1>"
                f"<p>You are taking part as {who}. <a href='?ballot="
                f"{escape(self.ballot.token)}'>Your personal link</a> brings you back here.</p>"
            )
            self._policy.value = (
                "<details><summary>How entries are looked after</summary>"
                f"<p>{escape(self.workshop.policy)}</p></details>"
            )
            self.draw()
            return True

    def choose_role(self, role: str | None) -> None:
        if role is None:
            return
        if self._try(lambda: ballots.set_role(self._store, self.ballot.id, role), self.role_said):
            self._say("Saved: thank you.", self.role_said)


class Running(Says, widgets.VBox):
    """The facilitator's screen for an activity: the links, the activity's controls
    (`build`, `draw`), and cards with personal links. Made only with the facilitator key."""

    def __init__(
        self, store: Store, workshop: workshops.Workshop, key: str, address: str | None
    ) -> None:
        super().__init__()
        self._store = store
        self.workshop = workshop
        self._address = address
        self._actor = f"facilitator of workshop {workshop.id}"
        self._board_key = workshops.board_key(store, workshop.id, key)
        self._lock = threading.RLock()
        self._seen: tuple = ()
        self._status = widgets.HTML()
        self._status.add_class("coprod-status")
        self.heading = widgets.HTML()
        self.card_count = widgets.BoundedIntText(
            description="How many cards", value=20, min=1, max=500, **FIELD
        )
        self.make_cards = button("Make cards with QR codes")
        self.make_cards.on_click(lambda _b: self.print_cards())
        self.cards_said = said_here()
        self.cards = widgets.HTML()
        parts = self.build()
        self.children = [
            self.heading,
            *parts,
            self._status,
            widgets.HTML("<h2>Cards with personal links</h2>"),
            self.card_count,
            self.make_cards,
            self.cards_said,
            self.cards,
        ]
        self.refresh()

    def build(self) -> list[widgets.Widget]:
        """Make the activity's controls, once; return them in page order."""
        return []

    def draw(self) -> None:
        """Show the room's state: lists and choices change, fields are left alone."""

    def activity(self) -> tuple:
        """What else the screen follows besides the room's change counter (answers, support)."""
        return ()

    def address(self, page: str) -> str:
        return self._address + page if self._address else page_address(page)

    def check_for_changes(self) -> bool:
        with self._lock:
            seen = (workshops.changed(self._store, self.workshop.id), self.activity())
            if seen == self._seen:
                return False
            self.refresh()
            return True

    def refresh(self) -> None:
        with self._lock:
            self.workshop = workshops.get_workshop(self._store, self.workshop.id)
            vote = self.address(PARTICIPANT_PAGE)
            board = f"{self.address(BOARD_PAGE)}?board={self._board_key}"
            self.heading.value = (
                f"<h1>{escape(self.workshop.title)}</h1>"
                f"<p>{ACTIVITY_NAMES[self.workshop.activity]}</p>"
                "<p class='coprod-room-code'>Room code: "
                f"<strong>{self.workshop.room_code}</strong></p><p>People join at <a href='"
                f"{escape(vote)}?room={self.workshop.room_code}'>{escape(vote)}</a> with the "
                "room code and a name, or with a card.</p>"
                f"<p>For the projector: <a href='{escape(board)}'>the board</a>. Its link only "
                "shows the room's answers, so it is safe to show on the screen; keep this "
                "page's link to yourself.</p>"
            )
            self.draw()
            self._seen = (self.workshop.changed, self.activity())

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


def phone_for(store: Store, ballot: ballots.Ballot, activity: str) -> Phone:
    """The participant's screen for an activity."""
    if activity == "quiz":
        from coprod_lab.widgets.quiz import QuizPhone

        return QuizPhone(store, ballot)
    from coprod_lab.widgets.questions import QuestionsPhone

    return QuestionsPhone(store, ballot)


def running_for(
    store: Store, workshop: workshops.Workshop, key: str, address: str | None
) -> Running:
    """The facilitator's screen for an activity."""
    if workshop.activity == "quiz":
        from coprod_lab.widgets.quiz import QuizRunning

        return QuizRunning(store, workshop, key, address)
    from coprod_lab.widgets.questions import QuestionsRunning

    return QuestionsRunning(store, workshop, key, address)


def board_for(store: Store, workshop: workshops.Workshop) -> widgets.Widget:
    """The projector's screen for an activity (it has `check_for_changes`)."""
    if workshop.activity == "quiz":
        from coprod_lab.widgets.quiz import QuizBoard

        return QuizBoard(store, workshop)
    from coprod_lab.widgets.questions import QuestionsBoard

    return QuestionsBoard(store, workshop)
