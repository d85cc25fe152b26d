"""A real Voilà server started by the README's own command, and headless Chromium to visit it."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without these Chromium keeps calling home, which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


HERE = Path(__file__).resolve().parent
# Ports this test process has handed out: a server binds its port only some time after it is
# chosen, so the same port must not be chosen twice meanwhile.
_HANDED_OUT: set[int] = set()


def pytest_itemcollected(item: pytest.Item) -> None:
    """Every browser test in one xdist group, so they all run on one worker (one Voilà server,
    one Chromium) while the other tests run beside them (`--dist loadgroup`, pyproject.toml).
    Marked as each test is collected: a mark added in pytest_collection_modifyitems came too
    late for pytest-xdist, which then spread browser tests over both workers (seen: two Voilà
    servers and two Chromiums at once, and pages that timed out)."""
    if HERE in item.path.parents:
        item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """When a browser test fails, add what each open page shows and what each page kernel is
    doing (see `what_the_kernels_do`) to its report: a page that waits in vain on CI can then
    be told apart from a kernel that hangs, a server that stopped, or a message nobody expected.
    """
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    pages = []
    for value in funcargs.values():
        for context in getattr(value, "contexts", []):  # a Browser
            pages.extend(context.pages)
        if hasattr(value, "inner_text") and hasattr(value, "url"):  # a Page
            pages.append(value)
    shown = []
    for tab in dict.fromkeys(pages):  # each once, in order
        try:
            text = tab.inner_text("body", timeout=5_000)
        except Exception as error:  # a closed or crashed tab says so instead
            text = f"(could not read: {error})"
        shown.append(f"--- {tab.url}\n{text[-1500:]}")
    if shown:
        report.sections.append(("what each open page showed", "\n".join(shown)))
    for value in funcargs.values():
        if isinstance(value, _Address):
            report.sections.append((f"page kernels of {value}", what_the_kernels_do(value)))


def _free_port() -> int:
    """A free port below the system's ephemeral range, from this test worker's own share of it.

    Ports from the ephemeral range (what binding port 0 gives) can be handed to a kernel or a
    client of another test process before our server binds it; below it, each pytest-xdist
    worker has its own slice, so two workers never choose the same port.
    """
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low = int(f.read().split()[0])
    except OSError:
        low = 32768
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    start = max(1024, low - 16_000)
    share = (low - start) // workers
    mine = range(start + worker * share, start + (worker + 1) * share)
    for port in random.sample(mine, min(400, len(mine))):
        if port in _HANDED_OUT:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    raise RuntimeError(f"no free port in {mine}")


def _wait_for(url: str, server: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"the server did not answer within {seconds} s:\n{log.read_text()}")


class _Address(str):
    """The server's address, which also knows where the server writes its log."""

    log: Path
    db: str

    def __new__(cls, address: str, log: Path, db: str = "") -> _Address:
        made = super().__new__(cls, address)
        made.log = log
        made.db = db
        return made


def start_run(home: Path, env: dict[str, str], *args: str) -> tuple[subprocess.Popen, Path]:
    """`./run ARGS` in its own process group, its output added to home/<command>-<port>.log."""
    log = home / f"{(args or ('serve',))[0]}-{env.get('COPROD_LAB_PORT', 'x')}.log"
    with log.open("a") as out:
        process = subprocess.Popen(
            [str(ROOT / "run"), *args],
            cwd=home,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process, log


def what_the_kernels_do(server: _Address) -> str:
    """For a test that waited in vain: each page kernel's state and CPU time, where each of
    its threads is (it prints them on SIGUSR1, see kernel_fork.py), and the server's log."""
    import psutil

    kernels = []
    for process in psutil.process_iter(["cmdline", "ppid"]):
        with contextlib.suppress(psutil.Error):
            parent = psutil.Process(process.info["ppid"])
            if (
                "coprod_lab.kernel_fork" in " ".join(parent.cmdline())
                and process.info["cmdline"] == parent.cmdline()
            ):
                kernels.append(process)
    lines = []
    for kernel in kernels:
        with contextlib.suppress(psutil.Error):
            cpu = kernel.cpu_times()
            lines.append(
                f"kernel {kernel.pid}: {kernel.status()}, nice {kernel.nice()}, "
                f"{cpu.user + cpu.system:.1f} CPU-s, {kernel.num_threads()} threads"
            )
            kernel.send_signal(signal.SIGUSR1)
    time.sleep(2)
    tail = server.log.read_text(errors="replace").splitlines()[-300:]
    return "\n".join(["page kernels:", *lines, "the server's log ended:", *tail])


def stop(process: subprocess.Popen) -> None:
    """Stop a process started by start_run, and everything it started (its kernels)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`./run` on a free port with an empty store of its own; yields the address it prints."""
    home = tmp_path_factory.mktemp("server")
    port = _free_port()
    env = {
        "COPROD_LAB_DB": f"sqlite:///{home / 'store.sqlite3'}",
        "COPROD_LAB_PORT": str(port),
    }
    process, log = start_run(home, env)
    address = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(address, process, log)
        assert f"serving at {address}" in log.read_text()
        yield _Address(address, log, env["COPROD_LAB_DB"])
    finally:
        stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {CHROMIUM} is missing")
        pytest.skip(f"install Debian's chromium ({CHROMIUM}) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _failed_load(tab, request) -> None:
    # The kernel shutdown beacon is sent as the page unloads; Chromium then reports it as
    # aborted for the old page even though it was sent. Whether the server shut the kernel
    # down is checked from the server's side (test_leaving_a_page_shuts_its_kernel_down).
    if "/voila/api/shutdown/" in request.url and request.failure == "net::ERR_ABORTED":
        return
    # The page checks every 10 seconds that its kernel is still there (GET /api/kernels/ID);
    # a check under way when the page reloads is aborted by the reload, not by the server.
    if "/api/kernels/" in request.url and request.failure == "net::ERR_ABORTED":
        return
    tab.problems.append(f"failed to load {request.url} ({request.failure})")


@pytest.fixture(params=[360, 1280], ids=["phone-360px", "desktop-1280px"])
def page(request: pytest.FixtureRequest, browser) -> Iterator:
    """A fresh tab at phone or desktop width that collects console errors and failed loads."""
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: tab.problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.on("requestfailed", lambda r: _failed_load(tab, r))
    yield tab
    context.close()
