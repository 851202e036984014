"""The route that serves plotly.js to the pages, for a Jupyter server that runs Voila as an extension
(Binder: binder/jupyter_server_config.py switches it on). `open-strength serve` adds the same route
itself (voila_server)."""
from __future__ import annotations


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "open_strength.server_extension"}]


def _load_jupyter_server_extension(serverapp) -> None:
    from .voila_server import charting_library_handler

    web_app = serverapp.web_app
    web_app.add_handlers(".*$", [charting_library_handler(web_app.settings["base_url"])])
