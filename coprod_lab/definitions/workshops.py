"""Definition workshops: the room code, the facilitator key, and the stage the room is at.

The room code is short and unambiguous (no 0/O or 1/I) so people can type it from a slide.
The facilitator key is long and random and kept only as a SHA-256 hash: a random key needs no
slow password hash, and a stolen database still does not open the facilitator page.
The results board has a view-only key of its own, made from the facilitator key by a one-way
hash: the facilitator page can always show the board's link, and whoever sees the projector's
address bar cannot get from the board key back to the facilitator key.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, record
from coprod_lab.store.schema import ACTIVITIES, WORKSHOP_STAGES, projects, workshops

ROOM_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ROOM_CODE_LENGTH = 6

STAGE_LABELS = {
    "words": "Add words",
    "sentences": "Build sentences",
    "vote": "Vote",
    "finished": "Finished",
}

FIRST_PROJECT = "Definition workshops"  # made for a workshop started on an empty store

DEFAULT_POLICY = (
    "Everyone's words count. The facilitator may join two entries that say the same thing, "
    "or hide an entry that is unkind or shares someone's private details, and always says "
    "why. Changes to the words of a definition are made only if the person who wrote it "
    "agrees."
)


@dataclass(frozen=True)
class Workshop:
    id: int
    project_id: int
    title: str
    room_code: str
    stage: str
    policy: str
    changed: int
    activity: str = "definitions"  # or "quiz", "questions" (coprod_lab.activities)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def board_key_for(facilitator_key: str) -> str:
    """The results board's view-only key for a facilitator key (32 letters and digits)."""
    return hashlib.sha256(f"results board:{facilitator_key}".encode()).hexdigest()[:32]


def new_room_code() -> str:
    return "".join(secrets.choice(ROOM_CODE_LETTERS) for _ in range(ROOM_CODE_LENGTH))


def normal_room_code(code: str) -> str:
    """What people type, as the store keeps it: capitals, no spaces or dashes."""
    return "".join(code.split()).replace("-", "").upper()


def create_workshop(
    store: Store,
    project_id: int,
    title: str,
    *,
    session_id: int | None = None,
    policy: str = DEFAULT_POLICY,
    activity: str = "definitions",
    actor: str,
) -> tuple[Workshop, str]:
    """A new workshop at the words stage. Returns it and its facilitator key (shown once).

    `activity` is what the room does: "definitions" (build and vote on a definition), or one
    of the room activities in `coprod_lab.activities` ("quiz", "questions"), which use the
    same room code, cards, keys and pages.
    """
    title = " ".join(title.split())
    if not title:
        raise CoprodLabError("Give the workshop a name.")
    if activity not in ACTIVITIES:
        raise CoprodLabError(f"{activity!r} is not an activity; choose one of {ACTIVITIES}.")
    key = secrets.token_urlsafe(24)
    for _attempt in range(20):
        code = new_room_code()
        try:
            with store.write() as db:
                new_id = db.execute(
                    workshops.insert().values(
                        project_id=project_id,
                        session_id=session_id,
                        title=title,
                        room_code=code,
                        facilitator_key_hash=hash_key(key),
                        board_key_hash=hash_key(board_key_for(key)),
                        policy=policy,
                        activity=activity,
                    )
                ).inserted_primary_key[0]
                record(db, actor=actor, action="create", subject="workshop", subject_id=new_id)
            return get_workshop(store, new_id), key
        except IntegrityError:
            with store.read() as db:
                taken = db.scalar(
                    select(workshops.c.id).where(
                        workshops.c.project_id == project_id, workshops.c.title == title
                    )
                )
            if taken is not None:
                raise CoprodLabError(f"There is already a workshop called {title!r}.") from None
            # Otherwise the room code was taken: draw another.
    raise CoprodLabError("Could not find a free room code; try again.")


