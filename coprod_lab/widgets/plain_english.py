"""The plain-English page: paste or load text, see the hard words marked in place.

Each marked word is underlined and followed by a short label in words ("jargon: try ..."),
so the meaning never rests on colour and a screen reader reads the label after the word.
With a store, facilitators also add words to the project's glossary and work through the
words people said they did not understand.
"""

from __future__ import annotations

import re
from html import escape

import ipywidgets as widgets
import traitlets

from coprod_lab.errors import CoprodLabError
from coprod_lab.jargon.check import Report, check_text, explained_terms
from coprod_lab.jargon.documents import read_document
from coprod_lab.jargon.glossary import Glossary, shipped_glossary
from coprod_lab.jargon.project_glossary import (
    add_term,
    project_glossary,
    review_list,
    set_aside,
)
from coprod_lab.overview import list_projects
from coprod_lab.store import Store
from coprod_lab.widgets.page import said_here

# What each kind of finding is called on the page.
KIND_LABELS = {
    "acronym": "short form",
    "jargon": "jargon",
    "phrase": "formal word",
    "wordy": "long-winded",
    "rare": "rare word",
    "formal": "formal word",
    "spelling": "spelling",
    "name": "name",
}
_INLINE = tuple(KIND_LABELS)
# Fields send their value when the person leaves them, not on every key: ipywidgets lets only
# one update per field travel at a time and holds the rest, and a button press is not held,
# so a press could reach the kernel before the last few keys did.
_WIDE = {
    "style": {"description_width": "initial"},
    "layout": {"width": "auto"},
    "continuous_update": False,
}


_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+(.+)$")


def render_text(text: str, report: Report) -> str:
    """The text as HTML with each finding underlined and labelled in words."""
    parts: list[str] = []
    at = 0
    for f in report.findings:
        if f.kind not in _INLINE or f.start < at or f.repeat:
            continue  # one label per word, and a term to explain only where it is first used
        parts.append(escape(text[at : f.start]))
        # A term to keep and explain is labelled so; a short form stays a short form.
        label = (
            "explain"
            if f.advice == "explain" and f.kind not in ("acronym", "name")
            else KIND_LABELS[f.kind]
        )
        if f.kind == "wordy" and " " not in f.term.strip():
            label = "plainer word"  # "notify": not long-winded, only less plain
        # For a term to explain, its meaning is what a reader needs: "(explain: money from
        # the council ...)", not the writer's advice around it.
        note = f.meaning if label == "explain" and f.meaning else f.suggestion
        parts.append(
            f"<span class='coprod-finding coprod-finding-{f.kind}'><u>"
            f"{escape(text[f.start : f.end])}</u> <small>({label}: "
            f"{escape(note)})</small></span>"
        )
        at = f.end
    parts.append(escape(text[at:]))
    # A Markdown heading is shown as a heading, not as a line starting with "#".
    marked = _HEADING.sub(r"<strong>\1</strong>", "".join(parts))
    # pre-wrap keeps the text's own lines, in a notebook as on the page.
    return f"<div class='coprod-text' style='white-space: pre-wrap'>{marked}</div>"


def words_to_explain(report: Report) -> list[tuple[str, str]]:
    """`explained_terms` less the short forms: a short form is listed once, under "Short
    forms", with its meaning there (PCN and ICB were listed under both)."""
    short = {f.term for f in report.findings if f.kind == "acronym"}
    return [(term, meaning) for term, meaning in explained_terms(report) if term not in short]


def _short_form(a) -> str:
    said = escape(a.expansion) if a.expansion else "not in the glossary"
    said += " (spelled out the first time)" if a.spelled_out else " (not spelled out)"
    if a.plain and a.plain != a.expansion:
        said += f". In plain words: {escape(a.plain)}"
    return f"<li><strong>{escape(a.acronym)}</strong>: {said}</li>"


def render_report(text: str, report: Report) -> str:
    """The plain-English summary, the short forms, long sentences, then the marked text."""
    summary = "".join(f"<li>{escape(line)}</li>" for line in report.summary().splitlines())
    html = [f"<h2>What we found</h2><ul>{summary}</ul>"]
    if report.acronyms:
        items = "".join(_short_form(a) for a in report.acronyms)
        html.append(f"<h2>Short forms</h2><ul>{items}</ul>")
    explained = words_to_explain(report)
    if explained:
        items = "".join(
            f"<li><strong>{escape(term)}</strong>: {escape(meaning)}</li>"
            for term, meaning in explained
        )
        html.append(
            "<h2>Words to explain</h2><p>These are real things people may ask for, so keep "
            f"the word and say what it means the first time.</p><ul>{items}</ul>"
        )
    long_ones = report.of_kind("long_sentence")
    if long_ones:
        items = "".join(f"<li>“{escape(f.term)}…”: {escape(f.suggestion)}</li>" for f in long_ones)
        html.append(f"<h2>Long sentences</h2><ul>{items}</ul>")
    html.append(f"<h2>Your text, with notes</h2>{render_text(text, report)}")
    return "".join(html)


