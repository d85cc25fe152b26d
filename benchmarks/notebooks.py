"""How long the six walkthrough notebooks take to run, each in a new kernel, as the tests run
them (on a new SQLite store). The target is under 5 minutes for all six together.

    .venv/bin/python benchmarks/notebooks.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["COPROD_LAB_DB"] = f"sqlite:///{folder}/store.sqlite3"
        total = 0.0
        print("| notebook | seconds |\n|---|---:|")
        for path in sorted(NOTEBOOKS.glob("*.ipynb")):
            notebook = nbformat.read(path, as_version=4)
            started = time.perf_counter()
            NotebookClient(
                notebook, timeout=300, resources={"metadata": {"path": str(path.parent)}}
            ).execute()
            seconds = time.perf_counter() - started
            total += seconds
            print(f"| {path.name} | {seconds:.1f} |")
        print(f"| **all six** | **{total:.1f}** |")


if __name__ == "__main__":
    main()