def project_for_workshop(store: Store, name: str | None, *, actor: str) -> tuple[int, bool]:
    """The project a new workshop goes in: the one named, made if missing; with no name, the
    first project by name, or a new one called FIRST_PROJECT on an empty store.

    Returns (project id, whether it was made now).
    """
    with store.write() as db:
        query = select(projects.c.id)
        if name is not None:
            name = " ".join(name.split())
            if not name:
                raise CoprodLabError("Give the project a name.")
            query = query.where(projects.c.name == name)
        found = db.scalar(query.order_by(projects.c.name).limit(1))
        if found is not None:
            return found, False
        made = db.execute(
            projects.insert().values(name=name or FIRST_PROJECT)
        ).inserted_primary_key[0]
        record(db, actor=actor, action="create", subject="project", subject_id=made)
    return made, True


@dataclass(frozen=True)
class ProjectChosen:
    """The project a workshop goes in, as the command says it: its id and name, whether it
    was made now, and the store's other projects (by name), so a person can see the choice."""

    id: int
    name: str
    made: bool
    others: tuple[str, ...]


def workshop_project(
    store: Store, name: str | None, *, new_project: bool = False, actor: str
) -> ProjectChosen:
    """The project a new workshop goes in, never a guess among several.

    With a `name`: that project, made if there is none of that name; a name very like an
    existing one's ("Comunity meeting study") is refused as a typing slip unless
    `new_project`, as `import --project` does. With no name: the project called
    FIRST_PROJECT ("Definition workshops"), made if missing, whatever other projects there
    are: a workshop once went silently into the research project that came first by name.
    Raises CoprodLabError for an empty name or a likely slip; then nothing is made.
    """
    import difflib

    from coprod_lab.transcripts.importing import CLOSE_NAME  # the same test as import's

    wanted = FIRST_PROJECT if name is None else " ".join(name.split())
    if not wanted:
        raise CoprodLabError("Give the project a name.")
    with store.write() as db:
        known = {row.name: row.id for row in db.execute(select(projects.c.id, projects.c.name))}
        others = tuple(sorted(n for n in known if n != wanted))
        if wanted in known:
            return ProjectChosen(known[wanted], wanted, False, others)
        close = difflib.get_close_matches(wanted, others, n=1, cutoff=CLOSE_NAME)
        if name is not None and close and not new_project:
            raise CoprodLabError(
                f"There is no project called {wanted!r}; did you mean {close[0]!r}? No "
                f"workshop was made. To start a new project called {wanted!r}, add "
                "--new-project."
            )
        made = db.execute(projects.insert().values(name=wanted)).inserted_primary_key[0]
        record(db, actor=actor, action="create", subject="project", subject_id=made)
    return ProjectChosen(made, wanted, True, others)


def find_workshop(store: Store, title: str, project_id: int | None = None) -> Workshop:
    """The workshop called `title`: in that project, or in any project when there is one
    workshop of that name in the store. Raises CoprodLabError when there is none, or when
    several projects have one (naming them), rather than guess."""
    query = (
        select(workshops, projects.c.name.label("project_name"))
        .join(projects, projects.c.id == workshops.c.project_id)
        .where(workshops.c.title == title)
    )
    if project_id is not None:
        query = query.where(workshops.c.project_id == project_id)
    with store.read() as db:
        rows = db.execute(query.order_by(projects.c.name)).all()
    if not rows:
        where = "in that project" if project_id is not None else "in the store"
        raise CoprodLabError(f"There is no workshop called {title!r} {where}.")
    if len(rows) > 1:
        names = ", ".join(repr(r.project_name) for r in rows)
        raise CoprodLabError(
            f"Workshops called {title!r} are in {len(rows)} projects ({names}); say which "
            "with --project NAME."
        )
    return _workshop(rows[0])


def _workshop(row) -> Workshop:
    return Workshop(
        id=row.id,
        project_id=row.project_id,
        title=row.title,
        room_code=row.room_code,
        stage=row.stage,
        policy=row.policy,
        changed=row.changed,
        activity=row.activity,
    )


def get_workshop(store: Store, workshop_id: int) -> Workshop:
    with store.read() as db:
        row = db.execute(select(workshops).where(workshops.c.id == workshop_id)).first()
    if row is None:
        raise CoprodLabError("That workshop no longer exists.")
    return _workshop(row)


