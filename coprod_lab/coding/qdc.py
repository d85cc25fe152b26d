"""The code book as a REFI-QDA code book file (.qdc), to and from NVivo, ATLAS.ti, MAXQDA,
QualCoder and others.

The project ships REFI-QDA's Project.xsd (data/refi-qda/) but not its Codebook.xsd, and none
could be found to ship. A .qdc is a <CodeBook> in the namespace urn:QDA-XML:codebook:1.0 with
the same Codes, Code and Sets elements as a project has, so files are checked against a schema
made from Project.xsd's own definitions: its text with the code book namespace, plus a root
<CodeBook> holding Codes, optional Sets and an optional `origin`, as Codebook.xsd 1.0 does and
as ATLAS.ti, QualCoder and Taguette write it. Sets (code groups) are neither checked (tools
differ in how they write them) nor imported.
"""

from __future__ import annotations

import os
import uuid
from functools import lru_cache
from pathlib import Path

import pandas as pd
from lxml import etree
from sqlalchemy import insert, select

from coprod_lab.coding.codebook import code_book
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, audit
from coprod_lab.store.schema import codes

NS = "urn:QDA-XML:codebook:1.0"
PROJECT_SCHEMA = Path(__file__).resolve().parents[2] / "data" / "refi-qda" / "Project.xsd"
XSD = "http://www.w3.org/2001/XMLSchema"
_ID_SPACE = uuid.UUID("5b0c3c39-8f9e-4f0e-9a53-2f1d6c0b9e11")  # as exports.qdpx uses


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    text = PROJECT_SCHEMA.read_bytes().replace(b"urn:QDA-XML:project:1.0", NS.encode())
    tree = etree.fromstring(text)
    # The root as Codebook.xsd 1.0 has it (and ATLAS.ti, QualCoder and Taguette write it):
    # Codes, optional Sets, an optional origin; the types inside are Project.xsd's own. Sets
    # are not checked: ATLAS.ti writes <MemberCode guid=...> where Project.xsd has targetGUID.
    tree[0:0] = etree.fromstring(
        f"""<xsd:schema xmlns:xsd="{XSD}" xmlns="{NS}">
        <xsd:element name="CodeBook" type="CodeBookFileType"/>
        <xsd:complexType name="CodeBookFileType">
          <xsd:sequence>
            <xsd:element name="Codes" type="CodesType"/>
            <xsd:element name="Sets" minOccurs="0">
              <xsd:complexType><xsd:sequence>
                <xsd:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
              </xsd:sequence></xsd:complexType>
            </xsd:element>
          </xsd:sequence>
          <xsd:attribute name="origin" type="xsd:string"/>
        </xsd:complexType></xsd:schema>"""
    )[:]
    return etree.XMLSchema(tree)


def qdc_problems(path: str | os.PathLike[str]) -> list[str]:
    """What is wrong with a .qdc file, each problem naming the file and line; empty if valid."""
    name = Path(path).name
    try:
        document = etree.parse(str(path))
    except (OSError, etree.XMLSyntaxError) as error:
        return [f"{name}: {error}"]
    schema = _schema()
    if schema.validate(document):
        return []
    return [f"{name} line {e.line}: {e.message}" for e in schema.error_log]


def export_qdc(store: Store, project_id: int, path: str | os.PathLike[str]) -> Path:
    """Write the project's code book (tree, definitions, colours) as a .qdc file and check it
    against the schema; returns the path. Codes get stable ids (the same code, the same guid).
    Raises CoprodLabError if the project has no codes or the file would not be valid."""
    book = code_book(store, project_id)
    if book.empty:
        raise CoprodLabError("This project has no codes to export yet.")
    root = etree.Element(_q("CodeBook"), {"origin": "coprod-lab"}, nsmap={None: NS})
    top = etree.SubElement(root, _q("Codes"))
    element: dict[int, etree._Element] = {}
    for row in book.itertuples():  # tree order: a parent always comes before its children
        parent = top if pd.isna(row.parent_id) else element[int(row.parent_id)]
        attributes = {
            "guid": str(uuid.uuid5(_ID_SPACE, f"code/{project_id}/{row.id}")),
            "name": row.name,
            "isCodable": "true",
        }
        if isinstance(row.colour, str):
            attributes["color"] = row.colour
        code = etree.SubElement(parent, _q("Code"), attributes)
        if isinstance(row.definition, str) and row.definition:
            etree.SubElement(code, _q("Description")).text = row.definition
        element[row.id] = code
    out = Path(path)
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))
    problems = qdc_problems(out)
    if problems:
        out.unlink()
        raise CoprodLabError("The code book file was not valid: " + "; ".join(problems))
    return out


def import_qdc(
    store: Store, project_id: int, path: str | os.PathLike[str], *, actor: str
) -> dict[str, list[str]]:
    """Add the codes of a .qdc file to the project's code book, with their tree, descriptions
    (as definitions) and colours. A code the project already has (same name) is kept as it is.
    Returns {"added": names, "kept": names}. Raises CoprodLabError, changing nothing, for a file
    that is not a valid code book or names one code twice (naming the lines)."""
    problems = qdc_problems(path)
    if problems:
        raise CoprodLabError(
            "This is not a code book file REFI-QDA accepts: " + "; ".join(problems[:5])
        )
    document = etree.parse(str(path))
    found = document.getroot().iter(_q("Code"))
    seen: dict[str, int] = {}
    for code in found:
        name = " ".join(code.get("name", "").split())
        if not name:
            raise CoprodLabError(f"{Path(path).name} line {code.sourceline}: a code has no name.")
        if name in seen:
            raise CoprodLabError(
                f"{Path(path).name} lines {seen[name]} and {code.sourceline} both name a code "
                f"{name!r}; this project needs each code's name once. Nothing was imported."
            )
        seen[name] = code.sourceline
    added: list[str] = []
    kept: list[str] = []
    with store.write() as db:
        have = dict(
            db.execute(
                select(codes.c.name, codes.c.id).where(codes.c.project_id == project_id)
            ).all()
        )

        def add(element: etree._Element, parent_id: int | None) -> None:
            name = " ".join(element.get("name").split())
            if name in have:
                kept.append(name)
            else:
                description = element.find(_q("Description"))
                colour = element.get("color")
                if colour and len(colour) == 4:  # #RGB -> #RRGGBB
                    colour = "#" + "".join(c * 2 for c in colour[1:])
                have[name] = int(
                    db.execute(
                        insert(codes).values(
                            project_id=project_id,
                            name=name,
                            created_by=actor,
                            parent_id=parent_id,
                            description=(description.text or "").strip()
                            if description is not None
                            else "",
                            colour=colour.upper() if colour else None,
                        )
                    ).inserted_primary_key[0]
                )
                added.append(name)
            for child in element.findall(_q("Code")):
                add(child, have[name])

        for element in document.getroot().find(_q("Codes")).findall(_q("Code")):
            add(element, None)
        audit.record(
            db,
            actor=actor,
            action="imported",
            subject="code book",
            project_id=project_id,
            detail={"added": len(added), "kept": len(kept)},
        )
    return {"added": added, "kept": kept}
