"""The code book screen: see the codes as a tree, add, rename, move, merge and delete them.

Deleting asks what happens to the code's coding and does nothing until that is chosen. Each
button writes through coprod_lab.coding.codebook (one transaction, audited) and the status
line says "Saved" only after it.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets
from sqlalchemy import func, select

from coprod_lab.coding import codebook as book
from coprod_lab.store import Store
from coprod_lab.store.schema import coded_utterances, codes
from coprod_lab.widgets.page import StorePage, choice, row, set_options, text_box, text_field

TOP = "(none: a top code)"
ON_DELETE = [
    ("Remove its coding too", "remove"),
    ("Move its coding to the code above it", "to_parent"),
    ("Move its coding to the code chosen under 'Merge into'", "other"),
]


class CodeBookPage(StorePage):
    """The project's code book, and the changes a researcher makes to it."""

    TITLE = "Code book"
    INTRO = (
        "The codes you use to mark what people said. A code can sit under another code. "
        "Give each a short meaning so others code the same way."
    )

    def __init__(self, store: Store, **options: Any) -> None:
        super().__init__(store, **options)
        self.tree = widgets.HTML()
        self.name = text_field("New code")
        self.definition = text_box("What it means", rows=2)
        self.parent = choice("Put it under")
        self.colour = widgets.ColorPicker(description="Colour", value="#1F77B4", concise=True)
        self.add = widgets.Button(description="Add code", button_style="primary")
        self.code = choice("Code to change")
        self.new_name = text_field("New name")
        self.rename = widgets.Button(description="Rename")
        self.move_to = choice("Move under")
        self.move = widgets.Button(description="Move")
        self.merge_into = choice("Merge into")
        self.merge = widgets.Button(description="Merge")
        self.on_delete = widgets.RadioButtons(
            options=ON_DELETE, value=None, description="Its coding", layout={"width": "auto"}
        )
        self.delete = widgets.Button(description="Delete code", button_style="danger")
        self.add.on_click(lambda _b: self.add_code())
        self.rename.on_click(lambda _b: self.rename_code())
        self.move.on_click(lambda _b: self.move_code())
        self.merge.on_click(lambda _b: self.merge_code())
        self.delete.on_click(lambda _b: self.delete_code())
        self._lay_out(
            self.tree,
            widgets.HTML("<h2>Add a code</h2>"),
            self.name,
            self.definition,
            row(self.parent, self.colour),
            self.add,
            widgets.HTML("<h2>Change a code</h2>"),
            self.code,
            row(self.new_name, self.rename),
            row(self.move_to, self.move),
            row(self.merge_into, self.merge),
            self.on_delete,
            self.delete,
            self._status,
        )
        self.refresh()

    def _show(self) -> None:
        table = book.code_book(self._store, self.project_id) if self.project_id else None
        names = [] if table is None else list(table["name"])
        set_options(self.parent, [TOP, *names])
        set_options(self.move_to, [TOP, *names])
        set_options(self.code, names)
        set_options(self.merge_into, names)
        if not names:
            self.tree.value = "<p>No codes yet. Add the first one below.</p>"
            return
        with self._store.read() as db:
            used = dict(
                db.execute(
                    select(coded_utterances.c.code_id, func.count())
                    .join(codes, codes.c.id == coded_utterances.c.code_id)
                    .where(codes.c.project_id == self.project_id)
                    .group_by(coded_utterances.c.code_id)
                ).all()
            )
        items = []
        for code in table.itertuples():
            swatch = (
                f"<span aria-hidden='true' style='color:{code.colour}'>&#9632;</span> "
                if isinstance(code.colour, str)
                else ""
            )
            meaning = f": {escape(code.definition)}" if code.definition else ""
            count = used.get(code.id, 0)
            items.append(
                f"<li style='margin-left:{1.5 * code.depth}em'>{swatch}"
                f"<strong>{escape(code.name)}</strong>{meaning} "
                f"<small>({count} coded)</small></li>"
            )
        self.tree.value = f"<ul class='coprod-code-tree'>{''.join(items)}</ul>"

    def _done(self, message: str) -> None:
        self._show()
        self._say(message)

    def add_code(self) -> None:
        parent = None if self.parent.value in (None, TOP) else self.parent.value
        name = self.name.value

        def save() -> None:
            book.add_code(
                self._store,
                self.project_id,
                name,
                actor=self._actor,
                definition=self.definition.value,
                parent=parent,
                colour=self.colour.value,
            )

        if self._try(save):
            self.name.value = self.definition.value = ""
            self._done(f"Saved: the code {' '.join(name.split())}.")

    def rename_code(self) -> None:
        old, new = self.code.value, self.new_name.value
        if old and self._try(
            lambda: book.rename_code(self._store, self.project_id, old, new, actor=self._actor)
        ):
            self.new_name.value = ""
            self._done(f"Saved: {old} is now called {' '.join(new.split())}.")

    def move_code(self) -> None:
        code, where = self.code.value, self.move_to.value
        parent = None if where in (None, TOP) else where
        if code and self._try(
            lambda: book.move_code(self._store, self.project_id, code, parent, actor=self._actor)
        ):
            self._done(f"Saved: {code} is now " + (f"under {parent}." if parent else "a top code."))

    def merge_code(self) -> None:
        code, into = self.code.value, self.merge_into.value
        if (
            code
            and into
            and self._try(
                lambda: book.merge_codes(
                    self._store, self.project_id, code, into, actor=self._actor
                )
            )
        ):
            self._done(f"Saved: {code} is merged into {into}.")

    def delete_code(self) -> None:
        code, what = self.code.value, self.on_delete.value
        if not code:
            return
        if what is None:
            self._say(f"Choose what happens to the coding of {code} first. Nothing was deleted.")
            return
        target = self.merge_into.value if what == "other" else what
        if what == "other" and target == code:
            self._say("Choose another code under 'Merge into' to move the coding to.")
            return
        counted: list[int] = []

        def save() -> None:
            counted.append(
                book.delete_code(
                    self._store, self.project_id, code, actor=self._actor, coding=target
                )
            )

        if self._try(save):
            self.on_delete.value = None
            self._done(
                f"Saved: {code} is deleted; {counted[0]} coded passage"
                + ("" if counted[0] == 1 else "s")
                + (" removed." if what == "remove" else " moved.")
            )
