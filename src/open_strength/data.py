"""Loaders for the package's data files (references, support lines, published figures) and the
facilitator's local resources file. Each checks what it reads and names what is wrong and where."""
from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import yaml_files

DATA = resources.files("open_strength") / "data"
STATUSES = ("VERIFIED", "PARTLY VERIFIED")
LOCAL_RESOURCES_ENV = "OPEN_STRENGTH_LOCAL_RESOURCES"
STALE_AFTER_DAYS = 183  # about six months (programme standards)


class DataFileError(ValueError):
    def __init__(self, source: str, where: str, problem: str):
        self.source, self.where, self.problem = source, where, problem
        super().__init__(f"{source}: {where}: {problem}")


def _read(source: str, text: str | None = None):
    """A data file's contents: `text` when given (the facilitator's own file), else the packaged file
    `source` (from its JSON copy when that is up to date)."""
    try:
        return yaml_files.parse(text) if text is not None else yaml_files.load(DATA / source)
    except yaml_files.YamlSyntaxError as exc:
        raise DataFileError(source, exc.where or "whole file", f"not valid YAML ({exc.problem})") from None


def _entry(label: str, index: int, entry: object, field: str = "id") -> str:
    """Name a list entry the way a person finds it in the file: "figure 2 (id 'x')"."""
    name = entry.get(field) if isinstance(entry, dict) else None
    return f"{label} {index + 1}" + (f" ({field} '{name}')" if name else "")


def _require(entry: dict, fields: tuple[str, ...], source: str, where: str) -> None:
    if not isinstance(entry, dict):
        raise DataFileError(source, where, "should be a mapping of fields")
    for field in fields:
        if entry.get(field) in (None, ""):
            raise DataFileError(source, where, f"'{field}' is missing")


@lru_cache(maxsize=1)
def references() -> dict[str, dict]:
    source = "references.yaml"
    data = _read(source)
    out: dict[str, dict] = {}
    shorts: set[str] = set()
    for index, entry in enumerate(data.get("references") or []):
        where = _entry("reference", index, entry, "key")
        _require(entry, ("key", "short", "citation", "status"), source, where)
        if entry["status"] not in STATUSES:
            raise DataFileError(source, where, f"status {entry['status']!r} is not usable in the curriculum")
        if entry["key"] in out or entry["short"] in shorts:
            raise DataFileError(source, where, "key or short form used twice")
        out[entry["key"]] = entry
        shorts.add(entry["short"])
    return out


@lru_cache(maxsize=1)
def not_usable() -> list[dict]:
    data = _read("references.yaml")
    return list(data.get("not_usable") or [])


@lru_cache(maxsize=1)
def support_lines() -> dict:
    source = "support_lines.yaml"
    data = _read(source)
    _require(data, ("last_checked", "lines"), source, "top level")
    for index, line in enumerate(data["lines"]):
        where = _entry("line", index, line)
        _require(line, ("id", "country", "service", "contacts", "status"), source, where)
        if line["status"] not in STATUSES:
            raise DataFileError(source, where, f"status {line['status']!r}: an unverified line is never shown")
        for contact in line["contacts"]:
            tel = contact.get("tel")
            if tel is not None and not re.fullmatch(r"\+?[0-9]+", str(tel)):
                raise DataFileError(source, where, f"tel {tel!r} should hold digits only")
    return data


@lru_cache(maxsize=1)
def published_figures() -> dict[str, dict]:
    source = "published_figures.yaml"
    data = _read(source)
    out = {}
    for index, fig in enumerate(data.get("figures") or []):
        where = _entry("figure", index, fig)
        _require(fig, ("id", "title", "source_key", "categories", "series"), source, where)
        if fig["source_key"] not in references():
            raise DataFileError(source, where, f"source_key '{fig['source_key']}' is not in references.yaml")
        for series in fig["series"]:
            if len(series.get("values", [])) != len(fig["categories"]):
                raise DataFileError(source, where, f"series '{series.get('name')}' needs one value per category")
        out[fig["id"]] = fig
    return out


@lru_cache(maxsize=1)
def effect_sizes() -> dict[str, dict]:
    source = "published_figures.yaml"
    data = _read(source)
    out = {}
    for index, entry in enumerate(data.get("effect_sizes") or []):
        where = _entry("effect size", index, entry)
        _require(entry, ("id", "source_key", "measure", "higher", "lower", "presets"), source, where)
        if entry["source_key"] not in references():
            raise DataFileError(source, where, f"source_key '{entry['source_key']}' is not in references.yaml")
        for group in ("higher", "lower"):
            if not (isinstance(entry[group], list) and len(entry[group]) == 2 and all(isinstance(w, str) for w in entry[group])):
                raise DataFileError(source, where, f"'{group}' should be two words: one and many, such as [man, men]")
        for preset in entry["presets"] or []:
            d = preset.get("d") if isinstance(preset, dict) else None
            if not isinstance(d, (int, float)) or isinstance(d, bool) or not 0 < d <= 2 or not preset.get("label"):
                raise DataFileError(source, where, f"each preset needs a label and a d between 0 and 2, not {preset!r}")
        out[entry["id"]] = entry
    return out


