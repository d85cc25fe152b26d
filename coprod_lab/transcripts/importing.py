"""Putting Transcript tables into the store: all of them in one transaction, or none.

Speakers whose name matches a participant of the project (display name) take that
participant's role; the others keep "unknown" until someone maps them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, projects, record, sessions, utterances
from coprod_lab.transcripts.speakers import known_speakers, person_for

if TYPE_CHECKING:
    import pandas as pd


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
    actor: str = "coprod-lab import",
) -> list[ImportSummary]:
    """Store each table as a session of `project` (made if new). Nothing is stored on error."""
    with store.write() as db:
        project_id = _project(db, project, actor)
        add_transcripts(db, project_id, tables, kind=kind, actor=actor)
    return [summarise(table) for table in tables]


def add_transcripts(
    db: Connection,
    project_id: int,
    tables: list[pd.DataFrame],
    *,
    kind: str = "other",
    actor: str,
) -> None:
    """Add tables to a project inside the caller's transaction (see import_transcripts)."""
    # Display names and the speaker names remembered for this project.
    people = known_speakers(db, project_id)
    for table in tables:
        _import_one(db, table, project_id, kind, actor, people)


def _project(db: Connection, name: str, actor: str) -> int:
    found = db.scalar(select(projects.c.id).where(projects.c.name == name))
    if found is not None:
        return found
    made = db.execute(insert(projects).values(name=name)).inserted_primary_key[0]
    record(db, actor=actor, action="create", subject="project", subject_id=made)
    return made


def _import_one(db: Connection, table, project_id: int, kind: str, actor: str, people) -> None:
    title = str(table["session"].iloc[0])
    session_id = db.scalar(
        select(sessions.c.id).where(sessions.c.project_id == project_id, sessions.c.title == title)
    )
    if session_id is None:
        session_id = db.execute(
            insert(sessions).values(project_id=project_id, title=title, kind=kind)
        ).inserted_primary_key[0]
        record(db, actor=actor, action="create", subject="session", subject_id=session_id)
    elif db.scalar(select(func.count()).where(utterances.c.session_id == session_id)):
        raise CoprodLabError(
            f"The session {title!r} already has a transcript; nothing was imported. "
            "Give the new one another session name (--session)."
        )
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
