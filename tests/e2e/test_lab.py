"""`./run lab` opens JupyterLab on the notebooks folder, with the store made ready first."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.e2e.conftest import ROOT, _free_port


def test_run_lab_serves_jupyterlab_on_the_notebooks(tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "lab.log"
    env = {**os.environ, "COPROD_LAB_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    with log.open("w") as out:
        lab = subprocess.Popen(
            [str(ROOT / "run"), "lab", "--no-browser", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        token = None
        while token is None and time.monotonic() < deadline and lab.poll() is None:
            found = re.search(rf"127\.0\.0\.1:{port}/lab\?token=(\w+)", log.read_text())
            token = found and found[1]
            time.sleep(0.25)
        assert token, log.read_text()
        url = f"http://127.0.0.1:{port}/api/contents/apps?token={token}"
        with urllib.request.urlopen(url, timeout=30) as answer:
            listing = json.load(answer)
        assert "project-overview.ipynb" in {item["name"] for item in listing["content"]}
        assert "Added the demo project" in log.read_text()
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)
