"""What is in a project, at a glance: its people by role and its sessions."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from sqlalchemy import func, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, participants, projects, sessions, utterances


@dataclass(frozen=True)
class SessionLine:
    title: str
    kind: str
    held_on: dt.date | None
    turns: int


@dataclass(frozen=True)
class ProjectSummary:
    id: int
    name: str
    description: str
    people_by_role: dict[str, int]
    sessions: tuple[SessionLine, ...]


def list_projects(store: Store) -> list[tuple[int, str]]:
    """Every project as (id, name), by name."""
    with store.read() as db:
        return [
            tuple(row)
            for row in db.execute(select(projects.c.id, projects.c.name).order_by(projects.c.name))
        ]


def project_named(store: Store, name: str) -> int:
    """The id of the project with this name.

    Raises CoprodLabError naming the projects there are (and the closest name, if one is near)
    when there is no project of that name.
    """
    with store.read() as db:
        found = db.scalar(select(projects.c.id).where(projects.c.name == name))
    if found is not None:
        return found
    known = [known_name for _, known_name in list_projects(store)]
    if not known:
        raise CoprodLabError(
            f"There is no project called {name!r} in the store; it has no projects yet."
        )
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise CoprodLabError(
        f"There is no project called {name!r} in the store.{hint} The projects are: "
        f"{', '.join(map(repr, known))}."
    )


def project_summary(store: Store, project_id: int) -> ProjectSummary:
    """Counts only: who takes part by role, and each session with its number of turns."""
    with store.read() as db:
        project = db.execute(
            select(projects.c.name, projects.c.description).where(projects.c.id == project_id)
        ).first()
        if project is None:
            raise CoprodLabError(f"There is no project number {project_id} in the store.")
        roles = db.execute(
            select(participants.c.role, func.count())
            .where(participants.c.project_id == project_id)
            .group_by(participants.c.role)
        ).all()
        turns = (
            select(func.count()).where(utterances.c.session_id == sessions.c.id).scalar_subquery()
        )
        rows = db.execute(
            select(sessions.c.title, sessions.c.kind, sessions.c.held_on, turns)
            .where(sessions.c.project_id == project_id)
            .order_by(sessions.c.held_on.nulls_last(), sessions.c.title)
        ).all()
    return ProjectSummary(
        id=project_id,
        name=project.name,
        description=project.description,
        people_by_role=dict(sorted(roles)),
        sessions=tuple(SessionLine(*row) for row in rows),
    )
