"""REFI-QDA projects (.qdpx): a project's transcripts, codes and coding, for NVivo, ATLAS.ti,
MAXQDA and QualCoder, and back.

A .qdpx is a zip holding `project.qde` (XML, checked against the REFI-QDA Project schema in
data/refi-qda/) and a `sources/` folder of plain-text files. In it:
- each session is a text source whose text is its turns, one line each ("Speaker: words");
- each turn is a selection of that text, with its coding (code, coder as a user, when);
- each participant is a case, holding their role, consent dates, their attributes
  (coding.attributes, as variables: text and choices as Text, numbers as Float, dates as
  Date) and the turns they spoke;
- codes are the code book, as a tree with their colours;
- a passage coded within a turn (coding.passages) is a selection of its own, after its turn's,
  at the same characters of the source text; whole turns are coded on the turn's selection;
- memos are notes (their words in a text file beside the sources, as NVivo and QualCoder
  write them), each tied to its code, session or passage by a NoteRef where the schema
  has a place for one (a case has none: a participant's memo names its case in its
  description).
What the REFI-QDA schema has no place for (a turn's number, times, source file and line) goes
in the selection's description as one line of JSON, so a project comes back into coprod-lab
as it left: sessions, turns, participants, codes, coding, memos and attributes. Two things
stay behind: ladder ratings (the tables and the report carry them) and who made each code
(REFI-QDA codes have no author, so the person importing is named). Identifiers are stable
(UUID 5 from the store's ids), so exporting twice gives the same file apart from the time it
was made.
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
    ATTRIBUTE_KINDS,
    MEMO_SUBJECTS,
    attribute_values,
    attributes,
    coded_utterances,
    codes,
    memos,
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
    notes = tables["memos"]
    coders = sorted(set(coding["coder"]) | set(notes["author"]))
    if coders:
        users = _sub(root, "Users")
        for coder in coders:
            _sub(users, "User", guid=_guid("coder", coder), name=coder)
    # Memos become notes; a NoteRef ties each to its subject where the schema has a place.
    noted: dict[tuple[str, object], list[int]] = {}
    for memo in notes.itertuples():
        subject = None if memo.about == "project" else int(memo.target_id)
        noted.setdefault((memo.about, subject), []).append(int(memo.memo_id))
    if len(tables["codes"]):
        book = _sub(_sub(root, "CodeBook"), "Codes")
        _code_tree(book, tables["codes"], None, noted)
    variables = _sub(root, "Variables")
    for variable, kind in {**_CASE_VARIABLES, **_SESSION_VARIABLES}.items():
        _sub(
            variables,
            "Variable",
            guid=_guid("variable", variable),
            name=variable,
            typeOfVariable=kind,
        )
    # Participant attributes (coding.attributes) are variables too; their kind and choices
    # ride in the description so they come back as they were.
    defined = tables["attributes"].attrs.get("defined", [])
    for attribute in defined:
        element = _sub(
            variables,
            "Variable",
            guid=_guid("attribute", attribute["attribute"]),
            name=attribute["attribute"],
            typeOfVariable=_ATTRIBUTE_TYPES[attribute["kind"]],
        )
        _sub(element, "Description").text = json.dumps(
            {"attribute": attribute["kind"], "choices": attribute["choices"]}, ensure_ascii=False
        )
    valued = tables["attributes"].groupby("participant_id")
    with_values = set(tables["attributes"]["participant_id"])
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
            if person["participant_id"] in with_values:
                for value in valued.get_group(person["participant_id"]).itertuples():
                    _attribute_value(case, value.attribute, value.kind, value.value)
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
                marks = (
                    by_utterance.get_group(turn["utterance_id"]).to_dict("records")
                    if turn["utterance_id"] in coded
                    else []
                )
                whole = [m for m in marks if (m["start_char"], m["end_char"]) == (0, end - start)]
                if whole:  # QualCoder takes the coder from the selection, not the coding
                    selection.set("creatingUser", _guid("coder", whole[0]["coder"]))
                for mark in whole:
                    _coding(selection, mark)
                for mark in whole:
                    _note_refs(selection, noted.get(("passage", mark["passage_id"]), []))
                # A passage within a turn is a selection of its own, after its turn's.
                parts: dict[tuple[int, int], list[dict]] = {}
                for mark in marks:
                    if mark not in whole:
                        parts.setdefault((mark["start_char"], mark["end_char"]), []).append(mark)
                for (first, last), same in parts.items():
                    part = _sub(
                        source,
                        "PlainTextSelection",
                        guid=_guid("span", (turn["utterance_id"], first, last)),
                        name=f"Turn {turn['turn']}, characters {first} to {last}",
                        startPosition=str(start + first),
                        endPosition=str(start + last),
                        creatingUser=_guid("coder", same[0]["coder"]),
                    )
                    _sub(part, "Description").text = json.dumps(
                        {"passage_of": _guid("utterance", turn["utterance_id"])}
                    )
                    for mark in same:
                        _coding(part, mark)
                    for mark in same:
                        _note_refs(part, noted.get(("passage", mark["passage_id"]), []))
            _note_refs(source, noted.get(("session", session["session_id"]), []))
            for variable, kind in _SESSION_VARIABLES.items():
                _variable_value(source, variable, kind, session[variable])
    if len(notes):
        guids = _memo_targets(tables)
        held = _sub(root, "Notes")
        for memo in notes.itertuples():
            # The memo's words go in a text file beside the sources, as NVivo and QualCoder
            # write notes (QualCoder reads a note only from its file, as a journal entry).
            guid = _guid("memo", memo.memo_id)
            note = _sub(
                held,
                "Note",
                guid=guid,
                name=f"Memo {memo.memo_id} on the {memo.about}",
                plainTextPath=f"internal://{guid}.txt",
                creatingUser=_guid("coder", memo.author),
                creationDateTime=_when(memo.written_at),
            )
            subject = None if memo.about == "project" else guids[memo.about].get(memo.target_id)
            _sub(note, "Description").text = json.dumps({"about": memo.about, "target": subject})
            texts[guid] = memo.text
        _note_refs(root, noted.get(("project", None), []))
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


_ATTRIBUTE_TYPES = {"text": "Text", "choice": "Text", "number": "Float", "date": "Date"}


def _code_tree(
    parent: etree._Element,
    book: pd.DataFrame,
    parent_id: object,
    noted: dict[tuple[str, object], list[int]],
) -> None:
    """The codes under `parent_id` (None: the top) as nested Code elements, with colours."""
    level = (
        book[book["parent_id"].isna()]
        if parent_id is None
        else book[book["parent_id"] == parent_id]
    )
    for code in level.itertuples():
        element = _sub(
            parent,
            "Code",
            guid=_guid("code", code.code_id),
            name=code.name,
            isCodable="true",
            color=code.colour if isinstance(code.colour, str) else "",
        )
        if code.description:
            _sub(element, "Description").text = code.description
        _note_refs(element, noted.get(("code", int(code.code_id)), []))
        _code_tree(element, book, code.code_id, noted)


def _coding(selection: etree._Element, mark: dict) -> None:
    applied = _sub(
        selection,
        "Coding",
        guid=_guid("passage", mark["passage_id"]),
        creatingUser=_guid("coder", mark["coder"]),
        creationDateTime=_when(mark["coded_at"]),
    )
    _sub(applied, "CodeRef", targetGUID=_guid("code", mark["code_id"]))


def _note_refs(element: etree._Element, memo_ids: list[int]) -> None:
    for memo_id in memo_ids:
        _sub(element, "NoteRef", targetGUID=_guid("memo", memo_id))


def _memo_targets(tables: dict[str, pd.DataFrame]) -> dict[str, dict[object, str]]:
    """For each kind of memo subject, the GUID in the file of each subject's id."""
    return {
        "session": {i: _guid("session", i) for i in tables["sessions"]["session_id"]},
        "code": {i: _guid("code", i) for i in tables["codes"]["code_id"]},
        "participant": {
            i: _guid("participant", i) for i in tables["participants"]["participant_id"]
        },
        "passage": {i: _guid("passage", i) for i in tables["coding"]["passage_id"]},
    }


