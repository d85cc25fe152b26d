"""How well redaction finds people's names and numbers in text nobody here wrote, and how fast.

    .venv/bin/python benchmarks/privacy.py FOLDER [--label]

FOLDER holds what the benchmark is measured on, kept out of the repository:
- synth_dataset_v2.json: 1,500 sentences made from templates by Microsoft's presidio-research
  (github.com/microsoft/presidio-research, data/, MIT licence, its LICENSE beside it), each
  labelled with its people's names, phone numbers, emails, addresses and more by the template
  that made it. Recall and precision on names, and recall on phone numbers and emails.
- FakeNameGenerator.com_3000.csv: 3,000 made-up people of 30 name sets from the same repository
  (presidio_evaluator/data_generator/raw_data/). Their names replace the "XXXX" with which the
  NHS trusts that published ../shared/corpus/patient-feedback hid staff names: the publishers'
  own marks are the labels, in real comments (recall on names, UK health writing).
- nhs-1000-labels.tsv: every finding in 1,000 comments drawn at random (seed 27) from the
  same NHS comments, each marked by hand as a personal detail ("yes") or not ("no"). Made with
  --label, which writes the findings still to be marked. A finding not yet marked counts as
  false, so a change that finds more cannot look better than it is.
The speed is of all 10,302 comments read in one call, the model's loading included.
Targets (issue 27): recall at least 0.9 on names and numbers; at most 2% of ordinary comments
with a false finding; 10,000 comments in under 30 s on this 2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import time
from pathlib import Path

from coprod_lab.privacy import find_all

FEEDBACK = Path(__file__).resolve().parents[2] / "shared/corpus/patient-feedback/text_data.csv"
SEED = 27


def comments() -> list[str]:
    with FEEDBACK.open(encoding="utf-8") as f:
        return [row["feedback"] for row in csv.DictReader(f) if row["feedback"].strip()]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def presidio_set(folder: Path) -> None:
    samples = json.loads((folder / "synth_dataset_v2.json").read_text(encoding="utf-8"))
    texts = [s["full_text"] for s in samples]
    found = find_all(texts)
    for kind, gold_kind in (
        ("PERSON", "PERSON"),
        ("PHONE", "PHONE_NUMBER"),
        ("EMAIL", "EMAIL_ADDRESS"),
    ):
        hit = total = false = ours = 0
        with_code = hit_with_code = 0
        for sample, findings in zip(samples, found, strict=True):
            gold = [
                (s["start_position"], s["end_position"])
                for s in sample["spans"]
                if s["entity_type"] == gold_kind
            ]
            mine = [(f.start, f.end) for f in findings if f.kind == kind]
            total += len(gold)
            hit += sum(any(overlaps(g, m) for m in mine) for g in gold)
            ours += len(mine)
            false += sum(not any(overlaps(g, m) for g in gold) for m in mine)
            if kind == "PHONE":
                for g in gold:
                    value = sample["full_text"][g[0] : g[1]]
                    if re.match(r"\s*(\+|00)", value) or re.match(
                        r"\s*\(?0\d{3,4}\)?[\s-]?\d{3}", value
                    ):
                        with_code += 1
                        hit_with_code += any(overlaps(g, m) for m in mine)
        line = f"presidio-research set, {kind}: recall {hit / total:.3f} ({hit}/{total})"
        if ours:
            line += f", precision {(ours - false) / ours:.3f} ({ours - false}/{ours})"
        print(line)
        if kind == "PHONE":
            print(
                f"  of which written with a country code or in the UK way: recall "
                f"{hit_with_code / with_code:.3f} ({hit_with_code}/{with_code})"
            )


def surrogate_set(folder: Path) -> None:
    with (folder / "FakeNameGenerator.com_3000.csv").open(encoding="utf-8-sig") as f:
        people = list(csv.DictReader(f))
    rng = random.Random(SEED)
    texts, gold = [], []
    for comment in comments():
        if "XXXX" not in comment:
            continue
        pieces, spans, last = [], [], 0
        text = ""
        for match in re.finditer(r"X{4,}", comment):
            person = rng.choice(people)
            titled = re.search(
                r"(?i)\b(dr|nurse|mr|mrs|ms|miss|sister)\.?\s*$", comment[: match.start()]
            )
            name = (
                person["Surname"]
                if titled
                else rng.choice([person["GivenName"], f"{person['GivenName']} {person['Surname']}"])
            )
            pieces.append(comment[last : match.start()])
            start = sum(map(len, pieces))
            pieces.append(name)
            spans.append((start, start + len(name)))
            last = match.end()
        pieces.append(comment[last:])
        text = "".join(pieces)
        texts.append(text)
        gold.append(spans)
    found = find_all(texts)
    hit = total = 0
    for spans, findings in zip(gold, found, strict=True):
        mine = [(f.start, f.end) for f in findings if f.kind == "PERSON"]
        total += len(spans)
        hit += sum(any(overlaps(g, m) for m in mine) for g in spans)
    print(
        f"NHS comments, names the publishers hid, given made-up names: recall "
        f"{hit / total:.3f} ({hit}/{total}) in {len(texts)} comments"
    )


def ordinary_comments(folder: Path, label: bool) -> None:
    everything = comments()
    rng = random.Random(SEED)
    picked = sorted(rng.sample(range(len(everything)), 1000))
    texts = [everything[i] for i in picked]
    labels_path = folder / "nhs-1000-labels.tsv"
    labels: dict[tuple[int, str, str], str] = {}
    if labels_path.exists():
        with labels_path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                labels[(int(row["comment"]), row["kind"], row["text"])] = row["personal"]
    unmarked, with_false, findings_count, false_count = [], 0, 0, 0
    for i, findings in zip(picked, find_all(texts), strict=True):
        false_here = False
        for f in findings:
            findings_count += 1
            verdict = labels.get((i, f.kind, f.text))
            if verdict is None:
                unmarked.append((i, f.kind, f.text, everything[i]))
            if verdict != "yes":
                false_here = True
                false_count += 1
        with_false += false_here
    print(
        f"1,000 ordinary NHS comments: {findings_count} findings, {false_count} false or unmarked; "
        f"{with_false} comments ({with_false / 10:.1f}%) with a false finding"
    )
    if unmarked:
        print(f"  {len(unmarked)} findings not yet marked by hand")
    if label and unmarked:
        todo = folder / "nhs-1000-to-label.tsv"
        with todo.open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f, delimiter="\t")
            out.writerow(["comment", "kind", "text", "personal", "context"])
            for i, kind, text, comment in unmarked:
                out.writerow([i, kind, text, "", " ".join(comment.split())[:300]])
        print(
            f"  written to {todo}: fill in 'personal' (yes/no), add the rows to {labels_path.name}"
        )


def speed() -> None:
    texts = comments()
    start, cpu = time.perf_counter(), time.process_time()
    found = find_all(texts)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"speed: {len(texts):,} comments in {seconds:.1f} s ({cpu:.1f} s of processor time; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores), model loading included "
        f"({sum(map(len, found)):,} findings); peak memory of the process {memory:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where the labelled sets are (see above)")
    parser.add_argument("--label", action="store_true", help="write the findings to mark by hand")
    args = parser.parse_args()
    speed()
    presidio_set(args.folder)
    surrogate_set(args.folder)
    ordinary_comments(args.folder, args.label)


if __name__ == "__main__":
    main()
