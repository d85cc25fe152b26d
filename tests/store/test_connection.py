"""Opening the store: SQLite's safety settings, BEGIN IMMEDIATE, and clear errors."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import OperationalError

from coprod_lab import connect
from coprod_lab.errors import CoprodLabError, StoreBusy
from coprod_lab.store import projects


def test_sqlite_is_opened_with_the_settings_that_keep_data_safe(sqlite_store) -> None:
    with sqlite_store.read() as db:
        assert db.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert db.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert db.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert db.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2_000


def test_the_busy_timeout_is_a_setting(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COPROD_LAB_BUSY_TIMEOUT_MS", "2500")
    store = connect(f"sqlite:///{tmp_path / 's.sqlite3'}")
    with store.read() as db:
        assert db.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2500


def test_writes_take_the_write_lock_at_begin(sqlite_store, tmp_path: Path) -> None:
    # With BEGIN IMMEDIATE a second writer waits at BEGIN, before it reads anything, so a
    # read-then-write transaction can never fail half way with "database is locked".
    entered = threading.Event()
    release = threading.Event()

    def hold_the_lock() -> None:
        with sqlite_store.write() as db:
            db.execute(insert(projects).values(name="first"))
            entered.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    entered.wait(10)
    other = connect(sqlite_store.url)
    with other.engine.connect() as raw:
        raw.exec_driver_sql("PRAGMA busy_timeout=100")
        with pytest.raises(Exception, match="locked"):
            raw.exec_driver_sql("BEGIN IMMEDIATE")
    # Reads are not blocked by the writer (WAL): they see the last commit.
    with other.read() as db:
        assert db.scalar(select(func.count()).select_from(projects)) == 0
    release.set()
    holder.join()
    with other.read() as db:
        assert db.scalar(select(func.count()).select_from(projects)) == 1


def _hold_the_write_lock(store, entered: threading.Event, release: threading.Event) -> None:
    # Another program's connection, outside coprod-lab, holding SQLite's write lock.
    raw = sqlite3.connect(store.url.database, isolation_level=None, check_same_thread=False)
    try:
        raw.execute("BEGIN IMMEDIATE")
        entered.set()
        release.wait(60)
        raw.execute("ROLLBACK")
    finally:
        raw.close()


def test_a_busy_write_is_tried_again_and_saved_once_the_store_is_free(
    sqlite_store, monkeypatch
) -> None:
    monkeypatch.setenv("COPROD_LAB_BUSY_TIMEOUT_MS", "50")
    busy = connect(sqlite_store.url)  # its connections wait 50 ms a try
    entered, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_the_write_lock, args=(sqlite_store, entered, release))
    holder.start()
    assert entered.wait(30)
    told: list[str] = []

    def still_saving() -> None:
        told.append("still saving")
        release.set()  # the other writer finishes while this one waits

    with busy.write(on_busy=still_saving) as db:
        db.execute(insert(projects).values(name="saved after a wait"))
    holder.join()
    assert told == ["still saving"]  # told once, not once a try
    with busy.read() as db:
        assert db.scalars(select(projects.c.name)).all() == ["saved after a wait"]
    busy.engine.dispose()


def test_a_write_that_runs_out_of_patience_keeps_nothing_and_says_so(
    sqlite_store, monkeypatch
) -> None:
    monkeypatch.setenv("COPROD_LAB_BUSY_TIMEOUT_MS", "20")
    monkeypatch.setenv("COPROD_LAB_WRITE_PATIENCE_SECONDS", "0.5")
    busy = connect(sqlite_store.url)
    entered, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_the_write_lock, args=(sqlite_store, entered, release))
    holder.start()
    assert entered.wait(30)
    told: list[str] = []
    ran: list[str] = []
    try:
        with (
            pytest.raises(
                StoreBusy, match=r"^Not saved, so nothing has changed: .* press again\.$"
            ),
            busy.write(on_busy=lambda: told.append("still saving")) as db,
        ):
            ran.append("the block")
            db.execute(insert(projects).values(name="never kept"))
    finally:
        release.set()
        holder.join()
    assert told == ["still saving"]
    assert ran == []  # the block never ran: nothing was half-done
    with busy.read() as db:
        assert db.scalar(select(func.count()).select_from(projects)) == 0
    busy.engine.dispose()


def test_busy_inside_the_block_rolls_everything_back(sqlite_store) -> None:
    with pytest.raises(StoreBusy), sqlite_store.write() as db:
        db.execute(insert(projects).values(name="first half"))
        # As SQLite reports a lock met half way (for example while checkpointing).
        locked = sqlite3.OperationalError("database is locked")
        raise OperationalError("INSERT ...", {}, locked)
    with sqlite_store.read() as db:
        assert db.scalar(select(func.count()).select_from(projects)) == 0


def test_the_default_store_is_a_sqlite_file_in_the_data_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    store = connect()
    assert Path(store.url.database) == tmp_path / "coprod-lab" / "coprod-lab.sqlite3"
    assert Path(store.url.database).parent.is_dir()


def test_coprod_lab_db_chooses_the_store(tmp_path: Path, monkeypatch) -> None:
    chosen = tmp_path / "chosen.sqlite3"
    monkeypatch.setenv("COPROD_LAB_DB", f"sqlite:///{chosen}")
    assert Path(connect().url.database) == chosen


def test_a_corrupt_sqlite_file_gives_one_clear_sentence(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database, just some words " * 200)
    with pytest.raises(CoprodLabError) as error:
        connect(f"sqlite:///{broken}")
    message = str(error.value)
    assert str(broken) in message
    assert "not a readable coprod-lab store" in message
    assert "\n" not in message


def test_an_unreachable_postgresql_gives_one_clear_sentence() -> None:
    url = "postgresql://someone:secret@127.0.0.1:1/nowhere"
    with pytest.raises(CoprodLabError) as error:
        connect(url)
    message = str(error.value)
    assert message.startswith("Cannot reach the PostgreSQL database at")
    assert "secret" not in message  # the password is never printed
    assert "\n" not in message


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("not a url at all", "is not a database address"),
        ("mysql://user@localhost/db", "SQLite or PostgreSQL"),
    ],
)
def test_an_address_we_cannot_use_is_explained(url: str, says: str) -> None:
    with pytest.raises(CoprodLabError, match=says):
        connect(url)
