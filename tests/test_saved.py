"""Saved answers coming back: codes, files and the browser's copy; each bad case reported, nothing lost."""
import json

import pytest
from hypothesis import given, settings, strategies as st

from open_strength import codes, saved
from open_strength.instruments import available, load, load_file

from tests.conftest import FIXTURES, ROOT

ANSWERS = {"main": {"n1": 4, "n2": 1, "n3": None, "s1": 2, "h2": 3}}


def test_code_round_trip_restores_answers_and_skips(sample):
    code = saved.save_code(sample, ANSWERS)
    restored = saved.restore_from_text(sample, code)
    assert restored.answers == ANSWERS and restored.messages == ()


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_round_trip_property_for_every_installed_instrument(data):
    instrument = load(data.draw(st.sampled_from(available())))
    value = st.one_of(st.none(), st.integers(1, instrument.scale_max))
    answers = {s: data.draw(st.dictionaries(st.sampled_from([i.id for i in instrument.items]), value))
               for s in saved.section_ids(instrument)}
    setting = data.draw(st.sampled_from(saved.SETTINGS)) if instrument.alt_wording else ""
    for text in (saved.save_code(instrument, answers, setting),
                 json.dumps(saved.save_document(instrument, answers, setting, "2026-11-25"))):
        restored = saved.restore_from_text(instrument, text)
        assert restored.answers == answers
        assert restored.setting == setting


def test_perspectives_form_keeps_both_sections_and_setting():
    inst = load_file(FIXTURES / "instruments" / "sample-perspectives.yaml")
    answers = {"self": {"a1": 5}, "others": {"a1": 6, "a2": None}}
    restored = saved.restore_from_text(inst, saved.save_code(inst, answers, "solo"))
    assert restored.answers == answers and restored.setting == "solo"


def test_older_version_keeps_unchanged_items_and_names_the_reworded_one(sample):
    old = saved.to_record(sample, ANSWERS)
    old = codes.Record(old.number, 1, old.scale_max, old.sections)
    restored = saved.restore_from_text(sample, codes.encode([old]))
    assert restored.answers == {"main": {"n1": 4, "n2": 1, "s1": 2, "h2": 3}}
    assert restored.set_aside == {"main": ("n3",)}
    assert any("n3" in m and "reworded" in m for m in restored.messages)


def test_newer_version_code_is_refused_as_newer(sample):
    rec = saved.to_record(sample, ANSWERS)
    newer = codes.Record(rec.number, sample.version + 1, rec.scale_max, rec.sections)
    with pytest.raises(saved.SavedDataError) as err:
        saved.restore_from_text(sample, codes.encode([newer]))
    assert err.value.kind == "newer" and "update the workshop" in err.value.problem


def test_code_for_another_form_names_that_form(sample):
    baseline = load("baseline-checkin")
    code = saved.save_code(baseline, {"main": {baseline.items[0].id: 3}})
    with pytest.raises(saved.SavedDataError) as err:
        saved.restore_from_text(sample, code)
    assert err.value.kind == "other-form" and baseline.title in err.value.problem


def test_code_for_an_unknown_form_says_so(sample):
    code = codes.encode([codes.Record(number=250, version=1, scale_max=6, sections=((1, 2),))])
    with pytest.raises(saved.SavedDataError) as err:
        saved.restore_from_text(sample, code)
    assert "does not have (number 250)" in err.value.problem


def test_damaged_code_is_reported_as_damaged(sample):
    code = saved.save_code(sample, ANSWERS)
    damaged = code[:-1] + ("A" if code[-1] != "A" else "B")
    with pytest.raises(saved.SavedDataError) as err:
        saved.restore_from_text(sample, damaged)
    assert err.value.kind == "damaged" and "does not check out" in err.value.problem


def test_code_with_more_answers_than_questions_sets_extra_aside(sample):
    rec = saved.to_record(sample, ANSWERS)
    longer = codes.Record(rec.number, rec.version, rec.scale_max, (rec.sections[0] + (2, 3),))
    restored = saved.restore_from_text(sample, codes.encode([longer]))
    assert restored.answers == ANSWERS
    assert any("2 answer(s)" in m for m in restored.messages)


