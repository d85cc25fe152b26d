"""A room bigger than one machine: two Voilà servers (`./run`) share one PostgreSQL store, and
`./run spread` gives people one address that sends them between the two.

People are sent to each server in turn; a round opened and closed on one server's facilitator
page opens and closes the other server's pages too; the totals are exact; when one server stops,
people are sent to the other; when both stop, the landing page says so plainly (axe-checked).
"""

from __future__ import annotations

import contextlib
import json
import os
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from coprod_lab.definitions import ballots, rounds, workshops
from coprod_lab.definitions.results import round_result
from coprod_lab.overview import list_projects
from coprod_lab.store import connect
from tests.conftest import POSTGRES, _postgres_database
from tests.e2e.conftest import _free_port, _wait_for, start_run, stop
from tests.e2e.test_pages import fits_the_screen, serious_axe_violations
from tests.e2e.test_voting import DEFINITIONS, WAIT, approval_ticks, card, open_cards, saved

PHONES = 8


@dataclass
class Room:
    db: str
    servers: list[str]  # the two Voilà servers' addresses
    landing: str  # the address people are given
    processes: list  # the two servers, then the landing page


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[Room]:
    if not POSTGRES:
        if os.environ.get("CI"):
            pytest.fail("CI must run the two-server test: set COPROD_LAB_TEST_POSTGRES")
        pytest.skip("set COPROD_LAB_TEST_POSTGRES to run two servers on one PostgreSQL")
    home = tmp_path_factory.mktemp("two-servers")
    ports = [_free_port() for _ in range(3)]
    servers = [f"http://127.0.0.1:{port}/" for port in ports[:2]]
    landing = f"http://127.0.0.1:{ports[2]}/"
    with contextlib.contextmanager(_postgres_database)() as db:
        processes = []
        try:
            # Both start at once on an empty database: one sets it up, the other waits.
            for port in ports[:2]:
                env = {
                    "COPROD_LAB_DB": db,
                    "COPROD_LAB_PORT": str(port),
                    "COPROD_LAB_ROOM_SIZE": "2",
                    "COPROD_LAB_PUBLIC_ADDRESS": landing,
                }
                processes.append(start_run(home, env))
            for address, (process, log) in zip(servers, processes, strict=True):
                _wait_for(address, process, log)
            spread_args = ["--port", str(ports[2]), "--check-seconds", "0.5"]
            for address in servers:
                spread_args += ["--server", address]
            landing_process, log = start_run(
                home, {"COPROD_LAB_PORT": str(ports[2])}, "spread", *spread_args
            )
            processes.append((landing_process, log))
            _wait_for(landing + "spread/status", landing_process, log)
            yield Room(db, servers, landing, [process for process, _ in processes])
        finally:
            for process, _ in processes:
                stop(process)


def _status(room: Room) -> list[dict]:
    with urllib.request.urlopen(room.landing + "spread/status", timeout=10) as answer:
        return json.loads(answer.read())["servers"]


def _server_of(tab, room: Room) -> str:
    here = urlsplit(tab.url)
    return next(s for s in room.servers if urlsplit(s).netloc == here.netloc)


def test_two_servers_share_one_room_and_nothing_is_lost(room: Room, browser) -> None:
    store = connect(room.db)
    assert len(list_projects(store)) == 1  # the demo was added once, not by both servers
    workshop, key = workshops.create_workshop(
        store, list_projects(store)[0][0], "Big room", actor="test"
    )
    workshops.set_stage(store, workshop.id, "vote", actor="test")
    cards = ballots.make_ballots(store, workshop.id, PHONES, actor="test")
    for n, made_card in enumerate(cards):
        ballots.set_role(store, made_card.id, ("lived_experience", "professional")[n % 2])
    made = rounds.add_round(store, workshop.id, "Our definition", "approval", actor="test")
    ids = [rounds.add_candidate(store, made.id, t, actor="test").id for t in DEFINITIONS]

    facilitator = browser.new_page(viewport={"width": 1280, "height": 900})
    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        facilitator.goto(f"{room.landing}voila/render/facilitate.ipynb?key={key}")
        facilitator.locator(".coprod-room-code").wait_for(timeout=WAIT)
        # The links the facilitator hands out point at the landing address, not one server.
        assert facilitator.locator(
            f"a[href='{room.landing}voila/render/vote.ipynb?room={workshop.room_code}']"
        ).count()
        tabs = open_cards(context, room.landing, cards)
        # Sent in turn: the facilitator to the first server, then the phones alternately.
        assert _server_of(facilitator, room) == room.servers[0]
        where = [_server_of(tab, room) for tab in tabs]
        assert Counter(where) == {room.servers[0]: PHONES // 2, room.servers[1]: PHONES // 2}
        assert [s["sent"] for s in _status(room)] == [1 + PHONES // 2, PHONES // 2]

        # Opened on one server's facilitator page, the round opens on both servers' phones.
        facilitator.reload()
        facilitator.get_by_label("Round", exact=True).select_option(label="Our definition (draft)")
        facilitator.get_by_role("button", name="Open the vote").click()
        facilitator.get_by_text("The vote is open.").wait_for(timeout=WAIT)
        for tab in tabs:
            tab.get_by_role("heading", name="Our definition").wait_for(timeout=WAIT)
        for i, tab in enumerate(tabs):
            for n, tick in enumerate(approval_ticks(i)):
                if tick:
                    card(tab, n).get_by_role("button", name="I agree").click()
        for i, tab in enumerate(tabs):
            for n, tick in enumerate(approval_ticks(i)):
                if tick:
                    saved(tab, n, "Saved: you agree.")
        facilitator.get_by_role("button", name="Close the vote").click()
        facilitator.get_by_text("The vote is closed.").wait_for(timeout=WAIT)
        for tab in tabs:
            tab.get_by_text("Voting is closed.").first.wait_for(timeout=WAIT)

        _found, result = round_result(store, made.id)
        got = {line.candidate_id: line.score for line in result.lines}
        want = [sum(approval_ticks(i)[n] for i in range(PHONES)) for n in range(3)]
        assert [got[c] for c in ids] == want
        assert result.voters == PHONES
        assert result.voters_by_group["lived_experience"] == PHONES // 2
        assert result.voters_by_group["professional"] == PHONES // 2

        # One server stops: the landing page sends everyone to the other, ballots intact.
        stop(room.processes[1])
        on_second = where.index(room.servers[1])
        second, token = tabs[on_second], cards[on_second].token
        second.goto(f"{room.landing}voila/render/vote.ipynb?ballot={token}")
        second.get_by_text("You are voting as this card").wait_for(timeout=WAIT)
        assert _server_of(second, room) == room.servers[0]
        second.get_by_text("Our definition: results").wait_for(timeout=WAIT)
        assert [s["up"] for s in _status(room)] == [True, False]

        # Both stop: a plain page instead of a browser error, usable on a phone.
        stop(room.processes[0])
        answer = second.goto(f"{room.landing}voila/render/vote.ipynb?ballot={token}")
        assert answer is not None and answer.status == 503
        second.get_by_role("heading", name="The voting pages are not ready").wait_for()
        assert serious_axe_violations(second) == []
        assert fits_the_screen(second)
        second.get_by_role("link", name="try again").focus()
        assert second.evaluate("document.activeElement.textContent") == "try again"
    finally:
        context.close()
        facilitator.close()
        store.engine.dispose()
