"""How fast the coding core answers over 100 transcripts of an hour each.

    .venv/bin/python benchmarks/coding_retrieval.py [--sessions 100] [--sentences] [--url URL]

The transcripts are made from one real Zoom meeting (../shared/corpus/zoom-meeting,
meeting003_transcript.vtt, 55 minutes; andrewpknight/zoomGroupStats, MIT): each session is
its turns in a new seeded random order, topped up with repeated turns until it lasts an hour
(the same number of words as the real hour). With --sentences each sentence is a turn of its
own, for many short turns. About one turn in eight is coded by two coders with one to three
of ten codes, on words within the turn. Loading is not timed. Each query is run --repeats
times; the medians of wall-clock and CPU time are reported (on a shared machine the wall clock
counts other people's work; CPU time does not). Target: every retrieval under 1 s. Rows with
made-up names add finding names in the words shown (the spaCy recogniser).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from coprod_lab import connect
from coprod_lab.coding.comparing import compare_coders
from coprod_lab.coding.retrieval import co_occurrence, code_case_matrix, coded_passages, search
from coprod_lab.store.schema import coded_utterances, codes, projects, sessions, utterances
from coprod_lab.transcripts.read import read_transcript

ZOOM = Path(__file__).resolve().parents[2] / "shared/corpus/zoom-meeting/meeting003_transcript.vtt"
CODES = [
    "Waiting",
    "Support",
    "Feeling heard",
    "Access",
    "Money",
    "Family",
    "Staff",
    "Technology",
    "Trust",
    "Time",
]


def build(url: str, n_sessions: int, sentences: bool) -> tuple[object, int, int]:
    turns = read_transcript(ZOOM).to_dict("records")
    if sentences:  # many short turns, as a lively meeting has, from the same words
        turns = [
            {**t, "text": part}
            for t in turns
            for part in re.split(r"(?<=[.?!])\s+", t["text"])
            if part.strip()
        ]
    rng = random.Random(22)
    store = connect(url)
    store.upgrade()
    with store.write() as db:
        pid = db.execute(insert(projects).values(name="Benchmark")).inserted_primary_key[0]
        code_ids = [
            db.execute(
                insert(codes).values(project_id=pid, name=c, created_by="b")
            ).inserted_primary_key[0]
            for c in CODES
        ]
        total = 0
        for s in range(n_sessions):
            sid = db.execute(
                insert(sessions).values(project_id=pid, title=f"Meeting {s + 1}", kind="other")
            ).inserted_primary_key[0]
            order = rng.sample(turns, len(turns))
            order += rng.choices(turns, k=max(0, int(len(turns) * 3600 / 3341) - len(turns)))
            rows = [
                {
                    "session_id": sid,
                    "turn": n,
                    "speaker": t["speaker"],
                    "role": "unknown",
                    "text": t["text"],
                    "source": "meeting003_transcript.vtt",
                    "line": int(t["line"]),
                    "start": None,
                    "end": None,
                }
                for n, t in enumerate(order)
            ]
            ids = db.execute(insert(utterances).returning(utterances.c.id), rows).scalars().all()
            total += len(rows)
            coding = []
            for uid, row in zip(ids, rows, strict=True):
                if rng.random() < 1 / 8 and len(row["text"]) > 2:
                    for coder in ("Sam", "Ann"):
                        for cid in rng.sample(code_ids, rng.randint(1, 3)):
                            start = rng.randrange(0, len(row["text"]) - 1)
                            end = rng.randrange(start + 1, len(row["text"]) + 1)
                            coding.append(
                                {
                                    "code_id": cid,
                                    "utterance_id": uid,
                                    "coder": coder,
                                    "start_char": start,
                                    "end_char": end,
                                }
                            )
            if coding:
                db.execute(insert(coded_utterances), coding)
    return store, pid, total


def timed(repeats: int, call) -> tuple[float, float, object]:
    times, cpu, result = [], [], None
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = call()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(times), statistics.median(cpu), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--url", default=None)
    parser.add_argument(
        "--sentences", action="store_true", help="each sentence of the meeting a turn of its own"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        started = time.perf_counter()
        store, pid, total = build(url, args.sessions, args.sentences)
        print(
            f"{args.sessions} sessions, {total:,} turns, built in "
            f"{time.perf_counter() - started:.1f} s ({url.split(':')[0]})"
        )
        cases = {
            "passages coded 'Support' in context (real names)": lambda: coded_passages(
                store, pid, "Support", real_names=True
            ),
            "same (made-up names)": lambda: coded_passages(store, pid, "Support"),
            "same, one coder and 10 sessions (real names)": lambda: coded_passages(
                store,
                pid,
                "Support",
                coders=["Sam"],
                session_ids=list(range(1, 11)),
                real_names=True,
            ),
            "same, one coder and 10 sessions (made-up names)": lambda: coded_passages(
                store, pid, "Support", coders=["Sam"], session_ids=list(range(1, 11))
            ),
            "search a word with stems: 'questions' (real names)": lambda: search(
                store, pid, "questions", real_names=True
            ),
            "search a phrase: '\"thank you\"' (real names)": lambda: search(
                store, pid, '"thank you"', real_names=True
            ),
            "code co-occurrence": lambda: co_occurrence(store, pid),
            "code x case matrix by speaker (made-up names)": lambda: code_case_matrix(
                store, pid, "speaker"
            ),
            "compare two coders: kappa and alpha per code": lambda: compare_coders(
                store, pid, ["Sam", "Ann"]
            ),
        }
        for name, call in cases.items():
            seconds, cpu, result = timed(args.repeats, call)
            print(f"{name}: median {seconds:.3f} s, CPU {cpu:.3f} s ({len(result):,} rows)")
        store.engine.dispose()


if __name__ == "__main__":
    main()
