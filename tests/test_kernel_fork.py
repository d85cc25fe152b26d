"""A page kernel started as `serve` starts it: through the page kernelspec, whose provisioner
forks it from the prepared parent. It runs code, is a child of that parent (not a new Python
started by us), and stops when shut down."""

from __future__ import annotations

import os
import time

import psutil
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from coprod_lab.cli import PAGE_KERNEL
from coprod_lab.kernel_fork import ForkingProvisioner


def test_a_forked_page_kernel_runs_code_and_stops(tmp_path) -> None:
    specs = KernelSpecManager(kernel_dirs=[str(PAGE_KERNEL / "kernels")])
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    outputs: list[str] = []
    manager.start_kernel(
        cwd=str(tmp_path),
        env={**os.environ, "COPROD_LAB_TEST": "forked", "COPROD_LAB_KERNEL_NICENESS": "3"},
    )
    try:
        assert isinstance(manager.provisioner, ForkingProvisioner)
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        reply = client.execute_interactive(
            "import os, sys; from ipykernel.kernelapp import IPKernelApp; "
            "print(os.environ['COPROD_LAB_TEST'], os.getcwd(), "
            "'debugpy' in sys.modules and sys.modules['debugpy'] is None, "
            "IPKernelApp.instance().parent_handle == os.getppid())",
            timeout=60,
            output_hook=lambda msg: outputs.append(msg["content"].get("text", "")),
        )
        assert reply["content"]["status"] == "ok"
        # The last: it watches its parent (and prints no "Ctrl-C will not work" notice).
        assert "".join(outputs).split() == ["forked", str(tmp_path), "True", "True"]
        kernel = psutil.Process(manager.provisioner.pid)
        parent = kernel.parent()
        assert parent is not None and parent.pid != os.getpid()
        assert "coprod_lab.kernel_fork" in " ".join(parent.cmdline())
        # Below the server's priority by the setting's amount (3 here, 10 by default), so the
        # one server keeps up with a room of kernels.
        assert kernel.nice() == min(parent.nice() + 3, 19)
        client.stop_channels()
    finally:
        manager.shutdown_kernel(now=False)
    deadline = time.monotonic() + 30
    while psutil.pid_exists(kernel.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not psutil.pid_exists(kernel.pid)