def workshops_in(store: Store, project_id: int) -> list[Workshop]:
    with store.read() as db:
        rows = db.execute(
            select(workshops).where(workshops.c.project_id == project_id).order_by(workshops.c.id)
        ).all()
    return [_workshop(row) for row in rows]


def by_room_code(store: Store, code: str) -> Workshop | None:
    with store.read() as db:
        row = db.execute(
            select(workshops).where(workshops.c.room_code == normal_room_code(code))
        ).first()
    return _workshop(row) if row else None


def by_facilitator_key(store: Store, key: str) -> Workshop | None:
    """The workshop this key opens, or None: the only way into a workshop's facilitator page."""
    if not key:
        return None
    with store.read() as db:
        row = db.execute(
            select(workshops).where(workshops.c.facilitator_key_hash == hash_key(key))
        ).first()
    return _workshop(row) if row else None


def by_board_key(store: Store, key: str) -> Workshop | None:
    """The workshop whose results board this view-only key opens, or None."""
    if not key:
        return None
    with store.read() as db:
        row = db.execute(
            select(workshops).where(workshops.c.board_key_hash == hash_key(key))
        ).first()
    return _workshop(row) if row else None


def board_key(store: Store, workshop_id: int, facilitator_key: str) -> str:
    """The board key for this workshop, stored first if the workshop predates board keys.

    Raises CoprodLabError if `facilitator_key` is not this workshop's.
    """
    found = by_facilitator_key(store, facilitator_key)
    if found is None or found.id != workshop_id:
        raise CoprodLabError("That is not this workshop's facilitator key.")
    key = board_key_for(facilitator_key)
    with store.write() as db:
        db.execute(
            update(workshops)
            .where(workshops.c.id == workshop_id, workshops.c.board_key_hash.is_(None))
            .values(board_key_hash=hash_key(key))
        )
    return key


def new_facilitator_key(store: Store, workshop_id: int, *, actor: str) -> str:
    """Replace the workshop's key and board key (the old links stop working); return the new
    facilitator key."""
    key = secrets.token_urlsafe(24)
    with store.write() as db:
        db.execute(
            update(workshops)
            .where(workshops.c.id == workshop_id)
            .values(facilitator_key_hash=hash_key(key), board_key_hash=hash_key(board_key_for(key)))
        )
        record(db, actor=actor, action="new key", subject="workshop", subject_id=workshop_id)
    return key


def touch(db: Connection, workshop_id: int) -> None:
    """Note a change the room's pages must show; they watch this one number."""
    db.execute(
        update(workshops)
        .where(workshops.c.id == workshop_id)
        .values(changed=workshops.c.changed + 1)
    )


def changed(store: Store, workshop_id: int) -> int:
    with store.read() as db:
        return db.scalar(select(workshops.c.changed).where(workshops.c.id == workshop_id)) or 0


def set_stage(store: Store, workshop_id: int, stage: str, *, actor: str) -> None:
    """Move the whole room to a stage: adding words, building sentences, voting, finished."""
    if stage not in WORKSHOP_STAGES:
        raise CoprodLabError(f"{stage!r} is not a stage; choose one of {WORKSHOP_STAGES}.")
    with store.write() as db:
        db.execute(update(workshops).where(workshops.c.id == workshop_id).values(stage=stage))
        touch(db, workshop_id)
        record(
            db,
            actor=actor,
            action="stage",
            subject="workshop",
            subject_id=workshop_id,
            detail={"stage": stage},
        )


def set_policy(store: Store, workshop_id: int, policy: str, *, actor: str) -> None:
    policy = policy.strip()
    if not policy:
        raise CoprodLabError("Write the moderation policy participants will see.")
    with store.write() as db:
        db.execute(update(workshops).where(workshops.c.id == workshop_id).values(policy=policy))
        touch(db, workshop_id)
        record(db, actor=actor, action="policy", subject="workshop", subject_id=workshop_id)
