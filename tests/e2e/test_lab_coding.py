"""The transcript reader in real JupyterLab: a researcher reaches a turn, chooses two words
with the keyboard alone, ticks a code and presses the button; the passage is in the store with
its character offsets and coder. JupyterLab loads the reader's front end from anywidget's own
JupyterLab extension, installed with the package."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import select

from coprod_lab import connect
from coprod_lab.coding.codebook import add_code
from coprod_lab.coding.reading import session_turns, sessions_of
from coprod_lab.demo import load_demo
from coprod_lab.store.schema import coded_utterances
from tests.e2e.conftest import _free_port, _wait_for, stop

SCREENSHOTS = os.environ.get("COPROD_LAB_SCREENSHOTS")
CODER = "Keyboard tester"


@pytest.fixture
def lab(tmp_path: Path):
    """JupyterLab on a folder holding one notebook that shows the reader on a demo store."""
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    store = connect(url)
    store.upgrade()
    project_id = load_demo(store)
    add_code(store, project_id, "Going home", actor=CODER, colour="#2CA02C")
    add_code(store, project_id, "Waiting", actor=CODER, colour="#D62728")
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from coprod_lab import connect\n"
                "from coprod_lab.widgets.reader import TranscriptReader\n"
                f"TranscriptReader(connect({url!r}), actor={CODER!r})"
            )
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    nbformat.write(notebook, tmp_path / "reader.ipynb")
    port, token = _free_port(), "coding-test"
    log = tmp_path / "lab.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                f"--port={port}",
                f"--ServerApp.root_dir={tmp_path}",
                f"--IdentityProvider.token={token}",
                "--LabApp.news_url=",
                "--ServerApp.open_browser=False",
                "--allow-root",
            ],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    address = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{address}/api/status?token={token}", process, log)
        yield store, project_id, f"{address}/lab/tree/reader.ipynb?token={token}"
    finally:
        stop(process)
        store.engine.dispose()


def test_a_passage_is_coded_by_keyboard_in_jupyterlab(lab, browser) -> None:
    store, project_id, address = lab
    first_session = sessions_of(store, project_id)[0][1]
    turn = session_turns(store, project_id, first_session, real_names=True).iloc[0]
    words = [m.span() for m in re.finditer(r"\S+", turn["text"])]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(address)
        tab.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
        # Run the cell once the kernel is ready (the status bar says so).
        tab.get_by_text(re.compile(r"\| Idle$")).wait_for(timeout=120_000)
        tab.locator(".jp-Cell .cm-content").first.click()
        tab.keyboard.press("Shift+Enter")
        text = tab.locator(".coprod-reader-text").first
        text.wait_for(timeout=120_000)
        # JupyterLab moves the focus when a run ends (to the new cell below): start on the
        # keyboard once the cell shows it has run, or the keys go to that cell instead.
        tab.locator(".jp-InputPrompt", has_text="[1]:").first.wait_for(timeout=120_000)
        # The keyboard alone from here: the turn, its second and third words, a code, the button.
        text.focus()
        tab.keyboard.press("ArrowRight")
        tab.keyboard.press("ArrowRight")
        tab.keyboard.press("Shift+ArrowRight")
        chosen = turn["text"][words[1][0] : words[2][1]]
        said = tab.locator(".coprod-reader-said")
        tab.wait_for_function(
            "([el, want]) => el.textContent.includes(want)",
            arg=[said.element_handle(), chosen],
            timeout=60_000,
        )
        codes = tab.locator(".widget-select-multiple select")
        codes.focus()
        tab.keyboard.press("Home")  # the first code, "Going home"
        tab.wait_for_function(
            "el => [...el.selectedOptions].map(o => o.value).join() === 'Going home'",
            arg=codes.element_handle(),
            timeout=60_000,
        )
        button = tab.get_by_role("button", name="Code the chosen words")
        button.focus()
        tab.keyboard.press("Enter")
        try:
            tab.get_by_text("Saved: \u201c" + chosen).wait_for(timeout=60_000)
        except PlaywrightTimeout:
            # Say what the page said instead, and where the keyboard was.
            lines = tab.locator(".coprod-said, .coprod-status").all_inner_texts()
            focused = tab.evaluate("document.activeElement.outerHTML.slice(0, 200)")
            pytest.fail(f"no 'Saved' after the button; the page says {lines}; focus: {focused}")
        if SCREENSHOTS:
            tab.set_viewport_size({"width": 1280, "height": 1500})
            tab.locator(".coprod-reader-turns").first.evaluate("el => { el.scrollTop = 0; }")
            tab.locator(".coprod-page h1").first.scroll_into_view_if_needed()
            tab.screenshot(path=str(Path(SCREENSHOTS) / "reader-jupyterlab.png"))
        deadline = time.monotonic() + 60
        rows: list = []
        while not rows and time.monotonic() < deadline:
            with store.read() as db:
                rows = db.execute(
                    select(
                        coded_utterances.c.utterance_id,
                        coded_utterances.c.start_char,
                        coded_utterances.c.end_char,
                        coded_utterances.c.coder,
                    )
                ).all()
            time.sleep(0.25)
        assert [tuple(r) for r in rows] == [
            (int(turn["utterance_id"]), words[1][0], words[2][1], CODER)
        ]
        # The coded words are now marked in the code's colour.
        tab.locator(".coprod-reader-text .coprod-coded").first.wait_for(timeout=60_000)
    finally:
        context.close()
