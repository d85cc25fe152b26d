"""What a page says when the store is busy: "Still saving…" while a write waits its turn, then
either nothing (saved) or "Not saved, … press again" with nothing half-written; any other store
error is "not saved" too, never silence or a traceback."""

from __future__ import annotations

import contextlib
import sqlite3
import threading

import ipywidgets as widgets
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import OperationalError

from coprod_lab.definitions import voting
from coprod_lab.store import connect, projects
from coprod_lab.widgets.page import NOT_SAVED, STILL_SAVING, Says
from coprod_lab.widgets.vote import VotingPage
from tests.definitions.room import a_room
from tests.widgets.messages import press, send_state


class _Page(Says):
    def __init__(self) -> None:
        self._status = widgets.HTML()
        self.said: list[str] = []

    def _say(self, message: str, near=None) -> None:
        self.said.append(message)
        super()._say(message, near)


def _hold(path: str, entered: threading.Event, release: threading.Event) -> None:
    raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    raw.execute("BEGIN IMMEDIATE")
    entered.set()
    release.wait(60)
    raw.execute("ROLLBACK")
    raw.close()


@contextlib.contextmanager
def _held(sqlite_store, monkeypatch):
    """The store, and the write lock held by another program until `release` is set."""
    monkeypatch.setenv("COPROD_LAB_BUSY_TIMEOUT_MS", "50")
    store = connect(sqlite_store.url)
    entered, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold, args=(store.url.database, entered, release))
    holder.start()
    assert entered.wait(30)
    try:
        yield store, release
    finally:
        release.set()
        holder.join()
        store.engine.dispose()


@pytest.fixture
def busy(sqlite_store, monkeypatch):
    with _held(sqlite_store, monkeypatch) as held:
        yield held


@pytest.fixture
def busy_room(sqlite_store, monkeypatch):
    """A voting page with an open approval round, then the store's write lock held."""
    room = a_room(sqlite_store)
    page = VotingPage(sqlite_store, {"room": room.workshop.room_code}, watch=False)
    send_state(page.name, value="Dev")
    press(page.join)
    with _held(sqlite_store, monkeypatch) as (store, release):
        yield page, room, store, release


def _count(store) -> int:
    with store.read() as db:
        return db.scalar(select(func.count()).select_from(projects))


def test_a_press_that_waits_for_the_store_says_still_saving_then_saves(busy) -> None:
    store, release = busy
    page = _Page()

    def save() -> None:
        with store.write(on_busy=None) as db:  # the page's own "still saving" is used
            db.execute(insert(projects).values(name="after a wait"))

    original = page._say

    def say(message: str, near=None) -> None:
        original(message, near)
        if message == STILL_SAVING:
            release.set()  # the other writer finishes while this one waits

    page._say = say
    assert page._try(save)
    assert STILL_SAVING in page.said
    assert page._status.value == ""  # the wait is over: nothing left on the page
    assert _count(store) == 1


def test_a_press_the_store_cannot_take_in_time_says_press_again(busy, monkeypatch) -> None:
    store, _release = busy
    monkeypatch.setenv("COPROD_LAB_WRITE_PATIENCE_SECONDS", "0.3")
    page = _Page()

    def save() -> None:
        with store.write() as db:
            db.execute(insert(projects).values(name="never kept"))

    assert not page._try(save)
    assert page.said[0] == STILL_SAVING
    assert page.said[-1].startswith("Not saved, so nothing has changed")
    assert page.said[-1].endswith("Please press again.")
    assert "press again" in page._status.value
    assert _count(store) == 0


def test_any_other_store_error_says_not_saved_instead_of_nothing(sqlite_store) -> None:
    page = _Page()

    def save() -> None:
        with sqlite_store.write() as db:
            db.execute(insert(projects).values(name="half"))
            raise OperationalError("INSERT", {}, sqlite3.OperationalError("disk I/O error"))

    assert not page._try(save)
    assert page.said[-1] == NOT_SAVED
    assert _count(sqlite_store) == 0


def _listen(page: VotingPage) -> list[tuple[str, object]]:
    """Every message the page shows, with the line it is shown on."""
    said: list[tuple[str, object]] = []
    original = page._say

    def say(message: str, near=None) -> None:
        said.append((message, near))
        original(message, near)

    page._say = say
    return said


def test_a_vote_that_waits_for_the_store_says_still_saving_beside_its_card(busy_room) -> None:
    page, room, store, release = busy_room
    said = _listen(page)
    first = room.candidates[0]
    original = page._say

    def say(message: str, near=None) -> None:
        original(message, near)
        if message == STILL_SAVING:
            assert page.notes[first].value == f"<p>{STILL_SAVING}</p>"
            release.set()  # the other writer finishes while the vote waits

    page._say = say
    send_state(page.controls[first], value=True)  # the tick, as the browser sends it
    assert (STILL_SAVING, page.notes[first]) in said
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {first: 1}
    assert page.saved[first].value == "<p>Saved: you agree.</p>"
    assert page.notes[first].value == ""  # "Still saving…" goes once it is saved


def test_a_vote_the_store_never_takes_says_not_saved_press_again(busy_room, monkeypatch) -> None:
    page, room, store, _release = busy_room
    monkeypatch.setenv("COPROD_LAB_WRITE_PATIENCE_SECONDS", "0.3")
    said = _listen(page)
    first = room.candidates[0]
    send_state(page.controls[first], value=True)
    shown = [message for message, near in said if near is page.notes[first]]
    assert shown[0] == STILL_SAVING
    assert shown[-1].startswith("Not saved") and shown[-1].endswith("Please press again.")
    assert "press again" in page.notes[first].value
    assert voting.my_votes(store, page.ballot.id, room.round.id) == {}  # nothing half-kept
    assert page.controls[first].value is False  # the tick is taken back, as stored
    assert page.saved[first].value == "<p>Not voted yet.</p>"


def test_a_vote_hit_by_any_other_store_error_says_not_saved(sqlite_store, monkeypatch) -> None:
    room = a_room(sqlite_store)
    page = VotingPage(sqlite_store, {"room": room.workshop.room_code}, watch=False)
    send_state(page.name, value="Dev")
    press(page.join)
    first = room.candidates[0]

    def lost(*_args, **_kwargs):
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("disk I/O error"))

    monkeypatch.setattr(voting, "cast", lost)
    send_state(page.controls[first], value=True)
    assert page.notes[first].value == f"<p>{NOT_SAVED}</p>"
    assert page.controls[first].value is False  # shown as stored: no vote
    assert page.saved[first].value == "<p>Not voted yet.</p>"


def test_a_working_message_begun_as_the_change_ends_never_stays_after_saved() -> None:
    """The "Working…" timer runs in its own thread. Here it starts saying "Working…" while the
    change is still running and is slow to finish saying it; the page must still end on what
    the press did (seen in CI: "Saved" never appeared, "Working…" stayed)."""
    began = threading.Event()

    class _SlowToSay(_Page):
        def _say(self, message: str, near=None) -> None:
            if message == "Working…":
                began.set()
                threading.Event().wait(0.3)  # its thread is overtaken here without the lock
            super()._say(message, near)

    page = _SlowToSay()
    line = widgets.HTML()
    assert page._try(lambda: began.wait(30), line)
    page._say("Saved: done.", line)
    threading.Event().wait(0.6)  # give a late "Working…" every chance to land
    assert began.is_set()
    assert line.value == "<p>Saved: done.</p>"
