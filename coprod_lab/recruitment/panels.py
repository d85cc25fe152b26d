"""A recruitment panel: its agreed questions, its candidates, its members and its interviews.

A panel reuses a definitions workshop row for what every room has (room code, the chair's key
kept only as a hash, the view-only key, the `changed` number pages watch) and that workshop's
ballots as its members' personal cards. The questions are agreed before any interview and do
not change after. Each candidate's interview goes waiting → open → closed, never back, one open
at a time; the database refuses ratings outside an open interview (migration 0009_i24b).
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select, update

from coprod_lab.definitions import ballots, workshops
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, record
from coprod_lab.store.schema import ballots as ballot_table
from coprod_lab.store.schema import panel_candidates, panel_questions, panels
from coprod_lab.store.schema import workshops as workshop_table

# Panel members say which side of the service they come from; staff are "professional" in
# the ballots table, so results by role line up with the definitions workshop's.
MEMBER_ROLES = {"lived_experience": "Lived experience", "professional": "Staff"}
MAX_QUESTION = 200
MAX_QUESTIONS = 10
MAX_NAME = 200


@dataclass(frozen=True)
class Panel:
    id: int
    workshop_id: int
    project_id: int
    title: str
    job: str
    room_code: str
    questions_agreed: bool


@dataclass(frozen=True)
class Question:
    id: int
    number: int  # 1, 2, … in the order the panel will ask them
    text: str


@dataclass(frozen=True)
class Candidate:
    id: int
    panel_id: int
    label: str  # "Candidate A": what every page and export shows
    name: str | None  # kept only with consent (name_consent_on)
    name_consent_on: dt.date | None
    status: str  # waiting, open or closed


@dataclass(frozen=True)
class Member:
    ballot_id: int
    number: int  # "Panel member 3": the only way results and exports name a member
    role: str  # lived_experience or professional
    token: str  # the personal card's link

    @property
    def label(self) -> str:
        return f"Panel member {self.number}"


def _panel(row) -> Panel:
    return Panel(
        row.id,
        row.workshop_id,
        row.project_id,
        row.title,
        row.job,
        row.room_code,
        bool(row.questions_agreed),
    )


def _panel_query():
    return select(
        panels.c.id,
        panels.c.workshop_id,
        workshop_table.c.project_id,
        workshop_table.c.title,
        panels.c.job,
        workshop_table.c.room_code,
        panels.c.questions_agreed,
    ).join(workshop_table, workshop_table.c.id == panels.c.workshop_id)


def create_panel(
    store: Store, project_id: int, title: str, *, job: str = "", actor: str
) -> tuple[Panel, str]:
    """A new panel with no questions, candidates or members yet.

    Returns it and the chair's key (shown once; only its hash is kept). Raises CoprodLabError
    if the title is blank or already used by a workshop or panel of the project.
    """
    workshop, key = workshops.create_workshop(store, project_id, title, actor=actor)
    with store.write() as db:
        new_id = db.execute(
            panels.insert().values(workshop_id=workshop.id, job=" ".join(job.split()))
        ).inserted_primary_key[0]
        record(db, actor=actor, action="create", subject="panel", subject_id=new_id)
    return get_panel(store, new_id), key


def get_panel(store: Store, panel_id: int) -> Panel:
    with store.read() as db:
        row = db.execute(_panel_query().where(panels.c.id == panel_id)).first()
    if row is None:
        raise CoprodLabError("That panel no longer exists.")
    return _panel(row)


def panel_of_workshop(store: Store, workshop_id: int) -> Panel | None:
    with store.read() as db:
        row = db.execute(_panel_query().where(panels.c.workshop_id == workshop_id)).first()
    return _panel(row) if row else None


def by_chair_key(store: Store, key: str) -> Panel | None:
    """The panel this chair's key opens, or None (a workshop's key that is not a panel's)."""
    found = workshops.by_facilitator_key(store, key)
    return panel_of_workshop(store, found.id) if found else None


def panels_in(store: Store, project_id: int) -> list[Panel]:
    with store.read() as db:
        rows = db.execute(
            _panel_query().where(workshop_table.c.project_id == project_id).order_by(panels.c.id)
        ).all()
    return [_panel(row) for row in rows]


def _locked_panel(db: Connection, panel_id: int):
    query = select(panels.c.workshop_id, panels.c.questions_agreed).where(panels.c.id == panel_id)
    if db.dialect.name == "postgresql":
        query = query.with_for_update()
    found = db.execute(query).first()
    if found is None:
        raise CoprodLabError("That panel no longer exists.")
    return found


# --- questions ------------------------------------------------------------------------------


def questions_of(store: Store, panel_id: int) -> list[Question]:
    """The panel's questions in the order they were added (the order they are asked)."""
    with store.read() as db:
        rows = db.execute(
            select(panel_questions.c.id, panel_questions.c.text)
            .where(panel_questions.c.panel_id == panel_id)
            .order_by(panel_questions.c.id)
        ).all()
    return [Question(row.id, n, row.text) for n, row in enumerate(rows, 1)]


