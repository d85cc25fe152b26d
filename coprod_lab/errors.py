"""The one exception type a user can meet: its message is a sentence a person can act on."""

from __future__ import annotations


class CoprodLabError(Exception):
    """Something the person using coprod-lab can fix; `str(error)` says what and how."""


class StoreBusy(CoprodLabError):
    """A write that found the store busy for longer than `write_patience_seconds` (SQLite locked
    by other writers, PostgreSQL refusing connections or breaking a deadlock). Nothing of the
    write was kept: the transaction was rolled back or never began, so pressing again is safe.
    Pages turn it into "Not saved: press again"."""
