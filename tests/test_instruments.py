from pathlib import Path

import pytest

from open_strength import instruments
from open_strength.instruments import InstrumentError, load_file, reconcile_answers

from tests.conftest import FIXTURES

BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))


@pytest.mark.parametrize("path", BROKEN, ids=[p.name for p in BROKEN])
def test_each_broken_file_is_rejected_with_its_own_message(path: Path):
    expected = path.read_text(encoding="utf-8").splitlines()[0].split("expect: ", 1)[1]
    with pytest.raises(InstrumentError) as caught:
        load_file(path)
    message = str(caught.value)
    assert message.startswith(path.name + ": "), "the message names the file"
    assert expected in message


def test_broken_corpus_messages_are_all_different():
    messages = set()
    for path in BROKEN:
        with pytest.raises(InstrumentError) as caught:
            load_file(path)
        messages.add(str(caught.value).split(": ", 1)[1])
    assert len(messages) == len(BROKEN)


def test_unreadable_file_is_reported(tmp_path):
    with pytest.raises(InstrumentError, match="cannot be read"):
        load_file(tmp_path / "absent.yaml")


def test_every_packaged_instrument_loads_and_matches_its_file_name():
    ids = instruments.available()
    assert "baseline-checkin" in ids
    for instrument_id in ids:
        inst = instruments.load(instrument_id)
        assert inst.id == instrument_id
        assert inst.scale_max >= 2


def test_unknown_instrument_id_is_reported():
    with pytest.raises(InstrumentError, match="no instrument with id 'nope'"):
        instruments.load("nope")


def test_sample_fields(sample):
    assert sample.item("n2").reverse is True
    assert [i.id for i in sample.items_of("sharing")] == ["s1", "s2"]
    assert sample.subscale("help").shareable is False


def test_reconcile_keeps_unchanged_items_and_sets_aside_reworded_and_removed(sample):
    # n3 was reworded in version 2; "gone" no longer exists.
    result = reconcile_answers(sample, "sample", 1, {"n1": 3, "n3": 4, "gone": 2, "s1": None})
    assert result.answers == {"n1": 3, "s1": None}
    assert set(result.set_aside) == {"n3", "gone"}
    assert any("reworded" in m for m in result.messages)
    assert any("no longer asked" in m for m in result.messages)


def test_reconcile_same_version_keeps_revised_item(sample):
    assert reconcile_answers(sample, "sample", 2, {"n3": 4}).answers == {"n3": 4}


def test_reconcile_refuses_newer_version_and_other_instrument(sample):
    with pytest.raises(ValueError, match="newer than version 2"):
        reconcile_answers(sample, "sample", 3, {})
    with pytest.raises(ValueError, match="belong to 'other'"):
        reconcile_answers(sample, "other", 1, {})


def test_reconcile_sets_aside_values_off_the_scale(sample):
    result = reconcile_answers(sample, "sample", 2, {"n1": 9, "n2": True, "s1": 2})
    assert result.answers == {"s1": 2}
    assert set(result.set_aside) == {"n1", "n2"}
