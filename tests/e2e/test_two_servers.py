"""A room bigger than one machine: two Voilà servers (`./run`) share one PostgreSQL store, and
Debian's HAProxy, set up by `./run haproxy`, gives people one address that spreads them over both.

Each browser stays on one server (the page and its websocket together); a round opened and
closed on one server's facilitator page opens and closes the other server's pages too; the
totals are exact; when one server stops, its people are sent to the other; when both stop,
people get the plain "please wait" page (axe-checked).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from coprod_lab.balancer import COOKIE
from coprod_lab.definitions import ballots, rounds, workshops
from coprod_lab.definitions.results import round_result
from coprod_lab.overview import list_projects
from coprod_lab.store import connect
from tests.conftest import POSTGRES, _postgres_database
from tests.e2e.conftest import _free_port, _wait_for, start_run, stop
from tests.e2e.test_pages import fits_the_screen, serious_axe_violations
from tests.e2e.test_voting import DEFINITIONS, WAIT, approval_ticks, card, saved

PHONES = 8
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"


@dataclass
class Room:
    db: str
    servers: list[str]  # the two Voilà servers' addresses
    landing: str  # the address people are given: HAProxy's
    processes: list  # the two servers, then HAProxy
    logs: list  # their logs


def _both_servers_in_use(landing: str, seconds: float = 60) -> None:
    """Wait until HAProxy's health checks have seen both servers answer (each new browser is
    then sent to the next server in turn)."""
    import urllib.request

    seen: set[str] = set()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(seen) < 2:
        try:
            with urllib.request.urlopen(landing + "voila/static/voila-style.js", timeout=5) as r:
                cookie = r.headers.get("Set-Cookie", "")
                seen.add(cookie.split(";")[0])
        except OSError:
            pass
        time.sleep(0.2)
    if len(seen) < 2:
        pytest.fail(f"HAProxy did not send visitors to both servers within {seconds} s: {seen}")


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[Room]:
    if not POSTGRES:
        if os.environ.get("CI"):
            pytest.fail("CI must run the two-server test: set COPROD_LAB_TEST_POSTGRES")
        pytest.skip("set COPROD_LAB_TEST_POSTGRES to run two servers on one PostgreSQL")
    if not os.path.exists(HAPROXY):
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the two-server test: {HAPROXY} is missing")
        pytest.skip("install Debian's haproxy to run the two-server test")
    home = tmp_path_factory.mktemp("two-servers")
    # HAProxy binds its port long after it is chosen; meanwhile kernels take ports the system
    # hands out (its ephemeral range): _free_port chooses from outside that range.
    ports = [_free_port(), _free_port(), _free_port()]
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
            # The README's own command writes the set-up; the real HAProxy runs it.
            args = ["haproxy", "--out", str(home / "haproxy"), "--host", "127.0.0.1"]
            args += ["--port", str(ports[2]), "--check-seconds", "0.5"]
            for address in servers:
                args += ["--server", address]
            writer, log = start_run(home, {}, *args)
            assert writer.wait(timeout=120) == 0, log.read_text()
            log = home / "haproxy.log"
            with log.open("a") as out:
                balancer = subprocess.Popen(
                    [HAPROXY, "-db", "-f", str(home / "haproxy" / "haproxy.cfg")],
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            processes.append((balancer, log))
            _wait_for(landing + "voila/static/voila-style.js", balancer, log)
            _both_servers_in_use(landing)
            yield Room(
                db,
                servers,
                landing,
                [process for process, _ in processes],
                [str(log) for _, log in processes],
            )
        finally:
            for process, _ in processes:
                stop(process)


def _server_of(context, room: Room) -> str:
    """The server HAProxy keeps this browser on, from its cookie (s1 or s2)."""
    name = next(c["value"] for c in context.cookies() if c["name"] == COOKIE)
    return room.servers[int(name[1:]) - 1]


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

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    facilitator = desk.new_page()
    # One browser per phone, as in a room: each gets its own cookie, so its own server.
    phones = [browser.new_context(viewport={"width": 360, "height": 800}) for _ in cards]
    try:
        facilitator.goto(f"{room.landing}voila/render/facilitate.ipynb?key={key}")
        facilitator.locator(".coprod-room-code").wait_for(timeout=WAIT)
        # The links the facilitator hands out point at the landing address, not one server.
        assert facilitator.locator(
            f"a[href='{room.landing}voila/render/vote.ipynb?room={workshop.room_code}']"
        ).count()
        tabs = [phone.new_page() for phone in phones]
        for tab, made_card in zip(tabs, cards, strict=True):
            tab.goto(f"{room.landing}voila/render/vote.ipynb?ballot={made_card.token}")
        for tab in tabs:
            tab.get_by_text("You are voting as this card").wait_for(timeout=WAIT)
        # New browsers are spread over both servers (in turn, unless one is slow to answer).
        where = [_server_of(phone, room) for phone in phones]
        assert set(where) == set(room.servers)
        # Sticky: each page's kernel (which its websocket talks to) is on its cookie's server.
        for tab, server in zip(tabs, where, strict=True):
            kernel = tab.evaluate(
                "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
            )
            other = next(s for s in room.servers if s != server)
            here, there = _kernel_answers(server, kernel), _kernel_answers(other, kernel)
            assert here and not there, (kernel, server, here, there, tab.url, room.logs)

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

        # One server stops: HAProxy sends its people to the other, ballots intact.
        stop(room.processes[1])
        on_second = where.index(room.servers[1])
        second, token = tabs[on_second], cards[on_second].token
        second.goto(f"{room.landing}voila/render/vote.ipynb?ballot={token}")
        second.get_by_text("You are voting as this card").wait_for(timeout=WAIT)
        assert _server_of(phones[on_second], room) == room.servers[0]
        second.get_by_text("Our definition: results").wait_for(timeout=WAIT)

        # Both stop: a plain page instead of a browser error, usable on a phone.
        stop(room.processes[0])
        answer = second.goto(f"{room.landing}voila/render/vote.ipynb?ballot={token}")
        assert answer is not None and answer.status == 503
        second.get_by_role("heading", name="Please wait: the voting pages are not ready").wait_for()
        assert serious_axe_violations(second) == []
        assert fits_the_screen(second)
        second.get_by_role("link", name="try again now").focus()
        assert second.evaluate("document.activeElement.textContent") == "try again now"
    finally:
        for context in (*phones, desk):
            context.close()
        store.engine.dispose()


def _kernel_answers(server: str, kernel: str) -> bool:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"{server}api/kernels/{kernel}", timeout=10) as answer:
            return answer.status == 200
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise
