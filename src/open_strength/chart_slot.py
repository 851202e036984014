"""Charts, drawn by the page when the reader comes near them.

A slot keeps the chart's place (so nothing jumps) and holds the chart's figure; the page draws it with
plotly.js, which it loads from the workshop's own server the first time a chart is near (see
page_config). The charting library costs the browser about a second of work on a laptop (several on
a slow phone): a page that loaded it before it started (as JupyterLab's charting extension is
loaded) made the reader wait for it before any of the page could be used. The chart's words are
always on the page beside it.

Where the page names no plotly.js (a notebook opened in JupyterLab), the slot asks the kernel, which
puts the chart's bundle in an output for JupyterLab's charting extension to draw.

A chart that shows as the page opens (a published chart, the feelings wheel) needs no kernel at all:
it is a page part (`show._deferred_chart`) running the same script, and is drawn without waiting for Voila's
widget start. In JupyterLab such a chart is left as its words.
"""
from __future__ import annotations

import anywidget
import ipywidgets as widgets
import traitlets

from .charts import DEFAULT_HEIGHT, PLOTLY_MIME, figure_height
from .device import bundle as _bundle
from .page_parts import CHART_SCRIPTS


class ChartSlot(anywidget.AnyWidget):
    _esm = _bundle(*CHART_SCRIPTS)
    height = traitlets.Int(DEFAULT_HEIGHT).tag(sync=True)
    figure = traitlets.Dict().tag(sync=True)  # plotly's data, layout and config
    drawn = traitlets.Bool(False).tag(sync=True)  # drawn by the kernel, where the page cannot draw it


class DeferredChart:
    """A chart (its plotly bundle, with the words as text/plain), shown in a kept place of an output drawn
    in answer to the participant. The page draws it as soon as it is near, without waiting to be idle."""

    def __init__(self, bundle: dict):
        # Made with its height and figure: nothing more to send before the page shows it.
        self.slot = ChartSlot(height=figure_height(bundle.get(PLOTLY_MIME)), figure=bundle.get(PLOTLY_MIME) or {})
        self.output = widgets.Output(layout=widgets.Layout(width="100%"))
        self.slot.on_msg(self._on_message)
        # Not a scroll box: a chart a pixel taller than its box would otherwise make one no keyboard can reach.
        self.view = widgets.VBox([self.slot, self.output], layout=widgets.Layout(width="100%", overflow="visible"))
        self._set(bundle)

    def _set(self, bundle: dict) -> None:
        self.output_data = {"output_type": "display_data", "metadata": {}, "data": bundle}
        self.words = bundle.get("text/plain", "")
        self.slot.height = figure_height(bundle.get(PLOTLY_MIME))
        self.slot.figure = bundle.get(PLOTLY_MIME) or {}

    def show(self, bundle: dict) -> None:
        """Another chart in the same place: the page redraws it if it has drawn this place already."""
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
        """The kernel's way: the bundle in an output, for a charting extension to draw."""
        if not self.slot.drawn:
            self.output.outputs = (self.output_data,)
            self.slot.drawn = True

    def close(self) -> None:
        for widget in (self.view, self.slot, self.output):
            widget.close()

    def _on_message(self, _widget, content, _buffers) -> None:
        if content == {"kind": "shown"}:
            self.draw()


class ChartPlaces:
    """The charts of an output that is drawn again and again (a form's results, the overlap explorer, the
    facilitator's reveal): the n-th chart goes into the n-th kept place, so no widgets pile up, and
    places no longer needed are closed."""

    def __init__(self) -> None:
        self.places: list[DeferredChart] = []

    def outputs(self, items: list[dict]) -> tuple[dict, ...]:
        """The same outputs, with each plotly chart (display_data) put in its place."""
        shown, used = [], 0
        for item in items:
            bundle = item.get("data", {})
            if PLOTLY_MIME not in bundle:
                shown.append(item)
                continue
            if used < len(self.places):
                self.places[used].show(bundle)
            else:
                self.places.append(DeferredChart(bundle))
            shown.append(self.places[used].as_output())
            used += 1
        for place in self.places[used:]:
            place.close()
        del self.places[used:]
        return tuple(shown)
