"""The kernel `serve` runs its pages in: Python's usual Jupyter kernel (ipykernel) without its
debugger.

ipykernel imports its debugger (debugpy, about 110 modules) into every kernel at start-up. A
served page never uses it: sources are stripped and nobody attaches to a participant's phone.
Measured here, a voting page's kernel on PostgreSQL holds 68.9 MB with it and 61.3 MB without;
for a room of 200 that is 1.5 GB. `serve` finds this kernel through its own JUPYTER_PATH
(`coprod_lab/voila/page-kernel/`), so JupyterLab keeps the usual kernel and its debugger.
"""

import faulthandler
import os
import signal
import sys

# `kill -USR1 <kernel>` prints where each of its threads is, as a forked kernel does (to a copy
# of the server's stderr, as ipykernel sends what is written to the kernel's own to the page).
faulthandler.register(signal.SIGUSR1, file=os.fdopen(os.dup(2), "w"), all_threads=True)

# ipykernel treats a debugger it cannot import as no debugger, and carries on without it.
sys.modules["debugpy"] = None  # type: ignore[assignment]

from ipykernel.kernelapp import launch_new_instance  # noqa: E402

if __name__ == "__main__":
    launch_new_instance()
