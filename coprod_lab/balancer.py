"""One address for a room served by several `coprod-lab serve` servers: a configuration for
HAProxy, the load balancer Debian packages (`apt-get install haproxy`), written for the servers
you name.

Why HAProxy rather than nginx: the free nginx checks a server only when a visitor's request to
it fails, and can keep a visitor on one server only by their network address (a whole room on
one Wi-Fi shares one address, so everyone would land on one server). HAProxy checks every server
on its own every few seconds and keeps each browser on one server with a cookie, both in the
version Debian ships.

What the configuration does:
- Sticky routing: HAProxy sets a cookie naming the server a browser was sent to, so a page and
  its websocket (which carries every press) reach the same server and its kernel.
- Health checks: each server's start page is fetched every `check_seconds`; a server that
  refuses, or does not answer within 10 s, twice gets nobody new until it answers twice. A
  browser whose server stopped is sent to another (`option redispatch`); everything confirmed
  is in the shared store.
- A plain "please wait" page (HTTP 503) when no server answers, which reloads itself once one
  does.
- The bare address, opened in a browser, means the participants' voting page, as typed from
  a slide.

Everything a page knows is in the store, so the servers must share one PostgreSQL store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from coprod_lab.errors import CoprodLabError

PARTICIPANT_PATH = "/voila/render/vote.ipynb"
COOKIE = "coprod_server"
CONFIG_NAME = "haproxy.cfg"
WAIT_PAGE_NAME = "please-wait.http"


@dataclass(frozen=True)
class Backend:
    """One `coprod-lab serve` server: its name in the cookie, and where it listens."""

    name: str
    host: str
    port: int


def backends(addresses: Sequence[str]) -> list[Backend]:
    """The servers as HAProxy needs them, from addresses like http://10.0.0.2:8866/.

    Raises CoprodLabError naming the address for one that is not http://host:port/, for one
    given twice, and when none is given. HTTPS to the servers is not handled here: HAProxy
    takes HTTPS from phones and talks plain HTTP to servers on the local network.
    """
    found: list[Backend] = []
    seen: set[tuple[str, int]] = set()
    for address in addresses:
        parts = urlsplit(address)
        if parts.scheme != "http" or not parts.hostname or parts.path not in ("", "/"):
            raise CoprodLabError(
                f"{address!r} is not a server address; give one like http://10.0.0.2:8866/."
            )
        try:
            port = parts.port or 80
        except ValueError:
            raise CoprodLabError(f"{address!r} has a port that is not a number.") from None
        if (parts.hostname, port) in seen:
            raise CoprodLabError(f"{address} is given twice.")
        seen.add((parts.hostname, port))
        found.append(Backend(f"s{len(found) + 1}", parts.hostname, port))
    if not found:
        raise CoprodLabError("Give at least one server to send people to (--server ADDRESS).")
    return found


WAIT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Please wait: the voting pages are not ready</title>
<style>
body { font: 1.25rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 36rem; margin: 0 auto; padding: 1.5rem 1rem; }
a { color: #0b4f9c; display: inline-block; padding: 0.75rem 0; min-height: 44px; }
</style>
</head>
<body>
<main>
<h1>Please wait: the voting pages are not ready</h1>
<p>None of the voting pages answered just now. Nothing you saved before is lost.</p>
<p role="status">This page tries again by itself every 15 seconds.</p>
<p>You can also <a href="">try again now</a>. If it still does not work after a few minutes,
tell the person running the session.</p>
</main>
<script>
  // Look quietly every 15 seconds; reload only once a server answers, so a screen reader is
  // not sent back to the top of this page for nothing.
  setInterval(function () {
    fetch(location.href, { method: "HEAD", cache: "no-store" })
      .then(function (r) { if (r.status !== 503) { location.reload(); } })
      .catch(function () {});
  }, 15000);
</script>
</body>
</html>
"""


def wait_response() -> str:
    """The whole HTTP answer HAProxy gives when no server answers (its `errorfile` format)."""
    body = WAIT_PAGE.encode()
    head = (
        "HTTP/1.1 503 Service Unavailable\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        "Cache-Control: no-store\r\n"
        "Retry-After: 15\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n"
        "\r\n"
    )
    return head + WAIT_PAGE


def haproxy_config(
    servers: Sequence[Backend],
    *,
    host: str,
    port: int,
    wait_page: Path,
    check_seconds: float = 2.0,
) -> str:
    """HAProxy's configuration for `servers`, listening on host:port (text for haproxy.cfg).

    `wait_page` is where `wait_response()` is written. Timeouts: a page's websocket may sit
    quiet for a whole session (`timeout tunnel 4h`); a page whose kernel is still starting
    streams its first bytes within Voilà's 10-second keep-alive, well inside `timeout server`.
    """
    check_ms = max(int(check_seconds * 1000), 100)
    lines = [
        "# Written by `coprod-lab haproxy`; start with: haproxy -f haproxy.cfg",
        "global",
        "    log stdout format raw local0 notice",
        "",
        "defaults",
        "    mode http",
        "    log global",
        "    option httplog",
        "    option forwardfor",
        "    option redispatch",
        "    retries 3",
        "    timeout connect 5s",
        "    timeout client 2m",
        "    timeout server 2m",
        "    timeout http-request 30s",
        "    timeout tunnel 4h",
        f"    errorfile 502 {wait_page}",
        f"    errorfile 503 {wait_page}",
        f"    errorfile 504 {wait_page}",
        "",
        "frontend room",
        f"    bind {host}:{port}",
        "    compression algo gzip",
        "    compression type text/html text/css application/javascript application/json",
        # Only a person opening the bare address is sent on: the pages' own script fetches
        # "/" for its _xsrf cookie, and following it to the voting page would use a kernel.
        "    acl person_opening req.hdr(sec-fetch-mode) -m str navigate",
        f"    http-request redirect location {PARTICIPANT_PATH} code 303 "
        "if { path / } person_opening",
        "    default_backend servers",
        "",
        "backend servers",
        "    balance roundrobin",
        f"    cookie {COOKIE} insert indirect nocache httponly",
        "    option httpchk GET /",
        "    http-check expect status 200",
        # A server slow to answer (busy starting kernels) is not down: only one that does not
        # answer within 10 s, or refuses the connection (stopped), twice in a row. Marking a
        # busy server down would move its browsers' cookies, and their pages' websockets, to
        # a server without their kernels (seen with a 0.5 s timeout under load).
        "    timeout check 10s",
        f"    default-server check inter {check_ms} fall 2 rise 2",
    ]
    lines += [f"    server {s.name} {s.host}:{s.port} cookie {s.name}" for s in servers]
    return "\n".join(lines) + "\n"


def write_haproxy(
    addresses: Sequence[str],
    folder: Path,
    *,
    host: str,
    port: int,
    check_seconds: float = 2.0,
) -> Path:
    """Write haproxy.cfg and its please-wait answer into `folder`; return the config's path.

    Raises CoprodLabError for a bad server address (see `backends`).
    """
    servers = backends(addresses)
    folder.mkdir(parents=True, exist_ok=True)
    wait_page = (folder / WAIT_PAGE_NAME).resolve()
    # HAProxy sends the file byte for byte, so its line ends must be HTTP's.
    wait_page.write_bytes(wait_response().encode())
    config = folder / CONFIG_NAME
    config.write_text(
        haproxy_config(
            servers, host=host, port=port, wait_page=wait_page, check_seconds=check_seconds
        )
    )
    return config
