"""A self-assessment form as the page draws it: its wording and its starting state, without widgets.

Kept free of ipywidgets and anywidget so that a page served by Voila can show its form before the
kernel has imported them (see `show.form`): the form's widgets are then built when the page's widget
manager asks for them, and the page links them to the form drawn here (late_model.js).
"""
from __future__ import annotations

import os

from . import device
from .instruments import Instrument

SCRIPTS = ("plotly_loader.js", "part_link.js", "likert_form.js")
CSS_FILES = ("likert_form.css",)
SETTINGS = {
    "question": "I am doing this:",
    "options": [{"value": "group", "label": "with a group"}, {"value": "solo", "label": "on my own"}],
}


def form_spec(instrument: Instrument) -> dict:
    """What the browser needs to draw the form: wording only, no scoring keys."""
    if instrument.alt_wording:
        alt = instrument.alt_wording
        sections = [
            {"id": "self", "label": alt.self_label, "items": [{"id": i.id, "text": i.text} for i in instrument.items]},
            {"id": "others", "label": alt.label, "labels": {"group": alt.label, "solo": alt.solo_label},
             "items": [{"id": i.id, "text": i.alt_text or i.text} for i in instrument.items]},
        ]
    elif instrument.columns:
        # A grid is asked one row (topic) at a time: a fieldset per row, one radio group per cell.
        sections = [{"id": "main", "label": None,
                     "groups": [{"id": s.id, "label": s.name} for s in instrument.subscales],
                     "items": [{"id": i.id, "text": i.text, "group": i.subscale} for i in instrument.items]}]
    else:
        sections = [{"id": "main", "label": None, "items": [{"id": i.id, "text": i.text} for i in instrument.items]}]
    spec = {
        "instrument": instrument.id,
        "version": instrument.version,
        "title": instrument.title,
        "scale": list(instrument.scale),
        "skip_label": instrument.skip_label,
        "sections": sections,
        "submit_label": "Show my results",
    }
    if instrument.alt_wording and not instrument.alt_wording.retrospective:
        spec["settings"] = SETTINGS
    return spec


def baseline_id(instrument: Instrument) -> str:
    """The instrument whose saved answers this form is compared with (the post check-in's baseline), or ''."""
    alt = instrument.alt_wording
    return instrument.items_from if alt and alt.retrospective and instrument.items_from else ""


def initial_state(instrument: Instrument, place: str = "") -> dict:
    """The form widget's state before anyone answers; the part drawn at `place` starts from the same.
    Without a place, the widget draws the form itself."""
    return {"spec": form_spec(instrument), "setting": "group", "answers": {}, "submit_count": 0, "done_count": 0,
            "error": "", "shared_device": device.shared_device(), "host": device.host(), "part": place}


def show(state: dict, later_view: str = "") -> None:
    """Draw the form with the page. With `later_view`, the page shows that widget (the form's widgets,
    built after this) below the form once the kernel has built it."""
    from .page_parts import show_part

    setup = {**state, "later_view": later_view} if later_view else state
    show_part(SCRIPTS, setup, CSS_FILES, in_words=state["spec"]["title"], place=state["part"])


def served_by_voila() -> bool:
    """Voila sets this for the kernels it starts (and for its preheated ones)."""
    return "VOILA_BASE_URL" in os.environ
