"""Reading one session for coding: its turns in order and every coding on them, with each
code's colour, as the transcript reader (widgets.reader) and the report show them.

Speakers get made-up names unless real_names; the words are shown as stored, because coding
offsets count characters of the stored text (a name replaced inside it would shift them).
Names in the words are hidden when a transcript is imported with redaction (privacy).
"""

from __future__ import annotations

import math

import pandas as pd
from sqlalchemy import func, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store
from coprod_lab.store.schema import coded_utterances, codes, sessions, utterances

# Colours for codes that have none of their own: matplotlib's "tab10", picked for telling
# categories apart (https://matplotlib.org/stable/users/explain/colors/colormaps.html).
PALETTE = (
    "#1F77B4",
    "#FF7F0E",
    "#2CA02C",
    "#D62728",
    "#9467BD",
    "#8C564B",
    "#E377C2",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
)
TURN_COLUMNS = ["utterance_id", "turn", "speaker", "role", "start", "text"]
CODING_COLUMNS = [
    "passage_id",
    "utterance_id",
    "code_id",
    "code",
    "colour",
    "coder",
    "start_char",
    "end_char",
]


def code_colour(code_id: int, colour: str | None) -> str:
    """A code's own colour ("#RRGGBB"), else one of PALETTE chosen by its id (stable)."""
    return colour if isinstance(colour, str) and colour else PALETTE[int(code_id) % len(PALETTE)]


def sessions_of(store: Store, project_id: int) -> list[tuple[str, int]]:
    """The project's sessions that have turns to code, as (title, id), in the order they were
    added."""
    with store.read() as db:
        rows = db.execute(
            select(sessions.c.title, sessions.c.id)
            .where(
                sessions.c.project_id == project_id,
                select(utterances.c.id).where(utterances.c.session_id == sessions.c.id).exists(),
            )
            .order_by(sessions.c.id)
        ).all()
    return [(title, int(sid)) for title, sid in rows]


def session_turns(
    store: Store, project_id: int, session_id: int, *, real_names: bool = False
) -> pd.DataFrame:
    """One session's turns in order: TURN_COLUMNS (start in seconds, NaN when unknown).
    Raises CoprodLabError if the session is not in the project."""
    with store.read() as db:
        found = db.execute(
            select(sessions.c.id).where(
                sessions.c.id == session_id, sessions.c.project_id == project_id
            )
        ).first()
        if found is None:
            raise CoprodLabError(f"Session {session_id} is not in this project.")
        rows = db.execute(
            select(
                utterances.c.id.label("utterance_id"),
                utterances.c.turn,
                utterances.c.speaker,
                utterances.c.role,
                utterances.c.start,
                utterances.c.text,
            )
            .where(utterances.c.session_id == session_id)
            .order_by(utterances.c.turn)
        ).all()
    frame = pd.DataFrame(rows, columns=TURN_COLUMNS)
    frame["start"] = frame["start"].astype(float)
    if not real_names and not frame.empty:
        from coprod_lab.privacy.people import made_up_names

        names = made_up_names(store, project_id)
        frame["speaker"] = [names.get(s, s) for s in frame["speaker"]]
    return frame


def session_codings(store: Store, project_id: int, session_id: int) -> pd.DataFrame:
    """Every coding on one session's turns: CODING_COLUMNS, end_char filled in for whole turns
    coded before offsets existed, colour always set (code_colour), in turn and character
    order."""
    end = func.coalesce(coded_utterances.c.end_char, func.length(utterances.c.text))
    with store.read() as db:
        rows = db.execute(
            select(
                coded_utterances.c.id,
                coded_utterances.c.utterance_id,
                codes.c.id,
                codes.c.name,
                codes.c.colour,
                coded_utterances.c.coder,
                coded_utterances.c.start_char,
                end,
            )
            .join(codes, codes.c.id == coded_utterances.c.code_id)
            .join(utterances, utterances.c.id == coded_utterances.c.utterance_id)
            .where(codes.c.project_id == project_id, utterances.c.session_id == session_id)
            .order_by(
                utterances.c.turn,
                coded_utterances.c.start_char,
                codes.c.name,
                coded_utterances.c.id,
            )
        ).all()
    frame = pd.DataFrame(rows, columns=CODING_COLUMNS)
    frame["colour"] = [
        code_colour(i, c) for i, c in zip(frame["code_id"], frame["colour"], strict=True)
    ]
    return frame


def clock(seconds: float) -> str:
    """Seconds from the start as "h:mm:ss" ("" when unknown)."""
    if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)):
        return ""
    whole = int(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
