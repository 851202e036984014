"""Saved answers: the save code, the saved file, and what the browser keeps, turned back into answers.

All three hold answers to self-assessments only, never free text. The browser's copy and the file
share one JSON shape (SAVE_FORMAT); the file also carries the code. Everything that comes back is
checked here, and whatever cannot be used is reported and set aside, never silently dropped.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from . import codes
from .instruments import Instrument, by_code_number, reconcile_answers

SAVE_FORMAT = "open-strength-answers"
SAVE_FORMAT_VERSION = 1
SETTINGS = ("group", "solo")
FILE_NOTE = ("Your answers to one Open Strength self-assessment. No written notes are in this file. "
             "To bring them back, open the same form and choose this file, or type in the code.")


class SavedDataError(ValueError):
    """Saved answers that cannot be used. `kind` is damaged, foreign, newer or other-form."""

    def __init__(self, problem: str, kind: str = "damaged", where: str = ""):
        self.problem, self.kind, self.where = problem, kind, where
        super().__init__(f"{where}: {problem}" if where else problem)


@dataclass(frozen=True)
class Restored:
    answers: dict[str, dict[str, int | None]]
    setting: str = ""
    messages: tuple[str, ...] = ()
    set_aside: dict[str, tuple[str, ...]] = field(default_factory=dict)
    saved_on: str = ""


def section_ids(instrument: Instrument) -> tuple[str, ...]:
    """The form's sections, in the order the page shows them and codes store them."""
    return ("self", "others") if instrument.alt_wording else ("main",)


def _section_values(instrument: Instrument, answers: dict | None) -> tuple[int | None, ...]:
    answers = answers or {}
    return tuple(answers[i.id] if i.id in answers else 0 for i in instrument.items)


def to_record(instrument: Instrument, answers: dict, setting: str = "") -> codes.Record:
    """Answers as cleaned by the form ({section: {item_id: value or None}}) as one code record."""
    return codes.Record(
        number=instrument.code_number,
        version=instrument.version,
        scale_max=instrument.scale_max,
        sections=tuple(_section_values(instrument, answers.get(s)) for s in section_ids(instrument)),
        setting=setting if instrument.alt_wording and setting in SETTINGS else "",
    )


def save_code(instrument: Instrument, answers: dict, setting: str = "") -> str:
    return codes.encode([to_record(instrument, answers, setting)])


def save_document(instrument: Instrument, answers: dict, setting: str, saved_on: str) -> dict:
    """The saved file: readable answers, and the same answers as a code."""
    record = to_record(instrument, answers, setting)
    return {
        "format": SAVE_FORMAT,
        "format_version": SAVE_FORMAT_VERSION,
        "note": FILE_NOTE,
        "instrument": instrument.id,
        "version": instrument.version,
        "setting": record.setting,
        "saved_on": saved_on,
        "answers": {s: dict(answers.get(s) or {}) for s in section_ids(instrument)},
        "code": codes.encode([record]),
    }


def _reconcile_sections(instrument: Instrument, version: int, sections: dict[str, dict], setting: str,
                        extra_messages: list[str]) -> Restored:
    known = section_ids(instrument)
    answers: dict[str, dict[str, int | None]] = {}
    messages = list(extra_messages)
    set_aside: dict[str, tuple[str, ...]] = {}
    for section, raw in sections.items():
        if section not in known:
            set_aside[section] = tuple(raw)
            messages.append(f"a set of answers called '{section}' does not belong to this form, so it was set aside")
            continue
        try:
            result = reconcile_answers(instrument, instrument.id, version, raw)
        except ValueError as exc:
            raise SavedDataError(str(exc), kind="newer" if "newer" in str(exc) else "other-form") from None
        answers[section] = result.answers
        if result.set_aside:
            set_aside[section] = result.set_aside
            messages.extend(result.messages)
    return Restored(answers, setting if setting in SETTINGS else "", tuple(messages), set_aside)


