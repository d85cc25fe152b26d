"""How long the plain-English check takes on one million words of real patient feedback.

    .venv/bin/python benchmarks/jargon_speed.py [--words 1000000] [--repeats 3]

The text is the NHS Friends and Family Test comments in ../shared/corpus/patient-feedback
(real people's words, 136,716 of them), repeated until there are at least --words words.
Loading the glossary and the word frequencies is timed apart from the check itself, as a page
or a command loads them once. Target: one million words in under 5 s on this machine.
"""

from __future__ import annotations

import argparse
import csv
import resource
import statistics
import time
from pathlib import Path

from coprod_lab.jargon import check_text, shipped_glossary
from coprod_lab.jargon.rarity import Bands
from coprod_lab.text import words

FEEDBACK = Path(__file__).resolve().parents[2] / "shared/corpus/patient-feedback/text_data.csv"


def feedback_text(at_least: int) -> tuple[str, int]:
    with FEEDBACK.open(encoding="utf-8") as f:
        comments = [row["feedback"] for row in csv.DictReader(f) if row["feedback"].strip()]
    one = "\n\n".join(comments)
    per_copy = sum(1 for _ in words(one))
    copies = -(-at_least // per_copy)
    return "\n\n".join([one] * copies), per_copy * copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    text, total = feedback_text(args.words)
    started = time.perf_counter()
    glossary, bands = shipped_glossary(), Bands()
    bands.band("warm")  # loads wordfreq's table
    load = time.perf_counter() - started
    check_text(text[:20_000], glossary, bands)  # loads the pronouncing dictionary
    times, cpu = [], []
    for _ in range(args.repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        report = check_text(text, glossary, bands)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"words: {report.words:,} (asked for {args.words:,}; {total:,} by our count)")
    print(f"findings: {len(report.findings):,}; rare share {report.rare_share:.2%}")
    print(f"load glossary and frequencies: {load:.2f} s")
    print(f"check: median {statistics.median(times):.2f} s, worst {max(times):.2f} s")
    # On a shared machine the wall clock counts other people's work; CPU time does not.
    print(f"check, CPU time of this process: median {statistics.median(cpu):.2f} s")
    print(f"words per second: {report.words / statistics.median(times):,.0f}")
    print(f"peak memory of the process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
