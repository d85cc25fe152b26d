"""A session plan: an agenda with introductions, a warm-up (an icebreaker), the purpose said
at the start, topics with times, breaks, recaps, and the purpose revisited at the end ("did
we do what we came to do?", answered by the group and saved).

Breaks: the guides ask for more breaks than usual (many participants live with pain, fatigue
or anxiety), so a plan warns where more than `break_after_minutes` (60 by default) pass
without one. Every save keeps a new version of the plan. A plan can name the session the
storytelling recorder is recording, to show where the room is against the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, insert, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, participants, record, sessions
from coprod_lab.store.schema import session_marks, session_plan_versions, session_plans

ITEM_KINDS = {
    "introductions": "Introductions",
    "icebreaker": "Warm-up",
    "purpose": "Say why we are here",
    "topic": "Topic",
    "break": "Break",
    "recap": "Recap",
    "purpose_revisited": "Did we do what we came to do?",
    "close": "Thanks and what happens next",
}
# The group's answer to "did we do what we came to do?" at the end.
PURPOSE_MET = {"yes": "Yes", "partly": "Partly", "no": "No"}


@dataclass(frozen=True)
class AgendaItem:
    kind: str  # a key of ITEM_KINDS
    what: str = ""
    minutes: int = 10


@dataclass(frozen=True)
class Plan:
    purpose: str = ""
    agenda: tuple[AgendaItem, ...] = ()
    purpose_met: str = ""  # "" until the group answers, then a key of PURPOSE_MET
    purpose_met_note: str = ""
    version: int = 0
    author: str = ""
    saved_at: dt.datetime | None = None

    def fields(self) -> dict:
        return {
            "purpose": self.purpose,
            "agenda": [{"kind": i.kind, "what": i.what, "minutes": i.minutes} for i in self.agenda],
            "purpose_met": self.purpose_met,
            "purpose_met_note": self.purpose_met_note,
        }


# A first outline to start from: the shape the guides describe, times in minutes.
USUAL_OUTLINE: tuple[AgendaItem, ...] = (
    AgendaItem("introductions", "Names, and how each of us likes to take part", 10),
    AgendaItem("icebreaker", "One good thing from this week", 10),
    AgendaItem("purpose", "", 5),
    AgendaItem("topic", "First topic", 30),
    AgendaItem("recap", "What we heard so far", 5),
    AgendaItem("break", "Tea and a rest", 15),
    AgendaItem("topic", "Second topic", 30),
    AgendaItem("recap", "What we heard", 5),
    AgendaItem("purpose_revisited", "", 10),
    AgendaItem("close", "", 5),
)


def item_label(item: AgendaItem) -> str:
    """ "Topic: Coming home" or "Break", as the page shows an item."""
    kind = ITEM_KINDS[item.kind]
    return f"{kind}: {item.what}" if item.what and item.kind == "topic" else kind


def times(agenda: tuple[AgendaItem, ...] | list[AgendaItem]) -> list[tuple[int, int]]:
    """Each item's (start, end) in minutes from the start of the session."""
    found, clock = [], 0
    for item in agenda:
        found.append((clock, clock + item.minutes))
        clock += item.minutes
    return found


