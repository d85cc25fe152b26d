"""Speaker names: what transcripts call each participant, remembered per project.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "speaker_names",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer,
            sa.ForeignKey(
                "projects.id", ondelete="CASCADE", name=op.f("fk_speaker_names_project_id_projects")
            ),
            nullable=False,
        ),
        sa.Column("speaker", sa.String(200), nullable=False),
        sa.Column(
            "participant_id",
            sa.Integer,
            sa.ForeignKey(
                "participants.id",
                ondelete="CASCADE",
                name=op.f("fk_speaker_names_participant_id_participants"),
            ),
            nullable=False,
        ),
        sa.UniqueConstraint(
            "project_id", "speaker", name=op.f("uq_speaker_names_project_id_speaker")
        ),
    )


def downgrade() -> None:
    op.drop_table("speaker_names")
