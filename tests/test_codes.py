"""Save codes: round trips, and every kind of bad code refused with a reason."""
import binascii

import pytest
from hypothesis import given, settings, strategies as st

from open_strength import codes


@st.composite
def records(draw):
    scale_max = draw(st.integers(2, 11))
    value = st.one_of(st.none(), st.integers(0, scale_max))
    sections = draw(st.lists(st.lists(value, max_size=127).map(tuple), min_size=1, max_size=3).map(tuple))
    return codes.Record(number=draw(st.integers(1, 255)), version=draw(st.integers(1, 255)),
                        scale_max=scale_max, sections=sections, setting=draw(st.sampled_from(codes.SETTINGS)))


def _same(a: codes.Record, b: codes.Record) -> bool:
    return (a.number, a.version, a.sections, a.setting) == (b.number, b.version, b.sections, b.setting) \
        and codes.value_width(a.scale_max) == codes.value_width(b.scale_max)


@settings(max_examples=300, deadline=None)
@given(st.lists(records(), min_size=1, max_size=4))
def test_round_trip(recs):
    text = codes.encode(recs)
    assert text.startswith("OS-")
    decoded = codes.decode(text)
    assert decoded.format_version == codes.FORMAT_VERSION and decoded.kind == codes.KIND_SAVE
    assert len(decoded.records) == len(recs)
    assert all(_same(a, b) for a, b in zip(recs, decoded.records))


@settings(max_examples=100, deadline=None)
@given(records())
def test_typing_leniency(rec):
    text = codes.encode([rec])
    sloppy = " " + text.lower().replace("-", " ").replace("1", "l").replace("0", "o") + "\n"
    assert _same(codes.decode(sloppy).records[0], rec)


def _rules_profile_like():
    return codes.Record(number=2, version=1, scale_max=6, setting="group",
                        sections=((4, 2, None, 0, 6, 1, 3, 3, 5, 2, 1, 4, None, 6, 2),
                                  (5, 5, 4, 0, 6, 2, 3, 4, 5, 3, 2, 4, 0, 6, 3)))


def test_a_real_sized_code_is_short():
    text = codes.encode([_rules_profile_like()])
    assert len(text.replace("-", "")) <= 2 + 32, text  # 30 answers in eight groups of four


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_any_single_mistyped_letter_is_caught(data):
    text = codes.encode([_rules_profile_like()])
    body = text[3:].replace("-", "")
    position = data.draw(st.integers(0, len(body) - 1))
    wrong = data.draw(st.sampled_from([c for c in codes.ALPHABET if c != body[position]]))
    mutated = "OS-" + body[:position] + wrong + body[position + 1:]
    with pytest.raises(codes.CodeError) as err:
        codes.decode(mutated)
    assert err.value.kind in ("damaged",)
    assert err.value.problem


def test_swapped_neighbours_are_caught():
    body = codes.encode([_rules_profile_like()])[3:].replace("-", "")
    for i in range(len(body) - 1):
        if body[i] == body[i + 1]:
            continue
        swapped = body[:i] + body[i + 1] + body[i] + body[i + 2:]
        with pytest.raises(codes.CodeError):
            codes.decode("OS-" + swapped)


def test_truncated_code_is_refused_with_a_reason():
    text = codes.encode([_rules_profile_like()])
    for cut in (1, 4, 10, len(text) - 5):
        with pytest.raises(codes.CodeError) as err:
            codes.decode(text[:-cut])
        assert "short" in err.value.problem or "check out" in err.value.problem


@pytest.mark.parametrize("text, words", [
    ("", "empty"),
    ("hello there", "not an Open Strength code"),
    ("https://example.org/OS-1234", "not an Open Strength code"),
    ("OS-U123-4567", "not used in save codes"),
    ("OS-12", "too short"),
])
def test_foreign_or_malformed_text(text, words):
    with pytest.raises(codes.CodeError) as err:
        codes.decode(text)
    assert words in err.value.problem


def _with_header(format_version: int) -> str:
    """A well-formed code whose header claims another format version, checksum recomputed."""
    body = codes._pack((_rules_profile_like(),), codes.KIND_SAVE)[:-2]
    body = bytes([(format_version << 4) | (body[0] & 0x0F)]) + body[1:]
    return "OS-" + codes._to_base32(body + binascii.crc_hqx(body, 0xFFFF).to_bytes(2, "big"))


def test_newer_format_is_refused_as_newer():
    with pytest.raises(codes.CodeError) as err:
        codes.decode(_with_header(codes.FORMAT_VERSION + 1))
    assert err.value.kind == "newer" and "newer version" in err.value.problem


def test_format_zero_is_foreign():
    with pytest.raises(codes.CodeError) as err:
        codes.decode(_with_header(0))
    assert err.value.kind == "foreign"


def test_two_codes_pasted_together_are_refused():
    text = codes.encode([_rules_profile_like()])
    with pytest.raises(codes.CodeError):
        codes.decode(text + text[3:])


def test_values_off_the_scale_cannot_be_encoded():
    bad = codes.Record(number=1, version=1, scale_max=6, sections=((7,),))
    with pytest.raises(ValueError):
        codes.encode([bad])


@settings(max_examples=200, deadline=None)
@given(records(), st.data())
def test_every_change_to_the_letters_is_caught_whatever_the_length(rec, data):
    """Padding bits too: a changed or added last letter must not decode to the same answers."""
    body = codes.encode([rec])[3:].replace("-", "")
    change = data.draw(st.sampled_from(["replace-last", "append", "drop-last"]))
    if change == "replace-last":
        mutated = body[:-1] + data.draw(st.sampled_from([c for c in codes.ALPHABET if c != body[-1]]))
    elif change == "append":
        mutated = body + data.draw(st.sampled_from(codes.ALPHABET))
    else:
        mutated = body[:-1]
    with pytest.raises(codes.CodeError):
        codes.decode("OS-" + mutated)
