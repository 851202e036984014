"""Checks a document against the subset of JSON Schema that instrument.schema.json uses.

Why not jsonschema: importing it in a kernel costs about 1.7 s (it pulls in optional format
checkers that compile grammars), and every self-assessment page paid that before its form could
appear. The schema file stays the source of truth and is valid JSON Schema; a test compares this
checker with jsonschema on every instrument and every broken example, error for error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

SUPPORTED = {"$schema", "title", "description", "type", "required", "properties", "additionalProperties",
             "items", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"}


@dataclass(frozen=True)
class SchemaError:
    """Shaped like jsonschema's ValidationError where the instrument loader reads it."""

    validator: str
    message: str
    instance: object
    validator_value: object
    absolute_path: list = field(default_factory=list)


def _is_type(value: object, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    raise ValueError(f"schema type {kind!r} is not supported")


def _length_message(instance: object, limit: int, too_short: bool) -> str:
    if too_short:
        return f"{instance!r} should be non-empty" if limit == 1 else f"{instance!r} is too short"
    return f"{instance!r} is too long"


def iter_errors(instance: object, schema: dict, path: tuple = ()):
    """Every place where `instance` breaks `schema`, as jsonschema's Draft 2020-12 validator reports it."""
    unknown = set(schema) - SUPPORTED
    if unknown:
        raise ValueError(f"schema keywords {sorted(unknown)} are not supported by this checker")

    def error(keyword: str, message: str) -> SchemaError:
        return SchemaError(keyword, message, instance, schema[keyword], list(path))

    if "type" in schema and not _is_type(instance, schema["type"]):
        yield error("type", f"{instance!r} is not of type {schema['type']!r}")
        return  # every other keyword here would only repeat the type mistake
    # Keywords in the schema's own order, as jsonschema checks them, so the first error is the same.
    for keyword, value in schema.items():
        if keyword == "enum" and instance not in value:
            yield error("enum", f"{instance!r} is not one of {value!r}")
        elif isinstance(instance, str) and keyword in ("minLength", "maxLength", "pattern"):
            if keyword == "minLength" and len(instance) < value:
                yield error(keyword, _length_message(instance, value, True))
            elif keyword == "maxLength" and len(instance) > value:
                yield error(keyword, _length_message(instance, value, False))
            elif keyword == "pattern" and not re.search(value, instance):
                yield error(keyword, f"{instance!r} does not match {value!r}")
        elif _is_type(instance, "number") and keyword in ("minimum", "maximum"):
            if keyword == "minimum" and instance < value:
                yield error(keyword, f"{instance!r} is less than the minimum of {value!r}")
            elif keyword == "maximum" and instance > value:
                yield error(keyword, f"{instance!r} is greater than the maximum of {value!r}")
        elif isinstance(instance, list) and keyword in ("minItems", "maxItems", "items"):
            if keyword == "minItems" and len(instance) < value:
                yield error(keyword, _length_message(instance, value, True))
            elif keyword == "maxItems" and len(instance) > value:
                yield error(keyword, _length_message(instance, value, False))
            elif keyword == "items":
                for index, entry in enumerate(instance):
                    yield from iter_errors(entry, value, path + (index,))
        elif isinstance(instance, dict) and keyword in ("required", "properties", "additionalProperties"):
            if keyword == "required":
                for name in value:
                    if name not in instance:
                        yield error(keyword, f"{name!r} is a required property")
            elif keyword == "properties":
                for name, sub in value.items():
                    if name in instance:
                        yield from iter_errors(instance[name], sub, path + (name,))
            elif value is False:
                extra = [name for name in instance if name not in schema.get("properties", {})]
                if extra:
                    listed = ", ".join(repr(name) for name in sorted(extra, key=str))
                    verb = "was" if len(extra) == 1 else "were"
                    yield error(keyword, f"Additional properties are not allowed ({listed} {verb} unexpected)")
