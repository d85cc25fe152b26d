"""A room of phones arriving at the voting page and voting, over HTTP and websockets.

    .venv/bin/python benchmarks/voting_load.py [--participants 200] [--arrive-within 60]
        [--db URL] [--room-size N] [--reloads N] [--reload-after LOW,HIGH] [--no-beacon]
        [--refill-seconds S]
        [--activity definitions|quiz|questions] [--code DIR]

To compare two versions of the code on one machine, run the same command twice, once with
`--code DIR` naming an unpacked copy of the other version (for example
`git archive 7a776a0 | tar -x -C /tmp/before`): the server and its kernels then run that copy.

Starts `coprod-lab serve` on a fresh store with a preheated pool of `--room-size` kernels
(default: the number of participants), makes a workshop with one open approval round of three
definitions and a card (personal link) per participant, and waits for the pool to fill. Then
each simulated phone, arriving at a random moment within `--arrive-within` seconds, does what
the browser does:

1. GET the page at its personal link (Voilà renders it in the waiting kernel);
2. open the kernel's websocket and ask for every widget's state, as ipywidgets' front end
   does ("request_states" on the jupyter.widget.control comm): the page is usable now;
3. tick its definitions one at a time, as a click does (a state update of the "I agree"
   toggle), and wait for the page to say "Saved" (the kernel's update of the saved line).

With `--room-size` smaller than the room, late arrivals find no kernel waiting and get the
"Getting your page ready" page, which reloads itself every 2 seconds: the phone does the same
and reports how soon that first answer came and how many phones saw it. With `--reloads N`
each phone loads its page N more times before voting (disconnecting, as a reload does); as a
browser does, it first tells the server the old page is closing (Voilà's shutdown request on
`beforeunload`), unless `--no-beacon` says the browser was killed before it could. By default
each reload comes as soon as the page is usable (a room's worth of reloads in about a minute);
`--reload-after 30,180` has each phone stay on its page a random 30-180 s first, as a phone
that goes to sleep or a person who presses reload now and then would. `--hold S` keeps every
phone on its page until S seconds after the room began, so a room without reloads can be
compared with one as long that has them (the pool refills meanwhile in both).

With `--activity quiz` the room answers the first situation of "Is it co-production?" instead
(phone n chooses Yes, No or It depends by n % 3, then presses Send); with `--activity questions`
each phone types a question and presses Send. "Vote saved" is then that answer or question.

It also counts pages sent without their widgets (no widget-view output in the page: the phone
would show an empty page); with COPROD_LAB_LOAD_KEEP_BLANK=FILE set, the last such page is
written to FILE to look at.

It reports page-usable and vote-saved times (median, 95th percentile, worst), the peak memory
of the server and every kernel (PSS, so shared pages count once), and compares the votes in
the store with the votes confirmed: lost (confirmed but missing) and doubled.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import psutil
import websockets
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coprod_lab.activities import quiz  # noqa: E402
from coprod_lab.definitions import ballots, rounds, workshops  # noqa: E402
from coprod_lab.demo import load_demo  # noqa: E402
from coprod_lab.store import connect  # noqa: E402
from coprod_lab.store.schema import questions, quiz_answers, votes  # noqa: E402

DEFINITIONS = (
    "We work together as equals from the start.",
    "We share power and decisions.",
    "We listen and change things together.",
)


def ticks_of(n: int) -> list[int]:
    """Which definitions participant n ticks (indexes): between one and three."""
    return [k for k in range(3) if (n + k) % 2 == 0 or k == 2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Memory(threading.Thread):
    """The peak PSS of a process and all its children, sampled every 2 seconds, and the CPU
    time each used (the last figure seen for each process, so kernels that stopped count).

    Reading a few hundred processes' memory is not free: 25-29 CPU-seconds a run on the
    loaded shared machine, whether every 0.5 s or every 2 s (then each reading was slower),
    so it is reported apart from the server's and the kernels' CPU. Memory peaks while the
    whole room is connected, for far longer than 2 seconds."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self.server_at_peak = 0  # the Voilà server's own share of the peak
        self.kernels = 0
        self.running = True
        self.cpu: dict[int, float] = {}  # process id -> CPU seconds (user + system) so far
        self.own_cpu = 0.0  # CPU seconds this sampling thread has used itself

    def cpu_seconds(self) -> tuple[float, float]:
        """CPU seconds used so far by the server itself, and by every other process under it
        (the kernels and their forking parent)."""
        cpu = dict(self.cpu)
        server = cpu.pop(self.root.pid, 0.0)
        return server, sum(cpu.values())

    def run(self) -> None:
        while self.running:
            total = server = 0
            try:
                found = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for process in found:
                try:
                    pss = process.memory_full_info().pss
                    used = process.cpu_times()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                self.cpu[process.pid] = used.user + used.system
                total += pss
                server = pss if process is self.root else server
            if total > self.peak:
                self.peak, self.server_at_peak = total, server
            self.kernels = max(self.kernels, len(found) - 1)
            self.own_cpu = time.thread_time()
            time.sleep(2)


