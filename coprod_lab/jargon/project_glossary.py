"""A project's own glossary, and the review list of words people did not understand.

Facilitators add terms from the plain-English page; the voting pages report words people mark
"I don't understand a word in this". Each report waits in the review list until someone adds
the word to the glossary (with a plainer alternative) or sets it aside.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from coprod_lab.errors import CoprodLabError
from coprod_lab.jargon.glossary import ADVICE, KINDS, Entry, Glossary, shipped_entries
from coprod_lab.store import Store
from coprod_lab.store.audit import record
from coprod_lab.store.schema import glossary_terms, unclear_words

PROJECT_SOURCE = "this project"


@dataclass(frozen=True)
class ToReview:
    word: str
    times: int
    contexts: tuple[str, ...]


def project_entries(store: Store, project_id: int) -> list[Entry]:
    with store.read() as db:
        rows = db.execute(
            select(glossary_terms)
            .where(glossary_terms.c.project_id == project_id)
            .order_by(glossary_terms.c.term)
        ).all()
    return [
        Entry(r.term, r.kind, r.plain, r.expansion, PROJECT_SOURCE, advice=r.advice) for r in rows
    ]


def project_glossary(store: Store, project_id: int) -> Glossary:
    """The shipped glossary with the project's own terms added (theirs win)."""
    glossary = Glossary(shipped_entries())
    for entry in project_entries(store, project_id):
        glossary.add(entry)
    return glossary


def add_term(
    store: Store,
    project_id: int,
    term: str,
    plain: str,
    *,
    kind: str = "jargon",
    expansion: str = "",
    advice: str = "use instead",
    actor: str,
) -> Entry:
    """Add a term to the project's glossary, or change its plain alternative if it is there.

    `advice` is "use instead" (`plain` is offered in the term's place) or "explain" (the term
    is kept and `plain` is its meaning). Any reports of the word waiting for review are marked
    as added, in the same transaction. Raises CoprodLabError for a blank term or plain words,
    or an unknown kind or advice.
    """
    term, plain, expansion = term.strip(), plain.strip(), expansion.strip()
    if not term:
        raise CoprodLabError("Type the word or phrase to add.")
    if not plain:
        raise CoprodLabError(f"Type an easier way to say “{term}”.")
    if kind not in KINDS:
        raise CoprodLabError(f"The kind must be one of {', '.join(KINDS)}, not {kind!r}.")
    if advice not in ADVICE:
        raise CoprodLabError(f"Say “use instead” or “explain”, not {advice!r}.")
    with store.write() as db:
        found = db.scalar(
            select(glossary_terms.c.id).where(
                glossary_terms.c.project_id == project_id, glossary_terms.c.term == term
            )
        )
        values = {
            "kind": kind,
            "plain": plain,
            "expansion": expansion,
            "advice": advice,
            "added_by": actor,
        }
        if found is None:
            found = db.execute(
                glossary_terms.insert().values(project_id=project_id, term=term, **values)
            ).inserted_primary_key[0]
            action = "add"
        else:
            db.execute(update(glossary_terms).where(glossary_terms.c.id == found).values(**values))
            action = "change"
        db.execute(
            update(unclear_words)
            .where(
                unclear_words.c.project_id == project_id,
                func.lower(unclear_words.c.word) == term.lower(),
                unclear_words.c.status == "to_review",
            )
            .values(status="added")
        )
        record(db, actor=actor, action=action, subject="glossary_term", subject_id=found)
    return Entry(term, kind, plain, expansion, PROJECT_SOURCE, advice=advice)


def report_unclear(
    store: Store,
    project_id: int,
    word: str,
    *,
    context: str = "",
    participant_id: int | None = None,
    source: str,
) -> bool:
    """Record that someone did not understand a word. False if they had already said so."""
    word = word.strip().strip(".,;:!?\"'“”‘’()")
    if not word:
        raise CoprodLabError("Choose the word you do not understand.")
    try:
        with store.write() as db:
            new_id = db.execute(
                unclear_words.insert().values(
                    project_id=project_id,
                    word=word,
                    context=context,
                    participant_id=participant_id,
                    source=source,
                )
            ).inserted_primary_key[0]
            record(
                db,
                actor=f"participant {participant_id}" if participant_id else source,
                action="report",
                subject="unclear_word",
                subject_id=new_id,
            )
    except IntegrityError:
        return False  # the same person, the same word: counted once
    return True


def review_list(store: Store, project_id: int) -> list[ToReview]:
    """Words waiting for review, most reported first."""
    with store.read() as db:
        rows = db.execute(
            select(unclear_words.c.word, unclear_words.c.context)
            .where(
                unclear_words.c.project_id == project_id,
                unclear_words.c.status == "to_review",
            )
            .order_by(unclear_words.c.id)
        ).all()
    grouped: dict[str, list[str]] = {}
    shown: dict[str, str] = {}
    for word, context in rows:
        key = word.lower()
        shown.setdefault(key, word)
        grouped.setdefault(key, [])
        if context and context not in grouped[key]:
            grouped[key].append(context)
    counts = {k: sum(1 for w, _ in rows if w.lower() == k) for k in grouped}
    return sorted(
        (ToReview(shown[k], counts[k], tuple(grouped[k])) for k in grouped),
        key=lambda item: (-item.times, item.word.lower()),
    )


def set_aside(store: Store, project_id: int, word: str, *, actor: str) -> int:
    """Take a word off the review list without adding it; returns how many reports it had."""
    with store.write() as db:
        changed = db.execute(
            update(unclear_words)
            .where(
                unclear_words.c.project_id == project_id,
                func.lower(unclear_words.c.word) == word.strip().lower(),
                unclear_words.c.status == "to_review",
            )
            .values(status="dismissed")
        ).rowcount
        record(
            db,
            actor=actor,
            action="set_aside",
            subject="unclear_word",
            detail={"reports": changed},
            project_id=project_id,
        )
    return changed
