"""The self-assessment form (a small anywidget of native HTML) and its results panel."""
from __future__ import annotations

import datetime
import html
import json
from importlib import resources

import anywidget
import ipywidgets as widgets
import traitlets

from . import aggregate, charts, codes, device, form_part, group_folder, saved, scoring
from .chart_slot import PLOTLY_MIME, ChartPlaces
from .instruments import Instrument

_STATIC = resources.files("open_strength") / "static"

OTHERS_PHRASE = {"group": "most men in this group", "solo": "most men I know"}


class LikertForm(anywidget.AnyWidget):
    SCRIPTS = form_part.SCRIPTS
    CSS_FILES = form_part.CSS_FILES
    _esm = device.bundle(*SCRIPTS)
    _css = "".join((_STATIC / name).read_text(encoding="utf-8") for name in CSS_FILES)

    spec = traitlets.Dict().tag(sync=True)
    setting = traitlets.Unicode("group").tag(sync=True)
    # Scores only, and only on submit: {section: {item_id: value or None for "prefer not to say"}}.
    answers = traitlets.Dict().tag(sync=True)
    submit_count = traitlets.Int(0).tag(sync=True)
    done_count = traitlets.Int(0).tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)
    shared_device = traitlets.Bool(False).tag(sync=True)
    host = traitlets.Unicode("").tag(sync=True)
    # The page part this widget links itself to (see page_parts); without one, the widget draws the form.
    part = traitlets.Unicode("").tag(sync=True)


class SharePanel(anywidget.AnyWidget):
    """Opt-in sharing with the group: a share code of scores only, or a withdrawal code."""

    _esm = device.bundle("share_panel.js")
    instrument = traitlets.Unicode("").tag(sync=True)
    shared_names = traitlets.List().tag(sync=True)
    ready = traitlets.Bool(False).tag(sync=True)
    share_code = traitlets.Unicode("").tag(sync=True)
    withdraw_code = traitlets.Unicode("").tag(sync=True)
    shared_device = traitlets.Bool(False).tag(sync=True)
    # Facilitator mode: the kernel writes the share into the group folder ("Send to the group").
    group_mode = traitlets.Bool(False).tag(sync=True)
    sent = traitlets.Dict().tag(sync=True)  # {"kind": "sent"|"taken-back"|"failed", "message": ..., "n": count}