def _attribute_value(parent: etree._Element, name: str, kind: str, value: str) -> None:
    element = _sub(parent, "VariableValue")
    _sub(element, "VariableRef", targetGUID=_guid("attribute", name))
    tag = {"number": "FloatValue", "date": "DateValue"}.get(kind, "TextValue")
    if kind == "number":  # xsd:decimal has no exponent: 1e-05 is written 0.00001
        value = format(float(value), "f").rstrip("0").rstrip(".") or "0"
    _sub(element, tag).text = value


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
    for element in etree.fromstring(xml).iter(_q("TextSource"), _q("Note")):
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
    kept_attributes = _attributes_in(root)
    users = {u.get("guid"): u.get("name") for u in root.iter(_q("User"))}
    found: dict[str, dict[str, int]] = {
        "code": {},
        "participant": {},
        "session": {},
        "passage": {},
    }
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
        code_ids = found["code"]
        for code in root.iter(_q("Code")):  # document order: each parent before its codes
            described = code.find(_q("Description"))
            above = code.getparent()
            colour = code.get("color")
            code_ids[code.get("guid")] = db.execute(
                insert(codes).values(
                    project_id=project_id,
                    name=code.get("name"),
                    description=described.text or "" if described is not None else "",
                    created_by=actor,
                    parent_id=code_ids.get(above.get("guid")) if above.tag == _q("Code") else None,
                    colour=colour.upper() if colour and len(colour) == 7 else None,
                )
            ).inserted_primary_key[0]
        attribute_ids = {
            guid: db.execute(
                insert(attributes).values(
                    project_id=project_id,
                    name=name,
                    kind=kind,
                    choices=choices or None,
                    created_by=actor,
                )
            ).inserted_primary_key[0]
            for guid, (name, kind, choices) in kept_attributes.items()
        }
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
            found["participant"][case.get("guid")] = person
            for ref in case.iter(_q("SelectionRef")):
                speaker_of[ref.get("targetGUID")] = person
            for value in case.findall(_q("VariableValue")):
                guid = value.find(_q("VariableRef")).get("targetGUID")
                if guid in attribute_ids:
                    db.execute(
                        insert(attribute_values).values(
                            attribute_id=attribute_ids[guid],
                            participant_id=person,
                            value=_attribute_text(value, kept_attributes[guid][1]),
                        )
                    )
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
            found["session"][text_source.get("guid")] = session_id
            text = texts[text_source.get("plainTextPath").removeprefix("internal://")]
            turn_at: dict[str, tuple[int, int]] = {}
            for selection in text_source.iter(_q("PlainTextSelection")):
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                passage_of = _passage_of(selection)
                if passage_of is not None:
                    if passage_of not in turn_at:
                        raise CoprodLabError(
                            f"{source}: project.qde line {selection.sourceline}: this passage "
                            "comes before the turn it is part of; nothing was imported."
                        )
                    utterance_id, turn_start = turn_at[passage_of]
                    _add_codings(
                        db,
                        selection,
                        utterance_id,
                        (start - turn_start, end - turn_start),
                        code_ids,
                        users,
                        actor,
                        source,
                        found["passage"],
                    )
                    continue
                turn = _turn(selection, source)
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
                turn_at[selection.get("guid")] = (utterance_id, start)
                _add_codings(
                    db,
                    selection,
                    utterance_id,
                    None,
                    code_ids,
                    users,
                    actor,
                    source,
                    found["passage"],
                )
        for note in root.iter(_q("Note")):
            _add_memo(db, project_id, note, found, users, actor, source, texts)
    return project_id


