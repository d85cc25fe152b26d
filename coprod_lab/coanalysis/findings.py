"""What the co-analysts found, gathered for the HTML report and the walkthrough notebook: the
sessions they analysed, the codes and who used them, how far they agree, the turns someone
read differently, the words they picked out and why, and the codes they suggested.

Covers every session ever opened for co-analysis (closed ones too: a report comes after).
Made-up names throughout; a turn's words are quoted only when its speaker agreed to be quoted
(consent_to_quote_on), as the report does elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from coprod_lab.coanalysis import together
from coprod_lab.coanalysis.opening import sessions_opened
from coprod_lab.coanalysis.turns import consented, shared_turns
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store
from coprod_lab.store.schema import coanalysts, coded_utterances, codes, memos


@dataclass
class Findings:
    """Everything the report's section shows; lists of dicts as coanalysis.together gives."""

    sessions: list[str]
    coanalysts: list[str]
    turns: int
    codes: list[dict]
    agreement: list[dict]
    differently: list[dict]  # to_discuss rows someone read differently, plus "quotable"
    words: list[dict] = field(default_factory=list)  # coder, words, why, speaker, quotable
    suggestions: list[dict] = field(default_factory=list)


def findings(store: Store, project_id: int, session_id: int | None = None) -> Findings | None:
    """What the co-analysts found in the project (or one session); None when no session (or
    not this one) was ever opened for co-analysis."""
    opened = sessions_opened(store, project_id)
    if session_id is not None:
        opened = [(sid, title) for sid, title in opened if sid == session_id]
    if not opened:
        return None
    ids = [sid for sid, _ in opened]
    with store.read() as db:
        quotable = set(db.execute(consented(db, project_id, "quote")).scalars())
        names = list(
            db.execute(
                select(coanalysts.c.name)
                .where(coanalysts.c.project_id == project_id)
                .order_by(coanalysts.c.id)
            ).scalars()
        )
        picked = db.execute(
            select(
                coded_utterances.c.id,
                coded_utterances.c.utterance_id,
                coded_utterances.c.coder,
                coded_utterances.c.start_char,
                coded_utterances.c.end_char,
                codes.c.name,
            )
            .join(codes, codes.c.id == coded_utterances.c.code_id)
            .where(codes.c.project_id == project_id, coded_utterances.c.coder.in_(names))
            .order_by(coded_utterances.c.id)
        ).all()
        why = dict(
            db.execute(
                select(memos.c.passage_id, memos.c.text).where(
                    memos.c.passage_id.in_([p.id for p in picked])
                )
            ).all()
        )
    turns = {
        t.utterance_id: t
        for sid in ids
        for t in shared_turns(store, project_id, sid, closed_too=True)
    }
    words = []
    for p in picked:
        turn = turns.get(p.utterance_id)
        if turn is None:
            continue
        start, end = turn.to_shown(p.start_char, p.end_char or len(turn.text))
        if (start, end) == (0, len(turn.text)) and p.id not in why:
            continue  # a whole turn coded, not words picked out
        words.append(
            {
                "coder": p.coder,
                "words": turn.text[start:end],
                "why": why.get(p.id, ""),
                "speaker": turn.speaker,
                "code": p.name,
                "quotable": p.utterance_id in quotable,
            }
        )
    differently = [
        {**row, "quotable": row["utterance_id"] in quotable}
        for row in together.to_discuss(store, project_id, ids, closed_too=True)
        if row["read_differently"]
    ]
    try:
        agreement = [
            r
            for r in together.agreement(store, project_id, ids, closed_too=True)
            if r["coders"] == "all"
        ]
    except CoprodLabError:
        agreement = []  # fewer than two people coded: nothing to compare yet
    coded_by = {c.coder for c in together.coding_of(store, project_id, ids, closed_too=True)}
    return Findings(
        sessions=[title for _sid, title in opened],
        coanalysts=[n for n in names if n in coded_by or any(w["coder"] == n for w in words)],
        turns=len(turns),
        codes=together.who_applied(store, project_id, ids, closed_too=True),
        agreement=agreement,
        differently=differently,
        words=words,
        suggestions=together.suggestions(store, project_id),
    )
