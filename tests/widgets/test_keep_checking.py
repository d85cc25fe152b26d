"""A page that follows the store refreshes on the kernel's own event loop, never beside a
press, and a dropdown given new options tells the browser once, with the choice kept."""

from __future__ import annotations

import asyncio
import threading

import ipywidgets as widgets

from coprod_lab.widgets.page import keep_checking, set_options


def test_each_check_runs_on_the_event_loop_that_handles_the_browser() -> None:
    checked_on: list[int] = []
    pressing = threading.Event()
    overlaps: list[bool] = []

    def check() -> None:
        checked_on.append(threading.get_ident())
        overlaps.append(pressing.is_set())

    async def page() -> int:
        keep_checking(check, seconds=0.01)
        for _ in range(20):
            # A press handled on the loop: it takes a while and nothing may run meanwhile.
            pressing.set()
            threading.Event().wait(0.02)
            pressing.clear()
            await asyncio.sleep(0.01)
        while len(checked_on) < 3:
            await asyncio.sleep(0.01)
        return threading.get_ident()

    loop_thread = asyncio.run(page())
    assert checked_on and set(checked_on) == {loop_thread}
    assert not any(overlaps)


def test_a_check_outside_a_kernel_runs_in_its_own_thread() -> None:
    ran = threading.Event()
    thread = keep_checking(ran.set, seconds=0.01)
    assert ran.wait(10) and thread.is_alive()


def test_new_options_reach_the_browser_once_with_the_choice_kept() -> None:
    rounds = widgets.Dropdown(options=[("Round 1", 1), ("Round 2", 2)], value=2)
    sent: list[dict] = []
    rounds._send = lambda msg, buffers=None: sent.append(msg)  # what the browser would get
    set_options(rounds, [("Round 1 (closed)", 1), ("Round 2 (open)", 2), ("Round 3", 3)])
    assert rounds.value == 2
    # Not "first option", then "Round 2": a screen reader would read out both, and a press
    # in between would act on the first.
    assert len(sent) == 1 and sent[0]["state"]["index"] == 1
    assert sent[0]["state"]["_options_labels"][2] == "Round 3"
