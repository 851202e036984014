"""The facilitator's group dashboard: paste share codes, see a count, reveal the results once.

It runs on the facilitator's own machine (`open-strength dashboard`, or the second server of
`open-strength facilitator`, which also reads the group folder), never on the participants' server. Codes carry scores only. Every statistic follows the floor of 5 (see aggregate.py).
"""
from __future__ import annotations

import base64
import csv
import html
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from . import aggregate, charts, codes, group_folder, yaml_files
from .chart_slot import ChartPlaces
from .instruments import Instrument, by_code_number
from .scoring import SubscaleScore, CLOSE_GAP

GROUP_NAMES = {"everyone": "Everyone", "men": "Men", "women": "Women", "another": "Another group"}
CAUTION = ("This describes a small group of people who chose to share. It cannot show that the workshop "
           "caused any change: there is no comparison group, people who share may differ from those who "
           "don't, and answers often move a little on their own. Flat or lower scores are common, and "
           "often mean a more honest view.")


def _esc(text: object) -> str:
    return html.escape(str(text))


@lru_cache(maxsize=1)
def reveal_scripts() -> dict:
    return yaml_files.load(resources.files("open_strength") / "data" / "reveal_scripts.yaml")


def gap_outcome(gaps: list[aggregate.Gap]) -> str | None:
    """'gap', 'none' or 'reversed' from the average gap over the norms that can be shown."""
    shown = [g.gap for g in gaps if g.gap is not None]
    if not shown:
        return None
    average = sum(shown) / len(shown)
    if average >= CLOSE_GAP:
        return "gap"
    if average <= -CLOSE_GAP:
        return "reversed"
    return "none"


def _scores(instrument: Instrument, stats: list[aggregate.Stat]) -> list[SubscaleScore]:
    ids = aggregate.shareable_subscales(instrument)
    return [SubscaleScore(i, instrument.subscale(i).name, s.mean, s.n, s.n, aggregate.FLOOR) for i, s in zip(ids, stats)]


def _chart(figure: dict, lines: list[str], extra: list[str]) -> list[dict]:
    title = figure["layout"]["meta"]["title"]
    items = "".join(f"<li>{_esc(line)}</li>" for line in lines + extra)
    return [
        {"text/html": f"<h4 class='os-chart-title'>{_esc(title)}</h4>", "text/plain": title},
        {"application/vnd.plotly.v1+json": figure, "text/plain": "\n".join(lines)},
        {"text/html": f"<section class='os-summary' aria-label='{_esc(title)}, in words'><h4>In words</h4>"
                      f"<ul>{items}</ul></section>", "text/plain": "\n".join(lines + extra)},
    ]


def _not_read(label: str, headline: str, rest: str, problems: list[str]) -> str:
    """What could not be read, each with its reason, and that everything else was taken (empty if nothing)."""
    if not problems:
        return ""
    items = "".join(f"<li>{_esc(p)}</li>" for p in problems)
    return (f"<section class='os-warning' aria-label='{_esc(label)}'><p><strong>{_esc(headline)}</strong>; {_esc(rest)}:</p>"
            f"<ul>{items}</ul></section>")


def _floor_note(n: int) -> str:
    return f"{n} shared. Nothing is shown for fewer than {aggregate.FLOOR} people."


