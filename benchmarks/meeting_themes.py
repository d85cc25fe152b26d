"""Themes on real meetings nobody here wrote: agreement with the topics people marked, and labels.

    .venv/bin/python benchmarks/meeting_themes.py FOLDER [--labels LABELS.md --key KEY.json]

FOLDER holds QMSum meeting files (github.com/Yale-LILY/QMSum, MIT licence; the test split,
`data/ALL/test/*.json`, 35 meetings): AMI product-design meetings, ICSI research meetings, and
sittings of the Canadian House of Commons COVID-19 committee and the Welsh Parliament's
Children, Young People and Education committee. In each, people split the meeting into topics
(`topic_list`, with the turns each covers). A turn's human topic is the first topic that covers
it; turns in no topic are left out of the scores. The corpus's own markup ("{vocalsound}",
"{disfmarker}") is taken out first, as a transcription tool would never write it.

Three readings of each meeting, scored by adjusted mutual information (AMI) against the topics:
- "meeting": coprod-lab as a researcher calls it on a transcript (speaker column given):
  names, filler and short replies left out, short replies not themed;
- "as survey": the same model reading every turn as it is (the model before this change);
- "TF-IDF + NMF": scikit-learn's baseline on the turns coprod-lab themed, with as many topics as
  coprod-lab found, each turn's theme its largest topic.
AMI is on the turns each method themes; "short" is the share of turns counted as short replies.

`--labels` writes, for each meeting, the human topics and the two sets of labels (coprod-lab's
and TF-IDF + NMF's top three words) as "set A" and "set B" in an order drawn at random (seed 0),
for a reader to judge blind; `--key` writes which set is which.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

_MARKUP = re.compile(r"\{[^}]*\}")


def read_meeting(path: Path) -> tuple[pd.DataFrame, list[str]]:
    """The meeting's turns (speaker, text, topic) and its list of human topics."""
    data = json.loads(path.read_text(encoding="utf-8"))
    turns = data["meeting_transcripts"]
    topic = [""] * len(turns)
    for item in data["topic_list"]:
        for start, end in item["relevant_text_span"]:
            for i in range(int(start), min(int(end), len(turns) - 1) + 1):
                topic[i] = topic[i] or item["topic"]
    table = pd.DataFrame(
        {
            "session": path.stem,
            "turn": range(len(turns)),
            "speaker": [t["speaker"] for t in turns],
            "role": "unknown",
            "text": [" ".join(_MARKUP.sub(" ", t["content"]).split()) for t in turns],
            "topic": topic,
        }
    )
    return table, [item["topic"] for item in data["topic_list"]]


def _ami(topics: pd.Series, labels: np.ndarray) -> float:
    from sklearn.metrics import adjusted_mutual_info_score

    keep = (topics != "").to_numpy() & (labels >= 0)
    return float(adjusted_mutual_info_score(topics[keep], labels[keep]))


def nmf_themes(texts: list[str], k: int) -> tuple[np.ndarray, list[str]]:
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    tfidf = TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True)
    matrix = tfidf.fit_transform(texts)
    nmf = NMF(k, init="nndsvd", random_state=0, max_iter=400)
    weights = nmf.fit_transform(matrix)
    vocabulary = tfidf.get_feature_names_out()
    labels = [", ".join(vocabulary[i] for i in row.argsort()[::-1][:3]) for row in nmf.components_]
    return weights.argmax(axis=1), labels


def run(folder: Path) -> tuple[pd.DataFrame, list[dict]]:
    from coprod_lab.themes import find_themes

    rows, label_sets = [], []
    for path in sorted(folder.glob("*.json")):
        table, human = read_meeting(path)
        started = time.perf_counter()
        meeting = find_themes(table, "text", speaker_column="speaker", turn_column="turn")
        seconds = time.perf_counter() - started
        survey = find_themes(table, "text")
        themed = meeting.labels >= 0
        k = len(meeting.themes)
        nmf_labels_all = np.full(len(table), -1)
        nmf_found, nmf_names = nmf_themes(table["text"][themed].tolist(), k)
        nmf_labels_all[themed] = nmf_found
        topics = table["topic"]
        rows.append(
            {
                "meeting": path.stem,
                "turns": len(table),
                "topics": len(human),
                "themes": k,
                "short": round(meeting.short_replies / len(table), 2),
                "AMI meeting": round(_ami(topics, meeting.labels), 3),
                "AMI as survey": round(_ami(topics, survey.labels), 3),
                "AMI NMF": round(_ami(topics, nmf_labels_all), 3),
                "stability": round(meeting.stability.mean_ari, 2),
                "topic words (ours)": round(
                    topic_hits([t.label for t in meeting.themes], human), 2
                ),
                "topic words (NMF)": round(topic_hits(nmf_names, human), 2),
                "seconds": round(seconds, 2),
            }
        )
        label_sets.append(
            {
                "meeting": path.stem,
                "human": human,
                "coprod-lab": [t.label for t in meeting.themes],
                "nmf": nmf_names,
                "survey": [t.label for t in survey.themes],
            }
        )
        print(rows[-1], file=sys.stderr)
    return pd.DataFrame(rows), label_sets


def topic_hits(labels: list[str], topics: list[str]) -> float:
    """The share of the human topics that share a word (by Porter stem, stopwords aside) with
    at least one of the labels: a measure no one judges."""
    from coprod_lab.text import stem
    from coprod_lab.themes.words import stopwords, tokens

    def stems(text: str) -> set[str]:
        return {stem(w) for w in tokens(text) if len(w) > 2 and w not in stopwords()}

    said = set().union(*(stems(label) for label in labels)) if labels else set()
    return sum(1 for topic in topics if stems(topic) & said) / max(1, len(topics))


def write_blind(label_sets: list[dict], labels_path: Path, key_path: Path) -> None:
    draw = random.Random(0)
    key, lines = {}, ["# Theme labels to judge blind", ""]
    for item in label_sets:
        first = draw.choice(["coprod-lab", "nmf"])
        second = "nmf" if first == "coprod-lab" else "coprod-lab"
        key[item["meeting"]] = {"A": first, "B": second}
        lines += [f"## {item['meeting']}", "", "Topics people marked:"]
        lines += [f"- {t}" for t in item["human"]]
        lines += ["", "Set A:"] + [f"- {t}" for t in item[first]]
        lines += ["", "Set B:"] + [f"- {t}" for t in item[second]] + [""]
    labels_path.write_text("\n".join(lines), encoding="utf-8")
    key_path.write_text(json.dumps(key, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of QMSum meeting .json files")
    parser.add_argument("--labels", type=Path, help="write the labels to judge blind here")
    parser.add_argument("--key", type=Path, help="write which set is which here")
    args = parser.parse_args()
    results, label_sets = run(args.folder)
    print("| " + " | ".join(results.columns) + " |")
    print("|" + "---|" * len(results.columns))
    for row in results.itertuples(index=False):
        print("| " + " | ".join(str(v) for v in row) + " |")
    measured = ["AMI meeting", "AMI as survey", "AMI NMF", "short", "stability"]
    means = results[[*measured, "topic words (ours)", "topic words (NMF)"]].mean()
    print("\nmeans:", means.round(3).to_dict())
    better = int((results["AMI meeting"] > results["AMI NMF"]).sum())
    print(f"coprod-lab above TF-IDF + NMF in {better} of {len(results)} meetings")
    if args.labels and args.key:
        write_blind(label_sets, args.labels, args.key)


if __name__ == "__main__":
    main()