def message(msg_type: str, content: dict, session: str, metadata: dict | None = None) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "username": "load",
                "session": session,
                "msg_type": msg_type,
                "version": "5.3",
                "date": "",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


async def widget_states(ws, session: str) -> dict:
    """Ask for every widget's state, as ipywidgets' front end does: the page is usable then."""
    control = uuid.uuid4().hex
    await ws.send(
        message(
            "comm_open",
            {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
            session,
            {"version": "1.0.0"},  # ipywidgets' control protocol, as the front end says
        )
    )
    await ws.send(
        message("comm_msg", {"comm_id": control, "data": {"method": "request_states"}}, session)
    )
    while True:
        reply = json.loads(await asyncio.wait_for(ws.recv(), 120))
        data = reply.get("content", {}).get("data", {})
        if reply.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
            return data["states"]


GETTING_READY = "<title>Getting your page ready</title>"


async def get(client: httpx.AsyncClient, url: str) -> tuple[str, float]:
    """The page's text, and how long until its first bytes arrived (what a person first sees:
    Voilà streams the page as its cells run)."""
    began = time.perf_counter()
    async with client.stream("GET", url, timeout=120) as answer:
        chunks = []
        first = None
        async for chunk in answer.aiter_text():
            if first is None and chunk.strip():
                first = time.perf_counter() - began
            chunks.append(chunk)
        answer.raise_for_status()
    return "".join(chunks), first if first is not None else time.perf_counter() - began


async def load_page(client: httpx.AsyncClient, url: str, out: dict) -> tuple[str, float]:
    """GET the page as a browser does, following the getting-ready page's 2-second reloads.
    Returns the page and how long until its first bytes came (seconds)."""
    text, first = await get(client, url)
    waited = False
    while GETTING_READY in text:
        waited = True
        await asyncio.sleep(2)  # the page's <meta http-equiv="refresh" content="2">
        text, _ = await get(client, url)
    out["waited"] += waited
    return text, first


async def phone(
    n: int,
    token: str,
    base: str,
    delay: float,
    client: httpx.AsyncClient,
    out: dict,
    reloads: int = 0,
    beacon: bool = True,
    activity: str = "definitions",
    reload_after: tuple[float, float] = (0.0, 0.0),
) -> None:
    await asyncio.sleep(delay)
    stay = random.Random(n)
    try:
        if beacon and "_xsrf" not in client.cookies:
            await client.get(base)  # the page's own script does this for the shutdown request
        for load in range(reloads + 1):
            began = time.perf_counter()
            text, first = await load_page(
                client, f"{base}voila/render/vote.ipynb?ballot={token}", out
            )
            out["first"].append(first)
            # The page's widgets arrive as a widget-view output of its cell; without it the
            # phone would show an empty page, however well its websocket then works.
            if "application/vnd.jupyter.widget-view+json" not in text:
                out["blank"] += 1
                if os.environ.get("COPROD_LAB_LOAD_KEEP_BLANK"):
                    Path(os.environ["COPROD_LAB_LOAD_KEEP_BLANK"]).write_text(text)
            kernel = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', text) or re.search(
                r"kernel_id[\"']?\s*[:=]\s*[\"']([0-9a-f-]+)", text
            )
            if kernel is None:
                raise RuntimeError("no kernel id in the page")
            kernel_id = kernel.group(1)
            ws_url = base.replace("http", "ws", 1) + f"api/kernels/{kernel_id}/channels"
            session = uuid.uuid4().hex
            # A browser sends no pings of its own; the websockets library would, and close the
            # connection when a busy server answers one late (seen at 300 phones on a loaded
            # machine: 1011 "keepalive ping timeout"), which no phone would do.
            ws = await websockets.connect(
                f"{ws_url}?session_id={session}",
                max_size=None,
                open_timeout=60,
                ping_interval=None,
            )
            states = await widget_states(ws, session)
            out["usable"].append(time.perf_counter() - began)
            if load < reloads:  # the person reloads: the old page closes
                if reload_after[1] > 0:
                    await asyncio.sleep(stay.uniform(*reload_after))
                if beacon:
                    # Sent as the page closes; the browser does not wait for the answer (the
                    # server answers only once the kernel has stopped, seconds on a busy
                    # machine), so neither does the phone.
                    out["beacons"].append(
                        asyncio.create_task(
                            client.post(
                                f"{base}voila/api/shutdown/{kernel_id}",
                                data={"_xsrf": client.cookies.get("_xsrf", "")},
                                timeout=120,
                            )
                        )
                    )
                await ws.close()
                continue
            break
        async with ws:
            await ACTIONS[activity](ws, session, states, n, out)
            out["done"] += 1
            await out["finish"].wait()  # stay connected, as a phone on the page does
    except Exception as error:
        out["errors"].append(f"phone {n}: {type(error).__name__}: {error}")


