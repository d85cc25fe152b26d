"""The pair's pitches: a 30-second version and a 10-minute version of their story.

Word counts include numbers, since they are said aloud; the spoken time is the word count at
the `words_per_minute` setting. Every save is kept, newest current.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.sessions.pairs import get_pair
from coprod_lab.store import Store, record
from coprod_lab.store.schema import PITCH_LENGTHS, pitches

# How long each pitch should take to say, in seconds.
TARGET_SECONDS = {"30_seconds": 30, "10_minutes": 600}
# Spoken words, numbers included ("3 stays" is two words said aloud).
SPOKEN_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
TITLES = {"30_seconds": "30-second pitch", "10_minutes": "10-minute version"}


@dataclass(frozen=True)
class Timing:
    words: int
    seconds: float
    target_seconds: int
    words_per_minute: int

    @property
    def target_words(self) -> int:
        return round(self.target_seconds * self.words_per_minute / 60)

    def summary(self) -> str:
        """In words: how long it takes to say, and how that compares with the aim."""
        said = f"{self.words:,} words: about {say_time(self.seconds)} to say"
        aim = (
            f"at {self.words_per_minute} words a minute. The aim is {say_time(self.target_seconds)}"
        )
        if self.words == 0:
            return (
                f"No words yet. The aim is {say_time(self.target_seconds)}, "
                f"about {self.target_words:,} words."
            )
        # Within a tenth of the aim is on time: nobody times a pitch to the second.
        if self.seconds > self.target_seconds * 1.1:
            advice = f"try cutting about {self.words - self.target_words:,} words"
        elif self.seconds < self.target_seconds * 0.9:
            advice = f"there is room for about {self.target_words - self.words:,} more words"
        else:
            advice = "this is about right"
        return f"{said} {aim}, so {advice}."


def say_time(seconds: float) -> str:
    """12 -> "12 seconds", 90 -> "1 minute 30 seconds", 600 -> "10 minutes"."""
    total = round(seconds)
    minutes, rest = divmod(total, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def timing(text: str, length: str, *, words_per_minute: int) -> Timing:
    if length not in PITCH_LENGTHS:
        raise CoprodLabError(f"There is no pitch length called “{length}”.")
    if words_per_minute <= 0:
        raise CoprodLabError("The speaking speed must be more than 0 words a minute.")
    count = len(SPOKEN_WORD.findall(text))
    return Timing(count, count * 60 / words_per_minute, TARGET_SECONDS[length], words_per_minute)


@dataclass(frozen=True)
class Pitch:
    id: int
    length: str
    text: str
    author: str
    saved_at: dt.datetime


def save_pitch(
    store: Store, pair_id: int, length: str, text: str, *, author: str, actor: str
) -> Pitch | None:
    """Keep a new version of a pitch; None (nothing saved) when it has not changed."""
    if length not in PITCH_LENGTHS:
        raise CoprodLabError(f"There is no pitch length called “{length}”.")
    text = text.strip()
    if not text:
        raise CoprodLabError(f"The {TITLES[length]} is empty. Write it before saving.")
    with store.write() as db:
        get_pair(db, pair_id)
        newest = db.scalar(
            select(pitches.c.text)
            .where(pitches.c.pair_id == pair_id, pitches.c.length == length)
            .order_by(pitches.c.id.desc())
            .limit(1)
        )
        if newest == text:
            return None
        pitch_id = db.execute(
            insert(pitches).values(pair_id=pair_id, length=length, text=text, author=author)
        ).inserted_primary_key[0]
        record(
            db,
            actor=actor,
            action="write",
            subject="pitch",
            subject_id=pitch_id,
            detail={"pair": pair_id, "length": length},
        )
        saved_at = db.scalar(select(pitches.c.saved_at).where(pitches.c.id == pitch_id))
    return Pitch(pitch_id, length, text, author, saved_at)


def pitch_versions(store: Store, pair_id: int, length: str) -> list[Pitch]:
    """Every version of one pitch, newest first."""
    with store.read() as db:
        rows = db.execute(
            select(
                pitches.c.id, pitches.c.length, pitches.c.text, pitches.c.author, pitches.c.saved_at
            )
            .where(pitches.c.pair_id == pair_id, pitches.c.length == length)
            .order_by(pitches.c.id.desc())
        ).all()
    return [Pitch(*row) for row in rows]