def say_clock(minutes: int) -> str:
    """Minutes from the start as the page says them: "0:00", "1:15"."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def check_agenda(
    agenda: tuple[AgendaItem, ...] | list[AgendaItem], *, break_after_minutes: float = 60
) -> list[str]:
    """Plain sentences for what the agenda lacks: introductions, an icebreaker and the purpose
    near the start, a recap, the purpose revisited at the end, and a break whenever more than
    `break_after_minutes` would pass without one. Empty when nothing is missing."""
    kinds = [item.kind for item in agenda]
    said = []
    if not agenda:
        return ["The agenda is empty. Start from the usual outline, or add items."]
    for kind, sentence in (
        ("introductions", "Add introductions, so everyone knows who is in the room."),
        ("icebreaker", "Add a warm-up, to help people settle in."),
        ("purpose", "Add a moment at the start to say why we are here."),
        ("recap", "Add a recap, to say back what we heard."),
        (
            "purpose_revisited",
            "Add “Did we do what we came to do?” near the end, for the group to answer.",
        ),
    ):
        if kind not in kinds:
            said.append(sentence)
    if "purpose" in kinds and "topic" in kinds and kinds.index("purpose") > kinds.index("topic"):
        said.append("Say why we are here before the first topic.")
    if "purpose_revisited" in kinds and "topic" in kinds:
        last_topic = len(kinds) - 1 - kinds[::-1].index("topic")
        if kinds.index("purpose_revisited") < last_topic:
            said.append("Ask “Did we do what we came to do?” after the last topic.")
    since_break, stretch_start = 0, 0
    for item, (start, end) in zip(agenda, times(agenda), strict=True):
        if item.kind == "break":
            since_break, stretch_start = 0, end
            continue
        since_break += item.minutes
        if since_break > break_after_minutes:
            said.append(
                f"{since_break} minutes pass without a break (from {say_clock(stretch_start)} "
                f"to {say_clock(end)}): add a break before “{item_label(item)}”."
            )
            since_break, stretch_start = item.minutes, start  # one warning per stretch
    return said


def _cleaned(plan: Plan) -> Plan:
    """The plan with spaces trimmed; raises CoprodLabError for an unknown kind of item, a
    topic with no name, times that are not whole minutes from 1 to 480, or an unknown answer."""
    agenda = []
    for number, item in enumerate(plan.agenda, 1):
        if item.kind not in ITEM_KINDS:
            raise CoprodLabError(f"Item {number} of the agenda is not a kind the plan knows.")
        if item.kind == "topic" and not item.what.strip():
            raise CoprodLabError(f"Item {number} is a topic: say what it is about.")
        if not isinstance(item.minutes, int) or not 1 <= item.minutes <= 480:
            raise CoprodLabError(f"Item {number}: give its time in minutes, from 1 to 480.")
        agenda.append(AgendaItem(item.kind, item.what.strip(), item.minutes))
    if plan.purpose_met not in ("", *PURPOSE_MET):
        raise CoprodLabError("Answer “Did we do what we came to do?” with yes, partly or no.")
    return Plan(
        plan.purpose.strip(), tuple(agenda), plan.purpose_met, plan.purpose_met_note.strip()
    )


def make_plan(
    store: Store, project_id: int, title: str, *, session_id: int | None = None, actor: str
) -> int:
    """A new, empty plan in the project; returns its id. Raises CoprodLabError for a blank or
    taken title, or a session from another project."""
    title = title.strip()
    if not title:
        raise CoprodLabError("Give the plan a title, for example the session's name.")
    with store.write() as db:
        if db.scalar(
            select(func.count()).where(
                session_plans.c.project_id == project_id, session_plans.c.title == title
            )
        ):
            raise CoprodLabError(f"There is already a plan called “{title}”.")
        _check_session(db, project_id, session_id)
        plan_id = db.execute(
            insert(session_plans).values(project_id=project_id, title=title, session_id=session_id)
        ).inserted_primary_key[0]
        record(db, actor=actor, action="create", subject="session_plan", subject_id=plan_id)
    return plan_id


def _check_session(db, project_id: int, session_id: int | None) -> None:
    if session_id is not None and not db.scalar(
        select(func.count()).where(sessions.c.id == session_id, sessions.c.project_id == project_id)
    ):
        raise CoprodLabError("That session is not in this project.")


def plans(store: Store, project_id: int) -> list[tuple[int, str]]:
    """The project's plans, newest first, as (id, title)."""
    with store.read() as db:
        rows = db.execute(
            select(session_plans.c.id, session_plans.c.title)
            .where(session_plans.c.project_id == project_id)
            .order_by(session_plans.c.id.desc())
        ).all()
    return [tuple(row) for row in rows]


def project_sessions(store: Store, project_id: int) -> list[tuple[str, int]]:
    """The project's sessions, newest first, as (title, id), for a plan to name."""
    with store.read() as db:
        rows = db.execute(
            select(sessions.c.title, sessions.c.id)
            .where(sessions.c.project_id == project_id)
            .order_by(sessions.c.id.desc())
        ).all()
    return [tuple(row) for row in rows]


def plan_session(store: Store, plan_id: int) -> int | None:
    """The recorded session this plan is for, if any."""
    with store.read() as db:
        return db.scalar(select(session_plans.c.session_id).where(session_plans.c.id == plan_id))


def save_plan(
    store: Store, plan_id: int, plan: Plan, *, session_id: int | None, actor: str
) -> int | None:
    """Keep the plan as its newest version, with the session it is for, in one transaction.

    Returns the new version's number, or None when nothing changed. Raises CoprodLabError,
    saving nothing, for an unknown plan or a bad item (see _cleaned).
    """
    fields = _cleaned(plan).fields()
    with store.write() as db:
        project_id = db.scalar(
            select(session_plans.c.project_id).where(session_plans.c.id == plan_id)
        )
        if project_id is None:
            raise CoprodLabError(f"There is no plan number {plan_id}.")
        _check_session(db, project_id, session_id)
        old_session = db.scalar(
            select(session_plans.c.session_id).where(session_plans.c.id == plan_id)
        )
        newest = db.scalar(
            select(session_plan_versions.c.fields)
            .where(session_plan_versions.c.plan_id == plan_id)
            .order_by(session_plan_versions.c.id.desc())
            .limit(1)
        )
        if newest == fields and old_session == session_id:
            return None
        if old_session != session_id:
            db.execute(
                update(session_plans)
                .where(session_plans.c.id == plan_id)
                .values(session_id=session_id)
            )
        version_id = db.execute(
            insert(session_plan_versions).values(plan_id=plan_id, fields=fields, author=actor)
        ).inserted_primary_key[0]
        record(
            db,
            actor=actor,
            action="write",
            subject="session_plan_version",
            subject_id=version_id,
            detail={"plan_id": plan_id},
        )
        return db.scalar(select(func.count()).where(session_plan_versions.c.plan_id == plan_id))


