"""Alembic's entry point. coprod-lab always hands it an open connection (Store.upgrade)."""

from alembic import context

from coprod_lab.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
