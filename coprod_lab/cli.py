"""The `coprod-lab` command. Every sub-command has --help; errors are one sentence, no traceback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from coprod_lab.config import describe, setting
from coprod_lab.errors import CoprodLabError
from coprod_lab.store.schema import SESSION_KINDS

VOILA_TEMPLATES = Path(__file__).resolve().parent / "voila"
PAGE_KERNEL = VOILA_TEMPLATES / "page-kernel"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args) or 0
    except CoprodLabError as error:
        print(f"coprod-lab: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as other commands do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coprod-lab",
        description="A workbench for co-production in health and social care.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    serve = commands.add_parser(
        "serve",
        help="serve the Voilà pages (the default for ./run)",
        description="Get the store ready (create or update its tables, add the demo project "
        "when it is empty) and serve the Voilà pages.",
    )
    serve.add_argument("--host", default=None, help="address to serve on (setting: host)")
    serve.add_argument("--port", type=int, default=None, help="port to serve on (setting: port)")
    serve.add_argument(
        "--no-demo", action="store_true", help="do not add the demo project to an empty store"
    )
    serve.set_defaults(run=_serve)

    haproxy = commands.add_parser(
        "haproxy",
        help="write an HAProxy set-up that spreads a room over several servers",
        description="Write haproxy.cfg (and the page shown when no server answers) for several "
        "`coprod-lab serve` servers that share one PostgreSQL store: each browser stays on one "
        "server, servers are checked every few seconds, and nobody is sent to one that does not "
        "answer. Start it with `haproxy -f FOLDER/haproxy.cfg` (Debian: apt-get install "
        "haproxy). Put its address on the QR cards (setting: public_address).",
    )
    haproxy.add_argument(
        "--server",
        action="append",
        required=True,
        metavar="ADDRESS",
        help="a server's address, such as http://10.0.0.2:8866/ (give --server once for each)",
    )
    haproxy.add_argument("--out", default="haproxy", help="folder to write into (default haproxy)")
    haproxy.add_argument("--host", default="0.0.0.0", help="address HAProxy listens on")
    haproxy.add_argument("--port", type=int, default=8860, help="port HAProxy listens on")
    haproxy.add_argument(
        "--check-seconds",
        type=float,
        default=2.0,
        help="how often HAProxy checks that each server answers (default 2)",
    )
    haproxy.set_defaults(run=_haproxy)

    lab = commands.add_parser(
        "lab",
        help="open JupyterLab on the notebooks",
        description="Get the store ready, then open JupyterLab on the notebooks folder.",
    )
    lab.add_argument("--no-demo", action="store_true", help="do not add the demo project")
    lab.add_argument("--port", type=int, default=None, help="port for JupyterLab (default 8888)")
    lab.add_argument(
        "--no-browser", action="store_true", help="do not open a web browser, just serve"
    )
    lab.set_defaults(run=_lab)

    demo = commands.add_parser(
        "demo",
        help="add the fictional demo project to the store",
        description="Add the fictional demo project from data/demo/ (does nothing if it is "
        "already there).",
    )
    demo.set_defaults(run=_demo)

    db = commands.add_parser("db", help="look after the store", description="Look after the store.")
    db_commands = db.add_subparsers(title="commands", metavar="COMMAND")
    upgrade = db_commands.add_parser(
        "upgrade",
        help="create or update the store's tables",
        description="Create the store's tables, or update them to this version of coprod-lab.",
    )
    upgrade.set_defaults(run=_db_upgrade)
    backup = db_commands.add_parser(
        "backup",
        help="copy a SQLite store safely, even while pages are writing",
        description="Copy the SQLite store to PATH as one consistent snapshot, even while "
        "pages are writing to it.",
    )
    backup.add_argument("path", metavar="PATH", help="the new file to write the copy to")
    backup.set_defaults(run=_db_backup)
    db.set_defaults(run=lambda _args: db.print_help() or 2)

    importing = commands.add_parser(
        "import",
        help="import transcripts into the store",
        description="Read transcript files (WebVTT, SRT, Word, Otter, Teams, interviews with a "
        "speaker key, Markdown, CSV or plain text) and store each as a session of a project. "
        "Each speaker is listed with their turns and words; warnings name the file and line. "
        "If any file is bad, nothing is stored.",
    )
    importing.add_argument("files", metavar="FILE", nargs="+", help="transcript files")
    importing.add_argument("--project", required=True, help="the project's name (made if new)")
    importing.add_argument(
        "--new-project",
        action="store_true",
        help="make a new project even if one has a very similar name",
    )
    importing.add_argument(
        "--kind",
        default="other",
        choices=SESSION_KINDS,
        help="what kind of session these were (default: other)",
    )
    importing.add_argument(
        "--session", help="the session's name, for one file (default: the file's name)"
    )
    importing.add_argument(
        "--held-on",
        metavar="YYYY-MM-DD",
        type=_day,
        help="the day the sessions were held, such as 2026-03-14",
    )
    _table_columns(importing)
    importing.set_defaults(run=_import)

    parse = commands.add_parser(
        "parse",
        help="show every turn of a transcript, storing nothing",
        description="Read one transcript file and print every turn whole (its line, time and "
        "speaker), then each speaker's turns and words. Warnings (naming the file and line) "
        "go to standard error. Nothing is stored.",
    )
    parse.add_argument("file", metavar="FILE", help="a transcript file")
    parse.add_argument("--json", action="store_true", help="print a JSON array of records")
    parse.add_argument(
        "--project", help="the project whose participants' names --redact and --pseudonymise use"
    )
    privacy = parse.add_mutually_exclusive_group()
    privacy.add_argument(
        "--redact",
        metavar="KEY_FILE",
        help="replace personal details with placeholders, and write the key that undoes it "
        "to KEY_FILE (keep it apart from the output)",
    )
    privacy.add_argument(
        "--pseudonymise",
        action="store_true",
        help="replace every speaker's name with a made-up one (participants' pseudonyms with "
        "--project, 'Speaker n' for anyone else) and hide other names and numbers in the text",
    )
    _table_columns(parse)
    parse.set_defaults(run=_parse)

    workshop = commands.add_parser(
        "workshop",
        help="start a definitions workshop, or get a new facilitator link for one",
        description="`workshop new TITLE` makes a workshop for a room to build and vote on "
        "definitions; `workshop key TITLE` gives an existing workshop a new facilitator link "
        "(the old one stops working). Both say which project the workshop is in, and print the "
        "room code and the links. On a fresh store `workshop new` makes the tables. Without "
        "--project a new workshop goes in the project called 'Definition workshops' (made if "
        "there is none), never in another project. With `--activity quiz` the room answers "
        "'Is it co-production?' (starting with the shipped situations); with `--activity "
        "questions` it asks a panel questions.",
    )
    workshop.add_argument("action", choices=("new", "key"), help="new or key")
    workshop.add_argument("title", metavar="TITLE", help="the workshop's name")
    workshop.add_argument(
        "--project",
        default=None,
        help="the project's name, made if new, as with import (default for new: 'Definition "
        "workshops'; for key: the project that has a workshop called TITLE)",
    )
    workshop.add_argument(
        "--new-project",
        action="store_true",
        help="with new: make a new project even if one has a very similar name",
    )
    workshop.add_argument(
        "--address",
        default=None,
        help="the address people reach the pages at, e.g. https://vote.example.org/ "
        "(default: the public_address setting, or http://HOST:PORT/)",
    )
    workshop.add_argument(
        "--activity",
        choices=("definitions", "quiz", "questions"),
        default="definitions",
        help="what the room does (with new): build definitions (the default), the 'Is it "
        "co-production?' quiz, or questions for a panel",
    )
    workshop.set_defaults(run=_workshop)

    panel = commands.add_parser(
        "panel",
        help="start a co-produced recruitment panel, or get a new chair's link for one",
        description="`panel new TITLE` makes an interview panel where people who use a service "
        "and staff rate candidates' answers together, with a personal card for each member; "
        "`panel key TITLE` gives an existing panel a new chair's link (the old one stops "
        "working); `panel erase TITLE --candidate LETTER` removes a candidate and everything "
        "about them. New and key print the chair's link and the members' links.",
    )
    panel.add_argument("action", choices=("new", "key", "erase"), help="new, key or erase")
    panel.add_argument("title", metavar="TITLE", help="the panel's name")
    panel.add_argument("--job", default="", help="the job the panel is recruiting for")
    panel.add_argument(
        "--lived-experience",
        type=int,
        default=0,
        metavar="N",
        help="with new: make N cards for members with lived experience",
    )
    panel.add_argument(
        "--staff", type=int, default=0, metavar="N", help="with new: make N cards for staff"
    )
    panel.add_argument(
        "--candidate", default=None, help="with erase: the candidate's letter, e.g. A"
    )
    panel.add_argument(
        "--project",
        default=None,
        help="the project's name, made if new (default: the store's only project, or a new "
        "project on an empty store; with several projects, say which)",
    )
    panel.add_argument(
        "--address",
        default=None,
        help="the address people reach the pages at (default: the public_address setting, "
        "or http://HOST:PORT/)",
    )
    panel.set_defaults(run=_panel)
    coanalysis = commands.add_parser(
        "coanalysis",
        help="open sessions for co-analysis and invite co-analysts with personal links",
        description="`coanalysis open SESSION` opens a session for co-analysis (only turns whose "
        "speakers consented to sharing are shown, with made-up names); `coanalysis close "
        "SESSION` closes it; `coanalysis invite NAME...` invites co-analysts by the names they "
        "will code under and prints each one's personal links; `coanalysis links` prints the "
        "links of everyone invited.",
    )
    coanalysis.add_argument(
        "action", choices=("open", "close", "invite", "links"), help="open, close, invite or links"
    )
    coanalysis.add_argument(
        "names", metavar="NAME", nargs="*", help="the session's title, or co-analysts' names"
    )
    coanalysis.add_argument(
        "--project",
        default=None,
        help="the project's name (default: the store's only project; with several, say which)",
    )
    coanalysis.add_argument(
        "--address",
        default=None,
        help="the address people reach the pages at (default: the public_address setting, or "
        "http://HOST:PORT/)",
    )
    coanalysis.set_defaults(run=_coanalysis)

    export = commands.add_parser(
        "export",
        help="write a project for other tools (.qdpx, .xlsx, CSV) or as a report (.html)",
        description="Write a project's participants, sessions, turns, codes and coding for other "
        "tools. FILE ending in .qdpx: a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA or "
        "QualCoder. Ending in .xlsx: an Excel workbook, one sheet per table. Ending in .html: "
        "a plain-English report (who took part, who spoke how much, themes with quotes, "
        "definitions voted on, ladder ratings). Anything else: a folder of CSV files. "
        "Pseudonyms are used unless --real-names is given.",
    )
    export.add_argument("project", metavar="PROJECT", help="the project's name")
    export.add_argument("file", metavar="FILE", help="the .qdpx, .xlsx or .html file, or a folder")
    export.add_argument(
        "--real-names", action="store_true", help="use people's names instead of pseudonyms"
    )
    export.add_argument(
        "--session", metavar="TITLE", help="report on this session only (.html only)"
    )
    export.set_defaults(run=_export)

    import_project = commands.add_parser(
        "import-project",
        help="add a project from a REFI-QDA file (.qdpx) coprod-lab wrote",
        description="Add the project in a .qdpx file written by `coprod-lab export` as a new "
        "project. The file is checked against the REFI-QDA schema first; a bad file changes "
        "nothing.",
    )
    import_project.add_argument("file", metavar="FILE.qdpx", help="the .qdpx file")
    import_project.add_argument("--name", help="a name for the project (default: its own)")
    import_project.set_defaults(run=_import_project)

    jargon = commands.add_parser(
        "jargon",
        help="check a document or transcript for plain English",
        description="Check a .txt, .md or .docx file for acronyms, jargon, rare words, long "
        "sentences and US spellings, and print a summary with each finding. Nothing is stored.",
    )
    jargon.add_argument("file", metavar="FILE", help="the file to check")
    jargon.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: words, rare share, score, readability and the findings",
    )
    jargon.add_argument(
        "--transcript",
        action="store_true",
        help="FILE is a transcript: add jargon by speaker and by role, and the terms people "
        "with lived experience asked about",
    )
    jargon.add_argument(
        "--project",
        help="also use this project's own glossary, and the roles of the speakers mapped in it",
    )
    jargon.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="SPEAKER=ROLE",
        help="with --transcript, a speaker's role as written in the file's marks, for example "
        '--role "PS=lived experience" --role DM=professional (roles: lived experience, '
        "professional, facilitator, other); given roles win over the project's",
    )
    jargon.add_argument(
        "--real-names",
        action="store_true",
        help="show speakers' real names (by default each has a made-up one, as with parse "
        "--pseudonymise, and other names in quoted words are hidden)",
    )
    jargon.set_defaults(run=_jargon)

    themes = commands.add_parser(
        "themes",
        help="find the themes in a transcript, or in a column of text in a CSV file",
        description="Group texts into themes, and print each theme's label, top terms, size and "
        "three quotes. FILE is a transcript in any format `parse` reads (each turn is one "
        "text, speakers have made-up names unless --real-names), or a CSV file with the texts "
        "in the column --text-column names. Rows are numbered from 1 (the first row after the "
        "header, or the first turn). Nothing is stored.",
    )
    themes.add_argument("file", metavar="FILE", help="a transcript, or a CSV file of texts")
    themes.add_argument("--text-column", help="for a CSV file of texts: the column with the texts")
    themes.add_argument("--k", type=int, default=None, help="how many themes (default: chosen)")
    themes.add_argument("--speaker-column", help="a column with the speaker, for quotes and shares")
    themes.add_argument("--role-column", help="a column with each speaker's role, for shares")
    themes.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
    themes.add_argument(
        "--real-names",
        action="store_true",
        help="show a transcript's speakers' real names (by default each has a made-up one)",
    )
    themes.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per line: each row (row, theme_id, theme_label), then "
        "each theme, then a summary (why this many themes, stability)",
    )
    themes.set_defaults(run=_themes)

    config = commands.add_parser(
        "config",
        help="list every setting with its value and help",
        description="List every setting: its name, environment variable, value and help.",
    )
    config.add_argument("--json", action="store_true", help="print JSON instead of text")
    config.set_defaults(run=_config)
    return parser


def _table_columns(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--speaker-column", help="for a CSV file: the column with the speaker (default: speaker)"
    )
    command.add_argument(
        "--text-column", help="for a CSV file: the column with the words (default: text)"
    )


# --- commands -------------------------------------------------------------------------------


def _ready_store(*, demo: bool):
    from coprod_lab.store import connect

    store = connect()
    with store.one_setup_at_a_time():
        store.upgrade()
        if demo and store.is_empty():
            from coprod_lab.coanalysis.demo import add_demo_coanalysis
            from coprod_lab.demo import load_demo

            add_demo_coanalysis(store, load_demo(store))
            print("Added the demo project to the empty store.", file=sys.stderr)
    return store


def _serve(args: argparse.Namespace) -> int:
    store = _ready_store(demo=not args.no_demo)
    host = args.host or setting("host")
    port = args.port or setting("port")
    apps = Path(setting("notebooks")) / "apps"
    env = _voila_environment(store)
    # The pages' own kernel (see page_kernel.py), for `serve` only: JupyterLab keeps the usual.
    env["JUPYTER_PATH"] = os.pathsep.join((str(PAGE_KERNEL), env["JUPYTER_PATH"]))
    command = [
        sys.executable,
        "-m",
        "voila",
        str(apps),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        "--template=coprod",
        "--strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        *kernel_options(),
    ]
    print(f"coprod-lab is serving at http://{host}:{port}/ (store: {store.describe()})")
    print("Press Ctrl+C to stop.", flush=True)
    os.execvpe(command[0], command, env)
    return 0  # not reached


def _haproxy(args: argparse.Namespace) -> int:
    from coprod_lab.balancer import write_haproxy

    config = write_haproxy(
        args.server,
        Path(args.out),
        host=args.host,
        port=args.port,
        check_seconds=args.check_seconds,
    )
    print(f"Wrote {config} and {config.parent / 'please-wait.http'}.")
    print(f"Start it with: haproxy -f {config}")
    return 0


PARTICIPANT_PAGE = "vote.ipynb"
CHECK_GONE_SECONDS = 15


def kernel_options() -> list[str]:
    """Voilà's kernel settings: a preheated pool for the voting page, culling for all.

    Only the participants' page gets a pool (the room size); other pages start their kernel
    when opened. A pooled kernel runs the page up to the point where it reads the address
    (`coprod_lab.widgets.request`), so a person arriving gets a page that is ready at once.
    A kernel no browser has been connected to for `stop_gone_seconds` is stopped (checked
    every CHECK_GONE_SECONDS); a connected page is never stopped, however long it is idle.
    """
    pools = {"default": {"pool_size": 0}, PARTICIPANT_PAGE: {"pool_size": setting("room_size")}}
    options = [
        "--VoilaConfiguration.multi_kernel_manager_class=coprod_lab.kernels.StartFewAtATime",
        "--ServerKernelManager.client_class=coprod_lab.kernels.PageClient",
        "--ServerKernelManager.autorestart=False",
        "--preheat_kernel=True",
        f"--VoilaKernelManager.kernel_pools_config={json.dumps(pools)}",
        f"--VoilaKernelManager.fill_delay={setting('pool_refill_seconds')}",
    ]
    gone = setting("stop_gone_seconds")
    if gone > 0:
        options += [
            f"--StartFewAtATime.stop_gone_seconds={gone}",
            # Jupyter's culler calls our cull_kernel_if_idle (see kernels.py) every
            # cull_interval seconds; it runs only when cull_idle_timeout is above 0.
            f"--MappingKernelManager.cull_idle_timeout={max(round(gone), 1)}",
            f"--MappingKernelManager.cull_interval={CHECK_GONE_SECONDS}",
        ]
    return options


def _voila_environment(store) -> dict[str, str]:
    # Kernels are child processes: they find the same store through COPROD_LAB_DB, and Voilà
    # finds our page template through JUPYTER_PATH.
    env = dict(os.environ)
    # A request's query belongs to one page. Inherited by the server (a test run that set it,
    # a CGI wrapper), every preheated page kernel would take it for its own request and not
    # wait for the real one: each personal link read as the same, wrong one (seen in a test
    # run: twenty phones all told "That personal link did not work").
    env.pop("QUERY_STRING", None)
    env["COPROD_LAB_DB"] = store.url.render_as_string(hide_password=False)
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(VOILA_TEMPLATES), env.get("JUPYTER_PATH", "")) if p
    )
    return env


def _lab(args: argparse.Namespace) -> int:
    store = _ready_store(demo=not args.no_demo)
    env = _voila_environment(store)
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--notebook-dir={setting('notebooks')}",
        f"--ServerApp.ip={setting('host')}",
    ]
    if args.port:
        command.append(f"--port={args.port}")
    if args.no_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Containers and CI machines often run as root; JupyterLab refuses that unless told.
        command.append("--allow-root")
    os.execvpe(command[0], command, env)
    return 0  # not reached


def _demo(_args: argparse.Namespace) -> int:
    from coprod_lab.demo import load_demo
    from coprod_lab.store import connect

    store = connect()
    store.check()
    project_id = load_demo(store)
    from coprod_lab.coanalysis.demo import add_demo_coanalysis

    add_demo_coanalysis(store, project_id)
    print(f"The demo project is in the store (project number {project_id}).")
    return 0


def _db_upgrade(_args: argparse.Namespace) -> int:
    from coprod_lab.store import connect

    store = connect()
    before = store.schema_state()
    store.upgrade()
    said = {
        "empty": "Made a new store at {where}, with every table.",
        "behind": "Brought the store at {where} up to date.",
    }.get(before, "The store at {where} was already up to date; nothing was changed.")
    print(said.format(where=store.describe()))
    return 0


def _db_backup(args: argparse.Namespace) -> int:
    from coprod_lab.store import connect

    target = connect().backup(args.path)
    print(f"Backed up the store to {target}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from coprod_lab.store import connect
    from coprod_lab.transcripts import read_transcript
    from coprod_lab.transcripts.importing import import_transcripts
    from coprod_lab.transcripts.preview import speaker_lines

    if args.session and len(args.files) > 1:
        raise CoprodLabError("--session names one session: give it with one file at a time.")
    # Every file is read before anything is stored: one bad file stores nothing.
    tables = [
        read_transcript(
            f,
            session=args.session,
            speaker_column=args.speaker_column,
            text_column=args.text_column,
        )
        for f in args.files
    ]
    from coprod_lab.overview import list_projects
    from coprod_lab.transcripts.importing import ProjectNameClose, SessionExists

    store = connect()
    store.check()
    existed = args.project in {name for _id, name in list_projects(store)}
    try:
        summaries = import_transcripts(
            store,
            tables,
            project=args.project,
            kind=args.kind,
            held_on=args.held_on,
            new_project=args.new_project,
        )
    except (SessionExists, ProjectNameClose) as error:
        raise CoprodLabError(error.for_command_line()) from None
    for summary, table in zip(summaries, tables, strict=True):
        print(summary.describe())
        # Each speaker with their turns, so a missing interviewee shows at a glance.
        print("\n".join(speaker_lines(table)))
        _print_warnings(table)
    if not existed:
        print(f"Made a new project called {args.project!r}.")
    return 0


def _print_warnings(table) -> None:
    from coprod_lab.transcripts.preview import warning_lines

    for line in warning_lines(table):
        print(line, file=sys.stderr)


def _day(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as year-month-day, such as 2026-03-14"
        ) from None


def _parse(args: argparse.Namespace) -> int:
    from coprod_lab.transcripts import read_transcript

    table = read_transcript(
        args.file, speaker_column=args.speaker_column, text_column=args.text_column
    )
    # Warnings go to stderr, so `--json` output stays a clean JSON array.
    _print_warnings(table)
    if args.redact or args.pseudonymise:
        table = _protect(table, args)
    if args.json:
        # NaN (a time not known) becomes null, as JSON has no NaN.
        print(table.to_json(orient="records", force_ascii=False, indent=1))
    else:
        from coprod_lab.transcripts.preview import format_name, speaker_lines, turn_lines

        # Every turn whole: a researcher checks the reading against the file, so nothing is cut.
        print("\n".join(turn_lines(table)))
        print(f"\nRead as: {format_name(table)}. Speakers:")
        print("\n".join(speaker_lines(table)))
    return 0


def _protect(table, args: argparse.Namespace):
    from coprod_lab.privacy.people import (
        describe_hidden,
        person_numbers,
        pseudonymise,
        pseudonyms,
        redact_transcript,
        save_key,
        speakers_known,
        speakers_made_up,
    )

    store, project_id = _project_by_name(args.project) if args.project else (None, None)
    if args.pseudonymise:
        own = pseudonyms(store, project_id) if project_id is not None else {}
        known = speakers_known(store, project_id) if project_id is not None else {}
        names = speakers_made_up(table, own, known)
        out = pseudonymise(table, names, free_text=("text",), file_names=("session", "source"))
        if known:
            out["role"] = [
                known[s][1] if s in known else r
                for s, r in zip(table["speaker"], table["role"], strict=True)
            ]
        return out
    names = person_numbers(store, project_id) if project_id is not None else {}
    known = speakers_known(store, project_id) if project_id is not None else {}
    redacted, key = redact_transcript(table, names, known=known)
    save_key(key, args.redact)
    print(describe_hidden(redacted.attrs["hidden"]), file=sys.stderr)
    print(f"The key is in {args.redact}; keep it apart from the redacted text.", file=sys.stderr)
    return redacted


def _project_by_name(name: str):
    from coprod_lab.overview import project_named
    from coprod_lab.store import connect

    store = connect()
    store.check()
    return store, project_named(store, name)


def _export(args: argparse.Namespace) -> int:
    from coprod_lab.exports import export_qdpx, project_tables, write_csv, write_excel

    target = Path(args.file)
    suffix = target.suffix.lower()
    # A name with any other ending is a slip ("out.pdf", "out.xslx"), not a folder wanted.
    if suffix and suffix not in (".html", ".htm", ".qdpx", ".xlsx") and not target.is_dir():
        raise CoprodLabError(
            f"{target}: coprod-lab cannot write a {suffix} file. Name a file ending in .html "
            "(the report), .xlsx (Excel), .qdpx (NVivo, ATLAS.ti, MAXQDA, QualCoder), or a "
            "folder with no ending for CSV files. Nothing was written."
        )
    store, project_id = _project_by_name(args.project)
    if args.session and target.suffix.lower() not in (".html", ".htm"):
        raise CoprodLabError("--session is for reports: give a FILE ending in .html.")
    if target.suffix.lower() in (".html", ".htm"):
        from coprod_lab.exports.report import session_named, write_report

        session_id = session_named(store, project_id, args.session) if args.session else None
        write_report(store, project_id, target, session_id=session_id, real_names=args.real_names)
        print(f"Wrote the report {target}.")
    elif target.suffix.lower() == ".qdpx":
        export_qdpx(store, project_id, target, real_names=args.real_names)
        print(f"Wrote {target} (REFI-QDA, checked against the schema).")
    elif target.suffix.lower() == ".xlsx":
        write_excel(project_tables(store, project_id, real_names=args.real_names), target)
        print(f"Wrote {target}.")
    else:
        written = write_csv(project_tables(store, project_id, real_names=args.real_names), target)
        print(f"Wrote {len(written)} CSV files to {target}.")
    return 0


def _import_project(args: argparse.Namespace) -> int:
    from coprod_lab.exports import import_qdpx
    from coprod_lab.store import connect

    store = connect()
    store.check()
    project_id = import_qdpx(store, args.file, actor="coprod-lab import-project", name=args.name)
    print(f"Added the project as number {project_id}.")
    return 0


def _workshop(args: argparse.Namespace) -> int:
    from coprod_lab.definitions import workshops

    # Works on a fresh store: the tables are made or brought up to date first (safe to
    # repeat), and a workshop with no project to go in gets one.
    store = _ready_store(demo=False)
    actor = "coprod-lab workshop command"
    if args.action == "new":
        chosen = workshops.workshop_project(
            store, args.project, new_project=args.new_project, actor=actor
        )
        if chosen.made:
            print(f"Made the project {chosen.name!r}.")
        found, key = workshops.create_workshop(
            store, chosen.id, args.title, activity=args.activity, actor=actor
        )
        project = chosen.name
        if args.activity == "quiz":
            from coprod_lab.activities import quiz

            added = quiz.add_starter_set(store, found.id, actor=actor)
            print(f"Added {added} situations to start with; change them on the facilitator page.")
    else:
        project_id = _project_by_name(args.project)[1] if args.project else None
        found = workshops.find_workshop(store, args.title, project_id)
        key = workshops.new_facilitator_key(store, found.id, actor=actor)
        project = dict(_project_names(store))[found.project_id]
    pages = _pages(args.address)
    board = workshops.board_key(store, found.id, key)
    print(f"Project: {project}")
    print(f"Workshop: {found.title}")
    print(f"Room code: {found.room_code}")
    print(f"Participants: {pages}vote.ipynb?room={found.room_code}")
    print(f"Facilitator (keep private): {pages}facilitate.ipynb?key={key}")
    print(f"Results board (view only, fine to show): {pages}results-board.ipynb?board={board}")
    if args.action == "new" and args.project is None and chosen.others:
        others = ", ".join(map(repr, chosen.others))
        print(
            f"It is in {project!r}, as no --project was given. The other projects are "
            f"{others}: to put a workshop in one of them, give --project NAME."
        )
    return 0


def _project_names(store) -> list[tuple[int, str]]:
    from coprod_lab.overview import list_projects

    return list_projects(store)


def _pages(address: str | None) -> str:
    """Where people reach the Voilà pages, ending in "/voila/render/": `--address`, else the
    public_address setting, else this server's host and port."""
    address = address or setting("public_address") or f"http://{setting('host')}:{setting('port')}/"
    return address.rstrip("/") + "/voila/render/"


