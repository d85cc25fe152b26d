"""Opening the store, keeping its schema current, and backing it up.

SQLite needs care to be safe with many writers (a room of phones voting at once):
- WAL mode, so readers never block the writer and the writer never blocks readers;
- synchronous=FULL, so a committed vote survives a power cut;
- foreign keys on (SQLite leaves them off unless asked, per connection);
- every write transaction opened with BEGIN IMMEDIATE. With the default deferred BEGIN two
  transactions that read and then write both take a read lock, one must fail to upgrade it,
  and SQLite answers "database is locked" at once instead of waiting (measured here: 1,178 of
  1,200 votes lost). BEGIN IMMEDIATE takes the write lock first, so the busy timeout applies.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from coprod_lab.config import setting
from coprod_lab.errors import CoprodLabError, StoreBusy
from coprod_lab.store.schema import projects

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_WRITE = "coprod_lab_write"
_SETUP_LOCK = 0x636F70726F64  # "coprod": any number no other program on the server uses

# Pages show it as it is (Says._try shows any CoprodLabError), so it is in the pages' words.
_NOT_SAVED = (
    "Not saved, so nothing has changed: too many people were saving at once. Please press again."
)
# PostgreSQL's codes for "busy, try again": too many connections, starting up, a serialisation
# failure, a deadlock it broke, a lock not available.
_BUSY_SQLSTATES = {"53300", "57P03", "40001", "40P01", "55P03"}

# What to call when a write has to wait for a busy store, for writes made without an on_busy
# of their own: a page sets it around a press (widgets/page.py) to say "Still saving…".
while_busy: ContextVar[Callable[[], None] | None] = ContextVar("while_busy", default=None)

SchemaState = Literal["empty", "behind", "current", "ahead"]


class Store:
    """One database, opened with the settings that keep its data safe."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def describe(self) -> str:
        """The store's address with any password hidden, for messages."""
        if self.is_sqlite:
            return str(self.url.database)
        return self.url.render_as_string(hide_password=True)

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only snapshot: everything read inside sees the same moment."""
        with self.engine.connect() as db, db.begin():
            yield db

    @contextlib.contextmanager
    def write(self, on_busy: Callable[[], None] | None = None) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back on any error.

        A store that is busy (SQLite: another writer holds the lock for longer than
        `busy_timeout_ms`; PostgreSQL: too many connections, a deadlock broken) is tried again
        after pauses growing from 50 ms to 1 s, with jitter so waiting writers do not retry in
        step, until `write_patience_seconds` have passed. Only the start of the transaction is
        tried again: on SQLite, BEGIN IMMEDIATE takes the write lock before anything is read
        or written, so a try that found the store busy had done nothing.

        `on_busy` (else the `while_busy` context variable) is called once, in this thread, when
        the first try finds the store busy, so a page can say "Still saving…". Raises StoreBusy
        when patience runs out or the store is found busy inside the block; either way nothing
        of this write was kept.
        """
        db = self._begin_writing(on_busy or while_busy.get())
        transaction = db.get_transaction()
        assert transaction is not None  # begun by _begin_writing
        try:
            with db, transaction:
                yield db
        except DBAPIError as error:
            if _is_busy(error):
                raise StoreBusy(_NOT_SAVED) from error
            raise

    def _begin_writing(self, on_busy: Callable[[], None] | None) -> Connection:
        patience = setting("write_patience_seconds")
        deadline = time.monotonic() + patience
        pause, told = 0.05, False
        while True:
            db: Connection | None = None
            try:
                db = self.engine.connect().execution_options(**{_WRITE: True})
                db.begin()
                return db
            except DBAPIError as error:
                if db is not None:
                    db.close()
                if not _is_busy(error):
                    raise
                if on_busy is not None and not told:
                    told = True
                    on_busy()
                wait = pause * random.uniform(0.5, 1.5)
                if time.monotonic() + wait > deadline:
                    raise StoreBusy(_NOT_SAVED) from error
                time.sleep(wait)
                pause = min(pause * 2, 1.0)

    # --- schema -------------------------------------------------------------------------
    # Alembic is imported only here: every voting page's kernel opens a store and never
    # migrates, and Alembic would add about 11 MB to each of them.

    def _alembic(self, db: Connection):  # -> alembic.config.Config
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(_MIGRATIONS))
        cfg.attributes["connection"] = db
        return cfg

    def schema_state(self) -> SchemaState:
        """Whether the tables are missing, older than this code, current, or newer."""
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        script = ScriptDirectory(str(_MIGRATIONS))
        with self.read() as db:
            current = MigrationContext.configure(db).get_current_heads()
        if not current:
            return "empty"
        head = script.get_current_head()
        if current == (head,):
            return "current"
        known = {rev.revision for rev in script.walk_revisions()}
        return "behind" if set(current) <= known else "ahead"

    def _refuse_newer(self) -> None:
        if self.schema_state() == "ahead":
            raise CoprodLabError(
                f"The store at {self.describe()} was written by a newer version of "
                "coprod-lab; update coprod-lab (or point COPROD_LAB_DB at another store)."
            )

    def upgrade(self) -> None:
        """Create the tables, or migrate them to this version's schema. Safe to repeat."""
        from alembic import command

        self._refuse_newer()
        with self.write() as db:
            command.upgrade(self._alembic(db), "head")

    @contextlib.contextmanager
    def one_setup_at_a_time(self) -> Iterator[None]:
        """Hold while creating tables and adding the demo: when several servers start at once
        on one store, the first does it and the others then find it done (without this, two
        would both create the tables, and one would fail, or both add the demo project)."""
        if self.is_sqlite:
            database = self.url.database
            if not database or database == ":memory:":
                yield
                return
            import fcntl

            with open(database + ".setup-lock", "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                yield
            return
        with self.engine.connect() as db:
            # A session-level advisory lock, so it spans the migration's own transactions.
            db.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _SETUP_LOCK})
            db.commit()
            try:
                yield
            finally:
                db.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _SETUP_LOCK})
                db.commit()

    def check(self) -> None:
        """Raise a clear error unless the store is usable by this version as it is."""
        state = self.schema_state()
        if state == "ahead":
            self._refuse_newer()
        if state != "current":
            raise CoprodLabError(
                f"The store at {self.describe()} is not ready for this version of coprod-lab; "
                "run `./run db upgrade` in the coprod-lab folder (or `coprod-lab db upgrade` "
                "where it is installed) first."
            )

    def is_empty(self) -> bool:
        """True when no project has been made yet (the demo project is loaded then)."""
        with self.read() as db:
            return db.scalar(select(func.count()).select_from(projects)) == 0

    # --- backup -------------------------------------------------------------------------

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """Copy a SQLite store consistently, even while pages are writing to it.

        SQLite's online backup copies one snapshot of the database; the copy is written to a
        temporary name first, so a half-made backup never sits at `target`.
        """
        target = Path(target)
        if not self.is_sqlite:
            raise CoprodLabError(
                "`coprod-lab db backup` copies SQLite stores. For PostgreSQL use pg_dump, "
                "which also makes a consistent copy while pages write."
            )
        if target.exists():
            raise CoprodLabError(f"{target} already exists; choose a new file for the backup.")
        if not target.parent.is_dir():
            raise CoprodLabError(f"The folder {target.parent} does not exist.")
        partial = target.with_name(target.name + ".partial")
        raw = self.engine.raw_connection()
        try:
            with contextlib.closing(sqlite3.connect(partial)) as copy:
                raw.driver_connection.backup(copy)
            partial.replace(target)
        except sqlite3.Error as error:
            partial.unlink(missing_ok=True)
            raise CoprodLabError(f"The backup to {target} failed: {error}.") from None
        finally:
            raw.close()
        return target


