"""Widgets that live in the browser: free text (no trait carries what the person writes) and the choice
of what the browser keeps."""
from __future__ import annotations

from importlib import resources

import anywidget
import traitlets

from .device import bundle

_STATIC = resources.files("open_strength") / "static"


class Reflection(anywidget.AnyWidget):
    _esm = bundle("reflection.js")
    _css = (_STATIC / "reflection.css").read_text(encoding="utf-8")

    prompt = traitlets.Unicode("").tag(sync=True)
    # Names the browser's copy of the text (kept only if the participant chose to keep things).
    store_key = traitlets.Unicode("").tag(sync=True)
    shared_device = traitlets.Bool(False).tag(sync=True)


class DeviceSettings(anywidget.AnyWidget):
    """Nothing saved, keep in this browser, or shared computer: the choice is made and kept in the browser."""

    _esm = bundle("device_settings.js")
    _css = (_STATIC / "likert_form.css").read_text(encoding="utf-8")
    shared_device = traitlets.Bool(False).tag(sync=True)
    host = traitlets.Unicode("").tag(sync=True)


class OverlapExplorer(anywidget.AnyWidget):
    """Pick an effect size; the kernel redraws the curves and the words (see show.overlap_explorer)."""

    _esm = bundle("overlap_explorer.js")
    _css = (_STATIC / "likert_form.css").read_text(encoding="utf-8")
    presets = traitlets.List().tag(sync=True)
    d = traitlets.Float(0.22).tag(sync=True)


class _BrowserOnly(anywidget.AnyWidget):
    """A widget whose participant input never leaves the page: only its setup is synced."""

    _css = (_STATIC / "likert_form.css").read_text(encoding="utf-8") + (_STATIC / "reflection.css").read_text(encoding="utf-8")
    shared_device = traitlets.Bool(False).tag(sync=True)


class EmotionVocabulary(_BrowserOnly):
    _esm = bundle("emotion_vocabulary.js")
    groups = traitlets.List().tag(sync=True)


class TurnTimer(_BrowserOnly):
    _esm = bundle("turn_timer.js")
    phases = traitlets.List().tag(sync=True)


class CycleMap(_BrowserOnly):
    _esm = bundle("cycle_map.js")


class DisclosureLadder(_BrowserOnly):
    _esm = bundle("disclosure_ladder.js")


class ResponsePractice(_BrowserOnly):
    _esm = bundle("response_practice.js")
    spec = traitlets.Dict().tag(sync=True)


class StartupRewrite(_BrowserOnly):
    _esm = bundle("startup_rewrite.js")
    openings = traitlets.List().tag(sync=True)
    checks = traitlets.List().tag(sync=True)


class PracticeTracker(_BrowserOnly):
    _esm = bundle("practice_tracker.js")
