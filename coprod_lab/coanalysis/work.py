"""What a co-analyst does to a turn: choose codes, pick out the words that matter and say why,
mark it important, "I read this differently", skipped or read, suggest a new code. Progress,
and the turn where they stopped.

Every action checks, in the same transaction as its write, that the turn is in the
co-analyst's project, in a session open for co-analysis, and spoken by someone who consented
to sharing: the page is never trusted (a browser can send any widget message).

Codes and selections are rows of the coding core's own tables (coded_utterances with the
co-analyst's name as coder, memos with it as author), with the same audit events the core
writes (coding.passages: "coded passage" with the ids, "removed coding" with the rows, so its
undo works on them too; coding.memos: "wrote"). They are written here rather than through
coding.passages.code_passage because that module imports pandas, and a page kernel stays
lean (DESIGN.md); a test checks that the rows and events match what the core writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, func, insert, select, update

from coprod_lab.coanalysis.invitations import CoAnalyst
from coprod_lab.coanalysis.opening import WORDS_THAT_MATTER, WORDS_THAT_MATTER_MEANING, is_open
from coprod_lab.coanalysis.turns import SharedTurn, consented
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import (
    COANALYSIS_MARKS,
    coanalysis_marks,
    code_suggestions,
    coded_utterances,
    codes,
    memos,
    sessions,
    utterances,
)

# The coding core's audit actions (coding.passages.CODED, UNCODED), which its undo reads.
CODED, UNCODED = "coded passage", "removed coding"
NOT_OPEN = "This session is no longer open for co-analysis, so nothing was saved."
MARK_WORDS = {
    "important": "This is important",
    "read_differently": "I read this differently",
    "skipped": "Skip this turn",
    "read": "Read",
}


def _check(db: Connection, who: CoAnalyst, utterance_id: int) -> int:
    """The turn's session id, if the co-analyst may work on it; CoprodLabError if not."""
    session_id = db.execute(
        select(utterances.c.session_id)
        .join(sessions, sessions.c.id == utterances.c.session_id)
        .where(utterances.c.id == int(utterance_id), sessions.c.project_id == who.project_id)
    ).scalar()
    if session_id is None or not is_open(db, session_id):
        raise CoprodLabError(NOT_OPEN)
    shared = db.execute(
        consented(db, who.project_id).where(utterances.c.id == int(utterance_id))
    ).first()
    if shared is None:
        raise CoprodLabError("This turn is not shared for co-analysis, so nothing was saved.")
    return int(session_id)


def codes_to_choose(store: Store, project_id: int) -> list[tuple[str, str]]:
    """The code book's codes a co-analyst can choose, as (name, meaning), A-Z (without
    WORDS_THAT_MATTER, which picking out words gives)."""
    with store.read() as db:
        rows = db.execute(
            select(codes.c.name, codes.c.description)
            .where(codes.c.project_id == project_id, codes.c.name != WORDS_THAT_MATTER)
            .order_by(func.lower(codes.c.name))
        ).all()
    return [(n, d) for n, d in rows]


def _code(db: Connection, project_id: int, name: str, *, make: bool = False) -> int:
    found = db.execute(
        select(codes.c.id).where(codes.c.project_id == project_id, codes.c.name == name)
    ).scalar()
    if found is not None:
        return int(found)
    if not make:
        raise CoprodLabError(f"There is no code called {name!r} in this project.")
    new = int(
        db.execute(
            insert(codes).values(
                project_id=project_id,
                name=name,
                description=WORDS_THAT_MATTER_MEANING,
                created_by="co-analysis",
            )
        ).inserted_primary_key[0]
    )
    audit.record(db, actor="co-analysis", action="created", subject="code", subject_id=new)
    return new


def _coding(db: Connection, code: int, utterance_id: int, coder: str, start: int, end: int):
    return db.execute(
        select(coded_utterances.c.id).where(
            coded_utterances.c.code_id == code,
            coded_utterances.c.utterance_id == int(utterance_id),
            coded_utterances.c.coder == coder,
            coded_utterances.c.start_char == start,
            coded_utterances.c.end_char == end,
        )
    ).scalar()


def _add_coding(
    db: Connection, who: CoAnalyst, code: int, utterance_id: int, start: int, end: int
) -> tuple[int, bool]:
    """(the coding's id, whether it is new): a coding already there is not repeated."""
    there = _coding(db, code, utterance_id, who.name, start, end)
    if there is not None:
        return int(there), False
    new = int(
        db.execute(
            insert(coded_utterances).values(
                code_id=code,
                utterance_id=int(utterance_id),
                coder=who.name,
                start_char=start,
                end_char=end,
            )
        ).inserted_primary_key[0]
    )
    audit.record(
        db,
        actor=who.name,
        action=CODED,
        subject="passage",
        subject_id=new,
        detail={"project": who.project_id, "ids": [new]},
    )
    return new, True


