"""Reading real transcripts nobody here wrote: how many are read, refused (and why), or crash.

    .venv/bin/python benchmarks/transcripts_real.py FOLDER [--sample 8] [--seed 0]

FOLDER holds one sub-folder per kind of file (for example podcasts/, meetings/, inquiry/);
the files are not part of the project (see BENCHMARKS.md for where they came from and their
licences). For each kind it prints files read, refused with a clear reason, and crashed (any
error other than TranscriptError: the target is 0), with turns, speakers and warnings.

The label check, made without the readers' code: every line that a simple pattern says
names a speaker (`**Name**:`, `**Name** [0:18]`, `Name  0:03`, a caption's `Name: words`,
`Label: words` when the file uses that label three times or more)
must start a turn of that speaker, carry on that speaker's turn, or be named in a warning.
A line that is none of these is a turn given to the wrong speaker, silently.

The line check: for every turn read, the line it says the turn starts on must hold the
speaker's name, its mark or its initials (for captions, with the two lines below). A turn that
fails this is listed, as a turn that may have been given to the wrong speaker.
`--sample N` prints N files of each kind, their first turns beside their source lines, to
check by hand.
"""

from __future__ import annotations

import argparse
import random
import re
import traceback
from collections import Counter
from pathlib import Path

from coprod_lab.transcripts import TranscriptError, read_transcript
from coprod_lab.transcripts.names import initials

_SUFFIXES = {".txt", ".md", ".vtt", ".srt", ".docx", ".rst", ".csv"}
_LABELLED = [
    re.compile(r"^\*+([^*]{1,60}?)\*+:"),
    re.compile(r"^\*+([^*]{1,60}?)\*+\s*\[?\d{1,2}:\d\d"),
    re.compile(r"^(\S[^:]{0,40}?)\s{2,}\d{1,2}:\d\d\s*$"),
]
_PLAIN_LABEL = re.compile(r"^([A-Za-z][\w'.\- ]{0,30}?):\s")
_CAPTION_NAME = re.compile(r"^([A-Z][\w'.\- ]{0,40}?(?:\s*\([^()]{1,20}\))?):\s")


def _unplaced(path: Path, table, lines: list[str]) -> tuple[int, list[int]]:
    """Labelled lines (see the module note), and those placed nowhere and reported nowhere."""
    # Compared in small letters: Otter's "Unknown Speaker" is read as "Unknown speaker".
    starts = dict(zip(table["line"], table["speaker"].str.lower(), strict=True))
    ordered = sorted(starts)
    warned = " ".join(table.attrs["warnings"])
    caption = table.attrs.get("format") in ("webvtt", "srt")
    checked, bad = 0, []
    # Plain `Label: words` counts when the file uses the label three times or more.
    plain = Counter(m[1] for line in lines if (m := _PLAIN_LABEL.match(line.strip())))
    for number, line in enumerate(lines, 1):
        if caption:
            match = _CAPTION_NAME.match(line.strip())
        else:
            match = next((m for p in _LABELLED if (m := p.match(line.strip()))), None)
            if not match and (m := _PLAIN_LABEL.match(line.strip())) and plain[m[1]] >= 3:
                match = m
        if not match:
            continue
        name = match[1].strip().lower()
        checked += 1
        # Captions: a cue's turn starts at its block (identifier or timing line) above.
        own = range(number - 2, number + 1) if caption else (number,)
        if any(starts.get(n) == name for n in own):
            continue
        before = [n for n in ordered if n <= number]
        if before and starts[before[-1]] == name:  # carried on the same speaker's turn
            continue
        if f"line {number}:" in warned or f"line {number} " in warned:
            continue
        bad.append(number)
    return checked, bad


def _reason(error: TranscriptError) -> str:
    """The refusal's kind: its sentence with quoted parts, numbers and format list left out."""
    problem = error.problem.split(" The formats coprod-lab reads")[0]
    problem = re.sub(r"`[^`]*`", "`…`", problem)
    return re.sub(r"\d+", "N", problem)[:110]