def _add_codings(
    db,
    selection: etree._Element,
    utterance_id: int,
    characters: tuple[int, int] | None,
    code_ids: dict[str, int],
    users: dict[str, str],
    actor: str,
    source: Path,
    passages: dict[str, int],
) -> None:
    """The codings of one selection: a whole turn (characters None) or characters of it."""
    start, end = characters if characters is not None else (0, None)
    for applied in selection.iter(_q("Coding")):
        if applied.find(_q("CodeRef")).get("targetGUID") not in code_ids:
            raise CoprodLabError(
                f"{source}: project.qde line {applied.sourceline}: the coding "
                "names a code that is not in the code book; nothing was imported."
            )
        passages[applied.get("guid")] = db.execute(
            insert(coded_utterances).values(
                code_id=code_ids[applied.find(_q("CodeRef")).get("targetGUID")],
                utterance_id=utterance_id,
                coder=users.get(applied.get("creatingUser"), actor),
                coded_at=dt.datetime.fromisoformat(applied.get("creationDateTime")),
                start_char=start,
                end_char=end,
            )
        ).inserted_primary_key[0]


def _described(element: etree._Element) -> dict:
    """The JSON coprod-lab keeps in an element's description ({} for anything else)."""
    described = element.find(_q("Description"))
    try:
        kept = json.loads(described.text or "") if described is not None else {}
    except json.JSONDecodeError:
        return {}
    return kept if isinstance(kept, dict) else {}


