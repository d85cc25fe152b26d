"""Recall and false alarms of the plain-English check on real, hand-labelled care writing.

    .venv/bin/python benchmarks/plain_english_real.py FOLDER [--show]

FOLDER holds labelled copies of real UK health and social care texts nobody on this project
wrote (.txt or .md). Their licences do not let us copy them into the project, so they stay
outside it (BENCHMARKS.md says where each comes from and how it was labelled). In each file
`[[ICB]]` marks an acronym and `{{direct payment}}` a word or phrase a reader may stumble on;
everything else is an ordinary word.

A mark is found when a finding of kind acronym, jargon, phrase, rare or formal overlaps it. A false
alarm is such a finding that overlaps no mark. Goals (issue 20): recall at least 0.85 and at
most 3 false alarms per 1,000 words.

Findings are counted two ways. "Every use" counts each finding, and an organisation's name
the glossary explains (kind "name") as jargon, as before the fourth round of issue 20.
"First use" leaves out the later uses of a term to explain (`Finding.repeat`): the checker
explains a term at its first use, as the GOV.UK style guide asks, and a page shows only that
one; a later use still counts as found, since the reader was told at the first. It also
leaves out names, which the labelling rules never mark: "Healthwatch" is explained, once, as
a name, not raised as jargon on every line.

Long-winded wording made only of words most readers know (kind "wordy": "in relation to",
"allocated"; `rarity.known_wording`) is a tip for the writer, not a word a reader stumbles on,
so it is not counted as found or as an alarm. Since the seventh round (2026-12-01) such
wording is its own kind; before, it was a "phrase" and counted. The last line says how many
wordy tips there were and how many of them the labellers had marked, so the cost is in view.
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
FLAGGING = ("acronym", "jargon", "phrase", "rare", "formal")


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


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    glossary, bands = shipped_glossary(), Bands()
    words = marks_n = 0
    found = {"every": 0, "first": 0}
    wrong = {"every": 0, "first": 0}
    wordy = {"tips": 0, "on_marks": 0}
    missed: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    files = sorted(p for p in args.folder.iterdir() if p.suffix in (".txt", ".md"))
    if not files:
        raise SystemExit(f"{args.folder}: no .txt or .md files")
    print(f"{'file':<66} {'words':>6} {'marks':>5} {'found':>5} {'alarms':>6} {'first':>5}")
    for path in files:
        text, marks = unmark(path.read_text(encoding="utf-8"))
        if path.suffix == ".md":
            text = markdown_prose(text)
        report = check_text(text, glossary, bands)
        views = {
            # As counted before the fourth round: every finding, names as jargon.
            "every": ([f for f in report.findings if f.kind in (*FLAGGING, "name")], False),
            # First use: a later use of a term to explain is not a new alarm, and an
            # organisation's name ("name") is not a hard word by the labelling rules.
            "first": ([f for f in report.findings if f.kind in FLAGGING], True),
        }
        for f in report.findings:
            if f.kind == "wordy" and not f.repeat:
                wordy["tips"] += 1
                wordy["on_marks"] += any(_overlaps(f.start, f.end, m[0], m[1]) for m in marks)
        row = {}
        for view, (flagged, first_only) in views.items():
            hit = [m for m in marks if any(_overlaps(f.start, f.end, m[0], m[1]) for f in flagged)]
            bad = [
                f
                for f in flagged
                if not (first_only and f.repeat)
                and not any(_overlaps(f.start, f.end, m[0], m[1]) for m in marks)
            ]
            found[view] += len(hit)
            wrong[view] += len(bad)
            row[view] = (hit, bad)
            if view == "first":
                for m in marks:
                    if m not in hit:
                        missed[m[2]] += 1
                for f in bad:
                    alarms[f"{f.term} ({f.kind})"] += 1
        print(
            f"{path.name:<66} {report.words:>6} {len(marks):>5} {len(row['first'][0]):>5} "
            f"{len(row['every'][1]):>6} {len(row['first'][1]):>5}"
        )
        words += report.words
        marks_n += len(marks)
    print(f"files: {len(files)}; words: {words:,}; marked terms: {marks_n}")
    for view, name in (("every", "every use"), ("first", "first use")):
        recall = found[view] / marks_n if marks_n else 0.0
        per_1000 = 1000 * wrong[view] / words if words else 0.0
        print(
            f"{name}: recall {recall:.3f} ({found[view]} of {marks_n}; goal 0.85 or more); "
            f"false alarms {wrong[view]}, {per_1000:.2f} per 1,000 words (goal 3 or fewer)"
        )
    print(
        f"long-winded tips of everyday words (kind wordy, not counted above): {wordy['tips']}, "
        f"{wordy['on_marks']} of them on marked terms"
    )
    if args.show:
        print("missed (first use):", ", ".join(f"{t} ×{n}" for t, n in missed.most_common()))
        print("false alarms (first use):", ", ".join(f"{t} ×{n}" for t, n in alarms.most_common()))


if __name__ == "__main__":
    main()