def add_question(store: Store, panel_id: int, text: str, *, actor: str) -> Question:
    """Add a question while the panel is still agreeing them.

    Raises CoprodLabError for a blank or long question, more than MAX_QUESTIONS, or once the
    questions are agreed.
    """
    text = " ".join(text.split())
    if not text:
        raise CoprodLabError("Type the question first.")
    if len(text) > MAX_QUESTION:
        raise CoprodLabError(f"Make the question shorter (up to {MAX_QUESTION} letters).")
    with store.write() as db:
        found = _locked_panel(db, panel_id)
        if found.questions_agreed:
            raise CoprodLabError("The questions are agreed, so they cannot change now.")
        count = db.scalar(select(func.count()).where(panel_questions.c.panel_id == panel_id))
        if count >= MAX_QUESTIONS:
            raise CoprodLabError(f"A panel asks up to {MAX_QUESTIONS} questions.")
        new_id = db.execute(
            panel_questions.insert().values(panel_id=panel_id, text=text)
        ).inserted_primary_key[0]
        workshops.touch(db, found.workshop_id)
        record(db, actor=actor, action="create", subject="panel question", subject_id=new_id)
    return Question(new_id, count + 1, text)


def remove_question(store: Store, panel_id: int, question_id: int, *, actor: str) -> None:
    """Take a question out before the questions are agreed."""
    with store.write() as db:
        found = _locked_panel(db, panel_id)
        if found.questions_agreed:
            raise CoprodLabError("The questions are agreed, so they cannot change now.")
        gone = db.execute(
            delete(panel_questions).where(
                panel_questions.c.id == question_id, panel_questions.c.panel_id == panel_id
            )
        ).rowcount
        if not gone:
            raise CoprodLabError("That question is not on this panel's list.")
        workshops.touch(db, found.workshop_id)
        record(db, actor=actor, action="delete", subject="panel question", subject_id=question_id)


def agree_questions(store: Store, panel_id: int, *, actor: str) -> None:
    """Fix the questions: from now on they cannot change, and interviews can open."""
    with store.write() as db:
        found = _locked_panel(db, panel_id)
        if not db.scalar(select(func.count()).where(panel_questions.c.panel_id == panel_id)):
            raise CoprodLabError("Add at least one question before agreeing them.")
        if not found.questions_agreed:
            db.execute(update(panels).where(panels.c.id == panel_id).values(questions_agreed=True))
            workshops.touch(db, found.workshop_id)
            record(db, actor=actor, action="agree questions", subject="panel", subject_id=panel_id)


# --- candidates -----------------------------------------------------------------------------


def _label(n: int) -> str:
    letters = string.ascii_uppercase
    return f"Candidate {letters[n]}" if n < len(letters) else f"Candidate {n + 1}"


def _candidate(row) -> Candidate:
    return Candidate(row.id, row.panel_id, row.label, row.name, row.name_consent_on, row.status)


def add_candidate(
    store: Store,
    panel_id: int,
    *,
    name: str | None = None,
    consent_on: dt.date | None = None,
    actor: str,
) -> Candidate:
    """A candidate to interview, called "Candidate A", "B", … in order.

    Their name is personal data: it is kept only if `consent_on` (the day they agreed) is given,
    and never shown in an export unless names are asked for. Raises CoprodLabError for a name
    without consent.
    """
    name = " ".join((name or "").split()) or None
    if name is not None and consent_on is None:
        raise CoprodLabError(
            "A candidate's name is kept only with their consent. Tick that they agreed, or "
            "leave the name empty: they will be known by a letter."
        )
    if name is not None and len(name) > MAX_NAME:
        raise CoprodLabError(f"Use a shorter name (up to {MAX_NAME} letters).")
    with store.write() as db:
        found = _locked_panel(db, panel_id)
        taken = set(
            db.scalars(
                select(panel_candidates.c.label).where(panel_candidates.c.panel_id == panel_id)
            )
        )
        count = len(taken)
        while _label(count) in taken:  # a letter freed by an erased candidate is not reused
            count += 1
        label = _label(count)
        new_id = db.execute(
            panel_candidates.insert().values(
                panel_id=panel_id,
                label=label,
                name=name,
                name_consent_on=consent_on if name else None,
            )
        ).inserted_primary_key[0]
        workshops.touch(db, found.workshop_id)
        # The event names the candidate by number only: the audit trail keeps no names.
        record(db, actor=actor, action="create", subject="panel candidate", subject_id=new_id)
    return get_candidate(store, new_id)


def get_candidate(store: Store, candidate_id: int) -> Candidate:
    with store.read() as db:
        row = db.execute(
            select(panel_candidates).where(panel_candidates.c.id == candidate_id)
        ).first()
    if row is None:
        raise CoprodLabError("That candidate is no longer on the panel's list.")
    return _candidate(row)


