"""Restarting the server in the middle of a round: no confirmed vote is lost, and the page
tells the person to reload, then carries on with their ballot. A press made while the server
is down is refused on the page at once, and is not stored later: page and store agree."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from coprod_lab.definitions import ballots, rounds, voting, workshops
from coprod_lab.overview import list_projects
from coprod_lab.store import connect
from tests.e2e.conftest import _free_port, _wait_for, start_run

WAIT = 60_000


def start(home: Path, port: int, db: str) -> subprocess.Popen:
    env = {"COPROD_LAB_DB": db, "COPROD_LAB_PORT": str(port), "COPROD_LAB_ROOM_SIZE": "1"}
    process, log = start_run(home, env)
    _wait_for(f"http://127.0.0.1:{port}/", process, log)
    return process


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)  # as abrupt as a power cut
    process.wait(timeout=20)


def test_a_restart_loses_no_confirmed_vote_and_the_page_says_to_reload(tmp_path, browser) -> None:
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    port = _free_port()
    server = start(tmp_path, port, db)
    store = connect(db)
    try:
        workshop, _key = workshops.create_workshop(
            store, list_projects(store)[0][0], "Restart room", actor="test"
        )
        made = rounds.add_round(store, workshop.id, "Vote", "approval", actor="test")
        ids = [rounds.add_candidate(store, made.id, t, actor="test").id for t in ("A.", "B.")]
        rounds.open_round(store, made.id, actor="test")
        workshops.set_stage(store, workshop.id, "vote", actor="test")
        card = ballots.make_ballots(store, workshop.id, 1, actor="test")[0]
        tab = browser.new_page(viewport={"width": 360, "height": 800})
        tab.goto(f"http://127.0.0.1:{port}/voila/render/vote.ipynb?ballot={card.token}")
        first = tab.locator(".coprod-card").nth(0)
        first.get_by_role("button", name="I agree").click()
        first.get_by_text("Saved: you agree.").wait_for(timeout=WAIT)

        stop(server)
        # Confirmed means committed: the vote is in the store with no server running.
        assert voting.my_votes(store, card.id, made.id) == {ids[0]: 1}
        tab.get_by_role("alert").get_by_text("The connection to the server was lost.").wait_for(
            timeout=WAIT
        )
        second = tab.locator(".coprod-card").nth(1)
        second.get_by_role("button", name="I agree").click()
        tab.get_by_role("alert").get_by_text(
            "Not saved: the connection to the server is lost."
        ).wait_for(timeout=WAIT)
        assert second.get_by_text("Saved: you agree.").count() == 0

        server = start(tmp_path, port, db)
        # Back up, the page still says nothing was saved, and the store has nothing new.
        assert second.get_by_text("Saved: you agree.").count() == 0
        assert voting.my_votes(store, card.id, made.id) == {ids[0]: 1}
        tab.get_by_role("link", name="Reload the page").click()
        tab.locator(".coprod-card").nth(0).get_by_text("Saved: you agree.").wait_for(timeout=WAIT)
        second = tab.locator(".coprod-card").nth(1)
        second.get_by_role("button", name="I agree").click()
        second.get_by_text("Saved: you agree.").wait_for(timeout=WAIT)
        assert voting.my_votes(store, card.id, made.id) == {ids[0]: 1, ids[1]: 1}

        # The network drops with the server still up: a ranked choice made from the list
        # while offline is put back and refused beside it, and is not sent when the phone
        # is back (it used to be held, then stored with no "Saved" on the page).
        rounds.close_round(store, made.id, actor="test")
        ranked = rounds.add_round(store, workshop.id, "Order", "ranked", actor="test")
        for text in ("C.", "D."):
            rounds.add_candidate(store, ranked.id, text, actor="test")
        rounds.open_round(store, ranked.id, actor="test")
        order = tab.get_by_role("combobox", name="My order").first
        order.wait_for(timeout=WAIT)
        before = order.input_value()
        tab.context.set_offline(True)
        tab.evaluate("window.dispatchEvent(new Event('offline'))")
        tab.get_by_role("alert").get_by_text("The connection to the server was lost.").wait_for(
            timeout=WAIT
        )
        order.select_option(label="Choice 1")
        tab.get_by_role("alert").get_by_text(
            "Not saved: the connection to the server is lost."
        ).wait_for(timeout=WAIT)
        assert order.input_value() == before
        tab.context.set_offline(False)
        tab.wait_for_timeout(3000)  # a held change would be sent as the connection comes back
        assert voting.my_votes(store, card.id, ranked.id) == {}
        tab.close()
    finally:
        stop(server)
        store.engine.dispose()
