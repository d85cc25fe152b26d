"""The code book: a project's codes as a tree, each with a plain definition, a colour, who made
it and when. Rename, merge, move and delete; deleting says what happens to its coding.

Every change is one transaction with one audit event (coprod_lab.store.audit).
"""

from __future__ import annotations

import re
from typing import Literal

import pandas as pd
from sqlalchemy import Connection, delete, insert, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import coded_utterances, codes, memos

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
COLUMNS = [
    "id",
    "name",
    "definition",
    "parent_id",
    "parent",
    "colour",
    "created_by",
    "created_at",
    "depth",
    "path",
]


def _clean(name: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise CoprodLabError("A code's name cannot be blank.")
    return name


def _colour(colour: str | None) -> str | None:
    if colour is None or colour == "":
        return None
    if not _COLOUR.fullmatch(colour):
        raise CoprodLabError(
            f"The colour {colour!r} is not a colour code like #1F77B4 (# and six hex digits)."
        )
    return colour.upper()


def code_id(db: Connection, project_id: int, name: str) -> int:
    """The id of the project's code with this name; CoprodLabError naming it if there is none."""
    found = db.execute(
        select(codes.c.id).where(codes.c.project_id == project_id, codes.c.name == _clean(name))
    ).scalar()
    if found is None:
        raise CoprodLabError(f"There is no code called {name!r} in this project.")
    return int(found)


def add_code(
    store: Store,
    project_id: int,
    name: str,
    *,
    actor: str,
    definition: str = "",
    parent: str | None = None,
    colour: str | None = None,
) -> int:
    """Add a code (under `parent`, a code's name, if given); returns its id.

    Raises CoprodLabError if the name is blank or taken, the parent unknown, the colour not
    "#RRGGBB"."""
    name, colour = _clean(name), _colour(colour)
    with store.write() as db:
        taken = db.execute(
            select(codes.c.id).where(codes.c.project_id == project_id, codes.c.name == name)
        ).first()
        if taken is not None:
            raise CoprodLabError(f"There is already a code called {name!r}; choose another name.")
        parent_id = code_id(db, project_id, parent) if parent else None
        new = db.execute(
            insert(codes).values(
                project_id=project_id,
                name=name,
                description=definition.strip(),
                created_by=actor,
                parent_id=parent_id,
                colour=colour,
            )
        ).inserted_primary_key[0]
        audit.record(db, actor=actor, action="created", subject="code", subject_id=new)
    return int(new)


def code_book(store: Store, project_id: int) -> pd.DataFrame:
    """The project's codes in tree order (each parent before its children, names A-Z), one row
    per code with COLUMNS: depth 0 for a top code, path "parent / child"."""
    with store.read() as db:
        rows = (
            db.execute(
                select(
                    codes.c.id,
                    codes.c.name,
                    codes.c.description.label("definition"),
                    codes.c.parent_id,
                    codes.c.colour,
                    codes.c.created_by,
                    codes.c.created_at,
                ).where(codes.c.project_id == project_id)
            )
            .mappings()
            .all()
        )
    by_id = {r["id"]: dict(r) for r in rows}
    children: dict[int | None, list[dict]] = {}
    for row in by_id.values():
        children.setdefault(row["parent_id"], []).append(row)
    out: list[dict] = []

    def walk(parent: int | None, depth: int, path: str) -> None:
        for row in sorted(children.get(parent, []), key=lambda r: r["name"].lower()):
            here = f"{path} / {row['name']}" if path else row["name"]
            parent_name = by_id[row["parent_id"]]["name"] if row["parent_id"] else None
            out.append({**row, "parent": parent_name, "depth": depth, "path": here})
            walk(row["id"], depth + 1, here)

    walk(None, 0, "")
    return pd.DataFrame(out, columns=COLUMNS)


def rename_code(
    store: Store,
    project_id: int,
    name: str,
    new_name: str,
    *,
    actor: str,
    definition: str | None = None,
    colour: str | None = None,
) -> None:
    """Rename a code (and change its definition or colour if given). Its coding stays with it."""
    new_name = _clean(new_name)
    values: dict[str, object] = {"name": new_name}
    if definition is not None:
        values["description"] = definition.strip()
    if colour is not None:
        values["colour"] = _colour(colour)
    with store.write() as db:
        cid = code_id(db, project_id, name)
        clash = db.execute(
            select(codes.c.id).where(
                codes.c.project_id == project_id, codes.c.name == new_name, codes.c.id != cid
            )
        ).first()
        if clash is not None:
            raise CoprodLabError(
                f"There is already a code called {new_name!r}: merge the two codes instead."
            )
        db.execute(update(codes).where(codes.c.id == cid).values(**values))
        audit.record(
            db,
            actor=actor,
            action="renamed",
            subject="code",
            subject_id=cid,
            detail={"from": _clean(name), "to": new_name},
        )


def move_code(
    store: Store, project_id: int, name: str, new_parent: str | None, *, actor: str
) -> None:
    """Put a code under another (None: at the top). Refuses to put a code under itself or
    under one of its own children, which would break the tree."""
    with store.write() as db:
        cid = code_id(db, project_id, name)
        parent_id = code_id(db, project_id, new_parent) if new_parent else None
        if parent_id is not None and (parent_id == cid or cid in _ancestors(db, parent_id)):
            raise CoprodLabError(
                f"{name!r} cannot go under {new_parent!r}: that is the code itself or one "
                "of its own children."
            )
        db.execute(update(codes).where(codes.c.id == cid).values(parent_id=parent_id))
        audit.record(
            db,
            actor=actor,
            action="moved",
            subject="code",
            subject_id=cid,
            detail={"parent_id": parent_id},
        )


def _ancestors(db: Connection, cid: int) -> list[int]:
    found: list[int] = []
    parent = db.execute(select(codes.c.parent_id).where(codes.c.id == cid)).scalar()
    while parent is not None and parent not in found:
        found.append(parent)
        parent = db.execute(select(codes.c.parent_id).where(codes.c.id == parent)).scalar()
    return found


def _recode(db: Connection, source: int, target: int) -> int:
    """Move every coding of `source` to `target`; a coding target already has is dropped.
    Returns how many codings moved."""
    rows = (
        db.execute(select(coded_utterances).where(coded_utterances.c.code_id == source))
        .mappings()
        .all()
    )
    moved = 0
    for row in rows:
        end = coded_utterances.c.end_char
        same = db.execute(
            select(coded_utterances.c.id).where(
                coded_utterances.c.code_id == target,
                coded_utterances.c.utterance_id == row["utterance_id"],
                coded_utterances.c.coder == row["coder"],
                coded_utterances.c.start_char == row["start_char"],
                end.is_(None) if row["end_char"] is None else end == row["end_char"],
            )
        ).scalar()
        if same is None:
            db.execute(
                update(coded_utterances)
                .where(coded_utterances.c.id == row["id"])
                .values(code_id=target)
            )
            moved += 1
        else:
            # Memos on the dropped duplicate follow it to the coding that stays.
            db.execute(update(memos).where(memos.c.passage_id == row["id"]).values(passage_id=same))
            db.execute(delete(coded_utterances).where(coded_utterances.c.id == row["id"]))
    return moved


def merge_codes(store: Store, project_id: int, source: str, target: str, *, actor: str) -> int:
    """Merge `source` into `target`: its coding, memos and child codes move to `target`, then
    `source` is deleted. Returns how many codings moved (the same passage coded by the same
    coder with both codes counts once)."""
    with store.write() as db:
        sid, tid = code_id(db, project_id, source), code_id(db, project_id, target)
        if sid == tid:
            raise CoprodLabError("A code cannot be merged into itself.")
        if sid in _ancestors(db, tid):
            db.execute(
                update(codes)
                .where(codes.c.id == tid)
                .values(
                    parent_id=db.execute(
                        select(codes.c.parent_id).where(codes.c.id == sid)
                    ).scalar()
                )
            )
        moved = _recode(db, sid, tid)
        db.execute(update(codes).where(codes.c.parent_id == sid).values(parent_id=tid))
        db.execute(update(memos).where(memos.c.code_id == sid).values(code_id=tid))
        db.execute(delete(codes).where(codes.c.id == sid))
        audit.record(
            db,
            actor=actor,
            action="merged",
            subject="code",
            subject_id=tid,
            detail={"merged_code_id": sid, "codings_moved": moved},
        )
    return moved


def delete_code(
    store: Store,
    project_id: int,
    name: str,
    *,
    actor: str,
    coding: Literal["remove", "to_parent"] | str,
) -> int:
    """Delete a code, saying what happens to its coding (there is no default, on purpose):

    - "remove": its coding (and the memos on those passages) is deleted;
    - "to_parent": its coding moves to its parent code (refused for a top-level code);
    - any other text: the name of a code its coding moves to.

    Its child codes move up to its parent; memos on the code itself are deleted with it.
    Returns how many codings were removed or moved."""
    with store.write() as db:
        cid = code_id(db, project_id, name)
        parent = db.execute(select(codes.c.parent_id).where(codes.c.id == cid)).scalar()
        if coding == "remove":
            count = len(
                db.execute(
                    delete(coded_utterances)
                    .where(coded_utterances.c.code_id == cid)
                    .returning(coded_utterances.c.id)
                ).all()
            )
        else:
            if coding == "to_parent":
                if parent is None:
                    raise CoprodLabError(
                        f"{name!r} has no parent code: choose 'remove' or a code to move "
                        "its coding to. Nothing was deleted."
                    )
                target = int(parent)
            else:
                target = code_id(db, project_id, coding)
                if target == cid:
                    raise CoprodLabError("A code's coding cannot move to the code being deleted.")
            count = _recode(db, cid, target)
        db.execute(update(codes).where(codes.c.parent_id == cid).values(parent_id=parent))
        db.execute(delete(codes).where(codes.c.id == cid))
        audit.record(
            db,
            actor=actor,
            action="deleted",
            subject="code",
            subject_id=cid,
            detail={"coding": coding, "codings": count},
        )
    return count
