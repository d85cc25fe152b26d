"""Putting Transcript tables into the store: all of them in one transaction, or none.

Speakers whose name matches a participant of the project (display name) take that
participant's role; the others keep "unknown" until someone maps them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, insert, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import SESSION_KINDS, Store, projects, record, sessions, utterances
from coprod_lab.transcripts.speakers import known_speakers, person_for

if TYPE_CHECKING:
    import pandas as pd


class SessionExists(CoprodLabError):
    """A session of that name already has a transcript. The message tells a Python caller what
    to do; `for_command_line()` tells someone at the command line."""

    def __init__(self, title: str) -> None:
        self.title = title
        super().__init__(
            f"The session {title!r} already has a transcript; nothing was imported. Give the new "
            f'one another session name: read_transcript(path, session="{title} (2)").'
        )

    def for_command_line(self) -> str:
        return (
            f"The session {self.title!r} already has a transcript; nothing was imported. "
            f'Give the new one another session name: --session "{self.title} (2)".'
        )


class ProjectNameClose(CoprodLabError):
    """No project has this name but one has a name very like it: most likely a typing slip,
    which would otherwise split one project's sessions and speakers over two. The message tells
    a Python caller what to do; `for_command_line()` tells someone at the command line."""

    def __init__(self, name: str, close: str) -> None:
        self.name, self.close = name, close
        super().__init__(
            f"There is no project called {name!r}; did you mean {close!r}? Nothing was "
            f"imported. To start a new project called {name!r}, import again with "
            "new_project=True."
        )

    def for_command_line(self) -> str:
        return (
            f"There is no project called {self.name!r}; did you mean {self.close!r}? Nothing "
            f"was imported. To start a new project called {self.name!r}, add --new-project."
        )


# How alike two names must be (difflib's ratio) to be taken for a typing slip:
# "Hospital discharge grp" and "Hospital discharge group" are 0.91 alike.
CLOSE_NAME = 0.8


def check_kind(kind: str) -> None:
    """Raise CoprodLabError, naming the allowed kinds, unless `kind` is one of SESSION_KINDS."""
    if kind not in SESSION_KINDS:
        raise CoprodLabError(
            f"{kind!r} is not a kind of session; use one of {', '.join(SESSION_KINDS)} "
            '(a meeting that is none of these is "other").'
        )


@dataclass(frozen=True)
class ImportSummary:
    session: str
    source: str
    utterances: int
    speakers: int
    seconds: float | None

    def describe(self) -> str:
        length = "no timings" if self.seconds is None else _duration(self.seconds)
        return (
            f"{self.source}: {self.utterances} utterances, {self.speakers} speakers, "
            f"{length} (session {self.session!r})"
        )


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d} long" if hours else f"{minutes}:{secs:02d} long"


def summarise(table: pd.DataFrame) -> ImportSummary:
    timed = table[["start", "end"]].stack().dropna()  # a plain-text transcript has no times
    return ImportSummary(
        session=str(table["session"].iloc[0]),
        source=str(table["source"].iloc[0]),
        utterances=len(table),
        speakers=table["speaker"].nunique(),
        seconds=float(timed.max() - timed.min()) if len(timed) else None,
    )


def import_transcripts(
    store: Store,
    tables: list[pd.DataFrame],
    *,
    project: str,
    kind: str = "other",
    held_on: dt.date | Mapping[str, dt.date] | None = None,
    actor: str = "coprod-lab import",
    new_project: bool = False,
) -> list[ImportSummary]:
    """Store each table as a session of `project` (made if new). Nothing is stored on error.

    A new project whose name is very like an existing one's is refused as a likely typing
    slip (ProjectNameClose) unless `new_project` is True.

    `kind`: what the sessions were, one of "pair_meeting", "storytelling", "workshop",
    "interview" or "other" (the default; store.SESSION_KINDS).
    `held_on`: the day the sessions were held: one date for all, or a date for each session
    name (the table's `session`); sessions not given keep their date, or none.
    Raises CoprodLabError for another kind, a date that is not a date, or a session that
    already has a transcript (SessionExists); then nothing is stored.
    """
    check_kind(kind)
    dates = _dates(tables, held_on)
    with store.write() as db:
        project_id = _project(db, project, actor, new_project=new_project)
        add_transcripts(db, project_id, tables, kind=kind, actor=actor, held_on=dates)
    return [summarise(table) for table in tables]


def _dates(
    tables: list[pd.DataFrame], held_on: dt.date | Mapping[str, dt.date] | None
) -> dict[str, dt.date]:
    titles = [str(table["session"].iloc[0]) for table in tables]
    if held_on is None:
        return {}
    if not isinstance(held_on, Mapping):
        held_on = dict.fromkeys(titles, held_on)
    unknown = set(held_on) - set(titles)
    if unknown:
        raise CoprodLabError(
            f"There is a date for {', '.join(sorted(map(repr, unknown)))}, but no session of "
            f"that name is imported; the sessions are {', '.join(map(repr, titles))}."
        )
    for title, day in held_on.items():
        if not isinstance(day, dt.date):
            raise CoprodLabError(
                f"The date for {title!r} is {day!r}; give a date, such as "
                "datetime.date(2026, 3, 14)."
            )
    return dict(held_on)


def add_transcripts(
    db: Connection,
    project_id: int,
    tables: list[pd.DataFrame],
    *,
    kind: str = "other",
    actor: str,
    held_on: Mapping[str, dt.date] | None = None,
) -> None:
    """Add tables to a project inside the caller's transaction (see import_transcripts)."""
    check_kind(kind)
    # Display names and the speaker names remembered for this project.
    people = known_speakers(db, project_id)
    for table in tables:
        day = (held_on or {}).get(str(table["session"].iloc[0]))
        _import_one(db, table, project_id, kind, actor, people, day)


def _project(db: Connection, name: str, actor: str, *, new_project: bool = False) -> int:
    found = db.scalar(select(projects.c.id).where(projects.c.name == name))
    if found is not None:
        return found
    if not new_project:
        known = list(db.scalars(select(projects.c.name)))
        close = difflib.get_close_matches(name, known, n=1, cutoff=CLOSE_NAME)
        if close:
            raise ProjectNameClose(name, close[0])
    made = db.execute(insert(projects).values(name=name)).inserted_primary_key[0]
    record(db, actor=actor, action="create", subject="project", subject_id=made)
    return made


def _import_one(
    db: Connection, table, project_id: int, kind: str, actor: str, people, day: dt.date | None
) -> None:
    title = str(table["session"].iloc[0])
    session_id = db.scalar(
        select(sessions.c.id).where(sessions.c.project_id == project_id, sessions.c.title == title)
    )
    if session_id is None:
        session_id = db.execute(
            insert(sessions).values(project_id=project_id, title=title, kind=kind, held_on=day)
        ).inserted_primary_key[0]
        record(db, actor=actor, action="create", subject="session", subject_id=session_id)
    elif db.scalar(select(func.count()).where(utterances.c.session_id == session_id)):
        raise SessionExists(title)
    elif day is not None:
        db.execute(update(sessions).where(sessions.c.id == session_id).values(held_on=day))
    rows = []
    for row in table.to_dict("records"):
        person, role = person_for(people, row["speaker"]) or (None, row["role"])
        rows.append(
            {
                "session_id": session_id,
                "turn": int(row["turn"]),
                "start": None if math.isnan(row["start"]) else float(row["start"]),
                "end": None if math.isnan(row["end"]) else float(row["end"]),
                "speaker": row["speaker"],
                "role": role,
                "text": row["text"],
                "source": row["source"],
                "line": int(row["line"]),
                "participant_id": person,
            }
        )
    db.execute(insert(utterances), rows)
    record(
        db,
        actor=actor,
        action="import",
        subject="session",
        subject_id=session_id,
        detail={"utterances": len(rows), "source": str(table["source"].iloc[0])},
    )
