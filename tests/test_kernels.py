"""How `serve` hands pooled kernels to people arriving: a ready kernel if there is one (whatever
order they started in), otherwise the getting-ready page at once, never a request held open.
Voilà's own kernel manager class is built on ours as `serve` builds it, and its own hand-out
method runs; the pool holds stand-in tasks instead of kernels, so no kernel starts here."""

from __future__ import annotations

import asyncio
import logging
import os
from types import SimpleNamespace

from voila.voila_kernel_manager import voila_kernel_manager_factory

from coprod_lab.kernels import GETTING_READY_PAGE, StartFewAtATime

NOTEBOOK = "apps/vote.ipynb"


def _manager():
    manager_class = voila_kernel_manager_factory(StartFewAtATime, True, 1)
    manager = manager_class.__new__(manager_class)  # no kernels: only the handing out is used
    manager.__dict__.update(
        _pools={}, log=logging.getLogger("test"), refilled=[], notebook_data={}, _gone_since={}
    )
    manager.fill_if_needed = lambda **kwargs: manager.refilled.append(kwargs["notebook_name"])
    return manager


def _run(coroutine):
    """asyncio.run in a thread of its own: earlier browser tests (Playwright's sync API) leave
    an event loop running in this one, where asyncio.run refuses to start."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result(timeout=120)


async def _kernel(kernel_id: str, seconds: float = 0) -> dict:
    await asyncio.sleep(seconds)
    renderer = SimpleNamespace(rendered_cache=[f"<html>page of {kernel_id}"], stop_generator=False)
    return {"kernel_id": kernel_id, "renderer": renderer, "task": f"render of {kernel_id}"}


async def _failed() -> dict:
    raise RuntimeError("the kernel died while starting")


def _hand_out(manager, pool: list) -> tuple:
    """Voilà's get_rendered_notebook, as `serve` has it, once against `pool`."""

    async def go():
        manager._pools[NOTEBOOK] = [asyncio.ensure_future(make()) for make in pool]
        await asyncio.sleep(0.05)  # the ready ones finish
        answer = await manager.get_rendered_notebook(NOTEBOOK)
        left = len(manager._pools[NOTEBOOK])
        for task in manager._pools[NOTEBOOK]:
            task.cancel()
        return answer, left

    return _run(go())


def test_with_no_ready_kernel_the_getting_ready_page_is_sent_at_once() -> None:
    manager = _manager()
    (done, sent, _kernel_id), left = _hand_out(
        manager, [lambda: _kernel("slow", 60), lambda: _kernel("slower", 60)]
    )
    assert sent == [GETTING_READY_PAGE]
    assert done.done() and done.result()[0] == []
    assert left == 2  # no kernel was taken: both still wait for people
    assert manager.refilled == []
    assert "<h1>Getting your page ready</h1>" in GETTING_READY_PAGE
    assert '<meta http-equiv="refresh" content="2">' in GETTING_READY_PAGE


def test_a_ready_kernel_is_handed_out_before_one_still_starting() -> None:
    manager = _manager()
    (task, sent, kernel_id), left = _hand_out(
        manager, [lambda: _kernel("starting", 60), lambda: _kernel("ready")]
    )
    assert (task, sent, kernel_id) == ("render of ready", ["<html>page of ready"], "ready")
    assert left == 1
    assert manager.refilled == [NOTEBOOK]  # Voilà starts the next one


def test_a_kernel_that_failed_to_start_is_dropped_and_replaced() -> None:
    manager = _manager()
    (_task, _sent, kernel_id), left = _hand_out(manager, [_failed, lambda: _kernel("ready")])
    assert kernel_id == "ready"
    assert manager.refilled == [NOTEBOOK, NOTEBOOK]  # one for the failed, one for the taken
    assert left == 0


def test_a_kernel_whose_page_run_failed_is_dropped_stopped_and_replaced() -> None:
    manager = _manager()
    stopped: list[str] = []

    async def shutdown(kernel_id: str) -> None:
        stopped.append(kernel_id)

    manager.shutdown_kernel = shutdown

    async def broken() -> dict:
        run = asyncio.get_running_loop().create_future()
        run.set_exception(RuntimeError("Kernel died before replying to kernel_info"))
        return {"kernel_id": "broken", "renderer": None, "task": run}

    (_task, _sent, kernel_id), left = _hand_out(manager, [broken, lambda: _kernel("ready")])
    assert kernel_id == "ready"
    assert stopped == ["broken"]
    assert manager.refilled == [NOTEBOOK, NOTEBOOK]
    assert left == 0


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _standing_in(alive: bool = True) -> SimpleNamespace:
    async def is_alive() -> bool:
        return alive

    return SimpleNamespace(execution_state="idle", is_alive=is_alive)