async def send_and_wait(ws, session: str, comm_id: str, data: dict, saved: str) -> float:
    """Send one widget message and wait for the kernel's update saying `saved`; seconds."""
    sent = time.perf_counter()
    await ws.send(message("comm_msg", {"comm_id": comm_id, "data": data}, session))
    while True:
        reply = json.loads(await asyncio.wait_for(ws.recv(), 120))
        got = reply.get("content", {}).get("data", {})
        value = str(got.get("state", {}).get("value", ""))
        if reply.get("msg_type") == "comm_msg" and saved in value:
            return time.perf_counter() - sent


def update(state: dict) -> dict:
    return {"method": "update", "state": state, "buffer_paths": []}


CLICK = {"method": "custom", "content": {"event": "click"}}


def model(states: dict, name: str, **wanted) -> str:
    """The id of the one widget of this model with these state values (a prefix for text)."""
    found = [
        model_id
        for model_id, m in states.items()
        if m["model_name"] == name
        and all(str(m["state"].get(k, "")).startswith(v) for k, v in wanted.items())
    ]
    if len(found) != 1:
        raise RuntimeError(f"found {len(found)} {name} {wanted}, not 1")
    return found[0]


async def tick_definitions(ws, session: str, states: dict, n: int, out: dict) -> None:
    toggles = [
        model_id
        for model_id, m in states.items()
        if m["model_name"] == "ToggleButtonModel" and m["state"].get("description") == "I agree"
    ]
    if len(toggles) != 3:
        raise RuntimeError(f"found {len(toggles)} definitions to tick, not 3")
    for k in ticks_of(n):
        out["saved"].append(
            await send_and_wait(
                ws, session, toggles[k], update({"value": True}), "Saved: you agree"
            )
        )
        out["confirmed"].add((n, k))


QUIZ_CHOICES = ("yes", "no", "depends")


