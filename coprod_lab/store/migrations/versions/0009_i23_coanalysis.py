"""Co-analysis: sessions open for co-analysis, co-analysts with personal links, what they mark
on a turn ("important", "I read this differently", skipped, read) and the codes they suggest.

Their codes, selections and "why this matters" notes go into the coding core's own tables
(coded_utterances and memos, migration 0008), so comparison and .qdpx carry them.

Revision ID: 0009_i23
Revises: 0009_i24b
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_i23"
down_revision = "0009_i24b"
branch_labels = None
depends_on = None

MARKS = "mark IN ('important', 'read_differently', 'skipped', 'read')"
STATES = "state IN ('waiting', 'accepted', 'not_taken')"


def upgrade() -> None:
    op.create_table(
        "coanalysis_sessions",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("opened_by", sa.String(length=200), nullable=False),
        sa.Column(
            "opened_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("other_names", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_coanalysis_sessions_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_coanalysis_sessions")),
    )
    op.create_table(
        "coanalysts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("invited_by", sa.String(length=200), nullable=False),
        sa.Column(
            "invited_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_coanalysts_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_coanalysts_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coanalysts")),
        sa.UniqueConstraint("token", name=op.f("uq_coanalysts_token")),
        sa.UniqueConstraint("project_id", "name", name=op.f("uq_coanalysts_project_id_name")),
    )
    op.create_table(
        "coanalysis_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coanalyst_id", sa.Integer(), nullable=False),
        sa.Column("utterance_id", sa.Integer(), nullable=False),
        sa.Column("mark", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "marked_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(MARKS, name=op.f("ck_coanalysis_marks_mark")),
        sa.ForeignKeyConstraint(
            ["coanalyst_id"],
            ["coanalysts.id"],
            name=op.f("fk_coanalysis_marks_coanalyst_id_coanalysts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["utterance_id"],
            ["utterances.id"],
            name=op.f("fk_coanalysis_marks_utterance_id_utterances"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coanalysis_marks")),
        sa.UniqueConstraint(
            "coanalyst_id",
            "utterance_id",
            "mark",
            name=op.f("uq_coanalysis_marks_coanalyst_id_utterance_id_mark"),
        ),
    )
    op.create_table(
        "code_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coanalyst_id", sa.Integer(), nullable=False),
        sa.Column("utterance_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("meaning", sa.Text(), server_default="", nullable=False),
        sa.Column("state", sa.String(length=10), server_default="waiting", nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=True),
        sa.Column(
            "suggested_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
        sa.CheckConstraint(STATES, name=op.f("ck_code_suggestions_state")),
        sa.CheckConstraint(
            "length(trim(name)) > 0", name=op.f("ck_code_suggestions_name_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["coanalyst_id"],
            ["coanalysts.id"],
            name=op.f("fk_code_suggestions_coanalyst_id_coanalysts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["utterance_id"],
            ["utterances.id"],
            name=op.f("fk_code_suggestions_utterance_id_utterances"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["code_id"],
            ["codes.id"],
            name=op.f("fk_code_suggestions_code_id_codes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_code_suggestions")),
    )


def downgrade() -> None:
    op.drop_table("code_suggestions")
    op.drop_table("coanalysis_marks")
    op.drop_table("coanalysts")
    op.drop_table("coanalysis_sessions")
