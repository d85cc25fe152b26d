"""Which sessions are open for co-analysis. A co-analyst's link reaches only these; every write
checks again, inside its own transaction, that the turn's session is still open."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import coanalysis_sessions, codes, sessions, utterances

# Words picked out with no code of the code book chosen are coded with this code, so they
# still travel as coded segments (REFI-QDA has no segment without a code). Opening a session
# puts it in the code book, so co-analysts coding at once never race to make it.
WORDS_THAT_MATTER = "Words that matter"
WORDS_THAT_MATTER_MEANING = "Words a co-analyst picked out as mattering, with why."


def _session_project(db: Connection, session_id: int) -> int:
    project = db.execute(
        select(sessions.c.project_id).where(sessions.c.id == int(session_id))
    ).scalar()
    if project is None:
        raise CoprodLabError(f"There is no session number {session_id}.")
    return int(project)


def other_names(store: Store, session_id: int) -> list[str]:
    """Names of people who are not the project's participants in the session's words, found
    by the project's name recogniser (privacy.redact with people=True; about 1.7 s to load the
    first time in a process). Participants' names are left out: pages replace those by their
    made-up names."""
    from coprod_lab.privacy.people import made_up_names
    from coprod_lab.privacy.redact import find_all

    with store.read() as db:
        project = _session_project(db, session_id)
        texts = list(
            db.execute(
                select(utterances.c.text)
                .where(utterances.c.session_id == int(session_id))
                .order_by(utterances.c.turn)
            ).scalars()
        )
    known = made_up_names(store, project)
    numbers = {name: i for i, name in enumerate(known, start=1)}
    found = {
        f.text
        for findings in find_all(texts, numbers, people=True)
        for f in findings
        if f.kind == "PERSON"
        and int(f.placeholder.removeprefix("[PERSON ").removesuffix("]")) > len(numbers)
    }
    return sorted(found)


def open_for_coanalysis(
    store: Store, session_id: int, *, actor: str, look_for_names: bool = True
) -> None:
    """Open a session for co-analysis (again, if it was closed), first finding the names of
    people who are not participants in its words (other_names) so co-analysts' pages hide
    them. look_for_names=False skips that (tests of other things; the demo, whose words hold
    no such names). Raises CoprodLabError for an unknown session."""
    names = other_names(store, session_id) if look_for_names else []
    with store.write() as db:
        project = _session_project(db, session_id)
        has_code = db.execute(
            select(codes.c.id).where(
                codes.c.project_id == project, codes.c.name == WORDS_THAT_MATTER
            )
        ).first()
        if has_code is None:
            db.execute(
                insert(codes).values(
                    project_id=project,
                    name=WORDS_THAT_MATTER,
                    description=WORDS_THAT_MATTER_MEANING,
                    created_by=actor,
                )
            )
        there = db.execute(
            select(coanalysis_sessions.c.session_id).where(
                coanalysis_sessions.c.session_id == int(session_id)
            )
        ).first()
        if there is None:
            db.execute(
                insert(coanalysis_sessions).values(
                    session_id=int(session_id), opened_by=actor, other_names=names
                )
            )
        else:
            db.execute(
                update(coanalysis_sessions)
                .where(coanalysis_sessions.c.session_id == int(session_id))
                .values(
                    closed_at=None,
                    opened_by=actor,
                    opened_at=dt.datetime.now(dt.UTC),
                    other_names=names,
                )
            )
        audit.record(
            db,
            actor=actor,
            action="opened for co-analysis",
            subject="session",
            subject_id=session_id,
        )


def close_coanalysis(store: Store, session_id: int, *, actor: str) -> None:
    """Close a session to co-analysts: their pages can no longer read or change it. What they
    coded stays."""
    with store.write() as db:
        changed = db.execute(
            update(coanalysis_sessions)
            .where(
                coanalysis_sessions.c.session_id == int(session_id),
                coanalysis_sessions.c.closed_at.is_(None),
            )
            .values(closed_at=dt.datetime.now(dt.UTC))
        ).rowcount
        if not changed:
            raise CoprodLabError(f"Session {session_id} is not open for co-analysis.")
        audit.record(
            db, actor=actor, action="closed co-analysis", subject="session", subject_id=session_id
        )


def hidden_names(db: Connection, session_id: int, *, opened: bool = False) -> list[str] | None:
    """The session's other_names, read inside the caller's transaction (opened=True: None
    when the session was never opened for co-analysis)."""
    found = db.execute(
        select(coanalysis_sessions.c.session_id, coanalysis_sessions.c.other_names).where(
            coanalysis_sessions.c.session_id == int(session_id)
        )
    ).first()
    if found is None and opened:
        return None
    return list((found.other_names if found else None) or [])


def is_open(db: Connection, session_id: int) -> bool:
    """Whether the session is open for co-analysis, read inside the caller's transaction."""
    return (
        db.execute(
            select(coanalysis_sessions.c.session_id).where(
                coanalysis_sessions.c.session_id == int(session_id),
                coanalysis_sessions.c.closed_at.is_(None),
            )
        ).first()
        is not None
    )


def open_sessions(store: Store, project_id: int) -> list[tuple[int, str]]:
    """The project's sessions open for co-analysis, as (session id, title), oldest first."""
    with store.read() as db:
        rows = db.execute(
            select(sessions.c.id, sessions.c.title)
            .join(coanalysis_sessions, coanalysis_sessions.c.session_id == sessions.c.id)
            .where(sessions.c.project_id == project_id, coanalysis_sessions.c.closed_at.is_(None))
            .order_by(sessions.c.id)
        ).all()
    return [(int(i), t) for i, t in rows]


def sessions_opened(store: Store, project_id: int) -> list[tuple[int, str]]:
    """The project's sessions ever opened for co-analysis (open now or closed since), as
    (session id, title), oldest first: what reports on co-analysis cover."""
    with store.read() as db:
        rows = db.execute(
            select(sessions.c.id, sessions.c.title)
            .join(coanalysis_sessions, coanalysis_sessions.c.session_id == sessions.c.id)
            .where(sessions.c.project_id == project_id)
            .order_by(sessions.c.id)
        ).all()
    return [(int(i), t) for i, t in rows]
