"""Definitions and voting: workshops, ballots, words and sentences, rounds, candidates, votes.

Votes carry their workshop and round so composite foreign keys refuse, in the database, a
candidate from another round or a ballot from another workshop. Triggers refuse any vote
cast or changed in a round that is not open, or a value the round's method does not allow,
or a vote on a hidden or merged candidate. On PostgreSQL the trigger locks the round row
(FOR SHARE), so closing a round waits for votes already being saved and none land after.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("room_code", sa.String(length=12), nullable=False),
        sa.Column("facilitator_key_hash", sa.String(length=128), nullable=False),
        sa.Column("stage", sa.String(length=10), server_default="words", nullable=False),
        sa.Column("policy", sa.Text(), server_default="", nullable=False),
        sa.Column("changed", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "stage IN ('words', 'sentences', 'vote', 'finished')", name=op.f("ck_workshops_stage")
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_workshops_title_not_blank")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_workshops_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name=op.f("fk_workshops_session_id_sessions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops")),
        sa.UniqueConstraint("project_id", "title", name=op.f("uq_workshops_project_id_title")),
        sa.UniqueConstraint("room_code", name=op.f("uq_workshops_room_code")),
    )
    op.create_table(
        "ballots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("role", sa.String(length=20), server_default="not_said", nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "role IN ('lived_experience', 'professional', 'other', 'not_said')",
            name=op.f("ck_ballots_role"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_ballots_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_ballots_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballots")),
        sa.UniqueConstraint("id", "workshop_id", name="uq_ballots_id_workshop_id"),
        sa.UniqueConstraint("token", name=op.f("uq_ballots_token")),
        sa.UniqueConstraint("workshop_id", "name", name=op.f("uq_ballots_workshop_id_name")),
    )
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("dots", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), server_default="draft", nullable=False),
        sa.Column("hide_results", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "(method = 'dots') = (dots IS NOT NULL AND dots > 0)", name=op.f("ck_rounds_dots")
        ),
        sa.CheckConstraint(
            "method IN ('approval', 'thumbs', 'ranked', 'dots')", name=op.f("ck_rounds_method")
        ),
        sa.CheckConstraint("status IN ('draft', 'open', 'closed')", name=op.f("ck_rounds_status")),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_rounds_title_not_blank")),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_rounds_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
        sa.UniqueConstraint("id", "workshop_id", name="uq_rounds_id_workshop_id"),
        sa.UniqueConstraint("workshop_id", "title", name=op.f("uq_rounds_workshop_id_title")),
    )
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=True),
        sa.Column("proposed_text", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=10), server_default="shown", nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "state IN ('shown', 'hidden', 'merged')", name=op.f("ck_candidates_state")
        ),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_candidates_text_not_blank")),
        sa.ForeignKeyConstraint(
            ["ballot_id"],
            ["ballots.id"],
            name=op.f("fk_candidates_ballot_id_ballots"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["merged_into"],
            ["candidates.id"],
            name=op.f("fk_candidates_merged_into_candidates"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_candidates_round_id_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidates")),
        sa.UniqueConstraint("id", "round_id", name="uq_candidates_id_round_id"),
    )
    op.create_table(
        "contributions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=True),
        sa.Column("edit_of", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=10), server_default="shown", nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint("kind IN ('word', 'sentence')", name=op.f("ck_contributions_kind")),
        sa.CheckConstraint(
            "state IN ('shown', 'hidden', 'merged')", name=op.f("ck_contributions_state")
        ),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_contributions_text_not_blank")),
        sa.ForeignKeyConstraint(
            ["ballot_id"],
            ["ballots.id"],
            name=op.f("fk_contributions_ballot_id_ballots"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["edit_of"],
            ["contributions.id"],
            name=op.f("fk_contributions_edit_of_contributions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merged_into"],
            ["contributions.id"],
            name=op.f("fk_contributions_merged_into_contributions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_contributions_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contributions")),
    )
    op.create_table(
        "votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column(
            "cast_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["ballot_id", "workshop_id"],
            ["ballots.id", "ballots.workshop_id"],
            name="fk_votes_ballot_ballots",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id", "round_id"],
            ["candidates.id", "candidates.round_id"],
            name="fk_votes_candidate_candidates",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id", "workshop_id"],
            ["rounds.id", "rounds.workshop_id"],
            name="fk_votes_round_rounds",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_votes")),
        sa.UniqueConstraint(
            "round_id",
            "candidate_id",
            "ballot_id",
            name=op.f("uq_votes_round_id_candidate_id_ballot_id"),
        ),
    )

    _create_triggers()


def downgrade() -> None:
    _drop_triggers()
    op.drop_table("votes")
    op.drop_table("contributions")
    op.drop_table("candidates")
    op.drop_table("rounds")
    op.drop_table("ballots")
    op.drop_table("workshops")


# Allowed values per method (NULL, a skip, is always allowed): see schema.votes.
_ALLOWED = (
    "CASE r.method WHEN 'approval' THEN NEW.value IN (0, 1) "
    "WHEN 'thumbs' THEN NEW.value IN (-1, 0, 1) "
    "WHEN 'ranked' THEN NEW.value >= 1 ELSE NEW.value >= 0 END"
)
_NOT_OPEN = "This round is not open for voting."
_NOT_ALLOWED = "This vote is not one the round's voting method allows."
_NOT_SHOWN = "This candidate was hidden or merged; it cannot take votes."


def _create_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for when in ("INSERT", "UPDATE"):
            op.execute(
                f"""
                CREATE TRIGGER votes_only_while_open_{when.lower()} BEFORE {when} ON votes
                BEGIN
                    SELECT RAISE(ABORT, '{_NOT_OPEN}')
                    WHERE (SELECT status FROM rounds WHERE id = NEW.round_id) IS NOT 'open';
                    SELECT RAISE(ABORT, '{_NOT_SHOWN}')
                    WHERE (SELECT state FROM candidates WHERE id = NEW.candidate_id)
                        IS NOT 'shown';
                    SELECT RAISE(ABORT, '{_NOT_ALLOWED.replace("'", "''")}')
                    FROM rounds AS r
                    WHERE r.id = NEW.round_id AND NEW.value IS NOT NULL AND NOT ({_ALLOWED});
                END
                """
            )
        return
    op.execute(
        f"""
        CREATE FUNCTION votes_only_while_open() RETURNS trigger AS $$
        DECLARE r rounds%ROWTYPE;
        BEGIN
            SELECT * INTO r FROM rounds WHERE id = NEW.round_id FOR SHARE;
            IF r.status IS DISTINCT FROM 'open' THEN
                RAISE EXCEPTION '{_NOT_OPEN}' USING ERRCODE = 'check_violation';
            END IF;
            IF (SELECT state FROM candidates WHERE id = NEW.candidate_id)
                IS DISTINCT FROM 'shown' THEN
                RAISE EXCEPTION '{_NOT_SHOWN}' USING ERRCODE = 'check_violation';
            END IF;
            IF NEW.value IS NOT NULL AND NOT ({_ALLOWED}) THEN
                RAISE EXCEPTION '{_NOT_ALLOWED.replace("'", "''")}'
                    USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql
        """
    )
    op.execute(
        "CREATE TRIGGER votes_only_while_open BEFORE INSERT OR UPDATE ON votes "
        "FOR EACH ROW EXECUTE FUNCTION votes_only_while_open()"
    )


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS votes_only_while_open_insert")
        op.execute("DROP TRIGGER IF EXISTS votes_only_while_open_update")
        return
    op.execute("DROP TRIGGER IF EXISTS votes_only_while_open ON votes")
    op.execute("DROP FUNCTION IF EXISTS votes_only_while_open()")