def _length(db: Connection, utterance_id: int) -> int:
    text = db.execute(
        select(utterances.c.text).where(utterances.c.id == int(utterance_id))
    ).scalar()
    return len(text or "")


def check(store: Store, who: CoAnalyst, utterance_id: int) -> int:
    """Raise CoprodLabError unless `who` may work on this turn now; returns its session id."""
    with store.read() as db:
        return _check(db, who, utterance_id)


def set_code(store: Store, who: CoAnalyst, utterance_id: int, code: str, on: bool) -> None:
    """Give the whole turn a code of the code book (on) or take it off again (off). Raises
    CoprodLabError, saving nothing, as `check` does or for an unknown code."""
    with store.write() as db:
        _check(db, who, utterance_id)
        code_id = _code(db, who.project_id, code)
        length = _length(db, utterance_id)
        if on:
            _add_coding(db, who, code_id, utterance_id, 0, length)
            return
        rows = (
            db.execute(
                select(coded_utterances).where(
                    coded_utterances.c.code_id == code_id,
                    coded_utterances.c.utterance_id == int(utterance_id),
                    coded_utterances.c.coder == who.name,
                    coded_utterances.c.start_char == 0,
                    func.coalesce(coded_utterances.c.end_char, length) == length,
                )
            )
            .mappings()
            .all()
        )
        for row in rows:
            db.execute(delete(coded_utterances).where(coded_utterances.c.id == row["id"]))
            kept = {
                k: row[k]
                for k in ("id", "code_id", "utterance_id", "coder", "start_char", "end_char")
            }
            kept["coded_at"] = row["coded_at"].isoformat()
            audit.record(
                db,
                actor=who.name,
                action=UNCODED,
                subject="passage",
                subject_id=int(row["id"]),
                detail={"project": who.project_id, "rows": [kept]},
            )


def select_words(
    store: Store,
    who: CoAnalyst,
    turn: SharedTurn,
    start: int,
    end: int,
    why: str = "",
    *,
    code: str | None = None,
) -> int:
    """Keep the words shown[start:end] of a turn (characters of the text the co-analyst sees)
    as a coded passage, with `code` or else WORDS_THAT_MATTER (made the first time), and
    `why` as a memo on it, in one transaction. Returns the passage's id. Raises
    CoprodLabError (saving nothing) as `check` does, or for a selection outside the turn."""
    begin, finish = turn.to_stored(start, end)
    with store.write() as db:
        _check(db, who, turn.utterance_id)
        if not 0 <= begin < finish <= _length(db, turn.utterance_id):
            raise CoprodLabError("Those words are not in this turn any more; nothing was saved.")
        code_id = _code(db, who.project_id, code or WORDS_THAT_MATTER, make=code is None)
        passage, _new = _add_coding(db, who, code_id, turn.utterance_id, begin, finish)
        if why.strip():
            memo = int(
                db.execute(
                    insert(memos).values(
                        project_id=who.project_id,
                        about="passage",
                        passage_id=passage,
                        text=why.strip(),
                        author=who.name,
                    )
                ).inserted_primary_key[0]
            )
            audit.record(
                db,
                actor=who.name,
                action="wrote",
                subject="memo",
                subject_id=memo,
                detail={"about": "passage"},
            )
    return passage


def mark(
    store: Store, who: CoAnalyst, utterance_id: int, kind: str, on: bool = True, note: str = ""
) -> None:
    """Mark a turn (on) or take the mark off (off): kind is one of COANALYSIS_MARKS; `note`
    says how they read it (for "read_differently")."""
    if kind not in COANALYSIS_MARKS:
        raise CoprodLabError(f"A turn is marked {', '.join(COANALYSIS_MARKS)}, not {kind!r}.")
    with store.write() as db:
        _check(db, who, utterance_id)
        mine = (
            (coanalysis_marks.c.coanalyst_id == who.id)
            & (coanalysis_marks.c.utterance_id == int(utterance_id))
            & (coanalysis_marks.c.mark == kind)
        )
        there = db.execute(select(coanalysis_marks.c.id).where(mine)).first()
        if on and there is None:
            db.execute(
                insert(coanalysis_marks).values(
                    coanalyst_id=who.id,
                    utterance_id=int(utterance_id),
                    mark=kind,
                    note=note.strip(),
                )
            )
        elif on:
            db.execute(update(coanalysis_marks).where(mine).values(note=note.strip()))
        elif there is not None:
            db.execute(delete(coanalysis_marks).where(mine))
        else:
            return
        audit.record(
            db,
            actor=who.name,
            action=f"{'marked' if on else 'unmarked'} {kind}",
            subject="turn",
            subject_id=int(utterance_id),
            detail={"project": who.project_id},
        )