def _culler(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr("coprod_lab.kernels.monotonic", clock)
    manager = _manager()
    stopped: list[str] = []

    async def shutdown(_self, kernel_id: str, *args, **kwargs) -> None:
        stopped.append(kernel_id)
        manager._kernels.pop(kernel_id)

    manager._kernels = {k: _standing_in() for k in ("a", "b")}
    manager._kernel_connections = {"a": 0, "b": 0}
    manager.stop_gone_seconds = 90.0
    manager.__dict__.update(_gone_since={}, _stopping=set(), stopped=stopped, clock=clock)
    # Voilà's shutdown_kernel (which ends in Jupyter's) stands in as the kernel's end.
    monkeypatch.setattr(StartFewAtATime.__mro__[1], "shutdown_kernel", shutdown, raising=False)
    return manager


def _cull_all(manager) -> None:
    async def go():
        for kernel_id in list(manager._kernels):
            await StartFewAtATime.cull_kernel_if_idle(manager, kernel_id)

    _run(go())


def test_a_page_left_for_90_seconds_is_stopped_and_a_connected_one_never(monkeypatch) -> None:
    manager = _culler(monkeypatch)
    for kernel_id in ("a", "b"):
        StartFewAtATime.notify_connect(manager, kernel_id)
    manager.clock.now += 3600  # an hour of quiet pages, both connected
    _cull_all(manager)
    assert manager.stopped == []
    StartFewAtATime.notify_disconnect(manager, "a")  # a's tab closes
    manager.clock.now += 89
    _cull_all(manager)
    assert manager.stopped == []
    manager.clock.now += 2
    _cull_all(manager)
    assert manager.stopped == ["a"]


def test_a_phone_back_within_the_window_keeps_its_page(monkeypatch) -> None:
    manager = _culler(monkeypatch)
    StartFewAtATime.notify_connect(manager, "a")
    StartFewAtATime.notify_disconnect(manager, "a")  # signal lost
    manager.clock.now += 80
    StartFewAtATime.notify_connect(manager, "a")  # back
    manager.clock.now += 60
    _cull_all(manager)
    assert "a" not in manager.stopped
    # b was handed to a page that never connected: counted from when the culler first saw it.
    assert manager.stopped == []
    manager.clock.now += 91
    _cull_all(manager)
    assert manager.stopped == ["b"]


def test_a_kernel_seen_while_starting_gets_its_full_time_once_handed_out(monkeypatch) -> None:
    manager = _culler(monkeypatch)
    _cull_all(manager)  # both seen without a page while the pool fills
    manager.clock.now += 300  # five minutes waiting in the pool
    manager._kernels["ready"] = _standing_in()
    manager._kernel_connections["ready"] = 0
    manager._gone_since["ready"] = manager.clock.now - 300  # seen while it started
    (_task, _sent, kernel_id), _left = _hand_out(manager, [lambda: _kernel("ready")])
    assert kernel_id == "ready"
    _cull_all(manager)  # the next check, before the page's websocket connects
    assert "ready" not in manager.stopped
    manager.clock.now += 91  # the page never connected
    _cull_all(manager)
    assert "ready" in manager.stopped


def test_the_servers_kernel_clients_start_no_heartbeat_thread() -> None:
    # Voilà keeps a client open for every pooled kernel; a heartbeat thread each meant 570
    # threads in a server with a pool of 200. `serve` makes its kernel managers use PageClient.
    import socket
    import threading

    import zmq
    from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
    from traitlets.config import Config

    from coprod_lab.cli import kernel_options

    chosen = [o for o in kernel_options() if o.startswith("--ServerKernelManager.client_class=")]
    assert chosen == ["--ServerKernelManager.client_class=coprod_lab.kernels.PageClient"]
    config = Config()
    config.ServerKernelManager.client_class = chosen[0].split("=", 1)[1]
    manager = ServerKernelManager(config=config)
    ports = []
    for _ in range(5):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    manager.load_connection_info(
        dict(
            zip(
                ("shell_port", "iopub_port", "stdin_port", "hb_port", "control_port"),
                ports,
                strict=True,
            )
        )
        | {"ip": "127.0.0.1", "transport": "tcp", "key": b"k"}
    )
    client = manager.client()
    assert client.context is manager.context  # no ZeroMQ context (two threads) of its own
    manager.context.socket(zmq.PUB).close()  # the server's context is in use: its threads run
    before = threading.active_count(), len(os.listdir("/proc/self/task"))
    client.start_channels()  # nothing listens on the ports: ZeroMQ connects when it can
    try:
        assert client._hb_channel is None
        assert (threading.active_count(), len(os.listdir("/proc/self/task"))) == before
        assert client.shell_channel.is_alive() and client.iopub_channel.is_alive()
    finally:
        client.stop_channels()
    assert not manager.context.closed  # the manager's, left open for its other clients


def test_a_kernel_that_stopped_by_itself_is_removed_so_its_page_says_so(monkeypatch) -> None:
    # Not restarted: a restarted kernel has none of its page's widgets (presses would go
    # nowhere). Removed, its page's check finds it gone and says the connection was lost.
    manager = _culler(monkeypatch)
    for kernel_id in ("a", "b"):
        StartFewAtATime.notify_connect(manager, kernel_id)
    manager._kernels["a"] = _standing_in(alive=False)  # its process died, page still open
    _cull_all(manager)
    assert manager.stopped == ["a"]
    assert "b" in manager._kernels
    # One being shut down (a closed page's) is dead before it is removed: left to finish.
    manager._kernels["c"] = _standing_in(alive=False)
    manager._stopping.add("c")
    _cull_all(manager)
    assert manager.stopped == ["a"]
    from coprod_lab.cli import kernel_options

    assert "--ServerKernelManager.autorestart=False" in kernel_options()
