"""What the notebooks call: each function shows one part of a participant page.

Static parts are plain HTML outputs (cheap to render); interactive parts are small widgets.
"""
from __future__ import annotations

import html
import json
import os
import secrets
from pathlib import Path

from IPython.display import display

from . import data

_PAGE_TITLES_CACHE: dict[str, str] = {}


def _html(markup: str) -> None:
    display({"text/html": markup, "text/plain": ""}, raw=True)


def _esc(text: object) -> str:
    return html.escape(str(text))


def _deferred_chart(figure: dict, in_words: str) -> None:
    """A chart shown as the page opens, drawn by the page once the reader comes near it: a page part
    (see page_parts and chart_slot), so a page whose only widgets would be its charts has none."""
    from .charts import figure_height
    from .page_parts import CHART_SCRIPTS, show_part

    setup = {"figure": figure, "height": figure_height(figure), "drawn": False, "in_page": True}
    show_part(CHART_SCRIPTS, setup, in_words=in_words)


# ---- interactive parts -------------------------------------------------------------------------

def form(instrument_id: str) -> None:
    """The accessible self-assessment form and, after submit, its results panel.

    In a page served by Voila the form is drawn at once and its widgets are built when the page's
    widget manager asks the kernel for widgets, once the page's app has started: importing and
    building them takes about a tenth of a second, which held up sending the page, and then the
    browser starting it. The page shows them once its widget manager has them. Elsewhere
    (JupyterLab, tests) the widgets are built and shown here, with the form."""
    from . import form_part
    from .instruments import InstrumentError, load
    from .page_parts import new_place

    try:
        instrument = load(instrument_id)
        if form_part.baseline_id(instrument):
            load(form_part.baseline_id(instrument))  # a damaged baseline is reported here, on the page
    except InstrumentError as exc:
        _html(f"<p class='os-error' role='alert'>This form could not be loaded: {_esc(exc)}. "
              "Please tell your facilitator. The rest of this page still works.</p>")
        return
    state = form_part.initial_state(instrument, new_place())
    if form_part.served_by_voila():
        view_id = secrets.token_hex(16)
        form_part.show(state, later_view=view_id)
        _when_the_page_asks_for_widgets(lambda: _build_form(instrument, state, view_id))
        return
    from .forms import assessment_for

    form_part.show(state)
    display(assessment_for(instrument, state).view)


# What Voila's widget manager sends once the page's app has started, to learn which widgets the kernel
# holds: its control comm (ipywidgets 8), or a comm_info request (the older way, and its fallback).
_ASKS_FOR_WIDGETS = ("comm_open", "comm_info_request")


def _when_the_page_asks_for_widgets(work) -> None:
    """Do `work` when the page first asks its kernel for widgets, just before the kernel answers, so the
    answer holds every widget it built. Built as soon as the page had been sent, the imports and the
    building took the machine from the browser while it started the page's app (on a machine that
    serves itself, as at home); asked for, they come once the page can show them. A page whose app never
    starts never asks, and nothing is built. Without a kernel (tests, a plain Python), done at once."""
    from IPython import get_ipython

    kernel = getattr(get_ipython(), "kernel", None)
    handlers = getattr(kernel, "shell_handlers", None)
    if not isinstance(handlers, dict) or not all(name in handlers for name in _ASKS_FOR_WIDGETS):
        work()
        return
    pending = getattr(kernel, "_open_strength_pending_widgets", None)
    if pending is None:
        pending = kernel._open_strength_pending_widgets = []
        for name in _ASKS_FOR_WIDGETS:
            handlers[name] = _building_first(handlers[name], pending)
    pending.append(work)


def _building_first(handler, pending: list):
    def build_then_answer(*message):
        while pending:
            pending.pop(0)()
        return handler(*message)

    return build_then_answer


def _build_form(instrument, state: dict, view_id: str) -> None:
    try:
        from .forms import assessment_for

        assessment_for(instrument, state, view_id)  # kept alive by its widgets, as a shown one is
    except Exception:  # nothing on the page can show it now: the server's log can
        import sys
        import traceback

        traceback.print_exc(file=sys.__stderr__)


def reflection(prompt: str) -> None:
    """A private writing box: its text stays in the browser."""
    import hashlib

    from .device import shared_device
    from .page_parts import show_part

    # The same prompt on the same page keeps the same notes; the key says nothing about the text.
    key = hashlib.sha256(f"{Path.cwd().name}/{prompt}".encode()).hexdigest()[:12]
    show_part("reflection.js", {"prompt": prompt, "store_key": key, "shared_device": shared_device()},
              ("reflection.css",), in_words=prompt)


