"""Plain English: a project's own glossary terms, and words people did not understand.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

GLOSSARY_KINDS = ("acronym", "jargon", "phrase")
UNCLEAR_STATUSES = ("to_review", "added", "dismissed")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _project_id(table: str) -> sa.Column:
    return sa.Column(
        "project_id",
        sa.Integer,
        sa.ForeignKey(
            "projects.id", ondelete="CASCADE", name=op.f(f"fk_{table}_project_id_projects")
        ),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "glossary_terms",
        sa.Column("id", sa.Integer, primary_key=True),
        _project_id("glossary_terms"),
        sa.Column("term", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("plain", sa.Text, nullable=False),
        sa.Column("expansion", sa.Text, nullable=False, server_default=""),
        sa.Column("added_by", sa.String(200), nullable=False),
        sa.Column(
            "added_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint(_one_of("kind", GLOSSARY_KINDS), name=op.f("ck_glossary_terms_kind")),
        sa.CheckConstraint("length(trim(term)) > 0", name=op.f("ck_glossary_terms_term_not_blank")),
        sa.CheckConstraint(
            "length(trim(plain)) > 0", name=op.f("ck_glossary_terms_plain_not_blank")
        ),
        sa.UniqueConstraint("project_id", "term", name=op.f("uq_glossary_terms_project_id_term")),
    )
    op.create_table(
        "unclear_words",
        sa.Column("id", sa.Integer, primary_key=True),
        _project_id("unclear_words"),
        sa.Column("word", sa.String(200), nullable=False),
        sa.Column("context", sa.Text, nullable=False, server_default=""),
        sa.Column(
            "participant_id",
            sa.Integer,
            sa.ForeignKey(
                "participants.id",
                ondelete="CASCADE",
                name=op.f("fk_unclear_words_participant_id_participants"),
            ),
            nullable=True,
        ),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="to_review"),
        sa.Column(
            "reported_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.CheckConstraint(
            _one_of("status", UNCLEAR_STATUSES), name=op.f("ck_unclear_words_status")
        ),
        sa.CheckConstraint("length(trim(word)) > 0", name=op.f("ck_unclear_words_word_not_blank")),
        sa.UniqueConstraint(
            "project_id",
            "word",
            "participant_id",
            name=op.f("uq_unclear_words_project_id_word_participant_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("unclear_words")
    op.drop_table("glossary_terms")
