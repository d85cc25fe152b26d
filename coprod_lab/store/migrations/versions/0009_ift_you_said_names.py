"""You said, we did: other people's names found when an entry is saved, and one entry per
question not reached.

other_names: names of people who are not participants, found in the entry's words by the name
recogniser on the facilitator's side, so the participants' page can hide them without loading
it (as coanalysis_sessions.other_names does). The partial unique index keeps a question from
becoming two entries when "keep the questions not reached" is pressed twice at once.

Revision ID: 0009_ift
Revises: 0009_i25
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_ift"
down_revision = "0009_i25"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("you_said") as batch:
        batch.add_column(sa.Column("other_names", sa.JSON(), nullable=True))
    op.create_index(
        "uq_you_said_question",
        "you_said",
        ["source_id"],
        unique=True,
        sqlite_where=sa.text("source_kind = 'question'"),
        postgresql_where=sa.text("source_kind = 'question'"),
    )


def downgrade() -> None:
    op.drop_index("uq_you_said_question", table_name="you_said")
    with op.batch_alter_table("you_said") as batch:
        batch.drop_column("other_names")
