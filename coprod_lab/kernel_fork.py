"""Page kernels forked from one parent that has already imported what every page needs, so they
start in a fraction of a second and share those modules' memory.

Each page kernel otherwise starts a fresh Python and imports ipykernel and IPython, ZeroMQ,
SQLAlchemy and the PostgreSQL driver: about 45 MB of the 64 MB a voting page's kernel holds
(measured here with /proc/self/status, RSS after each import) and 2-3 CPU-seconds on this
machine. A forked child shares the parent's memory pages until it writes to them
(copy-on-write), so those imports are paid once.

- `ForkingProvisioner` is a jupyter_client kernel provisioner (the documented way to change how
  a kernel is started; registered as "coprod-lab-fork" in pyproject.toml, chosen in the page
  kernel's kernel.json). It asks the parent over a Unix socket for a kernel and gets its process
  id; the kernel is otherwise Jupyter's usual one, with the same connection file.
- The parent (`python -m coprod_lab.kernel_fork SOCKET`) is started by the first page kernel
  and imports only modules that start no threads and touch no kernel: ipywidgets is imported
  by each child, because it connects itself to the kernel running when it is imported.
Written here because jupyter_client and ipykernel have no forking launcher of their own.
"""

from __future__ import annotations

import asyncio
import contextlib
import faulthandler
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil
from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from coprod_lab.config import setting

# What every page kernel imports, most costly first; imported once, in the parent.
SHARED_MODULES = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "sqlalchemy",
    "coprod_lab.store",
    "psycopg",
)


