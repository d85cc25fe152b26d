"""Room activities (issue 24): "Is it co-production?" and questions for a brave conversation.

A workshop gains `activity`, so the same room code, cards, keys and pages serve each. The new
tables carry their workshop so composite foreign keys refuse, in the database, a ballot or a
situation from another room. Triggers refuse an answer to a situation that is not open, a
question once the room has stopped taking them, and "I want this asked too" on a question
that was hidden or joined with another. On PostgreSQL the answer trigger locks the situation
row (FOR SHARE), so closing it waits for answers already being saved and none land after.

Revision ID: 0009_i24
Revises: 0009_i23
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_i24"
down_revision = "0009_i23"
branch_labels = None
depends_on = None

_NOT_OPEN = "This situation is not open for answers."
_NO_QUESTIONS = "This room is not taking questions now."
_NOT_SHOWN = "This question was hidden or joined with another."


def _now() -> sa.Column:
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
    )


def upgrade() -> None:
    # Not batch mode: rebuilding workshops on SQLite would cascade deletes to its ballots.
    # Both databases take a named check on a column added this way.
    op.execute(
        "ALTER TABLE workshops ADD COLUMN activity VARCHAR(12) DEFAULT 'definitions' NOT NULL "
        "CONSTRAINT ck_workshops_activity CHECK (activity IN ('definitions', 'quiz', 'questions'))"
    )
    op.create_table(
        "quiz_situations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("usual_rung", sa.Integer(), nullable=True),
        sa.Column("why", sa.Text(), server_default="", nullable=False),
        sa.Column("placed_rung", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), server_default="draft", nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'open', 'closed')", name=op.f("ck_quiz_situations_status")
        ),
        sa.CheckConstraint(
            "usual_rung BETWEEN 1 AND 7", name=op.f("ck_quiz_situations_usual_rung")
        ),
        sa.CheckConstraint(
            "placed_rung BETWEEN 1 AND 7", name=op.f("ck_quiz_situations_placed_rung")
        ),
        sa.CheckConstraint(
            "length(trim(text)) > 0", name=op.f("ck_quiz_situations_text_not_blank")
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_quiz_situations_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quiz_situations")),
        sa.UniqueConstraint("id", "workshop_id", name="uq_quiz_situations_id_workshop_id"),
    )
    op.create_table(
        "quiz_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("situation_id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "answer IN ('yes', 'no', 'depends')", name=op.f("ck_quiz_answers_answer")
        ),
        sa.ForeignKeyConstraint(
            ["situation_id", "workshop_id"],
            ["quiz_situations.id", "quiz_situations.workshop_id"],
            name="fk_quiz_answers_situation_quiz_situations",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ballot_id", "workshop_id"],
            ["ballots.id", "ballots.workshop_id"],
            name="fk_quiz_answers_ballot_ballots",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quiz_answers")),
        sa.UniqueConstraint(
            "situation_id", "ballot_id", name=op.f("uq_quiz_answers_situation_id_ballot_id")
        ),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("named", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), server_default="shown", nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), server_default="waiting", nullable=False),
        _now(),
        sa.CheckConstraint(
            "state IN ('shown', 'hidden', 'merged')", name=op.f("ck_questions_state")
        ),
        sa.CheckConstraint(
            "status IN ('waiting', 'now', 'answered')", name=op.f("ck_questions_status")
        ),
        sa.CheckConstraint("length(trim(text)) > 0", name=op.f("ck_questions_text_not_blank")),
        sa.ForeignKeyConstraint(
            ["ballot_id", "workshop_id"],
            ["ballots.id", "ballots.workshop_id"],
            name="fk_questions_ballot_ballots",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merged_into"],
            ["questions.id"],
            name=op.f("fk_questions_merged_into_questions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
        sa.UniqueConstraint("id", "workshop_id", name="uq_questions_id_workshop_id"),
    )
    op.create_index(
        "ix_questions_one_now",
        "questions",
        ["workshop_id"],
        unique=True,
        sqlite_where=sa.text("status = 'now'"),
        postgresql_where=sa.text("status = 'now'"),
    )
    op.create_table(
        "question_support",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        _now(),
        sa.ForeignKeyConstraint(
            ["question_id", "workshop_id"],
            ["questions.id", "questions.workshop_id"],
            name="fk_question_support_question_questions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ballot_id", "workshop_id"],
            ["ballots.id", "ballots.workshop_id"],
            name="fk_question_support_ballot_ballots",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_support")),
        sa.UniqueConstraint(
            "question_id", "ballot_id", name=op.f("uq_question_support_question_id_ballot_id")
        ),
    )
    _create_triggers()


def downgrade() -> None:
    _drop_triggers()
    op.drop_table("question_support")
    op.drop_index("ix_questions_one_now", table_name="questions")
    op.drop_table("questions")
    op.drop_table("quiz_answers")
    op.drop_table("quiz_situations")
    op.execute("ALTER TABLE workshops DROP COLUMN activity")


# (table, trigger events, SQLite's refusal, PostgreSQL's body)
_TRIGGERS = (
    (
        "quiz_answers",
        ("INSERT", "UPDATE"),
        f"SELECT RAISE(ABORT, '{_NOT_OPEN}') WHERE (SELECT status FROM quiz_situations "
        "WHERE id = NEW.situation_id) IS NOT 'open';",
        f"""SELECT status INTO v FROM quiz_situations WHERE id = NEW.situation_id FOR SHARE;
            IF v IS DISTINCT FROM 'open' THEN
                RAISE EXCEPTION '{_NOT_OPEN}' USING ERRCODE = 'check_violation';
            END IF;""",
    ),
    (
        "questions",
        ("INSERT",),
        f"SELECT RAISE(ABORT, '{_NO_QUESTIONS}') WHERE (SELECT stage FROM workshops "
        "WHERE id = NEW.workshop_id) IS 'finished';",
        f"""SELECT stage INTO v FROM workshops WHERE id = NEW.workshop_id FOR SHARE;
            IF v = 'finished' THEN
                RAISE EXCEPTION '{_NO_QUESTIONS}' USING ERRCODE = 'check_violation';
            END IF;""",
    ),
    (
        "question_support",
        ("INSERT",),
        f"SELECT RAISE(ABORT, '{_NOT_SHOWN}') WHERE (SELECT state FROM questions "
        f"WHERE id = NEW.question_id) IS NOT 'shown'; SELECT RAISE(ABORT, '{_NO_QUESTIONS}') "
        "WHERE (SELECT stage FROM workshops WHERE id = NEW.workshop_id) IS 'finished';",
        # The room's row first, then the question's: moderation changes them in that order
        # too (it notes the change on the room first), so the two never wait on each other.
        f"""SELECT stage INTO v FROM workshops WHERE id = NEW.workshop_id FOR SHARE;
            IF v = 'finished' THEN
                RAISE EXCEPTION '{_NO_QUESTIONS}' USING ERRCODE = 'check_violation';
            END IF;
            SELECT state INTO v FROM questions WHERE id = NEW.question_id FOR SHARE;
            IF v IS DISTINCT FROM 'shown' THEN
                RAISE EXCEPTION '{_NOT_SHOWN}' USING ERRCODE = 'check_violation';
            END IF;""",
    ),
)


def _create_triggers() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, events, sqlite_body, pg_body in _TRIGGERS:
        if sqlite:
            for when in events:
                op.execute(
                    f"CREATE TRIGGER {table}_checked_{when.lower()} BEFORE {when} ON {table} "
                    f"BEGIN {sqlite_body} END"
                )
            continue
        op.execute(
            f"""
            CREATE FUNCTION {table}_checked() RETURNS trigger AS $$
            DECLARE v text;
            BEGIN
            {pg_body}
            RETURN NEW;
            END
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            f"CREATE TRIGGER {table}_checked BEFORE {' OR '.join(events)} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_checked()"
        )


def _drop_triggers() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, events, _sqlite_body, _pg_body in _TRIGGERS:
        if sqlite:
            for when in events:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_checked_{when.lower()}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_checked ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_checked()")
