"""Save codes: a participant's answers as a short text they can keep, copy or type in again.

A code is "OS-" then Crockford base32 in groups of four, for example ``OS-1A2B-3C4D-...``.
Inside, bit-packed: format version, kind, then one record per instrument (its code number,
version, setting and answers), and a CRC-16 over all of it. Codes carry answers only, never
free text. Pure functions: no widgets, no files.

Answers are stored by position, in the order the instrument file lists its items, so items are
never reordered or deleted in an instrument file (tests/fixtures/code_item_order.json guards it).
Every format version, present and future, starts with its 4-bit version number and ends with the
CRC-16 of everything before it, so a newer code is told apart from a damaged one.
"""
from __future__ import annotations

import binascii
from dataclasses import dataclass, field

FORMAT_VERSION = 1
KIND_SAVE = 1
PREFIX = "OS"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Crockford: read I and L as 1, O as 0; U is never used.
_READ_AS = {"I": "1", "L": "1", "O": "0"}
SETTINGS = ("", "group", "solo")

_FORMAT_BITS, _KIND_BITS, _COUNT_BITS = 4, 4, 4
_NUMBER_BITS, _VERSION_BITS, _SETTING_BITS = 8, 8, 2
_SECTIONS_BITS, _ITEMS_BITS, _WIDTH_BITS = 2, 7, 3


class CodeError(ValueError):
    """A code that cannot be used: `problem` says what is wrong, in words for the participant."""

    def __init__(self, problem: str, kind: str = "damaged"):
        self.problem, self.kind = problem, kind  # kind: damaged, foreign or newer
        super().__init__(problem)


@dataclass(frozen=True)
class Record:
    """One instrument's answers: sections in form order, each a tuple with one entry per item,
    holding a scale value, None for "prefer not to say", or 0 for not answered."""

    number: int
    version: int
    scale_max: int
    sections: tuple[tuple[int | None, ...], ...]
    setting: str = ""


@dataclass(frozen=True)
class Decoded:
    format_version: int
    kind: int
    records: tuple[Record, ...] = field(default_factory=tuple)


