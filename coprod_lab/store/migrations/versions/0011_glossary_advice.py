"""A project's own glossary terms say whether to use another word or to explain the term.

The shipped glossary has said so since issue 20 ("use instead" or "explain"), but a term a
facilitator added could only be swapped: "Capital", in the means-test sense, was offered
"your savings and what you own" in its place rather than explained. Terms already added keep
"use instead", which is what they meant.

Revision ID: 0011_glossary_advice
Revises: 0010_audit_project
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_glossary_advice"
down_revision = "0010_audit_project"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No table refers to glossary_terms, so SQLite's rebuild of it loses nothing.
    with op.batch_alter_table("glossary_terms") as batch:
        batch.add_column(
            sa.Column("advice", sa.String(length=20), server_default="use instead", nullable=False)
        )
        batch.create_check_constraint(
            op.f("ck_glossary_terms_advice"), "advice IN ('use instead', 'explain')"
        )


def downgrade() -> None:
    with op.batch_alter_table("glossary_terms") as batch:
        batch.drop_constraint(op.f("ck_glossary_terms_advice"), type_="check")
        batch.drop_column("advice")