def _passage_of(selection: etree._Element) -> str | None:
    return _described(selection).get("passage_of")


def _attributes_in(root: etree._Element) -> dict[str, tuple[str, str, list[str]]]:
    """Variables that are coprod-lab participant attributes: guid -> (name, kind, choices)."""
    kept = {}
    for variable in root.iter(_q("Variable")):
        about = _described(variable)
        if about.get("attribute") in ATTRIBUTE_KINDS:
            kept[variable.get("guid")] = (
                variable.get("name"),
                about["attribute"],
                [str(c) for c in about.get("choices") or []],
            )
    return kept


def _attribute_text(value: etree._Element, kind: str) -> str:
    """An attribute's value as coding.attributes keeps it (numbers as Python writes them)."""
    text = next((child.text or "" for child in value if child.tag != _q("VariableRef")), "")
    if kind == "number":
        number = float(text)
        return repr(int(number)) if number.is_integer() else repr(number)
    return text


def _add_memo(
    db,
    project_id: int,
    note: etree._Element,
    found: dict[str, dict[str, int]],
    users: dict[str, str],
    actor: str,
    source: Path,
    texts: dict[str, str],
) -> None:
    """A note as a memo: about what its description says, else about the project."""
    about = _described(note)
    subject = about.get("about") if about.get("about") in MEMO_SUBJECTS else "project"
    values: dict[str, object] = {}
    if subject != "project":
        target = found[subject].get(about.get("target"))
        if target is None:
            raise CoprodLabError(
                f"{source}: project.qde line {note.sourceline}: this note is about a "
                f"{subject} that is not in the file; nothing was imported."
            )
        values[f"{subject}_id"] = target
    content = note.find(_q("PlainTextContent"))
    inside = (note.get("plainTextPath") or "").removeprefix("internal://")
    words = texts.get(inside) if inside else None
    if words is None:
        words = (content.text or "") if content is not None else ""
    db.execute(
        insert(memos).values(
            project_id=project_id,
            about=subject,
            text=words,
            author=users.get(note.get("creatingUser"), actor),
            written_at=dt.datetime.fromisoformat(
                note.get("creationDateTime") or dt.datetime.now(dt.UTC).isoformat()
            ),
            **values,
        )
    )


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