async def answer_quiz(ws, session: str, states: dict, n: int, out: dict) -> None:
    """Choose Yes / No / It depends (by phone number) and press Send, as a tap does."""
    choice = model(states, "ToggleButtonsModel", _options_labels="['Yes', 'No', 'It depends']")
    send = model(states, "ButtonModel", description="Send my answer")
    await ws.send(
        message("comm_msg", {"comm_id": choice, "data": update({"index": n % 3})}, session)
    )
    out["saved"].append(await send_and_wait(ws, session, send, CLICK, "Saved: "))
    out["confirmed"].add((n, QUIZ_CHOICES[n % 3]))


async def ask_question(ws, session: str, states: dict, n: int, out: dict) -> None:
    """Type a question (sent when the field is left, as the page does) and press Send."""
    box = model(states, "TextareaModel", description="Your question")
    send = model(states, "ButtonModel", description="Send my question")
    text = f"Question {n}: how will you know it is working for us?"
    await ws.send(message("comm_msg", {"comm_id": box, "data": update({"value": text})}, session))
    out["saved"].append(await send_and_wait(ws, session, send, CLICK, "Saved: your question"))
    out["confirmed"].add((n, text))


ACTIONS = {"definitions": tick_definitions, "quiz": answer_quiz, "questions": ask_question}


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else max(values, default=0)


