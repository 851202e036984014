"""The self-assessment form (a small anywidget of native HTML) and its results panel."""
from __future__ import annotations

import html
from importlib import resources

import anywidget
import ipywidgets as widgets
import traitlets

from . import charts, scoring
from .instruments import Instrument

_STATIC = resources.files("open_strength") / "static"

SETTINGS = {
    "question": "I am doing this:",
    "options": [{"value": "group", "label": "with a group"}, {"value": "solo", "label": "on my own"}],
}
OTHERS_PHRASE = {"group": "most men in this group", "solo": "most men I know"}


class LikertForm(anywidget.AnyWidget):
    _esm = (_STATIC / "likert_form.js").read_text(encoding="utf-8")
    _css = (_STATIC / "likert_form.css").read_text(encoding="utf-8")

    spec = traitlets.Dict().tag(sync=True)
    setting = traitlets.Unicode("group").tag(sync=True)
    # Scores only, and only on submit: {section: {item_id: value or None for "prefer not to say"}}.
    answers = traitlets.Dict().tag(sync=True)
    submit_count = traitlets.Int(0).tag(sync=True)
    done_count = traitlets.Int(0).tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)


def form_spec(instrument: Instrument) -> dict:
    """What the browser needs to draw the form: wording only, no scoring keys."""
    if instrument.alt_wording:
        alt = instrument.alt_wording
        sections = [
            {"id": "self", "label": alt.self_label, "items": [{"id": i.id, "text": i.text} for i in instrument.items]},
            {"id": "others", "label": alt.label, "labels": {"group": alt.label, "solo": alt.solo_label},
             "items": [{"id": i.id, "text": i.alt_text} for i in instrument.items]},
        ]
    else:
        sections = [{"id": "main", "label": None, "items": [{"id": i.id, "text": i.text} for i in instrument.items]}]
    spec = {
        "instrument": instrument.id,
        "title": instrument.title,
        "scale": list(instrument.scale),
        "skip_label": instrument.skip_label,
        "sections": sections,
        "submit_label": "Show my results",
    }
    if instrument.alt_wording:
        spec["settings"] = SETTINGS
    return spec


def clean_answers(instrument: Instrument, raw: object) -> dict[str, int | None]:
    """Keep only known items with a value on the scale or None; anything else from the page is dropped."""
    clean: dict[str, int | None] = {}
    if not isinstance(raw, dict):
        return clean
    known = {i.id for i in instrument.items}
    for item_id, value in raw.items():
        if item_id not in known:
            continue
        if value is None:
            clean[item_id] = None
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() \
                and instrument.scale_min <= int(value) <= instrument.scale_max:
            clean[item_id] = int(value)
    return clean


def _summary_html(title: str, lines: list[str], descriptions: list[str]) -> str:
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    described = "".join(f"<li>{html.escape(d)}</li>" for d in descriptions)
    body = f"<h4>{html.escape(title)}</h4><ul>{items}</ul>"
    if described:
        body += f"<h4>What your answers say, in words</h4><ul class='os-descriptions'>{described}</ul>"
    return f"<section class='os-summary' aria-label='{html.escape(title)}'>{body}</section>"


def _display(bundle: dict) -> dict:
    return {"output_type": "display_data", "data": bundle, "metadata": {}}


class SelfAssessment:
    """Form plus results panel. Scores are kept in memory only, for this page's charts."""

    def __init__(self, instrument: Instrument):
        self.instrument = instrument
        self.form = LikertForm(spec=form_spec(instrument))
        self.results = widgets.Output(layout=widgets.Layout(width="100%"))
        self.scores: dict[str, list[scoring.SubscaleScore]] = {}
        self.form.observe(self._on_submit, names="submit_count")
        self.view = widgets.VBox([self.form, self.results], layout=widgets.Layout(width="100%"))

    def submit(self, answers: dict, setting: str | None = None) -> None:
        """Do what the browser's submit does: used by tests and by imports of saved answers."""
        if setting is not None:
            self.form.setting = setting
        self.form.answers = answers
        self.form.submit_count += 1

    def _on_submit(self, change) -> None:
        try:
            self.results.outputs = tuple(self._render())
            self.form.error = ""
        except Exception:  # a failed callback must say so on the page instead of doing nothing
            self.form.error = ("Something went wrong while drawing your results. Your answers are still on "
                               "this page. Please try again, or reload the page.")
            raise
        finally:
            self.form.done_count = self.form.submit_count

    def _render(self) -> list[dict]:
        inst = self.instrument
        raw = self.form.answers or {}
        if not inst.alt_wording:
            own = scoring.subscale_scores(inst, clean_answers(inst, raw.get("main")))
            self.scores = {"main": own}
            return _chart_with_words(inst, [("Your answers", own)], "Your chart in words",
                                     [d.text for d in scoring.describe(inst, own)])
        alt = inst.alt_wording
        setting = self.form.setting if self.form.setting in OTHERS_PHRASE else "group"
        own = scoring.subscale_scores(inst, clean_answers(inst, raw.get("self")))
        others = scoring.subscale_scores(inst, clean_answers(inst, raw.get("others")))
        self.scores = {"self": own, "others": others}
        others_label = alt.label if setting == "group" else alt.solo_label
        gaps = [g.text for g in scoring.describe_gaps(inst, own, others, OTHERS_PHRASE[setting])]
        return (_chart_with_words(inst, [(alt.self_label, own)], f"{alt.self_label}, in words",
                                  [d.text for d in scoring.describe(inst, own)], title=alt.self_label)
                + _chart_with_words(inst, [(alt.self_label, own), (others_label, others)],
                                    "The two side by side, in words", gaps, title="Side by side"))


def _chart_with_words(inst: Instrument, series, heading: str, descriptions: list[str], title: str | None = None) -> list[dict]:
    figure = charts.profile_figure(inst, series, title=title)
    lines = charts.profile_summary(inst, series)
    chart_title = html.escape(figure["layout"]["meta"]["title"])
    return [
        _display({"text/html": f"<h4 class='os-chart-title'>{chart_title}</h4>", "text/plain": chart_title}),
        _display({"application/vnd.plotly.v1+json": figure, "text/plain": "\n".join(lines)}),
        _display({"text/html": _summary_html(heading, lines, descriptions),
                  "text/plain": "\n".join(lines + descriptions)}),
    ]
