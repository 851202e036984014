"""Pure chart builders: numbers in, plain plotly figure dicts out (no plotly import at run time).

A dict is displayed as a raw application/vnd.plotly.v1+json bundle, which avoids FigureWidget and the
slow first use of plotly.io.renderers. Every figure comes with a text summary of the same numbers.
"""
from __future__ import annotations

from .instruments import Instrument
from .scoring import SubscaleScore

PLOTLY_MIME = "application/vnd.plotly.v1+json"
DEFAULT_HEIGHT = 360


def figure_height(figure: object) -> int:
    """The height a figure asks for (its place on the page is kept at that height until it is drawn)."""
    height = figure.get("layout", {}).get("height") if isinstance(figure, dict) else None
    return height if isinstance(height, int) and height > 0 else DEFAULT_HEIGHT


# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 15, "color": "#1a1a1a"}

# On a phone the chart must scroll with the page: no drag, no zoom, no mode bar.
CONFIG = {"displayModeBar": False, "scrollZoom": False, "doubleClick": False, "responsive": True,
          "showAxisDragHandles": False}


def _wrap(text: str, width: int = 22) -> str:
    """Break long labels (names above bars, legend entries, axis ends) with <br> to fit a 390 px screen."""
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


# Pixels per line of a category's name, per bar, and between one category's bars and the next name.
LABEL_LINE_PX = 22
BAR_PX = 26
CATEGORY_GAP_PX = 14


def _labels_above_bars(categories: list[str], traces: list[dict], layout: dict, width: int = 38) -> None:
    """Horizontal bars with each category's name written above its bars, so the bars get the chart's
    whole width: names beside the bars took half of a 390 px phone screen. Sets the traces' places,
    the y axis, the names and the chart's height (each category gets the same pixels at any width)."""
    labels = [_wrap(c, width) for c in categories]
    label_px = LABEL_LINE_PX * max((label.count("<br>") + 1 for label in labels), default=1) + 4
    band_px = label_px + BAR_PX * len(traces) + CATEGORY_GAP_PX
    # On a category axis each category is one unit wide, centred on its index.
    for index, trace in enumerate(traces):
        trace["width"] = 0.85 * BAR_PX / band_px
        trace["offset"] = -0.5 + (label_px + index * BAR_PX) / band_px
    layout["barmode"] = "overlay"  # the offsets above place the series side by side
    layout["yaxis"] = {"range": [len(categories) - 0.5, -0.5], "fixedrange": True, "showticklabels": False,
                       "type": "category"}
    layout["annotations"] = [{"x": 0, "xref": "paper", "xanchor": "left", "y": index - 0.5, "yref": "y",
                              "yanchor": "top", "text": label, "align": "left", "showarrow": False,
                              "bgcolor": "#ffffff"}
                             for index, label in enumerate(labels)]
    margin = layout["margin"]
    layout["height"] = margin["t"] + margin["b"] + band_px * len(categories)


def profile_figure(instrument: Instrument, series: list[tuple[str, list[SubscaleScore]]], title: str | None = None) -> dict:
    """Horizontal bars of subscale means on the instrument's own scale, one series per perspective.

    Subscales without a mean are left as gaps (not drawn as zero), and named in the summary.
    """
    names = [s.name for s in instrument.subscales]
    data = []
    for index, (series_name, scores) in enumerate(series):
        means = [round(s.mean, 2) if s.mean is not None else None for s in scores]
        data.append({
            "type": "bar",
            "orientation": "h",
            "name": _wrap(series_name, 34),
            "x": means,
            "y": names,
            "marker": {"color": PALETTE[index % len(PALETTE)],
                       "pattern": {"shape": ["", "/", "."][index % 3]}},
            "text": [f"{m:.1f}" if m is not None else "not enough answers" for m in means],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{y}: %{x:.1f}<extra>" + series_name + "</extra>",
        })
    n = len(instrument.scale)
    layout = _layout(title or instrument.title, height=0, legend=len(series) > 1)
    _labels_above_bars(names, data, layout)
    layout["xaxis"] = {
        "range": [0.5, n + 0.9],
        "tickvals": [1, n],
        "ticktext": [_wrap(instrument.scale[0], 12), _wrap(instrument.scale[-1], 12)],
        "fixedrange": True,
        "gridcolor": "#dddddd",
        "zeroline": False,
    }
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
    categories = list(figure["categories"])
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
    layout = _layout(figure["title"], height=0, legend=len(figure["series"]) > 1)
    _labels_above_bars(categories, data, layout)
    layout["xaxis"] = {"range": [0, 112], "ticksuffix": "%", "fixedrange": True, "gridcolor": "#dddddd",
                       "tickvals": [0, 25, 50, 75, 100]}
    layout["meta"]["source"] = source_short
    return {"data": data, "layout": layout, "config": dict(CONFIG)}


def published_summary(figure: dict) -> list[str]:
    lines = []
    for position, category in enumerate(figure["categories"]):
        parts = [f"{s['name']} {s['values'][position]}%" for s in figure["series"] if s["values"][position] is not None]
        lines.append(f"{category}: " + "; ".join(parts) + ".")
    return lines


