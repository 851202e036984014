"""Page parts rendered by the package, checked as the HTML a participant would get."""
from open_strength import data, show


def captured(monkeypatch):
    out = []
    monkeypatch.setattr(show, "display", lambda obj, raw=False: out.append(obj))
    return out


def test_support_footer_lists_checked_lines_as_tel_links(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    out = captured(monkeypatch)
    show.support_footer()
    html = out[0]["text/html"]
    assert html.startswith("<aside class='os-support-footer'")
    assert "href='tel:988'" in html
    assert "href='tel:116123'" in html
    assert data.support_lines()["last_checked"].__str__() in html


def test_sources_attribute_partly_verified(monkeypatch):
    out = captured(monkeypatch)
    partly = next(k for k, r in data.references().items() if r["status"] == "PARTLY VERIFIED")
    verified = next(k for k, r in data.references().items() if r["status"] == "VERIFIED")
    show.sources(verified, partly)
    html = out[0]["text/html"]
    assert html.count("<li>") == 2
    assert html.count("Partly verified") == 1


def test_local_resources_warns_when_stale_and_reports_a_broken_file(monkeypatch, tmp_path):
    out = captured(monkeypatch)
    path = tmp_path / "local.yaml"
    path.write_text("last_checked: 2020-01-01\nresources:\n  - {name: Help desk, contact: ring 0}\n", encoding="utf-8")
    monkeypatch.setenv(data.LOCAL_RESOURCES_ENV, str(path))
    show.local_resources()
    assert "more than six months" in out[-1]["text/html"] and "Help desk" in out[-1]["text/html"]
    path.write_text("resources: [\n", encoding="utf-8")
    show.local_resources()
    assert "could not be read" in out[-1]["text/html"] and "line" in out[-1]["text/html"]


def test_a_broken_instrument_shows_a_message_and_the_page_goes_on(monkeypatch):
    out = captured(monkeypatch)
    show.form("no-such-instrument")
    assert "could not be loaded" in out[0]["text/html"]


def test_local_resources_without_entries_says_so(monkeypatch, tmp_path):
    out = captured(monkeypatch)
    path = tmp_path / "local.yaml"
    path.write_text("last_checked: 2026-11-01\nresources: []\n", encoding="utf-8")
    monkeypatch.setenv(data.LOCAL_RESOURCES_ENV, str(path))
    show.local_resources()
    assert "has not added local services yet" in out[-1]["text/html"]


def test_the_shipped_local_resources_file_reads():
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[1] / "facilitator-guide" / "local-resources.yaml"
    local = data.read_local_resources(shipped)
    assert isinstance(local["resources"], list)


def test_a_published_chart_is_drawn_by_the_page_from_its_figure_with_its_words_beside_it(monkeypatch):
    from open_strength import charts
    from open_strength.chart_slot import DeferredChart
    from open_strength.device import bundle
    from open_strength.page_parts import CHART_SCRIPTS
    from tests.test_page_parts import parts_shown

    out = captured(monkeypatch)
    shown = parts_shown(monkeypatch)
    show.published_chart("manhood-sources-2018")
    title, words = out
    ((source, setup, in_words),) = shown
    assert "os-chart-title" in title["text/html"] and "in words" in words["text/html"]
    figure = data.published_figures()["manhood-sources-2018"]
    expected = charts.published_figure(figure, data.references()[figure["source_key"]]["short"])
    assert source == bundle(*CHART_SCRIPTS) == DeferredChart({"text/plain": "x"}).slot._esm  # a kept place's script
    assert setup == {"figure": expected, "height": expected["layout"]["height"], "drawn": False, "in_page": True}
    assert in_words == "\n".join(charts.published_summary(figure))
    assert DeferredChart({"text/plain": "x"}).slot.height == charts.DEFAULT_HEIGHT == 360


def test_the_feelings_wheel_is_drawn_by_the_page(monkeypatch):
    from tests.test_page_parts import parts_shown

    out = captured(monkeypatch)
    shown = parts_shown(monkeypatch)
    show.emotion_vocabulary()
    wheel = next(setup for _, setup, _ in shown if "figure" in setup)
    assert wheel["figure"]["data"][0]["type"] == "sunburst" and wheel["in_page"] is True
    assert "in words" in next(o["text/html"] for o in out if isinstance(o, dict) and "wheel in words" in o.get("text/html", ""))
