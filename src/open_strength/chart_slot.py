"""Charts that are drawn when the reader comes near them.

The charting library costs the browser about a second of work on a laptop (several on a slow phone)
the first time a page draws a chart. A page that drew its charts as it opened made the reader wait
for that before any of it could be used. A slot keeps the chart's place (so nothing jumps) and asks
the kernel for the chart once its place is within about a screen of view; the chart's words are
always on the page beside it.
"""
from __future__ import annotations

from importlib import resources

import anywidget
import ipywidgets as widgets
import traitlets

_STATIC = resources.files("open_strength") / "static"
DEFAULT_HEIGHT = 360


class ChartSlot(anywidget.AnyWidget):
    _esm = (_STATIC / "chart_slot.js").read_text(encoding="utf-8")
    height = traitlets.Int(DEFAULT_HEIGHT).tag(sync=True)
    drawn = traitlets.Bool(False).tag(sync=True)


class DeferredChart:
    """A chart (its plotly bundle, with the words as text/plain), shown once the page asks."""

    def __init__(self, bundle: dict):
        self.slot = ChartSlot(height=_height_of(bundle))  # made with its height: no second message for it
        self.output = widgets.Output(layout=widgets.Layout(width="100%"))
        self.slot.on_msg(self._on_message)
        # Not a scroll box: a chart a pixel taller than its box would otherwise make one no keyboard can reach.
        self.view = widgets.VBox([self.slot, self.output], layout=widgets.Layout(width="100%", overflow="visible"))
        self._set(bundle)

    def _set(self, bundle: dict) -> None:
        self.output_data = {"output_type": "display_data", "metadata": {}, "data": bundle}
        self.words = bundle.get("text/plain", "")
        self.slot.height = _height_of(bundle)

    def show(self, bundle: dict) -> None:
        """Another chart in the same place: drawn at once if the page has already asked for this place."""
        self._set(bundle)
        if self.slot.drawn:
            self.output.outputs = (self.output_data,)

    def as_output(self) -> dict:
        """This place as one output of an Output widget (a view of the widget, with the chart's words)."""
        return {"output_type": "display_data", "metadata": {},
                "data": {"application/vnd.jupyter.widget-view+json": {"model_id": self.view.model_id,
                                                                      "version_major": 2, "version_minor": 1},
                         "text/plain": self.words}}

    def draw(self) -> None:
        if not self.slot.drawn:
            self.output.outputs = (self.output_data,)
            self.slot.drawn = True

    def _on_message(self, _widget, content, _buffers) -> None:
        if content == {"kind": "shown"}:
            self.draw()


def _height_of(bundle: dict) -> int:
    figure = bundle.get("application/vnd.plotly.v1+json")
    height = figure.get("layout", {}).get("height") if isinstance(figure, dict) else None
    return height if isinstance(height, int) and height > 0 else DEFAULT_HEIGHT