def device_settings() -> None:
    """The participant's choice of what this browser keeps, and a way to forget it all."""
    from . import device
    from .page_parts import show_part

    show_part("device_settings.js", {"shared_device": device.shared_device(), "host": device.host()},
              ("likert_form.css",), in_words="What this browser keeps")


class _OverlapView:
    """The explorer and its output; kept as an object so tests can drive it from Python."""

    def __init__(self, explorer_id: str):
        import ipywidgets as widgets

        from .chart_slot import ChartPlaces
        from .widgets_private import OverlapExplorer

        self.spec = data.effect_sizes()[explorer_id]
        presets = self.spec["presets"]
        self.control = OverlapExplorer(presets=presets, d=presets[0]["d"])
        self.results = widgets.Output(layout=widgets.Layout(width="100%"))
        self.charts = ChartPlaces()
        self.control.observe(lambda change: self.draw(), names="d")
        # Drawn once the page shows the control: a chart drawn into a hidden page gets no height.
        self.control.on_msg(lambda _w, content, _b: self.draw() if content == {"kind": "shown"} else None)
        self.view = widgets.VBox([self.control, self.results], layout=widgets.Layout(width="100%"))

    def draw(self) -> None:
        from . import charts, overlap

        spec = self.spec
        d = overlap.clamp(self.control.d)
        (one_high, many_high), (one_low, many_low) = spec["higher"], spec["lower"]
        xs, low, high = overlap.curves(d)
        title = f"{many_low.capitalize()} and {many_high}, d = {d:.2f}"
        figure = charts.overlap_figure(xs, low, high, many_low.capitalize(), many_high.capitalize(), title,
                                       f"Further right: {spec['measure']}")
        words = overlap.describe(d, one_high, one_low, many_high, spec["measure"])
        ref = data.references()[spec["source_key"]]
        items = "".join(f"<li>{_esc(w)}</li>" for w in words)
        self.results.outputs = self.charts.outputs([
            {"output_type": "display_data", "metadata": {},
             "data": {"text/html": f"<h4 class='os-chart-title'>{_esc(title)}</h4>", "text/plain": title}},
            {"output_type": "display_data", "metadata": {},
             "data": {"application/vnd.plotly.v1+json": figure, "text/plain": "\n".join(words)}},
            {"output_type": "display_data", "metadata": {},
             "data": {"text/html": f"<section class='os-summary' aria-label='The overlap in words'>"
                                   f"<h4>The overlap in words</h4><ul>{items}</ul>"
                                   f"<p class='os-source'>The two preset values are from {_esc(ref['short'])}. "
                                   "The curves assume both groups spread out the same way.</p></section>",
                      "text/plain": "\n".join(words)}},
        ])


def overlap_explorer(explorer_id: str = "alexithymia-2024") -> None:
    """Two overlapping curves for a chosen effect size, with the overlap stated in words."""
    display(_OverlapView(explorer_id).view)


def emotion_vocabulary() -> None:
    """A display-only wheel of feeling words, then the checkboxes and closer words (kept in the browser)."""
    from . import charts

    groups = data.feelings()
    title = "A wheel of feeling words"
    _html(f"<h4 class='os-chart-title'>{_esc(title)}</h4>")
    in_words = "; ".join(f"{g['name']}: " + ", ".join(f["word"] for f in g["feelings"]) for g in groups)
    _deferred_chart(charts.feelings_wheel(groups, title), in_words)
    _html(f"<details class='os-summary'><summary>The wheel in words</summary><p>{_esc(in_words)}.</p></details>")
    _browser_only("emotion_vocabulary.js", groups=groups)


def turn_timer(minutes: int = 2) -> None:
    """The speaker/listener timer: speak, reflect back, swap."""
    # Matches the practice page: the listener says back after each chunk, within the speaker's turn.
    speak = int(minutes * 60)
    phases = [{"label": "Person A speaks; Person B says back what they heard", "seconds": speak},
              {"label": "Swap: Person B speaks; Person A says back what they heard", "seconds": speak}]
    _browser_only("turn_timer.js", phases=phases)


def cycle_map() -> None:
    """Map a cycle from both sides, drawn as a loop, and choose where to break it (kept in the browser)."""
    _browser_only("cycle_map.js")


def _browser_only(script: str, **setup) -> None:
    """An exercise that lives in the browser: only its setup comes from here (see page_parts)."""
    from . import device
    from .page_parts import show_part

    show_part(script, {"shared_device": device.shared_device(), **setup}, ("likert_form.css", "reflection.css"))


