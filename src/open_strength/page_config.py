"""What each page's scripts load, and where the pages find the charting library.

The pages draw their charts with plotly.js themselves (chart_slot.js), loaded from the workshop's own
server the first time a chart is near: JupyterLab's charting extension, which Voila would load
before it connects a page to its kernel, is never loaded. plotly.js is 4.8 MB (1.7 MB compressed),
about half of what a phone downloads for its first page. Pages that never draw a chart (the landing
and start pages, most readings and most exercises) ask the browser to prefetch it once they have
settled, so that the next page with a chart finds it in the cache. Kept free of heavy imports: the
server reads it, not the kernels.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

CHARTING_EXTENSION = "jupyterlab-plotly"  # never loaded by the pages (see above)
# The page parts (functions in `show` and `facilitator`) that draw plotly charts. A test reads the
# source of every page part and checks this list against it.
CHARTING_PARTS = frozenset({"show.form", "show.published_chart", "show.overlap_explorer", "show.emotion_vocabulary",
                            "facilitator.dashboard"})
_CALL = re.compile(r"\b(\w+\.\w+)\s*\(")
PREFETCH_KEY = "openStrengthPrefetch"  # read by the template's open-strength.js


@lru_cache(maxsize=256)
def _draws_charts(path: str, _modified: float) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            cells = json.load(handle).get("cells", [])
        code = "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")
    except (OSError, ValueError, AttributeError, TypeError):
        return True  # unreadable here: keep the extension, and let Voila report the notebook as it does
    return bool(CHARTING_PARTS & set(_CALL.findall(code)))


def draws_charts(notebook_path: str) -> bool:
    try:
        modified = os.path.getmtime(notebook_path)
    except OSError:
        return True
    return _draws_charts(notebook_path, modified)


CHARTING_LIBRARY_ROUTE = "open-strength/static/plotly.min.js"  # under the server's base URL
CHARTING_LIBRARY_KEY = "openStrengthPlotly"  # read by plotly_loader.js


@lru_cache(maxsize=1)
def charting_library() -> tuple[str, str]:
    """The folder that holds the plotly Python package's own plotly.js, and that package's version
    (which names the file's version in its URL); empty if it is not there."""
    try:
        spec = importlib.util.find_spec("plotly")
        folder = Path(next(iter(spec.submodule_search_locations))) / "package_data"
        if not (folder / "plotly.min.js").is_file():
            return "", ""
        return str(folder), version("plotly")
    except (ImportError, StopIteration, TypeError, AttributeError, PackageNotFoundError):
        return "", ""


def charting_library_url(base_url: str) -> str:
    folder, plotly_version = charting_library()
    return f"{base_url.rstrip('/')}/{CHARTING_LIBRARY_ROUTE}?v={plotly_version}" if folder else ""


def workshop_page_config(page_config: dict, notebook_path: str = "", settings: dict | None = None,
                         **_context) -> dict:
    """Voila's page_config_hook: the page's config without the charting extension, naming the charting
    library, and, on a page that draws no chart, asking for the library to be fetched ahead.
    Voila gives the notebook's path relative to the folder it serves (its contents manager's root)."""
    page_config = dict(page_config)
    page_config["federated_extensions"] = [ext for ext in page_config.get("federated_extensions", [])
                                           if ext.get("name") != CHARTING_EXTENSION]
    url = charting_library_url(page_config.get("baseUrl") or "/")
    if not url:
        return page_config
    page_config[CHARTING_LIBRARY_KEY] = url
    root = getattr((settings or {}).get("contents_manager"), "root_dir", "") or ""
    if notebook_path and not os.path.isabs(notebook_path) and root:
        notebook_path = os.path.join(root, notebook_path)
    if notebook_path and not draws_charts(notebook_path):
        page_config[PREFETCH_KEY] = [url]
    return page_config
