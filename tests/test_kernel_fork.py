"""A page kernel started as `serve` starts it: through the page kernelspec, whose provisioner
forks it from the prepared parent. It runs code, is a child of that parent (not a new Python
started by us), and stops when shut down."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from coprod_lab.cli import PAGE_KERNEL
from coprod_lab.kernel_fork import ForkingProvisioner, _Forked


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


def _started_with_id(pid: int) -> subprocess.Popen | None:
    """A new process given the id `pid`, as the kernel hands out a freed id again; the next id
    is set through /proc/sys/kernel/ns_last_pid (root only). None if other processes took it
    first every time."""
    for _ in range(200):
        Path("/proc/sys/kernel/ns_last_pid").write_text(str(pid - 1))
        process = subprocess.Popen(["sleep", "120"])
        if process.pid == pid:
            return process
        process.kill()
        process.wait()
    return None


@pytest.mark.skipif(
    not os.access("/proc/sys/kernel/ns_last_pid", os.W_OK),
    reason="giving a process a chosen id needs root (CI runs as root)",
)
def test_a_stopped_kernel_whose_id_is_given_to_another_process_is_never_signalled() -> None:
    kernel = subprocess.Popen(["sleep", "120"])
    forked = _Forked(kernel.pid)
    assert forked.poll() is None
    kernel.kill()
    kernel.wait()
    # A process is told apart by its start time, counted in clock ticks (1/100 s): a freed id
    # comes round again only after the other 32,767 have been used, never within one tick.
    time.sleep(0.05)
    other = _started_with_id(kernel.pid)
    assert other is not None, f"no process could be given id {kernel.pid} in 200 tries"
    try:
        assert other.pid == forked.pid
        # The kernel is gone, though a process with its id runs; Jupyter's shutdown sends it
        # SIGINT, then SIGKILL, and neither may reach the other process.
        assert forked.poll() == 0
        forked.send_signal(signal.SIGINT)
        forked.kill()
        time.sleep(0.2)
        assert other.poll() is None
    finally:
        other.kill()
        other.wait()


def test_a_kernel_that_exited_before_it_was_known_counts_as_stopped() -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    forked = _Forked(gone.pid)
    assert forked.poll() == 0
    forked.kill()  # nothing to signal, and no error
    # Known by its parent too: a live process whose parent is not the forking parent is not it.
    assert _Forked(os.getpid(), parent=os.getpid()).poll() == 0


def test_a_page_kernel_prints_where_its_threads_are_on_sigusr1_and_carries_on() -> None:
    code = (
        "import os, signal, sys, time; import coprod_lab.page_kernel; "
        "os.kill(os.getpid(), signal.SIGUSR1); time.sleep(0.2); print('still here')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == "still here"
    assert "most recent call first" in done.stderr and "<string>" in done.stderr