def _source_lines(path: Path) -> list[str]:
    if path.suffix == ".docx":
        return []
    return path.read_bytes().decode("utf-8", "replace").splitlines()


def _on_its_line(row, lines: list[str]) -> bool:
    """Does the turn's first line (for captions, with the two below) name its speaker?"""
    if not lines or row.speaker == "Unknown speaker":
        return True
    # The turn's own line, and for captions the two below it (identifier, timing, words).
    here = " ".join(lines[max(0, row.line - 1) : row.line + 2]).lower()
    speaker = str(row.speaker)
    names = [part for part in speaker.split(" or ")]
    marks = [initials(name).lower() for name in names]
    return any(name.lower() in here for name in names) or any(
        re.search(rf"\b{re.escape(mark)}\b", here) for mark in marks if mark
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument(
        "--sample", type=int, default=0, help="files of each kind to print for a hand check"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    kinds = sorted(p for p in args.folder.iterdir() if p.is_dir())
    read_tables = []
    print(
        "| kind | files | read | refused | crashed | turns | speakers | warnings | "
        "turns off their line | labelled lines | labelled lines misplaced |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    reasons: Counter[str] = Counter()
    crashes: list[str] = []
    off_line: list[str] = []
    formats: Counter[str] = Counter()
    for kind in kinds:
        files = sorted(p for p in kind.rglob("*") if p.suffix.lower() in _SUFFIXES)
        read = refused = crashed = turns = speakers = warnings = off = labelled = 0
        misplaced: list[str] = []
        for path in files:
            try:
                table = read_transcript(path)
            except TranscriptError as error:
                refused += 1
                reasons[f"{kind.name}: {_reason(error)}"] += 1
                continue
            except Exception:  # the figure this benchmark exists for: must stay 0
                crashed += 1
                crashes.append(f"{path}: {traceback.format_exc(limit=2)}")
                continue
            read += 1
            formats[f"{kind.name}: {table.attrs['format']}"] += 1
            turns += len(table)
            speakers += table["speaker"].nunique()
            warnings += len(table.attrs["warnings"])
            lines = _source_lines(path)
            for row in table.itertuples():
                if not _on_its_line(row, lines):
                    off += 1
                    off_line.append(f"{path.name}:{row.line} {row.speaker!r}")
            checked, bad = _unplaced(path, table, lines)
            labelled += checked
            misplaced += [f"{path.name}:{n}" for n in bad]
            read_tables.append((path, table))
        print(
            f"| {kind.name} | {len(files)} | {read} | {refused} | {crashed} | {turns} | "
            f"{speakers} | {warnings} | {off} | {labelled} | {len(misplaced)} |"
        )
        off_line += [f"{m} (labelled, misplaced)" for m in misplaced]
    print("\nFormats told:", ", ".join(f"{k} {n}" for k, n in sorted(formats.items())))
    print("\nRefused, by reason:")
    for reason, count in reasons.most_common():
        print(f"  {count:4d}  {reason}")
    if crashes:
        print("\nCRASHED:")
        print("\n".join(crashes[:10]))
    if off_line:
        print("\nTurns whose line does not name their speaker (first 20):")
        print("\n".join(f"  {line}" for line in off_line[:20]))
    if args.sample:
        rng = random.Random(args.seed)
        chosen = []
        for kind in kinds:  # N files of each kind
            ofkind = [(p, t) for p, t in read_tables if p.parent == kind]
            chosen += rng.sample(ofkind, min(args.sample, len(ofkind)))
        for path, table in chosen:
            lines = _source_lines(path)
            print(f"\n== {path.parent.name}/{path.name} ({table.attrs['format']})")
            for sentence in table.attrs["warnings"][:5]:
                print(f"   warning: {sentence}")
            below = 1 if table.attrs["format"] in ("webvtt", "srt") else -1
            for row in table.head(6).itertuples():
                source = lines[row.line + below][:70] if lines else ""
                print(f"   {row.line:>5} {str(row.speaker)[:28]:28} | {source}")


if __name__ == "__main__":
    main()
