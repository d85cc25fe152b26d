"""The landing address of `coprod-lab spread`, over real HTTP, with small web servers standing in
for the Voilà servers (tests/e2e/test_two_servers.py runs it with two real ones)."""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from coprod_lab.cli import main
from coprod_lab.errors import CoprodLabError
from coprod_lab.spread import Spreader, landing_app, server_addresses


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


class _StandIn:
    """A web server that answers 200, and can be stopped and started again on its port."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.address = f"http://127.0.0.1:{self.port}/"
        self._httpd: http.server.ThreadingHTTPServer | None = None
        self.start()

    @property
    def running(self) -> bool:
        return self._httpd is not None

    def start(self) -> None:
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), _Answer)
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()
        self._httpd = None


class _Landing:
    """The landing app on its own event loop in a thread, as `coprod-lab spread` runs it."""

    def __init__(self, servers: list[str], check_seconds: float = 0.2) -> None:
        self.port = _free_port()
        self.address = f"http://127.0.0.1:{self.port}"
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        async def serve() -> None:
            self.spreader = Spreader(servers, check_seconds=check_seconds)
            await self.spreader.check_all()
            landing_app(self.spreader).listen(self.port, address="127.0.0.1")
            ready.set()
            await self.spreader.keep_checking()

        def run() -> None:
            self._task = self.loop.create_task(serve())
            with contextlib.suppress(asyncio.CancelledError):
                self.loop.run_until_complete(self._task)

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        assert ready.wait(10)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join(10)


class _NoFollow(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object) -> None:
        return None


def _visit(url: str) -> tuple[int, dict[str, str], str]:
    opener = urllib.request.build_opener(_NoFollow)
    try:
        with opener.open(url, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _wait_until_seen(landing: _Landing, up: list[bool]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        status = json.loads(_visit(f"{landing.address}/spread/status")[2])
        if [s["up"] for s in status["servers"]] == up:
            return
        time.sleep(0.05)
    pytest.fail(f"the landing page did not see the servers as {up}")


@pytest.fixture
def two() -> Iterator[tuple[_StandIn, _StandIn, _Landing]]:
    first, second = _StandIn(), _StandIn()
    landing = _Landing([first.address, second.address])
    yield first, second, landing
    landing.stop()
    for server in (first, second):
        if server.running:
            server.stop()


def test_people_are_sent_to_each_server_in_turn_with_the_address_they_were_given(two) -> None:
    first, second, landing = two
    sent = []
    for n in range(6):
        status, headers, _ = _visit(f"{landing.address}/voila/render/vote.ipynb?ballot=t{n}")
        assert status == 303
        assert headers["Cache-Control"] == "no-store"
        sent.append(headers["Location"])
    assert sent == [
        f"{server.address}voila/render/vote.ipynb?ballot=t{n}"
        for n, server in zip(range(6), [first, second] * 3, strict=True)
    ]
    status = json.loads(_visit(f"{landing.address}/spread/status")[2])
    assert [(s["address"], s["up"], s["sent"]) for s in status["servers"]] == [
        (first.address, True, 3),
        (second.address, True, 3),
    ]


def test_the_bare_address_means_the_voting_page_and_encoded_paths_pass_unchanged(two) -> None:
    first, _, landing = two
    _, headers, _ = _visit(landing.address + "/")
    assert headers["Location"] == first.address + "voila/render/vote.ipynb"
    _, headers, _ = _visit(landing.address + "/voila/render/vote.ipynb?room=AB%2BCD&name=Sam%20K")
    assert headers["Location"].endswith("voila/render/vote.ipynb?room=AB%2BCD&name=Sam%20K")


def test_a_server_that_stops_answering_is_skipped_and_used_again_when_back(two) -> None:
    first, second, landing = two
    second.stop()
    _wait_until_seen(landing, [True, False])
    places = {_visit(landing.address + "/")[1]["Location"] for _ in range(4)}
    assert places == {first.address + "voila/render/vote.ipynb"}
    status = json.loads(_visit(f"{landing.address}/spread/status")[2])
    assert status["servers"][1]["up"] is False
    assert status["servers"][1]["problem"]
    second.start()
    deadline = time.monotonic() + 10
    places = set()
    while time.monotonic() < deadline and len(places) < 2:
        places.add(_visit(landing.address + "/")[1]["Location"])
    assert places == {a + "voila/render/vote.ipynb" for a in (first.address, second.address)}


def test_when_no_server_answers_people_get_a_plain_page_and_nothing_is_counted(two) -> None:
    first, second, landing = two
    first.stop()
    second.stop()
    _wait_until_seen(landing, [False, False])
    status, headers, body = _visit(landing.address + "/voila/render/vote.ipynb?ballot=x")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert '<html lang="en">' in body
    assert "The voting pages are not ready" in body
    assert "Nothing you saved before is lost" in body
    assert 'href="/voila/render/vote.ipynb?ballot=x"' in body
    counts = json.loads(_visit(f"{landing.address}/spread/status")[2])
    assert [s["sent"] for s in counts["servers"]] == [0, 0]


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        (["10.0.0.2:8866"], "is not a server address"),
        (["ftp://10.0.0.2/"], "is not a server address"),
        (["http://a:1/", "http://a:1"], "is given twice"),
        ([], "at least one server"),
    ],
)
def test_bad_server_addresses_are_refused_with_a_clear_message(given, problem) -> None:
    with pytest.raises(CoprodLabError, match=problem):
        server_addresses(given)


def test_the_command_names_the_bad_address(capsys) -> None:
    assert main(["spread", "--server", "localhost"]) == 1
    assert "'localhost' is not a server address" in capsys.readouterr().err