def candidates_of(store: Store, panel_id: int) -> list[Candidate]:
    with store.read() as db:
        rows = db.execute(
            select(panel_candidates)
            .where(panel_candidates.c.panel_id == panel_id)
            .order_by(panel_candidates.c.id)
        ).all()
    return [_candidate(row) for row in rows]


def shown_name(candidate: Candidate, *, names: bool = False) -> str:
    """ "Candidate A", or "Ann Lee (Candidate A)" when names are asked for and consented to."""
    if names and candidate.name and candidate.name_consent_on:
        return f"{candidate.name} ({candidate.label})"
    return candidate.label


# --- members --------------------------------------------------------------------------------


def make_members(store: Store, panel_id: int, roles: list[str], *, actor: str) -> list[Member]:
    """A personal card (link) for each new member, with the role given for each.

    `roles` holds "lived_experience" or "professional" (staff) per card. Raises
    CoprodLabError for any other role or for no cards.
    """
    if not roles:
        raise CoprodLabError("Say how many cards to make.")
    if any(role not in MEMBER_ROLES for role in roles):
        raise CoprodLabError("Each member has lived experience or is staff.")
    panel = get_panel(store, panel_id)
    made = ballots.make_ballots(store, panel.workshop_id, len(roles), actor=actor)
    for card, role in zip(made, roles, strict=True):
        ballots.set_role(store, card.id, role)
    with store.write() as db:
        workshops.touch(db, panel.workshop_id)
    wanted = {card.id for card in made}
    return [m for m in members_of(store, panel_id) if m.ballot_id in wanted]


def members_of(store: Store, panel_id: int) -> list[Member]:
    """The panel's members, numbered in the order their cards were made."""
    panel = get_panel(store, panel_id)
    with store.read() as db:
        rows = db.execute(
            select(ballot_table.c.id, ballot_table.c.role, ballot_table.c.token)
            .where(ballot_table.c.workshop_id == panel.workshop_id)
            .order_by(ballot_table.c.id)
        ).all()
    return [Member(row.id, n, row.role, row.token) for n, row in enumerate(rows, 1)]


def member_by_card(store: Store, token: str) -> tuple[Panel, Member] | None:
    """The panel and member a personal card's link opens, or None."""
    card = ballots.by_token(store, token)
    if card is None:
        return None
    panel = panel_of_workshop(store, card.workshop_id)
    if panel is None:
        return None
    member = next(m for m in members_of(store, panel.id) if m.ballot_id == card.id)
    return panel, member


# --- interviews -----------------------------------------------------------------------------


def _set_status(store: Store, candidate_id: int, want: str, *, actor: str) -> Candidate:
    candidate = get_candidate(store, candidate_id)
    with store.write() as db:
        found = _locked_panel(db, candidate.panel_id)
        status = db.scalar(
            select(panel_candidates.c.status).where(panel_candidates.c.id == candidate_id)
        )
        if want == "open":
            if not found.questions_agreed:
                raise CoprodLabError("Agree the questions before the first interview.")
            if status != "waiting":
                raise CoprodLabError(
                    f"{candidate.label}'s interview has already "
                    f"{'closed' if status == 'closed' else 'opened'}."
                )
            other = db.scalar(
                select(panel_candidates.c.label).where(
                    panel_candidates.c.panel_id == candidate.panel_id,
                    panel_candidates.c.status == "open",
                )
            )
            if other:
                raise CoprodLabError(f"Close {other}'s interview first.")
            values = {"status": "open", "opened_at": func.now()}
        else:
            if status != "open":
                raise CoprodLabError(f"{candidate.label}'s interview is not open.")
            values = {"status": "closed", "closed_at": func.now()}
        db.execute(
            update(panel_candidates).where(panel_candidates.c.id == candidate_id).values(values)
        )
        workshops.touch(db, found.workshop_id)
        record(
            db,
            actor=actor,
            action=f"{want} interview",
            subject="panel candidate",
            subject_id=candidate_id,
        )
    return get_candidate(store, candidate_id)


def open_interview(store: Store, candidate_id: int, *, actor: str) -> Candidate:
    """Open a candidate's interview: members can rate each answer until it closes.

    Raises CoprodLabError if the questions are not agreed, another interview is open, or this
    one has opened before.
    """
    return _set_status(store, candidate_id, "open", actor=actor)


def close_interview(store: Store, candidate_id: int, *, actor: str) -> Candidate:
    """Close a candidate's interview: ratings are final and the panel can see them all."""
    return _set_status(store, candidate_id, "closed", actor=actor)


def open_candidate(store: Store, panel_id: int) -> Candidate | None:
    """The candidate being interviewed now, if any."""
    return next((c for c in candidates_of(store, panel_id) if c.status == "open"), None)
