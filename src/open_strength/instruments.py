"""Self-assessment instruments: load the YAML data files, validate them, and reconcile saved answers.

An instrument that fails validation raises InstrumentError naming the file, the item and the problem,
so that a facilitator who edits a file sees exactly what to fix.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import schema_check, yaml_files

INSTRUMENT_DIR = resources.files("open_strength") / "data" / "instruments"


class InstrumentError(ValueError):
    """A broken instrument file: the message names the file, where in it, and what is wrong."""

    def __init__(self, source: str, where: str, problem: str):
        self.source, self.where, self.problem = source, where, problem
        super().__init__(f"{source}: {where}: {problem}")


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    subscale: str
    reverse: bool = False
    alt_text: str | None = None
    revised: int = 1
    column: str | None = None


@dataclass(frozen=True)
class Subscale:
    id: str
    name: str
    statement: str
    shareable: bool = True


@dataclass(frozen=True)
class Column:
    id: str
    name: str
    short: str


@dataclass(frozen=True)
class AltWording:
    label: str
    solo_label: str = ""
    self_label: str = "What I believe"
    purpose: str = "others"

    @property
    def retrospective(self) -> bool:
        return self.purpose == "retrospective"


@dataclass(frozen=True)
class Instrument:
    id: str
    code_number: int
    version: int
    title: str
    intro: str
    scale: tuple[str, ...]
    skip_label: str
    subscales: tuple[Subscale, ...]
    items: tuple[Item, ...]
    min_answered: int = 2
    alt_wording: AltWording | None = None
    columns: tuple[Column, ...] = ()
    scale_kind: str = "agreement"
    items_from: str | None = None

    @property
    def scale_min(self) -> int:
        return 1

    @property
    def scale_max(self) -> int:
        return len(self.scale)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def subscale(self, subscale_id: str) -> Subscale:
        for sub in self.subscales:
            if sub.id == subscale_id:
                return sub
        raise KeyError(subscale_id)

    def items_of(self, subscale_id: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.subscale == subscale_id)

    def cell(self, subscale_id: str, column_id: str) -> Item | None:
        """In a grid form, the item at a row (subscale) and column."""
        for item in self.items:
            if item.subscale == subscale_id and item.column == column_id:
                return item
        return None


@lru_cache(maxsize=1)
def _schema() -> dict:
    return json.loads((INSTRUMENT_DIR / "instrument.schema.json").read_text(encoding="utf-8"))


def _where(path: list, data: dict) -> str:
    """Turn a JSON path such as ['items', 3, 'text'] into words a facilitator can find in the file."""
    if not path:
        return "top level"
    head = path[0]
    if head in ("items", "subscales") and len(path) > 1 and isinstance(path[1], int):
        entries = data.get(head) or []
        index = path[1]
        entry = entries[index] if index < len(entries) and isinstance(entries[index], dict) else {}
        label = "item" if head == "items" else "subscale"
        name = f"{label} {index + 1}"
        if entry.get("id"):
            name += f" (id '{entry['id']}')"
        rest = ".".join(str(p) for p in path[2:])
        return f"{name}, field '{rest}'" if rest else name
    return "field '" + ".".join(str(p) for p in path) + "'"


def _problem(error) -> str:
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing")
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field")
    if error.validator == "pattern":
        return f"{error.instance!r} should use only lowercase letters, digits and hyphens"
    if error.validator == "type":
        if isinstance(error.instance, bool) and error.validator_value == "string":
            # YAML reads bare yes/no/on/off as true/false.
            return f"{error.instance!r} should be text: put it in quotes (YAML reads bare Yes, No, On and Off as true or false)"
        return f"{error.instance!r} should be {error.validator_value}"
    return error.message


def validate(data: object, source: str) -> Instrument:
    """Check parsed YAML against the schema and the cross-field rules; return the Instrument."""
    if not isinstance(data, dict):
        raise InstrumentError(source, "top level", "the file should hold a mapping of fields, not "
                              + type(data).__name__)
    errors = sorted(schema_check.iter_errors(data, _schema()), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        first = errors[0]
        raise InstrumentError(source, _where(list(first.absolute_path), data), _problem(first))

    subscale_ids = [s["id"] for s in data["subscales"]]
    seen: set[str] = set()
    for index, sid in enumerate(subscale_ids):
        if sid in seen:
            raise InstrumentError(source, _where(["subscales", index], data), f"subscale id '{sid}' is used twice")
        seen.add(sid)
    item_ids: set[str] = set()
    for index, item in enumerate(data["items"]):
        where = _where(["items", index], data)
        if item["id"] in item_ids:
            raise InstrumentError(source, where, f"item id '{item['id']}' is used twice")
        item_ids.add(item["id"])
        if item["subscale"] not in seen:
            raise InstrumentError(source, where, f"subscale '{item['subscale']}' is not defined under subscales")
        if item.get("revised", 1) > data["version"]:
            raise InstrumentError(source, where, f"revised {item['revised']} is newer than the instrument version {data['version']}")
        if "alt_wording" in data and "alt_text" not in item and data["alt_wording"].get("purpose") != "retrospective":
            raise InstrumentError(source, where, "alt_text is missing, and alt_wording needs a second wording for every item")
    column_ids = [c["id"] for c in data.get("columns", [])]
    if len(set(column_ids)) != len(column_ids):
        raise InstrumentError(source, "field 'columns'", "a column id is used twice")
    cells: set[tuple[str, str]] = set()
    for index, item in enumerate(data["items"]):
        where = _where(["items", index], data)
        if column_ids and item.get("column") not in column_ids:
            raise InstrumentError(source, where, f"column {item.get('column')!r} is not one of the columns "
                                  f"({', '.join(column_ids)}); a grid form needs a column for every item")
        if not column_ids and "column" in item:
            raise InstrumentError(source, where, "has a column, but the instrument has no columns")
        if column_ids:
            if (item["subscale"], item["column"]) in cells:
                raise InstrumentError(source, where, f"a second item for row '{item['subscale']}' and column "
                                      f"'{item['column']}': each cell of the grid holds one item")
            cells.add((item["subscale"], item["column"]))
    if column_ids and data.get("alt_wording"):
        raise InstrumentError(source, "field 'alt_wording'", "a grid form cannot also be asked a second time")
    for index, sid in enumerate(subscale_ids):
        if not any(i["subscale"] == sid for i in data["items"]):
            raise InstrumentError(source, _where(["subscales", index], data), "no item belongs to this subscale")
    min_answered = data.get("min_answered", 2)
    for index, sid in enumerate(subscale_ids):
        count = sum(1 for i in data["items"] if i["subscale"] == sid)
        if min_answered > count:
            raise InstrumentError(source, _where(["subscales", index], data),
                                  f"min_answered is {min_answered} but this subscale has only {count} item(s)")

    alt = data.get("alt_wording")
    return Instrument(
        id=data["id"],
        code_number=data["code_number"],
        version=data["version"],
        title=data["title"],
        intro=data["intro"],
        scale=tuple(data["scale"]),
        skip_label=data["skip_label"],
        min_answered=min_answered,
        alt_wording=AltWording(**{"solo_label": alt["label"], **alt}) if alt else None,
        columns=tuple(Column(**c) for c in data.get("columns", [])),
        scale_kind=data.get("scale_kind", "agreement"),
        items_from=data.get("items_from"),
        subscales=tuple(Subscale(**s) for s in data["subscales"]),
        items=tuple(Item(**i) for i in data["items"]),
    )


def _borrow(instrument_id: str) -> dict:
    """The raw fields of an installed instrument, for another that takes its items (items_from)."""
    resource = INSTRUMENT_DIR / f"{instrument_id}.yaml"
    if not resource.is_file():
        raise KeyError(instrument_id)
    return yaml_files.load(resource)


BORROWED_FIELDS = ("scale", "skip_label", "min_answered", "subscales", "items", "scale_kind")


def parse(text: str, source: str, borrow=None) -> Instrument:
    """Parse YAML text; a syntax error is reported with its line."""
    return _from_data(_read(source, text=text), source, borrow)


def _read(source: str, text: str | None = None, resource=None):
    """`text`, or the packaged file `resource` (from its JSON copy when that is up to date)."""
    try:
        return yaml_files.load(resource) if resource is not None else yaml_files.parse(text)
    except yaml_files.YamlSyntaxError as exc:
        raise InstrumentError(source, exc.where or "top level", f"not valid YAML ({exc.problem})") from None


def _from_data(data, source: str, borrow=None) -> Instrument:
    """With items_from, the scale, subscales and items come from that instrument, so the two always ask
    the same questions."""
    if isinstance(data, dict) and isinstance(data.get("items_from"), str):
        if borrow is None:
            raise InstrumentError(source, "field 'items_from'", "can only be used by an installed instrument")
        try:
            base = borrow(data["items_from"])
        except KeyError:
            raise InstrumentError(source, "field 'items_from'", f"no instrument '{data['items_from']}' is installed") from None
        for name in BORROWED_FIELDS:
            if name in data:
                raise InstrumentError(source, f"field '{name}'", f"comes from '{data['items_from']}' (items_from): remove it here")
            if name in base:
                data[name] = base[name]
    return validate(data, source)


def load_file(path: str | Path) -> Instrument:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentError(path.name, "whole file", f"cannot be read ({exc.__class__.__name__})") from None
    return parse(text, path.name)


@lru_cache(maxsize=None)
def load(instrument_id: str) -> Instrument:
    """Load a packaged instrument by id; the file name must match the id."""
    resource = INSTRUMENT_DIR / f"{instrument_id}.yaml"
    if not resource.is_file():
        raise InstrumentError(f"{instrument_id}.yaml", "whole file", f"no instrument with id '{instrument_id}' is installed")
    source = f"{instrument_id}.yaml"
    instrument = _from_data(_read(source, resource=resource), source, borrow=_borrow)
    if instrument.id != instrument_id:
        raise InstrumentError(f"{instrument_id}.yaml", "field 'id'", f"says '{instrument.id}' but the file is named for '{instrument_id}'")
    return instrument


def available() -> list[str]:
    return sorted(p.name[:-5] for p in INSTRUMENT_DIR.iterdir() if p.name.endswith(".yaml"))


def by_code_number(number: int) -> Instrument | None:
    """The installed instrument a save code's record names, if any."""
    for instrument_id in available():
        instrument = load(instrument_id)
        if instrument.code_number == number:
            return instrument
    return None


