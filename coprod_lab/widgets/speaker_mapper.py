"""Say who each speaker in a project's transcripts is: a participant, or someone new."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import traitlets
from sqlalchemy import select

from coprod_lab.errors import CoprodLabError
from coprod_lab.labels import ROLE_LABELS
from coprod_lab.store import PARTICIPANT_ROLES, Store, participants
from coprod_lab.transcripts.speakers import NewPerson, map_speakers, unmapped_speakers

NEW = -1  # the "someone new" choice


class _SpeakerRow(widgets.VBox):
    def __init__(self, speaker: str, turns: int, people: list[tuple[str, int]]) -> None:
        self.speaker = speaker
        self.who = widgets.Dropdown(
            description="Who is this?",
            options=[("Not sure yet", None), *people, ("Someone new", NEW)],
            value=None,
            style={"description_width": "initial"},
        )
        self.name = widgets.Text(
            description="Their name", value=speaker, style={"description_width": "initial"}
        )
        self.role = widgets.Dropdown(
            description="Their role",
            options=[(ROLE_LABELS[r], r) for r in PARTICIPANT_ROLES],
            style={"description_width": "initial"},
        )
        self._new = widgets.VBox([self.name, self.role], layout={"display": "none"})
        self.who.observe(self._on_who, names="value")
        heading = widgets.HTML(
            f"<h3>{escape(speaker)}</h3><p>{turns} turn{'s' if turns != 1 else ''}</p>"
        )
        super().__init__([heading, self.who, self._new])

    def _on_who(self, change: dict) -> None:
        self._new.layout.display = "flex" if change["new"] == NEW else "none"

    def choice(self) -> int | NewPerson | None:
        if self.who.value == NEW:
            return NewPerson(self.name.value, self.role.value)
        return self.who.value


class SpeakerMapper(widgets.VBox):
    """One row per speaker not yet matched to anyone; Save stores every choice at once."""

    project_id = traitlets.Int(help="The project whose speakers are mapped.")
    status = traitlets.Unicode("", help="What the last save did, shown to the person.")

    def __init__(self, store: Store, project_id: int, *, actor: str = "facilitator") -> None:
        self._store = store
        self._actor = actor
        self._rows: list[_SpeakerRow] = []
        self._list = widgets.VBox()
        self._save = widgets.Button(description="Save", button_style="primary")
        self._save.on_click(lambda _button: self.save())
        self._status = widgets.HTML()
        self._status.add_class("coprod-status")  # a live region on the page
        super().__init__(
            [
                widgets.HTML("<h2>Who is speaking?</h2>"),
                self._list,
                self._save,
                self._status,
            ],
            project_id=project_id,
        )
        self.add_class("coprod-page")
        self.refresh()

    def refresh(self) -> None:
        """List the speakers still to map, with the project's people to choose from."""
        with self._store.read() as db:
            people = [
                (f"{name} ({ROLE_LABELS[role]})", person_id)
                for person_id, name, role in db.execute(
                    select(participants.c.id, participants.c.display_name, participants.c.role)
                    .where(participants.c.project_id == self.project_id)
                    .order_by(participants.c.display_name)
                )
            ]
        speakers = unmapped_speakers(self._store, self.project_id)
        self._rows = [_SpeakerRow(s, n, people) for s, n in speakers.items()]
        self._list.children = self._rows or [
            widgets.HTML("<p>Every speaker is matched to someone.</p>")
        ]
        self._save.disabled = not self._rows

    def save(self) -> None:
        """Store every row where a choice was made, in one transaction."""
        mapping = {row.speaker: row.choice() for row in self._rows if row.choice() is not None}
        if not mapping:
            self._say("Choose who at least one speaker is, then save.")
            return
        try:
            map_speakers(self._store, self.project_id, mapping, actor=self._actor)
        except CoprodLabError as error:
            self._say(f"Not saved: {error}")
            return
        # Said only after the commit: what the page says was saved, is saved.
        count = len(mapping)
        self._say(f"Saved {count} speaker{'s' if count != 1 else ''}.")
        self.refresh()

    def _say(self, message: str) -> None:
        self.status = message
        self._status.value = f"<p>{escape(message)}</p>"
