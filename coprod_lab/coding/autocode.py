"""Coding every place a search finds (what NVivo and QualCoder call auto-coding): each match
of a word or "quoted phrase" becomes a passage of its own, through coding.passages, so it is
audited, can be removed and undone like any other coding."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from coprod_lab.coding import passages
from coprod_lab.coding.retrieval import search
from coprod_lab.store import Store
from coprod_lab.store.schema import utterances


def code_matches(
    store: Store,
    project_id: int,
    query: str,
    code_names: str | Sequence[str],
    *,
    coder: str,
    stems: bool = True,
    session_ids: Sequence[int] | None = None,
) -> int:
    """Give `code_names` to every match of `query` (as retrieval.search finds them: words
    with their stems, "quoted phrases") in the project's transcripts. Returns how many
    codings were made (one per code and passage; one this coder already made is not repeated).
    Raises CoprodLabError as search and code_passage do (empty query, unknown code)."""
    found = search(store, project_id, query, stems=stems, session_ids=session_ids, real_names=True)
    if found.empty:
        return 0
    with store.read() as db:
        ids = {
            (s, t): i
            for i, s, t in db.execute(
                select(utterances.c.id, utterances.c.session_id, utterances.c.turn).where(
                    utterances.c.session_id.in_(sorted(set(found["session_id"])))
                )
            ).all()
        }
    made = 0
    for hit in found.itertuples():
        for start, end in hit.spans:
            made += len(
                passages.code_passage(
                    store,
                    project_id,
                    ids[(hit.session_id, hit.turn)],
                    code_names,
                    coder=coder,
                    start=start,
                    end=end,
                )
            )
    return made
