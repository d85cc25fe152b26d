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
Voilà adds its pool on top of this class (by subclassing it; see `__init_subclass__`).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import zmq
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Int


class StartFewAtATime(AsyncMappingKernelManager):
    """Jupyter's kernel manager, with at most `starting_at_once` kernels starting together."""

    starting_at_once = Int(4, config=True, help="How many kernels may be starting at once.")
    max_sockets = Int(16_384, config=True, help="ZeroMQ sockets allowed: five per kernel.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._gate: asyncio.Semaphore | None = None
        self.context.set(zmq.MAX_SOCKETS, self.max_sockets)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Voilà's VoilaKernelManager subclasses the class it is given and defines
        # get_rendered_notebook, which hands a pooled kernel to a page request.
        super().__init_subclass__(**kwargs)
        hand_out = cls.__dict__.get("get_rendered_notebook")
        if hand_out is not None:
            cls.get_rendered_notebook = _ready_kernel_or_getting_ready_page(hand_out)

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


def _ready_kernel_or_getting_ready_page(
    hand_out: Callable[..., Awaitable[Any]],
) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(hand_out)
    async def ready_or_wait(self: Any, notebook_name: str, *args: Any, **kwargs: Any) -> Any:
        pool: list[asyncio.Task] = self._pools.get(notebook_name, [])
        failed = [t for t in pool if t.done() and (t.cancelled() or t.exception() is not None)]
        for task in failed:
            pool.remove(task)
        if failed:
            self.log.warning("%s pooled kernel(s) failed to start; starting others", len(failed))
            self.fill_if_needed(delay=0, notebook_name=notebook_name)
        ready = next((t for t in pool if t.done()), None)
        if ready is None:
            return _getting_ready()
        pool.remove(ready)
        pool.insert(0, ready)  # Voilà hands out the first in its list
        return await hand_out(self, notebook_name, *args, **kwargs)

    return ready_or_wait
