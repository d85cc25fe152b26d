"""Who has spoken and how much: each person's share of turns and of time, and who has not.

Pure functions on plain numbers (seconds from the start of the session), so the figures the
storytelling recorder shows can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Turn:
    person: int
    start: float
    end: float | None  # None while the turn is still going


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    role: str


@dataclass(frozen=True)
class Share:
    person: Person
    turns: int
    turn_share: float  # 0..1 of all turns
    seconds: float
    time_share: float  # 0..1 of all speaking time


@dataclass(frozen=True)
class Participation:
    shares: tuple[Share, ...]
    not_spoken: tuple[Person, ...]
    on_break: bool
    since_break: float  # seconds since the last break ended (or since the start)
    since_recap: float  # seconds since the last recap or break
    recap_due: bool


def participation(
    turns: Sequence[Turn],
    people: Sequence[Person],
    *,
    now: float,
    breaks: Sequence[tuple[float, float | None]] = (),
    recaps: Sequence[float] = (),
    recap_after: float = 20 * 60,
) -> Participation:
    """The participation panel's figures at `now` (seconds from the start)."""
    seconds: dict[int, float] = {p.id: 0.0 for p in people}
    counts: dict[int, int] = {p.id: 0 for p in people}
    for turn in turns:
        end = turn.end
        if end is None:
            # A turn still going stops at a break that started after it.
            later_breaks = [start for start, _ in breaks if start >= turn.start]
            end = min([now, *later_breaks])
        seconds[turn.person] = seconds.get(turn.person, 0.0) + max(0.0, end - turn.start)
        counts[turn.person] = counts.get(turn.person, 0) + 1
    total_turns = sum(counts.values())
    total_seconds = sum(seconds.values())
    shares = tuple(
        Share(
            person,
            counts[person.id],
            counts[person.id] / total_turns if total_turns else 0.0,
            seconds[person.id],
            seconds[person.id] / total_seconds if total_seconds else 0.0,
        )
        for person in people
    )
    on_break = any(end is None for _, end in breaks)
    ended = [end for _, end in breaks if end is not None]
    last_break_end = max(ended, default=0.0)
    since_break = 0.0 if on_break else now - last_break_end
    since_recap = now - max([last_break_end, *recaps])
    return Participation(
        shares=shares,
        not_spoken=tuple(p for p in people if counts[p.id] == 0),
        on_break=on_break,
        since_break=since_break,
        since_recap=0.0 if on_break else since_recap,
        recap_due=not on_break and since_recap >= recap_after,
    )