def disclosure_ladder() -> None:
    """Steps from easiest to hardest, drawn as a ladder and ticked off over the weeks (in the browser)."""
    _browser_only("disclosure_ladder.js")


def response_practice() -> None:
    """Scenarios with four responses each; the feedback names the style (in the browser)."""
    _browser_only("response_practice.js", spec=data.response_scenarios())


def startup_rewrite() -> None:
    """Rewrite a harsh opening and check it against a short list (the words stay in the browser)."""
    _browser_only("startup_rewrite.js", **data.start_up())


def practice_tracker() -> None:
    """A practice plan and a 30-day tracker by the browser's own dates, private, with a paper version."""
    _browser_only("practice_tracker.js")


# ---- charts of published figures -----------------------------------------------------------------

def published_chart(figure_id: str) -> None:
    from . import charts

    figure = data.published_figures()[figure_id]
    ref = data.references()[figure["source_key"]]
    fig = charts.published_figure(figure, ref["short"])
    lines = charts.published_summary(figure)
    _html(f"<h4 class='os-chart-title'>{_esc(figure['title'])}</h4>")
    _deferred_chart(fig, "\n".join(lines))
    items = "".join(f"<li>{_esc(line)}</li>" for line in lines)
    note = f"<p>{_esc(figure['note'])}</p>" if figure.get("note") else ""
    _html(f"<section class='os-summary' aria-label='{_esc(figure['title'])}, in words'>"
          f"<h4>The chart in words</h4><ul>{items}</ul>{note}"
          f"<p class='os-source'>Source: {_esc(ref['citation'])}</p></section>")


# ---- sources and support -------------------------------------------------------------------------

def sources_html(*keys: str) -> str:
    refs = data.references()
    items = []
    for key in keys:
        ref = refs[key]
        note = (" <em>(Partly verified: the main finding was checked, but some details come only from other "
                "reports.)</em>") if ref["status"] == "PARTLY VERIFIED" else ""
        items.append(f"<li>{_esc(ref['citation'])}{note}</li>")
    return f"<ol class='os-sources'>{''.join(items)}</ol>"


def sources(*keys: str) -> None:
    _html(sources_html(*keys))


def _contact_html(contact: dict) -> str:
    how = _esc(contact.get("how", ""))
    shown = _esc(contact.get("display", contact.get("tel", contact.get("url", ""))))
    if contact.get("tel"):
        link = f"<a href='tel:{_esc(contact['tel'])}'>{shown}</a>"
    elif contact.get("url"):
        link = f"<a href='{_esc(contact['url'])}' target='_blank' rel='noopener'>{shown}</a>"
    else:
        link = shown
    return f"{how} {link}".strip()


def _line_html(line: dict, detail: bool) -> str:
    contacts = "; ".join(_contact_html(c) for c in line["contacts"])
    text = f"<strong>{_esc(line['service'])}</strong>: {contacts}"
    if detail:
        extra = [line.get("for"), f"Hours: {line['hours']}" if line.get("hours") else None]
        if line["status"] == "PARTLY VERIFIED":
            extra.append("Checked only on other websites: confirm it before you rely on it")
        text += "".join(f". {_esc(e)}" for e in extra if e) + "."
    return f"<li>{text}</li>"


def _landing_href() -> str | None:
    """Relative link to the landing page from the current notebook's folder."""
    here = Path.cwd()
    for depth, folder in enumerate((here, *here.parents)):
        if depth > 4:
            break
        if (folder / "index.ipynb").is_file():
            return "/".join([".."] * depth + ["index.ipynb"])
    return None


def support_footer() -> None:
    """Where to get help, at the foot of every participant page (moved into the page's footer)."""
    lines = data.support_lines()
    by_country: dict[str, list[dict]] = {}
    for line in lines["lines"]:
        if line.get("footer"):
            by_country.setdefault(line["country"], []).append(line)
    groups = "".join(
        f"<li><span class='os-country'>{_esc(country)}</span><ul>"
        + "".join(_line_html(l, detail=False) for l in entries) + "</ul></li>"
        for country, entries in by_country.items())
    href = _landing_href()
    more = (f"<p>More lines, including for men, for abuse and for LGBTQ+ people, are on the "
            f"<a href='{_esc(href)}' target='_self'>start page</a>.</p>") if href else ""
    from .device import shared_device

    marker = " data-os-shared-device='server'" if shared_device() else ""
    _html(f"<aside class='os-support-footer' aria-labelledby='os-support-heading'{marker}>"
          "<h2 id='os-support-heading'>Need support now?</h2>"
          "<p>If you or someone else is in danger, call your local emergency number. "
          "If this workshop stirs up something hard, you can talk to someone today:</p>"
          f"<ul class='os-support-list'>{groups}</ul>{more}"
          f"<p class='os-checked'>These numbers were last checked on {_esc(lines['last_checked'])}. "
          f"{_esc(lines.get('note', ''))}</p></aside>")


