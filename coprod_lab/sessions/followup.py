"""After the sessions: telling each person where their contribution added value, and keeping
track of the time people gave and what they were paid or given back for it.

The summary is drafted from the record (sessions, turns, confirmed sense-checks, agreed
actions, time given, what we did with what they told us) for the facilitator to edit and send;
every saved version is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, insert, or_, select, update

from coprod_lab.errors import CoprodLabError
from coprod_lab.sessions.you_said import letter_lines
from coprod_lab.store import Store, attendance, participants, record, sessions, utterances
from coprod_lab.store.schema import (
    action_items,
    contribution_summaries,
    pairs,
    reciprocity,
    sense_checks,
)

# What people can get back for their time, as offered on the page.
RECOGNITION = (
    "Payment",
    "Voucher",
    "Travel and other costs paid back",
    "Thanks in the report",
    "Training or a reference",
)


@dataclass(frozen=True)
class Summary:
    id: int
    text: str
    author: str
    saved_at: dt.datetime
    sent_on: dt.date | None


@dataclass(frozen=True)
class TimeGiven:
    id: int
    given_on: dt.date
    minutes: int
    agreed: str
    amount_pence: int | None
    paid_on: dt.date | None
    session: str | None


def say_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def say_money(pence: int) -> str:
    pounds, rest = divmod(pence, 100)
    return f"£{pounds:,}.{rest:02d}" if rest else f"£{pounds:,}"


def draft_summary(store: Store, participant_id: int) -> str:
    """A first draft of "where your contribution added value", from what the store holds."""
    with store.read() as db:
        person = db.execute(
            select(participants.c.display_name, participants.c.project_id).where(
                participants.c.id == participant_id
            )
        ).first()
        if person is None:
            raise CoprodLabError(f"There is no participant number {participant_id}.")
        attended = db.execute(
            select(sessions.c.id, sessions.c.title, sessions.c.held_on)
            .join(attendance, attendance.c.session_id == sessions.c.id)
            .where(attendance.c.participant_id == participant_id)
            .order_by(sessions.c.held_on.nulls_last(), sessions.c.title)
        ).all()
        spoken = dict(
            db.execute(
                select(utterances.c.session_id, func.count())
                .where(utterances.c.participant_id == participant_id)
                .group_by(utterances.c.session_id)
            ).all()
        )
        all_turns = dict(
            db.execute(
                select(utterances.c.session_id, func.count())
                .where(utterances.c.session_id.in_([s.id for s in attended]))
                .group_by(utterances.c.session_id)
            ).all()
        )
        heard = db.scalars(
            select(sense_checks.c.heard)
            .where(
                sense_checks.c.participant_id == participant_id,
                sense_checks.c.status == "confirmed",
            )
            .order_by(sense_checks.c.id)
        ).all()
        agreed = db.execute(
            select(action_items.c.action, action_items.c.done_on)
            .join(pairs, pairs.c.id == action_items.c.pair_id)
            .where(
                or_(
                    pairs.c.professional_id == participant_id,
                    pairs.c.lived_experience_id == participant_id,
                )
            )
            .order_by(action_items.c.id)
        ).all()
        minutes = db.scalar(
            select(func.coalesce(func.sum(reciprocity.c.minutes), 0)).where(
                reciprocity.c.participant_id == participant_id
            )
        )
    first_name = person.display_name.split()[0]
    lines = [
        f"Dear {first_name},",
        "",
        "Thank you for your time and ideas. Here is where your contribution added value.",
        "",
    ]
    if attended:
        plural = "s" if len(attended) != 1 else ""
        lines.append(f"You took part in {len(attended)} session{plural}:")
        for s in attended:
            when = f" on {s.held_on:%d %B %Y}" if s.held_on else ""
            said = ""
            if spoken.get(s.id):
                share = spoken[s.id] / all_turns[s.id]
                said = f": you spoke {spoken[s.id]} times ({share:.0%} of the turns)"
            lines.append(f"- {s.title}{when}{said}")
        lines.append("")
    if heard:
        lines.append("What we heard from you, and you told us we got right:")
        lines += [f"- {h}" for h in heard]
        lines.append("")
    if agreed:
        lines.append("The actions you agreed with your partner:")
        lines += [f"- {a.action}{' (done)' if a.done_on else ''}" for a in agreed]
        lines.append("")
    if minutes:
        lines.append(f"In all you have given us {say_minutes(minutes)} of your time.")
        lines.append("")
    # "You said, we did": what became of the points they raised (issue 25).
    lines += letter_lines(store, participant_id)
    lines.append("What we will do next: [the facilitator adds what changes because of this].")
    return "\n".join(lines)


def save_summary(
    store: Store, participant_id: int, text: str, *, author: str, actor: str
) -> Summary | None:
    """Keep a version of the summary; None (nothing saved) when it has not changed."""
    text = text.strip()
    if not text:
        raise CoprodLabError("The summary is empty. Draft it or write it before saving.")
    with store.write() as db:
        if db.scalar(select(participants.c.id).where(participants.c.id == participant_id)) is None:
            raise CoprodLabError(f"There is no participant number {participant_id}.")
        newest = db.scalar(
            select(contribution_summaries.c.text)
            .where(contribution_summaries.c.participant_id == participant_id)
            .order_by(contribution_summaries.c.id.desc())
            .limit(1)
        )
        if newest == text:
            return None
        summary_id = db.execute(
            insert(contribution_summaries).values(
                participant_id=participant_id, text=text, author=author
            )
        ).inserted_primary_key[0]
        record(db, actor=actor, action="write", subject="summary", subject_id=summary_id)
    return latest_summary(store, participant_id)


def latest_summary(store: Store, participant_id: int) -> Summary | None:
    with store.read() as db:
        row = db.execute(
            select(
                contribution_summaries.c.id,
                contribution_summaries.c.text,
                contribution_summaries.c.author,
                contribution_summaries.c.saved_at,
                contribution_summaries.c.sent_on,
            )
            .where(contribution_summaries.c.participant_id == participant_id)
            .order_by(contribution_summaries.c.id.desc())
            .limit(1)
        ).first()
    return Summary(*row) if row else None


def mark_sent(store: Store, participant_id: int, *, sent_on: dt.date, actor: str) -> Summary:
    """Record that the newest version was sent."""
    found = latest_summary(store, participant_id)
    if found is None:
        raise CoprodLabError("Save the summary before marking it as sent.")
    with store.write() as db:
        db.execute(
            update(contribution_summaries)
            .where(contribution_summaries.c.id == found.id)
            .values(sent_on=sent_on)
        )
        record(db, actor=actor, action="sent", subject="summary", subject_id=found.id)
    return latest_summary(store, participant_id)


def log_time(
    store: Store,
    participant_id: int,
    *,
    given_on: dt.date,
    minutes: int,
    agreed: str,
    amount_pence: int | None,
    session_id: int | None,
    actor: str,
) -> int:
    """Add time someone gave and what was agreed for it."""
    if minutes <= 0:
        raise CoprodLabError("The time given must be more than 0 minutes.")
    if not agreed.strip():
        raise CoprodLabError("Say what was agreed in return, for example a payment or thanks.")
    if amount_pence is not None and amount_pence < 0:
        raise CoprodLabError("The amount cannot be less than £0.")
    with store.write() as db:
        project_id = db.scalar(
            select(participants.c.project_id).where(participants.c.id == participant_id)
        )
        if project_id is None:
            raise CoprodLabError(f"There is no participant number {participant_id}.")
        if session_id is not None and not db.scalar(
            select(func.count()).where(
                sessions.c.id == session_id, sessions.c.project_id == project_id
            )
        ):
            raise CoprodLabError("That session is not in this project.")
        entry_id = db.execute(
            insert(reciprocity).values(
                participant_id=participant_id,
                session_id=session_id,
                given_on=given_on,
                minutes=minutes,
                agreed=agreed.strip(),
                amount_pence=amount_pence,
            )
        ).inserted_primary_key[0]
        record(db, actor=actor, action="create", subject="reciprocity", subject_id=entry_id)
    return entry_id


def mark_paid(
    store: Store, participant_id: int, entry_id: int, *, paid_on: dt.date, actor: str
) -> None:
    """Record when what was agreed was paid or given (only this person's entries)."""
    with store.write() as db:
        changed = db.execute(
            update(reciprocity)
            .where(reciprocity.c.id == entry_id, reciprocity.c.participant_id == participant_id)
            .values(paid_on=paid_on)
        ).rowcount
        if not changed:
            raise CoprodLabError("That entry is not in this person's log.")
        record(db, actor=actor, action="paid", subject="reciprocity", subject_id=entry_id)


def time_given(store: Store, participant_id: int) -> list[TimeGiven]:
    """This person's log, oldest first."""
    with store.read() as db:
        rows = db.execute(
            select(
                reciprocity.c.id,
                reciprocity.c.given_on,
                reciprocity.c.minutes,
                reciprocity.c.agreed,
                reciprocity.c.amount_pence,
                reciprocity.c.paid_on,
                sessions.c.title,
            )
            .outerjoin(sessions, sessions.c.id == reciprocity.c.session_id)
            .where(reciprocity.c.participant_id == participant_id)
            .order_by(reciprocity.c.given_on, reciprocity.c.id)
        ).all()
    return [TimeGiven(*row) for row in rows]
