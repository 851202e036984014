"""Reading YAML, and JSON copies of the package's own YAML files.

Every page's kernel reads some of the package's YAML files (the support lines at least), and importing
PyYAML takes about 13 ms of each kernel's start, measured. So the serve command writes a JSON copy of each
packaged file into a `__pycache__` folder beside it, as Python does with bytecode, and a kernel reads the
copy while it still matches the file it was made from (same SHA-1). Without a copy, or once the file has
changed, the YAML itself is read, so an edited file always wins.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
from pathlib import Path

COPY_FOLDER = "__pycache__"
_DATE = "$date"  # JSON has no dates; YAML's dates (last_checked) travel as {"$date": "2026-11-24"}


class YamlSyntaxError(ValueError):
    """Text that is not valid YAML: `where` is "line N" when the parser knows it, else None."""

    def __init__(self, where: str | None, problem: str):
        self.where, self.problem = where, problem
        super().__init__(f"{where or 'whole file'}: {problem}")


def parse(text: str) -> object:
    import yaml  # only when there is YAML to read: most kernels read JSON copies and never need it

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise YamlSyntaxError(f"line {mark.line + 1}" if mark is not None else None,
                              str(getattr(exc, "problem", None) or exc)) from None


def copy_path(source: Path) -> Path:
    return source.parent / COPY_FOLDER / f"{source.name}.json"


def _digest(raw: bytes) -> str:
    return hashlib.sha1(raw).hexdigest()


def _to_json(value):
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return {_DATE: value.isoformat()}
    raise TypeError(f"{type(value).__name__} has no JSON form here")


def _from_json(mapping: dict):
    if len(mapping) == 1 and _DATE in mapping:
        return datetime.date.fromisoformat(mapping[_DATE])
    return mapping


def load(source) -> object:
    """A packaged YAML file's data: from its JSON copy when the copy matches the file, else from the YAML."""
    raw = source.read_bytes()
    if isinstance(source, Path):
        try:
            copy = json.loads(copy_path(source).read_text(encoding="utf-8"), object_hook=_from_json)
            if isinstance(copy, dict) and copy.get("sha1") == _digest(raw) and "data" in copy:
                return copy["data"]
        except (OSError, ValueError):
            pass  # no copy, or one that cannot be read: the YAML is the truth
    return parse(raw.decode("utf-8"))


def write_copies(folder: Path) -> list[Path]:
    """Write the JSON copy of every YAML file under `folder`; returns the copies written. A file that does
    not parse, or whose data JSON cannot hold exactly, gets no copy (it is read as YAML, with its errors), and
    a folder that cannot be written to is left as it is."""
    written = []
    for source in sorted(folder.rglob("*.yaml")):
        if COPY_FOLDER in source.parts:
            continue
        try:
            raw = source.read_bytes()
            data = parse(raw.decode("utf-8"))
            text = json.dumps({"sha1": _digest(raw), "data": data}, default=_to_json, ensure_ascii=False)
            if json.loads(text, object_hook=_from_json)["data"] != data:
                continue
            target = copy_path(source)
            target.parent.mkdir(exist_ok=True)
            # Written whole, then renamed, so a kernel never reads half a copy.
            partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            try:
                partial.write_text(text, encoding="utf-8")
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
            written.append(target)
        except (OSError, UnicodeDecodeError, YamlSyntaxError, TypeError, ValueError):
            continue
    return written
