"""Themes as codes on utterances in the store, and how far two coders agree.

A researcher saves the themes the model found as codes, each utterance coded by "theme model";
people code utterances under their own names. `agreement` compares two coders on the utterances
both coded: Cohen's kappa and Krippendorff's alpha (NLTK's agreement metrics) after each
automatic theme is matched to the human code most of its utterances carry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, delete, insert, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import coded_utterances, codes, sessions, utterances
from coprod_lab.themes.result import Themes

THEME_MODEL = "theme model"


def utterance_table(
    store: Store,
    project_id: int,
    session_ids: Sequence[int] | None = None,
    *,
    real_names: bool = False,
) -> pd.DataFrame:
    """A project's utterances (id, session, turn, speaker, role, text) in session and turn order.

    Made-up names unless real_names, as in exports: speakers by pseudonym or "Speaker n",
    names in the text replaced the same way or by [PERSON n], numbers by placeholders
    (coprod_lab.privacy.people.pseudonymise; finding names loads the recogniser once)."""
    query = (
        select(
            utterances.c.id,
            utterances.c.session_id,
            utterances.c.turn,
            utterances.c.speaker,
            utterances.c.role,
            utterances.c.text,
        )
        .join(sessions, sessions.c.id == utterances.c.session_id)
        .where(sessions.c.project_id == project_id)
        .order_by(utterances.c.session_id, utterances.c.turn)
    )
    if session_ids is not None:
        query = query.where(utterances.c.session_id.in_(list(session_ids)))
    with store.read() as db:
        rows = db.execute(query).mappings().all()
    columns = ["id", "session_id", "turn", "speaker", "role", "text"]
    table = pd.DataFrame([dict(r) for r in rows], columns=columns)
    if real_names:
        return table
    from coprod_lab.privacy.people import made_up_names, pseudonymise

    return pseudonymise(table, made_up_names(store, project_id), free_text=("text",))


def save_as_codes(
    store: Store,
    themes: Themes,
    utterance_ids: Sequence[int],
    *,
    project_id: int,
    actor: str,
    coder: str = THEME_MODEL,
) -> dict[int, int]:
    """Code each utterance with its theme (the code named as the theme is); returns theme -> code.

    Saving again replaces this coder's earlier codes on these utterances, all in one transaction.
    """
    if len(utterance_ids) != len(themes.labels):
        raise CoprodLabError(
            f"The themes are of {len(themes.labels)} texts but {len(utterance_ids)} utterances "
            "were given: give one utterance id per text, in the same order."
        )
    ids = [int(i) for i in utterance_ids]
    with store.write() as db:
        _check_utterances(db, project_id, ids)
        db.execute(
            delete(coded_utterances).where(
                coded_utterances.c.coder == coder, coded_utterances.c.utterance_id.in_(ids)
            )
        )
        code_of = {
            t.id: _code(db, project_id, t.label, ", ".join(t.terms), actor) for t in themes.themes
        }
        rows = [
            {"code_id": code_of[theme], "utterance_id": uid, "coder": coder}
            for uid, theme in zip(ids, themes.labels.tolist(), strict=True)
            if theme >= 0  # neither unclustered nor a short reply
        ]
        if rows:
            db.execute(insert(coded_utterances), rows)
        audit.record(
            db,
            actor=actor,
            action="coded",
            subject="utterances",
            project_id=project_id,
            detail={"coder": coder, "utterances": len(rows), "codes": len(code_of)},
        )
    return code_of


def code_utterance(
    store: Store, utterance_id: int, code: str, *, project_id: int, coder: str
) -> None:
    """A person's code on one utterance (the code is made if the project does not have it)."""
    if not coder.strip():
        raise CoprodLabError("Say who is coding: the coder's name cannot be blank.")
    with store.write() as db:
        _check_utterances(db, project_id, [utterance_id])
        code_id = _code(db, project_id, code, "", coder)
        exists = db.execute(
            select(coded_utterances.c.id).where(
                coded_utterances.c.code_id == code_id,
                coded_utterances.c.utterance_id == utterance_id,
                coded_utterances.c.coder == coder,
            )
        ).first()
        if exists is None:
            db.execute(
                insert(coded_utterances).values(
                    code_id=code_id, utterance_id=utterance_id, coder=coder
                )
            )
            audit.record(
                db, actor=coder, action="coded", subject="utterance", subject_id=utterance_id
            )


