"""The instrument checker agrees with jsonschema, error for error, on every instrument, every broken
example and a set of single mutations; and it refuses schema keywords it does not know."""
import copy
import json

import jsonschema
import pytest
import yaml

from open_strength import instruments, schema_check

from tests.conftest import FIXTURES

SCHEMA = json.loads((instruments.INSTRUMENT_DIR / "instrument.schema.json").read_text(encoding="utf-8"))
REAL = [yaml.safe_load((instruments.INSTRUMENT_DIR / f"{i}.yaml").read_text(encoding="utf-8"))
        for i in instruments.available()]


def broken_documents():
    for path in sorted((FIXTURES / "broken").glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        yield path.name, data


def mutations():
    base = next(d for d in REAL if d["id"] == "baseline-checkin")
    changes = {
        "no id": lambda d: d.pop("id"),
        "id with capitals": lambda d: d.update(id="Baseline"),
        "code number too big": lambda d: d.update(code_number=300),
        "code number zero": lambda d: d.update(code_number=0),
        "version as text": lambda d: d.update(version="1"),
        "version true": lambda d: d.update(version=True),
        "empty title": lambda d: d.update(title=""),
        "one scale point": lambda d: d.update(scale=["Only"]),
        "twelve scale points": lambda d: d.update(scale=[str(n) for n in range(12)]),
        "unknown scale kind": lambda d: d.update(scale_kind="loudness"),
        "two unknown fields": lambda d: d.update(total=1, cutoff=3),
        "item without subscale": lambda d: d["items"][2].pop("subscale"),
        "item text a number": lambda d: d["items"][1].update(text=5),
        "reverse as yes": lambda d: d["items"][0].update(reverse="yes"),
        "revised zero": lambda d: d["items"][0].update(revised=0),
        "no items": lambda d: d.update(items=[]),
        "subscale with extra field": lambda d: d["subscales"][0].update(weight=2),
        "alt wording without label": lambda d: d.update(alt_wording={"solo_label": "x"}),
        "alt wording bad purpose": lambda d: d.update(alt_wording={"label": "x", "purpose": "later"}),
        "items not a list": lambda d: d.update(items={"a": 1}),
        "column short too long": lambda d: d.update(columns=[{"id": "a", "name": "A", "short": "x" * 20},
                                                              {"id": "b", "name": "B", "short": "B"}]),
        "several mistakes at once": lambda d: (d.pop("title"), d.update(version=0), d["items"][0].pop("text")),
    }
    for name, change in changes.items():
        data = copy.deepcopy(base)
        change(data)
        yield name, data


def key(error) -> tuple:
    return (len(error.absolute_path), list(map(str, error.absolute_path)))


def reported(errors) -> list[tuple]:
    return [(e.validator, list(e.absolute_path), e.message) for e in sorted(errors, key=key)]


CASES = [(d["id"], d) for d in REAL] + list(broken_documents()) + list(mutations())


@pytest.mark.parametrize("name, document", CASES, ids=[c[0] for c in CASES])
def test_checker_reports_what_jsonschema_reports(name, document):
    ours = reported(schema_check.iter_errors(document, SCHEMA))
    theirs = reported(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document))
    assert ours[:1] == theirs[:1], "the first error, the one a facilitator is shown, is the same"
    assert sorted(ours) == sorted(theirs)


def test_real_instruments_pass_and_mutations_fail():
    assert all(not list(schema_check.iter_errors(d, SCHEMA)) for d in REAL if "items_from" not in d)
    assert all(list(schema_check.iter_errors(d, SCHEMA)) for _, d in mutations())


def test_unknown_schema_keywords_are_refused_not_ignored():
    with pytest.raises(ValueError, match="not supported"):
        list(schema_check.iter_errors({"a": 1}, {"type": "object", "patternProperties": {}}))
    with pytest.raises(ValueError, match="not supported"):
        list(schema_check.iter_errors("x", {"type": "date"}))


def test_loading_an_instrument_does_not_import_jsonschema():
    import subprocess
    import sys

    code = ("import sys; from open_strength.instruments import load; load('baseline-checkin'); "
            "print('jsonschema' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