def restore_from_record(instrument: Instrument, record: codes.Record) -> Restored:
    if record.version > instrument.version:
        raise SavedDataError(f"this code comes from version {record.version} of this form, newer than version "
                             f"{instrument.version} here: update the workshop to use it", kind="newer")
    if len(record.sections) != len(section_ids(instrument)):
        raise SavedDataError("this code's answers are not laid out like this form's questions", kind="foreign")
    sections: dict[str, dict] = {}
    messages: list[str] = []
    for section, values in zip(section_ids(instrument), record.sections):
        if len(values) > len(instrument.items):
            messages.append(f"{len(values) - len(instrument.items)} answer(s) in the code are for questions this "
                            "form no longer has, so they were set aside")
        sections[section] = {item.id: value for item, value in zip(instrument.items, values) if value != 0}
    return _reconcile_sections(instrument, record.version, sections, record.setting, messages)


def _describe_instrument(number: int) -> str:
    other = by_code_number(number)
    if other is None:
        return f"a form this workshop does not have (number {number}), perhaps from a newer version"
    return f"'{other.title}'"


def restore_from_code(instrument: Instrument, text: str) -> Restored:
    try:
        decoded = codes.decode(text)
    except codes.CodeError as exc:
        raise SavedDataError(exc.problem, kind=exc.kind) from None
    if decoded.kind != codes.KIND_SAVE:
        raise SavedDataError(f"this is a {codes.KIND_NAMES.get(decoded.kind, 'different kind of')} for the group, not a save code", kind="foreign")
    for record in decoded.records:
        if record.number == instrument.code_number:
            return restore_from_record(instrument, record)
    held = ", ".join(_describe_instrument(r.number) for r in decoded.records)
    raise SavedDataError(f"this code holds answers for {held}, not for this form ('{instrument.title}'). "
                         "Open that form's page to bring them back", kind="other-form")


def _check_answers(raw: object) -> dict[str, dict]:
    if not isinstance(raw, dict):
        raise SavedDataError("should be a set of answers", where="field 'answers'")
    sections: dict[str, dict] = {}
    for section, values in raw.items():
        where = f"field 'answers' > '{section}'"
        if not isinstance(values, dict):
            raise SavedDataError("should be a set of answers, one per question", where=where)
        for item_id, value in values.items():
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise SavedDataError(f"the answer {value!r} should be a number or null", where=f"{where} > '{item_id}'")
        sections[section] = values
    return sections


def restore_from_document(instrument: Instrument, document: object) -> Restored:
    """A saved file's contents, or what the browser kept, already parsed from JSON."""
    if not isinstance(document, dict) or document.get("format") != SAVE_FORMAT:
        raise SavedDataError("this is not an Open Strength answers file", kind="foreign")
    format_version = document.get("format_version")
    if not isinstance(format_version, int) or isinstance(format_version, bool) or format_version < 1:
        raise SavedDataError("is missing or not a whole number", where="field 'format_version'")
    if format_version > SAVE_FORMAT_VERSION:
        raise SavedDataError("this file was made by a newer version of the workshop: update it to use the file",
                             kind="newer")
    if "answers" not in document and isinstance(document.get("code"), str):
        return restore_from_code(instrument, document["code"])
    instrument_id = document.get("instrument")
    if instrument_id != instrument.id:
        raise SavedDataError(f"these answers are for '{instrument_id}', not for this form ('{instrument.title}'). "
                             "Open that form's page to bring them back", kind="other-form")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SavedDataError("is missing or not a whole number", where="field 'version'")
    if version > instrument.version:
        raise SavedDataError(f"these answers come from version {version} of this form, newer than version "
                             f"{instrument.version} here: update the workshop to use them", kind="newer")
    setting = document.get("setting", "")
    restored = _reconcile_sections(instrument, version, _check_answers(document.get("answers")),
                                   setting if isinstance(setting, str) else "", [])
    saved_on = document.get("saved_on")
    if isinstance(saved_on, str) and len(saved_on) == 10:
        restored = replace(restored, saved_on=saved_on)
    return restored


def restore_from_text(instrument: Instrument, text: object) -> Restored:
    """What a participant pasted or chose: a save code, or the text of a saved file."""
    if not isinstance(text, str):
        raise SavedDataError("nothing readable was received", kind="foreign")
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            document = json.loads(stripped)
        except ValueError as exc:
            line = getattr(exc, "lineno", None)
            where = f"line {line}" if line else ""
            raise SavedDataError("the file is damaged or cut short, so it cannot be read", where=where) from None
        return restore_from_document(instrument, document)
    if len(stripped) > 2000:
        raise SavedDataError("this is far too long to be a save code or an answers file", kind="foreign")
    return restore_from_code(instrument, stripped)
