"""The kernel manager `serve` gives Voilà, fit for a room of a few hundred phones.

- Kernels start a few at a time. Voilà fills the whole pool at once when it starts; measured
  here, asking for 200 kernels at once on 2 cores overran the kernel start timeout and left
  387 kernel processes running (21 of 23 GiB in use).
- The server talks to every kernel over five ZeroMQ sockets, and a ZeroMQ context allows 1,023
  sockets unless told otherwise: at about 200 kernels new pages failed with "Too many open
  files". The shared context is allowed `max_sockets`.
- A person who arrives when no pooled kernel is ready gets, at once, a small page saying their
  page is being got ready, which reloads itself every 2 seconds until a kernel is free. Voilà
  itself would take the next kernel still starting (or still waiting out `fill_delay`) and hold
  the request open with nothing sent: measured here, a blank white page for 21 s with a pool of
  10 and 18 arrivals, and 150 s for a room of 17. Kernels that are ready are handed out first,
  whatever order they were started in, and a pooled kernel that failed to start is replaced.
- A kernel is stopped once no browser has been connected to it for `stop_gone_seconds` (90 by
  default, checked every 15 s, so at most 105 s after its page closed or reloaded). Jupyter's
  own culler counts time since the kernel's last message, and our pages send nothing while
  nobody presses anything: with it, a short timeout would stop a page whose phone dropped its
  connection for a moment after ten quiet minutes, and a long one (30 minutes before) kept
  every reloaded page's kernel: 193 live kernels, 12.5 GB, after 226 page loads. Counting
  from when the last connection closed keeps a quiet, connected page for ever, and gives a
  phone whose connection drops 90 s to come back. (A phone that loses signal without closing
  its connection stays connected as far as the server knows until the websocket's pings go
  unanswered, about 90 s more.)
- The server's own client of each page kernel (Voilà runs the page through it) has no
  heartbeat channel (`PageClient`). jupyter_client runs each client's heartbeat in a thread of
  its own that pings its kernel every second, and Voilà keeps a client open for every pooled
  kernel (each waits inside the page's code for its person): a pool of 200 meant 570 threads
  in the server, waking 400 times a second and contending for the one lock Python code runs
  under. The heartbeat is not what says a kernel is alive here: a client made by a kernel
  manager asks the manager, which looks at the process. Each client also made a ZeroMQ context
  of its own, two threads each (374 more threads with 187 pages being made); it now shares
  its kernel manager's, the one the server already talks to every kernel through.
- A page kernel that dies is not restarted (`serve` sets autorestart off). A restarted kernel
  has none of its page's widgets, so the page's presses would go nowhere while its check that
  the kernel is there would still pass. Instead the next check (every 15 s) removes it, and
  the page, finding its kernel gone, says the connection was lost and offers to reload. It
  also spares the server one check every 3 s for every kernel (400 kernels: 133 a second).
Voilà adds its pool on top of this class (by subclassing it; see `__init_subclass__`).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from time import monotonic
from typing import Any

import zmq
import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Int, default

from coprod_lab.template_cache import share_compiled_templates

# Voilà compiles the page template for every kernel it starts unless told otherwise; the one
# server's event loop cannot spare that while a room arrives (see template_cache.py).
share_compiled_templates()


class PageClient(AsyncKernelClient):
    """A kernel client that never starts the heartbeat channel and uses its kernel
    manager's ZeroMQ context instead of one of its own (see the module's notes)."""

    @default("context")
    def _shared_context(self) -> zmq.asyncio.Context:
        shared = getattr(self.parent, "context", None)
        if isinstance(shared, zmq.asyncio.Context) and not shared.closed:
            return shared  # not ours to close: _created_context stays False
        return super()._context_default()

    def start_channels(
        self,
        shell: bool = True,
        iopub: bool = True,
        stdin: bool = True,
        hb: bool = False,
        control: bool = True,
    ) -> None:
        super().start_channels(shell=shell, iopub=iopub, stdin=stdin, hb=False, control=control)


class StartFewAtATime(AsyncMappingKernelManager):
    """Jupyter's kernel manager, with at most `starting_at_once` kernels starting together."""

    starting_at_once = Int(4, config=True, help="How many kernels may be starting at once.")
    max_sockets = Int(16_384, config=True, help="ZeroMQ sockets allowed: five per kernel.")
    stop_gone_seconds = Float(
        90.0, config=True, help="Stop a kernel no browser has been connected to for this long."
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._gate: asyncio.Semaphore | None = None
        self._gone_since: dict[str, float] = {}  # kernel id -> when its last browser left
        self._stopping: set[str] = set()  # being shut down: dead, but not yet removed
        self.context.set(zmq.MAX_SOCKETS, self.max_sockets)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Voilà's VoilaKernelManager subclasses the class it is given and defines
        # get_rendered_notebook, which hands a pooled kernel to a page request.
        super().__init_subclass__(**kwargs)
        hand_out = cls.__dict__.get("get_rendered_notebook")
        if hand_out is not None:
            cls.get_rendered_notebook = _ready_kernel_or_getting_ready_page(hand_out)

    def notify_connect(self, kernel_id: str) -> None:
        super().notify_connect(kernel_id)
        self._gone_since.pop(kernel_id, None)

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        if self._kernel_connections.get(kernel_id) == 0:
            self._gone_since[kernel_id] = monotonic()

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        """Called by Jupyter's culler every cull_interval for each kernel that is not waiting
        in Voilà's pool: remove it if its process has stopped by itself, and stop it when no
        browser has been connected for stop_gone_seconds.
        A kernel never connected to (its page request was abandoned) counts from when the
        culler first saw it without a connection."""
        kernel = self._kernels.get(kernel_id)
        if kernel is None or kernel_id in self._stopping:
            return
        alive = kernel.is_alive()
        if not (await alive if inspect.isawaitable(alive) else alive):
            # Not restarted (see the module's notes): taken away, so its page hears at once.
            self.log.warning("Kernel %s has stopped by itself: removing it.", kernel_id)
            await self.shutdown_kernel(kernel_id, now=True)
            return
        if self._kernel_connections.get(kernel_id, 0) > 0:
            return
        if getattr(kernel, "execution_state", None) == "busy":
            return  # still starting up or running a page's code: never cut it off half way
        gone = self._gone_since.setdefault(kernel_id, monotonic())
        if monotonic() - gone >= self.stop_gone_seconds:
            self.log.info(
                "Stopping kernel %s: no page has been connected for %.0f s.",
                kernel_id,
                monotonic() - gone,
            )
            await self.shutdown_kernel(kernel_id)

    async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
        self._gone_since.pop(kernel_id, None)
        self._stopping.add(kernel_id)
        try:
            await super().shutdown_kernel(kernel_id, *args, **kwargs)
        finally:
            self._stopping.discard(kernel_id)

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        if self._gate is None:  # made here, inside Voilà's running event loop
            self._gate = asyncio.Semaphore(self.starting_at_once)
        async with self._gate:
            return await super().start_kernel(*args, **kwargs)


GETTING_READY_ID = "coprod-lab-getting-ready"  # Voilà files the request's details under this

GETTING_READY_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2">
<title>Getting your page ready</title>
<style>
body { font: 1.25rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 36rem; margin: 0 auto; padding: 1.5rem 1rem; }
</style>
</head>
<body>
<main>
<h1>Getting your page ready</h1>
<p role="status">Many people are arriving at once. Your page will appear here by itself in a
moment: there is no need to do anything.</p>
</main>
</body>
</html>
"""


async def _nothing_more() -> AsyncIterator[tuple[str, Any]]:
    return
    yield  # an async generator that yields nothing


def _getting_ready() -> tuple[asyncio.Future, list[str], str]:
    """What Voilà's page handler expects from get_rendered_notebook, for the getting-ready
    page: a finished render (nothing more to send), the HTML sent so far, a kernel id."""
    done: asyncio.Future = asyncio.get_running_loop().create_future()
    done.set_result(([], _nothing_more()))
    return done, [GETTING_READY_PAGE], GETTING_READY_ID


def _run_failed(task: asyncio.Task) -> bool:
    """A pooled kernel that started, but whose run of the page (Voilà's render task) failed."""
    if not task.done() or task.cancelled() or task.exception() is not None:
        return False
    render = task.result().get("task")
    return (
        isinstance(render, asyncio.Future)
        and render.done()
        and not render.cancelled()
        and render.exception() is not None
    )


def _ready_kernel_or_getting_ready_page(
    hand_out: Callable[..., Awaitable[Any]],
) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(hand_out)
    async def ready_or_wait(self: Any, notebook_name: str, *args: Any, **kwargs: Any) -> Any:
        pool: list[asyncio.Task] = self._pools.get(notebook_name, [])
        failed = [t for t in pool if t.done() and (t.cancelled() or t.exception() is not None)]
        for task in failed:
            pool.remove(task)
        # Started, but its page's run failed (seen: "Kernel died before replying to
        # kernel_info", 1 of 400 on a busy machine): handed out, it would be a broken page.
        for task in [t for t in pool if t not in failed and _run_failed(t)]:
            pool.remove(task)
            failed.append(task)
            dead = asyncio.ensure_future(self.shutdown_kernel(task.result()["kernel_id"]))
            dead.add_done_callback(lambda f: f.cancelled() or f.exception())  # already gone
        if failed:
            self.log.warning("%s pooled kernel(s) failed to start; starting others", len(failed))
            self.fill_if_needed(delay=0, notebook_name=notebook_name)
        ready = next((t for t in pool if t.done()), None)
        if ready is None:
            return _getting_ready()
        pool.remove(ready)
        pool.insert(0, ready)  # Voilà hands out the first in its list
        handed = await hand_out(self, notebook_name, *args, **kwargs)
        # The culler may have seen this kernel while it was starting, before it joined the
        # pool; its time without a page starts now, or it would be stopped before its page
        # can connect (seen: a 404 for the page's websocket after a long pool fill).
        self._gone_since.pop(handed[2], None)
        return handed

    return ready_or_wait
