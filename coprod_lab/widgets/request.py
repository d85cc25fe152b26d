"""The address a Voilà page was opened with (its ?ballot=… or ?key=…), read inside the kernel.

Voilà puts the request in the kernel's environment. A preheated kernel starts before anyone
asks for the page, so it waits here until Voilà hands it the request over a websocket; this
does what `voila.utils.get_query_string` does without importing Voilà's server modules
(about 50 MB in every participant's kernel).
"""

from __future__ import annotations

import json
import os
from urllib.parse import parse_qs

from coprod_lab.config import setting

OPEN_SECONDS = 120  # the server is starting many kernels at once when a room arrives


def _wait_for_request() -> None:
    if os.environ.get("VOILA_PREHEAT", "False") == "False" or "QUERY_STRING" in os.environ:
        return
    from websockets.sync.client import connect

    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    kernel = os.environ.get("VOILA_KERNEL_ID", "")
    # No keepalive pings: a pooled kernel may wait here for minutes, and the websockets
    # library closes the connection when the server answers a ping more than 20 s late. On a
    # busy server (200 phones reloading, 2 loaded cores) 49 waiting kernels lost their page
    # that way ("keepalive ping timeout"), and opening took more than 10 s for some.
    address = f"{protocol}://{host}:{port}{base}voila/query/{kernel}"
    with connect(address, open_timeout=OPEN_SECONDS, ping_interval=None) as ws:
        os.environ.update(json.loads(ws.recv()))


def query() -> dict[str, str]:
    """The page address's query, one value per name: {"ballot": "…"} for ?ballot=…."""
    _wait_for_request()
    parsed = parse_qs(os.environ.get("QUERY_STRING", ""), keep_blank_values=False)
    return {name: values[0] for name, values in parsed.items()}


def page_address(page: str) -> str:
    """The address of another page: under the public_address setting when there is one (a
    landing page or proxy in front), else on this server as the browser reached this one."""
    public = setting("public_address")
    if public:
        return public.rstrip("/") + "/voila/render/" + page
    name = os.environ.get("SERVER_NAME", "127.0.0.1")
    port = os.environ.get("SERVER_PORT", "")
    base = os.environ.get("VOILA_BASE_URL", "/")
    host = f"{name}:{port}" if port else name
    return f"http://{host}{base}voila/render/{page}"
