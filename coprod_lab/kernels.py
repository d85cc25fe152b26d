"""The kernel manager `serve` gives Voilà, fit for a room of a few hundred phones.

- Kernels start a few at a time. Voilà fills the whole pool at once when it starts; measured
  here, asking for 200 kernels at once on 2 cores overran the kernel start timeout and left
  387 kernel processes running (21 of 23 GiB in use).
- The server talks to every kernel over five ZeroMQ sockets, and a ZeroMQ context allows 1,023
  sockets unless told otherwise: at about 200 kernels new pages failed with "Too many open
  files". The shared context is allowed `max_sockets`.
Voilà adds its pool on top of this class.
"""

from __future__ import annotations

import asyncio
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

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        if self._gate is None:  # made here, inside Voilà's running event loop
            self._gate = asyncio.Semaphore(self.starting_at_once)
        async with self._gate:
            return await super().start_kernel(*args, **kwargs)
