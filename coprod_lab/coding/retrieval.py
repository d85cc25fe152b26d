"""Retrieval and queries, as pure reads returning pandas tables: every passage coded with a
code in context (the turn before and after), text search across all transcripts (words and
"phrases", with stems), code co-occurrence and the code x case matrix.

Made-up names by default, as exports (coprod_lab.privacy.people.pseudonymise): speakers by
pseudonym or "Speaker n", names inside the words hidden. `real_names=True` shows real ones.
Character offsets (start_char, end_char) always refer to the turn's stored text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Select, and_, func, select
from sqlalchemy.sql import ColumnElement

from coprod_lab.coding.attributes import Condition, attribute_table, matching
from coprod_lab.coding.search import find_in
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store
from coprod_lab.store.schema import (
    coded_utterances,
    codes,
    participants,
    sessions,
    speaker_names,
    utterances,
)

PASSAGE_COLUMNS = [
    "passage_id",
    "code",
    "coder",
    "coded_at",
    "session_id",
    "session",
    "turn",
    "speaker",
    "role",
    "participant_id",
    "start_char",
    "end_char",
    "passage",
    "before",
    "text",
    "after",
]
SEARCH_COLUMNS = ["session_id", "session", "turn", "speaker", "role", "text", "hits", "spans"]


def _participant() -> ColumnElement:
    # A turn's person: matched on import, or through the project's speaker names.
    return func.coalesce(utterances.c.participant_id, speaker_names.c.participant_id)


def _with_people(query: Select, project_id: int) -> Select:
    return query.outerjoin(
        speaker_names,
        and_(
            speaker_names.c.project_id == project_id,
            speaker_names.c.speaker == utterances.c.speaker,
        ),
    )


def _filters(
    store: Store,
    project_id: int,
    query: Select,
    session_ids: Sequence[int] | None,
    roles: Sequence[str] | None,
    attributes: Mapping[str, Condition] | None,
) -> Select:
    if session_ids is not None:
        query = query.where(utterances.c.session_id.in_([int(s) for s in session_ids]))
    if roles is not None:
        query = query.where(utterances.c.role.in_(list(roles)))
    if attributes:
        people = matching(attribute_table(store, project_id), attributes)
        query = query.where(_participant().in_(sorted(people)))
    return query


def _private(
    frame: pd.DataFrame,
    store: Store,
    project_id: int,
    real_names: bool,
    speakers: tuple[str, ...],
    texts: tuple[str, ...],
) -> pd.DataFrame:
    if real_names or frame.empty:
        return frame
    from coprod_lab.privacy.people import CODER_COLUMNS, made_up_names, pseudonymise

    names = made_up_names(store, project_id)
    out = frame.copy()
    for column in speakers:
        out[column] = [names.get(v, v) if isinstance(v, str) else v for v in out[column]]
    return pseudonymise(out, names, free_text=texts, whole_names=CODER_COLUMNS)


def coded_passages(
    store: Store,
    project_id: int,
    code: str | Sequence[str] | None = None,
    *,
    session_ids: Sequence[int] | None = None,
    roles: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
    attributes: Mapping[str, Condition] | None = None,
    with_children: bool = True,
    real_names: bool = False,
) -> pd.DataFrame:
    """Every passage coded with `code` (a name, several, or None for all; with_children adds
    the codes under them) in context: one row per coding with PASSAGE_COLUMNS, `passage` the
    coded characters, `before` and `after` the session's previous and next turns ("" at the
    ends), in session, turn and character order.

    Filters: session ids, roles, coders, and participant attributes (see
    coding.attributes.matching: a value, a list of values, or a function). Raises
    CoprodLabError for an unknown code or attribute."""
    before, after = utterances.alias("before"), utterances.alias("after")
    end = func.coalesce(coded_utterances.c.end_char, func.length(utterances.c.text))
    query = (
        select(
            coded_utterances.c.id.label("passage_id"),
            codes.c.name.label("code"),
            coded_utterances.c.coder,
            coded_utterances.c.coded_at,
            utterances.c.session_id,
            sessions.c.title.label("session"),
            utterances.c.turn,
            utterances.c.speaker,
            utterances.c.role,
            _participant().label("participant_id"),
            coded_utterances.c.start_char,
            end.label("end_char"),
            func.coalesce(before.c.text, "").label("before"),
            utterances.c.text,
            func.coalesce(after.c.text, "").label("after"),
        )
        .select_from(coded_utterances)
        .join(codes, codes.c.id == coded_utterances.c.code_id)
        .join(utterances, utterances.c.id == coded_utterances.c.utterance_id)
        .join(sessions, sessions.c.id == utterances.c.session_id)
        .outerjoin(
            before,
            and_(
                before.c.session_id == utterances.c.session_id,
                before.c.turn == utterances.c.turn - 1,
            ),
        )
        .outerjoin(
            after,
            and_(
                after.c.session_id == utterances.c.session_id, after.c.turn == utterances.c.turn + 1
            ),
        )
        .where(codes.c.project_id == project_id)
        .order_by(
            utterances.c.session_id,
            utterances.c.turn,
            coded_utterances.c.start_char,
            codes.c.name,
            coded_utterances.c.coder,
        )
    )
    query = _with_people(query, project_id)
    if code is not None:
        query = query.where(codes.c.id.in_(_code_ids(store, project_id, code, with_children)))
    if coders is not None:
        query = query.where(coded_utterances.c.coder.in_(list(coders)))
    query = _filters(store, project_id, query, session_ids, roles, attributes)
    with store.read() as db:
        result = db.execute(query)
        frame = pd.DataFrame(result.all(), columns=list(result.keys()))
    frame["passage"] = [
        t[s:e]
        for t, s, e in zip(frame["text"], frame["start_char"], frame["end_char"], strict=True)
    ]
    frame = frame[PASSAGE_COLUMNS]
    return _private(
        frame, store, project_id, real_names, ("speaker",), ("passage", "before", "text", "after")
    )


CODING_COLUMNS = ["code", "coder", "session_id", "turn", "speaker", "role", "participant_id"]


def codings(
    store: Store,
    project_id: int,
    *,
    coders: Sequence[str] | None = None,
    session_ids: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Who gave which code to which turn, without the words: one row per coding with
    CODING_COLUMNS (real speaker names: for counting, not for showing)."""
    query = (
        select(
            codes.c.name.label("code"),
            coded_utterances.c.coder,
            utterances.c.session_id,
            utterances.c.turn,
            utterances.c.speaker,
            utterances.c.role,
            _participant().label("participant_id"),
        )
        .select_from(coded_utterances)
        .join(codes, codes.c.id == coded_utterances.c.code_id)
        .join(utterances, utterances.c.id == coded_utterances.c.utterance_id)
        .where(codes.c.project_id == project_id)
    )
    query = _with_people(query, project_id)
    if coders is not None:
        query = query.where(coded_utterances.c.coder.in_(list(coders)))
    if session_ids is not None:
        query = query.where(utterances.c.session_id.in_([int(s) for s in session_ids]))
    with store.read() as db:
        return pd.DataFrame(db.execute(query).all(), columns=CODING_COLUMNS)