# --- opening ------------------------------------------------------------------------------


def connect(url: str | URL | None = None) -> Store:
    """Open the store at `url`, or at the `db` setting (COPROD_LAB_DB) when none is given.

    The database is reached once here, so a wrong address fails now with a clear sentence.
    """
    raw_url = url if url is not None else setting("db")
    try:
        parsed = make_url(raw_url)
    except ArgumentError:
        raise CoprodLabError(
            f"{raw_url!r} is not a database address; use sqlite:///path/to/file.sqlite3 or "
            "postgresql+psycopg://user:password@host/database."
        ) from None
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite_engine(parsed)
    elif parsed.get_backend_name() == "postgresql":
        engine = _postgresql_engine(parsed)
    else:
        raise CoprodLabError(
            f"coprod-lab stores data in SQLite or PostgreSQL, not {parsed.get_backend_name()}."
        )
    store = Store(engine)
    try:
        with store.read() as db:
            db.exec_driver_sql("SELECT 1")
    except DBAPIError as error:
        engine.dispose()
        raise _unreachable(store, error) from None
    return store


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    timeout_ms = setting("busy_timeout_ms")
    engine = create_engine(url, connect_args={"timeout": timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Hand transaction control to us (the "begin" hook below): pysqlite's own
        # implicit BEGIN comes too late and is always deferred.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(timeout_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(db: Connection) -> None:
        db.exec_driver_sql("BEGIN IMMEDIATE" if db.get_execution_options().get(_WRITE) else "BEGIN")

    return engine


def _postgresql_engine(url: URL) -> Engine:
    if url.drivername == "postgresql":
        # A plain postgresql:// address means psycopg 3, the driver coprod-lab installs.
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _is_busy(error: DBAPIError) -> bool:
    """True for an error that means "the store is busy; the same write may work later"."""
    if isinstance(error.orig, sqlite3.OperationalError):
        message = str(error.orig)
        return "database is locked" in message or "database is busy" in message
    return getattr(error.orig, "sqlstate", None) in _BUSY_SQLSTATES


def _is_corrupt(error: DBAPIError) -> bool:
    return isinstance(error.orig, sqlite3.DatabaseError) and (
        "not a database" in str(error.orig) or "malformed" in str(error.orig)
    )


def _unreachable(store: Store, error: DBAPIError) -> CoprodLabError:
    """One sentence a person can act on, in place of the driver's traceback."""
    reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
    if store.is_sqlite:
        if _is_corrupt(error):
            return CoprodLabError(
                f"{store.describe()} is not a readable coprod-lab store (SQLite says: "
                f"{reason}); restore it from a backup or point COPROD_LAB_DB at another file."
            )
        return CoprodLabError(f"Cannot open the store at {store.describe()}: {reason}.")
    return CoprodLabError(f"Cannot reach the PostgreSQL database at {store.describe()}: {reason}.")
