"""Coding passages: characters within one turn (start, end; the whole turn is 0 .. its length)
given one or more codes, with coder and time; removing a coding; undo of the last change.

Every change writes one audit event in its own transaction. The events of coding and removing
carry what undo needs to reverse them (ids and character offsets, never the words), so undo
reads the audit trail rather than keeping state of its own: it reverses the coder's newest
change not yet undone, and each call goes one change further back.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, and_, delete, insert, or_, select

from coprod_lab.coding.codebook import code_id
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import coded_utterances, codes, events, sessions, utterances

CODED, UNCODED, UNDONE = "coded passage", "removed coding", "undid"


def _turn_text(db: Connection, project_id: int, utterance_id: int) -> str:
    text = db.execute(
        select(utterances.c.text)
        .join(sessions, sessions.c.id == utterances.c.session_id)
        .where(utterances.c.id == utterance_id, sessions.c.project_id == project_id)
    ).scalar()
    if text is None:
        raise CoprodLabError(f"Utterance {utterance_id} is not in this project; nothing was coded.")
    return text


def code_passage(
    store: Store,
    project_id: int,
    utterance_id: int,
    code_names: str | Sequence[str],
    *,
    coder: str,
    start: int | None = None,
    end: int | None = None,
) -> list[int]:
    """Code characters start..end (Python slice, 0-based) of one turn's text with one or more
    codes; no start and end codes the whole turn (0 .. len(text)). Returns the new codings' ids
    (a coding the coder already made is not repeated and returns no id).

    Raises CoprodLabError, changing nothing, for a blank coder, an unknown code or turn, or
    offsets outside the text or with start >= end."""
    if not coder.strip():
        raise CoprodLabError("Say who is coding: the coder's name cannot be blank.")
    names = [code_names] if isinstance(code_names, str) else list(code_names)
    if not names:
        raise CoprodLabError("Choose at least one code.")
    made: list[int] = []
    with store.write() as db:
        text = _turn_text(db, project_id, utterance_id)
        start = 0 if start is None else int(start)
        end = len(text) if end is None else int(end)
        if not 0 <= start < end <= len(text):
            raise CoprodLabError(
                f"Characters {start} to {end} are not within turn {utterance_id}, which has "
                f"{len(text)} characters; nothing was coded."
            )
        for name in names:
            cid = code_id(db, project_id, name)
            exists = db.execute(
                select(coded_utterances.c.id).where(
                    coded_utterances.c.code_id == cid,
                    coded_utterances.c.utterance_id == utterance_id,
                    coded_utterances.c.coder == coder,
                    coded_utterances.c.start_char == start,
                    # themes.codes writes a whole turn with no end: the same coding.
                    or_(
                        coded_utterances.c.end_char == end,
                        and_(coded_utterances.c.end_char.is_(None), end == len(text)),
                    ),
                )
            ).first()
            if exists is not None:
                continue
            new = int(
                db.execute(
                    insert(coded_utterances).values(
                        code_id=cid,
                        utterance_id=utterance_id,
                        coder=coder,
                        start_char=start,
                        end_char=end,
                    )
                ).inserted_primary_key[0]
            )
            made.append(new)
        if made:
            audit.record(
                db,
                actor=coder,
                action=CODED,
                subject="passage",
                subject_id=made[0],
                detail={"project": project_id, "ids": made},
            )
    return made


def remove_coding(store: Store, project_id: int, passage_id: int, *, actor: str) -> None:
    """Remove one coding (memos on it go with it). Undo puts the coding back, not its memos."""
    with store.write() as db:
        row = (
            db.execute(
                select(coded_utterances)
                .join(codes, codes.c.id == coded_utterances.c.code_id)
                .where(coded_utterances.c.id == passage_id, codes.c.project_id == project_id)
            )
            .mappings()
            .first()
        )
        if row is None:
            raise CoprodLabError(f"There is no coding {passage_id} in this project.")
        db.execute(delete(coded_utterances).where(coded_utterances.c.id == passage_id))
        # Put back under its own id, so undoing further back still finds it.
        kept = {
            k: row[k] for k in ("id", "code_id", "utterance_id", "coder", "start_char", "end_char")
        }
        kept["coded_at"] = row["coded_at"].isoformat()
        audit.record(
            db,
            actor=actor,
            action=UNCODED,
            subject="passage",
            subject_id=passage_id,
            detail={"project": project_id, "rows": [kept]},
        )


def undo_last(store: Store, project_id: int, *, actor: str) -> str:
    """Reverse `actor`'s newest coding or removal not yet undone; returns a plain sentence of
    what was undone. Raises CoprodLabError when there is nothing left to undo."""
    import datetime as dt

    with store.write() as db:
        done = db.execute(
            select(events.c.id, events.c.action, events.c.detail)
            .where(events.c.actor == actor, events.c.action.in_([CODED, UNCODED, UNDONE]))
            .order_by(events.c.id.desc())
        ).all()
        undone = {int(d["event"]) for _, action, d in done if action == UNDONE}
        for event_id, action, detail in done:
            if action == UNDONE or event_id in undone or detail.get("project") != project_id:
                continue
            if action == CODED:
                ids = [int(i) for i in detail["ids"]]
                db.execute(delete(coded_utterances).where(coded_utterances.c.id.in_(ids)))
                said = f"Removed the {len(ids)} coding(s) just made."
            else:
                rows = [
                    {**r, "coded_at": dt.datetime.fromisoformat(r["coded_at"])}
                    for r in detail["rows"]
                ]
                # A code or turn deleted since cannot take its coding back.
                live = set(
                    db.execute(select(codes.c.id).where(codes.c.project_id == project_id)).scalars()
                )
                turns = set(
                    db.execute(
                        select(utterances.c.id).where(
                            utterances.c.id.in_([r["utterance_id"] for r in rows])
                        )
                    ).scalars()
                )
                rows = [r for r in rows if r["code_id"] in live and r["utterance_id"] in turns]
                if rows:
                    db.execute(insert(coded_utterances), rows)
                said = f"Put back {len(rows)} coding(s) just removed."
            audit.record(
                db, actor=actor, action=UNDONE, subject="passage", detail={"event": event_id}
            )
            return said
    raise CoprodLabError("There is nothing of yours left to undo.")
