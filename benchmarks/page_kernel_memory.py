"""Where a voting page's kernel spends its memory: resident memory after each import, in the
order the page kernel imports them.

    .venv/bin/python benchmarks/page_kernel_memory.py

Resident memory (RSS, /proc/self/status) counts every page this process uses, shared or not;
the forked page kernels (coprod_lab/kernel_fork.py) share the first five lines' worth with
their parent. benchmarks/voting_load.py measures the shared result (PSS) on a served room.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STEPS = (
    "zmq",
    "ipykernel.kernelapp",
    "ipywidgets",
    "sqlalchemy",
    "coprod_lab.store",
    "psycopg",
    "coprod_lab.widgets.request",
    "coprod_lab.widgets.vote",
)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status (Linux only)")


def main() -> None:
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # as the page kernel does
    start = previous = rss_mb()
    print(f"{'Python itself':28s} {start:5.1f} MB")
    for name in STEPS:
        before = len(sys.modules)
        importlib.import_module(name)
        now = rss_mb()
        print(f"{name:28s} +{now - previous:4.1f} MB  ({len(sys.modules) - before} modules)")
        previous = now
    print(f"{'all':28s} {previous:5.1f} MB  ({len(sys.modules)} modules)")


if __name__ == "__main__":
    main()