def support_lines() -> None:
    """The full list of checked lines, by country and kind."""
    lines = data.support_lines()
    by_country: dict[str, list[dict]] = {}
    for line in lines["lines"]:
        by_country.setdefault(line["country"], []).append(line)
    parts = []
    for country, entries in by_country.items():
        items = "".join(_line_html(l, detail=True) for l in entries)
        parts.append(f"<h4>{_esc(country)}</h4><ul class='os-support-list'>{items}</ul>")
    _html("<section class='os-support-all' aria-label='Support lines'>" + "".join(parts)
          + f"<p class='os-checked'>Last checked on {_esc(lines['last_checked'])}. {_esc(lines.get('note', ''))}</p>"
          "</section>")


def local_resources() -> None:
    """The facilitator's local services, with their check date; a warning when it is over six months old."""
    path = data.find_local_resources()
    if path is None:
        _html("<p>Your facilitator has not added local services yet. The lines above are open to everyone.</p>")
        return
    try:
        local = data.read_local_resources(path)
    except data.DataFileError as exc:
        _html(f"<p class='os-error' role='alert'>The local services list could not be read ({_esc(exc)}). "
              "Please tell your facilitator. The support lines on this page still apply.</p>")
        return
    if not local["resources"]:
        _html("<p>Your facilitator has not added local services yet. The lines above are open to everyone.</p>")
        return
    items = "".join(f"<li><strong>{_esc(r['name'])}</strong>: {_esc(r['contact'])}"
                    + (f". {_esc(r['notes'])}" if r.get("notes") else "") + "</li>" for r in local["resources"])
    warning = ""
    if local["stale"]:
        warning = (f"<p class='os-warning' role='note'>This list was last checked {local['age_days']} days ago, "
                   "more than six months. Some details may have changed: check a service before you rely on it.</p>")
    org = _esc(local.get("organisation", ""))
    _html(f"<section class='os-local' aria-label='Local services'><h4>Local services{(' from ' + org) if org else ''}</h4>"
          f"<ul>{items}</ul><p class='os-checked'>Last checked on {_esc(local['last_checked'])}.</p>{warning}</section>")


# ---- navigation ---------------------------------------------------------------------------------

def _notebook_meta(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as handle:
            meta = json.load(handle).get("metadata", {}).get("open_strength", {})
        return meta if isinstance(meta, dict) else {}
    except (OSError, ValueError):
        return {}


def notebook_links() -> None:
    """Links to every notebook under the landing page's folder, by session, relative so they work
    in Voilà and in JupyterLab alike."""
    root = Path.cwd()
    found = []
    paths = []
    # os.walk, unlike Path.rglob before Python 3.13, follows the notebooks/exercises link.
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        paths += [Path(folder) / f for f in files if f.endswith(".ipynb")]
    for path in sorted(paths):
        rel = path.relative_to(root)
        if rel.name == "index.ipynb":
            continue
        meta = _notebook_meta(path)
        if not meta:
            continue
        found.append((meta.get("session", 99), rel.as_posix(), meta))
    found.sort(key=lambda f: (f[0], "exercises/" in f[1], f[1]))
    blocks: dict[int, list[str]] = {}
    for session, rel, meta in found:
        minutes = f" (about {meta['minutes']} minutes)" if meta.get("minutes") else ""
        kind = meta.get("kind", "").replace("-", " ")
        blocks.setdefault(session, []).append(
            f"<li><a href='{_esc(rel)}' target='_self'>{_esc(meta.get('title', rel))}</a> <span class='os-kind'>{_esc(kind)}{_esc(minutes)}</span></li>")
    names = data.session_titles()
    html_blocks = "".join(
        f"<h4>{_esc(f'Session {s}: ' if s else '')}{_esc(names.get(s, ''))}</h4><ul>{''.join(items)}</ul>" for s, items in sorted(blocks.items()))
    _html(f"<nav class='os-links' aria-label='All workshop pages'>{html_blocks}</nav>")
