"""See what a transcript file holds before importing it: the format found, each speaker with
turns and words, the warnings, the first turns. Nothing is stored until Import is pressed.

Choose a file by uploading it (a browser upload reaches the kernel as bytes, so it is written
to a temporary file under its own name for the reader) or by typing its path.
"""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from coprod_lab.errors import CoprodLabError
from coprod_lab.labels import SESSION_KIND_LABELS
from coprod_lab.store import Store
from coprod_lab.transcripts import read_transcript
from coprod_lab.transcripts.importing import ProjectNameClose, import_transcripts
from coprod_lab.transcripts.preview import format_name, speaker_counts
from coprod_lab.widgets.page import Says, choice, row, text_field

FIRST_TURNS = 5  # how many turns the preview shows
SHOWN_CHARACTERS = 200  # how much of each first turn the preview shows
_ACCEPT = ".vtt,.srt,.txt,.md,.docx,.csv"


class ImportPreview(Says, widgets.VBox):
    """Choose a file, read it, see what was found, then press Import to store it.

    `preview_path(path)` reads a file on this computer; `import_now()` stores the previewed
    transcript as a session of the project named in the page. `table` is the previewed
    Transcript table (None before a file is read).
    """

    status = traitlets.Unicode("", help="What the last action did, shown to the person.")
    imported = traitlets.Int(0, help="How many turns the last import stored.")

    def __init__(self, store: Store, *, project: str = "", actor: str = "import preview") -> None:
        self._store = store
        self._actor = actor
        self.table: Any = None
        self._folder = tempfile.TemporaryDirectory(prefix="coprod-upload-")
        self._upload = widgets.FileUpload(accept=_ACCEPT, multiple=False, description="Choose file")
        self._upload.observe(self._on_upload, names="value")
        self._path = text_field("Or type the file's path")
        self._read = widgets.Button(description="Read file")
        self._read.on_click(lambda _b: self.preview_path(self._path.value))
        self._found = widgets.HTML()
        self._project = text_field("Project", value=project)
        # Shown only after a name very like an existing project's is refused: ticking it says
        # the new name is meant, not a typing slip.
        self._new_project = widgets.Checkbox(
            description="Make a new project with this name", value=False, indent=False
        )
        self._new_project.layout.display = "none"
        self._session = text_field("Session name")
        self._kind = choice(
            "Kind of session", [(label, kind) for kind, label in SESSION_KIND_LABELS.items()]
        )
        self._kind.value = "other"
        self._import = widgets.Button(description="Import", button_style="primary", disabled=True)
        self._import.on_click(lambda _b: self.import_now())
        self._status = widgets.HTML()
        self._status.add_class("coprod-status")  # a live region on the page
        super().__init__(
            [
                widgets.HTML("<h2>Import a transcript</h2>"),
                widgets.HTML(
                    "<p>Choose a transcript file. You will see what was found in it before "
                    "anything is stored.</p>"
                ),
                self._upload,
                row(self._path, self._read),
                self._found,
                self._project,
                self._new_project,
                self._session,
                self._kind,
                self._import,
                self._status,
            ]
        )
        self.add_class("coprod-page")

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        # Only the name is kept from the browser's path: the file lands in our own folder.
        path = Path(self._folder.name) / Path(str(upload["name"])).name
        path.write_bytes(bytes(upload["content"]))
        self.preview_path(path)

    def preview_path(self, path: str | Path) -> None:
        """Read `path` and show what was found; stores nothing. A bad file is explained."""
        self.table = None
        self._import.disabled = True
        if not str(path).strip():
            self._say("Choose a file, or type its path, first.")
            return
        try:
            table = read_transcript(Path(str(path).strip()))
        except CoprodLabError as error:
            self._found.value = ""
            self._say(f"This file cannot be imported. {error}")
            return
        self.table = table
        self._session.value = str(table["session"].iloc[0])
        self._found.value = _describe(table)
        self._import.disabled = False
        warned = len(table.attrs.get("warnings", []))
        self._say(
            f"Read {len(table)} turns. Nothing is stored yet."
            + (f" Check the {warned} warning{'s' if warned != 1 else ''} below." if warned else "")
        )

    def import_now(self) -> None:
        """Store the previewed transcript in one transaction; say so only after it is stored."""
        if self.table is None:
            self._say("Read a file first: there is nothing to import yet.")
            return
        project = self._project.value.strip()
        session = self._session.value.strip()
        if not project or not session:
            self._say("Give the project's name and the session's name, then press Import.")
            return
        table = self.table.copy()
        table["session"] = session
        try:
            [summary] = import_transcripts(
                self._store,
                [table],
                project=project,
                kind=self._kind.value,
                actor=self._actor,
                new_project=self._new_project.value,
            )
        except ProjectNameClose as error:
            self._new_project.layout.display = None
            self._say(
                f"Nothing was imported. There is no project called {error.name!r}; did you "
                f"mean {error.close!r}? Correct the project's name, or tick \"Make a new "
                'project with this name", then press Import again.'
            )
            return
        except CoprodLabError as error:
            self._say(f"Nothing was imported. {error}")
            return
        self.imported = summary.utterances
        self.table = None
        self._new_project.value = False
        self._new_project.layout.display = "none"
        self._import.disabled = True
        self._say(f"Imported {summary.utterances} turns into {project}, session {session}.")


def _shortened(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """`text` cut at a word near `limit` characters, with "…" so nobody takes it as whole."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:") + " …"


def _describe(table: Any) -> str:
    """The preview as HTML: format, speakers, warnings, first turns (every value escaped)."""
    counts = speaker_counts(table)
    speakers = "".join(
        f"<tr><td>{escape(str(r.speaker))}</td><td>{r.turns}</td><td>{r.words}</td></tr>"
        for r in counts.itertuples()
    )
    warnings = table.attrs.get("warnings", [])
    warned = (
        "<h3>Warnings</h3><ul>" + "".join(f"<li>{escape(w)}</li>" for w in warnings) + "</ul>"
        if warnings
        else "<p>No warnings: every turn was placed.</p>"
    )
    first = "".join(
        f"<tr><td>{escape(str(r.speaker))}</td><td>{escape(_shortened(str(r.text)))}</td></tr>"
        for r in table.head(FIRST_TURNS).itertuples()
    )
    extra = ""
    if table.attrs.get("title"):
        extra += f"<p>Title: {escape(str(table.attrs['title']))}</p>"
    if table.attrs.get("description"):
        extra += f"<p>Description: {escape(_shortened(str(table.attrs['description']), 300))}</p>"
    return (
        f"<p>Format: {escape(format_name(table))}</p>{extra}"
        "<h3>Speakers</h3><table><thead><tr><th>Speaker</th><th>Turns</th><th>Words</th></tr>"
        f"</thead><tbody>{speakers}</tbody></table>{warned}"
        "<h3>First turns</h3><table><thead><tr><th>Speaker</th><th>What they said</th></tr>"
        f"</thead><tbody>{first}</tbody></table>"
    )