def _code_ids(
    store: Store, project_id: int, code: str | Sequence[str], with_children: bool
) -> list[int]:
    names = [code] if isinstance(code, str) else list(code)
    with store.read() as db:
        rows = db.execute(
            select(codes.c.id, codes.c.name, codes.c.parent_id).where(
                codes.c.project_id == project_id
            )
        ).all()
    by_name = {name: cid for cid, name, _ in rows}
    missing = [n for n in names if " ".join(n.split()) not in by_name]
    if missing:
        raise CoprodLabError(f"There is no code called {missing[0]!r} in this project.")
    wanted = {by_name[" ".join(n.split())] for n in names}
    while with_children:
        more = {cid for cid, _, parent in rows if parent in wanted} - wanted
        if not more:
            break
        wanted |= more
    return sorted(wanted)


def search(
    store: Store,
    project_id: int,
    query: str,
    *,
    stems: bool = True,
    session_ids: Sequence[int] | None = None,
    roles: Sequence[str] | None = None,
    attributes: Mapping[str, Condition] | None = None,
    real_names: bool = False,
) -> pd.DataFrame:
    """Turns across all the project's transcripts holding every word and "quoted phrase" of
    the query (stems: "support" finds "supported", "supporting"; Snowball English stemmer from
    NLTK). One row per turn with SEARCH_COLUMNS: hits the number of matches, spans the
    (start, end) characters of each in the stored text. Raises CoprodLabError for an empty
    query."""
    base = (
        select(
            utterances.c.session_id,
            sessions.c.title.label("session"),
            utterances.c.turn,
            utterances.c.speaker,
            utterances.c.role,
            utterances.c.text,
        )
        .join(sessions, sessions.c.id == utterances.c.session_id)
        .where(sessions.c.project_id == project_id)
        .order_by(utterances.c.session_id, utterances.c.turn)
    )
    base = _filters(
        store, project_id, _with_people(base, project_id), session_ids, roles, attributes
    )
    with store.read() as db:
        rows = db.execute(base).all()
    texts = [r.text for r in rows]
    found = find_in(texts, query, stems=stems)
    out = [
        {**r._asdict(), "hits": len(spans), "spans": spans}
        for r, spans in ((rows[i], s) for i, s in found)
    ]
    frame = pd.DataFrame(out, columns=SEARCH_COLUMNS)
    return _private(frame, store, project_id, real_names, ("speaker",), ("text",))


