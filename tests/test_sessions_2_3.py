"""Sessions 2 and 3: the overlap explorer's statistics, grid forms, and the browser-only widgets' setup."""
import math

import pytest

from open_strength import charts, form_part, forms, overlap, saved, scoring, show
from open_strength.instruments import load, load_file

from tests.conftest import FIXTURES, chart_figure


@pytest.fixture
def grid():
    return load_file(FIXTURES / "instruments" / "sample-grid.yaml")


# ---- overlap explorer: values worked by hand from the normal table -------------------------------

@pytest.mark.parametrize("d, ovl, pick, u3", [
    (0.22, 0.9124, 0.5618, 0.5871),   # 2*Phi(-0.11); Phi(0.22/sqrt 2); Phi(0.22)
    (0.49, 0.8065, 0.6355, 0.6879),
    (1.0, 0.6171, 0.7602, 0.8413),
    (0.0, 1.0, 0.5, 0.5),
])
def test_overlap_matches_hand_worked_values(d, ovl, pick, u3):
    o = overlap.overlap(d)
    assert o.overlap == pytest.approx(ovl, abs=1e-4)
    assert o.higher_pick == pytest.approx(pick, abs=1e-4)
    assert o.above_average == pytest.approx(u3, abs=1e-4)


@pytest.mark.parametrize("bad, expected", [(-1, 0.0), (7, 2.0), (float("nan"), 0.0), ("0.3", 0.0), (True, 0.0)])
def test_overlap_clamps_what_the_page_sends(bad, expected):
    assert overlap.clamp(bad) == expected


def test_overlap_in_words_names_the_measure_and_the_numbers():
    words = overlap.describe(0.49, "man", "woman", "men", "more difficulty with feelings")
    assert "80.6%" in words[0] and "overlapping coefficient" in words[0]
    assert "64 times in 100" in words[1] and "more difficulty with feelings" in words[1]
    assert "69 in 100 men" in words[2]
    assert overlap.describe(0, "man", "woman", "men", "m") == [
        "With d = 0, the two curves lie on top of each other: no difference at all."]


def test_curves_are_normal_and_centred():
    xs, low, high = overlap.curves(0.5)
    peak_low, peak_high = xs[low.index(max(low))], xs[high.index(max(high))]
    assert peak_low == pytest.approx(0, abs=0.1) and peak_high == pytest.approx(0.5, abs=0.1)
    assert max(low) == pytest.approx(1 / math.sqrt(2 * math.pi), abs=1e-3)


def test_explorer_redraws_when_the_page_picks_a_preset():
    view = show._OverlapView("alexithymia-2024")
    assert view.results.outputs == ()  # nothing drawn into a page that is not shown yet
    view.control._handle_custom_msg({"kind": "shown"}, [])
    assert "d = 0.22" in view.results.outputs[0]["data"]["text/plain"]
    view.control.d = 0.49
    heading, chart, words = view.results.outputs
    assert "d = 0.49" in heading["data"]["text/plain"]
    assert "80.6%" in words["data"]["text/html"] and "Mendia et al. 2024" in words["data"]["text/html"]
    assert [t["line"]["dash"] for t in chart_figure(chart)["data"]] == ["solid", "dash"]
    view.control.d = 9  # anything the page sends is held to 0..2
    assert "d = 2.00" in view.results.outputs[0]["data"]["text/plain"]


# ---- grid forms -------------------------------------------------------------------------------

def test_grid_values_and_words_hand_worked(grid):
    answers = {"fears-p": 3, "fears-f": 1, "fears-d": None, "joys-p": 4, "joys-f": 4, "joys-d": 2}
    assert scoring.grid_values(grid, answers) == [[3, 1, None], [4, 4, 2]]
    words = scoring.describe_grid(grid, answers)
    # Joys mean 3.33 -> "Fairly"; fears mean 2.0 -> "A little"; most-agreed row first.
    assert words[0] == "Joys: your answers sat nearest “Fairly” on average, and were highest for “Partner” and “Friend” (“Very”)."
    assert words[1] == "Fears: your answers sat nearest “A little” on average, and were highest for “Partner” (“Fairly”)."
    assert "Partner: across the topics, your answers sat nearest “Very” on average." in words  # (3+4)/2 = 3.5 rounds up
    assert "Friend: across the topics, your answers sat nearest “A little” on average." not in words  # (1+4)/2 = 2.5 -> "Fairly"
    assert "Friend: across the topics, your answers sat nearest “Fairly” on average." in words
    assert not any(w.startswith("Doctor") for w in words), "one answer is not enough to describe a column"


def test_grid_row_with_too_few_answers_is_named_not_guessed(grid):
    words = scoring.describe_grid(grid, {"fears-p": 2})
    assert any(w.startswith("Fears: not described, because 1 of 3") for w in words)


def test_grid_chart_leaves_skips_as_gaps_and_summary_has_every_cell(grid):
    values = [[3, None, 1], [None, None, None]]
    fig = charts.grid_figure(grid, values)
    trace = fig["data"][0]
    assert trace["type"] == "heatmap" and trace["z"] == values and trace["zmin"] == 1 and trace["zmax"] == 4
    assert trace["text"][0] == ["3", "–", "1"]
    assert fig["layout"]["meta"]["title"] == "Sample grid"
    lines = charts.grid_summary(grid, values)
    assert "Partner = A partner" in lines[1]
    assert lines[2] == "Fears: Partner 3 (Fairly); Friend skipped; Doctor 1 (Not at all)."
    assert lines[3] == "Joys: all skipped."


def test_grid_form_is_asked_one_row_at_a_time_and_draws_a_map(grid):
    spec = form_part.form_spec(grid)
    section = spec["sections"][0]
    assert [g["id"] for g in section["groups"]] == ["fears", "joys"]
    assert [i["group"] for i in section["items"]] == ["fears"] * 3 + ["joys"] * 3
    a = forms.SelfAssessment(grid)
    a.submit({"main": {"fears-p": 3, "fears-f": 1, "joys-p": 4, "joys-f": 4}})
    assert a.form.error == ""
    heading, chart, words = a.results.outputs
    assert chart_figure(chart)["data"][0]["type"] == "heatmap"
    assert "Your map in words" in words["data"]["text/html"]
    assert saved.restore_from_text(grid, a.save.code).answers == {"main": {"fears-p": 3, "fears-f": 1, "joys-p": 4, "joys-f": 4}}


@pytest.mark.parametrize("instrument_id, rows, columns", [("disclosure-map", 6, 4), ("deflection-profile", 5, 3)])
def test_session_grids_fill_every_cell(instrument_id, rows, columns):
    inst = load(instrument_id)
    assert len(inst.subscales) == rows and len(inst.columns) == columns
    assert all(inst.cell(s.id, c.id) is not None for s in inst.subscales for c in inst.columns)
    assert all(len(c.short) <= 14 for c in inst.columns)