def codings(store: Store, project_id: int, coder: str) -> dict[int, list[str]]:
    """Each utterance a coder coded, with the names of the codes they gave it."""
    query = (
        select(coded_utterances.c.utterance_id, codes.c.name)
        .join(codes, codes.c.id == coded_utterances.c.code_id)
        .where(codes.c.project_id == project_id, coded_utterances.c.coder == coder)
        .order_by(coded_utterances.c.utterance_id, codes.c.name)
    )
    found: dict[int, list[str]] = {}
    with store.read() as db:
        for utterance_id, name in db.execute(query):
            found.setdefault(utterance_id, []).append(name)
    return found


@dataclass(frozen=True)
class Agreement:
    items: int  # coded by both, one code each
    left_out: int  # coded by only one, or given more than one code by a coder
    kappa: float
    alpha: float
    matched: dict[str, str]  # each of the first coder's codes -> the second's it stands for

    def __str__(self) -> str:
        return (
            f"On {self.items} items coded by both: Cohen's kappa {self.kappa:.2f}, "
            f"Krippendorff's alpha {self.alpha:.2f} ({self.left_out} "
            f"{'item' if self.left_out == 1 else 'items'} left out)."
        )


def agreement(
    first: Mapping[object, str | Sequence[str]],
    second: Mapping[object, str | Sequence[str]],
    *,
    match: bool = True,
) -> Agreement:
    """How far two coders agree on the items both coded with exactly one code.

    With `match`, each of the first coder's codes is read as the second coder's code that most
    of its items carry (themes and human codes have different names and numbers of codes).
    """
    from nltk.metrics.agreement import AnnotationTask

    one, two = _single(first), _single(second)
    both = sorted(set(one) & set(two), key=str)
    left_out = len(set(first) | set(second)) - len(both)
    if len(both) < 2:
        raise CoprodLabError(
            f"Only {len(both)} items were coded by both with one code each; at least 2 are needed."
        )
    matched: dict[str, str] = {}
    if match:
        votes: dict[str, Counter[str]] = {}
        for item in both:
            votes.setdefault(one[item], Counter())[two[item]] += 1
        matched = {code: c.most_common(1)[0][0] for code, c in sorted(votes.items())}
    data = [("first", str(i), matched.get(one[i], one[i])) for i in both]
    data += [("second", str(i), two[i]) for i in both]
    task = AnnotationTask(data=data)
    values = {label for _, _, label in data}
    # With one category there is nothing to disagree about: agreement is complete by definition.
    kappa = 1.0 if len(values) == 1 else float(task.kappa())
    alpha = 1.0 if len(values) == 1 else float(task.alpha())
    return Agreement(len(both), left_out, kappa, alpha, matched)


def _single(coded: Mapping[object, str | Sequence[str]]) -> dict[object, str]:
    out: dict[object, str] = {}
    for item, value in coded.items():
        if isinstance(value, str):
            out[item] = value
        elif len(value) == 1:
            out[item] = value[0]
    return out


def _code(db: Connection, project_id: int, name: str, description: str, actor: str) -> int:
    name = " ".join(str(name).split())
    if not name:
        raise CoprodLabError("A code's name cannot be blank.")
    found = db.execute(
        select(codes.c.id).where(codes.c.project_id == project_id, codes.c.name == name)
    ).scalar()
    if found is not None:
        return int(found)
    code_id = db.execute(
        insert(codes).values(
            project_id=project_id, name=name, description=description, created_by=actor
        )
    ).inserted_primary_key[0]
    audit.record(db, actor=actor, action="created", subject="code", subject_id=code_id)
    return int(code_id)


def _check_utterances(db: Connection, project_id: int, ids: list[int]) -> None:
    known = set(
        db.execute(
            select(utterances.c.id)
            .join(sessions, sessions.c.id == utterances.c.session_id)
            .where(sessions.c.project_id == project_id, utterances.c.id.in_(ids))
        ).scalars()
    )
    missing = [i for i in ids if i not in known]
    if missing:
        raise CoprodLabError(f"Utterance {missing[0]} is not in this project; nothing was coded.")


def agreement_with_codes(themes: Themes, human_codes: Sequence[str]) -> Agreement:
    """How far the themes agree with a column of people's codes, one code per row (such as the
    `label` of coded survey comments). Unclustered rows and rows without a code are left out."""
    if len(human_codes) != len(themes.texts):
        raise CoprodLabError(
            f"There are {len(human_codes)} codes for {len(themes.texts)} texts; give one per text."
        )
    found = themes.rows()
    ours = {
        row: label
        for row, label, theme in zip(
            found["row"], found["theme_label"], found["theme_id"], strict=True
        )
        if theme >= 0  # neither unclustered nor a short reply
    }
    theirs = {
        row: str(code)
        for row, code in zip(found["row"], human_codes, strict=True)
        if str(code).strip()
    }
    return agreement(ours, theirs)
