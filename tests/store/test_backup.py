"""`db backup`: a consistent copy of a SQLite store, even while pages are writing to it."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from coprod_lab import connect
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import events, projects, record


def test_a_backup_taken_while_writing_is_whole_and_consistent(sqlite_store, tmp_path) -> None:
    # Each write adds a project and its event together; a torn copy would show one without
    # the other.
    stop = threading.Event()

    def keep_writing() -> None:
        n = 0
        while not stop.is_set():
            with sqlite_store.write() as db:
                pid = db.execute(insert(projects).values(name=f"p{n}")).inserted_primary_key[0]
                record(db, actor="writer", action="create", subject="project", subject_id=pid)
            n += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copies = [sqlite_store.backup(tmp_path / f"copy{i}.sqlite3") for i in range(5)]
    finally:
        stop.set()
        writer.join()

    for copy in copies:
        with sqlite3.connect(copy) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        opened = connect(f"sqlite:///{copy}")
        opened.check()
        with opened.read() as db:
            made = db.scalar(select(func.count()).select_from(projects))
            logged = db.scalar(select(func.count()).select_from(events))
        assert made == logged
    assert not list(tmp_path.glob("*.partial"))


def test_a_backup_never_overwrites_a_file(sqlite_store, tmp_path: Path) -> None:
    target = tmp_path / "already-here.sqlite3"
    target.write_text("keep me")
    with pytest.raises(CoprodLabError, match="already exists"):
        sqlite_store.backup(target)
    assert target.read_text() == "keep me"


def test_a_backup_into_a_missing_folder_is_explained(sqlite_store, tmp_path: Path) -> None:
    with pytest.raises(CoprodLabError, match="does not exist"):
        sqlite_store.backup(tmp_path / "no-such-folder" / "copy.sqlite3")


def test_each_kind_of_store_is_backed_up_its_own_way(store, tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    if store.is_sqlite:
        assert store.backup(target) == target
        connect(f"sqlite:///{target}").check()
    else:
        with pytest.raises(CoprodLabError, match="pg_dump"):
            store.backup(target)
        assert not target.exists()
