""" "You said, we did" on real patient feedback: how long adding, following through and
showing points takes, and whether the participants' list hides every personal detail, the
names of people who are not participants included (found when each point is saved).

The points are the NHS Friends and Family Test comments in ../shared/corpus/patient-feedback/
(The-Strategy-Unit/pxtextmining, MIT, Copyright NHS England) that their coders marked as
critical (criticality below 0): comments that need an answer. Each becomes a point written in
the facilitator's words (nobody here agreed to be quoted), then a third get an action, a third
of those are done and half of the done ones told back, by the same functions the page calls.

    .venv/bin/python benchmarks/you_said_real.py            # 2,000 points
    .venv/bin/python benchmarks/you_said_real.py --points 500
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coprod_lab import connect  # noqa: E402
from coprod_lab.privacy import redact  # noqa: E402
from coprod_lab.sessions import you_said as ys  # noqa: E402
from coprod_lab.store import projects, sessions  # noqa: E402
from coprod_lab.widgets.what_we_did import WhatWeDid  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "patient-feedback" / "text_data.csv"
PLACEHOLDER = re.compile(r"\[(?!PERSON)[A-Z ]+\]")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--points", type=int, default=2000)
    args = parser.parse_args()
    with CORPUS.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    critical = [
        r["feedback"].strip()
        for r in rows
        if r["criticality"].lstrip("-").isdigit() and int(r["criticality"]) < 0
    ]
    critical = [c for c in critical if c][: args.points]
    print(f"{len(rows)} comments, {len(critical)} critical ones used as points")
    with tempfile.TemporaryDirectory() as folder:
        store = connect(f"sqlite:///{folder}/store.sqlite3")
        store.upgrade()
        with store.write() as db:
            project = db.execute(insert(projects).values(name="FFT")).inserted_primary_key[0]
            session = db.execute(
                insert(sessions).values(
                    project_id=project,
                    title="Friends and Family Test",
                    kind="other",
                    held_on=dt.date(2026, 9, 1),
                )
            ).inserted_primary_key[0]
        added = []
        ids = []
        for text in critical:
            start = time.perf_counter()
            ids.append(
                ys.add_entry(
                    store,
                    project,
                    source_kind="other",
                    said=text,
                    session_id=session,
                    actor="bench",
                    today=dt.date(2026, 9, 1),
                )
            )
            added.append(time.perf_counter() - start)
        changed = []
        for n, entry_id in enumerate(ids):
            steps = []
            if n % 3 == 0:
                steps = [("action", "Look into it with the ward."), ("action_by", "Ward team")]
                steps.append(("due_on", dt.date(2026, 10, 1)))
                if n % 9 == 0:
                    steps += [("done", "Talked it through with the ward."), ("outcome", "done")]
                    if n % 18 == 0:
                        steps.append(("told_on", dt.date(2026, 12, 1)))
            for field, value in steps:
                start = time.perf_counter()
                ys.change(store, entry_id, field, value, actor="bench", today=dt.date(2026, 11, 1))
                changed.append(time.perf_counter() - start)
        today = dt.date(2026, 12, 1)
        start = time.perf_counter()
        shown = ys.shown(store, project, today=today)
        shown_s = time.perf_counter() - start
        start = time.perf_counter()
        page = WhatWeDid(store, clock=lambda: dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
        page_s = time.perf_counter() - start
        start = time.perf_counter()
        named = ys.shown(store, project, today=today, others=True)
        named_s = time.perf_counter() - start
        counts = ys.counts(ys.entries(store, project), today)
        # Every personal detail redact() finds in a comment must be hidden on the list too.
        expected = sum(len(PLACEHOLDER.findall(redact(t, people=False).text)) for t in critical)
        hidden = sum(len(PLACEHOLDER.findall(s.said)) for s in shown)
        missed = [s.said for s in shown if PLACEHOLDER.search(redact(s.said, people=False).text)]

    def ms(values: list[float], q: float) -> float:
        return 1000 * (statistics.quantiles(values, n=100)[int(q) - 1] if q < 100 else max(values))

    print(f"statuses: {counts}")
    print(
        f"add a point: p50 {ms(added, 50):.1f} ms, p95 {ms(added, 95):.1f} ms; "
        f"change a field: p50 {ms(changed, 50):.1f} ms, p95 {ms(changed, 95):.1f} ms "
        f"({len(changed)} changes)"
    )
    print(
        f"participants' list of {len(shown)} points: {shown_s:.2f} s to read and hide details; "
        f"the page {page_s:.2f} s to build, {len(page.view.value) / 1024:.0f} KiB of HTML"
    )
    print(
        f"personal details hidden: {hidden} (redact() finds {expected} in the same comments); "
        f"left in the list: {len(missed)}"
    )
    with_names = sum("[PERSON " in s.said or ys.ANOTHER_PERSON in s.said for s in named)
    lean_hidden = sum(ys.ANOTHER_PERSON in s.said for s in shown)
    # The lean list hides the names found when each point was saved (other_names): every
    # name the recogniser finds in a comment must be gone from that point on the lean list.
    lean = {s.id: s.said for s in shown}
    by_point = dict(zip(ids, critical, strict=True))
    naming, still_shown = 0, []
    for entry_id, text in by_point.items():
        names = [f.text for f in redact(text).findings if f.kind == "PERSON"]
        if names:
            naming += 1
            if any(re.search(rf"\b{re.escape(n)}\b", lean[entry_id]) for n in names):
                still_shown.append(lean[entry_id])
    print(
        f"with the name recogniser (the report): {named_s:.2f} s; {with_names} points name "
        f"someone who is not a participant. On the lean participants' list, {naming} points "
        f"name someone and {naming - len(still_shown)} have every name hidden "
        f"({len(still_shown)} still show one; {lean_hidden} show {ys.ANOTHER_PERSON})"
    )
    for said in still_shown[:5]:
        print("  still shown:", said[:160])
    return 0 if hidden == expected and not missed and not still_shown else 1


if __name__ == "__main__":
    sys.exit(main())
