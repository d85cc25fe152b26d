"""How `serve` hands pooled kernels to people arriving: a ready kernel if there is one (whatever
order they started in), otherwise the getting-ready page at once, never a request held open.
Voilà's own kernel manager class is built on ours as `serve` builds it, and its own hand-out
method runs; the pool holds stand-in tasks instead of kernels, so no kernel starts here."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

from voila.voila_kernel_manager import voila_kernel_manager_factory

from coprod_lab.kernels import GETTING_READY_PAGE, StartFewAtATime

NOTEBOOK = "apps/vote.ipynb"


def _manager():
    manager_class = voila_kernel_manager_factory(StartFewAtATime, True, 1)
    manager = manager_class.__new__(manager_class)  # no kernels: only the handing out is used
    manager.__dict__.update(_pools={}, log=logging.getLogger("test"), refilled=[])
    manager.fill_if_needed = lambda **kwargs: manager.refilled.append(kwargs["notebook_name"])
    return manager


async def _kernel(kernel_id: str, seconds: float = 0) -> dict:
    await asyncio.sleep(seconds)
    renderer = SimpleNamespace(rendered_cache=[f"<html>page of {kernel_id}"], stop_generator=False)
    return {"kernel_id": kernel_id, "renderer": renderer, "task": f"render of {kernel_id}"}


async def _failed() -> dict:
    raise RuntimeError("the kernel died while starting")


def _hand_out(manager, pool: list) -> tuple:
    """Voilà's get_rendered_notebook, as `serve` has it, once against `pool`."""

    async def go():
        manager._pools[NOTEBOOK] = [asyncio.ensure_future(make()) for make in pool]
        await asyncio.sleep(0.05)  # the ready ones finish
        answer = await manager.get_rendered_notebook(NOTEBOOK)
        left = len(manager._pools[NOTEBOOK])
        for task in manager._pools[NOTEBOOK]:
            task.cancel()
        return answer, left

    return asyncio.run(go())


def test_with_no_ready_kernel_the_getting_ready_page_is_sent_at_once() -> None:
    manager = _manager()
    (done, sent, _kernel_id), left = _hand_out(
        manager, [lambda: _kernel("slow", 60), lambda: _kernel("slower", 60)]
    )
    assert sent == [GETTING_READY_PAGE]
    assert done.done() and done.result()[0] == []
    assert left == 2  # no kernel was taken: both still wait for people
    assert manager.refilled == []
    assert "<h1>Getting your page ready</h1>" in GETTING_READY_PAGE
    assert '<meta http-equiv="refresh" content="2">' in GETTING_READY_PAGE


def test_a_ready_kernel_is_handed_out_before_one_still_starting() -> None:
    manager = _manager()
    (task, sent, kernel_id), left = _hand_out(
        manager, [lambda: _kernel("starting", 60), lambda: _kernel("ready")]
    )
    assert (task, sent, kernel_id) == ("render of ready", ["<html>page of ready"], "ready")
    assert left == 1
    assert manager.refilled == [NOTEBOOK]  # Voilà starts the next one


def test_a_kernel_that_failed_to_start_is_dropped_and_replaced() -> None:
    manager = _manager()
    (_task, _sent, kernel_id), left = _hand_out(manager, [_failed, lambda: _kernel("ready")])
    assert kernel_id == "ready"
    assert manager.refilled == [NOTEBOOK, NOTEBOOK]  # one for the failed, one for the taken
    assert left == 0