def suggest_code(
    store: Store, who: CoAnalyst, utterance_id: int, name: str, meaning: str = ""
) -> int:
    """A new code in the co-analyst's own words, for the group to take into the code book.
    Returns the suggestion's id."""
    name = " ".join(name.split())
    if not name:
        raise CoprodLabError("Type the new code in a few words first.")
    if len(name) > 200:
        raise CoprodLabError("Say the new code in fewer words (up to 200 letters).")
    with store.write() as db:
        _check(db, who, utterance_id)
        new = int(
            db.execute(
                insert(code_suggestions).values(
                    coanalyst_id=who.id,
                    utterance_id=int(utterance_id),
                    name=name,
                    meaning=meaning.strip(),
                )
            ).inserted_primary_key[0]
        )
        audit.record(
            db,
            actor=who.name,
            action="suggested",
            subject="code suggestion",
            subject_id=new,
            detail={"project": who.project_id},
        )
    return new


@dataclass
class TurnState:
    """What a co-analyst has done to one turn, read back from the store."""

    codes: set[str] = field(default_factory=set)
    marks: dict[str, str] = field(default_factory=dict)  # mark -> note
    selections: list[dict] = field(default_factory=list)  # passage_id, start, end, code, why
    suggestions: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return bool(self.codes or self.marks or self.selections or self.suggestions)


def turn_state(store: Store, who: CoAnalyst, turn: SharedTurn) -> TurnState:
    """Everything `who` has done to this turn; selections in characters of the shown text."""
    state = TurnState()
    with store.read() as db:
        length = len(
            db.execute(
                select(utterances.c.text).where(utterances.c.id == turn.utterance_id)
            ).scalar()
            or ""
        )
        rows = db.execute(
            select(
                coded_utterances.c.id,
                codes.c.name,
                coded_utterances.c.start_char,
                coded_utterances.c.end_char,
            )
            .join(codes, codes.c.id == coded_utterances.c.code_id)
            .where(
                coded_utterances.c.utterance_id == turn.utterance_id,
                coded_utterances.c.coder == who.name,
                codes.c.project_id == who.project_id,
            )
            .order_by(coded_utterances.c.id)
        ).all()
        notes = dict(
            db.execute(
                select(memos.c.passage_id, memos.c.text)
                .where(
                    memos.c.passage_id.in_([r.id for r in rows]),
                    memos.c.author == who.name,
                )
                .order_by(memos.c.id)
            ).all()
        )
        state.marks = dict(
            db.execute(
                select(coanalysis_marks.c.mark, coanalysis_marks.c.note).where(
                    coanalysis_marks.c.coanalyst_id == who.id,
                    coanalysis_marks.c.utterance_id == turn.utterance_id,
                )
            ).all()
        )
        state.suggestions = list(
            db.execute(
                select(code_suggestions.c.name)
                .where(
                    code_suggestions.c.coanalyst_id == who.id,
                    code_suggestions.c.utterance_id == turn.utterance_id,
                )
                .order_by(code_suggestions.c.id)
            ).scalars()
        )
    for row in rows:
        end = length if row.end_char is None else row.end_char
        if row.start_char == 0 and end == length:
            state.codes.add(row.name)
            if row.id not in notes:
                continue
        start, finish = turn.to_shown(row.start_char, end)
        state.selections.append(
            {
                "passage_id": int(row.id),
                "start": start,
                "end": finish,
                "code": row.name,
                "why": notes.get(row.id, ""),
            }
        )
    return state


def done_turns(store: Store, who: CoAnalyst, utterance_ids: Iterable[int]) -> set[int]:
    """Which of these turns `who` has done anything to (coded, marked, suggested)."""
    ids = [int(i) for i in utterance_ids]
    with store.read() as db:
        coded = db.execute(
            select(coded_utterances.c.utterance_id)
            .join(codes, codes.c.id == coded_utterances.c.code_id)
            .where(
                codes.c.project_id == who.project_id,
                coded_utterances.c.coder == who.name,
                coded_utterances.c.utterance_id.in_(ids),
            )
        ).scalars()
        marked = db.execute(
            select(coanalysis_marks.c.utterance_id).where(
                coanalysis_marks.c.coanalyst_id == who.id,
                coanalysis_marks.c.utterance_id.in_(ids),
            )
        ).scalars()
        suggested = db.execute(
            select(code_suggestions.c.utterance_id).where(
                code_suggestions.c.coanalyst_id == who.id,
                code_suggestions.c.utterance_id.in_(ids),
            )
        ).scalars()
        return {int(i) for i in [*coded, *marked, *suggested]}


def where_stopped(store: Store, who: CoAnalyst, turns: list[SharedTurn]) -> int:
    """The index of the first turn `who` has not done yet (0 when none; the last turn when
    every turn is done), so a reload comes back to where they stopped."""
    done = done_turns(store, who, [t.utterance_id for t in turns])
    for index, turn in enumerate(turns):
        if turn.utterance_id not in done:
            return index
    return max(len(turns) - 1, 0)
