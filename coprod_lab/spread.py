"""The landing address for a room too big for one machine: it sends each person to one of
several `coprod-lab serve` servers that share one PostgreSQL store.

Everything a page knows lives in the store, so it does not matter which server a person lands
on: a vote saved on one is counted on the others' boards, and a round closed on one closes on
all (pages watch the store). The landing server only redirects (HTTP 303): the page and its
websocket then talk to the chosen server directly, so the landing server carries no traffic.

People are sent to the servers in turn, skipping any server that did not answer its last
check; checks run every `check_seconds`, and a server not heard from in the last second is
checked again before anyone is sent to it. When no server answers, people get a plain page
asking them to wait and reload.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.web import Application, RequestHandler

from coprod_lab.errors import CoprodLabError

PARTICIPANT_PATH = "voila/render/vote.ipynb"
STATUS_PATH = "/spread/status"
FRESH_SECONDS = 1.0


@dataclass
class Server:
    """One `coprod-lab serve` the landing page can send people to."""

    address: str  # ends with "/"
    up: bool = False
    sent: int = 0
    checked_at: float = field(default=0.0)
    problem: str = "not checked yet"


def server_addresses(addresses: Sequence[str]) -> list[str]:
    """The servers' addresses, checked and each ending in "/"; a clear error for a bad one."""
    found: list[str] = []
    for address in addresses:
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CoprodLabError(
                f"{address!r} is not a server address; give one like http://10.0.0.2:8866/."
            )
        normal = address if address.endswith("/") else address + "/"
        if normal in found:
            raise CoprodLabError(f"{address} is given twice.")
        found.append(normal)
    if len(found) < 1:
        raise CoprodLabError("Give at least one server to send people to (--server ADDRESS).")
    return found


class Spreader:
    """Which server the next person goes to: the next one in turn that is answering."""

    def __init__(self, addresses: Sequence[str], *, check_seconds: float = 2.0) -> None:
        self.servers = [Server(a) for a in server_addresses(addresses)]
        self.check_seconds = check_seconds
        self._turn = itertools.cycle(range(len(self.servers)))
        self._client = AsyncHTTPClient()

    async def check(self, server: Server) -> bool:
        request = HTTPRequest(server.address, connect_timeout=2, request_timeout=3)
        try:
            await self._client.fetch(request)
            server.up, server.problem = True, ""
        except HTTPClientError as error:
            server.up, server.problem = error.code < 500, f"answered {error.code}"
        except OSError as error:
            server.up, server.problem = False, f"no answer ({error.strerror or error})"
        except TimeoutError:
            server.up, server.problem = False, "no answer within 3 s"
        server.checked_at = time.monotonic()
        return server.up

    async def check_all(self) -> None:
        await asyncio.gather(*(self.check(server) for server in self.servers))

    async def keep_checking(self) -> None:
        while True:
            await self.check_all()
            await asyncio.sleep(self.check_seconds)

    async def choose(self) -> Server | None:
        """The next server in turn that answers; None when none does."""
        for _ in range(len(self.servers)):
            server = self.servers[next(self._turn)]
            # Send people only to a server that answered within the last second; one marked
            # down may be back, so look again rather than wait for the next round of checks.
            fresh = time.monotonic() - server.checked_at < FRESH_SECONDS
            if (server.up and fresh) or await self.check(server):
                server.sent += 1
                return server
        return None

    def status(self) -> dict:
        return {
            "servers": [
                {"address": s.address, "up": s.up, "sent": s.sent, "problem": s.problem}
                for s in self.servers
            ]
        }


NONE_ANSWERING = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The voting pages are not ready</title>
<style>
body {{ font: 1.25rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }}
main {{ max-width: 36rem; margin: 0 auto; padding: 1.5rem 1rem; }}
a {{ color: #0b4f9c; display: inline-block; padding: 0.75rem 0; min-height: 44px; }}
</style>
</head>
<body>
<main>
<h1>The voting pages are not ready</h1>
<p>None of the voting pages answered just now. Nothing you saved before is lost.</p>
<p>Wait a minute, then <a href="{again}">try again</a>. If it still does not work, tell the
person running the session.</p>
</main>
</body>
</html>
"""


class _SendOn(RequestHandler):
    def initialize(self, spreader: Spreader) -> None:
        self.spreader = spreader

    async def get(self, _path: str) -> None:
        server = await self.spreader.choose()
        if server is None:
            self.set_status(503)
            self.set_header("Retry-After", "30")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(NONE_ANSWERING.format(again=escape(self.request.uri or "/")))
            return
        # The bare address is what people type from a slide: it means the participants' page.
        # The path as sent (still %-encoded), so it reaches the server exactly as typed.
        target = server.address + (self.request.path.lstrip("/") or PARTICIPANT_PATH)
        if self.request.query:
            target += "?" + self.request.query
        self.set_header("Cache-Control", "no-store")  # each visit is sent on afresh
        self.redirect(target, status=303)

    head = get


class _Status(RequestHandler):
    def initialize(self, spreader: Spreader) -> None:
        self.spreader = spreader

    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(self.spreader.status()))


def landing_app(spreader: Spreader) -> Application:
    """The landing page's web application: the status as JSON, every other address sent on."""
    return Application(
        [
            (STATUS_PATH, _Status, {"spreader": spreader}),
            (r"/(.*)", _SendOn, {"spreader": spreader}),
        ]
    )


async def run_landing(
    addresses: Sequence[str], host: str, port: int, *, check_seconds: float = 2.0
) -> None:
    """Serve the landing page until stopped."""
    spreader = Spreader(addresses, check_seconds=check_seconds)
    await spreader.check_all()
    landing_app(spreader).listen(port, address=host, xheaders=True)
    await spreader.keep_checking()
