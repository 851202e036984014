"""The overlap explorer's control: a widget, because the kernel redraws the curves and their words.

Parts that send nothing to the kernel (writing boxes, the privacy choices, the practice exercises)
are not widgets: see page_parts.
"""
from __future__ import annotations

from importlib import resources

import anywidget
import traitlets

from .device import bundle

_STATIC = resources.files("open_strength") / "static"


class OverlapExplorer(anywidget.AnyWidget):
    """Pick an effect size; the kernel redraws the curves and the words (see show.overlap_explorer)."""

    _esm = bundle("overlap_explorer.js")
    _css = (_STATIC / "likert_form.css").read_text(encoding="utf-8")
    presets = traitlets.List().tag(sync=True)
    d = traitlets.Float(0.22).tag(sync=True)
