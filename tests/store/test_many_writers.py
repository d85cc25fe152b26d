"""A room of people writing at once: 200 processes, 5 rows each, none lost and none doubled.

Each write reads before it writes (as a vote does: "have I voted?", then "vote"), the pattern
that fails with "database is locked" on SQLite under the default deferred BEGIN.

The test starts a CPU-heavy process beside the writers, so it passes or fails
the same on a quiet machine and a busy one: before writes were tried again (write_patience_
seconds), 80 of the 200 writers lost a write on a busy machine after the 10 s busy timeout.

The writers are started by a fork server (a fresh, single-threaded Python), not forked from
the test process: a pytest worker has threads of its own (a page's background check left by an
earlier test, pytest-xdist's receiver), and a child forked while one of them held a lock waits
for it forever. That hung this test in CI on 2026-11-30: 200 forks, some never reached the
start line, and the test ran into pytest's 600 s limit.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import subprocess
import sys
import time
import traceback

from sqlalchemy import func, select

from coprod_lab import connect
from coprod_lab.store import events, record

WRITERS = 200
ROWS_EACH = 5
# Generous limits that only a hang reaches (the whole test takes 9-15 s here), so a stuck
# writer fails with its number instead of running into pytest's timeout.
START_SECONDS = 240
DONE_SECONDS = 480
PRELOAD = ("coprod_lab", "coprod_lab.store", "sqlalchemy.dialects.sqlite", "psycopg")


def _writer(url: str, number: int, start: multiprocessing.synchronize.Barrier) -> None:
    try:
        store = connect(url)  # a fresh engine: connections must not cross a fork
        start.wait(timeout=START_SECONDS)
        for _ in range(ROWS_EACH):
            with store.write() as db:
                done = db.scalar(select(func.count()).where(events.c.actor == f"writer {number}"))
                record(db, actor=f"writer {number}", action="vote", subject="test", subject_id=done)
        store.engine.dispose()
    except BaseException:
        traceback.print_exc()
        sys.exit(1)


@contextlib.contextmanager
def _busy_machine():
    """Keep a core busy with arithmetic while the block runs (the writers share the rest)."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: sum(range(10_000))"])]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def test_200_processes_writing_at_once_lose_and_double_nothing(store) -> None:
    url = store.url.render_as_string(hide_password=False)
    store.engine.dispose()
    server = multiprocessing.get_context("forkserver")
    # What every writer needs, imported once in the fork server: each writer would otherwise
    # spend 0.25 s of CPU importing it, 50 s for 200 writers on a 2-core machine.
    server.set_forkserver_preload(list(PRELOAD))
    start = server.Barrier(WRITERS)
    writers = [server.Process(target=_writer, args=(url, n, start)) for n in range(WRITERS)]
    with _busy_machine():
        for process in writers:
            process.start()
        deadline = time.monotonic() + DONE_SECONDS
        for process in writers:
            process.join(timeout=max(0.0, deadline - time.monotonic()))
        stuck = [n for n, p in enumerate(writers) if p.is_alive()]
        for n in stuck:
            writers[n].kill()
            writers[n].join()
    assert stuck == [], f"writers still running after {DONE_SECONDS} s: {stuck}"
    failed = [n for n, p in enumerate(writers) if p.exitcode != 0]
    assert failed == [], f"writers that lost a write: {failed}"

    with store.read() as db:
        rows = db.execute(select(events.c.actor, events.c.subject_id)).all()
    assert len(rows) == WRITERS * ROWS_EACH
    expected = {(f"writer {n}", k) for n in range(WRITERS) for k in range(ROWS_EACH)}
    assert set(map(tuple, rows)) == expected
