"""A room of people writing at once: 200 processes, 5 rows each, none lost and none doubled.

Each write reads before it writes (as a vote does: "have I voted?", then "vote"), the pattern
that fails with "database is locked" on SQLite under the default deferred BEGIN.

The test starts a CPU-heavy process beside the writers, so it passes or fails
the same on a quiet machine and a busy one: before writes were tried again (write_patience_
seconds), 80 of the 200 writers lost a write on a busy machine after the 10 s busy timeout.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import subprocess
import sys
import traceback

from sqlalchemy import func, select

from coprod_lab import connect
from coprod_lab.store import events, record

WRITERS = 200
ROWS_EACH = 5


def _writer(url: str, number: int, start: multiprocessing.synchronize.Barrier) -> None:
    try:
        store = connect(url)  # a fresh engine: connections must not cross a fork
        start.wait(timeout=120)
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
    fork = multiprocessing.get_context("fork")
    start = fork.Barrier(WRITERS)
    writers = [fork.Process(target=_writer, args=(url, n, start)) for n in range(WRITERS)]
    with _busy_machine():
        for process in writers:
            process.start()
        for process in writers:
            process.join(timeout=300)
    failed = [n for n, p in enumerate(writers) if p.exitcode != 0]
    assert failed == [], f"writers that lost a write: {failed}"

    with store.read() as db:
        rows = db.execute(select(events.c.actor, events.c.subject_id)).all()
    assert len(rows) == WRITERS * ROWS_EACH
    expected = {(f"writer {n}", k) for n in range(WRITERS) for k in range(ROWS_EACH)}
    assert set(map(tuple, rows)) == expected
