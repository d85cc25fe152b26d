"""The shipped glossary: big enough, every entry sourced, and reproducible from its sources."""

from __future__ import annotations

import importlib.util
import re
from importlib.machinery import SourceFileLoader
from pathlib import Path

import pytest

from coprod_lab.jargon.glossary import (
    GLOSSARY_CSV,
    KINDS,
    GlossaryError,
    read_glossary_csv,
    shipped_entries,
)
from tests.conftest import ROOT, SHARED

CORPUS = SHARED / "corpus" / "plain-english"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside us")


def test_the_glossary_has_at_least_300_sourced_entries_of_known_kinds() -> None:
    entries = shipped_entries()
    assert len(entries) >= 300
    assert all(e.source and e.plain and e.kind in KINDS for e in entries)
    kinds = {k: sum(e.kind == k for e in entries) for k in KINDS}
    assert kinds["acronym"] >= 100 and kinds["jargon"] >= 100


@pytest.mark.parametrize(
    "acronym",
    [
        "NHS",
        "ICS",
        "ICB",
        "PCN",
        "CCG",
        "CQC",
        "ADASS",
        "SCIE",
        "TLAP",
        "LGA",
        "DHSC",
        "CHC",
        "DoLS",
        "LPS",
        "EHCP",
        "MDT",
        "A&E",
        "GP",
    ],
)
def test_the_acronyms_the_issue_names_are_there_with_expansions(acronym: str) -> None:
    found = {e.term: e for e in shipped_entries() if e.kind == "acronym"}
    assert found[acronym].expansion


@pytest.mark.parametrize(
    "term",
    [
        "service user",
        "care package",
        "cohort",
        "stakeholder",
        "signposting",
        "step-down",
        "outcomes",
        "service delivery",
        "facilitate",
        "leverage",
        "going forward",
    ],
)
def test_the_jargon_the_issue_names_is_there(term: str) -> None:
    assert term in {e.term for e in shipped_entries()}


@needs_corpus
def test_entries_from_retext_simplify_are_in_its_pattern_list() -> None:
    patterns = (CORPUS / "retext-simplify-patterns.js").read_text(encoding="utf-8")
    for e in shipped_entries():
        if e.source.startswith("retext-simplify"):
            assert re.search(rf"^  '?{re.escape(e.term)}'?: \{{", patterns, re.M), e.term


@needs_corpus
def test_entries_from_the_nhs_a_to_z_name_a_term_it_discusses() -> None:
    a_to_z = (CORPUS / "a-to-z-of-nhs-health-writing.njk").read_text(encoding="utf-8").lower()
    for e in shipped_entries():
        if e.source.startswith("NHS A to Z"):
            named = (e.term.lower(), e.expansion.lower())
            # As a whole word or phrase, maybe plural ("CCGs"): "gp" inside a word does not count.
            assert any(
                n and re.search(rf"(?<![a-z]){re.escape(n)}s?(?![a-z])", a_to_z) for n in named
            ), e.term


@needs_corpus
def test_the_committed_glossary_is_what_the_build_script_makes() -> None:
    script = ROOT / "scripts" / "build_glossary"
    loader = SourceFileLoader("build_glossary", str(script))
    spec = importlib.util.spec_from_loader("build_glossary", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    assert module.build(CORPUS) == GLOSSARY_CSV.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("ICB,acronym,,integrated care board,us", "no plain alternative"),
        ("ICB,acronym,the local NHS body,,", "does not name its source"),
        ("ICB,slang,a body,,us", "the kind is 'slang'"),
        (",jargon,x,,us", "the term is empty"),
    ],
)
def test_a_bad_glossary_row_names_the_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(f"term,kind,plain,expansion,source\nNHS,acronym,the NHS,,us\n{row}\n")
    with pytest.raises(GlossaryError) as error:
        read_glossary_csv(path)
    assert str(error.value).startswith(f"{path}, line 3: ")
    assert problem in str(error.value)


def test_a_repeated_term_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("term,kind,plain,expansion,source\nNHS,acronym,a,,us\nNHS,acronym,b,,us\n")
    with pytest.raises(GlossaryError, match=r"line 3: 'NHS' is already on line 2"):
        read_glossary_csv(path)
