"""coprod-lab: a research and reflection workbench for co-production in health and social care.

The names here are the public API. They are imported lazily on purpose: a voter's Voilà page
imports `coprod_lab` and must not pay for pandas or NLTK it never uses.
"""

from __future__ import annotations

from coprod_lab.config import setting
from coprod_lab.errors import CoprodLabError
from coprod_lab.store import Store, connect

__version__ = "0.1.0"

__all__ = ["CoprodLabError", "Store", "__version__", "connect", "setting"]
