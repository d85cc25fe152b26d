"""Participant attributes beyond role (age group, service used, site), typed: text, number,
date or choice. Values are checked against their type when saved, and read back typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
from sqlalchemy import delete, insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import ATTRIBUTE_KINDS, attribute_values, attributes, participants


def define_attribute(
    store: Store,
    project_id: int,
    name: str,
    kind: str,
    *,
    actor: str,
    choices: Sequence[str] | None = None,
) -> int:
    """Add an attribute of one kind ("text", "number", "date", "choice"; a choice needs its
    choices). Returns its id. Raises CoprodLabError for a blank or taken name or a wrong kind."""
    name = " ".join(name.split())
    if kind not in ATTRIBUTE_KINDS:
        raise CoprodLabError(f"An attribute is one of {', '.join(ATTRIBUTE_KINDS)}, not {kind!r}.")
    if not name:
        raise CoprodLabError("An attribute's name cannot be blank.")
    if (kind == "choice") != bool(choices):
        raise CoprodLabError("A choice attribute needs its choices; other kinds take none.")
    with store.write() as db:
        if db.execute(
            select(attributes.c.id).where(
                attributes.c.project_id == project_id, attributes.c.name == name
            )
        ).first():
            raise CoprodLabError(f"There is already an attribute called {name!r}.")
        new = int(
            db.execute(
                insert(attributes).values(
                    project_id=project_id,
                    name=name,
                    kind=kind,
                    choices=list(choices) if choices else None,
                    created_by=actor,
                )
            ).inserted_primary_key[0]
        )
        audit.record(db, actor=actor, action="created", subject="attribute", subject_id=new)
    return new


def _canonical(kind: str, choices: list[str] | None, value: object, name: str) -> str:
    try:
        if kind == "number":
            number = float(value)  # type: ignore[arg-type]
            return repr(int(number)) if number.is_integer() else repr(number)
        if kind == "date":
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            return day.isoformat()
    except (TypeError, ValueError):
        raise CoprodLabError(
            f"{value!r} is not a {kind} for {name!r}"
            + (" (write dates as 2026-11-30)." if kind == "date" else ".")
        ) from None
    text = " ".join(str(value).split())
    if not text:
        raise CoprodLabError(f"The value for {name!r} is blank; clear it instead.")
    if kind == "choice" and text not in (choices or []):
        raise CoprodLabError(f"{text!r} is not one of the choices for {name!r}: {choices}.")
    return text


def _typed(kind: str, value: str) -> object:
    if kind == "number":
        return float(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    return value


def set_attribute(
    store: Store,
    project_id: int,
    participant_id: int,
    name: str,
    value: object,
    *,
    actor: str,
) -> None:
    """Give a participant a value (None clears it), checked against the attribute's kind."""
    with store.write() as db:
        found = (
            db.execute(
                select(attributes).where(
                    attributes.c.project_id == project_id, attributes.c.name == name
                )
            )
            .mappings()
            .first()
        )
        if found is None:
            raise CoprodLabError(f"There is no attribute called {name!r} in this project.")
        if (
            db.execute(
                select(participants.c.id).where(
                    participants.c.id == participant_id, participants.c.project_id == project_id
                )
            ).first()
            is None
        ):
            raise CoprodLabError(f"Participant {participant_id} is not in this project.")
        where = (
            attribute_values.c.attribute_id == found["id"],
            attribute_values.c.participant_id == participant_id,
        )
        db.execute(delete(attribute_values).where(*where))
        if value is not None:
            db.execute(
                insert(attribute_values).values(
                    attribute_id=found["id"],
                    participant_id=participant_id,
                    value=_canonical(found["kind"], found["choices"], value, name),
                )
            )
        audit.record(
            db,
            actor=actor,
            action="set attribute",
            subject="participant",
            subject_id=participant_id,
            detail={"attribute_id": found["id"]},
        )


def attribute_table(store: Store, project_id: int) -> pd.DataFrame:
    """One row per participant (index participant_id), one typed column per attribute
    (float, datetime.date or str; missing values NaN/None), plus `role`."""
    with store.read() as db:
        people = db.execute(
            select(participants.c.id, participants.c.role).where(
                participants.c.project_id == project_id
            )
        ).all()
        defined = db.execute(
            select(attributes.c.id, attributes.c.name, attributes.c.kind)
            .where(attributes.c.project_id == project_id)
            .order_by(attributes.c.id)
        ).all()
        values = db.execute(
            select(
                attribute_values.c.attribute_id,
                attribute_values.c.participant_id,
                attribute_values.c.value,
            )
            .join(attributes, attributes.c.id == attribute_values.c.attribute_id)
            .where(attributes.c.project_id == project_id)
        ).all()
    table = pd.DataFrame({"role": {pid: role for pid, role in people}})
    table.index.name = "participant_id"
    kinds = {aid: (name, kind) for aid, name, kind in defined}
    for aid, (name, kind) in kinds.items():
        column = {pid: _typed(kind, v) for a, pid, v in values if a == aid}
        table[name] = pd.Series(column, dtype=float if kind == "number" else object)
    return table


Condition = object | Sequence[object] | Callable[[object], bool]


def matching(table: pd.DataFrame, conditions: Mapping[str, Condition]) -> set[int]:
    """The participant ids in an attribute_table whose values meet every condition: a value
    (equal), a list or set (one of), or a function of the value (true). Raises CoprodLabError
    for an attribute the table does not have."""
    keep = pd.Series(True, index=table.index)
    for name, wanted in conditions.items():
        if name not in table.columns:
            raise CoprodLabError(f"There is no attribute called {name!r} in this project.")
        column = table[name]
        if callable(wanted):
            keep &= column.map(lambda v, f=wanted: bool(f(v)) if not _missing(v) else False)
        elif isinstance(wanted, list | set | tuple | frozenset):
            keep &= column.isin(list(wanted))
        else:
            keep &= column == wanted
    return {int(i) for i in table.index[keep]}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)
