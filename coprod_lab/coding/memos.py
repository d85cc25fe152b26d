"""Memos: dated notes by their author on the project, a session, a code, a participant or a
coded passage. A new memo never replaces an old one; all are kept, newest last."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import MEMO_SUBJECTS, memos

_COLUMN = {
    "session": "session_id",
    "code": "code_id",
    "participant": "participant_id",
    "passage": "passage_id",
}
COLUMNS = ["id", "about", "target_id", "text", "author", "written_at"]


def add_memo(
    store: Store,
    project_id: int,
    about: str,
    text: str,
    *,
    author: str,
    target_id: int | None = None,
) -> int:
    """Write a memo about the project (no target_id) or a session, code, participant or coded
    passage (its id as target_id). Returns the memo's id. Raises CoprodLabError for a blank
    text or author, an unknown subject, or a missing target; the database refuses an id that
    does not exist."""
    if about not in MEMO_SUBJECTS:
        raise CoprodLabError(f"A memo is about one of {', '.join(MEMO_SUBJECTS)}, not {about!r}.")
    if not text.strip() or not author.strip():
        raise CoprodLabError("A memo needs words and an author.")
    if (about == "project") != (target_id is None):
        raise CoprodLabError(
            "A project memo takes no target; a memo on a session, code, participant or passage "
            "needs its id."
        )
    values: dict[str, object] = {
        "project_id": project_id,
        "about": about,
        "text": text.strip(),
        "author": author.strip(),
    }
    if about != "project":
        values[_COLUMN[about]] = int(target_id)  # type: ignore[arg-type]
    with store.write() as db:
        new = int(db.execute(insert(memos).values(**values)).inserted_primary_key[0])
        audit.record(
            db,
            actor=author,
            action="wrote",
            subject="memo",
            subject_id=new,
            detail={"about": about},
        )
    return new


def memos_of(
    store: Store,
    project_id: int,
    about: str | None = None,
    target_id: int | None = None,
    *,
    real_names: bool = False,
) -> pd.DataFrame:
    """The project's memos (all, or about one kind of subject, or one subject) oldest first:
    COLUMNS, written_at a timezone-aware time. Names of the project's people in the text and
    as author are made up unless real_names (as exports do)."""
    query = select(memos).where(memos.c.project_id == project_id).order_by(memos.c.id)
    if about is not None:
        query = query.where(memos.c.about == about)
        if target_id is not None and about != "project":
            query = query.where(memos.c[_COLUMN[about]] == target_id)
    with store.read() as db:
        rows = db.execute(query).mappings().all()
    out = [
        {
            **{k: r[k] for k in ("id", "about", "text", "author", "written_at")},
            "target_id": r[_COLUMN[r["about"]]] if r["about"] != "project" else None,
        }
        for r in rows
    ]
    frame = pd.DataFrame(out, columns=COLUMNS)
    if real_names or frame.empty:
        return frame
    from coprod_lab.privacy.people import CODER_COLUMNS, made_up_names, pseudonymise

    return pseudonymise(
        frame, made_up_names(store, project_id), free_text=("text",), whole_names=CODER_COLUMNS
    )
