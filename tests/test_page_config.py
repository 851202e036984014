"""What the pages are told about the charting library: where it is, and which pages fetch it ahead."""
import inspect
import json

from open_strength import facilitator, page_config, show

PLOTLY_CONFIG = {"federated_extensions": [{"name": "anywidget", "load": "a.js"},
                                          {"name": "jupyterlab-plotly", "load": "p.js"}], "baseUrl": "/"}
# What a page part's source shows when it draws a chart, directly or through the code it hands over to.
DRAWS = ("application/vnd.plotly", "_deferred_chart", "charts.", "_OverlapView", "assessment_for", "Dashboard(")


def notebook(tmp_path, *sources):
    path = tmp_path / "page.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": ["show.form( in prose"]}]
                               + [{"cell_type": "code", "source": [s]} for s in sources]}))
    return str(path)


def test_the_charting_parts_are_the_parts_whose_code_draws_charts():
    parts = {f"show.{name}": fn for name, fn in inspect.getmembers(show, inspect.isfunction)
             if not name.startswith("_") and fn.__module__ == show.__name__}
    parts["facilitator.dashboard"] = facilitator.dashboard
    drawing = {name for name, fn in parts.items() if any(marker in inspect.getsource(fn) for marker in DRAWS)}
    assert drawing == page_config.CHARTING_PARTS
    assert "show.support_footer" in parts and "show.reflection" in parts  # the scan saw the parts


def test_no_page_loads_the_charting_extension_and_every_page_names_the_charting_library(tmp_path):
    import importlib.metadata

    library = f"/open-strength/static/plotly.min.js?v={importlib.metadata.version('plotly')}"
    for source in ("show.reflection('x')", 'show.form("baseline-checkin")', "facilitator.dashboard()"):
        config = page_config.workshop_page_config(PLOTLY_CONFIG, notebook_path=notebook(tmp_path, source), log=None)
        assert [e["name"] for e in config["federated_extensions"]] == ["anywidget"]
        assert config["baseUrl"] == "/" and config[page_config.CHARTING_LIBRARY_KEY] == library
    assert len(PLOTLY_CONFIG["federated_extensions"]) == 2  # Voila's own dict is left as it was
    on_binder = page_config.workshop_page_config({**PLOTLY_CONFIG, "baseUrl": "/user/abc/"})
    assert on_binder[page_config.CHARTING_LIBRARY_KEY].startswith("/user/abc/open-strength/static/plotly.min.js?v=")


def test_the_charting_library_is_the_plotly_packages_own_file():
    from pathlib import Path

    import plotly

    folder, version = page_config.charting_library()
    assert Path(folder) == Path(plotly.__file__).parent / "package_data" and version == plotly.__version__
    assert (Path(folder) / "plotly.min.js").stat().st_size > 1_000_000


def test_only_a_page_without_charts_fetches_the_library_ahead_and_so_does_not_one_that_cannot_be_read(tmp_path):
    url = page_config.charting_library_url("/")
    quiet = page_config.workshop_page_config(PLOTLY_CONFIG, notebook_path=notebook(tmp_path, "show.reflection('x')"))
    assert quiet[page_config.PREFETCH_KEY] == [url]
    for source in ('show.form("baseline-checkin")', "show.published_chart ('x')", "facilitator.dashboard()"):
        config = page_config.workshop_page_config(PLOTLY_CONFIG, notebook_path=notebook(tmp_path, source))
        assert page_config.PREFETCH_KEY not in config  # it loads the library itself when a chart is near
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{ not json")
    assert page_config.PREFETCH_KEY not in page_config.workshop_page_config(PLOTLY_CONFIG, notebook_path=str(broken))
    gone = page_config.workshop_page_config(PLOTLY_CONFIG, notebook_path=str(tmp_path / "gone.ipynb"))
    assert page_config.PREFETCH_KEY not in gone


def test_without_the_library_a_page_names_none_and_fetches_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(page_config, "charting_library", lambda: ("", ""))
    config = page_config.workshop_page_config(PLOTLY_CONFIG, notebook_path=notebook(tmp_path, "show.reflection('x')"))
    assert page_config.CHARTING_LIBRARY_KEY not in config and page_config.PREFETCH_KEY not in config
    assert [e["name"] for e in config["federated_extensions"]] == ["anywidget"]


def test_an_edited_page_is_read_again(tmp_path):
    import os

    path = notebook(tmp_path, "show.reflection('x')")
    assert not page_config.draws_charts(path)
    notebook(tmp_path, "show.form('baseline-checkin')")
    os.utime(path, (1, 1))  # a different modification time, whatever the clock's resolution
    assert page_config.draws_charts(path)


def test_a_path_relative_to_the_served_folder_is_read_there(tmp_path):
    from types import SimpleNamespace

    notebook(tmp_path, "show.reflection('x')")
    settings = {"contents_manager": SimpleNamespace(root_dir=str(tmp_path))}
    config = page_config.workshop_page_config(PLOTLY_CONFIG, notebook_path="page.ipynb", settings=settings)
    assert page_config.PREFETCH_KEY in config  # read as the page without charts it is
