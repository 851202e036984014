"""Pure chart builders: numbers in, plain plotly figure dicts out (no plotly import at run time).

A dict is displayed as a raw application/vnd.plotly.v1+json bundle, which avoids FigureWidget and the
slow first use of plotly.io.renderers. Every figure comes with a text summary of the same numbers.
"""
from __future__ import annotations

from .instruments import Instrument
from .scoring import SubscaleScore

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 15, "color": "#1a1a1a"}

# On a phone the chart must scroll with the page: no drag, no zoom, no mode bar.
CONFIG = {"displayModeBar": False, "scrollZoom": False, "doubleClick": False, "responsive": True,
          "showAxisDragHandles": False}


def _wrap(text: str, width: int = 22) -> str:
    """Break long category labels with <br> so they fit beside a bar on a 390 px screen."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines)


def _layout(title: str, height: int, legend: bool) -> dict:
    # The title is kept as metadata and shown by the page as an HTML heading above the chart:
    # a heading wraps on a phone, where a title inside the chart would run off the edge.
    return {
        "meta": {"title": title},
        "font": FONT,
        "height": height,
        "margin": {"l": 10, "r": 30, "t": 10 if not legend else 60, "b": 40},
        "dragmode": False,
        "hovermode": "closest",
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "showlegend": legend,
        "legend": {"orientation": "h", "xref": "container", "yref": "container", "x": 0, "y": 1, "xanchor": "left",
                   "yanchor": "top"},
        "barmode": "group",
    }


def profile_figure(instrument: Instrument, series: list[tuple[str, list[SubscaleScore]]], title: str | None = None) -> dict:
    """Horizontal bars of subscale means on the instrument's own scale, one series per perspective.

    Subscales without a mean are left as gaps (not drawn as zero), and named in the summary.
    """
    names = [s.name for s in instrument.subscales]
    labels = [_wrap(n) for n in names]
    data = []
    for index, (series_name, scores) in enumerate(series):
        means = [round(s.mean, 2) if s.mean is not None else None for s in scores]
        data.append({
            "type": "bar",
            "orientation": "h",
            "name": _wrap(series_name, 34),
            "x": means,
            "y": labels,
            "marker": {"color": PALETTE[index % len(PALETTE)],
                       "pattern": {"shape": ["", "/", "."][index % 3]}},
            "text": [f"{m:.1f}" if m is not None else "not enough answers" for m in means],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{y}: %{x:.1f}<extra>" + series_name + "</extra>",
        })
    n = len(instrument.scale)
    layout = _layout(title or instrument.title, height=60 + 60 * len(names) * len(series), legend=len(series) > 1)
    layout["xaxis"] = {
        "range": [0.5, n + 0.9],
        "tickvals": [1, n],
        "ticktext": [_wrap(instrument.scale[0], 12), _wrap(instrument.scale[-1], 12)],
        "fixedrange": True,
        "gridcolor": "#dddddd",
        "zeroline": False,
    }
    layout["yaxis"] = {"autorange": "reversed", "fixedrange": True, "automargin": True}
    return {"data": data, "layout": layout, "config": dict(CONFIG)}


def profile_summary(instrument: Instrument, series: list[tuple[str, list[SubscaleScore]]]) -> list[str]:
    """The chart's numbers in words, one line per subscale, for screen readers and small screens."""
    n = len(instrument.scale)
    lines = [f"Averages on a scale from 1 (“{instrument.scale[0]}”) to {n} (“{instrument.scale[-1]}”)."]
    for position, sub in enumerate(instrument.subscales):
        parts = []
        for series_name, scores in series:
            mean = scores[position].mean
            value = f"{mean:.1f}" if mean is not None else "not enough answers"
            parts.append(f"{series_name} {value}" if len(series) > 1 else value)
        lines.append(f"{sub.name}: " + "; ".join(parts) + ".")
    return lines


def published_figure(figure: dict, source_short: str) -> dict:
    """Bars of published percentages; categories with no published value are left empty, not zero."""
    categories = [_wrap(c) for c in figure["categories"]]
    data = []
    for index, series in enumerate(figure["series"]):
        values = series["values"]
        data.append({
            "type": "bar",
            "orientation": "h",
            "name": _wrap(series["name"], 34),
            "x": values,
            "y": categories,
            "marker": {"color": PALETTE[index % len(PALETTE)],
                       "pattern": {"shape": ["", "/", "."][index % 3]}},
            "text": [f"{v}%" if v is not None else "" for v in values],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{y}: %{x}%<extra>" + series["name"] + "</extra>",
        })
    rows = len(categories) * max(1, len(figure["series"]))
    layout = _layout(figure["title"], height=80 + 42 * rows, legend=len(figure["series"]) > 1)
    layout["xaxis"] = {"range": [0, 112], "ticksuffix": "%", "fixedrange": True, "gridcolor": "#dddddd",
                       "tickvals": [0, 25, 50, 75, 100]}
    layout["yaxis"] = {"autorange": "reversed", "fixedrange": True, "automargin": True}
    layout["meta"]["source"] = source_short
    return {"data": data, "layout": layout, "config": dict(CONFIG)}


def published_summary(figure: dict) -> list[str]:
    lines = []
    for position, category in enumerate(figure["categories"]):
        parts = [f"{s['name']} {s['values'][position]}%" for s in figure["series"] if s["values"][position] is not None]
        lines.append(f"{category}: " + "; ".join(parts) + ".")
    return lines
