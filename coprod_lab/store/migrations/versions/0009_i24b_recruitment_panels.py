"""Co-produced recruitment panels: panels, their agreed questions, candidates, ratings.

A panel hangs off a workshop row (room code, chair key, `changed`), and its members are that
workshop's ballots. Ratings carry their panel and workshop so composite foreign keys refuse,
in the database, a question or candidate of another panel and a member of another panel.
Triggers refuse any rating given or changed while the candidate's interview is not open (a
note alone may change later only to erase a candidate's name: ratings.py refuses other
changes, checked under a lock on the candidate's row); on
PostgreSQL the trigger locks the candidate row (FOR SHARE), so closing an interview waits for
ratings already being saved and none land after.

Revision ID: 0009_i24b
Revises: 0008_i22
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_i24b"
down_revision = "0008_i22"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "panels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=200), server_default="", nullable=False),
        sa.Column("questions_agreed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_panels_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panels")),
        sa.UniqueConstraint("id", "workshop_id", name="uq_panels_id_workshop_id"),
        sa.UniqueConstraint("workshop_id", name=op.f("uq_panels_workshop_id")),
    )
    op.create_table(
        "panel_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("panel_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "length(trim(text)) > 0", name=op.f("ck_panel_questions_text_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["panel_id"],
            ["panels.id"],
            name=op.f("fk_panel_questions_panel_id_panels"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_questions")),
        sa.UniqueConstraint("id", "panel_id", name="uq_panel_questions_id_panel_id"),
    )
    op.create_table(
        "panel_candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("panel_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("name_consent_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), server_default="waiting", nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "status IN ('waiting', 'open', 'closed')", name=op.f("ck_panel_candidates_status")
        ),
        sa.CheckConstraint(
            "name IS NULL OR name_consent_on IS NOT NULL",
            name=op.f("ck_panel_candidates_name_needs_consent"),
        ),
        sa.CheckConstraint(
            "length(trim(label)) > 0", name=op.f("ck_panel_candidates_label_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["panel_id"],
            ["panels.id"],
            name=op.f("fk_panel_candidates_panel_id_panels"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_candidates")),
        sa.UniqueConstraint("id", "panel_id", name="uq_panel_candidates_id_panel_id"),
        sa.UniqueConstraint("panel_id", "label", name=op.f("uq_panel_candidates_panel_id_label")),
    )
    op.create_table(
        "panel_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("panel_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "rated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint("value IN (-1, 0, 1)", name=op.f("ck_panel_ratings_value")),
        sa.ForeignKeyConstraint(
            ["ballot_id", "workshop_id"],
            ["ballots.id", "ballots.workshop_id"],
            name="fk_panel_ratings_ballot_ballots",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id", "panel_id"],
            ["panel_candidates.id", "panel_candidates.panel_id"],
            name="fk_panel_ratings_candidate_panel_candidates",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["panel_id", "workshop_id"],
            ["panels.id", "panels.workshop_id"],
            name="fk_panel_ratings_panel_panels",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id", "panel_id"],
            ["panel_questions.id", "panel_questions.panel_id"],
            name="fk_panel_ratings_question_panel_questions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_ratings")),
        sa.UniqueConstraint(
            "candidate_id",
            "question_id",
            "ballot_id",
            name=op.f("uq_panel_ratings_candidate_id_question_id_ballot_id"),
        ),
    )
    _create_triggers()


def downgrade() -> None:
    _drop_triggers()
    op.drop_table("panel_ratings")
    op.drop_table("panel_candidates")
    op.drop_table("panel_questions")
    op.drop_table("panels")


NOT_OPEN = "This interview is not open for rating."


def _create_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for when in ("INSERT", "UPDATE OF value"):
            op.execute(
                f"""
                CREATE TRIGGER panel_ratings_only_while_open_{when.split()[0].lower()}
                BEFORE {when} ON panel_ratings
                BEGIN
                    SELECT RAISE(ABORT, '{NOT_OPEN}')
                    WHERE (SELECT status FROM panel_candidates WHERE id = NEW.candidate_id)
                        IS NOT 'open';
                END
                """
            )
        return
    op.execute(
        f"""
        CREATE FUNCTION panel_ratings_only_while_open() RETURNS trigger AS $$
        DECLARE interview text;
        BEGIN
            SELECT status INTO interview FROM panel_candidates
                WHERE id = NEW.candidate_id FOR SHARE;
            IF interview IS DISTINCT FROM 'open' THEN
                RAISE EXCEPTION '{NOT_OPEN}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql
        """
    )
    op.execute(
        "CREATE TRIGGER panel_ratings_only_while_open BEFORE INSERT OR UPDATE OF value "
        "ON panel_ratings "
        "FOR EACH ROW EXECUTE FUNCTION panel_ratings_only_while_open()"
    )


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS panel_ratings_only_while_open_insert")
        op.execute("DROP TRIGGER IF EXISTS panel_ratings_only_while_open_update")
        return
    op.execute("DROP TRIGGER IF EXISTS panel_ratings_only_while_open ON panel_ratings")
    op.execute("DROP FUNCTION IF EXISTS panel_ratings_only_while_open()")
