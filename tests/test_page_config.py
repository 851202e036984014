"""Which pages load the charting extension: only those whose parts draw charts."""
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


def test_a_page_without_charts_is_served_without_the_charting_extension(tmp_path):
    path = notebook(tmp_path, "from open_strength import show", "show.reflection('x')\nshow.support_footer()")
    config = page_config.leave_out_unused_extensions(PLOTLY_CONFIG, notebook_path=path, log=None)
    assert [e["name"] for e in config["federated_extensions"]] == ["anywidget"]
    assert config["baseUrl"] == "/"
    assert len(PLOTLY_CONFIG["federated_extensions"]) == 2  # Voila's own dict is left as it was


def test_a_page_that_draws_a_chart_keeps_it_and_so_does_a_page_that_cannot_be_read(tmp_path):
    for source in ('show.form("baseline-checkin")', "show.published_chart ('x')", "facilitator.dashboard()"):
        path = notebook(tmp_path, source)
        assert page_config.leave_out_unused_extensions(PLOTLY_CONFIG, notebook_path=path) == PLOTLY_CONFIG
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{ not json")
    assert page_config.leave_out_unused_extensions(PLOTLY_CONFIG, notebook_path=str(broken)) == PLOTLY_CONFIG
    assert page_config.leave_out_unused_extensions(PLOTLY_CONFIG, notebook_path=str(tmp_path / "gone.ipynb")) == PLOTLY_CONFIG
    assert page_config.leave_out_unused_extensions(PLOTLY_CONFIG) == PLOTLY_CONFIG


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
    config = page_config.leave_out_unused_extensions(PLOTLY_CONFIG, notebook_path="page.ipynb", settings=settings)
    assert [e["name"] for e in config["federated_extensions"]] == ["anywidget"]


def test_a_page_without_charts_names_the_charting_scripts_to_fetch_ahead(tmp_path):
    path = notebook(tmp_path, "show.reflection('x')")
    config = page_config.leave_out_unused_extensions({**PLOTLY_CONFIG, "fullLabextensionsUrl": "/base/voila/labextensions"},
                                                     notebook_path=path)
    urls = config[page_config.PREFETCH_KEY]
    assert any(u.startswith("/base/voila/labextensions/jupyterlab-plotly/static/remoteEntry.") for u in urls)
    chunks = [u for u in urls if "?v=" in u]
    assert chunks and all(u.split("?v=")[1] in u.split("?v=")[0] for u in chunks)  # the loader's own naming
    with_charts = page_config.leave_out_unused_extensions({**PLOTLY_CONFIG, "fullLabextensionsUrl": "/x"},
                                                          notebook_path=notebook(tmp_path, "show.form('baseline-checkin')"))
    assert page_config.PREFETCH_KEY not in with_charts
