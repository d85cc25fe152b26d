"""Many people writing to a SQLite store at once: votes lost, and how long a vote takes.

    .venv/bin/python benchmarks/write_contention.py [--writers 200] [--votes 6]

Each writer is a process (as each Voilà page is a kernel). All start together and cast votes
that read before they write ("have I voted?", then "vote"). The same run compares a deferred
BEGIN (SQLite's default) with the store's BEGIN IMMEDIATE, on the same machine.
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from coprod_lab import connect
from coprod_lab.store import events, record


def _cast(url: str, number: int, votes: int, immediate: bool, start, results) -> None:
    store = connect(url)
    begin = store.write if immediate else store.read  # read() opens a deferred BEGIN
    start.wait()
    lost, times = 0, []
    for _ in range(votes):
        began = time.perf_counter()
        try:
            with begin() as db:
                cast = db.scalar(select(func.count()).where(events.c.actor == f"voter {number}"))
                record(
                    db, actor=f"voter {number}", action="vote", subject="candidate", subject_id=cast
                )
            times.append(time.perf_counter() - began)
        except Exception:
            lost += 1
    results.put((lost, times))


def run(writers: int, votes: int, immediate: bool) -> dict:
    folder = tempfile.mkdtemp()
    url = f"sqlite:///{Path(folder) / 'store.sqlite3'}"
    store = connect(url)
    store.upgrade()
    fork = multiprocessing.get_context("fork")
    start, results = fork.Barrier(writers + 1), fork.Queue()
    processes = [
        fork.Process(target=_cast, args=(url, n, votes, immediate, start, results))
        for n in range(writers)
    ]
    for p in processes:
        p.start()
    start.wait()
    began = time.perf_counter()
    outcomes = [results.get() for _ in processes]
    elapsed = time.perf_counter() - began
    for p in processes:
        p.join()
    with store.read() as db:
        stored = db.scalar(select(func.count()).select_from(events))
    times = sorted(t for _, ts in outcomes for t in ts)
    return {
        "begin": "BEGIN IMMEDIATE" if immediate else "BEGIN (deferred)",
        "cast": writers * votes,
        "lost": sum(lost for lost, _ in outcomes),
        "stored": stored,
        "seconds": elapsed,
        "p50_ms": 1000 * statistics.median(times) if times else float("nan"),
        "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))] if times else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=200)
    parser.add_argument("--votes", type=int, default=6)
    args = parser.parse_args()
    print(
        f"{platform.node()}: {multiprocessing.cpu_count()} cores, Python "
        f"{platform.python_version()}, {args.writers} writers x {args.votes} votes"
    )
    print(
        f"{'begin':<18} {'cast':>6} {'lost':>6} {'stored':>7} {'seconds':>8} "
        f"{'p50 ms':>8} {'p95 ms':>8}"
    )
    for immediate in (False, True):
        r = run(args.writers, args.votes, immediate)
        print(
            f"{r['begin']:<18} {r['cast']:>6} {r['lost']:>6} {r['stored']:>7} "
            f"{r['seconds']:>8.2f} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f}"
        )


if __name__ == "__main__":
    main()
