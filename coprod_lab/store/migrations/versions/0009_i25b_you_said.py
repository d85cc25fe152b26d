""" "You said, we did": the points people raised that need an answer, and what became of them.

Revision ID: 0009_i25b
Revises: 0009_i24
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_i25b"
down_revision = "0009_i24"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "you_said",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("source_kind", sa.String(length=20), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("own_words", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("action", sa.Text(), server_default="", nullable=False),
        sa.Column("action_by", sa.String(length=200), server_default="", nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("done", sa.Text(), server_default="", nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("told_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column(
            "changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "source_kind IN ('turn', 'pair_note', 'sense_check', 'memo', 'question', 'other')",
            name=op.f("ck_you_said_source_kind"),
        ),
        sa.CheckConstraint(
            "(source_kind = 'other') = (source_id IS NULL)", name=op.f("ck_you_said_source")
        ),
        sa.CheckConstraint(
            "outcome IS NULL OR outcome IN ('done', 'could_not')",
            name=op.f("ck_you_said_outcome"),
        ),
        sa.CheckConstraint(
            "(outcome IS NULL) = (done_on IS NULL)", name=op.f("ck_you_said_outcome_dated")
        ),
        sa.CheckConstraint(
            "outcome IS NULL OR length(trim(done)) > 0", name=op.f("ck_you_said_outcome_said")
        ),
        sa.CheckConstraint(
            "told_on IS NULL OR (done_on IS NOT NULL AND told_on >= done_on)",
            name=op.f("ck_you_said_told_after"),
        ),
        sa.CheckConstraint("length(trim(said)) > 0", name=op.f("ck_you_said_said_not_blank")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_you_said_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_you_said_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_you_said_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_you_said")),
    )


def downgrade() -> None:
    op.drop_table("you_said")
