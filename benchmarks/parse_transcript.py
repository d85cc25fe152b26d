"""How long a one-hour, six-speaker Zoom transcript takes to read into the Transcript table.

    .venv/bin/python benchmarks/parse_transcript.py [--repeats 20] [--hours 1]

The hour is made by repeating the real Zoom file in ../shared/corpus (55 min 37 s, 300 cues)
with its times shifted, so the cue shapes, names and speech are real; whole copies are used,
so the file is at least --hours long. Target: under 0.5 s for one hour.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from coprod_lab.transcripts import read_transcript

ZOOM = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "zoom-meeting"
SOURCE = ZOOM / "meeting003_transcript.vtt"
STAMP = re.compile(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d)")


def _shift(text: str, seconds: float) -> str:
    def moved(match: re.Match) -> str:
        h, m, s, ms = (int(g) for g in match.groups())
        total = h * 3600 + m * 60 + s + ms / 1000 + seconds
        h, rest = divmod(total, 3600)
        m, s = divmod(rest, 60)
        return f"{int(h):02d}:{int(m):02d}:{s:06.3f}"

    return STAMP.sub(moved, text)


def one_hour_file(folder: Path, hours: float = 1.0) -> Path:
    text = SOURCE.read_text().replace("\r\n", "\n")
    header, _, body = text.partition("\n\n")
    span = 55 * 60 + 42  # the real file's length, rounded up
    copies = []
    shifted = 0.0
    while shifted < hours * 3600:
        copies.append(_shift(body.strip(), shifted))
        shifted += span
    path = folder / "one-hour.vtt"
    path.write_text(header + "\n\n" + "\n\n".join(copies) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--hours", type=float, default=1.0, help="at least this long")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = one_hour_file(Path(folder), args.hours)
        table = read_transcript(path)
        hours = (table["end"].max() - table["start"].min()) / 3600
        cues = path.read_text().count("-->")
        size_kib = path.stat().st_size / 1024
        timings = []
        for _ in range(args.repeats):
            began = time.perf_counter()
            read_transcript(path)
            timings.append(time.perf_counter() - began)
    print(
        f"{size_kib:.0f} KiB, {cues} cues, {hours:.2f} hours, "
        f"{len(table)} utterances, {table['speaker'].nunique()} speakers"
    )
    print(
        f"read_transcript: median {statistics.median(timings) * 1000:.1f} ms, "
        f"worst {max(timings) * 1000:.1f} ms over {args.repeats} runs (target: under 500 ms)"
    )


if __name__ == "__main__":
    main()
