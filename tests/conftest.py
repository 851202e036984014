from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def sample():
    from open_strength.instruments import load_file

    return load_file(FIXTURES / "instruments" / "sample.yaml")


def chart_figure(output: dict) -> dict:
    """The plotly figure an output shows: a chart's kept place (a widget view) holds it in its slot."""
    from ipywidgets.widgets.widget import _instances

    from open_strength.chart_slot import PLOTLY_MIME, ChartSlot

    data = output["data"]
    assert PLOTLY_MIME not in data, "charts are shown in kept places, never as bare bundles"
    view = _instances[data["application/vnd.jupyter.widget-view+json"]["model_id"]]
    (slot,) = [child for child in view.children if isinstance(child, ChartSlot)]
    assert slot.figure["data"], "the place holds no chart"
    return slot.figure
