"""Widget messages as a browser sends them, for tests that press what the page never offers.

The browser can send any of these, for any widget on the page, disabled or hidden or not:
the kernel must check everything again. As in a real kernel, an update the widget refuses
(an option it does not have) is logged by ipywidgets and never reaches the page's code.
"""

from __future__ import annotations

import ipywidgets as widgets


def press(button: widgets.Button) -> None:
    """A click as the front end sends it: it arrives whether or not the button is disabled."""
    button._handle_msg(
        {"content": {"data": {"method": "custom", "content": {"event": "click"}}}, "buffers": []}
    )


def send_state(widget: widgets.Widget, **state: object) -> None:
    """A state update from the browser, e.g. send_state(dropdown, index=7)."""
    widget._handle_msg(
        {
            "content": {"data": {"method": "update", "state": state, "buffer_paths": []}},
            "buffers": [],
        }
    )


def every_widget(root: widgets.Widget) -> list[widgets.Widget]:
    found = [root]
    for child in getattr(root, "children", ()):
        found += every_widget(child)
    return found


def buttons(root: widgets.Widget) -> dict[str, widgets.Button]:
    return {w.description: w for w in every_widget(root) if isinstance(w, widgets.Button)}