class SavePanel(anywidget.AnyWidget):
    """The save code and file after results. It carries answers only: no free text reaches the kernel."""

    _esm = device.bundle("save_panel.js")
    code = traitlets.Unicode("").tag(sync=True)
    file_text = traitlets.Unicode("").tag(sync=True)
    file_base = traitlets.Unicode("answers").tag(sync=True)
    shared_device = traitlets.Bool(False).tag(sync=True)


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

    def __init__(self, instrument: Instrument, state: dict | None = None, view_id: str = ""):
        """`state` is the form's starting state (form_part.initial_state); `view_id`, if given, is the
        model id of `view`, which a page that drew the form before this was built looks for."""
        self.instrument = instrument
        shared = device.shared_device()
        self.form = LikertForm(**(state or form_part.initial_state(instrument)))
        self.results = widgets.Output(layout=widgets.Layout(width="100%"))
        self.save = SavePanel(file_base=f"open-strength-{instrument.id}", shared_device=shared)
        self.group_folder = group_folder.folder_from_environment()
        self.share = SharePanel(instrument=instrument.id, shared_device=shared, group_mode=self.group_folder is not None,
                                shared_names=[instrument.subscale(s).name for s in aggregate.shareable_subscales(instrument)])
        self.share.on_msg(self._on_share_message)
        self.scores: dict[str, list[scoring.SubscaleScore]] = {}
        self.charts = ChartPlaces()  # the results' charts keep their places across submits
        self.cleaned: dict[str, dict[str, int | None]] = {}
        self.form.observe(self._on_submit, names="submit_count")
        self.form.on_msg(self._on_message)
        # Made last: once the page has the view it links the form, and from then the form's messages
        # must find everything above in place (in Voila the page is connected and waiting by now).
        self.view = widgets.VBox(self._children(), layout=widgets.Layout(width="100%"),
                                 **({"model_id": view_id} if view_id else {}))

    def _children(self) -> list:
        return [self.form, self.results, self.save, self.share]

    def submit(self, answers: dict, setting: str | None = None) -> None:
        """Do what the browser's submit does: used by tests and by imports of saved answers."""
        if setting is not None:
            self.form.setting = setting
        self.form.answers = answers
        self.form.submit_count += 1

    def _on_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("kind") == "restore":
            source = "browser" if content.get("source") == "browser" else "import"
            self.restore(content.get("text"), source)

    def restore(self, text: object, source: str = "import") -> saved.Restored | None:
        """Check saved answers (a code, a file, or the browser's copy) and put them back on the form.
        What cannot be used is reported to the page; the form is left as it was."""
        try:
            restored = saved.restore_from_text(self.instrument, text)
        except saved.SavedDataError as exc:
            self.form.send({"kind": "restore-failed", "source": source, "problem": exc.problem,
                            "where": exc.where, "error_kind": exc.kind})
            return None
        self.form.send({"kind": "restored", "source": source, "answers": restored.answers,
                        "setting": restored.setting, "messages": list(restored.messages),
                        "saved_on": restored.saved_on})
        if source == "import":
            self.submit(restored.answers, restored.setting or None)
        return restored

    def _on_submit(self, change) -> None:
        try:
            self.results.outputs = self.charts.outputs(self._render())
            self._update_save()
            self.share.ready = True
            self.form.error = ""
        except Exception:  # a failed callback must say so on the page instead of doing nothing
            self.form.error = ("Something went wrong while drawing your results. Your answers are still on "
                               "this page. Please try again, or reload the page.")
            raise
        finally:
            self.form.done_count = self.form.submit_count

    @property
    def share_instrument(self) -> Instrument:
        """The form whose number and version a share carries."""
        return self.instrument

    def _on_share_message(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or not self.scores:
            return
        share_id = content.get("share_id")
        if not isinstance(share_id, int) or isinstance(share_id, bool) or not 0 <= share_id <= codes.SHARE_ID_MAX:
            return
        kind = content.get("kind")
        group = content.get("group") if content.get("group") in codes.GROUPS else ""
        if kind == "share":
            self.share.share_code = self.share_code(share_id, group)
        elif kind == "withdraw":
            self.share.withdraw_code = self.withdraw_code(share_id)
        elif kind == "send":
            self.send_to_group(share_id, group)
        elif kind == "take-back":
            self.take_back(share_id)

    def share_for(self, share_id: int, group: str = "", day: datetime.date | None = None) -> codes.Share:
        """The share for the results now on the page (shareable subscale means only)."""
        sections = [self.scores[s] for s in saved.section_ids(self.instrument)]
        return aggregate.make_share(self.instrument, sections, share_id, day or datetime.date.today(), group)

    def share_code(self, share_id: int, group: str = "", day: datetime.date | None = None) -> str:
        return codes.encode_share(self.share_for(share_id, group, day))

    def withdraw_code(self, share_id: int) -> str:
        inst = self.share_instrument
        return codes.encode_withdrawal(codes.Withdrawal(inst.code_number, inst.version, share_id))

    def _sent(self, kind: str, message: str) -> None:
        self.share.sent = {"kind": kind, "message": message, "n": self.share.sent.get("n", 0) + 1}

    def send_to_group(self, share_id: int, group: str = "") -> bool:
        """Facilitator mode: write this share into the group folder. The file's name comes from the
        form's number and the share id only. The code is shown as well, as a fallback."""
        share = self.share_for(share_id, group)
        self.share.share_code = codes.encode_share(share)
        if self.group_folder is None:
            self._sent("failed", "This server has no group folder: give the code below to your facilitator instead.")
            return False
        try:
            group_folder.write_share(self.group_folder, share)
        except (group_folder.GroupFolderError, OSError):
            self._sent("failed", "Your scores could not be sent to the group: give the code below to your "
                                 "facilitator instead.")
            return False
        self._sent("sent", "Sent. Your facilitator sees a count only until the group's results are shown together. "
                           "Sending again replaces what you sent.")
        return True

    def take_back(self, share_id: int) -> bool:
        self.share.withdraw_code = self.withdraw_code(share_id)
        if self.group_folder is None:
            self._sent("failed", "This server has no group folder: give the withdrawal code to your facilitator.")
            return False
        try:
            removed = group_folder.remove_share(self.group_folder, self.share_instrument.code_number, share_id)
        except (group_folder.GroupFolderError, OSError):
            self._sent("failed", "That did not work: give the withdrawal code below to your facilitator instead.")
            return False
        self._sent("taken-back", ("Taken back: your scores are no longer in the group folder. Results already shown "
                                  "to the group stay as they were.")
                   if removed else "There was nothing of yours in the group folder to take back.")
        return True

    def _update_save(self) -> None:
        setting = self.form.setting if self.instrument.alt_wording else ""
        document = saved.save_document(self.instrument, self.cleaned, setting, datetime.date.today().isoformat())
        self.save.file_text = json.dumps(document, indent=1)
        self.save.code = document["code"]

    def _render(self) -> list[dict]:
        inst = self.instrument
        raw = self.form.answers or {}
        if not isinstance(raw, dict):
            raw = {}
        self.cleaned = {s: clean_answers(inst, raw.get(s)) for s in saved.section_ids(inst)}
        if inst.columns:
            values = scoring.grid_values(inst, self.cleaned["main"])
            self.scores = {"main": scoring.subscale_scores(inst, self.cleaned["main"])}
            return _grid_with_words(inst, values, scoring.describe_grid(inst, self.cleaned["main"]))
        if not inst.alt_wording:
            own = scoring.subscale_scores(inst, self.cleaned["main"])
            self.scores = {"main": own}
            return _chart_with_words(inst, [("Your answers", own)], "Your chart in words",
                                     [d.text for d in scoring.describe(inst, own)])
        alt = inst.alt_wording
        if alt.retrospective:
            now = scoring.subscale_scores(inst, self.cleaned["self"])
            before = scoring.subscale_scores(inst, self.cleaned["others"])
            self.scores = {"self": now, "others": before}
            return _chart_with_words(inst, [(alt.label, before), (alt.self_label, now)], "Then and now, in words",
                                     scoring.describe_change("thinking back", before, now), title="Then and now")
        setting = self.form.setting if self.form.setting in OTHERS_PHRASE else "group"
        own = scoring.subscale_scores(inst, self.cleaned["self"])
        others = scoring.subscale_scores(inst, self.cleaned["others"])
        self.scores = {"self": own, "others": others}
        others_label = alt.label if setting == "group" else alt.solo_label
        gaps = [g.text for g in scoring.describe_gaps(inst, own, others, OTHERS_PHRASE[setting])]
        return (_chart_with_words(inst, [(alt.self_label, own)], f"{alt.self_label}, in words",
                                  [d.text for d in scoring.describe(inst, own)], title=alt.self_label)
                + _chart_with_words(inst, [(alt.self_label, own), (others_label, others)],
                                    "The two side by side, in words", gaps, title="Side by side"))


def _chart_with_words(inst: Instrument, series, heading: str, descriptions: list[str],
                      title: str | None = None) -> list[dict]:
    return _chart_block(charts.profile_figure(inst, series, title=title), charts.profile_summary(inst, series),
                        heading, descriptions)


def _grid_with_words(inst: Instrument, values, descriptions: list[str]) -> list[dict]:
    return _chart_block(charts.grid_figure(inst, values), charts.grid_summary(inst, values),
                        "Your map in words", descriptions)


def _chart_block(figure: dict, lines: list[str], heading: str, descriptions: list[str]) -> list[dict]:
    """A chart's heading, the chart (its text/plain is the summary), and the summary with descriptions."""
    chart_title = html.escape(figure["layout"]["meta"]["title"])
    return [
        _display({"text/html": f"<h4 class='os-chart-title'>{chart_title}</h4>", "text/plain": chart_title}),
        _display({PLOTLY_MIME: figure, "text/plain": "\n".join(lines)}),
        _display({"text/html": _summary_html(heading, lines, descriptions),
                  "text/plain": "\n".join(lines + descriptions)}),
    ]


class BaselineImport(anywidget.AnyWidget):
    """Where the participant gives the session-0 save code (or file) to compare with."""

    _esm = device.bundle("baseline_import.js")
    _css = (_STATIC / "likert_form.css").read_text(encoding="utf-8")
    shared_device = traitlets.Bool(False).tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    failed = traitlets.Bool(False).tag(sync=True)


class CheckInWithChange(SelfAssessment):
    """The post check-in: now and thinking back, then the change since the baseline check-in, whose
    answers come from the participant's session-0 save code. Nothing is stored on the server."""

    def __init__(self, instrument: Instrument, baseline: Instrument, state: dict | None = None, view_id: str = ""):
        self.baseline = baseline
        self.pre: dict[str, int | None] | None = None
        self.import_box = BaselineImport(shared_device=device.shared_device())
        self.import_box.on_msg(self._on_import_message)
        self.change = widgets.Output(layout=widgets.Layout(width="100%"))
        self.change_charts = ChartPlaces()
        super().__init__(instrument, state, view_id)

    def _children(self) -> list:
        return [self.form, self.results, self.import_box, self.change, self.save, self.share]

    def _on_import_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("kind") == "baseline":
            self.use_baseline(content.get("text"))

    def use_baseline(self, text: object) -> bool:
        try:
            restored = saved.restore_from_text(self.baseline, text)
        except saved.SavedDataError as exc:
            where = f" ({exc.where})" if exc.where else ""
            self.import_box.failed = True
            self.import_box.message = f"That could not be used: {exc.problem}{where}. Nothing was changed."
            return False
        self.pre = restored.answers.get("main", {})
        notes = f" Note: {'; '.join(restored.messages)}." if restored.messages else ""
        self.import_box.failed = False
        self.import_box.message = "Your baseline answers are in. The comparison is below." + notes
        self._draw_change()
        return True

    def _on_submit(self, change) -> None:
        super()._on_submit(change)
        self._draw_change()

    def _draw_change(self) -> None:
        if self.pre is None or not self.scores:
            return
        pre = scoring.subscale_scores(self.baseline, self.pre)
        before, now = self.scores["others"], self.scores["self"]
        series = [("Baseline (session 0)", pre), ("Thinking back", before), ("Now", now)]
        words = (scoring.describe_change("at the baseline", pre, now)[:-1]
                 + scoring.describe_change("thinking back", before, now))
        self.change.outputs = self.change_charts.outputs(_chart_block(
            charts.profile_figure(self.baseline, series, title="Your change chart"),
            charts.profile_summary(self.baseline, series), "Your change chart in words", words))

    @property
    def share_instrument(self) -> Instrument:
        return self.baseline

    def share_for(self, share_id: int, group: str = "", day: datetime.date | None = None) -> codes.Share:
        """One share for pre, thinking back and now together, so nothing links a person across weeks."""
        pre = scoring.subscale_scores(self.baseline, self.pre or {})
        sections = [pre, self.scores["others"], self.scores["self"]]
        return aggregate.make_share(self.baseline, sections, share_id, day or datetime.date.today(), group)


def assessment_for(instrument: Instrument, state: dict | None = None, view_id: str = "") -> SelfAssessment:
    """The right form for an instrument: the post check-in also compares with the baseline."""
    from .instruments import load

    baseline = form_part.baseline_id(instrument)
    if baseline:
        return CheckInWithChange(instrument, load(baseline), state, view_id)
    return SelfAssessment(instrument, state, view_id)
