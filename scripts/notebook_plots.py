"""Save each walkthrough notebook's main plot for the README: run the notebook on a new store
holding the demo project, and write the picture of the cell tagged "main-plot" as
docs/screenshots/notebook-<name>.png. The reporting notebook's main plot is the report, which
the browser test saves as docs/screenshots/report-360px.png."""

from __future__ import annotations

import base64
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["COPROD_LAB_DB"] = f"sqlite:///{folder}/store.sqlite3"  # the kernels inherit it
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            notebook = nbformat.read(path, as_version=4)
            NotebookClient(
                notebook, timeout=300, resources={"metadata": {"path": str(path.parent)}}
            ).execute()
            [plot] = [c for c in notebook.cells if "main-plot" in c.metadata.get("tags", [])]
            pictures = [
                o.data["image/png"] for o in plot.outputs if "image/png" in o.get("data", {})
            ]
            if not pictures:
                continue  # the report: an HTML frame, pictured by the browser test
            target = OUT / f"notebook-{path.stem}.png"
            target.write_bytes(base64.b64decode(pictures[0]))
            print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
