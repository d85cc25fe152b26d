# ruff: noqa: E501  (the frozen SQL below reads best one statement a line)
"""Audit events carry their project, so erasing a person in one project keeps the events of a
same-named person in another.

Events made before this migration are filled in where they say which project: from
detail["project"], or from the row their subject_id names when that row still exists. The rest
stay NULL (cannot be known), and erasure treats those as possibly the person's. The append-only
trigger is lifted for the fill and put back as migration 0001 made it.

Revision ID: 0010_audit_project
Revises: 0009_ift
Create Date: 2026-11-30
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0010_audit_project"
down_revision = "0009_ift"
branch_labels = None
depends_on = None

# A frozen copy of coprod_lab.store.audit.PROJECT_OF as it was when this migration was written
# (a migration must not change with the code): SQL giving the project of the row `:id`; the
# key is the subject, or "subject/action" where the number means a different row by action.
PROJECT_OF = {
    "project": "SELECT id FROM projects WHERE id = :id",
    "coanalysts": "SELECT id FROM projects WHERE id = :id",
    "participant": "SELECT t0.project_id FROM participants t0 WHERE t0.id = :id",
    "session": "SELECT t0.project_id FROM sessions t0 WHERE t0.id = :id",
    "code": "SELECT t0.project_id FROM codes t0 WHERE t0.id = :id",
    "workshop": "SELECT t0.project_id FROM workshops t0 WHERE t0.id = :id",
    "memo": "SELECT t0.project_id FROM memos t0 WHERE t0.id = :id",
    "attribute": "SELECT t0.project_id FROM attributes t0 WHERE t0.id = :id",
    "glossary_term": "SELECT t0.project_id FROM glossary_terms t0 WHERE t0.id = :id",
    "unclear_word": "SELECT t0.project_id FROM unclear_words t0 WHERE t0.id = :id",
    "pair": "SELECT t0.project_id FROM pairs t0 WHERE t0.id = :id",
    "ladder_rating": "SELECT t0.project_id FROM ladder_ratings t0 WHERE t0.id = :id",
    "you_said": "SELECT t0.project_id FROM you_said t0 WHERE t0.id = :id",
    "preparation": "SELECT t0.project_id FROM preparations t0 WHERE t0.id = :id",
    "session_plan": "SELECT t0.project_id FROM session_plans t0 WHERE t0.id = :id",
    "coanalyst": "SELECT t0.project_id FROM coanalysts t0 WHERE t0.id = :id",
    "session_plan_version": "SELECT t1.project_id FROM session_plan_versions t0 JOIN session_plans t1 ON t1.id = t0.plan_id WHERE t0.id = :id",
    "pair_note": "SELECT t1.project_id FROM pair_notes t0 JOIN pairs t1 ON t1.id = t0.pair_id WHERE t0.id = :id",
    "action": "SELECT t1.project_id FROM action_items t0 JOIN pairs t1 ON t1.id = t0.pair_id WHERE t0.id = :id",
    "pitch": "SELECT t1.project_id FROM pitches t0 JOIN pairs t1 ON t1.id = t0.pair_id WHERE t0.id = :id",
    "profile": "SELECT t1.project_id FROM profiles t0 JOIN participants t1 ON t1.id = t0.participant_id WHERE t0.id = :id",
    "summary": "SELECT t1.project_id FROM contribution_summaries t0 JOIN participants t1 ON t1.id = t0.participant_id WHERE t0.id = :id",
    "reciprocity": "SELECT t1.project_id FROM reciprocity t0 JOIN participants t1 ON t1.id = t0.participant_id WHERE t0.id = :id",
    "access_needs": "SELECT t1.project_id FROM access_needs t0 JOIN participants t1 ON t1.id = t0.participant_id WHERE t0.id = :id",
    "access_needs/delete": "SELECT t0.project_id FROM participants t0 WHERE t0.id = :id",
    "sense_check": "SELECT t1.project_id FROM sense_checks t0 JOIN sessions t1 ON t1.id = t0.session_id WHERE t0.id = :id",
    "utterance": "SELECT t1.project_id FROM utterances t0 JOIN sessions t1 ON t1.id = t0.session_id WHERE t0.id = :id",
    "turn": "SELECT t1.project_id FROM utterances t0 JOIN sessions t1 ON t1.id = t0.session_id WHERE t0.id = :id",
    "passage": "SELECT t1.project_id FROM coded_utterances t0 JOIN codes t1 ON t1.id = t0.code_id WHERE t0.id = :id",
    "code suggestion": "SELECT t1.project_id FROM code_suggestions t0 JOIN coanalysts t1 ON t1.id = t0.coanalyst_id WHERE t0.id = :id",
    "ballots": "SELECT t0.project_id FROM workshops t0 WHERE t0.id = :id",
    "ballot": "SELECT t1.project_id FROM ballots t0 JOIN workshops t1 ON t1.id = t0.workshop_id WHERE t0.id = :id",
    "round": "SELECT t1.project_id FROM rounds t0 JOIN workshops t1 ON t1.id = t0.workshop_id WHERE t0.id = :id",
    "vote": "SELECT t1.project_id FROM rounds t0 JOIN workshops t1 ON t1.id = t0.workshop_id WHERE t0.id = :id",
    "candidate": "SELECT t2.project_id FROM candidates t0 JOIN rounds t1 ON t1.id = t0.round_id JOIN workshops t2 ON t2.id = t1.workshop_id WHERE t0.id = :id",
    "word": "SELECT t1.project_id FROM contributions t0 JOIN workshops t1 ON t1.id = t0.workshop_id WHERE t0.id = :id",
    "sentence": "SELECT t1.project_id FROM contributions t0 JOIN workshops t1 ON t1.id = t0.workshop_id WHERE t0.id = :id",
    "contribution": "SELECT t1.project_id FROM contributions t0 JOIN workshops t1 ON t1.id = t0.workshop_id WHERE t0.id = :id",
    "quiz situation": "SELECT t1.project_id FROM quiz_situations t0 JOIN workshops t1 ON t1.id = t0.workshop_id WHERE t0.id = :id",
    "question": "SELECT t1.project_id FROM questions t0 JOIN workshops t1 ON t1.id = t0.workshop_id WHERE t0.id = :id",
    "panel": "SELECT t1.project_id FROM panels t0 JOIN workshops t1 ON t1.id = t0.workshop_id WHERE t0.id = :id",
    "panel question": "SELECT t2.project_id FROM panel_questions t0 JOIN panels t1 ON t1.id = t0.panel_id JOIN workshops t2 ON t2.id = t1.workshop_id WHERE t0.id = :id",
    "panel candidate": "SELECT t2.project_id FROM panel_candidates t0 JOIN panels t1 ON t1.id = t0.panel_id JOIN workshops t2 ON t2.id = t1.workshop_id WHERE t0.id = :id",
    "panel rating": "SELECT t2.project_id FROM panel_candidates t0 JOIN panels t1 ON t1.id = t0.panel_id JOIN workshops t2 ON t2.id = t1.workshop_id WHERE t0.id = :id",
}


def _append_only(on: bool) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if not on:
        op.execute("DROP TRIGGER events_append_only" + ("" if sqlite else " ON events"))
    elif sqlite:
        op.execute(
            "CREATE TRIGGER events_append_only BEFORE UPDATE ON events "
            "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
        )
    else:
        op.execute(
            "CREATE TRIGGER events_append_only BEFORE UPDATE ON events "
            "FOR EACH ROW EXECUTE FUNCTION events_append_only()"
        )


def upgrade() -> None:
    op.add_column("events", sa.Column("project_id", sa.Integer(), nullable=True))
    db = op.get_bind()
    _append_only(False)
    for event_id, detail in db.execute(
        sa.text("SELECT id, detail FROM events WHERE detail IS NOT NULL")
    ).all():
        if isinstance(detail, str):  # SQLite hands JSON back as text through sa.text
            detail = json.loads(detail)
        project = detail.get("project") if isinstance(detail, dict) else None
        if isinstance(project, int):
            db.execute(
                sa.text("UPDATE events SET project_id = :p WHERE id = :id"),
                {"p": project, "id": event_id},
            )
    special = {key.split("/")[0]: [] for key in PROJECT_OF if "/" in key}
    for key in PROJECT_OF:
        if "/" in key:
            special[key.split("/")[0]].append(key.split("/")[1])
    for key, sql in PROJECT_OF.items():
        subject, _, action = key.partition("/")
        params = {"subject": subject}
        where = "subject = :subject AND project_id IS NULL AND subject_id IS NOT NULL"
        if action:
            where += " AND action = :action"
            params["action"] = action
        for n, other in enumerate(special.get(subject, []) if not action else []):
            where += f" AND action <> :not{n}"
            params[f"not{n}"] = other
        found = sql.replace(":id", "events.subject_id")
        db.execute(sa.text(f"UPDATE events SET project_id = ({found}) WHERE {where}"), params)
    _append_only(True)


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table, which would lose the trigger.
    _append_only(False)
    with op.batch_alter_table("events") as batch:
        batch.drop_column("project_id")
    _append_only(True)
