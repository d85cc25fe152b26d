"""A view-only key for the results board, and "Not in my order" as a ranked vote of its own.

The board had to be opened with the facilitator key, so anyone who saw the projector's address
bar could run the workshop. The board key is kept only as a hash, like the facilitator key.
A ranked vote of 0 now means "Not in my order" (left out on purpose), apart from NULL (Skip):
the triggers of 0006 are made again with that one value allowed.

Revision ID: 0007_i19
Revises: 0006
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_i19"
down_revision = "0006"
branch_labels = None
depends_on = None

_NOT_OPEN = "This round is not open for voting."
_NOT_ALLOWED = "This vote is not one the round's voting method allows."
_NOT_SHOWN = "This candidate was hidden or merged; it cannot take votes."


def _allowed(lowest_rank: int) -> str:
    # Allowed values per method (NULL, a skip, is always allowed): see schema.votes.
    return (
        "CASE r.method WHEN 'approval' THEN NEW.value IN (0, 1) "
        "WHEN 'thumbs' THEN NEW.value IN (-1, 0, 1) "
        f"WHEN 'ranked' THEN NEW.value >= {lowest_rank} ELSE NEW.value >= 0 END"
    )


def upgrade() -> None:
    op.add_column("workshops", sa.Column("board_key_hash", sa.String(length=128), nullable=True))
    op.create_index("ix_workshops_board_key_hash", "workshops", ["board_key_hash"], unique=True)
    _drop_triggers()
    _create_triggers(_allowed(0))


def downgrade() -> None:
    op.execute(
        "UPDATE votes SET value = NULL WHERE value = 0 AND round_id IN "
        "(SELECT id FROM rounds WHERE method = 'ranked')"
    )
    _drop_triggers()
    _create_triggers(_allowed(1))
    op.drop_index("ix_workshops_board_key_hash", table_name="workshops")
    # Not batch mode: rebuilding workshops on SQLite would cascade deletes to its ballots.
    op.execute("ALTER TABLE workshops DROP COLUMN board_key_hash")


# The triggers as in 0006, with the allowed values given.
def _create_triggers(allowed: str) -> None:
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
                    WHERE r.id = NEW.round_id AND NEW.value IS NOT NULL AND NOT ({allowed});
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
            IF NEW.value IS NOT NULL AND NOT ({allowed}) THEN
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
