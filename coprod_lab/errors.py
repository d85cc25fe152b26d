"""The one exception type a user can meet: its message is a sentence a person can act on."""

from __future__ import annotations


class CoprodLabError(Exception):
    """Something the person using coprod-lab can fix; `str(error)` says what and how."""
