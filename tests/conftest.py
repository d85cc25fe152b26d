"""Shared fixtures: real stores, on SQLite always and on PostgreSQL when one is given.

Set COPROD_LAB_TEST_POSTGRES to a PostgreSQL URL (`.ci/run` starts one and sets it) and every
test that takes `store` or `store_url` runs on both; each test gets a database of its own.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from coprod_lab import Store, connect

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
POSTGRES = os.environ.get("COPROD_LAB_TEST_POSTGRES")


@pytest.fixture(autouse=True)
def _no_default_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    # No test may touch the person's real store: the default points into a temporary folder.
    home = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("COPROD_LAB_DB", raising=False)


def _postgres_database() -> Iterator[str]:
    admin_url = make_url(POSTGRES)
    name = f"coprod_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as db:
        db.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as db:
            db.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
        return
    if not POSTGRES:
        if os.environ.get("CI"):
            pytest.fail("CI must run the store tests on PostgreSQL: set COPROD_LAB_TEST_POSTGRES")
        pytest.skip("set COPROD_LAB_TEST_POSTGRES to run the store tests on PostgreSQL")
    yield from _postgres_database()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A store with the current schema and nothing in it."""
    opened = connect(store_url)
    opened.upgrade()
    yield opened
    opened.engine.dispose()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store, for what only SQLite has (pragmas, file backup)."""
    opened = connect(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    opened.upgrade()
    yield opened
    opened.engine.dispose()
