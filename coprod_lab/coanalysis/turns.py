"""The turns a co-analyst may see, and how characters shown map back to characters stored.

Only turns whose speaker consented to sharing (a participant with consent_to_share_on given
and not withdrawn, matched on import or through the project's speaker names) are shown; a
speaker matched to nobody has consented to nothing and is left out. Speakers carry their
made-up names (privacy.people.made_up_names); inside the words, participants' names become
their made-up names, personal numbers a placeholder (privacy.redact), and the names of anyone
else "[another person]": those were found by the name recogniser when the session was opened
(coanalysis.opening.other_names), so the page's kernel never loads it (DESIGN.md: lean page
kernels; spaCy costs about 126 MB and 1.7 s).

What a co-analyst selects is counted in characters of the text they see; the coding core
stores characters of the turn's own text. Each shown turn keeps the pieces it was made of, so
a selection is turned back exactly (a selection that starts or ends inside a replaced name
takes the whole name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import and_, func, select

from coprod_lab.coanalysis.opening import hidden_names, is_open
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store
from coprod_lab.store.schema import participants, sessions, speaker_names, utterances

WORD = re.compile(r"\S+")
ANOTHER_PERSON = "[another person]"


@dataclass(frozen=True)
class Piece:
    """Characters shown[shown_start:shown_end] stand for stored[stored_start:stored_end];
    `same` when they are the same characters (not a replaced name or number)."""

    shown_start: int
    shown_end: int
    stored_start: int
    stored_end: int
    same: bool


@dataclass(frozen=True)
class SharedTurn:
    """One turn as a co-analyst sees it: `text` with made-up names, `speaker` made up."""

    utterance_id: int
    session_id: int
    turn: int
    speaker: str
    role: str
    text: str
    pieces: tuple[Piece, ...]

    def to_stored(self, start: int, end: int) -> tuple[int, int]:
        """Characters start..end of the shown text (a Python slice) as characters of the
        stored text. Raises CoprodLabError when they are not within the shown text."""
        if not 0 <= start < end <= len(self.text):
            raise CoprodLabError("Choose one or more words of this turn first.")
        first = next(p for p in self.pieces if p.shown_start <= start < p.shown_end)
        last = next(p for p in self.pieces if p.shown_start < end <= p.shown_end)
        begin = first.stored_start + (start - first.shown_start if first.same else 0)
        finish = last.stored_start + (end - last.shown_start) if last.same else last.stored_end
        return begin, finish

    def to_shown(self, start: int, end: int) -> tuple[int, int]:
        """Stored characters start..end as characters of the shown text (the inverse)."""
        begin, finish = 0, len(self.text)
        for p in self.pieces:
            if p.stored_start <= start < p.stored_end:
                begin = p.shown_start + (start - p.stored_start if p.same else 0)
            if p.stored_start < end <= p.stored_end:
                finish = p.shown_start + (end - p.stored_start) if p.same else p.shown_end
        return begin, finish

    def words(self) -> list[tuple[int, int, str]]:
        """The shown text's words as (start, end, word): what a person can tap or tab to."""
        return [(m.start(), m.end(), m.group()) for m in WORD.finditer(self.text)]


def consented(db, project_id: int, consent: str = "share"):
    """A select of the ids of the project's turns whose speaker consented to sharing (or to
    being quoted: consent="quote") and has not withdrawn."""
    person = func.coalesce(utterances.c.participant_id, speaker_names.c.participant_id)
    return (
        select(utterances.c.id)
        .join(sessions, sessions.c.id == utterances.c.session_id)
        .outerjoin(
            speaker_names,
            and_(
                speaker_names.c.project_id == project_id,
                speaker_names.c.speaker == utterances.c.speaker,
            ),
        )
        .join(participants, participants.c.id == person)
        .where(
            sessions.c.project_id == project_id,
            participants.c[f"consent_to_{consent}_on"].is_not(None),
            participants.c.withdrawn_on.is_(None),
        )
    )


def _made_up(text: str, names: dict[str, str]) -> tuple[str, list[Piece]]:
    from coprod_lab.privacy.redact import find

    numbers = {name: i for i, name in enumerate(names, start=1)}
    by_number = dict(enumerate(names.values(), start=1))
    pieces: list[Piece] = []
    shown: list[str] = []
    at, last = 0, 0
    for f in find(text, numbers, people=False):
        if f.start > last:
            pieces.append(Piece(at, at + f.start - last, last, f.start, True))
            shown.append(text[last : f.start])
            at += f.start - last
        put = f.placeholder
        if f.kind == "PERSON":
            number = int(f.placeholder.removeprefix("[PERSON ").removesuffix("]"))
            put = by_number.get(number, f.placeholder)
        pieces.append(Piece(at, at + len(put), f.start, f.end, False))
        shown.append(put)
        at += len(put)
        last = f.end
    if last < len(text) or not pieces:
        pieces.append(Piece(at, at + len(text) - last, last, len(text), True))
        shown.append(text[last:])
    return "".join(shown), pieces


def shared_turns(
    store: Store, project_id: int, session_id: int, *, closed_too: bool = False
) -> list[SharedTurn]:
    """The session's turns a co-analyst may see, in order, with made-up names (see the
    module's opening). Raises CoprodLabError when the session is not in the project or not
    open (closed_too: or closed since it was opened, for reports)."""
    from coprod_lab.privacy.people import made_up_names

    with store.read() as db:
        in_project = db.execute(
            select(sessions.c.id).where(
                sessions.c.id == int(session_id), sessions.c.project_id == project_id
            )
        ).first()
        ever = closed_too and hidden_names(db, session_id, opened=True) is not None
        if in_project is None or not (ever or is_open(db, session_id)):
            raise CoprodLabError("That session is not open for co-analysis.")
        rows = db.execute(
            select(
                utterances.c.id,
                utterances.c.session_id,
                utterances.c.turn,
                utterances.c.speaker,
                utterances.c.role,
                utterances.c.text,
            )
            .where(
                utterances.c.session_id == int(session_id),
                utterances.c.id.in_(consented(db, project_id)),
            )
            .order_by(utterances.c.turn)
        ).all()
        others = hidden_names(db, session_id)
    made_up = made_up_names(store, project_id)
    names = {**{n: ANOTHER_PERSON for n in others if n not in made_up}, **made_up}
    out = []
    for row in rows:
        text, pieces = _made_up(row.text, names)
        out.append(
            SharedTurn(
                int(row.id),
                int(row.session_id),
                int(row.turn),
                made_up.get(row.speaker, "Someone"),
                row.role,
                text,
                tuple(pieces),
            )
        )
    return out
