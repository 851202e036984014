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
import datetime
from dataclasses import dataclass, field

FORMAT_VERSION = 1
KIND_SAVE = 1       # a participant's own answers, to bring back later
KIND_SHARE = 2      # scores shared with the group: subscale means only, with a random share id
KIND_WITHDRAW = 3   # takes back an earlier share with the same share id
KIND_NAMES = {KIND_SAVE: "save code", KIND_SHARE: "share code", KIND_WITHDRAW: "withdrawal code"}
GROUPS = ("", "men", "women", "another")  # only to keep ratings apart in a mixed group
EPOCH = datetime.date(2024, 1, 1)
PREFIX = "OS"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Crockford: read I and L as 1, O as 0; U is never used.
_READ_AS = {"I": "1", "L": "1", "O": "0"}
SETTINGS = ("", "group", "solo")

_FORMAT_BITS, _KIND_BITS, _COUNT_BITS = 4, 4, 4
_NUMBER_BITS, _VERSION_BITS, _SETTING_BITS = 8, 8, 2
_SECTIONS_BITS, _ITEMS_BITS, _WIDTH_BITS = 2, 7, 3
_SHARE_ID_BITS, _DAY_BITS, _GROUP_BITS, _SUBSCALES_BITS, _MEAN_BITS = 40, 16, 2, 5, 7
SHARE_ID_MAX = (1 << _SHARE_ID_BITS) - 1


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
class Share:
    """Scores shared with a group. Each section holds one mean per shareable subscale (None if too
    few answers); means travel in tenths. No answers, no text, nothing that names a person."""

    number: int
    version: int
    share_id: int
    sections: tuple[tuple[float | None, ...], ...]
    day: datetime.date | None = None
    group: str = ""


@dataclass(frozen=True)
class Withdrawal:
    number: int
    version: int
    share_id: int


@dataclass(frozen=True)
class Decoded:
    format_version: int
    kind: int
    records: tuple[Record, ...] = field(default_factory=tuple)
    share: Share | None = None
    withdrawal: Withdrawal | None = None


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


def _header(kind: int) -> _Bits:
    bits = _Bits()
    bits.put(FORMAT_VERSION, _FORMAT_BITS)
    bits.put(kind, _KIND_BITS)
    return bits


def _frame(bits: _Bits) -> bytes:
    payload = bits.to_bytes()
    return payload + binascii.crc_hqx(payload, 0xFFFF).to_bytes(2, "big")


def _pack(records: tuple[Record, ...] | list[Record], kind: int) -> bytes:
    if not 1 <= len(records) < (1 << _COUNT_BITS):
        raise ValueError("a code holds between 1 and 15 records")
    bits = _header(kind)
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
    return _frame(bits)


def _pack_share(share: Share) -> bytes:
    bits = _header(KIND_SHARE)
    bits.put(share.number, _NUMBER_BITS)
    bits.put(share.version, _VERSION_BITS)
    bits.put(share.share_id, _SHARE_ID_BITS)
    bits.put((share.day - EPOCH).days + 1 if share.day else 0, _DAY_BITS)
    bits.put(GROUPS.index(share.group), _GROUP_BITS)
    bits.put(len(share.sections), _SECTIONS_BITS)
    for section in share.sections:
        bits.put(len(section), _SUBSCALES_BITS)
        for mean in section:
            bits.put(0 if mean is None else round(mean * 10), _MEAN_BITS)
    return _frame(bits)


def _pack_withdrawal(withdrawal: Withdrawal) -> bytes:
    bits = _header(KIND_WITHDRAW)
    bits.put(withdrawal.number, _NUMBER_BITS)
    bits.put(withdrawal.version, _VERSION_BITS)
    bits.put(withdrawal.share_id, _SHARE_ID_BITS)
    return _frame(bits)


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


def _text(data: bytes) -> str:
    body = _to_base32(data)
    return "-".join([PREFIX, *(body[i:i + 4] for i in range(0, len(body), 4))])


def encode(records: list[Record] | tuple[Record, ...], kind: int = KIND_SAVE) -> str:
    return _text(_pack(tuple(records), kind))


def encode_share(share: Share) -> str:
    return _text(_pack_share(share))


def encode_withdrawal(withdrawal: Withdrawal) -> str:
    return _text(_pack_withdrawal(withdrawal))


def normalise(text: str) -> str:
    """What a person may have typed, reduced to the symbols after the prefix."""
    if not isinstance(text, str):
        raise CodeError("a save code is text", kind="foreign")
    cleaned = "".join(text.split()).replace("-", "").upper()
    if not cleaned:
        raise CodeError("the box is empty: paste or type your save code", kind="foreign")
    if not cleaned.startswith(PREFIX) and not cleaned.startswith("0S"):
        raise CodeError("this is not an Open Strength code: those start with 'OS-'", kind="foreign")
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
    if kind == KIND_SHARE:
        return _finish(reader, Decoded(version, kind, share=_read_share(reader)))
    if kind == KIND_WITHDRAW:
        withdrawal = Withdrawal(reader.take(_NUMBER_BITS), reader.take(_VERSION_BITS), reader.take(_SHARE_ID_BITS))
        return _finish(reader, Decoded(version, kind, withdrawal=withdrawal))
    if kind != KIND_SAVE:
        raise CodeError("this code is of a kind the workshop does not know", kind="foreign")
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
    return _finish(reader, Decoded(version, kind, tuple(records)))


def _read_share(reader: _Reader) -> Share:
    number, version = reader.take(_NUMBER_BITS), reader.take(_VERSION_BITS)
    share_id, day, group = reader.take(_SHARE_ID_BITS), reader.take(_DAY_BITS), reader.take(_GROUP_BITS)
    sections = []
    for _ in range(reader.take(_SECTIONS_BITS)):
        sections.append(tuple(None if raw == 0 else raw / 10
                              for raw in (reader.take(_MEAN_BITS) for _ in range(reader.take(_SUBSCALES_BITS)))))
    return Share(number, version, share_id, tuple(sections),
                 EPOCH + datetime.timedelta(days=day - 1) if day else None, GROUPS[group])


def _finish(reader: _Reader, decoded: Decoded) -> Decoded:
    if reader.left >= 8:
        raise CodeError("this code has extra letters at the end: check that you copied only one code")
    return decoded
