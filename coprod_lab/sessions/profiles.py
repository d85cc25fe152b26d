"""One-page profiles and communication preferences: every version kept, the newest current.

A one-page profile says what people appreciate about someone, what matters to them and how
best to support them. Communication preferences say how each person likes to give and get
information and feedback. Both are written by (or with) the person and change over time, so
a save adds a version and never overwrites one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from sqlalchemy import insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, participants, record
from coprod_lab.store.schema import profiles

# Each kind's boxes, in order: (key, the question the person answers).
FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "one_page": (
        ("appreciate", "What people appreciate about me"),
        ("important", "What's important to me"),
        ("support", "How best to support me"),
    ),
    "communication": (
        ("get_information", "How I like to get information"),
        ("give_views", "How I like to give my views"),
        ("get_feedback", "How I like to get feedback"),
        ("give_feedback", "How I like to give feedback"),
    ),
}
TITLES = {"one_page": "One-page profile", "communication": "Communication and feedback"}
# Short enough that four full boxes still print on one A4 page at 12 point.
MAX_CHARACTERS = 500


@dataclass(frozen=True)
class Version:
    id: int
    fields: dict[str, str]
    author: str
    saved_at: dt.datetime


def save_profile(
    store: Store,
    participant_id: int,
    kind: str,
    fields: dict[str, str],
    *,
    author: str,
    actor: str,
) -> Version | None:
    """Save a new version; returns None (and saves nothing) when nothing changed."""
    if kind not in FIELDS:
        raise CoprodLabError(f"There is no kind of profile called “{kind}”.")
    keys = [key for key, _question in FIELDS[kind]]
    unknown = set(fields) - set(keys)
    if unknown:
        raise CoprodLabError(f"A {TITLES[kind].lower()} has no box called {sorted(unknown)}.")
    cleaned = {key: fields.get(key, "").strip() for key in keys}
    if not any(cleaned.values()):
        raise CoprodLabError("Everything is empty. Write in at least one box before saving.")
    for key, question in FIELDS[kind]:
        if len(cleaned[key]) > MAX_CHARACTERS:
            raise CoprodLabError(
                f"“{question}” is {len(cleaned[key])} characters long. Keep it under "
                f"{MAX_CHARACTERS} so the profile fits on one page."
            )
    with store.write() as db:
        if db.scalar(select(participants.c.id).where(participants.c.id == participant_id)) is None:
            raise CoprodLabError(f"There is no participant number {participant_id}.")
        newest = db.scalar(
            select(profiles.c.fields)
            .where(profiles.c.participant_id == participant_id, profiles.c.kind == kind)
            .order_by(profiles.c.id.desc())
            .limit(1)
        )
        if newest == cleaned:
            return None
        version_id = db.execute(
            insert(profiles).values(
                participant_id=participant_id, kind=kind, fields=cleaned, author=author
            )
        ).inserted_primary_key[0]
        record(
            db,
            actor=actor,
            action="write",
            subject="profile",
            subject_id=version_id,
            detail={"kind": kind},
        )
        saved_at = db.scalar(select(profiles.c.saved_at).where(profiles.c.id == version_id))
    return Version(version_id, cleaned, author, saved_at)


def versions(store: Store, participant_id: int, kind: str) -> list[Version]:
    """Every version, newest first."""
    with store.read() as db:
        rows = db.execute(
            select(profiles.c.id, profiles.c.fields, profiles.c.author, profiles.c.saved_at)
            .where(profiles.c.participant_id == participant_id, profiles.c.kind == kind)
            .order_by(profiles.c.id.desc())
        ).all()
    return [Version(*row) for row in rows]


def current(store: Store, participant_id: int, kind: str) -> Version | None:
    found = versions(store, participant_id, kind)
    return found[0] if found else None


def printable(name: str, kind: str, version: Version) -> str:
    """A whole HTML page holding the profile, laid out to print on one A4 sheet."""
    boxes = "".join(
        f"<section><h2>{escape(question)}</h2><p>{escape(version.fields.get(key, ''))}</p>"
        "</section>"
        for key, question in FIELDS[kind]
    )
    title = f"{TITLES[kind]}: {name}"
    return (
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>"
        "@page { size: A4; margin: 15mm; }"
        "body { font-family: Arial, sans-serif; font-size: 12pt; line-height: 1.4;"
        " color: #1b1b1b; max-width: 45em; margin: 0 auto; padding: 0 1rem; }"
        "h1 { font-size: 18pt; margin: 0 0 8pt; } h2 { font-size: 13pt; margin: 6pt 0 4pt; }"
        "section { border: 2px solid #1b1b1b; padding: 4pt 10pt; margin: 0 0 8pt;"
        " break-inside: avoid; } p { white-space: pre-wrap; margin: 0 0 6pt; }"
        "</style></head><body><main>"
        f"<h1>{escape(title)}</h1>{boxes}"
        f"<p><small>Saved on {version.saved_at:%d %B %Y}</small></p>"
        "</main></body></html>"
    )