def _doc(sample, **changes):
    doc = saved.save_document(sample, ANSWERS, "", "2026-11-25")
    doc.pop("code")
    doc.update(changes)
    return json.dumps(doc)


@pytest.mark.parametrize("changes, kind, words", [
    ({"format": "something-else"}, "foreign", "not an Open Strength answers file"),
    ({"format_version": 99}, "newer", "newer version of the workshop"),
    ({"format_version": "one"}, "damaged", "field 'format_version'"),
    ({"instrument": "rules-profile"}, "other-form", "'rules-profile'"),
    ({"version": 3}, "newer", "version 3"),
    ({"version": None}, "damaged", "field 'version'"),
    ({"answers": [1, 2]}, "damaged", "field 'answers'"),
    ({"answers": {"main": {"n1": "four"}}}, "damaged", "field 'answers' > 'main' > 'n1'"),
])
def test_bad_files_are_reported_with_what_and_where(sample, changes, kind, words):
    with pytest.raises(saved.SavedDataError) as err:
        saved.restore_from_text(sample, _doc(sample, **changes))
    assert err.value.kind == kind
    assert words in str(err.value)


def test_truncated_file_is_reported(sample):
    text = json.dumps(saved.save_document(sample, ANSWERS, "", "2026-11-25"), indent=1)
    with pytest.raises(saved.SavedDataError) as err:
        saved.restore_from_text(sample, text[: len(text) // 2])
    assert "damaged or cut short" in err.value.problem and "line" in err.value.where


def test_file_answers_off_the_scale_or_unknown_are_set_aside_not_dropped(sample):
    text = _doc(sample, answers={"main": {"n1": 9, "n2": 2, "zz": 1}, "extra": {"a": 1}})
    restored = saved.restore_from_text(sample, text)
    assert restored.answers == {"main": {"n2": 2}}
    assert set(restored.set_aside["main"]) == {"n1", "zz"} and restored.set_aside["extra"] == ("a",)
    assert len(restored.messages) == 3


def test_file_with_only_a_code_is_read_through_the_code(sample):
    doc = {"format": saved.SAVE_FORMAT, "format_version": 1, "code": saved.save_code(sample, ANSWERS)}
    assert saved.restore_from_text(sample, json.dumps(doc)).answers == ANSWERS


def test_no_free_text_can_travel_in_a_saved_file(sample):
    doc = saved.save_document(sample, ANSWERS, "", "2026-11-25")
    assert set(doc) == {"format", "format_version", "note", "instrument", "version", "setting", "saved_on",
                        "answers", "code"}
    assert all(isinstance(v, (int, type(None))) for s in doc["answers"].values() for v in s.values())


@pytest.mark.parametrize("junk", [None, 42, "", "   ", "x" * 5000])
def test_junk_is_refused_not_crashed_on(sample, junk):
    with pytest.raises(saved.SavedDataError):
        saved.restore_from_text(sample, junk)


def test_code_numbers_are_unique_and_item_order_only_grows():
    """Codes store answers by position: an installed instrument's items may be added at the end,
    never reordered or removed. The fixture records the order codes already in people's hands use."""
    recorded = json.loads((FIXTURES / "code_item_order.json").read_text())
    numbers = {}
    for instrument_id in available():
        inst = load(instrument_id)
        assert inst.code_number not in numbers, f"{instrument_id} reuses code number {inst.code_number}"
        numbers[inst.code_number] = instrument_id
        order = [i.id for i in inst.items]
        assert instrument_id in recorded, f"add {instrument_id}'s item order to code_item_order.json"
        assert recorded[instrument_id]["code_number"] == inst.code_number
        assert order[: len(recorded[instrument_id]["items"])] == recorded[instrument_id]["items"], \
            f"{instrument_id}: items were reordered or removed; codes already saved would be misread"