# A light-to-dark blue ramp: ordered by lightness, so it reads the same with any colour vision.
GRID_SCALE = [[0.0, "#eef5fb"], [0.5, "#6aa9d6"], [1.0, "#08306b"]]


def grid_figure(instrument: Instrument, values: list[list[int | None]], title: str | None = None) -> dict:
    """A heatmap of a grid form's answers: one cell per item, its number written in the cell.
    Skipped cells stay blank (drawn as gaps, never as the lowest answer)."""
    n = len(instrument.scale)
    text = [[str(v) if v is not None else "–" for v in row] for row in values]
    rows = [_wrap(s.name, 16) for s in instrument.subscales]
    columns = [c.short for c in instrument.columns]
    figure = {
        "type": "heatmap",
        "z": values,
        "x": columns,
        "y": rows,
        "zmin": instrument.scale_min,
        "zmax": n,
        "colorscale": GRID_SCALE,
        "showscale": False,
        "xgap": 3,
        "ygap": 3,
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 16},
        "hoverongaps": False,
        "hovertemplate": "%{y}, %{x}: %{text}<extra></extra>",
    }
    layout = _layout(title or instrument.title, height=90 + 58 * len(rows), legend=False)
    layout["margin"] = {"l": 10, "r": 10, "t": 10, "b": 10}
    # Angled column labels fit four columns on a phone without running into each other.
    layout["xaxis"] = {"side": "top", "fixedrange": True, "automargin": True, "tickangle": -30}
    layout["yaxis"] = {"autorange": "reversed", "fixedrange": True, "automargin": True}
    layout["plot_bgcolor"] = "#ffffff"
    return {"data": [figure], "layout": layout, "config": dict(CONFIG)}


def grid_summary(instrument: Instrument, values: list[list[int | None]]) -> list[str]:
    """Every cell in words, row by row: the chart's full text alternative."""
    n = len(instrument.scale)
    lines = [f"Answers from 1 (“{instrument.scale[0]}”) to {n} (“{instrument.scale[-1]}”); darker cells are higher.",
             "Columns: " + "; ".join(f"{c.short} = {c.name}" for c in instrument.columns) + "."]
    for sub, row in zip(instrument.subscales, values):
        if all(v is None for v in row):
            lines.append(f"{sub.name}: all skipped.")
            continue
        parts = [f"{c.short} {v} ({instrument.scale[v - instrument.scale_min]})" if v is not None else f"{c.short} skipped"
                 for c, v in zip(instrument.columns, row)]
        lines.append(f"{sub.name}: " + "; ".join(parts) + ".")
    return lines


def overlap_figure(xs: list[float], lower: list[float], higher: list[float], lower_name: str, higher_name: str,
                   title: str, x_title: str) -> dict:
    """Two score curves, one solid and one dashed (told apart without colour), the shared area visible."""
    traces = []
    for index, (name, ys, dash) in enumerate(((lower_name, lower, "solid"), (higher_name, higher, "dash"))):
        traces.append({
            "type": "scatter", "mode": "lines", "name": name, "x": xs, "y": ys,
            "line": {"color": PALETTE[index], "width": 3, "dash": dash},
            "fill": "tozeroy", "fillcolor": ("rgba(0,114,178,0.18)", "rgba(230,159,0,0.22)")[index],
            "hoverinfo": "skip",
        })
    layout = _layout(title, height=280, legend=True)
    layout["margin"]["b"] = 60
    layout["xaxis"] = {"title": {"text": _wrap(x_title, 34)}, "showticklabels": False, "fixedrange": True, "zeroline": False,
                       "showgrid": False}
    layout["yaxis"] = {"showticklabels": False, "fixedrange": True, "showgrid": False, "zeroline": False,
                       "rangemode": "tozero"}
    layout["hovermode"] = False
    return {"data": traces, "layout": layout, "config": dict(CONFIG)}


WHEEL_COLOURS = ("#0072B2", "#D55E00", "#E69F00", "#CC79A7", "#56B4E9", "#009E73", "#F0E442")


def feelings_wheel(groups: list[dict], title: str) -> dict:
    """A display-only wheel of feeling words: groups inside, words outside. The page's checkboxes
    are the way to use it; the wheel only shows how the words sit together."""
    ids, labels, parents, colours = [], [], [], []
    for index, group in enumerate(groups):
        colour = WHEEL_COLOURS[index % len(WHEEL_COLOURS)]
        ids.append(group["id"]); labels.append(group["name"]); parents.append(""); colours.append(colour)
        for feeling in group["feelings"]:
            ids.append(f"{group['id']}/{feeling['word']}"); labels.append(feeling["word"])
            parents.append(group["id"]); colours.append(colour)
    layout = _layout(title, height=420, legend=False)
    layout["margin"] = {"l": 0, "r": 0, "t": 0, "b": 0}
    trace = {"type": "sunburst", "ids": ids, "labels": labels, "parents": parents,
             "marker": {"colors": colours, "line": {"color": "#ffffff", "width": 2}},
             "insidetextorientation": "radial", "hoverinfo": "none", "sort": False}
    config = dict(CONFIG)
    config["staticPlot"] = True
    return {"data": [trace], "layout": layout, "config": config}
