"""Recall and false alarms of the plain-English check on real, hand-labelled care writing.

    .venv/bin/python benchmarks/plain_english_real.py FOLDER [--show]

FOLDER holds labelled copies of real UK health and social care texts nobody on this project
wrote (.txt or .md). Their licences do not let us copy them into the project, so they stay
outside it (BENCHMARKS.md says where each comes from and how it was labelled). In each file
`[[ICB]]` marks an acronym and `{{direct payment}}` a word or phrase a reader may stumble on;
everything else is an ordinary word.

A mark is found when a finding of kind acronym, jargon, phrase or rare overlaps it. A false
alarm is such a finding that overlaps no mark. Goals (issue 20): recall at least 0.85 and at
most 3 false alarms per 1,000 words.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from coprod_lab.jargon import check_text, shipped_glossary
from coprod_lab.jargon.documents import markdown_prose
from coprod_lab.jargon.rarity import Bands

_MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")
FLAGGING = ("acronym", "jargon", "phrase", "rare")


def unmark(source: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The text without marks, and each mark as (start, end, words, kind)."""
    plain: list[str] = []
    marks: list[tuple[int, int, str, str]] = []
    at = length = 0
    for m in _MARK.finditer(source):
        before = source[at : m.start()]
        plain.append(before)
        length += len(before)
        word = m.group(1) or m.group(2)
        marks.append((length, length + len(word), word, "acronym" if m.group(1) else "hard"))
        plain.append(word)
        length += len(word)
        at = m.end()
    plain.append(source[at:])
    return "".join(plain), marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    glossary, bands = shipped_glossary(), Bands()
    total_words = total_marks = found_marks = false_alarms = 0
    missed: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    files = sorted(p for p in args.folder.iterdir() if p.suffix in (".txt", ".md"))
    if not files:
        raise SystemExit(f"{args.folder}: no .txt or .md files")
    print(f"{'file':<70} {'words':>6} {'marks':>5} {'found':>5} {'alarms':>6}")
    for path in files:
        text, marks = unmark(path.read_text(encoding="utf-8"))
        if path.suffix == ".md":
            text = markdown_prose(text)
        report = check_text(text, glossary, bands)
        flagged = [f for f in report.findings if f.kind in FLAGGING]
        found = [m for m in marks if any(f.start < m[1] and m[0] < f.end for f in flagged)]
        wrong = [f for f in flagged if not any(f.start < m[1] and m[0] < f.end for m in marks)]
        for m in marks:
            if m not in found:
                missed[m[2]] += 1
        for f in wrong:
            alarms[f"{f.term} ({f.kind})"] += 1
        print(f"{path.name:<70} {report.words:>6} {len(marks):>5} {len(found):>5} {len(wrong):>6}")
        total_words += report.words
        total_marks += len(marks)
        found_marks += len(found)
        false_alarms += len(wrong)
    recall = found_marks / total_marks if total_marks else 0.0
    per_1000 = 1000 * false_alarms / total_words if total_words else 0.0
    print(f"files: {len(files)}; words: {total_words:,}; marked terms: {total_marks}")
    print(f"recall: {recall:.3f} ({found_marks} of {total_marks}; goal 0.85 or more)")
    print(f"false alarms: {false_alarms}, {per_1000:.2f} per 1,000 words (goal 3 or fewer)")
    if args.show:
        print("missed:", ", ".join(f"{t} ×{n}" for t, n in missed.most_common()))
        print("false alarms:", ", ".join(f"{t} ×{n}" for t, n in alarms.most_common()))


if __name__ == "__main__":
    main()
