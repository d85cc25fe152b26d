"""Say who each speaker in a project's transcripts is: a participant, or someone new.

Each speaker not yet matched shows what they said (three sample turns), any tag the meeting tool
put after their name ("Guest", "External") as a note, a choice that starts at "Not sure yet",
and, once a person is chosen, what they agreed to: being recorded, quoted, and shared. A new
person has no role until one is chosen, so nobody is given a role by default.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets
import traitlets
from sqlalchemy import select

from coprod_lab.errors import CoprodLabError
from coprod_lab.labels import ROLE_LABELS
from coprod_lab.store import PARTICIPANT_ROLES, Store, participants
from coprod_lab.transcripts.speakers import (
    CONSENTS,
    NewPerson,
    map_speakers,
    sample_turns,
    split_tag,
    unmapped_speakers,
)

NEW = -1  # the "someone new" choice
NOT_SURE = -2  # the "not sure yet" choice: shown, and the default
NO_ROLE = ""  # a new person's role before one is chosen
CONSENT_LABELS = {
    "record": "Agreed to be recorded",
    "quote": "Agreed to be quoted",
    "share": "Agreed to share what they said",
}
SAMPLE_CHARACTERS = 200


class _SpeakerRow(widgets.VBox):
    def __init__(
        self,
        speaker: str,
        turns: int,
        people: list[tuple[str, int]],
        samples: list[str],
        consents: dict[int, set[str]],
    ) -> None:
        self.speaker = speaker
        name, note = split_tag(speaker)
        self._consents = consents
        self.who = widgets.Dropdown(
            description="Who is this?",
            options=[("Not sure yet", NOT_SURE), *people, ("Someone new", NEW)],
            value=NOT_SURE,
            style={"description_width": "initial"},
        )
        self.name = widgets.Text(
            description="Their name", value=name, style={"description_width": "initial"}
        )
        self.role = widgets.Dropdown(
            description="Their role",
            options=[("Not sure yet", NO_ROLE), *((ROLE_LABELS[r], r) for r in PARTICIPANT_ROLES)],
            value=NO_ROLE,
            style={"description_width": "initial"},
        )
        self.consent = {
            c: widgets.Checkbox(description=CONSENT_LABELS[c], indent=False) for c in CONSENTS
        }
        self._new = widgets.VBox([self.name, self.role], layout={"display": "none"})
        self._agreed = widgets.VBox(list(self.consent.values()), layout={"display": "none"})
        self.who.observe(self._on_who, names="value")
        said = "".join(
            f"<li>{escape(_cut(text))}</li>" for text in samples
        )  # what they said, to help recognise them
        tagged = f" <em>(marked “{escape(note)}” in the transcript)</em>" if note else ""
        heading = widgets.HTML(
            f"<h3>{escape(name)}{tagged}</h3>"
            f"<p>{turns} turn{'s' if turns != 1 else ''}. They said:</p><ul>{said}</ul>"
        )
        super().__init__([heading, self.who, self._new, self._agreed])

    def _on_who(self, change: dict) -> None:
        chosen = change["new"]
        self._new.layout.display = "flex" if chosen == NEW else "none"
        self._agreed.layout.display = "none" if chosen == NOT_SURE else "flex"
        # Someone already in the project: show what they have agreed to so far.
        given = self._consents.get(chosen, set())
        for name, box in self.consent.items():
            box.value = name in given

    def choice(self) -> int | NewPerson | None:
        if self.who.value == NOT_SURE:
            return None
        if self.who.value == NEW:
            return NewPerson(self.name.value, self.role.value)
        return self.who.value

    def agreed(self) -> set[str]:
        return {name for name, box in self.consent.items() if box.value}


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SAMPLE_CHARACTERS else text[: SAMPLE_CHARACTERS - 1] + "…"


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
            found = db.execute(
                select(
                    participants.c.id,
                    participants.c.display_name,
                    participants.c.role,
                    *(getattr(participants.c, f"consent_to_{c}_on") for c in CONSENTS),
                )
                .where(participants.c.project_id == self.project_id)
                .order_by(participants.c.display_name)
            ).all()
        people = [(f"{row[1]} ({ROLE_LABELS[row[2]]})", row[0]) for row in found]
        consents = {
            row[0]: {c for c, on in zip(CONSENTS, row[3:], strict=True) if on} for row in found
        }
        speakers = unmapped_speakers(self._store, self.project_id)
        samples = sample_turns(self._store, self.project_id, list(speakers))
        self._rows = [
            _SpeakerRow(s, n, people, samples.get(s, []), consents) for s, n in speakers.items()
        ]
        self._list.children = self._rows or [
            widgets.HTML("<p>Every speaker is matched to someone.</p>")
        ]
        self._save.disabled = not self._rows

    def save(self) -> None:
        """Store every row where a choice was made, with its consents, in one transaction."""
        chosen = [row for row in self._rows if row.choice() is not None]
        if not chosen:
            self._say("Choose who at least one speaker is, then save.")
            return
        no_role = [
            split_tag(row.speaker)[0]
            for row in chosen
            if isinstance(row.choice(), NewPerson) and row.role.value == NO_ROLE
        ]
        if no_role:
            self._say(
                f"Not saved: choose a role for {', '.join(no_role)}, or set “Who is this?” "
                "back to “Not sure yet”."
            )
            return
        mapping = {row.speaker: row.choice() for row in chosen}
        consent = {row.speaker: row.agreed() for row in chosen}
        try:
            map_speakers(self._store, self.project_id, mapping, actor=self._actor, consent=consent)
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
