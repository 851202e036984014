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
