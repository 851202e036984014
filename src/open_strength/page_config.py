"""What each page's scripts load: the charting extension only on pages that draw charts.

Voila loads every allowed front-end extension before it connects a page to its kernel. The charting
extension is plotly.js (4.8 MB; 1.7 MB compressed), about half of what a phone downloads for its
first page. Pages that never draw a chart (the landing and start pages, most readings and most
exercises) are served without it, and once their widgets are drawn they ask the browser to prefetch
it, so that the next page with a chart finds it in the cache. Kept free of heavy imports: the server
reads it, not the kernels.
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

CHARTING_EXTENSION = "jupyterlab-plotly"
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


@lru_cache(maxsize=1)
def charting_files() -> tuple[str, ...]:
    """The charting extension's scripts, named as its loader asks for them (chunks carry ?v=<hash>)."""
    try:
        from jupyter_core.paths import jupyter_path
        from jupyterlab_server.config import get_federated_extensions

        static = Path(get_federated_extensions(jupyter_path("labextensions"))[CHARTING_EXTENSION]["ext_path"]) / "static"
        found = sorted(static.glob("*.js"))
    except (KeyError, OSError, ImportError):
        return ()
    names = []
    for path in found:
        chunk = re.fullmatch(r"[^.]+\.([0-9a-f]{8,})\.js", path.name)
        if path.name.startswith("remoteEntry."):
            names.append(f"static/{path.name}")
        elif chunk:
            names.append(f"static/{path.name}?v={chunk.group(1)}")
    return tuple(names)


def leave_out_unused_extensions(page_config: dict, notebook_path: str = "", settings: dict | None = None,
                                **_context) -> dict:
    """Voila's page_config_hook: the page's config without the charting extension if it draws no chart.
    Voila gives the notebook's path relative to the folder it serves (its contents manager's root)."""
    root = getattr((settings or {}).get("contents_manager"), "root_dir", "") or ""
    if notebook_path and not os.path.isabs(notebook_path) and root:
        notebook_path = os.path.join(root, notebook_path)
    if notebook_path and not draws_charts(notebook_path):
        page_config = dict(page_config)
        page_config["federated_extensions"] = [ext for ext in page_config.get("federated_extensions", [])
                                               if ext.get("name") != CHARTING_EXTENSION]
        base = page_config.get("fullLabextensionsUrl")
        if base:
            page_config[PREFETCH_KEY] = [f"{base.rstrip('/')}/{CHARTING_EXTENSION}/{name}" for name in charting_files()]
    return page_config
