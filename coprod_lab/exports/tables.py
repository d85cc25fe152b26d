"""A project as tables (participants, sessions, utterances, codes, coding, memos, attributes,
ladder ratings), written as CSV files or one Excel workbook with a sheet per table.

The coding table gives each passage's characters (start_char, end_char) within the turn's text
as the utterances table shows it: where made-up names change the length of a turn's text, the
offsets are moved with it, so `text[start_char:end_char]` is always the `passage` column.

Made-up names by default: participants appear by pseudonym, every speaker not matched to a
participant as "Speaker n", coders who are not participants as "Coder n"; their names inside
what people said are replaced the same way, anyone else named there becomes [PERSON n] (the
same n in every table) and phone numbers, postcodes and the like become placeholders
(coprod_lab.privacy.redact). A researcher asks for real names explicitly.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select

from coprod_lab.errors import CoprodLabError
from coprod_lab.privacy.people import made_up_names, pseudonymise
from coprod_lab.privacy.redact import PersonMarkers
from coprod_lab.store import Store
from coprod_lab.store.schema import (
    attribute_values,
    attributes,
    coded_utterances,
    codes,
    ladder_ratings,
    memos,
    participants,
    projects,
    sessions,
    utterances,
)

# Coders that are programs, not people: themes.codes.THEME_MODEL, named here rather than
# imported, as importing the theme model brings in scikit-learn (seconds) for a CSV export.
# tests/exports/test_no_real_names.py checks the two agree.
PROGRAM_CODERS = frozenset({"theme model"})


def project_tables(
    store: Store, project_id: int, *, real_names: bool = False
) -> dict[str, pd.DataFrame]:
    """Every table of a project, in the order people read them, keyed by name: participants,
    sessions, utterances, codes (with parent_id and colour: the code tree), coding (one row per
    passage: passage_id, start_char, end_char, passage), memos (about one of project, session,
    code, participant, passage, with its id as target_id), attributes (one row per
    participant's value: attribute, kind, choices, value) and ladder_ratings. Made-up names
    unless real_names (see the module's docstring); finding names in what was said loads the
    recogniser (names.py).

    Raises CoprodLabError when there is no such project."""
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
            codes.c.id.label("code_id"),
            codes.c.name,
            codes.c.description,
            codes.c.created_by,
            codes.c.parent_id,
            codes.c.colour,
        )
        .where(codes.c.project_id == project_id)
        .order_by(codes.c.id),
        "coding": select(
            coded_utterances.c.utterance_id,
            coded_utterances.c.code_id,
            codes.c.name.label("code"),
            coded_utterances.c.coder,
            coded_utterances.c.coded_at,
            coded_utterances.c.id.label("passage_id"),
            coded_utterances.c.start_char,
            func.coalesce(coded_utterances.c.end_char, func.length(utterances.c.text)).label(
                "end_char"
            ),
        )
        .join(codes, codes.c.id == coded_utterances.c.code_id)
        .join(utterances, utterances.c.id == coded_utterances.c.utterance_id)
        .where(codes.c.project_id == project_id)
        .order_by(
            coded_utterances.c.utterance_id,
            codes.c.name,
            coded_utterances.c.coder,
            coded_utterances.c.start_char,
        ),
        "memos": select(
            memos.c.id.label("memo_id"),
            memos.c.about,
            func.coalesce(
                memos.c.session_id, memos.c.code_id, memos.c.participant_id, memos.c.passage_id
            ).label("target_id"),
            memos.c.text,
            memos.c.author,
            memos.c.written_at,
        )
        .where(memos.c.project_id == project_id)
        .order_by(memos.c.id),
        "attributes": select(
            attribute_values.c.participant_id,
            attributes.c.name.label("attribute"),
            attributes.c.kind,
            attributes.c.choices,
            attribute_values.c.value,
        )
        .join(attributes, attributes.c.id == attribute_values.c.attribute_id)
        .where(attributes.c.project_id == project_id)
        .order_by(attributes.c.name, attribute_values.c.participant_id),
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
        # An attribute nobody has a value for yet is still part of the project.
        defined = db.execute(
            select(attributes.c.name, attributes.c.kind, attributes.c.choices)
            .where(attributes.c.project_id == project_id)
            .order_by(attributes.c.name)
        ).all()
    tables["attributes"]["choices"] = [
        "; ".join(c) if isinstance(c, list) else "" for c in tables["attributes"]["choices"]
    ]
    tables["attributes"].attrs["defined"] = [
        {"attribute": n, "kind": k, "choices": list(c or [])} for n, k, c in defined
    ]
    original = dict(
        zip(tables["utterances"]["utterance_id"], tables["utterances"]["text"], strict=True)
    )
    if real_names:
        _with_passages(tables, original)
        return tables
    names = made_up_names(store, project_id)
    # Coders are often participants too; those who are not get a made-up name of their own.
    # That name replaces only the coder columns: a coder name is whatever the researcher typed
    # ("me", "jr"), and searching what people said for it would turn "send me" into
    # "send Coder 1". A coder's real name said in a turn is found as any other name is.
    coders = [
        *tables["codes"]["created_by"],
        *tables["coding"]["coder"],
        *tables["memos"]["author"],  # a memo's author may have coded nothing
    ]
    coder_names: dict[str, str] = {}
    for coder in dict.fromkeys(c for c in coders if isinstance(c, str)):
        if coder not in names and coder not in PROGRAM_CODERS:
            coder_names[coder] = f"Coder {len(coder_names) + 1}"
    tables["participants"] = tables["participants"].drop(columns=["name"])
    markers = PersonMarkers({name: i for i, name in enumerate(names, start=1)})
    free_text = {
        "sessions": ("title",),
        "utterances": ("text",),
        "ladder_ratings": ("evidence",),
        "memos": ("text",),
    }
    # Sessions are named after their files by default, and files after the people in them.
    file_names = {"sessions": ("title",), "utterances": ("source",)}
    for name in ("sessions", "utterances", "codes", "coding", "memos", "ladder_ratings"):
        tables[name] = pseudonymise(
            tables[name],
            names,
            free_text=free_text.get(name, ()),
            file_names=file_names.get(name, ()),
            markers=markers,
            whole_names=("created_by", "coder", "author"),  # privacy.people.CODERS_RULE
        )
    for name, column in (("codes", "created_by"), ("coding", "coder"), ("memos", "author")):
        tables[name][column] = [coder_names.get(c, c) for c in tables[name][column]]
    _with_passages(tables, original)
    return tables


def _with_passages(tables: dict[str, pd.DataFrame], original: dict[int, str]) -> None:
    """Move the coding's character offsets onto the utterances' text as shown (made-up names
    may be longer or shorter than the real ones) and add the coded words as `passage`."""
    shown = dict(
        zip(tables["utterances"]["utterance_id"], tables["utterances"]["text"], strict=True)
    )
    coding = tables["coding"]
    starts, ends, words = [], [], []
    for uid, start, end in zip(
        coding["utterance_id"], coding["start_char"], coding["end_char"], strict=True
    ):
        before, after = original.get(uid, ""), shown.get(uid, "")
        if before != after:
            start, end = (
                moved_offset(before, after, int(start)),
                moved_offset(before, after, int(end), end=True),
            )
        starts.append(int(start))
        ends.append(max(int(end), int(start)))
        words.append(after[int(start) : int(end)])
    coding["start_char"], coding["end_char"], coding["passage"] = starts, ends, words


def moved_offset(before: str, after: str, offset: int, *, end: bool = False) -> int:
    """Where character `offset` of `before` lands in `after`, a copy of it with some stretches
    replaced (made-up names, [PERSON n]). The two are aligned word by word with difflib's
    SequenceMatcher (Python's own, Ratcliff and Obershelp's method; character by character
    took minutes on an hour-long turn). An offset inside a replaced stretch goes to that
    stretch's start (for a passage's start) or end (end=True, for a passage's end)."""
    if before == after:
        return offset
    old = [m.span() for m in re.finditer(r"\S+", before)]
    new = [m.span() for m in re.finditer(r"\S+", after)]
    matcher = difflib.SequenceMatcher(
        None, [before[a:b] for a, b in old], [after[a:b] for a, b in new]
    )
    # Runs of equal words, as character ranges: (old start, old end, new start).
    same = [
        (old[i][0], old[i + n - 1][1], new[j][0]) for i, j, n in matcher.get_matching_blocks() if n
    ]
    gap_from_new = 0
    for old_start, old_end, new_start in same:
        inside = old_start <= offset < old_end or (end and old_start < offset <= old_end)
        if inside:
            return new_start + (offset - old_start)
        if offset < old_start or (end and offset == old_start):
            return _in_gap(after, gap_from_new, new_start, end)
        gap_from_new = new_start + (old_end - old_start)
    return _in_gap(after, gap_from_new, len(after), end)


def _in_gap(after: str, start: int, stop: int, end: bool) -> int:
    """The start (or end) of the replaced words between two runs of equal words."""
    gap = after[start:stop]
    return stop - (len(gap) - len(gap.rstrip())) if end else start + len(gap) - len(gap.lstrip())


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


# Excel holds at most 32,767 characters in a cell (Microsoft, "Excel specifications and
# limits"); openpyxl writes longer text anyway and Excel then cuts it or calls the file broken.
# A real Zoom turn can be 36,000 characters, so a longer text is split: its cell keeps the
# first part and says where the rest is, and the sheet "long texts" holds every part in order.
EXCEL_CELL_LIMIT = 32_767
LONG_TEXTS_SHEET = "long texts"
_PART = 32_000


def _split_long_texts(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    parts: list[dict[str, object]] = []
    out: dict[str, pd.DataFrame] = {}
    for name, table in tables.items():
        copy = table
        for column in table.columns:
            for row, value in enumerate(table[column]):
                if not isinstance(value, str) or len(value) <= EXCEL_CELL_LIMIT:
                    continue
                if copy is table:
                    copy = table.copy()
                pieces = [value[i : i + _PART] for i in range(0, len(value), _PART)]
                first = len(parts) + 2  # the sheet's row number: row 1 is its header
                for number, piece in enumerate(pieces, 1):
                    parts.append(
                        {
                            "sheet": name[:31],
                            "row": row + 2,
                            "column": str(column),
                            "part": number,
                            "of": len(pieces),
                            "text": piece,
                        }
                    )
                copy.iat[row, table.columns.get_loc(column)] = (
                    f"{pieces[0]} [cut: the whole text, {len(value):,} characters, is on the "
                    f"sheet '{LONG_TEXTS_SHEET}', rows {first} to {first + len(pieces) - 1}]"
                )
        out[name] = copy
    if parts:
        out[LONG_TEXTS_SHEET] = pd.DataFrame(parts)
    return out


def write_excel(tables: dict[str, pd.DataFrame], path: str | os.PathLike[str]) -> Path:
    """One Excel workbook with a sheet per table, each with a header row people can filter;
    times in UTC.

    A text longer than Excel's 32,767 characters a cell is split, never cut: its cell holds
    the first 32,000 characters and says which rows of the extra sheet "long texts" hold the
    whole of it (columns sheet, row, column, part, of, text; the parts joined in order give
    the text back exactly). Raises CoprodLabError if the path does not end in .xlsx or its
    folder does not exist."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise CoprodLabError(f"{target} must end in .xlsx.")
    if not target.parent.is_dir():
        raise CoprodLabError(f"The folder {target.parent} does not exist.")
    if LONG_TEXTS_SHEET in tables:
        raise CoprodLabError(f"A table may not be called {LONG_TEXTS_SHEET!r}: that sheet is ours.")
    with pd.ExcelWriter(target, engine="openpyxl") as book:
        for name, table in _split_long_texts(tables).items():
            _without_time_zones(table).to_excel(book, sheet_name=name[:31], index=False)
            sheet = book.sheets[name[:31]]
            sheet.freeze_panes = "A2"
            if len(table.columns):
                sheet.auto_filter.ref = sheet.dimensions
    return target
