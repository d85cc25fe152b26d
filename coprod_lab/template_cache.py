"""One compiled copy of the page templates for the whole `serve` process.

Voilà renders each page kernel's notebook through a new nbconvert exporter, and every exporter
makes its own Jinja environment, which parses and compiles the page template (`index.html.j2`
and the templates it extends) from source again. Measured with py-spy on `serve` while 30
phones arrived and the pool refilled (2026-11-30): Jinja's compiling took 25% of all samples,
about half of the server's main thread, for the same few templates each time. That work holds
the one event loop every page passes through, so pages in flight missed nbclient's 4-second
wait for their output and were sent without their widgets: 13-17 blank pages in 30 (see
BENCHMARKS.md, "Blank pages while kernels start").

Jinja's own answer is a bytecode cache (`jinja2.BytecodeCache`, in its documentation under
"Bytecode Cache"): a template is compiled once and its code reused, keyed by name and file and
checked against the source's checksum, so a changed template is compiled again. This one keeps
the code in memory, shared by every exporter in the process. The code refers to filters and
globals through the environment it runs in, so each exporter keeps its own.
"""

from __future__ import annotations

import functools
import threading
from types import CodeType

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class SharedBytecode(BytecodeCache):
    """Compiled template code kept in memory, reused while its source is unchanged."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, CodeType]] = {}
        self._lock = threading.Lock()  # exporters may run in threads (nbconvert's own use)

    def get_bucket(self, environment, name, filename, source):  # type: ignore[no-untyped-def]
        # Code compiled for an async environment, or with other extensions, differs: both
        # are part of the key, so one environment never runs another's kind of code.
        flavour = f"{environment.is_async}:{','.join(sorted(environment.extensions))}"
        return super().get_bucket(environment, f"{flavour}:{name}", filename, source)

    def load_bytecode(self, bucket: Bucket) -> None:
        with self._lock:
            found = self._code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            with self._lock:
                self._code[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        with self._lock:
            self._code.clear()

    def __len__(self) -> int:
        return len(self._code)


SHARED = SharedBytecode()


def share_compiled_templates() -> None:
    """Make every nbconvert exporter made from now on in this process use `SHARED`.

    Called once by `coprod_lab.kernels`, which Voilà imports when `serve` starts; calling it
    again changes nothing."""
    from nbconvert.exporters.templateexporter import TemplateExporter

    create = TemplateExporter._create_environment
    if getattr(create, "_shares_compiled_templates", False):
        return

    @functools.wraps(create)
    def create_environment(self: TemplateExporter):  # type: ignore[no-untyped-def]
        environment = create(self)
        environment.bytecode_cache = SHARED
        return environment

    create_environment._shares_compiled_templates = True  # type: ignore[attr-defined]
    TemplateExporter._create_environment = create_environment  # type: ignore[method-assign]
