"""Write facilitator-guide/schedule.md from the timing tables in the session plans.

Run it after changing any plan's timing: `python scripts/make_schedule.py`. With --check it changes
nothing and exits 1 if schedule.md is out of date (the test suite runs the same check).
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "facilitator-guide"
SCHEDULE = GUIDE / "schedule.md"
# Plans in the order a group meets them; the one-day intensive is an alternative to all of them.
PLAN_FILES = ["session-00-intake.md"] + [f"session-0{n}.md" for n in range(1, 7)] + ["booster.md"]
ALTERNATIVES = [("adaptations.md", "One-day intensive")]


@dataclass(frozen=True)
class Row:
    minutes: int
    activity: str
    notebook: str
    format: str


@dataclass(frozen=True)
class Timing:
    source: str
    title: str
    rows: list[Row]
    total: int


class TimingError(ValueError):
    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")


def timing_table(text: str, source: str, heading: str = "## Timing") -> Timing:
    """The first table under `heading`: one row per activity and a last row with the total."""
    if heading and heading not in text:
        raise TimingError(source, f"has no '{heading}' section")
    section = (text.split(heading, 1)[1] if heading else text).split("\n## ", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("|") and not set(r) <= set("|-: ")]
    if len(rows) < 3:
        raise TimingError(source, "the timing table needs a header, activities and a total row")
    header, body = rows[0], rows[1:]
    if not header.replace(" ", "").lower().startswith("|minutes|activity|notebook|format|"):
        raise TimingError(source, "the timing table's columns should be Minutes | Activity | Notebook | Format")
    parsed = []
    for line in body:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        try:
            minutes = int(cells[0].strip("*"))
        except ValueError:
            raise TimingError(source, f"'{cells[0]}' is not a number of minutes, in the row: {line.strip()}") from None
        cells += [""] * (4 - len(cells))
        parsed.append(Row(minutes, cells[1].strip("*"), cells[2].strip("`"), cells[3]))
    *activities, total = parsed
    if "total" not in total.activity.lower():
        raise TimingError(source, "the timing table's last row should be the total")
    if sum(r.minutes for r in activities) != total.minutes:
        raise TimingError(source, f"rows add to {sum(r.minutes for r in activities)} minutes, the total says {total.minutes}")
    title = text.splitlines()[0].lstrip("# ").strip() if text.startswith("# ") else source
    return Timing(source, title, activities, total.minutes)


def timings() -> list[tuple[Timing, bool]]:
    """Every plan's timing, in order; the flag marks an alternative format."""
    found = []
    for name in PLAN_FILES:
        path = GUIDE / name
        if path.is_file():
            found.append((timing_table(path.read_text(encoding="utf-8"), name), False))
    for name, heading in ALTERNATIVES:
        path = GUIDE / name
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        section = f"## {heading}"
        if section in text:
            timing = timing_table(text.split(section, 1)[1], name, heading="")
            found.append((Timing(name, heading, timing.rows, timing.total), True))
    return found


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def _page(notebook: str) -> str:
    """A link named by the page's own title (from its metadata), so the schedule reads like the pages."""
    if not notebook.endswith(".ipynb"):
        return "—"
    path = ROOT / notebook
    title = Path(notebook).stem
    if path.is_file():
        title = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("open_strength", {}).get("title", title)
    return f"[{title}](../{notebook})"


def render() -> str:
    all_timings = timings()
    lines = [
        "# Schedule",
        "",
        "Every session's activities and minutes, taken from the timing tables in the plans. Do not edit",
        "this page by hand: change a plan, then run `python scripts/make_schedule.py`. A test fails if",
        "this page and the plans disagree.",
        "",
        "| plan | minutes | activities |",
        "| --- | --- | --- |",
    ]
    for timing, alternative in all_timings:
        name = f"{timing.title} (an alternative format)" if alternative else timing.title
        lines.append(f"| [{name}]({timing.source}) | {timing.total} ({_hours(timing.total)}) | {len(timing.rows)} |")
    standard = sum(t.total for t, alternative in all_timings if not alternative)
    lines += ["", f"The standard programme, intake and booster included, is {standard} minutes ({_hours(standard)}), "
              "breaks included.", ""]
    for timing, _ in all_timings:
        lines += [f"## {timing.title}", "", f"From [{timing.source}]({timing.source}).", "",
                  "| start | minutes | activity | page | format |", "| --- | --- | --- | --- | --- |"]
        start = 0
        for row in timing.rows:
            lines.append(f"| {start} | {row.minutes} | {row.activity} | {_page(row.notebook)} | {row.format or '—'} |")
            start += row.minutes
        lines += [f"| | **{timing.total}** | **Total** | | |", ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = SCHEDULE.read_text(encoding="utf-8") if SCHEDULE.is_file() else ""
        if current != text:
            print("facilitator-guide/schedule.md is out of date: run python scripts/make_schedule.py", file=sys.stderr)
            return 1
        return 0
    SCHEDULE.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEDULE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
