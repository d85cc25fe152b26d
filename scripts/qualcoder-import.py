"""Open a coprod-lab .qdpx with QualCoder's own REFI-QDA importer and print what it kept.

Not part of coprod-lab and not run by the tests: it needs QualCoder's source and PyQt6, which
coprod-lab does not depend on. How the README's "Opened in QualCoder" figures were made:

    python3 -m venv /tmp/qc-venv && /tmp/qc-venv/bin/pip install PyQt6 pymupdf pillow python-vlc
    git clone https://github.com/ccbogel/QualCoder /tmp/QualCoder   # its src/ folder
    /tmp/qc-venv/bin/python scripts/qualcoder-import.py FILE.qdpx WORK_FOLDER /tmp/QualCoder/src

It makes an empty QualCoder project database with the tables QualCoder's own "new project"
code makes (read from its __main__.py), runs RefiImport.import_project without a screen
(QT_QPA_PLATFORM=offscreen, file dialogs answered with FILE.qdpx), then lists the tables.
"""

# ruff: noqa: E402  (Qt must be told it has no screen before it is imported)
import builtins
import os
import sqlite3
import sys
import textwrap

os.environ["QT_QPA_PLATFORM"] = "offscreen"
builtins._ = lambda words: words  # QualCoder's translation hook
QDPX, WORK, SRC = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, SRC)

from PyQt6 import QtWidgets

QT = QtWidgets.QApplication([])
import qualcoder.refi as refi


class App:
    """What RefiImport reads of QualCoder's application object."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.project_path = WORK
        self.project_name = "imported"
        self.settings = {"directory": WORK, "codername": "default", "ai_enable": "False"}
        self.version = "script"
        self.ai_models: list = []

    def write_config_ini(self, *_args: object) -> None:
        pass

    def get_annotations(self) -> list:
        return []


class Log:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def append(self, line: object) -> None:
        self.lines.append(str(line))


def main() -> None:
    os.makedirs(os.path.join(WORK, "documents"), exist_ok=True)
    database = os.path.join(WORK, "data.qda")
    if os.path.exists(database):
        os.remove(database)
    conn = sqlite3.connect(database)
    with open(os.path.join(SRC, "qualcoder", "__main__.py"), encoding="utf-8") as source:
        code = source.read()
    start = code.index('cur.execute(\n            "CREATE TABLE project')
    tables = code[start : code.index("self.app.update_coder_names()")]
    exec(textwrap.dedent("        " + tables), {"cur": conn.cursor()})
    conn.commit()
    QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *_a, **_k: (QDPX, True))
    refi.Message = lambda *_a, **_k: type("Quiet", (), {"exec": lambda _self: None})()
    log = Log()
    refi.RefiImport(App(conn), log, "qdpx")

    def show(title: str, sql: str) -> None:
        print(f"{title}: {conn.execute(sql).fetchall()}")

    print("importer said:", [line for line in log.lines if "oaded" in line])
    show("sources", "select name, length(fulltext) from source")
    show("codes (name, colour, parent code)", "select name, color, supercid from code_name")
    show("codings, codes used", "select count(*), count(distinct cid) from code_text")
    show(
        "codings (code, words, coder)",
        "select c.name, t.seltext, t.owner from code_text t join code_name c on c.cid = t.cid",
    )
    show("notes on the text", "select count(*) from annotation")
    show("cases", "select name from cases")
    show("cases linked to text", "select count(*) from case_text")
    show("variables", "select name, caseOrFile, valuetype from attribute_type")
    show("values", "select name, value from attribute where attr_type = 'case' and value != ''")
    show("journals (memos)", "select name, jentry, owner from journal")
    show("code meanings", "select name, memo from code_name where memo != ''")


if __name__ == "__main__":
    main()