def perspectives_view(instrument: Instrument, shares: list[codes.Share], group: str) -> list[dict]:
    """Session 1: what people here believe, next to what they think most men here believe."""
    gaps = aggregate.gaps(instrument, shares)
    own = _scores(instrument, [g.own for g in gaps])
    others = _scores(instrument, [g.others for g in gaps])
    alt = instrument.alt_wording
    series = [(f"{alt.self_label} (group average)", own), (f"{alt.label} (group average)", others)]
    figure = charts.profile_figure(instrument, series, title=f"{instrument.title}: {GROUP_NAMES.get(group, group)}")
    words = []
    for g in gaps:
        if g.gap is None:
            words.append(f"{g.name}: not shown, because fewer than {aggregate.FLOOR} people rated both.")
        elif abs(g.gap) < CLOSE_GAP:
            words.append(f"{g.name}: the group's own views and its guess about most men here were close.")
        elif g.gap > 0:
            words.append(f"{g.name}: the group guessed most men here agree more than people said for themselves "
                         f"(a gap of {g.gap:.1f} on average).")
        else:
            words.append(f"{g.name}: people's own views sat further toward agreeing than their guess about the others "
                         f"(by {-g.gap:.1f} on average).")
    outputs = _chart(figure, charts.profile_summary(instrument, series), words + [_floor_note(len(shares))])
    outcome = gap_outcome(gaps)
    if outcome:
        script = reveal_scripts()["scripts"][outcome]
        outputs.append({"text/html": f"<section class='os-script' aria-label='What to say'><h4>What to say</h4>"
                                     f"<p><em>{_esc(script['when'])}</em></p><blockquote>{_esc(script['say'])}</blockquote>"
                                     f"<p>{_esc(reveal_scripts()['always'])}</p></section>",
                        "text/plain": script["say"]})
    return outputs


def single_view(instrument: Instrument, shares: list[codes.Share], group: str) -> list[dict]:
    """Any other form: the group's average per theme, and coarse thirds, each under the floor rule."""
    ids = aggregate.shareable_subscales(instrument)
    latest = [s.sections[-1] for s in shares]  # a three-part share's last part is the latest rating
    stats = [aggregate.floored_mean([sec[i] for sec in latest]) for i in range(len(ids))]
    scores = _scores(instrument, stats)
    series = [("Group average", scores)]
    figure = charts.profile_figure(instrument, series, title=f"{instrument.title}: {GROUP_NAMES.get(group, group)}")
    words = []
    for index, sub_id in enumerate(ids):
        counted = aggregate.bins(instrument, [sec[index] for sec in latest])
        name = instrument.subscale(sub_id).name
        if counted is None:
            words.append(f"{name}: not shown, because fewer than {aggregate.FLOOR} people answered enough.")
        else:
            words.append(f"{name}: mostly disagreed {counted['disagreed']}, mixed {counted['mixed']}, "
                         f"mostly agreed {counted['agreed']}.")
    return _chart(figure, charts.profile_summary(instrument, series), words + [_floor_note(len(shares))])


def change_view(instrument: Instrument, shares: list[codes.Share], group: str) -> list[dict]:
    """Before and after, described with a plain caution (no effect sizes here: those are for the export)."""
    three = [s for s in shares if len(s.sections) == 3]
    if not three:
        return []
    rows = []
    for label, before in (("since the first session", 0), ("against how you remember starting", 1)):
        for change in aggregate.changes(instrument, three, before_section=before, after_section=2):
            if change.mean is None:
                rows.append(f"{change.name}, {label}: not shown (fewer than {aggregate.FLOOR} people).")
            else:
                rows.append(f"{change.name}, {label}: average change {change.mean:+.1f} "
                            f"(95% interval {change.low:+.1f} to {change.high:+.1f}), from {change.n} people.")
    items = "".join(f"<li>{_esc(r)}</li>" for r in rows)
    title = f"Before and after: {GROUP_NAMES.get(group, group)}"
    return [{"text/html": f"<section class='os-summary' aria-label='{_esc(title)}'><h4>{_esc(title)}</h4><ul>{items}</ul>"
                          f"<p class='os-warning'>{_esc(CAUTION)}</p></section>",
             "text/plain": "\n".join(rows + [CAUTION])}]


def reveal(collected: aggregate.Collected) -> list[dict]:
    """Everything the reveal shows, as display bundles, per form and, in a mixed group, per group."""
    outputs: list[dict] = []
    for number in sorted(collected.count()):
        instrument = by_code_number(number)
        for group, shares in aggregate.split_by_group(collected.by_instrument(number)).items():
            if instrument.alt_wording:
                outputs += perspectives_view(instrument, shares, group)
            else:
                outputs += single_view(instrument, shares, group)
                outputs += change_view(instrument, shares, group)
    return outputs