def co_occurrence(
    store: Store,
    project_id: int,
    *,
    coders: Sequence[str] | None = None,
    session_ids: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Which codes are applied in the same turns: a square table code x code of how many turns
    carry both (by any of `coders`, default all); the diagonal is the turns with that code."""
    frame = codings(store, project_id, coders=coders, session_ids=session_ids)
    if frame.empty:
        return pd.DataFrame(dtype=int)
    from scipy.sparse import coo_matrix

    # A turns x codes 0/1 matrix (sparse: most turns carry few codes); its square counts pairs.
    units, _ = pd.factorize(pd.MultiIndex.from_arrays([frame["session_id"], frame["turn"]]))
    code_index, names = pd.factorize(frame["code"], sort=True)
    marks = coo_matrix(
        (np.ones(len(frame), dtype=np.int64), (units, code_index)),
        shape=(int(units.max()) + 1, len(names)),
    ).tocsr()
    marks.data[:] = 1  # a code given twice in one turn (two coders, two passages) counts once
    together = pd.DataFrame((marks.T @ marks).toarray(), index=names, columns=names)
    together.index.name, together.columns.name = "code", "code"
    return together


def code_case_matrix(
    store: Store,
    project_id: int,
    by: str = "role",
    *,
    count: str = "passages",
    coders: Sequence[str] | None = None,
    real_names: bool = False,
) -> pd.DataFrame:
    """Codes (rows) by cases (columns): by "role", "participant", "speaker" or an attribute's
    name; count "passages" (codings) or "turns" (distinct turns). Participants and speakers
    show made-up names unless real_names; turns whose person is unknown go under "(unknown)".
    Raises CoprodLabError for an unknown `by` or `count`."""
    if count not in ("passages", "turns"):
        raise CoprodLabError('Count "passages" or "turns".')
    frame = codings(store, project_id, coders=coders)
    if by == "role":
        cases = frame["role"]
    elif by == "speaker":
        cases = frame["speaker"]
        if not real_names:
            from coprod_lab.privacy.people import made_up_names

            names = made_up_names(store, project_id)
            cases = cases.map(lambda s: names.get(s, s))
    elif by == "participant":
        with store.read() as db:
            people = dict(
                db.execute(
                    select(
                        participants.c.id,
                        participants.c.display_name if real_names else participants.c.pseudonym,
                    ).where(participants.c.project_id == project_id)
                ).all()
            )
        cases = frame["participant_id"].map(people)
    else:
        table = attribute_table(store, project_id)
        if by not in table.columns:
            raise CoprodLabError(
                f"Cases are by role, participant, speaker or an attribute; {by!r} is none."
            )
        cases = frame["participant_id"].map(table[by])
    frame = frame.assign(case=cases.astype(object).where(cases.notna(), "(unknown)").astype(str))
    if count == "turns":
        frame = frame.drop_duplicates(["code", "session_id", "turn", "case"])
    matrix = pd.crosstab(frame["code"], frame["case"])
    matrix.columns.name = by
    return matrix
