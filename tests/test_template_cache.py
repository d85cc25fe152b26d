"""The page templates are compiled once per `serve` process, not once per page kernel."""

from __future__ import annotations

import nbformat
from jinja2 import Environment
from nbconvert import HTMLExporter

import coprod_lab.kernels  # noqa: F401  (installs the shared cache, as `serve` does)
from coprod_lab.template_cache import SHARED, share_compiled_templates


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Our vote"), nbformat.v4.new_code_cell("1 + 1")]
    return nb


def test_a_second_exporter_reuses_the_compiled_templates(monkeypatch) -> None:
    share_compiled_templates()  # a second call changes nothing
    SHARED.clear()
    compiled: list[str] = []
    original = Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return original(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counting)
    notebook = _notebook()  # once: each new cell gets a new random id
    first, _ = HTMLExporter().from_notebook_node(notebook)
    assert compiled, "the first exporter compiles the templates"
    assert len(SHARED) == len(set(compiled))
    compiled.clear()
    second, _ = HTMLExporter().from_notebook_node(notebook)
    assert compiled == []  # nothing compiled again
    assert second == first

    # An async environment (as Voilà's is) gets code compiled for it, never the sync code.
    exporter = HTMLExporter()
    exporter.enable_async = True
    environment = exporter.environment
    assert environment.is_async and environment.bytecode_cache is SHARED
    environment.get_template("index.html.j2")
    assert "index.html.j2" in compiled
