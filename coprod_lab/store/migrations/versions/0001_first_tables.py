"""First tables: projects, sessions, participants, attendance, utterances, events.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SESSION_KINDS = ("pair_meeting", "storytelling", "workshop", "interview", "other")
PARTICIPANT_ROLES = ("lived_experience", "professional", "facilitator", "other")
UTTERANCE_ROLES = (*PARTICIPANT_ROLES, "unknown")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _created_at() -> sa.Column:
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        _created_at(),
        sa.UniqueConstraint("name", name=op.f("uq_projects_name")),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey(
                "projects.id", ondelete="CASCADE", name=op.f("fk_sessions_project_id_projects")
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("held_on", sa.Date, nullable=True),
        _created_at(),
        sa.CheckConstraint(_one_of("kind", SESSION_KINDS), name=op.f("ck_sessions_kind")),
        sa.UniqueConstraint("project_id", "title", name=op.f("uq_sessions_project_id_title")),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey(
                "projects.id", ondelete="CASCADE", name=op.f("fk_participants_project_id_projects")
            ),
            nullable=False,
        ),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("pseudonym", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("consent_to_record_on", sa.Date, nullable=True),
        sa.Column("consent_to_quote_on", sa.Date, nullable=True),
        sa.Column("consent_to_share_on", sa.Date, nullable=True),
        sa.Column("withdrawn_on", sa.Date, nullable=True),
        _created_at(),
        sa.CheckConstraint(_one_of("role", PARTICIPANT_ROLES), name=op.f("ck_participants_role")),
        sa.UniqueConstraint(
            "project_id", "pseudonym", name=op.f("uq_participants_project_id_pseudonym")
        ),
        sa.UniqueConstraint(
            "project_id", "display_name", name=op.f("uq_participants_project_id_display_name")
        ),
    )
    op.create_table(
        "attendance",
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey(
                "sessions.id", ondelete="CASCADE", name=op.f("fk_attendance_session_id_sessions")
            ),
            primary_key=True,
        ),
        sa.Column(
            "participant_id",
            sa.Integer,
            sa.ForeignKey(
                "participants.id",
                ondelete="CASCADE",
                name=op.f("fk_attendance_participant_id_participants"),
            ),
            primary_key=True,
        ),
    )
    op.create_table(
        "utterances",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey(
                "sessions.id", ondelete="CASCADE", name=op.f("fk_utterances_session_id_sessions")
            ),
            nullable=False,
        ),
        sa.Column("turn", sa.Integer, nullable=False),
        sa.Column("start", sa.Float, nullable=True),
        sa.Column("end", sa.Float, nullable=True),
        sa.Column("speaker", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column(
            "participant_id",
            sa.Integer,
            sa.ForeignKey(
                "participants.id",
                ondelete="CASCADE",
                name=op.f("fk_utterances_participant_id_participants"),
            ),
            nullable=True,
        ),
        sa.CheckConstraint(_one_of("role", UTTERANCE_ROLES), name=op.f("ck_utterances_role")),
        sa.CheckConstraint("turn >= 0", name=op.f("ck_utterances_turn_not_negative")),
        sa.UniqueConstraint("session_id", "turn", name=op.f("uq_utterances_session_id_turn")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("subject", sa.String(50), nullable=False),
        sa.Column("subject_id", sa.Integer, nullable=True),
        sa.Column("detail", sa.JSON, nullable=True),
    )
    _events_cannot_be_rewritten()


def _events_cannot_be_rewritten() -> None:
    # The audit trail is append-only, enforced by the database for every client. Deleting
    # stays possible: erasing a participant may have to remove events that name them.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER events_append_only BEFORE UPDATE ON events "
            "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
        )
    else:
        op.execute(
            "CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER events_append_only BEFORE UPDATE ON events "
            "FOR EACH ROW EXECUTE FUNCTION events_append_only()"
        )


def downgrade() -> None:
    for table in ("events", "utterances", "attendance", "participants", "sessions", "projects"):
        op.drop_table(table)
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION IF EXISTS events_append_only()")
