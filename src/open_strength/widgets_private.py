"""Widgets that hold free text. They keep it on the page: no trait carries what the person writes."""
from __future__ import annotations

from importlib import resources

import anywidget
import traitlets

_STATIC = resources.files("open_strength") / "static"


class Reflection(anywidget.AnyWidget):
    _esm = (_STATIC / "reflection.js").read_text(encoding="utf-8")
    _css = (_STATIC / "reflection.css").read_text(encoding="utf-8")

    prompt = traitlets.Unicode("").tag(sync=True)