class _Bits:
    def __init__(self) -> None:
        self.value, self.length = 0, 0

    def put(self, number: int, width: int) -> None:
        if not 0 <= number < (1 << width):
            raise ValueError(f"{number} does not fit in {width} bits")
        self.value = (self.value << width) | number
        self.length += width

    def to_bytes(self) -> bytes:
        pad = (-self.length) % 8
        return (self.value << pad).to_bytes((self.length + pad) // 8, "big")


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.value, self.left = int.from_bytes(data, "big"), len(data) * 8

    def take(self, width: int) -> int:
        if width > self.left:
            raise CodeError("this code is cut short: some letters are missing at the end")
        self.left -= width
        return (self.value >> self.left) & ((1 << width) - 1)


def value_width(scale_max: int) -> int:
    """Bits per answer: 0 is unanswered, 1..scale_max the scale, all ones is "prefer not to say"."""
    return (scale_max + 1).bit_length()


def _skip_value(width: int) -> int:
    return (1 << width) - 1


def _pack(records: tuple[Record, ...] | list[Record], kind: int) -> bytes:
    if not 1 <= len(records) < (1 << _COUNT_BITS):
        raise ValueError("a code holds between 1 and 15 records")
    bits = _Bits()
    bits.put(FORMAT_VERSION, _FORMAT_BITS)
    bits.put(kind, _KIND_BITS)
    bits.put(len(records), _COUNT_BITS)
    for record in records:
        width = value_width(record.scale_max)
        bits.put(record.number, _NUMBER_BITS)
        bits.put(record.version, _VERSION_BITS)
        bits.put(SETTINGS.index(record.setting), _SETTING_BITS)
        bits.put(width, _WIDTH_BITS)
        bits.put(len(record.sections), _SECTIONS_BITS)
        for section in record.sections:
            bits.put(len(section), _ITEMS_BITS)
            for value in section:
                if value is None:
                    bits.put(_skip_value(width), width)
                elif 0 <= value <= record.scale_max:
                    bits.put(value, width)
                else:
                    raise ValueError(f"{value} is not on a 1 to {record.scale_max} scale")
    payload = bits.to_bytes()
    return payload + binascii.crc_hqx(payload, 0xFFFF).to_bytes(2, "big")


def _to_base32(data: bytes) -> str:
    number, length = int.from_bytes(data, "big"), len(data) * 8
    pad = (-length) % 5
    number <<= pad
    symbols = (length + pad) // 5
    return "".join(ALPHABET[(number >> (5 * (symbols - 1 - i))) & 31] for i in range(symbols))


def _from_base32(text: str) -> bytes:
    number = 0
    for position, char in enumerate(text, start=1):
        char = _READ_AS.get(char, char)
        if char not in ALPHABET:
            raise CodeError(f"character {position} after the 'OS-' ({char!r}) is not used in save codes: "
                            "check that letter")
        number = (number << 5) | ALPHABET.index(char)
    whole_bytes = len(text) * 5 // 8
    spare = len(text) * 5 - whole_bytes * 8
    # Encoding pads with fewer than five zero bits; anything else means a letter was added or changed.
    if spare >= 5 or number & ((1 << spare) - 1):
        raise CodeError("this code does not check out: a letter is probably mistyped, missing or added. "
                        "Compare it with your copy, letter by letter")
    return (number >> spare).to_bytes(whole_bytes, "big")


def encode(records: list[Record] | tuple[Record, ...], kind: int = KIND_SAVE) -> str:
    body = _to_base32(_pack(tuple(records), kind))
    groups = [body[i:i + 4] for i in range(0, len(body), 4)]
    return "-".join([PREFIX, *groups])


def normalise(text: str) -> str:
    """What a person may have typed, reduced to the symbols after the prefix."""
    if not isinstance(text, str):
        raise CodeError("a save code is text", kind="foreign")
    cleaned = "".join(text.split()).replace("-", "").upper()
    if not cleaned:
        raise CodeError("the box is empty: paste or type your save code", kind="foreign")
    if not cleaned.startswith(PREFIX) and not cleaned.startswith("0S"):
        raise CodeError("this is not an Open Strength save code: those start with 'OS-'", kind="foreign")
    return cleaned[len(PREFIX):]


def decode(text: str) -> Decoded:
    body = normalise(text)
    if len(body) < 5:
        raise CodeError("this code is too short: some letters are missing")
    data = _from_base32(body)
    if len(data) < 3:
        raise CodeError("this code is too short: some letters are missing")
    payload, check = data[:-2], data[-2:]
    if binascii.crc_hqx(payload, 0xFFFF).to_bytes(2, "big") != check:
        raise CodeError("this code does not check out: a letter is probably mistyped, missing or swapped. "
                        "Compare it with your copy, letter by letter")
    reader = _Reader(payload)
    version = reader.take(_FORMAT_BITS)
    if version > FORMAT_VERSION:
        raise CodeError("this code was made by a newer version of the workshop: update it, or use the version "
                        "that made the code", kind="newer")
    if version < 1:
        raise CodeError("this code's format number is not one the workshop has ever used", kind="foreign")
    kind = reader.take(_KIND_BITS)
    count = reader.take(_COUNT_BITS)
    if count == 0:
        raise CodeError("this code holds no answers")
    records = []
    for _ in range(count):
        number = reader.take(_NUMBER_BITS)
        inst_version = reader.take(_VERSION_BITS)
        setting_index = reader.take(_SETTING_BITS)
        width = reader.take(_WIDTH_BITS)
        if setting_index >= len(SETTINGS) or width < 2:
            raise CodeError("this code's contents are not laid out as a save code", kind="foreign")
        scale_max = _skip_value(width) - 1
        sections = []
        for _ in range(reader.take(_SECTIONS_BITS)):
            values = []
            for _ in range(reader.take(_ITEMS_BITS)):
                raw = reader.take(width)
                values.append(None if raw == _skip_value(width) else raw)
            sections.append(tuple(values))
        records.append(Record(number, inst_version, scale_max, tuple(sections), SETTINGS[setting_index]))
    if reader.left >= 8:
        raise CodeError("this code has extra letters at the end: check that you copied only one code")
    return Decoded(version, kind, tuple(records))
