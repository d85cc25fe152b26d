"""The audit trail: every change writes one event in the same transaction as the change.

Events say who did what to which row and when; they never copy the personal content itself,
so erasing a participant never has to rewrite history. Each event carries the project it
belongs to, so erasing a person in one project never touches the events of a same-named person
in another; where the project cannot be known it stays empty (NULL) and erasure treats the
event as possibly theirs (see coprod_lab.privacy.people.erase_participant).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from coprod_lab.store.schema import events


def _through(table: str, *joins: str, column: str = "project_id") -> str:
    """SQL giving the project of row `:id` of `table`, following `joins` ("table.key") upward."""
    sql, alias = f"FROM {table} t0", "t0"
    for n, join in enumerate(joins, start=1):
        parent, key = join.split(".")
        sql += f" JOIN {parent} t{n} ON t{n}.id = {alias}.{key}"
        alias = f"t{n}"
    return f"SELECT {alias}.{column} {sql} WHERE t0.id = :id"


_BY_WORKSHOP = ("workshops.workshop_id",)
# Which row an event's subject_id names, as SQL giving that row's project. The key is the
# subject, or "subject/action" where one subject's number means different rows by action.
# Migration 0010_audit_project keeps a frozen copy of this to fill the events made before it.
PROJECT_OF: dict[str, str] = {
    "project": "SELECT id FROM projects WHERE id = :id",
    "coanalysts": "SELECT id FROM projects WHERE id = :id",
    **{
        subject: _through(table)
        for subject, table in {
            "participant": "participants",
            "session": "sessions",
            "code": "codes",
            "workshop": "workshops",
            "memo": "memos",
            "attribute": "attributes",
            "glossary_term": "glossary_terms",
            "unclear_word": "unclear_words",
            "pair": "pairs",
            "ladder_rating": "ladder_ratings",
            "you_said": "you_said",
            "preparation": "preparations",
            "session_plan": "session_plans",
            "coanalyst": "coanalysts",
        }.items()
    },
    "session_plan_version": _through("session_plan_versions", "session_plans.plan_id"),
    "pair_note": _through("pair_notes", "pairs.pair_id"),
    "action": _through("action_items", "pairs.pair_id"),
    "pitch": _through("pitches", "pairs.pair_id"),
    "profile": _through("profiles", "participants.participant_id"),
    "summary": _through("contribution_summaries", "participants.participant_id"),
    "reciprocity": _through("reciprocity", "participants.participant_id"),
    "access_needs": _through("access_needs", "participants.participant_id"),
    "access_needs/delete": _through("participants"),
    "sense_check": _through("sense_checks", "sessions.session_id"),
    "utterance": _through("utterances", "sessions.session_id"),
    "turn": _through("utterances", "sessions.session_id"),
    "passage": _through("coded_utterances", "codes.code_id"),
    "code suggestion": _through("code_suggestions", "coanalysts.coanalyst_id"),
    "ballots": _through("workshops"),
    "ballot": _through("ballots", *_BY_WORKSHOP),
    "round": _through("rounds", *_BY_WORKSHOP),
    "vote": _through("rounds", *_BY_WORKSHOP),  # a vote's event names its round
    "candidate": _through("candidates", "rounds.round_id", *_BY_WORKSHOP),
    "word": _through("contributions", *_BY_WORKSHOP),
    "sentence": _through("contributions", *_BY_WORKSHOP),
    "contribution": _through("contributions", *_BY_WORKSHOP),
    "quiz situation": _through("quiz_situations", *_BY_WORKSHOP),
    "question": _through("questions", *_BY_WORKSHOP),
    "panel": _through("panels", *_BY_WORKSHOP),
    "panel question": _through("panel_questions", "panels.panel_id", *_BY_WORKSHOP),
    "panel candidate": _through("panel_candidates", "panels.panel_id", *_BY_WORKSHOP),
    # A rating's event names the candidate rated.
    "panel rating": _through("panel_candidates", "panels.panel_id", *_BY_WORKSHOP),
}


def project_of(
    db: Connection,
    subject: str,
    subject_id: int | None,
    action: str = "",
    detail: dict[str, Any] | None = None,
) -> int | None:
    """The project an event belongs to, or None when it cannot be known: from detail["project"]
    if given, else from the row `subject_id` names (PROJECT_OF), if that row still exists."""
    if detail and isinstance(detail.get("project"), int):
        return detail["project"]
    sql = PROJECT_OF.get(f"{subject}/{action}", PROJECT_OF.get(subject))
    if sql is None or subject_id is None:
        return None
    found = db.execute(text(sql), {"id": int(subject_id)}).scalar()
    return None if found is None else int(found)


def record(
    db: Connection,
    *,
    actor: str,
    action: str,
    subject: str,
    subject_id: int | None = None,
    detail: dict[str, Any] | None = None,
    project_id: int | None = None,
) -> None:
    """Append one event; call it inside the `store.write()` block that makes the change.

    project_id: the project the event belongs to; when not given it is found from the
    subject's row (project_of), so call it after the row is made and before it is deleted.
    """
    if project_id is None:
        project_id = project_of(db, subject, subject_id, action, detail)
    db.execute(
        events.insert().values(
            actor=actor,
            action=action,
            subject=subject,
            subject_id=subject_id,
            detail=detail,
            project_id=project_id,
        )
    )
