"""A pooled page kernel waiting for its request keeps waiting, however late a busy server is."""

from __future__ import annotations

import json
import os
import threading

import websockets.sync.client as client
from websockets.sync.server import serve

from coprod_lab.widgets import request


def test_a_waiting_kernel_asks_for_its_request_without_keepalive_pings(monkeypatch) -> None:
    def handler(ws) -> None:
        ws.send(json.dumps({"QUERY_STRING": "ballot=abc&ballot=ignored"}))

    asked: list[dict] = []
    opened = client.connect

    def watching(*args, **kwargs):
        asked.append(kwargs)
        return opened(*args, **kwargs)

    monkeypatch.setattr(client, "connect", watching)
    with serve(handler, "127.0.0.1", 0) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        monkeypatch.setenv("VOILA_PREHEAT", "True")
        # query() puts the request in os.environ, as in a kernel. Set first so monkeypatch
        # takes it out again afterwards: a QUERY_STRING left in this test process reached the
        # Voilà server a later browser test started, and every page read it as its own.
        monkeypatch.setenv("QUERY_STRING", "")
        monkeypatch.delenv("QUERY_STRING")
        monkeypatch.setenv("VOILA_APP_PORT", str(server.socket.getsockname()[1]))
        monkeypatch.setenv("VOILA_KERNEL_ID", "k")
        assert request.query() == {"ballot": "abc"}
        server.shutdown()
    # Pings answered late by a busy server closed waiting kernels' connections (49 pages lost
    # in a 200-phone reload run), and opening took more than 10 s on a loaded machine.
    assert asked[0]["ping_interval"] is None
    assert asked[0]["open_timeout"] >= 60
    monkeypatch.undo()
    assert "QUERY_STRING" not in os.environ  # nothing left for a server started later
