"""What every store-backed page shares: a heading, the project chooser, a status line, fields.

Fields send their value when the person leaves them, not on every key: ipywidgets lets only
one update per field travel at a time and holds the rest back, while a button press is never
held, so with live updates a press could reach the kernel before the last keys typed. Sent on
leaving, a field's value goes before the press that moved the focus away from it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as widgets
import traitlets
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from coprod_lab.errors import CoprodLabError
from coprod_lab.labels import ROLE_LABELS
from coprod_lab.overview import list_projects
from coprod_lab.store import Store, participants
from coprod_lab.store.connection import while_busy

_FIELD: dict[str, Any] = {
    "style": {"description_width": "initial"},
    "layout": {"width": "auto"},
}


def text_field(description: str, **extra: Any) -> widgets.Text:
    return widgets.Text(description=description, continuous_update=False, **_FIELD | extra)


def text_box(description: str, rows: int = 4, **extra: Any) -> widgets.Textarea:
    return widgets.Textarea(
        description=description, rows=rows, continuous_update=False, **_FIELD | extra
    )


def choice(description: str, options: Any = (), **extra: Any) -> widgets.Dropdown:
    return widgets.Dropdown(
        description=description, options=options, style={"description_width": "initial"}, **extra
    )


def date_field(description: str, value: dt.date | None) -> widgets.DatePicker:
    return widgets.DatePicker(
        description=description, value=value, style={"description_width": "initial"}
    )


def row(*children: widgets.Widget) -> widgets.HBox:
    """Buttons side by side that wrap onto the next line on a phone."""
    return widgets.HBox(list(children), layout={"flex_flow": "row wrap"})


def set_options(dropdown: widgets.Dropdown, options: list) -> None:
    """New options for a dropdown, keeping its choice if it is still there, else the first."""
    before = dropdown.value
    values = [o[1] if isinstance(o, tuple) else o for o in options]
    # New options move a dropdown to its first one (ipywidgets): held, the browser gets the
    # options and the kept choice as one change, and never shows the first option meanwhile.
    with dropdown.hold_sync():
        dropdown.options = options
        if values:
            dropdown.value = before if before in values else values[0]


def say_date(day: dt.date | dt.datetime) -> str:
    return f"{day.day} {day:%B %Y}"


def said_here() -> widgets.HTML:
    """A message line to put next to a control: a live region, so it is read out too."""
    line = widgets.HTML()
    line.add_class("coprod-status")  # a live region (see the page template)
    line.add_class("coprod-said")
    return line


# A press that takes longer than this shows "Working…" next to it (WCAG 2.2's advice is to
# tell people within about half a second that something is happening).
WORKING_AFTER = 0.5
STILL_SAVING = "Still saving…"
NOT_SAVED = (
    "Not saved, so nothing has changed: the answers could not be kept just now. Please press "
    "again, and tell the person running the session if it keeps happening."
)


class Says:
    """A page's messages: what the last action did, next to the control that did it, in a
    live region that screen readers read out.

    The page sets `self._status` (an HTML widget with the coprod-status class) for messages
    with no control of their own; `said_here()` makes a line to put beside a control.
    """

    _status: widgets.HTML
    status: str = ""

    def _try(self, action: Callable[[], Any], near: widgets.HTML | None = None) -> bool:
        """Run a change; a problem the person can fix is shown (next to `near`), not raised.

        A change that takes longer than WORKING_AFTER seconds shows "Working…" meanwhile.
        """
        # The timer runs in its own thread: without the lock, a "Working…" it began just as
        # the change ended could land after "Saved" and stay on the page for good.
        finished, saying = threading.Event(), threading.Lock()

        def working() -> None:
            with saying:
                if not finished.is_set() and self.status != STILL_SAVING:
                    self._say("Working…", near)

        def still_saving() -> None:
            with saying:
                self._say(STILL_SAVING, near)

        timer = threading.Timer(WORKING_AFTER, working)
        timer.daemon = True
        timer.start()
        # A write that finds the store busy is tried again for a while (store/connection.py);
        # meanwhile the page says so. Out of patience it raises StoreBusy, a CoprodLabError
        # whose message is "Not saved, … Please press again."
        waiting = while_busy.set(still_saving)
        try:
            action()
        except CoprodLabError as error:
            with saying:
                finished.set()
            self._say(str(error), near)
            return False
        except SQLAlchemyError:
            # Any other store error (a lost database connection): the transaction was rolled
            # back, so say "not saved" rather than stay silent or show a traceback.
            with saying:
                finished.set()
            logging.getLogger(__name__).exception("a store error on a page")
            self._say(NOT_SAVED, near)
            return False
        finally:
            with saying:
                finished.set()
            timer.cancel()
            while_busy.reset(waiting)
        if self.status in ("Working…", STILL_SAVING):
            self._say("", near)
        return True

    def _say(self, message: str, near: widgets.HTML | None = None) -> None:
        """Show `message` next to `near` (else on the page's status line), clearing the last
        message shown elsewhere so only the newest is on the page."""
        self.status = message
        if near is None:
            near = getattr(self, "_pressed_near", None)
        line = near if near is not None else self._status
        last = getattr(self, "_said_at", None)
        if last is not None and last is not line:
            last.value = ""
        self._said_at = line
        line.value = f"<p>{escape(message)}</p>" if message else ""


def keep_checking(check: Callable[[], object], seconds: float = 2.0) -> threading.Thread:
    """Call `check` every few seconds, for pages that follow the store.

    `check` sends something to the browser only when what it watches moved, so an idle page
    keeps its kernel idle (and cullable). A failed check (a dropped database connection) is
    tried again next time.

    A background thread keeps the time, but `check` runs on the kernel's own event loop, the
    one that handles what the browser sends, so a refresh never runs in the middle of a press
    or of a choice being made. Run beside them, a refresh gave a dropdown new options (which
    moves it to its first option until the old choice is put back) while a choice or a press
    was being handled: in a stress run here "Open the vote" went to a round other than the one
    chosen, one already opened, at the 355th press, so "The vote is open." never came (as on
    CI). Outside a kernel (no running event loop: a script or a test) `check` runs in the
    thread.
    """
    try:
        loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:
        loop = None

    def once() -> None:
        with contextlib.suppress(Exception):
            check()

    def loop_forever() -> None:
        while True:
            time.sleep(seconds)
            if loop is None:
                once()
                continue
            done = threading.Event()

            def on_the_loop(done: threading.Event = done) -> None:
                try:
                    once()
                finally:
                    done.set()

            try:
                loop.call_soon_threadsafe(on_the_loop)
            except RuntimeError:  # the loop has closed: the kernel is stopping
                return
            # One check at a time, however slow the store is; none once the kernel stops.
            while not done.wait(1.0):
                if loop.is_closed():
                    return

    thread = threading.Thread(target=loop_forever, daemon=True)
    thread.start()
    return thread


class StorePage(Says, widgets.VBox):
    """A page that reads and writes one project in the store.

    A page names itself in `TITLE` and `INTRO`, builds its fields, then calls `_lay_out` and
    `refresh`. Choosers (project, pair, person, session) are tied to a trait with `_follow`
    and filled with `_offer`, so each page's choice survives a refresh when it still exists.
    """

    TITLE = ""
    INTRO = ""

    project_id = traitlets.Int(None, allow_none=True, help="The project the page works on.")
    status = traitlets.Unicode("", help="What the last action did, shown to the person.")

    def __init__(
        self,
        store: Store,
        *,
        actor: str = "facilitator",
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self._store = store
        self._actor = actor
        # Tests hand in a clock so the times they check are known.
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._filling = False
        self._heading = widgets.HTML(f"<h1>{escape(self.TITLE)}</h1><p>{self.INTRO}</p>")
        self._project = choice("Project")
        self._follow(self._project, "project_id", self._show)
        self._status = widgets.HTML()
        self._status.add_class("coprod-status")  # a live region (see the page template)
        super().__init__()
        self.add_class("coprod-page")

    def _lay_out(self, *children: widgets.Widget) -> None:
        """Set the page's children, with a message line after each button or row of buttons:
        what a press says shows there, beside the button, not at the end of the page."""
        self.children = [self._heading, self._project, *self._with_lines(list(children))]

    def _with_lines(self, children: list[widgets.Widget]) -> list[widgets.Widget]:
        laid: list[widgets.Widget] = []
        for child in children:
            if isinstance(child, widgets.HBox) and any(
                isinstance(c, widgets.Button) for c in child.children
            ):
                laid += [child, self._line_for(*child.children)]
            elif isinstance(child, widgets.Box):
                child.children = self._with_lines(list(child.children))
                laid.append(child)
            elif isinstance(child, widgets.Button):
                laid += [child, self._line_for(child)]
            else:
                laid.append(child)
        return laid

    def _line_for(self, *buttons: widgets.Widget) -> widgets.HTML:
        line = said_here()
        for button in buttons:
            if isinstance(button, widgets.Button):
                handlers = button._click_handlers.callbacks
                handlers.insert(0, lambda _b, line=line: setattr(self, "_pressed_near", line))
                handlers.append(lambda _b: setattr(self, "_pressed_near", None))
        return line

    # --- choosers -------------------------------------------------------------------------

    def _follow(self, chooser: widgets.Dropdown, trait: str, show: Callable[[], None]) -> None:
        """A choice the person makes in `chooser` sets `trait` and shows what was chosen."""

        def chosen(change: dict) -> None:
            if self._filling or change["new"] is None or change["new"] == getattr(self, trait):
                return
            setattr(self, trait, change["new"])
            show()

        chooser.observe(chosen, names="value")

    def _offer(self, chooser: widgets.Dropdown, trait: str, options: list) -> bool:
        """Fill `chooser`, keeping the choice in `trait` if it is still there, else the first.

        The chooser's own events are ignored while it is filled: the caller shows the result
        once. Returns whether there was anything to choose.
        """
        values = [value for _label, value in options]
        kept = getattr(self, trait)
        setattr(self, trait, kept if kept in values else (values[0] if values else None))
        self._filling = True
        try:
            with chooser.hold_sync():  # one change for the browser (see set_options)
                chooser.options = options
                chooser.value = getattr(self, trait)
        finally:
            self._filling = False
        return bool(values)

    # --- the project ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the projects again, then everything the page shows."""
        choices = [(name, pid) for pid, name in list_projects(self._store)]
        self._offer(self._project, "project_id", choices)
        self._project.layout.display = "flex" if len(choices) > 1 else "none"
        self._show()

    def _show(self) -> None:
        """Show what the store holds for the project; each page fills this in."""

    # --- helpers --------------------------------------------------------------------------

    def people(self, roles: tuple[str, ...] | None = None) -> list[tuple[str, int]]:
        """The project's people as dropdown options: "Name (role)"."""
        if self.project_id is None:
            return []
        query = select(participants.c.id, participants.c.display_name, participants.c.role).where(
            participants.c.project_id == self.project_id
        )
        if roles:
            query = query.where(participants.c.role.in_(roles))
        with self._store.read() as db:
            rows = db.execute(query.order_by(participants.c.display_name)).all()
        return [(f"{name} ({ROLE_LABELS[role].lower()})", pid) for pid, name, role in rows]

    def today(self) -> dt.date:
        return self._clock().date()
