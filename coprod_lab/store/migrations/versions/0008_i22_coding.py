"""Coding: a code book (a tree of codes with colours), passages coded by character offsets,
memos, and typed participant attributes.

Extends the codes of 0005 rather than duplicating them: `codes` gains a parent and a colour,
`coded_utterances` gains the characters coded within the turn. Rows coded before this
migration are whole turns, so they get 0 .. the length of the turn's text.

Revision ID: 0008_i22
Revises: 0007_i19
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_i22"
down_revision = "0007_i19"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite rebuilds `codes` to alter it, and dropping the old table (foreign keys on)
    # deletes every coding by ON DELETE CASCADE: keep them aside and put them back.
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("CREATE TEMP TABLE kept_codings AS SELECT * FROM coded_utterances")
    with op.batch_alter_table("codes") as batch:
        batch.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("colour", sa.String(length=7), nullable=True))
        batch.create_foreign_key(
            op.f("fk_codes_parent_id_codes"), "codes", ["parent_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_check_constraint(
            op.f("ck_codes_colour"), "colour IS NULL OR length(colour) = 7"
        )
        batch.create_check_constraint(
            op.f("ck_codes_not_own_parent"), "parent_id IS NULL OR parent_id <> id"
        )
    if sqlite:
        op.execute(
            "INSERT INTO coded_utterances SELECT * FROM kept_codings"
            " WHERE id NOT IN (SELECT id FROM coded_utterances)"
        )
        op.execute("DROP TABLE kept_codings")
    with op.batch_alter_table("coded_utterances") as batch:
        batch.add_column(sa.Column("start_char", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("end_char", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE coded_utterances SET end_char = (SELECT length(utterances.text) FROM utterances"
        " WHERE utterances.id = coded_utterances.utterance_id) WHERE end_char IS NULL"
    )
    with op.batch_alter_table("coded_utterances") as batch:
        batch.drop_constraint(
            op.f("uq_coded_utterances_code_id_utterance_id_coder"), type_="unique"
        )
        batch.create_unique_constraint(
            op.f("uq_coded_utterances_code_id_utterance_id_coder_start_char_end_char"),
            ["code_id", "utterance_id", "coder", "start_char", "end_char"],
        )
        batch.create_check_constraint(
            op.f("ck_coded_utterances_characters"),
            "start_char >= 0 AND (end_char IS NULL OR end_char > start_char)",
        )
    op.create_table(
        "memos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("about", sa.String(length=12), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("code_id", sa.Integer(), nullable=True),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("passage_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column(
            "written_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "about IN ('project', 'session', 'code', 'participant', 'passage')",
            name=op.f("ck_memos_about"),
        ),
        sa.CheckConstraint(_ONE_TARGET, name=op.f("ck_memos_one_target")),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_memos_text_not_blank")),
        sa.CheckConstraint("length(trim(author)) > 0", name=op.f("ck_memos_author_not_blank")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_memos_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_memos_session_id_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["code_id"], ["codes.id"], name=op.f("fk_memos_code_id_codes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_memos_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["passage_id"],
            ["coded_utterances.id"],
            name=op.f("fk_memos_passage_id_coded_utterances"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memos")),
    )
    op.create_table(
        "attributes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "kind IN ('text', 'number', 'date', 'choice')", name=op.f("ck_attributes_kind")
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_attributes_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_attributes_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attributes")),
        sa.UniqueConstraint("project_id", "name", name=op.f("uq_attributes_project_id_name")),
    )
    op.create_table(
        "attribute_values",
        sa.Column("attribute_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attribute_id"],
            ["attributes.id"],
            name=op.f("fk_attribute_values_attribute_id_attributes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_attribute_values_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attribute_id", "participant_id", name=op.f("pk_attribute_values")),
    )


# Exactly the column the memo's subject names is filled (a project memo fills none).
_ONE_TARGET = (
    "(CASE WHEN session_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN code_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN participant_id IS NULL THEN 0 ELSE 1 END"
    " + CASE WHEN passage_id IS NULL THEN 0 ELSE 1 END)"
    " = CASE WHEN about = 'project' THEN 0 ELSE 1 END"
    " AND (about <> 'session' OR session_id IS NOT NULL)"
    " AND (about <> 'code' OR code_id IS NOT NULL)"
    " AND (about <> 'participant' OR participant_id IS NOT NULL)"
    " AND (about <> 'passage' OR passage_id IS NOT NULL)"
)


def downgrade() -> None:
    op.drop_table("attribute_values")
    op.drop_table("attributes")
    op.drop_table("memos")
    # Going back, a turn holds each code once per coder: the first passage stands for the turn.
    op.execute(
        "DELETE FROM coded_utterances WHERE id NOT IN (SELECT min(id) FROM coded_utterances"
        " GROUP BY code_id, utterance_id, coder)"
    )
    with op.batch_alter_table("coded_utterances") as batch:
        batch.drop_constraint(op.f("ck_coded_utterances_characters"), type_="check")
        batch.drop_constraint(
            op.f("uq_coded_utterances_code_id_utterance_id_coder_start_char_end_char"),
            type_="unique",
        )
        batch.create_unique_constraint(
            op.f("uq_coded_utterances_code_id_utterance_id_coder"),
            ["code_id", "utterance_id", "coder"],
        )
        batch.drop_column("end_char")
        batch.drop_column("start_char")
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:  # as in upgrade: rebuilding `codes` would delete every coding
        op.execute("CREATE TEMP TABLE kept_codings AS SELECT * FROM coded_utterances")
    with op.batch_alter_table("codes") as batch:
        batch.drop_constraint(op.f("ck_codes_not_own_parent"), type_="check")
        batch.drop_constraint(op.f("ck_codes_colour"), type_="check")
        batch.drop_constraint(op.f("fk_codes_parent_id_codes"), type_="foreignkey")
        batch.drop_column("colour")
        batch.drop_column("parent_id")
    if sqlite:
        op.execute(
            "INSERT INTO coded_utterances SELECT * FROM kept_codings"
            " WHERE id NOT IN (SELECT id FROM coded_utterances)"
        )
        op.execute("DROP TABLE kept_codings")
