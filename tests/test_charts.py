import json

import plotly.graph_objects as go
import pytest

from open_strength import charts, scoring

ANSWERS = {"n1": 4, "n2": 1, "n3": 3, "s1": 2, "s2": None, "h1": 1, "h2": 4}


def validated(fig: dict) -> go.Figure:
    """plotly's own validator raises on any property it does not know."""
    return go.Figure(data=fig["data"], layout=fig["layout"])


def test_profile_figure_is_valid_plotly_and_plain_json(sample):
    scores = scoring.subscale_scores(sample, ANSWERS)
    fig = charts.profile_figure(sample, [("Your answers", scores)])
    json.dumps(fig)  # a plain dict, ready for a raw mime bundle
    built = validated(fig)
    bar = built.data[0]
    assert list(bar.x) == [pytest.approx(3.67), None, 1.0]
    assert list(bar.y) == ["Naming feelings", "Sharing", "Asking for help"]
    assert bar.marker.color == charts.PALETTE[0]


def test_phone_friendly_no_drag_no_zoom_no_mode_bar(sample):
    fig = charts.profile_figure(sample, [("Your answers", scoring.subscale_scores(sample, ANSWERS))])
    assert fig["layout"]["dragmode"] is False
    assert fig["layout"]["xaxis"]["fixedrange"] and fig["layout"]["yaxis"]["fixedrange"]
    assert fig["config"]["displayModeBar"] is False and fig["config"]["scrollZoom"] is False


def test_two_perspectives_get_two_distinguishable_series(sample):
    own = scoring.subscale_scores(sample, ANSWERS)
    others = scoring.subscale_scores(sample, {"n1": 1, "n2": 4, "s1": 3, "s2": 3})
    fig = charts.profile_figure(sample, [("What I believe", own), ("Most men here", others)])
    built = validated(fig)
    assert [t.name for t in built.data] == ["What I believe", "Most men here"]
    assert built.data[0].marker.color != built.data[1].marker.color
    assert built.data[0].marker.pattern.shape != built.data[1].marker.pattern.shape  # not colour alone
    assert fig["layout"]["showlegend"] is True


def test_summary_states_the_same_numbers_as_the_chart(sample):
    scores = scoring.subscale_scores(sample, ANSWERS)
    lines = charts.profile_summary(sample, [("Your answers", scores)])
    assert lines[0].startswith("Averages on a scale from 1 (“Strongly disagree”) to 4 (“Strongly agree”)")
    assert lines[1:] == ["Naming feelings: 3.7.", "Sharing: not enough answers.", "Asking for help: 1.0."]


def test_published_figure_leaves_missing_values_empty():
    figure = {"id": "f", "title": "Where ideas come from", "categories": ["Father", "Pop culture"],
              "series": [{"name": "All men", "values": [64, 23]}, {"name": "Aged 18-34", "values": [None, 42]}]}
    fig = charts.published_figure(figure, "Someone 2018")
    built = validated(fig)
    assert list(built.data[1].x) == [None, 42]
    assert fig["layout"]["meta"] == {"title": "Where ideas come from", "source": "Someone 2018"}
    assert charts.published_summary(figure) == ["Father: All men 64%.", "Pop culture: All men 23%; Aged 18-34 42%."]


def test_palette_is_okabe_ito():
    assert charts.PALETTE[:3] == ("#0072B2", "#E69F00", "#009E73")


@pytest.mark.parametrize("series_count", [1, 2, 3])
def test_each_category_name_sits_above_its_own_bars(sample, series_count):
    scores = scoring.subscale_scores(sample, ANSWERS)
    fig = charts.profile_figure(sample, [(f"Series {i}", scores) for i in range(series_count)])
    validated(fig)
    layout = fig["layout"]
    assert layout["yaxis"]["showticklabels"] is False
    names = [a["text"] for a in layout["annotations"]]
    assert names == ["Naming feelings", "Sharing", "Asking for help"]
    # On a category axis category k spans k-0.5 to k+0.5; its name hangs from the top edge of that span.
    assert [a["y"] for a in layout["annotations"]] == [k - 0.5 for k in range(3)]
    spans = [(t["offset"], t["offset"] + t["width"]) for t in fig["data"]]
    assert spans[0][0] > -0.5, "room above the bars for the name"
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "series side by side, never on top of each other"
    assert spans[-1][1] < 0.5, "a gap before the next category's name"
    band_px = (layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]) / 3
    name_px = (spans[0][0] + 0.5) * band_px
    assert name_px >= charts.LABEL_LINE_PX, "one line of the name fits above the bars"


def test_long_category_names_wrap_and_get_the_room_they_need():
    figure = {"id": "f", "title": "t", "categories": ["A fairly long category name that needs two lines", "Short"],
              "series": [{"name": "All", "values": [10, 20]}]}
    fig = charts.published_figure(figure, "Someone 2018")
    labels = [a["text"] for a in fig["layout"]["annotations"]]
    assert "<br>" in labels[0] and labels[1] == "Short"
    band_px = (fig["layout"]["height"] - fig["layout"]["margin"]["t"] - fig["layout"]["margin"]["b"]) / 2
    assert (fig["data"][0]["offset"] + 0.5) * band_px >= 2 * charts.LABEL_LINE_PX
