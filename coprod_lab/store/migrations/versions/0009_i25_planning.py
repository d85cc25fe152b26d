"""Planning: a project's preparation, participants' access needs, and session plans, each
with every version kept.

Revision ID: 0009_i25
Revises: 0009_i25b
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_i25"
down_revision = "0009_i25b"
branch_labels = None
depends_on = None


def _saved_at() -> sa.Column:
    return sa.Column(
        "saved_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "preparations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        _saved_at(),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_preparations_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preparations")),
    )
    op.create_table(
        "access_needs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("needs", sa.Text(), server_default="", nullable=False),
        sa.Column("adjustments", sa.Text(), server_default="", nullable=False),
        sa.Column("payment", sa.Text(), server_default="", nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        _saved_at(),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_access_needs_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_needs")),
    )
    op.create_table(
        "session_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "length(trim(title)) > 0", name=op.f("ck_session_plans_title_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_session_plans_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_session_plans_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_plans")),
        sa.UniqueConstraint("project_id", "title", name=op.f("uq_session_plans_project_id_title")),
    )
    op.create_table(
        "session_plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        _saved_at(),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["session_plans.id"],
            name=op.f("fk_session_plan_versions_plan_id_session_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_plan_versions")),
    )


def downgrade() -> None:
    op.drop_table("session_plan_versions")
    op.drop_table("session_plans")
    op.drop_table("access_needs")
    op.drop_table("preparations")