class _Forked:
    """Enough of subprocess.Popen for LocalProvisioner, for a process that is not our child
    (the parent reaps it): alive while that very process runs.

    A process is known by its id and its start time (psutil), never by its id alone. The parent
    reaps a kernel the moment it exits, so its id is free for the next process at once, and this
    machine's ids wrap at 32,768 (/proc/sys/kernel/pid_max) while every thread takes one: in a
    busy test run they came round in about half an hour. Jupyter interrupts a kernel before it
    shuts it down and kills it if it has not gone, so with the id alone, shutting down a kernel
    that had stopped by itself could send SIGINT, then SIGKILL, to whatever process had its id
    by then: another page's kernel, half way through saving, or a browser.
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int, parent: int | None = None) -> None:
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._process: psutil.Process | None = psutil.Process(pid)
            if parent is not None and self._process.ppid() != parent:
                raise psutil.NoSuchProcess(pid)  # gone already, its id taken by another
        except psutil.NoSuchProcess:
            self._process, self.returncode = None, 0

    def poll(self) -> int | None:
        if self.returncode is None and not (self._process and self._process.is_running()):
            self.returncode = 0  # its code went to the parent, which reaped it
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        while self.poll() is None:
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is not None or self._process is None:
            return
        # psutil checks the start time again just before it signals.
        with contextlib.suppress(psutil.NoSuchProcess):
            self._process.send_signal(signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class _Parent:
    """The one forking parent of this server, started on first use."""

    def __init__(self) -> None:
        self.socket_path = str(Path(tempfile.mkdtemp(prefix="coprod-fork-")) / "parent.sock")
        self.process: subprocess.Popen | None = None
        self.lock = asyncio.Lock()

    async def ready(self) -> str:
        async with self.lock:
            if self.process is None or self.process.poll() is not None:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "coprod_lab.kernel_fork", self.socket_path]
                )
                for _ in range(1200):  # up to 60 s on a busy machine
                    if os.path.exists(self.socket_path):
                        break
                    if self.process.poll() is not None:
                        raise RuntimeError("the kernel-forking parent stopped while starting")
                    await asyncio.sleep(0.05)
        return self.socket_path

    async def fork(self, cmd: list[str], env: dict[str, str], cwd: str) -> int:
        path = await self.ready()
        reader, writer = await asyncio.open_unix_connection(path)
        writer.write(json.dumps({"argv": cmd[1:], "env": env, "cwd": cwd}).encode() + b"\n")
        await writer.drain()
        answer = await reader.readline()
        writer.close()
        return int(answer)


_PARENTS: dict[str, _Parent] = {}  # one per server process


class ForkingProvisioner(LocalProvisioner):  # type: ignore[misc]
    """Starts the page kernel by forking the prepared parent instead of a new Python."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        if not setting("fork_kernels"):
            return await super().launch_kernel(cmd, **kwargs)
        if "parent" not in _PARENTS:  # made once: _Parent() makes a folder for its socket
            _PARENTS["parent"] = _Parent()
        parent = _PARENTS["parent"]
        env = kwargs.get("env") or dict(os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        pid = await parent.fork(list(cmd), dict(env), cwd)
        self.process = _Forked(pid, parent=parent.process.pid if parent.process else None)
        self.pid = pid
        self.pgid = None  # shares the server's process group: signal the kernel alone
        self.cwd = cwd
        return self.connection_info


# Page kernels run at a lower CPU priority than the server. One server process carries every
# page: each widget of each arriving page passes through it. When 300 phones arrive within a
# minute, 300 kernels building pages at equal priority leave the server a 1/300 share of the
# CPU, and every page waits for it. (Seen on the shared machine: the server got 22 of 529
# CPU-seconds in a 200-phone run while pages timed out.) But a vote is saved by the phone's own
# kernel, so too low a priority makes saving wait behind other pages being built. At the
# setting `kernel_niceness`'s default of 5 Linux gives the server about three times a kernel's
# weight; 300 phones on this 2-core machine measured page usable p95 1.0-1.5 s and vote saved
# p95 164-209 ms at 5 (BENCHMARKS.md, "Kernel priority at 300 phones").


def _child(request: dict, listener: socket.socket) -> None:
    """In the forked child: become the kernel the request describes, then exit."""
    listener.close()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.nice(min(max(setting("kernel_niceness"), 0), 19))
    # `kill -USR1 <kernel>` prints where each of its threads is to the server's output: the
    # way to see why a page hangs without stopping it. To a copy of the server's stderr, as
    # ipykernel sends what is written to the kernel's own to the page.
    faulthandler.register(signal.SIGUSR1, file=os.fdopen(os.dup(2), "w"), all_threads=True)
    # ["-m", "coprod_lab.page_kernel", "-f", FILE], and the kernel's parent: ipykernel read
    # JPY_PARENT_PID when the parent imported it, before the environment above was set, so it
    # would think it was started by hand: no watch on its parent, and a "Ctrl-C will not work"
    # notice for every kernel in the server's output (1,200 lines in 12 minutes of a room).
    argv = [*request["argv"][2:], f"--IPKernelApp.parent_handle={os.getppid()}"]
    sys.argv = [sys.executable, *argv]
    try:
        from ipykernel.kernelapp import launch_new_instance

        launch_new_instance(argv=argv)
    finally:
        os._exit(0)


def serve(socket_path: str) -> None:
    """The forking parent: import the shared modules, then fork a kernel per request."""
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # as page_kernel.py does
    import importlib

    for name in SHARED_MODULES:
        with contextlib.suppress(ImportError):  # psycopg on a SQLite-only install
            importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped as they exit
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    partial = socket_path + ".partial"
    listener.bind(partial)
    listener.listen(64)
    os.rename(partial, socket_path)  # appears only once listening

    def leave(*_args: object) -> None:  # stopped with its server: leave no socket behind
        with contextlib.suppress(OSError):
            os.unlink(socket_path)
            os.rmdir(os.path.dirname(socket_path))
        os._exit(0)

    signal.signal(signal.SIGTERM, leave)
    server = os.getppid()
    listener.settimeout(1.0)
    while True:
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            if os.getppid() != server:  # the server has gone: nobody will ask again
                leave()
            continue
        connection.settimeout(None)
        with connection, connection.makefile("rb") as lines:
            request = json.loads(lines.readline())
            pid = os.fork()
            if pid == 0:
                connection.close()
                _child(request, listener)
            connection.sendall(f"{pid}\n".encode())


if __name__ == "__main__":
    serve(sys.argv[1])