def export_rows(collected: aggregate.Collected) -> list[dict]:
    """Aggregate figures for a programme evaluator: counts, floored means, changes with d_z. No person's row."""
    rows = []
    for number in sorted(collected.count()):
        instrument = by_code_number(number)
        for group, shares in aggregate.split_by_group(collected.by_instrument(number)).items():
            base = {"form": instrument.id, "version": instrument.version, "group": group, "shares": len(shares)}
            if instrument.alt_wording:
                for g in aggregate.gaps(instrument, shares):
                    rows.append({**base, "theme": g.subscale_id, "measure": "own", "n": g.own.n, "value": g.own.mean})
                    rows.append({**base, "theme": g.subscale_id, "measure": "others", "n": g.others.n, "value": g.others.mean})
                    rows.append({**base, "theme": g.subscale_id, "measure": "gap", "n": g.pairs, "value": g.gap})
                continue
            for before, name in ((0, "change_from_pre"), (1, "change_from_thinking_back")):
                for c in aggregate.changes(instrument, shares, before_section=before):
                    rows.append({**base, "theme": c.subscale_id, "measure": name, "n": c.n, "value": c.mean,
                                 "ci_low": c.low, "ci_high": c.high, "d_z": c.d_z, "d_z_low": c.d_low, "d_z_high": c.d_high})
    return rows


