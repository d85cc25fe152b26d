"""A project's preparation, filled in together before the work starts: are we ready (intention),
what are we here for (purpose), and who should be there (a stakeholder map).

The questions follow the co-production guides this project is built on (SCIE, "Co-production
in social care: what it is and how to do it", 2015; NCCPE and Think Local Act Personal
checklists): co-production fails most often before the session, when nobody asked whether the
team is serious, ready to act on what it hears, and has a budget. Every save keeps a new
version, so earlier answers can be read again. The map names groups and roles, never a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, projects, record
from coprod_lab.store.schema import preparations

INTENTION: tuple[tuple[str, str], ...] = (
    ("serious", "Are we serious about sharing power with the people who use the service?"),
    ("act", "Will we listen, and act on what we hear?"),
    ("leaders", "Do our leaders support this?"),
    ("why", "Do we know why we are doing this?"),
    ("uncertainty", "Can we live with not knowing where it will lead?"),
    ("budget", "Is there a budget, including for paying people and for access needs?"),
)
ANSWERS = {"yes": "Yes", "not_yet": "Not yet", "no": "No"}

PURPOSE: tuple[tuple[str, str], ...] = (
    ("outcome", "The result we hope for"),
    ("open", "Are we open to results nobody planned? How?"),
    ("responsible", "Who is responsible for acting on the results"),
    ("capture", "How we will write down and share the results"),
)

HOW_MUCH = {"a_lot": "a lot", "some": "some", "a_little": "a little"}


@dataclass(frozen=True)
class Answer:
    answer: str = ""  # "" (not answered), or a key of ANSWERS
    note: str = ""


@dataclass(frozen=True)
class Group:
    """A group a decision affects, how much (a key of HOW_MUCH), and who from it is involved,
    by role ("two carers, a ward nurse"); blank when nobody is."""

    name: str
    how_much: str
    involved: str = ""


@dataclass(frozen=True)
class Preparation:
    intention: dict[str, Answer] = field(default_factory=dict)
    purpose: dict[str, str] = field(default_factory=dict)
    groups: tuple[Group, ...] = ()
    version: int = 0  # 1 for the first saved version; 0 when nothing is saved yet
    author: str = ""
    saved_at: dt.datetime | None = None

    def fields(self) -> dict:
        """The answers as stored (JSON): no version, author or time."""
        return {
            "intention": {
                k: {"answer": a.answer, "note": a.note} for k, a in self.intention.items()
            },
            "purpose": dict(self.purpose),
            "groups": [
                {"name": g.name, "how_much": g.how_much, "involved": g.involved}
                for g in self.groups
            ],
        }


def _from_fields(fields: dict, version: int, author: str, saved_at: dt.datetime) -> Preparation:
    return Preparation(
        intention={k: Answer(**v) for k, v in fields.get("intention", {}).items()},
        purpose=dict(fields.get("purpose", {})),
        groups=tuple(Group(**g) for g in fields.get("groups", [])),
        version=version,
        author=author,
        saved_at=saved_at,
    )


def _cleaned(preparation: Preparation) -> Preparation:
    """The same answers with spaces trimmed; raises CoprodLabError for an unknown answer, a
    group with no name, an unknown "how much", or two groups of the same name."""
    intention = {}
    known = dict(INTENTION)
    for key, answer in preparation.intention.items():
        if key not in known:
            raise CoprodLabError(f"There is no question “{key}” in the preparation.")
        if answer.answer not in ("", *ANSWERS):
            raise CoprodLabError(f"Answer “{known[key]}” with yes, not yet or no.")
        intention[key] = Answer(answer.answer, answer.note.strip())
    purpose = {key: preparation.purpose.get(key, "").strip() for key, _ in PURPOSE}
    groups = []
    seen = set()
    for group in preparation.groups:
        name = group.name.strip()
        if not name and not group.involved.strip():
            continue  # an empty row left on the page
        if not name:
            raise CoprodLabError("Give every group on the map a name, or leave its row empty.")
        if group.how_much not in HOW_MUCH:
            raise CoprodLabError(f"Say how much the decision affects “{name}”.")
        if name.lower() in seen:
            raise CoprodLabError(f"“{name}” is on the map twice. Keep one.")
        seen.add(name.lower())
        groups.append(Group(name, group.how_much, group.involved.strip()))
    return Preparation(intention, purpose, tuple(groups))


def save_preparation(
    store: Store, project_id: int, preparation: Preparation, *, actor: str
) -> int | None:
    """Keep the preparation as the project's newest version, all of it in one transaction.

    Returns the new version's number (1, 2, …), or None when nothing changed (nothing saved).
    Raises CoprodLabError, saving nothing, for an unknown project or answer (see _cleaned).
    """
    fields = _cleaned(preparation).fields()
    with store.write() as db:
        if db.scalar(select(projects.c.id).where(projects.c.id == project_id)) is None:
            raise CoprodLabError(f"There is no project number {project_id}.")
        newest = db.scalar(
            select(preparations.c.fields)
            .where(preparations.c.project_id == project_id)
            .order_by(preparations.c.id.desc())
            .limit(1)
        )
        if newest == fields:
            return None
        version_id = db.execute(
            insert(preparations).values(project_id=project_id, fields=fields, author=actor)
        ).inserted_primary_key[0]
        record(db, actor=actor, action="write", subject="preparation", subject_id=version_id)
        return db.scalar(select(func.count()).where(preparations.c.project_id == project_id))


def preparation(store: Store, project_id: int, version: int | None = None) -> Preparation:
    """The project's preparation: the newest version, or version `version` (1 is the first).

    An empty Preparation (version 0) when nothing is saved; CoprodLabError for a version that
    does not exist.
    """
    with store.read() as db:
        rows = db.execute(
            select(preparations.c.fields, preparations.c.author, preparations.c.saved_at)
            .where(preparations.c.project_id == project_id)
            .order_by(preparations.c.id)
        ).all()
    if not rows:
        if version:
            raise CoprodLabError(f"There is no version {version} of the preparation.")
        return Preparation()
    number = len(rows) if version is None else version
    if not 1 <= number <= len(rows):
        raise CoprodLabError(f"There is no version {version} of the preparation.")
    fields, author, saved_at = rows[number - 1]
    return _from_fields(fields, number, author, saved_at)


def versions(store: Store, project_id: int) -> list[tuple[int, str, dt.datetime]]:
    """Every saved version, newest first, as (number, author, saved at)."""
    with store.read() as db:
        rows = db.execute(
            select(preparations.c.author, preparations.c.saved_at)
            .where(preparations.c.project_id == project_id)
            .order_by(preparations.c.id)
        ).all()
    return [(n, author, at) for n, (author, at) in reversed(list(enumerate(rows, 1)))]


def to_sort_out(found: Preparation) -> list[str]:
    """Sentences for every intention question answered "not yet" or "no", or not answered:
    the things to sort out before starting. Empty when every answer is yes."""
    said = []
    for key, question in INTENTION:
        answer = found.intention.get(key, Answer())
        if answer.answer == "yes":
            continue
        label = ANSWERS.get(answer.answer, "Not answered yet")
        note = f" ({answer.note})" if answer.note else ""
        said.append(f"{label}: {question}{note}")
    return said


def who_is_missing(found: Preparation) -> list[str]:
    """A plain sentence for each group on the map with nobody involved, most affected first."""
    order = list(HOW_MUCH)
    missing = sorted(
        (g for g in found.groups if not g.involved), key=lambda g: order.index(g.how_much)
    )
    return [
        f"No one from “{g.name}” is involved yet, and the decision affects them "
        f"{HOW_MUCH[g.how_much]}."
        for g in missing
    ]
