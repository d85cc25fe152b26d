"""REFI-QDA projects (.qdpx): a project's transcripts, codes and coding, for NVivo, ATLAS.ti,
MAXQDA and QualCoder, and back.

A .qdpx is a zip holding `project.qde` (XML, checked against the REFI-QDA Project schema in
data/refi-qda/) and a `sources/` folder of plain-text files. In it:
- each session is a text source whose text is its turns, one line each ("Speaker: words");
- each turn is a selection of that text, with its coding (code, coder as a user, when);
- each participant is a case, holding their role, consent dates and the turns they spoke;
- codes are the code book.
What the REFI-QDA schema has no place for (a turn's number, times, source file and line) goes
in the selection's description as one line of JSON, so a project comes back into coprod-lab
as it left: sessions, turns, participants, codes and coding. Two things stay behind: ladder
ratings (the tables and the report carry them) and who made each code (REFI-QDA codes have no
author, so the person importing is named). Identifiers are stable (UUID 5 from the store's
ids), so exporting twice gives the same file apart from the time it was made.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import uuid
import zipfile
from pathlib import Path

import pandas as pd
from lxml import etree
from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError
from tqdm.auto import tqdm

from coprod_lab import __version__
from coprod_lab.errors import CoprodLabError
from coprod_lab.exports.tables import project_tables
from coprod_lab.store import Store, record
from coprod_lab.store.schema import (
    coded_utterances,
    codes,
    participants,
    projects,
    sessions,
    utterances,
)

NS = "urn:QDA-XML:project:1.0"
SCHEMA = Path(__file__).resolve().parents[2] / "data" / "refi-qda" / "Project.xsd"
_ID_SPACE = uuid.UUID("5b0c3c39-8f9e-4f0e-9a53-2f1d6c0b9e11")  # coprod-lab's own namespace
# Participant details the schema keeps as case variables, with their REFI-QDA types.
_CASE_VARIABLES = {
    "role": "Text",
    "consent_to_record_on": "Date",
    "consent_to_quote_on": "Date",
    "consent_to_share_on": "Date",
    "withdrawn_on": "Date",
}
_SESSION_VARIABLES = {"kind": "Text", "held_on": "Date"}
# What a turn keeps in its selection's description, as JSON.
TURN_DETAILS = ("turn", "start", "end", "speaker", "role", "source", "line")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _guid(kind: str, key: object) -> str:
    return str(uuid.uuid5(_ID_SPACE, f"{kind}/{key}"))


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, _q(tag), {k: v for k, v in attributes.items() if v})


def _when(value: object) -> str:
    """An xsd:dateTime in UTC ("2026-11-22T08:00:00Z")."""
    moment = pd.Timestamp(value)
    moment = moment.tz_localize("UTC") if moment.tzinfo is None else moment.tz_convert("UTC")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT


def export_qdpx(
    store: Store,
    project_id: int,
    path: str | os.PathLike[str],
    *,
    real_names: bool = False,
    progress: bool = True,
) -> Path:
    """Write a project as a REFI-QDA .qdpx file (pseudonyms unless real_names) and check it
    against the schema; returns the path."""
    target = Path(path)
    if target.suffix.lower() != ".qdpx":
        raise CoprodLabError(f"{target} must end in .qdpx.")
    if not target.parent.is_dir():
        raise CoprodLabError(f"The folder {target.parent} does not exist.")
    tables = project_tables(store, project_id, real_names=real_names)
    with store.read() as db:
        name = db.scalar(select(projects.c.name).where(projects.c.id == project_id))
    root = etree.Element(
        _q("Project"),
        {
            "name": name,
            "origin": f"coprod-lab {__version__}",
            "creationDateTime": _when(dt.datetime.now(dt.UTC)),
        },
        nsmap={None: NS},
    )
    coding = tables["coding"]
    coders = sorted(set(coding["coder"]))
    if coders:
        users = _sub(root, "Users")
        for coder in coders:
            _sub(users, "User", guid=_guid("coder", coder), name=coder)
    if len(tables["codes"]):
        book = _sub(_sub(root, "CodeBook"), "Codes")
        for code in tables["codes"].itertuples():
            element = _sub(
                book, "Code", guid=_guid("code", code.code_id), name=code.name, isCodable="true"
            )
            if code.description:
                _sub(element, "Description").text = code.description
    variables = _sub(root, "Variables")
    for variable, kind in {**_CASE_VARIABLES, **_SESSION_VARIABLES}.items():
        _sub(
            variables,
            "Variable",
            guid=_guid("variable", variable),
            name=variable,
            typeOfVariable=kind,
        )
    said = tables["utterances"]
    people = tables["participants"]
    if len(people):
        cases = _sub(root, "Cases")
        for person in people.to_dict("records"):
            case = _sub(
                cases,
                "Case",
                guid=_guid("participant", person["participant_id"]),
                name=person["name"] if real_names else person["pseudonym"],
            )
            _sub(case, "Description").text = json.dumps(
                {"pseudonym": person["pseudonym"]}, ensure_ascii=False
            )
            for variable, kind in _CASE_VARIABLES.items():
                _variable_value(case, variable, kind, person[variable])
            spoke = said[said["participant_id"] == person["participant_id"]]
            for utterance_id in spoke["utterance_id"]:
                _sub(case, "SelectionRef", targetGUID=_guid("utterance", utterance_id))
    texts: dict[str, str] = {}
    by_utterance = coding.groupby("utterance_id")
    coded = set(coding["utterance_id"])
    if len(tables["sessions"]):
        sources = _sub(root, "Sources")
        rows = tables["sessions"].to_dict("records")
        for session in tqdm(rows, desc="Sessions", unit="session", disable=not progress):
            guid = _guid("session", session["session_id"])
            turns = said[said["session_id"] == session["session_id"]]
            text, spans = _plain_text(turns)
            texts[guid] = text
            source = _sub(
                sources,
                "TextSource",
                guid=guid,
                name=session["title"],
                plainTextPath=f"internal://{guid}.txt",
            )
            for turn, (start, end) in zip(turns.to_dict("records"), spans, strict=True):
                selection = _sub(
                    source,
                    "PlainTextSelection",
                    guid=_guid("utterance", turn["utterance_id"]),
                    name=f"Turn {turn['turn']}",
                    startPosition=str(start),
                    endPosition=str(end),
                )
                _sub(selection, "Description").text = json.dumps(
                    {key: (None if _missing(turn[key]) else turn[key]) for key in TURN_DETAILS},
                    ensure_ascii=False,
                    default=int,
                )
                if turn["utterance_id"] in coded:
                    for mark in by_utterance.get_group(turn["utterance_id"]).to_dict("records"):
                        applied = _sub(
                            selection,
                            "Coding",
                            guid=_guid(
                                "coding", (turn["utterance_id"], mark["code_id"], mark["coder"])
                            ),
                            creatingUser=_guid("coder", mark["coder"]),
                            creationDateTime=_when(mark["coded_at"]),
                        )
                        _sub(applied, "CodeRef", targetGUID=_guid("code", mark["code_id"]))
            for variable, kind in _SESSION_VARIABLES.items():
                _variable_value(source, variable, kind, session[variable])
    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    problems = _schema_problems(xml)
    if problems:  # a bug here, never the user's doing: say so rather than write a bad file
        raise CoprodLabError(f"coprod-lab made a .qdpx the schema refuses: {problems[0]}")
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
        for guid, text in texts.items():
            archive.writestr(f"sources/{guid}.txt", text.encode("utf-8"))
    partial.replace(target)
    return target


def _plain_text(turns: pd.DataFrame) -> tuple[str, list[tuple[int, int]]]:
    """A session's text, one turn a line ("Speaker: words"), and where each turn's words are
    (character positions, end excluded)."""
    pieces: list[str] = []
    spans = []
    at = 0
    for speaker, words in zip(turns["speaker"], turns["text"], strict=True):
        prefix = f"{speaker}: "
        start = at + len(prefix)
        spans.append((start, start + len(words)))
        line = f"{prefix}{words}\n"
        pieces.append(line)
        at += len(line)
    return "".join(pieces), spans


def _variable_value(parent: etree._Element, name: str, kind: str, value: object) -> None:
    if _missing(value):
        return
    element = _sub(parent, "VariableValue")
    _sub(element, "VariableRef", targetGUID=_guid("variable", name))
    tag = "TextValue" if kind == "Text" else "DateValue"
    _sub(element, tag).text = value if kind == "Text" else pd.Timestamp(value).date().isoformat()


# --- checking ---------------------------------------------------------------------------


def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _schema_problems(xml: bytes) -> list[str]:
    try:
        document = etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        return [f"project.qde line {error.lineno}: {error.msg}"]
    schema = _schema()
    if schema.validate(document):
        return []
    return [f"project.qde line {e.line}: {e.message}" for e in schema.error_log]


def qdpx_problems(path: str | os.PathLike[str]) -> list[str]:
    """What is wrong with a .qdpx file (each naming the file and line); empty when it is a
    valid REFI-QDA project whose sources are all there."""
    source = Path(path)
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if "project.qde" not in names:
                return [f"{source}: there is no project.qde inside; is it a .qdpx file?"]
            xml = archive.read("project.qde")
    except (zipfile.BadZipFile, OSError) as error:
        return [f"{source}: not a .qdpx (zip) file ({error})."]
    problems = [f"{source}: {p}" for p in _schema_problems(xml)]
    if problems:
        return problems
    stored = {_source_name(n) for n in names}
    for element in etree.fromstring(xml).iter(_q("TextSource")):
        inside = element.get("plainTextPath", "")
        if inside.startswith("internal://") and inside.removeprefix("internal://") not in stored:
            return [
                f"{source}: project.qde line {element.sourceline}: the text of "
                f"{element.get('name')!r} ({inside}) is missing from the file."
            ]
    return []


def _source_name(member: str) -> str:
    """A source's file name inside the zip's sources folder ("" for anything else); the
    folder is "sources" here and "Sources" in some other tools."""
    folder, _, name = member.partition("/")
    return name if folder.lower() == "sources" and name else ""


# --- importing --------------------------------------------------------------------------


def import_qdpx(
    store: Store, path: str | os.PathLike[str], *, actor: str, name: str | None = None
) -> int:
    """Add a .qdpx made by coprod-lab as a new project; returns its id. A bad file is refused
    with its name and line, and nothing is stored."""
    source = Path(path)
    problems = qdpx_problems(source)
    if problems:
        raise CoprodLabError(problems[0])
    with zipfile.ZipFile(source) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        texts = {
            _source_name(n): archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if _source_name(n)
        }
    title = name or root.get("name")
    try:
        return _add_project(store, root, texts, title, source, actor)
    except DBAPIError as error:  # a value the store's rules refuse (a role it does not know)
        raise CoprodLabError(
            f"{source}: project.qde: the store refused part of it ({error.orig}); nothing was "
            "imported."
        ) from None


def _add_project(
    store: Store,
    root: etree._Element,
    texts: dict[str, str],
    title: str,
    source: Path,
    actor: str,
) -> int:
    variables = {v.get("guid"): v.get("name") for v in root.iter(_q("Variable"))}
    users = {u.get("guid"): u.get("name") for u in root.iter(_q("User"))}
    with store.write() as db:
        if db.scalar(select(projects.c.id).where(projects.c.name == title)) is not None:
            raise CoprodLabError(
                f"{source}: the store already has a project called {title!r}; nothing was "
                "imported. Import it under another name."
            )
        project_id = db.execute(insert(projects).values(name=title)).inserted_primary_key[0]
        record(
            db,
            actor=actor,
            action="import",
            subject="project",
            subject_id=project_id,
            detail={"source": source.name},
        )
        code_ids = {}
        for code in root.iter(_q("Code")):
            described = code.find(_q("Description"))
            code_ids[code.get("guid")] = db.execute(
                insert(codes).values(
                    project_id=project_id,
                    name=code.get("name"),
                    description=described.text or "" if described is not None else "",
                    created_by=actor,
                )
            ).inserted_primary_key[0]
        speaker_of: dict[str, int] = {}
        for case in root.iter(_q("Case")):
            values = _variable_values(case, variables)
            described = case.find(_q("Description"))
            try:
                extra = json.loads(described.text or "{}") if described is not None else {}
            except json.JSONDecodeError:
                extra = {}  # another tool's note about the case: the case name is the pseudonym
            if not isinstance(extra, dict):
                extra = {}
            person = db.execute(
                insert(participants).values(
                    project_id=project_id,
                    display_name=case.get("name"),
                    pseudonym=extra.get("pseudonym") or case.get("name"),
                    role=values.get("role", "other"),
                    consent_to_record_on=values.get("consent_to_record_on"),
                    consent_to_quote_on=values.get("consent_to_quote_on"),
                    consent_to_share_on=values.get("consent_to_share_on"),
                    withdrawn_on=values.get("withdrawn_on"),
                )
            ).inserted_primary_key[0]
            for ref in case.iter(_q("SelectionRef")):
                speaker_of[ref.get("targetGUID")] = person
        for text_source in root.iter(_q("TextSource")):
            values = _variable_values(text_source, variables)
            session_id = db.execute(
                insert(sessions).values(
                    project_id=project_id,
                    title=text_source.get("name"),
                    kind=values.get("kind", "other"),
                    held_on=values.get("held_on"),
                )
            ).inserted_primary_key[0]
            text = texts[text_source.get("plainTextPath").removeprefix("internal://")]
            for selection in text_source.iter(_q("PlainTextSelection")):
                turn = _turn(selection, source)
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                utterance_id = db.execute(
                    insert(utterances).values(
                        session_id=session_id,
                        turn=turn["turn"],
                        start=turn["start"],
                        end=turn["end"],
                        speaker=turn["speaker"],
                        role=turn["role"],
                        text=text[start:end],
                        source=turn["source"],
                        line=turn["line"],
                        participant_id=speaker_of.get(selection.get("guid")),
                    )
                ).inserted_primary_key[0]
                for applied in selection.iter(_q("Coding")):
                    if applied.find(_q("CodeRef")).get("targetGUID") not in code_ids:
                        raise CoprodLabError(
                            f"{source}: project.qde line {applied.sourceline}: the coding "
                            "names a code that is not in the code book; nothing was imported."
                        )
                    db.execute(
                        insert(coded_utterances).values(
                            code_id=code_ids[applied.find(_q("CodeRef")).get("targetGUID")],
                            utterance_id=utterance_id,
                            coder=users.get(applied.get("creatingUser"), actor),
                            coded_at=dt.datetime.fromisoformat(applied.get("creationDateTime")),
                        )
                    )
    return project_id


def _turn(selection: etree._Element, source: Path) -> dict:
    """A turn's details, from the JSON coprod-lab keeps in its selection's description."""
    described = selection.find(_q("Description"))
    try:
        turn = json.loads(described.text or "") if described is not None else None
    except json.JSONDecodeError:
        turn = None
    if not isinstance(turn, dict) or any(key not in turn for key in TURN_DETAILS):
        raise CoprodLabError(
            f"{source}: project.qde line {selection.sourceline}: this segment has no turn "
            "details from coprod-lab; nothing was imported. coprod-lab reads back the .qdpx "
            "files it writes (other tools' projects are not yet read)."
        )
    return turn


def _variable_values(element: etree._Element, variables: dict[str, str]) -> dict[str, object]:
    found: dict[str, object] = {}
    for value in element.findall(_q("VariableValue")):
        name = variables.get(value.find(_q("VariableRef")).get("targetGUID"))
        text = value.find(_q("TextValue"))
        date = value.find(_q("DateValue"))
        if text is not None:
            found[name] = text.text or ""
        elif date is not None and date.text:
            found[name] = dt.date.fromisoformat(date.text)
    return found