@lru_cache(maxsize=1)
def feelings() -> list[dict]:
    """Groups of feeling words, each word with closer words, for the emotion vocabulary exercise."""
    source = "feelings.yaml"
    data = _read(source)
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list) or not groups:
        raise DataFileError(source, "top level", "'groups' should be a list of feeling groups")
    seen: set[str] = set()
    for index, group in enumerate(groups):
        where = _entry("group", index, group)
        _require(group, ("id", "name", "feelings"), source, where)
        for feeling in group["feelings"] or []:
            word = feeling.get("word") if isinstance(feeling, dict) else None
            closer = feeling.get("closer") if isinstance(feeling, dict) else None
            if not isinstance(word, str) or not isinstance(closer, list) or len(closer) < 2:
                raise DataFileError(source, where, f"each feeling needs a word and at least two closer words, not {feeling!r}")
            if (group["id"], word) in seen:
                raise DataFileError(source, where, f"'{word}' is listed twice in this group")
            seen.add((group["id"], word))
    return groups


STYLES = ("active-constructive", "passive-constructive", "active-destructive", "passive-destructive")


@lru_cache(maxsize=1)
def response_scenarios() -> dict:
    """Scenarios for the response-style practice: each has one response in each of the four styles."""
    source = "response_scenarios.yaml"
    data = _read(source)
    styles = data.get("styles") if isinstance(data, dict) else None
    if not isinstance(styles, dict) or set(styles) != set(STYLES):
        raise DataFileError(source, "field 'styles'", f"should name exactly these styles: {', '.join(STYLES)}")
    for style, about in styles.items():
        if not isinstance(about, dict) or not about.get("name") or not about.get("about"):
            raise DataFileError(source, f"style '{style}'", "needs a name and an about line")
    scenarios = data.get("scenarios")
    if not isinstance(scenarios, list) or not scenarios:
        raise DataFileError(source, "field 'scenarios'", "should be a list of scenarios")
    for index, scenario in enumerate(scenarios):
        where = _entry("scenario", index, scenario)
        _require(scenario, ("id", "says", "responses"), source, where)
        found = sorted(r.get("style", "") for r in scenario["responses"] if isinstance(r, dict) and r.get("text"))
        if found != sorted(STYLES):
            raise DataFileError(source, where, "needs exactly one response with text in each of the four styles")
    return {"styles": styles, "scenarios": scenarios}


@lru_cache(maxsize=1)
def start_up() -> dict:
    """Harsh openings to rewrite, and the self-check list for the rewrite (session 5)."""
    source = "start_up.yaml"
    data = _read(source)
    if not isinstance(data, dict):
        raise DataFileError(source, "top level", "should hold 'openings' and 'checks'")
    for field in ("openings", "checks"):
        entries = data.get(field)
        if not isinstance(entries, list) or len(entries) < 2 or not all(isinstance(e, str) and e.strip() for e in entries):
            raise DataFileError(source, f"field '{field}'", "should be a list of at least two lines of text")
    return {"openings": data["openings"], "checks": data["checks"]}


@lru_cache(maxsize=1)
def session_titles() -> dict[int, str]:
    source = "sessions.yaml"
    data = _read(source)
    out = {}
    for index, entry in enumerate(data.get("sessions") or []):
        _require(entry, ("title",), source, f"session {index + 1}")
        if not isinstance(entry.get("number"), int):
            raise DataFileError(source, f"session {index + 1}", "'number' should be a whole number")
        out[entry["number"]] = entry["title"]
    return out


def find_local_resources(start: Path | None = None) -> Path | None:
    """The facilitator's file: from the environment, else facilitator-guide/ above the notebook."""
    env = os.environ.get(LOCAL_RESOURCES_ENV)
    if env:
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "facilitator-guide" / "local-resources.yaml"
        if candidate.is_file():
            return candidate
    return None


def read_local_resources(path: Path, today: dt.date | None = None) -> dict:
    """Parse and check the local resources file; adds 'age_days' and 'stale'."""
    source = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(source, "whole file", f"cannot be read ({exc.__class__.__name__})") from None
    data = _read(source, text)
    _require(data, ("last_checked",), source, "top level")
    checked = data["last_checked"]
    if isinstance(checked, str):
        try:
            checked = dt.date.fromisoformat(checked)
        except ValueError:
            raise DataFileError(source, "field 'last_checked'", f"{checked!r} should be a date like 2026-11-24") from None
    if not isinstance(checked, dt.date):
        raise DataFileError(source, "field 'last_checked'", "should be a date like 2026-11-24")
    entries = data.get("resources") or []
    if not isinstance(entries, list):
        raise DataFileError(source, "field 'resources'", "should be a list")
    for index, entry in enumerate(entries):
        _require(entry, ("name", "contact"), source, f"resource {index + 1}")
    age = ((today or dt.date.today()) - checked).days
    return {**data, "last_checked": checked, "resources": entries, "age_days": age, "stale": age > STALE_AFTER_DAYS}
