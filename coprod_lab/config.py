"""Every setting coprod-lab reads, declared once: name, default, help and environment variable.

Code asks `setting("db")`; people see the same table through `coprod-lab config` and README.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coprod_lab.errors import CoprodLabError


def _data_home() -> Path:
    # XDG base directory rules: the store is user data, not config or cache.
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "coprod-lab"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Callable[[], Any] | Any
    help: str
    kind: type = str

    @property
    def env(self) -> str:
        return "COPROD_LAB_" + self.name.upper()

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        lambda: "sqlite:///" + str(_data_home() / "coprod-lab.sqlite3"),
        "Where the store lives, as a SQLAlchemy URL. The default is a SQLite file in "
        "$XDG_DATA_HOME/coprod-lab (usually ~/.local/share/coprod-lab). For PostgreSQL "
        "use postgresql+psycopg://user:password@host/database.",
    ),
    Setting(
        "busy_timeout_ms",
        2_000,
        "How long, in milliseconds, one try at a SQLite write waits for another writer; the "
        "write is then tried again after a short pause, until write_patience_seconds.",
        int,
    ),
    Setting(
        "write_patience_seconds",
        30.0,
        "How long a write keeps trying while the store is busy (SQLite locked by other "
        "writers, PostgreSQL refusing connections) before the page says it was not saved.",
        float,
    ),
    Setting("host", "127.0.0.1", "The address the Voilà pages are served on."),
    Setting("port", 8866, "The port the Voilà pages are served on.", int),
    Setting(
        "public_address",
        "",
        "The address people are given on QR cards and links, such as HAProxy's address "
        "(`coprod-lab haproxy`) or an nginx in front. Empty: the address the facilitator's page "
        "was opened at.",
    ),
    Setting(
        "max_transcript_mb",
        50,
        "The largest transcript file, in megabytes, that will be read; larger files are "
        "refused before they are read.",
        int,
    ),
    Setting(
        "rare_below_zipf",
        2.75,
        "Plain-English checker: a word is rare when its Zipf frequency in everyday English "
        "(wordfreq) is below this. 2.75 is about 50 uses in 90 million words, the De-Jargonizer's "
        "line.",
        float,
    ),
    Setting(
        "common_from_zipf",
        4.05,
        "Plain-English checker: a word is common from this Zipf frequency up (about 1,000 uses "
        "in 90 million words); between the two it is mid-frequency.",
        float,
    ),
    Setting(
        "long_sentence_words",
        25,
        "Plain-English checker: sentences longer than this many words are pointed out.",
        int,
    ),
    Setting(
        "words_per_minute",
        130,
        "Pitch builder: the speaking speed used to estimate how long a pitch takes to say. "
        "130 words a minute is a calm pace that most listeners can follow.",
        int,
    ),
    Setting(
        "recap_after_minutes",
        20,
        "Storytelling recorder: suggest a recap when this many minutes have passed since the "
        "last recap or break.",
        float,
    ),
    Setting(
        "break_after_minutes",
        60,
        "Session plan: warn when more than this many minutes pass without a break, in the "
        "plan and beside the recorder's timer.",
        float,
    ),
    Setting(
        "room_size",
        10,
        "Voting page: how many participant kernels `serve` keeps started and waiting (the "
        "preheated pool), so a room arriving at once does not wait for kernels to start. "
        "Each waiting kernel uses about 30 to 36 MB (forked kernels; measured on SQLite).",
        int,
    ),
    Setting(
        "pool_refill_seconds",
        5.0,
        "Voting page: how long after a waiting kernel is taken before another is started, so "
        "refilling does not slow a room still arriving. Once the pool is empty, the next person "
        "waits for the refill: when the pool holds the whole room, a longer delay (120) keeps "
        "refills from doubling the memory while people arrive.",
        float,
    ),
    Setting(
        "fork_kernels",
        1,
        "Start page kernels by forking one prepared parent (1), which is faster and shares "
        "memory, or each as a new Python (0).",
        int,
    ),
    Setting(
        "kernel_niceness",
        5,
        "How far below the server's CPU priority forked page kernels run (0 to 19, Linux "
        "niceness). Higher keeps pages arriving quickly when a big room arrives at once, "
        "because every page passes through the one server; lower gives votes more CPU.",
        int,
    ),
    Setting(
        "stop_gone_seconds",
        90.0,
        "A page's kernel is stopped once no browser has been connected to it for this many "
        "seconds (a closed or reloaded tab, a phone gone for good); checks run every 15 "
        "seconds. A phone whose connection comes back sooner keeps its page. 0 keeps them.",
        float,
    ),
    Setting(
        "notebooks",
        lambda: str(Path(__file__).resolve().parent.parent / "notebooks"),
        "The folder of notebooks: `lab` opens it, `serve` serves its apps/ folder.",
    ),
    Setting(
        "corpus",
        lambda: str(Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"),
        "The folder of real example data the walkthrough notebooks read (a Zoom transcript, "
        "patient feedback): ../shared/corpus beside this folder.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> Any:
    """The value of one setting: its environment variable if set, else its default."""
    try:
        spec = _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no setting called {name!r}") from None
    raw = os.environ.get(spec.env)
    if raw is None or raw == "":
        return spec.default_value()
    if spec.kind is int:
        try:
            return int(raw)
        except ValueError:
            raise CoprodLabError(f"{spec.env} must be a whole number, but it is {raw!r}.") from None
    if spec.kind is float:
        try:
            return float(raw)
        except ValueError:
            raise CoprodLabError(f"{spec.env} must be a number, but it is {raw!r}.") from None
    return raw


def describe() -> list[dict[str, Any]]:
    """Every setting with its current value, for `coprod-lab config`."""
    return [
        {"name": s.name, "env": s.env, "value": setting(s.name), "help": s.help} for s in SETTINGS
    ]
