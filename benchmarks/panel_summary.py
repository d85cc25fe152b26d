"""Does a recruitment panel's one-page summary stay on one A4 sheet, with real notes?

Builds panels of growing size on a temporary SQLite store, every member writing a note on every
answer, the notes taken in order from real NHS Friends and Family Test comments
(../shared/corpus/patient-feedback/text_data.csv, MIT, Copyright NHS England), longest first
for the worst case; each question is as long as a question may be, cut from the longest
comments too. Prints each summary with headless Chromium to an A4 PDF and counts the
pages.

    .venv/bin/python benchmarks/panel_summary.py
"""

from __future__ import annotations

import csv
import re
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from coprod_lab import connect
from coprod_lab.recruitment import panels, ratings, summary
from coprod_lab.store import projects

ROOT = Path(__file__).resolve().parents[1]
COMMENTS = ROOT.parent / "shared" / "corpus" / "patient-feedback" / "text_data.csv"
SIZES = [(3, 4), (5, 8), (6, 8), (8, 10), (10, 12)]  # (questions, members); 10 is the most


def main() -> int:
    with COMMENTS.open(newline="", encoding="utf-8") as file:
        notes = sorted(
            (row["feedback"].strip() for row in csv.DictReader(file) if row["feedback"].strip()),
            key=len,
            reverse=True,
        )
    print(f"{len(notes)} real comments; the longest has {len(notes[0])} characters")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        store = connect(f"sqlite:///{folder}/store.sqlite3")
        store.upgrade()
        with store.write() as db:
            project = db.execute(projects.insert().values(name="Bench")).inserted_primary_key[0]
        used = 0
        print("questions | members | notes | A4 pages")
        for questions, members in SIZES:
            panel, _ = panels.create_panel(
                store, project, f"Panel {questions}x{members}", actor="b"
            )
            asked = [
                panels.add_question(store, panel.id, notes[n][: panels.MAX_QUESTION], actor="b")
                for n in range(questions)
            ]
            panels.agree_questions(store, panel.id, actor="b")
            roles = ["lived_experience", "professional"] * (members // 2)
            cards = panels.make_members(store, panel.id, roles, actor="b")
            candidate = panels.add_candidate(store, panel.id, actor="b")
            panels.open_interview(store, candidate.id, actor="b")
            for m, card in enumerate(cards):
                for q, question in enumerate(asked):
                    ratings.rate(
                        store,
                        card.ballot_id,
                        candidate.id,
                        question.id,
                        (m + q) % 3 - 1,
                        note=notes[used % len(notes)][: ratings.MAX_NOTE],
                    )
                    used += 1
            panels.close_interview(store, candidate.id, actor="b")
            tab = browser.new_page()
            tab.set_content(summary.summary_html(store, candidate.id))
            pages = len(re.findall(rb"/Type\s*/Page[^s]", tab.pdf(format="A4")))
            tab.close()
            print(f"{questions} | {members} | {questions * members} | {pages}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