def _panel(args: argparse.Namespace) -> int:
    from coprod_lab.definitions import workshops
    from coprod_lab.recruitment import panels

    store = _ready_store(demo=False)
    actor = "coprod-lab panel command"
    if args.action == "new":
        project_id = None if args.project else _the_project(store, None)
        if project_id is None:  # named (made if new), or the first on an empty store
            project_id, made = workshops.project_for_workshop(store, args.project, actor=actor)
            if made:
                print(f"Made the project {args.project or workshops.FIRST_PROJECT!r}.")
        found, key = panels.create_panel(store, project_id, args.title, job=args.job, actor=actor)
        roles = ["lived_experience"] * args.lived_experience + ["professional"] * args.staff
        if roles:
            panels.make_members(store, found.id, roles, actor=actor)
    else:
        project_id = _the_project(store, args.project)
        if project_id is None:
            raise CoprodLabError("There is no project yet, so there is no panel.")
        found = next(
            (p for p in panels.panels_in(store, project_id) if p.title == args.title), None
        )
        if found is None:
            raise CoprodLabError(f"There is no panel called {args.title!r} in that project.")
        if args.action == "erase":
            return _erase_candidate(store, found, args.candidate, actor)
        key = workshops.new_facilitator_key(store, found.workshop_id, actor=actor)
    page = _pages(args.address) + "interview-panel.ipynb"
    print(f"Panel: {found.title}")
    print(f"Chair (keep private): {page}?key={key}")
    for member in panels.members_of(store, found.id):
        role = panels.MEMBER_ROLES[member.role].lower()
        print(f"{member.label} ({role}): {page}?card={member.token}")
    return 0