class PlainEnglishChecker(widgets.VBox):
    """Check text for plain English; with a store, grow the project's glossary."""

    project_id = traitlets.Int(None, allow_none=True, help="The project whose glossary is used.")
    status = traitlets.Unicode("", help="What the last action did, shown to the person.")

    def __init__(self, store: Store | None = None, *, actor: str = "facilitator") -> None:
        self._store = store
        self._actor = actor
        self._loaded: tuple[str, str | None] = ("", None)  # the loaded file: name, text
        self.text = widgets.Textarea(
            placeholder="Paste your text here",
            description="Text to check",
            rows=8,
            **_WIDE,
        )
        self.upload = widgets.FileUpload(
            accept=".txt,.md,.docx", multiple=False, description="Load a file"
        )
        self.check = widgets.Button(description="Check the text", button_style="primary")
        self.result = widgets.HTML()
        self._status = widgets.HTML()
        self._choose = widgets.Dropdown(description="Project", style={"description_width": "auto"})
        self.new_term = widgets.Text(description="Word or phrase", **_WIDE)
        self.new_plain = widgets.Text(description="Easier words, or what it means", **_WIDE)
        self.new_kind = widgets.Dropdown(
            description="Kind",
            options=[
                ("Jargon", "jargon"),
                ("Short form (acronym)", "acronym"),
                ("Long-winded phrase", "phrase"),
            ],
            style={"description_width": "initial"},
        )
        # A Direct Payment is a real thing to ask for: keep it and explain it, not swap it.
        self.new_advice = widgets.Dropdown(
            description="What to do",
            options=[
                ("Use the easier words instead", "use instead"),
                ("Keep the word and explain it", "explain"),
            ],
            style={"description_width": "initial"},
        )
        self.add = widgets.Button(description="Add to the glossary")
        # Messages appear next to the control that caused them (a phone shows only a part
        # of the page: the "Saved" line at the top was off the screen).
        self._added = said_here()
        self._reviewed = said_here()
        self._glossary_heading = widgets.HTML()
        self.to_review = widgets.Dropdown(
            description="Word to review", style=_WIDE["style"], layout=_WIDE["layout"]
        )
        self.review_plain = widgets.Text(description="An easier way to say it", **_WIDE)
        self.review_add = widgets.Button(description="Add this word")
        self.review_set_aside = widgets.Button(description="Set it aside")
        self._review_info = widgets.HTML()

        self.check.on_click(lambda _b: self._check_pressed())
        self.upload.observe(self._on_upload, names="value")
        self.text.observe(self._on_text, names="value")
        self.add.on_click(lambda _b: self.add_to_glossary())
        self.review_add.on_click(lambda _b: self.add_reviewed())
        self.review_set_aside.on_click(lambda _b: self.set_reviewed_aside())
        self._choose.observe(self._on_choose, names="value")
        self.to_review.observe(lambda _c: self._show_review_info(), names="value")

        children: list[widgets.Widget] = [
            widgets.HTML(
                "<h1>Plain English check</h1><p>Paste some text, or load a file: plain text, "
                "Markdown or Word. The check marks short forms, jargon and rare words, and "
                "suggests easier ones.</p>"
            ),
            # Which project's glossary is used, chosen before the check (shown only when there
            # is more than one project): a new user found it below the results.
            self._choose,
            self.text,
            widgets.HBox([self.upload, self.check], layout={"flex_flow": "row wrap"}),
            self._status,
            self.result,
        ]
        if store is not None:
            children += [
                self._glossary_heading,
                self.new_term,
                self.new_plain,
                # One row where there is room: the "Saved" line below the button stays on
                # the screen of a laptop.
                widgets.HBox([self.new_kind, self.new_advice], layout={"flex_flow": "row wrap"}),
                self.add,
                self._added,
                widgets.HTML(
                    "<h2>Words people did not understand</h2><p>Words marked “I don't "
                    "understand” on the voting pages wait here.</p>"
                ),
                self.to_review,
                self._review_info,
                self.review_plain,
                widgets.HBox(
                    [self.review_add, self.review_set_aside], layout={"flex_flow": "row wrap"}
                ),
                self._reviewed,
            ]
        super().__init__(children)
        self._status.add_class("coprod-status")
        self.add_class("coprod-page")
        if store is not None:
            self.refresh()

    # --- reading the store ----------------------------------------------------------------

    def refresh(self) -> None:
        """Read the projects and the review list again."""
        if self._store is None:
            return
        choices = list_projects(self._store)
        self._choose.options = [(name, pid) for pid, name in choices]
        self._choose.layout.display = "flex" if len(choices) > 1 else "none"
        if choices and self.project_id not in {pid for pid, _ in choices}:
            self.project_id = choices[0][0]
        self._choose.value = self.project_id
        self._show_review()

    def _on_choose(self, change: dict) -> None:
        if change["new"] is not None:
            self.project_id = change["new"]
            self._show_review()
            if self.result.value:
                self.run_check()  # the result on show is checked with the chosen glossary

    def project_name(self) -> str:
        """The name of the project whose glossary words are added to ("" if none)."""
        return next((name for name, pid in self._choose.options if pid == self.project_id), "")

    def glossary(self) -> Glossary:
        if self._store is None or self.project_id is None:
            return shipped_glossary()
        return project_glossary(self._store, self.project_id)

    # --- checking -------------------------------------------------------------------------

    def run_check(self) -> Report | None:
        """Check what is in the text box and show the result."""
        text = self.text.value
        if not text.strip():
            self._say("There is no text to check yet. Paste some text or load a file.")
            self.result.value = ""
            return None
        report = check_text(text, self.glossary())
        self.result.value = render_report(text, report)
        # While the text is still the loaded file's, say which file it is, check after check.
        name, loaded = self._loaded
        said = f"Loaded “{name}”. " if loaded == text else ""
        project = self.project_name() if len(self._choose.options) > 1 else ""
        with_glossary = f" The words of {project}'s glossary are marked too." if project else ""
        self._say(f"{said}Checked {report.words:,} words.{with_glossary}")
        return report

    def _check_pressed(self) -> None:
        # The first check of a page loads the word lists (5 to 14 s on a busy machine): say
        # at once that something is happening, as the pitch builder's "Working…" does.
        if self.text.value.strip():
            self._say("Checking the text…")
        self.run_check()

    def _on_text(self, _change: dict) -> None:
        # The result on show always matches the text: if the text changes after a check
        # (or its last keys arrive after the button press), check again.
        if self.result.value:
            self.run_check()

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        try:
            text = read_document(upload["name"], name=upload["name"], data=bytes(upload["content"]))
        except CoprodLabError as error:
            self._say(str(error))
            return
        self.result.value = ""  # so the new text is checked once, here
        # Say which file was loaded (the button shows only a count): `run_check` says it.
        self._loaded = (upload["name"], text)
        self.text.value = text
        self.run_check()

    # --- the glossary ---------------------------------------------------------------------

    def add_to_glossary(self) -> None:
        if not self._ready():
            return
        try:
            entry = add_term(
                self._store,
                self.project_id,
                self.new_term.value,
                self.new_plain.value,
                kind=self.new_kind.value,
                advice=self.new_advice.value,
                actor=self._actor,
            )
        except CoprodLabError as error:
            self._say(str(error), near=self._added)
            return
        self.new_term.value = self.new_plain.value = ""
        self._say(
            f"Saved: “{entry.term}” is in the glossary of {self.project_name()}.", near=self._added
        )
        self._show_review()

    def _show_review(self) -> None:
        if self._store is None or self.project_id is None:
            return
        self._glossary_heading.value = (
            f"<h2>Add to the glossary of {escape(self.project_name())}</h2><p>Words you add "
            "are marked in every check of this project, with your easier words or your meaning.</p>"
        )
        self._waiting = {item.word: item for item in review_list(self._store, self.project_id)}
        self.to_review.options = [
            (f"{item.word} ({item.times} {'person' if item.times == 1 else 'people'})", item.word)
            for item in self._waiting.values()
        ]
        has_words = bool(self._waiting)
        self.review_add.disabled = self.review_set_aside.disabled = not has_words
        self._show_review_info()

    def _show_review_info(self) -> None:
        item = getattr(self, "_waiting", {}).get(self.to_review.value)
        if item is None:
            self._review_info.value = "<p>No words are waiting.</p>"
            return
        where = "".join(f"<li>“{escape(c)}”</li>" for c in item.contexts[:3])
        self._review_info.value = f"<p>Seen in:</p><ul>{where}</ul>" if where else ""

    def add_reviewed(self) -> None:
        if not self._ready(self._reviewed) or not self.to_review.value:
            self._say("Choose a word to review first.", near=self._reviewed)
            return
        self.new_term.value = self.to_review.value
        self.new_plain.value = self.review_plain.value
        self.new_kind.value = "jargon"
        self.new_advice.value = "use instead"
        self.add_to_glossary()
        self._say(self.status, near=self._reviewed)  # said next to this button, not "Add"
        if not self.new_term.value:
            self.review_plain.value = ""

    def set_reviewed_aside(self) -> None:
        if not self._ready(self._reviewed) or not self.to_review.value:
            self._say("Choose a word to review first.", near=self._reviewed)
            return
        word = self.to_review.value
        set_aside(self._store, self.project_id, word, actor=self._actor)
        self._say(f"Saved: “{word}” is set aside.", near=self._reviewed)
        self._show_review()

    def _ready(self, near: widgets.HTML | None = None) -> bool:
        if self._store is None or self.project_id is None:
            self._say("There is no project to add words to.", near=near or self._added)
            return False
        return True

    def _say(self, message: str, near: widgets.HTML | None = None) -> None:
        """Show a message next to the control that caused it (`near`; the check's own line
        below the text box if None), and clear the others so only the latest shows."""
        self.status = message
        for line in (self._status, self._added, self._reviewed):
            line.value = f"<p>{escape(message)}</p>" if line is (near or self._status) else ""