def export_csv(collected: aggregate.Collected) -> str:
    fields = ["form", "version", "group", "shares", "theme", "measure", "n", "value", "ci_low", "ci_high",
              "d_z", "d_z_low", "d_z_high"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in export_rows(collected):
        writer.writerow({k: (f"{v:.3f}" if isinstance(v, float) else ("" if v is None else v)) for k, v in row.items()})
    return out.getvalue()


class Dashboard:
    """Paste, count, reveal. Driven from Python in tests exactly as the buttons drive it.

    In facilitator mode it also reads the group folder (every few seconds, for the count only), and
    still takes pasted codes. The charts appear once, when the facilitator presses Reveal, and never
    change after that: no live refresh in front of the room, and no late share added to figures
    already shown (the difference would single that person out)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else None
        self.collected = aggregate.Collected()  # pasted codes
        self.folder_read = group_folder.FolderRead()
        self.revealed = False
        self.revealed_total = 0
        self._poller = None
        self.paste = widgets.Textarea(placeholder="OS-…", description="Paste share or withdrawal codes, one per line",
                                      style={"description_width": "initial"},
                                      layout=widgets.Layout(width="100%", height="10em", flex_flow="column"))
        self.paste.add_class("os-paste")
        self.add = widgets.Button(description="Add these codes")
        self.show = widgets.Button(description="Reveal the group's results")
        self.clear = widgets.Button(description="Start again")
        self.status = widgets.HTML()
        self.folder_status = widgets.HTML()
        self.problems = widgets.HTML()
        self.results = widgets.Output(layout=widgets.Layout(width="100%"))
        self.charts = ChartPlaces()
        self.export = widgets.HTML()
        for button in (self.add, self.show, self.clear):
            button.layout = widgets.Layout(width="auto", min_height="44px")
        self.add.on_click(lambda _b: self.add_codes(self.paste.value))
        self.show.on_click(lambda _b: self.reveal())
        self.clear.on_click(lambda _b: self.start_again())
        self.view = widgets.VBox([self.paste, widgets.HBox([self.add, self.show, self.clear]),
                                  self.status, self.folder_status, self.problems, self.results, self.export],
                                 layout=widgets.Layout(width="100%"))
        if self.folder is not None:
            self.refresh_folder()
        else:
            self._update()

    def add_codes(self, text: str) -> None:
        before = len(self.collected.rejected)
        aggregate.read_lines(text, self.collected)
        self.paste.value = ""
        new_problems = self.collected.rejected[before:]
        self.problems.value = _not_read(
            "Lines not read", f"{len(new_problems)} line(s) were not read", "everything else was added",
            [f"Line {r.line}{' (' + r.text + ')' if r.text else ''}: {r.reason}" for r in new_problems])
        self._update()

    def combined(self) -> aggregate.Collected:
        """Shares sent to the folder, then pasted codes: a pasted share with the same id replaces a sent
        one, and a pasted withdrawal removes either."""
        out = aggregate.Collected(shares=dict(self.folder_read.collected.shares))
        for key in self.collected.withdrawn:
            out.shares.pop(key, None)
        out.shares.update(self.collected.shares)
        out.withdrawn = set(self.collected.withdrawn)
        return out

    def refresh_folder(self) -> None:
        """Read the group folder again. Bad files are listed by name with the reason; the rest count."""
        if self.folder is None:
            return
        self.folder_read = group_folder.read_all(self.folder)
        skipped = self.folder_read.skipped
        self.folder_status.value = _not_read(
            "Files not read", f"{len(skipped)} file(s) in the group folder were not read", "everything else was counted",
            [f"{s.name}: {s.reason}" for s in skipped])
        self._update()

    def _update(self) -> None:
        collected = self.combined()
        counts = collected.count()
        parts = [f"{by_code_number(n).title}: {c}" for n, c in sorted(counts.items())]
        total = sum(counts.values())
        withdrawn = len(self.collected.withdrawn)
        text = f"{total} share(s) so far" + (f" ({'; '.join(parts)})" if parts else "")
        if withdrawn:
            text += f"; {withdrawn} withdrawn"
        if self.folder is not None:
            text += f"; {len(self.folder_read.collected.shares)} sent to the group folder"
        if not self.revealed:
            hint = " Results stay hidden until you press “Reveal the group's results”."
        elif total != self.revealed_total:
            hint = (f" The results below were drawn from {self.revealed_total} share(s) and stay as they are: "
                    "a share that changes figures already shown would single that person out.")
        else:
            hint = ""
        self.status.value = f"<p class='os-count' role='status' aria-live='polite'>{_esc(text)}.{_esc(hint)}</p>"

    def reveal(self) -> None:
        """Show the results once, as a batch. Later shares are counted but never added to what was shown."""
        if self.revealed:
            return
        self.refresh_folder()
        collected = self.combined()
        self.revealed = True
        self.revealed_total = sum(collected.count().values())
        bundles = reveal(collected)
        if not bundles:
            bundles = [{"text/html": "<p>No shares yet: nothing to show.</p>", "text/plain": "No shares yet."}]
        self.results.outputs = self.charts.outputs([{"output_type": "display_data", "data": b, "metadata": {}}
                                                    for b in bundles])
        payload = base64.b64encode(export_csv(collected).encode()).decode()
        self.export.value = (f"<p><a download='group-results.csv' href='data:text/csv;base64,{payload}'>Download the "
                             "figures for a programme evaluator (CSV: group figures only, no one's own answers)</a></p>")
        self.show.disabled = True
        self._update()

    def start_again(self) -> None:
        """Forget pasted codes and hide the results. Shares in the group folder stay until it is wiped."""
        self.collected = aggregate.Collected()
        self.revealed = False
        self.revealed_total = 0
        self.show.disabled = False
        self.results.outputs = self.charts.outputs([])
        self.problems.value = self.export.value = ""
        self._update()

    def start_polling(self, seconds: float = 3.0) -> None:
        """Re-read the folder every few seconds on the kernel's event loop (the count only)."""
        import asyncio

        async def poll():
            while True:
                await asyncio.sleep(seconds)
                try:
                    self.refresh_folder()
                except Exception as exc:  # keep polling; say what went wrong
                    self.folder_status.value = (f"<p class='os-warning'>The group folder could not be read just now "
                                                f"({_esc(exc)}). Trying again.</p>")

        if self.folder is not None and self._poller is None:
            self._poller = asyncio.get_running_loop().create_task(poll())


def dashboard() -> None:
    """The dashboard; in facilitator mode (the command sets the group folder) it also reads the folder."""
    board = Dashboard(group_folder.folder_from_environment())
    if board.folder is not None:
        try:
            board.start_polling()
        except RuntimeError:  # no running event loop (not in a kernel): the Reveal button still reads the folder
            pass
    display(board.view)
