"""Every shipped notebook runs, on a store holding the demo project, and apps stay lean."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from coprod_lab import connect
from coprod_lab.cli import PAGE_KERNEL
from coprod_lab.demo import load_demo

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
ALL = sorted(NOTEBOOKS.rglob("*.ipynb"))
APPS = sorted((NOTEBOOKS / "apps").glob("*.ipynb"))
WALKTHROUGHS = sorted(NOTEBOOKS.glob("*.ipynb"))
# What each walkthrough must show, besides its main plot: figures worked out on the real data.
SHOWS = {
    "1-getting-started.ipynb": ["'utterances': 34", "'participants': 5"],
    "2-transcripts.ipynb": [
        "34 utterances, 6 speakers, 55:37 long",
        "15 utterances, 3 speakers, no timings",
        "Nothing is stored yet.",
        "25 markers hide 32",  # 24 and 31 before the meeting's US phone number was found
    ],
    "3-themes.ipynb": ["Cohen's kappa", "Adjusted mutual information: 0.", "adjusted Rand index"],
    "4-plain-english.ipynb": ["6 short forms (acronyms); 6 not spelled out", "MDT"],
    "5-definitions.ipynb": ["Most support", "Our definition"],
    "6-reporting.ipynb": [
        "The file matches the REFI-QDA schema.",
        "'utterances': (34, 34)",
        "'coding': (31, 31)",  # 34 turns less 3 short replies, which get no theme or code
    ],
    "8-co-analysis.ipynb": [
        "Open for co-analysis: ['Storytelling: the day I went home']",
        "Ash & Bea",
        "Bea read this differently",
        "Treated like a parcel",
    ],
    "7-coding.ipynb": [
        "The file matches the REFI-QDA schema.",
        "Count hours and days alike.",
        "'memos': 2",
        "applied_by",
    ],
    "9b-you-said-we-did.ipynb": [
        "6 points were raised",
        "You said: “One name to call",  # Person 4's letter quotes them back to them
        "Late: not done yet.",
    ],
    "9-plan-and-follow-through.ipynb": [
        "Version 2; earlier versions: 1",
        "No one from “Family carers” is involved yet",
        "Access needs kept for 2 of 5 people.",
        "80 minutes pass without a break (from 0:00 to 1:20)",
    ],
}
HEAVY = ("pandas", "sklearn", "nltk", "matplotlib", "spacy")
# A walkthrough's text must not quote a figure its outputs do not show (it once said 10,111
# comments where the notebook showed 10,142). Numbers of two digits or more in the text are
# checked against the outputs; these are units in the text, not figures from the outputs.
UNITS = {"100": "per 100 words", "360": "a phone 360 pixels wide"}
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d{2,}(?:\.\d+)?")


@pytest.fixture
def demo_store_url(tmp_path: Path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    store = connect(url)
    store.upgrade()
    load_demo(store)
    monkeypatch.setenv("COPROD_LAB_DB", url)  # the kernel inherits it
    return url


def run(path: Path, *extra_cells: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in extra_cells]
    NotebookClient(
        notebook, timeout=300, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return notebook


def test_there_are_notebooks() -> None:
    assert APPS, "notebooks/apps/ holds the Voilà pages"


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_the_notebook_runs_without_errors(path: Path, demo_store_url: str) -> None:
    notebook = run(path)
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    if path in WALKTHROUGHS:
        [plot] = [c for c in notebook.cells if "main-plot" in c.metadata.get("tags", [])]
        shown = {kind for o in plot.outputs for kind in o.get("data", {})}
        assert shown & {"image/png", "text/html"}, "the main plot shows nothing"
        text = "\n".join(_text(o) for c in notebook.cells for o in c.get("outputs", []))
        assert [wanted for wanted in SHOWS[path.name] if wanted not in text] == []
        assert unshown_numbers(notebook, text) == []


def unshown_numbers(notebook: nbformat.NotebookNode, outputs: str) -> list[str]:
    """Numbers the notebook's text quotes that none of its outputs shows."""
    said = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    return [n for n in _NUMBER.findall(said) if n not in UNITS and n not in outputs]


def test_a_number_in_the_text_that_no_output_shows_is_caught() -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# 3. Themes\n10,111 comments, 11 themes, 1 is all.")]
    )
    assert unshown_numbers(notebook, "10,142 comments longer than 3 characters. 11 themes") == [
        "10,111"
    ]


def _text(output: nbformat.NotebookNode) -> str:
    if output.output_type == "stream":
        return output.text
    data = output.get("data", {})
    return data.get("text/html", "") + data.get("text/plain", "")


def test_every_walkthrough_is_checked() -> None:
    assert [p.name for p in WALKTHROUGHS] == sorted(SHOWS)


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_notebooks_are_kept_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.parametrize("path", APPS, ids=lambda p: p.name)
def test_a_page_kernel_imports_nothing_heavy(path: Path, demo_store_url: str, monkeypatch) -> None:
    # A room of phones means one kernel each: pandas and NLTK would cost 150 MB apiece, the
    # debugger 7.6 MB. The page runs in the kernel `serve` gives it, found as serve finds it.
    monkeypatch.setenv("JUPYTER_PATH", str(PAGE_KERNEL))
    notebook = run(
        path,
        "import sys; "
        f"print(sorted(m for m in {(*HEAVY, 'debugpy', '_pydevd_bundle')!r} "
        "if sys.modules.get(m) is not None))",
    )
    printed = notebook.cells[-1].outputs[0].text.strip()
    assert printed == "[]"


def test_served_pages_run_in_the_kernel_without_the_debugger(monkeypatch) -> None:
    monkeypatch.setenv("JUPYTER_PATH", str(PAGE_KERNEL))
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert spec.argv[:3] == ["python", "-m", "coprod_lab.page_kernel"]
    monkeypatch.delenv("JUPYTER_PATH")
    assert "coprod_lab.page_kernel" not in KernelSpecManager().get_kernel_spec("python3").argv