def _the_project(store, name: str | None) -> int | None:
    """The project `--project` names; with no name, the store's only project (None on an empty
    store). Raises CoprodLabError listing the projects when there are several: choosing the
    first by name once put work into the wrong project."""
    from coprod_lab.overview import list_projects

    if name:
        return _project_by_name(name)[1]
    found = list_projects(store)
    if len(found) > 1:
        names = ", ".join(repr(n) for _id, n in found)
        raise CoprodLabError(
            f"There are {len(found)} projects ({names}); say which one with --project NAME. "
            "Nothing was changed."
        )
    return found[0][0] if found else None


def _erase_candidate(store, panel, letter: str | None, actor: str) -> int:
    from coprod_lab.privacy.people import erase_candidate
    from coprod_lab.recruitment import panels

    if not letter:
        raise CoprodLabError("Say which candidate to erase: --candidate A")
    label = f"Candidate {letter.strip().removeprefix('Candidate ').strip().upper()}"
    found = next((c for c in panels.candidates_of(store, panel.id) if c.label == label), None)
    if found is None:
        raise CoprodLabError(f"There is no {label} on the panel {panel.title!r}.")
    erase_candidate(store, found.id, actor=actor)
    print(f"Erased {label} and every rating and note about them.")
    return 0


def _coanalysis(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from coprod_lab.coanalysis import invitations, opening
    from coprod_lab.store.schema import projects, sessions

    store = _ready_store(demo=False)
    actor = "coprod-lab coanalysis command"
    project_id = _the_project(store, args.project)
    if project_id is None:
        raise CoprodLabError("There is no project yet: import a transcript first.")
    if args.action in ("open", "close"):
        if len(args.names) != 1:
            raise CoprodLabError(f"Say which one session to {args.action}, by its title.")
        with store.read() as db:
            session_id = db.scalar(
                select(sessions.c.id).where(
                    sessions.c.project_id == project_id, sessions.c.title == args.names[0]
                )
            )
        if session_id is None:
            with store.read() as db:
                project = db.scalar(select(projects.c.name).where(projects.c.id == project_id))
            raise CoprodLabError(
                f"There is no session called {args.names[0]!r} in the project {project!r}. "
                "Another project? Say which with --project NAME."
            )
        if args.action == "open":
            print("Looking for names of people who are not participants in its words…")
            opening.open_for_coanalysis(store, session_id, actor=actor)
            print(f"Opened {args.names[0]!r} for co-analysis.")
        else:
            opening.close_coanalysis(store, session_id, actor=actor)
            print(f"Closed {args.names[0]!r} to co-analysts; their coding stays.")
        return 0
    if args.action == "invite":
        people = invitations.invite(store, project_id, args.names, actor=actor)
    else:
        people = invitations.coanalysts_in(store, project_id)
    pages = _pages(args.address)
    open_now = [title for _sid, title in opening.open_sessions(store, project_id)]
    print(f"Open for co-analysis: {', '.join(open_now) or 'nothing yet'}")
    for who in people:
        print(f"{who.name} (keep private, give only to them):")
        print(f"  coding: {pages}co--analysis-coding.ipynb?coanalyst={who.token}")
        print(f"  together: {pages}co--analysis-together.ipynb?coanalyst={who.token}")
    return 0


def _jargon(args: argparse.Namespace) -> int:
    from coprod_lab.jargon import check_text, shipped_glossary
    from coprod_lab.jargon.check import explained_terms
    from coprod_lab.jargon.excerpts import without_names

    glossary = shipped_glossary()
    found_project = None
    if args.project:
        from coprod_lab.jargon.project_glossary import project_glossary

        found_project = _project_by_name(args.project)
        glossary = project_glossary(*found_project)
    extra: dict = {}
    tables: dict = {}
    line_of = None
    if args.transcript:
        from coprod_lab.jargon.in_transcripts import asked_about, jargon_by_role, jargon_by_speaker
        from coprod_lab.transcripts import read_transcript
        from coprod_lab.transcripts.preview import warning_lines

        table = read_transcript(args.file)
        # What the reader could not place for certain, with file and line, as `parse` says it.
        warnings = warning_lines(table)
        if found_project is not None:
            table = _with_project_roles(table, *found_project)
        table = _with_given_roles(table, args.role, args.file)
        text = "\n\n".join(table["text"])
        speakers = table["speaker"].dropna().unique().tolist()
        tables = {
            "by_speaker": jargon_by_speaker(table, glossary),
            "by_role": jargon_by_role(table, glossary),
            "asked_about": asked_about(table, glossary),
        }
        line_of = _transcript_lines(table, args.file)
    else:
        from coprod_lab.jargon.documents import read_document

        text = read_document(args.file)
        speakers = []
        warnings = []
    report = check_text(text, glossary, speakers=speakers)
    if not args.real_names:
        made_up = _made_up_speakers(args, speakers)
        report = without_names(report, text, made_up)
        tables = _tables_without_names(tables, made_up)
        if warnings:
            import pandas as pd

            from coprod_lab.privacy.people import pseudonymise

            # The warnings name speakers too: with made-up names, theirs are made up as well.
            said = pseudonymise(pd.DataFrame({"warning": warnings}), made_up)
            warnings = said["warning"].tolist()
    for warning in warnings:
        print(warning, file=sys.stderr)
    extra = {name: t.to_dict(orient="records") for name, t in tables.items()}

    def line(start: int) -> int:
        # A transcript's turns are joined for the check: its own file lines are found again.
        return line_of(start) if line_of else text.count("\n", 0, start) + 1

    if args.json:
        out = report.to_dict()
        for finding, f in zip(out["findings"], report.findings, strict=True):
            finding["line"] = line(f.start)
        print(json.dumps({"file": args.file, **out, **extra}, ensure_ascii=False))
        return 0

    def one_line(term: str) -> str:
        # A term the text wraps across lines ("deferred\n  payment agreement") is printed
        # on one line, with single spaces.
        return " ".join(term.split())

    print(report.summary())
    for f in report.findings:
        if not f.repeat:  # a term to explain is listed where it is first used
            print(f"  line {line(f.start)}: {one_line(f.term)!r} ({f.kind}): {f.suggestion}")
    # Short forms are listed above with their meaning; the summary counts the rest.
    short = {f.term for f in report.findings if f.kind == "acronym"}
    explained = [(t, m) for t, m in explained_terms(report) if t not in short]
    if explained:
        print("Words to keep and explain the first time:")
        for term, meaning in explained:
            print(f"  {one_line(term)}: {meaning}")
    headings = {
        "by_speaker": "Jargon by speaker (per 100 words; said_back: quoted, asked or repeated):",
        "by_role": "Jargon by role:",
        "asked_about": "Words people with lived experience asked about:",
    }
    for name, found in tables.items():
        print()
        print(headings[name])
        print(found.to_string(index=False) if len(found) else "  none")
    if tables and not args.real_names:
        print()
        print("Speakers have made-up names; add --real-names to show their own.")
    if tables and (table["role"].fillna("unknown") == "unknown").all():
        print()
        print(
            "Every speaker's role is unknown, so nobody's questions can be found: give them "
            'with --role, for example --role "PS=lived experience", or with --project.'
        )
    elif args.role and not args.transcript:
        print("--role is for transcripts: add --transcript.", file=sys.stderr)
    return 0


def _transcript_lines(table, path: str):
    """A function from a place in the turns joined by blank lines (as `_jargon` checks them)
    to the line of the transcript file it came from."""
    from bisect import bisect_right

    from coprod_lab.transcripts.positions import FileLines

    lines = FileLines(table, path)
    starts, at = [], 0
    for words in table["text"]:
        starts.append(at)
        at += len(words) + 2

    def line(start: int) -> int:
        row = bisect_right(starts, start) - 1
        return lines.line(row, max(start - starts[row], 0))

    return line


def _tables_without_names(tables: dict, made_up: dict[str, str]) -> dict:
    """The by-speaker and asked-about tables with made-up names: speakers as `made_up` says,
    other names in the questions quoted hidden as in parse --pseudonymise."""
    from coprod_lab.privacy.people import pseudonymise

    out = dict(tables)
    if "by_speaker" in out:
        out["by_speaker"] = pseudonymise(out["by_speaker"], made_up)
    if "asked_about" in out and len(out["asked_about"]):
        out["asked_about"] = pseudonymise(
            out["asked_about"], made_up, free_text=("question",), file_names=("session",)
        )
    return out


def _made_up_speakers(args: argparse.Namespace, speakers: list) -> dict[str, str]:
    """Made-up names for the people a checked text may name: with --project, its participants
    and mapped speakers; a transcript's other speakers are "Speaker n"."""
    import pandas as pd

    from coprod_lab.privacy.people import pseudonyms, speakers_known, speakers_made_up

    own: dict[str, str] = {}
    known: dict = {}
    if args.project:
        store, project_id = _project_by_name(args.project)
        own, known = pseudonyms(store, project_id), speakers_known(store, project_id)
    return speakers_made_up(pd.DataFrame({"speaker": speakers}), own, known)


def _with_given_roles(table, given: list[str], path: str):
    """The transcript with the roles given as `SPEAKER=ROLE`. Raises CoprodLabError, naming
    the speakers the file has, for a speaker it does not have or a role that is not one."""
    from coprod_lab.store.schema import PARTICIPANT_ROLES

    if not given:
        return table
    speakers = [str(s) for s in table["speaker"].dropna().unique()]
    marks = table.attrs.get("speaker_marks", {})  # "SK" -> "Sarah Khan", from a speaker key
    roles = {}
    for item in given:
        speaker, sep, role = item.partition("=")
        speaker, role = speaker.strip(), role.strip().lower()
        speaker = marks.get(speaker, speaker)
        code = "_".join(role.replace("-", " ").split())
        if not sep or not speaker:
            raise CoprodLabError(
                f"Give a role as SPEAKER=ROLE, for example PS=professional, not {item!r}."
            )
        if speaker not in speakers:
            raise CoprodLabError(
                f"{path} has no speaker {speaker!r}; its speakers are {', '.join(speakers)}."
            )
        if code not in PARTICIPANT_ROLES:
            raise CoprodLabError(
                f"{role!r} is not a role; use lived experience, professional, facilitator or other."
            )
        roles[speaker] = code
    out = table.copy()
    out["role"] = [
        roles.get(str(speaker), role)
        for speaker, role in zip(out["speaker"], out["role"], strict=True)
    ]
    return out


def _with_project_roles(table, store, project_id: int):
    """The transcript with each speaker's role as mapped in the project (unknown if not)."""
    from coprod_lab.transcripts.speakers import known_speakers, person_for

    with store.read() as db:
        people = known_speakers(db, project_id)
    out = table.copy()
    out["role"] = [
        (person_for(people, str(speaker)) or (None, role))[1]
        for speaker, role in zip(out["speaker"], out["role"], strict=True)
    ]
    return out


def _themes(args: argparse.Namespace) -> int:
    from coprod_lab.themes.reading import read_documents
    from coprod_lab.themes.result import find_themes

    texts = read_documents(
        args.file,
        args.text_column,
        args.speaker_column,
        args.role_column,
        real_names=args.real_names,
    )
    for note in texts.notes:
        print(note, file=sys.stderr)
    table = texts.table
    found = find_themes(
        table,
        texts.text_column,
        speaker_column=texts.speaker_column,
        role_column=texts.role_column,
        n_themes=args.k,
        random_state=args.seed,
    )
    print(f"Read {args.file} as a {texts.read_as}: {len(table)} texts.", file=sys.stderr)
    if texts.text_column == "text" and texts.speaker_column and not args.real_names:
        print("Speakers have made-up names; add --real-names to show their own.", file=sys.stderr)
    summary = {
        "read_as": texts.read_as,
        "rows": len(table),
        "themes": len(found.themes),
        "unclustered": found.unclustered,
        "short_replies": found.short_replies,
        "why_this_many": found.reason,
        "stability": {
            "runs": found.stability.runs,
            "mean_adjusted_rand_index": round(found.stability.mean_ari, 3),
            "lowest_adjusted_rand_index": round(found.stability.lowest_ari, 3),
            "advice": found.stability.advice,
        },
    }
    if not args.json:
        print(found.table().drop(columns="quotes").to_string(index=False, max_colwidth=50))
        print(found.reason)
        print(found.stability)
        if found.unclustered:
            print(f"{found.unclustered} rows are unclustered: they have no words.")
        return 0
    for record in found.rows().to_dict(orient="records"):
        row = {k: record[k] for k in ("row", "theme_id", "theme_label")}
        if record["unclustered_because"]:
            row["unclustered_because"] = record["unclustered_because"]
        print(json.dumps(row, ensure_ascii=False, default=int))
    for theme in found.themes:
        print(
            json.dumps(
                {
                    "theme_id": theme.id,
                    "theme_label": theme.label,
                    "size": theme.size,
                    "share": round(theme.share, 4),
                    "top_terms": theme.terms,
                    "quotes": [vars(q) for q in theme.quotes],
                    "by_role": {k: round(v, 4) for k, v in theme.by_role.items()},
                },
                ensure_ascii=False,
            )
        )
    print(json.dumps({"summary": summary}, ensure_ascii=False))
    return 0


def _config(args: argparse.Namespace) -> int:
    settings = describe()
    if args.json:
        print(json.dumps(settings, indent=2, default=str))
        return 0
    for s in settings:
        print(f"{s['name']} = {s['value']}")
        print(f"    environment variable: {s['env']}")
        print(f"    {s['help']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
