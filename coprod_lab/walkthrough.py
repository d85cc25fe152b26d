"""What the walkthrough notebooks share: the real example data, and a practice store.

The notebooks in `notebooks/` tell the researcher's whole journey on real data. They read the
example files in the `corpus` folder, and the ones that change things work in a practice
store of their own, so running them again and again never touches the real store.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from coprod_lab.config import setting
from coprod_lab.demo import load_demo
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, connect


def example_file(*parts: str) -> Path:
    """A file in the example data: example_file("patient-feedback", "text_data.csv")."""
    folder = Path(setting("corpus")).expanduser()
    path = folder.joinpath(*parts)
    if not path.exists():
        raise CoprodLabError(
            f"{path} is missing. The walkthrough notebooks read the example data in {folder}; "
            "set COPROD_LAB_CORPUS to the folder that holds it."
        )
    return path


def practice_store() -> tuple[Store, int]:
    """A new SQLite store in a temporary folder, holding the demo project, and that project's
    id. The folder is removed when Python stops."""
    folder = _temporary_folder("coprod-lab-practice-")
    store = connect(f"sqlite:///{folder / 'practice.sqlite3'}")
    store.upgrade()
    return store, load_demo(store)


def output_folder() -> Path:
    """A temporary folder for files a notebook writes (exports, reports); removed on exit."""
    return _temporary_folder("coprod-lab-output-")


def _temporary_folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