@dataclass(frozen=True)
class Reconciled:
    answers: dict[str, int | None]
    set_aside: tuple[str, ...]
    messages: tuple[str, ...]


def reconcile_answers(instrument: Instrument, saved_id: str, saved_version: int, answers: dict) -> Reconciled:
    """Apply the version rules to answers saved under (saved_id, saved_version).

    Kept: items that still exist and whose wording was last revised no later than the saved version.
    Refused: another instrument, or a version newer than this package knows.
    """
    if saved_id != instrument.id:
        raise ValueError(f"these answers belong to '{saved_id}', not '{instrument.id}'")
    if not isinstance(saved_version, int) or saved_version < 1:
        raise ValueError(f"the saved version {saved_version!r} is not a version number")
    if saved_version > instrument.version:
        raise ValueError(f"these answers come from version {saved_version} of '{instrument.id}', "
                         f"newer than version {instrument.version} installed here: update the workshop to read them")
    kept: dict[str, int | None] = {}
    set_aside: list[str] = []
    messages: list[str] = []
    for item_id, value in answers.items():
        try:
            item = instrument.item(item_id)
        except KeyError:
            set_aside.append(item_id)
            messages.append(f"question '{item_id}' is no longer asked, so its answer was set aside")
            continue
        if item.revised > saved_version:
            set_aside.append(item_id)
            messages.append(f"question '{item_id}' was reworded after you answered it, so please answer it again")
            continue
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or not instrument.scale_min <= value <= instrument.scale_max):
            set_aside.append(item_id)
            messages.append(f"the answer to '{item_id}' ({value!r}) is not on the scale, so it was set aside")
            continue
        kept[item_id] = value
    return Reconciled(kept, tuple(set_aside), tuple(messages))
