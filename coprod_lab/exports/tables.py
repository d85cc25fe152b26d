"""A project as tables (participants, sessions, utterances, codes, coding, ladder ratings),
written as CSV files or one Excel workbook with a sheet per table.

Pseudonyms by default: participants appear by pseudonym, and their names inside what people
said are replaced by pseudonyms too. A researcher asks for real names explicitly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from sqlalchemy import select

from coprod_lab.errors import CoprodLabError
from coprod_lab.privacy.people import pseudonymise, pseudonyms
from coprod_lab.store import Store
from coprod_lab.store.schema import (
    coded_utterances,
    codes,
    ladder_ratings,
    participants,
    projects,
    sessions,
    utterances,
)


def project_tables(
    store: Store, project_id: int, *, real_names: bool = False
) -> dict[str, pd.DataFrame]:
    """Every table of a project, in the order people read them, keyed by name."""
    in_project = sessions.c.project_id == project_id
    queries = {
        "participants": select(
            participants.c.id.label("participant_id"),
            participants.c.display_name.label("name"),
            participants.c.pseudonym,
            participants.c.role,
            participants.c.consent_to_record_on,
            participants.c.consent_to_quote_on,
            participants.c.consent_to_share_on,
            participants.c.withdrawn_on,
        )
        .where(participants.c.project_id == project_id)
        .order_by(participants.c.id),
        "sessions": select(
            sessions.c.id.label("session_id"), sessions.c.title, sessions.c.kind, sessions.c.held_on
        )
        .where(in_project)
        .order_by(sessions.c.id),
        "utterances": select(
            utterances.c.id.label("utterance_id"),
            utterances.c.session_id,
            utterances.c.turn,
            utterances.c.start,
            utterances.c.end,
            utterances.c.speaker,
            utterances.c.role,
            utterances.c.text,
            utterances.c.participant_id,
            utterances.c.source,
            utterances.c.line,
        )
        .join(sessions, sessions.c.id == utterances.c.session_id)
        .where(in_project)
        .order_by(utterances.c.session_id, utterances.c.turn),
        "codes": select(
            codes.c.id.label("code_id"), codes.c.name, codes.c.description, codes.c.created_by
        )
        .where(codes.c.project_id == project_id)
        .order_by(codes.c.id),
        "coding": select(
            coded_utterances.c.utterance_id,
            coded_utterances.c.code_id,
            codes.c.name.label("code"),
            coded_utterances.c.coder,
            coded_utterances.c.coded_at,
        )
        .join(codes, codes.c.id == coded_utterances.c.code_id)
        .where(codes.c.project_id == project_id)
        .order_by(coded_utterances.c.utterance_id, codes.c.name, coded_utterances.c.coder),
        "ladder_ratings": select(
            ladder_ratings.c.participant_id,
            ladder_ratings.c.rung,
            ladder_ratings.c.evidence,
            ladder_ratings.c.rated_on,
        )
        .where(ladder_ratings.c.project_id == project_id)
        .order_by(ladder_ratings.c.rated_on, ladder_ratings.c.id),
    }
    with store.read() as db:  # one snapshot, so the tables agree with each other
        if db.scalar(select(projects.c.id).where(projects.c.id == project_id)) is None:
            raise CoprodLabError(f"There is no project number {project_id} in the store.")
        tables = {name: _frame(db.execute(query)) for name, query in queries.items()}
    if real_names:
        return tables
    names = pseudonyms(store, project_id)
    tables["participants"] = tables["participants"].drop(columns=["name"])
    # Coders are often participants too: their names go the same way as everyone's.
    for name in ("utterances", "codes", "coding", "ladder_ratings"):
        tables[name] = pseudonymise(tables[name], names)
    return tables


def _frame(result) -> pd.DataFrame:
    return pd.DataFrame(result.mappings().all(), columns=list(result.keys()))


def write_csv(tables: dict[str, pd.DataFrame], folder: str | os.PathLike[str]) -> list[Path]:
    """One UTF-8 CSV file per table in `folder` (made if missing); the files written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        path = out / f"{name}.csv"
        # utf-8-sig: Excel opens it with the right characters; everything else ignores the mark.
        table.to_csv(path, index=False, encoding="utf-8-sig")
        written.append(path)
    return written


def _without_time_zones(table: pd.DataFrame) -> pd.DataFrame:
    # Excel has no time zones: times go in as UTC, as PostgreSQL and SQLite both keep them.
    out = table.copy()
    for column in out.columns:
        if any(getattr(v, "tzinfo", None) is not None for v in out[column]):
            out[column] = [
                pd.Timestamp(v).tz_convert("UTC").tz_localize(None)
                if getattr(v, "tzinfo", None) is not None
                else v
                for v in out[column]
            ]
    return out


def write_excel(tables: dict[str, pd.DataFrame], path: str | os.PathLike[str]) -> Path:
    """One Excel workbook with a sheet per table, each with a header row people can filter;
    times in UTC."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise CoprodLabError(f"{target} must end in .xlsx.")
    if not target.parent.is_dir():
        raise CoprodLabError(f"The folder {target.parent} does not exist.")
    with pd.ExcelWriter(target, engine="openpyxl") as book:
        for name, table in tables.items():
            _without_time_zones(table).to_excel(book, sheet_name=name[:31], index=False)
            sheet = book.sheets[name[:31]]
            sheet.freeze_panes = "A2"
            if len(table.columns):
                sheet.auto_filter.ref = sheet.dimensions
    return target
