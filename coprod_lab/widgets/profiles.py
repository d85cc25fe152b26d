"""One-page profiles and communication preferences: edit, keep every version, print."""

from __future__ import annotations

import base64
import re
from html import escape
from typing import Any

import ipywidgets as widgets
import traitlets

from coprod_lab.sessions import profiles as pr
from coprod_lab.store import Store
from coprod_lab.widgets.page import StorePage, choice, say_date, text_box

INTROS = {
    "one_page": "A one-page profile helps people get to know each other as equals. Write it "
    f"with the person, in their words. Each box holds up to {pr.MAX_CHARACTERS} characters, "
    "so it prints on one page.",
    "communication": "How each person likes to give and get information and feedback, so "
    "everyone can take part in the way that works for them.",
}


class ProfileEditor(StorePage):
    """Edit one person's profile of one kind; a save keeps a new version."""

    KIND = "one_page"
    TITLE, INTRO = pr.TITLES[KIND], INTROS[KIND]

    participant_id = traitlets.Int(None, allow_none=True, help="Whose profile is on show.")

    def __init__(self, store: Store, **options: Any) -> None:
        self.kind = kind = self.KIND
        super().__init__(store, **options)
        self.person = choice("Whose profile")
        self.whose = widgets.HTML()
        self.boxes = {key: text_box(question) for key, question in pr.FIELDS[kind]}
        self.author = choice("Written by")
        self.save = widgets.Button(description="Save", button_style="primary")
        self.printable = widgets.HTML()
        self.history = widgets.HTML()
        self._follow(self.person, "participant_id", self._show_person)
        self.save.on_click(lambda _b: self.save_version())
        self._lay_out(
            self.person,
            self.whose,
            *self.boxes.values(),
            self.author,
            self.save,
            self._status,
            self.printable,
            self.history,
        )
        self.refresh()

    def _show(self) -> None:
        options = self.people()
        self.author.options = [name for name, _ in options]
        self._offer(self.person, "participant_id", options)
        self._show_person()

    def _name(self) -> str:
        label = dict((pid, name) for name, pid in self.person.options).get(self.participant_id, "")
        return label.rsplit(" (", 1)[0]

    def _show_person(self) -> None:
        if self.participant_id is None:
            return
        # Written by the person themselves unless someone says otherwise.
        self.author.value = next(
            (a for a in self.author.options if a.startswith(self._name() + " (")), None
        )
        found = pr.versions(self._store, self.participant_id, self.kind)
        newest = found[0] if found else None
        for key, box in self.boxes.items():
            box.value = newest.fields.get(key, "") if newest else ""
        self._show_versions(found)
        # The name goes up last: once it shows, the boxes hold this person's words, so what
        # someone types next is not replaced by them.
        self.whose.value = f"<h2>{escape(self._name())}</h2>"

    def _show_versions(self, found: list[pr.Version]) -> None:
        if not found:
            self.printable.value = ""
            self.history.value = "<p>Nothing saved yet.</p>"
            return
        name = self._name()
        page = pr.printable(name, self.kind, found[0])
        file_name = re.sub(r"[^A-Za-z0-9]+", "-", f"{pr.TITLES[self.kind]} {name}").strip("-")
        self.printable.value = (
            f"<p><a download='{escape(file_name.lower())}.html' href='data:text/html;base64,"
            f"{base64.b64encode(page.encode()).decode()}'>Download a page to print</a> "
            "(open it, then print it on one sheet)</p>"
        )
        items = "".join(
            f"<li><details><summary>{say_date(v.saved_at)}, by {escape(v.author)}</summary>"
            + "".join(
                f"<p><strong>{escape(q)}:</strong> {escape(v.fields.get(k, ''))}</p>"
                for k, q in pr.FIELDS[self.kind]
            )
            + "</details></li>"
            for v in found[1:]
        )
        self.history.value = (
            f"<h2>Earlier versions</h2><ul>{items}</ul>"
            if items
            else "<p>This is the first version.</p>"
        )

    def save_version(self) -> None:
        if self.participant_id is None:
            self._say("There is nobody in this project yet.")
            return
        fields = {key: box.value for key, box in self.boxes.items()}
        author = (self.author.value or "").rsplit(" (", 1)[0]
        saved: list[pr.Version | None] = []
        if not self._try(
            lambda: saved.append(
                pr.save_profile(
                    self._store,
                    self.participant_id,
                    self.kind,
                    fields,
                    author=author,
                    actor=self._actor,
                )
            )
        ):
            return
        if saved[0] is None:
            self._say("Nothing has changed since the last save.")
            return
        self._show_versions(pr.versions(self._store, self.participant_id, self.kind))
        self._say(f"Saved: {pr.TITLES[self.kind].lower()} for {self._name()}.")


class OnePageProfile(ProfileEditor):
    KIND = "one_page"
    TITLE, INTRO = pr.TITLES[KIND], INTROS[KIND]


class CommunicationPreferences(ProfileEditor):
    KIND = "communication"
    TITLE, INTRO = pr.TITLES[KIND], INTROS[KIND]