def plan(store: Store, plan_id: int, version: int | None = None) -> Plan:
    """The plan's newest version, or version `version` (1 is the first); an empty Plan when
    nothing is saved. CoprodLabError for a version that does not exist."""
    with store.read() as db:
        rows = db.execute(
            select(
                session_plan_versions.c.fields,
                session_plan_versions.c.author,
                session_plan_versions.c.saved_at,
            )
            .where(session_plan_versions.c.plan_id == plan_id)
            .order_by(session_plan_versions.c.id)
        ).all()
    if not rows and not version:
        return Plan()
    number = len(rows) if version is None else version
    if not 1 <= number <= len(rows):
        raise CoprodLabError(f"There is no version {version} of this plan.")
    fields, author, saved_at = rows[number - 1]
    return Plan(
        purpose=fields["purpose"],
        agenda=tuple(AgendaItem(**item) for item in fields["agenda"]),
        purpose_met=fields["purpose_met"],
        purpose_met_note=fields["purpose_met_note"],
        version=number,
        author=author,
        saved_at=saved_at,
    )


def plan_versions(store: Store, plan_id: int) -> list[tuple[int, str, dt.datetime]]:
    """Every saved version of the plan, newest first, as (number, author, saved at)."""
    with store.read() as db:
        rows = db.execute(
            select(session_plan_versions.c.author, session_plan_versions.c.saved_at)
            .where(session_plan_versions.c.plan_id == plan_id)
            .order_by(session_plan_versions.c.id)
        ).all()
    return [(n, author, at) for n, (author, at) in reversed(list(enumerate(rows, 1)))]


def where_we_are(
    agenda: tuple[AgendaItem, ...], minutes: float
) -> tuple[AgendaItem | None, AgendaItem | None]:
    """The item the plan has the room on `minutes` after the start, and the one after it;
    (None, None) past the end of the plan."""
    for number, (start, end) in enumerate(times(agenda)):
        if start <= minutes < end:
            following = agenda[number + 1] if number + 1 < len(agenda) else None
            return agenda[number], following
    return None, None


def started_at(store: Store, session_id: int) -> dt.datetime | None:
    """When the storytelling recorder started the session (UTC), or None if it has not."""
    with store.read() as db:
        start = db.scalar(
            select(session_marks.c.at).where(
                session_marks.c.session_id == session_id, session_marks.c.kind == "start"
            )
        )
    if start is None:
        return None
    return start.replace(tzinfo=dt.UTC) if start.tzinfo is None else start.astimezone(dt.UTC)


# --- consent to record, asked before recording starts ----------------------------------------


def consent_to_record(store: Store, project_id: int) -> list[tuple[int, str, dt.date | None]]:
    """Everyone in the project as (id, name, the day they agreed to be recorded or None)."""
    with store.read() as db:
        rows = db.execute(
            select(
                participants.c.id, participants.c.display_name, participants.c.consent_to_record_on
            )
            .where(participants.c.project_id == project_id)
            .order_by(participants.c.display_name)
        ).all()
    return [tuple(row) for row in rows]


def save_consent_to_record(
    store: Store, project_id: int, agreed: dict[int, bool], *, on: dt.date, actor: str
) -> int:
    """Save who has agreed to be recorded, all at once: True gives consent on `on` (a consent
    given earlier keeps its first date), False takes it back. Returns how many changed.
    Raises CoprodLabError, saving nothing, for someone not in the project."""
    changed = 0
    with store.write() as db:
        current = dict(
            db.execute(
                select(participants.c.id, participants.c.consent_to_record_on).where(
                    participants.c.project_id == project_id
                )
            ).all()
        )
        if set(agreed) - set(current):
            raise CoprodLabError("Everyone here must be in this project.")
        for person, yes in agreed.items():
            if yes == (current[person] is not None):
                continue
            db.execute(
                update(participants)
                .where(participants.c.id == person)
                .values(consent_to_record_on=on if yes else None)
            )
            record(
                db,
                actor=actor,
                action="consent given" if yes else "consent withdrawn",
                subject="participant",
                subject_id=person,
                detail={"consent": "record"},
            )
            changed += 1
    return changed