async def room(
    base: str,
    tokens: list[str],
    within: float,
    reloads: int = 0,
    beacon: bool = True,
    activity: str = "definitions",
    reload_after: tuple[float, float] = (0.0, 0.0),
    hold: float = 0.0,
) -> dict:
    out = {
        "first": [],
        "waited": 0,
        "blank": 0,
        "usable": [],
        "saved": [],
        "confirmed": set(),
        "errors": [],
        "beacons": [],
        "done": 0,
        "finish": asyncio.Event(),
    }
    rng = random.Random(0)
    limits = httpx.Limits(max_connections=len(tokens) + 10)
    async with httpx.AsyncClient(limits=limits) as client:
        tasks = [
            asyncio.create_task(
                phone(
                    n,
                    t,
                    base,
                    rng.uniform(0, within),
                    client,
                    out,
                    reloads,
                    beacon,
                    activity,
                    reload_after,
                )
            )
            for n, t in enumerate(tokens)
        ]
        began = time.monotonic()
        while out["done"] + len(out["errors"]) < len(tokens) or time.monotonic() - began < hold:
            await asyncio.sleep(0.5)
        out["finish"].set()
        await asyncio.gather(*tasks)
        answers = await asyncio.gather(*out["beacons"], return_exceptions=True)
        out["beacons failed"] = sum(
            isinstance(a, Exception) or a.status_code >= 400 for a in answers
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--arrive-within", type=float, default=60.0)
    parser.add_argument("--room-size", type=int, default=None)
    parser.add_argument("--db", default=None, help="a store address (default: a new SQLite file)")
    parser.add_argument("--reloads", type=int, default=0, help="reloads per phone before voting")
    parser.add_argument(
        "--hold",
        type=float,
        default=0.0,
        help="keep every phone on its page until this many seconds after the room began "
        "(to compare a room without reloads with one as long that has them)",
    )
    parser.add_argument(
        "--reload-after",
        default="0,0",
        help="LOW,HIGH: seconds a phone stays on its page before each reload (default 0,0)",
    )
    parser.add_argument(
        "--activity",
        choices=tuple(ACTIONS),
        default="definitions",
        help="what the room does: tick definitions (default), answer the first situation of "
        "'Is it co-production?', or send a question to the panel",
    )
    parser.add_argument(
        "--no-beacon", action="store_true", help="reloads do not tell the server (killed browser)"
    )
    parser.add_argument(
        "--code", default=None, help="run the server from this copy of coprod-lab (a folder)"
    )
    parser.add_argument(
        "--refill-seconds",
        type=float,
        default=None,
        help="pool_refill_seconds (default: 120 when the pool holds the room, else the setting's)",
    )
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="coprod-load-"))
    url = args.db or f"sqlite:///{home / 'store.sqlite3'}"
    store = connect(url)
    store.upgrade()
    project_id = load_demo(store)
    workshop, _key = workshops.create_workshop(
        store, project_id, "Load test", activity=args.activity, actor="load"
    )
    if args.activity == "definitions":
        made = rounds.add_round(store, workshop.id, "Vote", "approval", actor="load")
        ids = [rounds.add_candidate(store, made.id, t, actor="load").id for t in DEFINITIONS]
        rounds.open_round(store, made.id, actor="load")
        workshops.set_stage(store, workshop.id, "vote", actor="load")
    elif args.activity == "quiz":
        quiz.add_starter_set(store, workshop.id, actor="load")
        situation = quiz.situations_in(store, workshop.id)[0]
        quiz.open_for_answers(store, situation.id, actor="load")
    cards = ballots.make_ballots(store, workshop.id, args.participants, actor="load")

    port = free_port()
    pool = args.room_size if args.room_size is not None else args.participants
    env = {
        **os.environ,
        "COPROD_LAB_DB": url,
        "COPROD_LAB_PORT": str(port),
        "COPROD_LAB_ROOM_SIZE": str(pool),
    }
    if args.code:
        # Put first on the path, so the server and the kernels it forks import that copy.
        env["PYTHONPATH"] = str(Path(args.code).resolve())
    if args.refill_seconds is not None:
        env["COPROD_LAB_POOL_REFILL_SECONDS"] = str(args.refill_seconds)
    elif pool >= args.participants:
        # The pool holds the whole room: refill after it has arrived, not during.
        env["COPROD_LAB_POOL_REFILL_SECONDS"] = "120"
    log = home / "server.log"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "coprod-lab"), "serve", "--no-demo"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
        # `python -m` puts the working folder first on the path: not this checkout, with --code.
        cwd=home if args.code else None,
    )
    memory = Memory(server.pid)
    memory.start()
    began = time.monotonic()
    while "Kernel pool of vote.ipynb is filled" not in log.read_text():
        if server.poll() is not None:
            sys.exit(f"the server stopped:\n{log.read_text()}")
        if pool == 0 and "serving at" in log.read_text():
            time.sleep(3)
            break
        time.sleep(1)
    warm = time.monotonic() - began
    idle_memory = memory.peak
    time.sleep(2.5)  # one more sample, so the CPU the pool took is all counted
    fill_cpu = sum(memory.cpu_seconds())
    base = f"http://127.0.0.1:{port}/"
    # Where the 2 cores went while the room arrived and voted: the server, the kernels, this
    # benchmark's simulated phones (and its memory sampling), and everything else.
    low, high = (float(x) for x in args.reload_after.split(","))
    reload_after = (low, high)
    server_cpu_before, kernels_cpu_before = memory.cpu_seconds()
    sampler_before, mine_before = memory.own_cpu, time.process_time()
    machine_before, room_began = psutil.cpu_times(), time.monotonic()
    try:
        out = asyncio.run(
            room(
                base,
                [c.token for c in cards],
                args.arrive_within,
                args.reloads,
                not args.no_beacon,
                args.activity,
                reload_after,
                args.hold,
            )
        )
    finally:
        room_seconds = time.monotonic() - room_began
        server_cpu, kernels_cpu = memory.cpu_seconds()
        sampler_cpu, mine = memory.own_cpu - sampler_before, time.process_time() - mine_before
        machine = psutil.cpu_times()
        os.killpg(server.pid, signal.SIGTERM)
        memory.running = False
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    by_card = {c.id: n for n, c in enumerate(cards)}
    with store.read() as db:
        if args.activity == "definitions":
            stored = db.execute(
                select(votes.c.ballot_id, votes.c.candidate_id, func.count())
                .where(votes.c.round_id == made.id, votes.c.value == 1)
                .group_by(votes.c.ballot_id, votes.c.candidate_id)
            ).all()
            stored = [(b, ids.index(c), n) for b, c, n in stored]
        elif args.activity == "quiz":
            stored = db.execute(
                select(quiz_answers.c.ballot_id, quiz_answers.c.answer, func.count())
                .where(quiz_answers.c.situation_id == situation.id)
                .group_by(quiz_answers.c.ballot_id, quiz_answers.c.answer)
            ).all()
        else:
            stored = db.execute(
                select(questions.c.ballot_id, questions.c.text, func.count())
                .where(questions.c.workshop_id == workshop.id)
                .group_by(questions.c.ballot_id, questions.c.text)
            ).all()
    kept = {(by_card[b], c) for b, c, _n in stored}
    doubled = sum(n - 1 for _b, _c, n in stored)
    lost = len(out["confirmed"] - kept)

    def ms(values: list[float]) -> str:
        if not values:
            return "none"
        return (
            f"median {statistics.median(values) * 1000:.0f} ms, p95 {p95(values) * 1000:.0f} ms, "
            f"worst {max(values) * 1000:.0f} ms"
        )

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"store: {'PostgreSQL' if url.startswith('postgresql') else 'SQLite'}")
    print(f"activity: {args.activity}")
    print(
        f"participants: {args.participants} arriving within {args.arrive_within:.0f} s; "
        f"preheated pool {pool} kernels, filled in {warm:.0f} s "
        f"({idle_memory / 2**30:.2f} GiB with the pool waiting; server and kernels used "
        f"{fill_cpu:.0f} CPU-seconds, {fill_cpu / max(pool, 1) * 1000:.0f} ms a kernel)"
    )
    print(
        f"reloads per phone: {args.reloads}, each after {reload_after[0]:.0f}-"
        f"{reload_after[1]:.0f} s on the page "
        f"({'with' if not args.no_beacon else 'without'} the browser's shutdown request)"
    )
    print(f"first bytes of the page: {ms(out['first'])} ({len(out['first'])} page loads)")
    print(f"phones shown 'Getting your page ready' first: {out['waited']}")
    print(f"page usable: {ms(out['usable'])} ({len(out['usable'])} page loads)")
    print(f"pages sent without their widgets (a blank page): {out['blank']}")
    print(f"vote saved: {ms(out['saved'])} ({len(out['saved'])} votes)")
    print(
        f"peak memory, server and kernels (PSS): {memory.peak / 2**30:.2f} GiB "
        f"(the server itself {memory.server_at_peak / 2**30:.2f} GiB, "
        f"{memory.kernels} kernels at most)"
    )
    busy = sum(
        getattr(machine, f) - getattr(machine_before, f)
        for f in ("user", "nice", "system", "irq", "softirq")
    )
    loads = max(len(out["first"]), 1)
    server_used, kernels_used = server_cpu - server_cpu_before, kernels_cpu - kernels_cpu_before
    print(
        f"CPU while the room arrived and voted ({room_seconds:.0f} s, "
        f"{os.cpu_count() * room_seconds:.0f} CPU-seconds on hand): "
        f"server {server_used:.1f} s ({server_used / loads * 1000:.0f} ms a page load), "
        f"kernels {kernels_used:.1f} s ({kernels_used / loads * 1000:.0f} ms a page load), "
        f"this benchmark's phones {mine - sampler_cpu:.1f} s and its memory sampling "
        f"{sampler_cpu:.1f} s, whole machine {busy:.0f} s "
        f"(load average at the end {os.getloadavg()[0]:.1f})"
    )
    confirmed = len(out["confirmed"])
    print(f"votes confirmed {confirmed}, stored {len(kept)}, lost {lost}, doubled {doubled}")
    if args.reloads:
        print(
            f"closing pages' shutdown requests: {len(out['beacons'])}, "
            f"failed {out.get('beacons failed', 0)}"
        )
    print(f"errors: {len(out['errors'])}")
    for error in out["errors"][:10]:
        print("  ", error)


if __name__ == "__main__":
    main()
