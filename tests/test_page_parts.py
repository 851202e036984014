"""Browser-only page parts: what the page is given is their setup and their script, nothing else."""
import json
import re

import pytest

from open_strength import page_parts, show
from open_strength.device import bundle

PART = re.compile(r"const setup = (.*?);const source = (.*?);const model = ")


def parts_shown(monkeypatch) -> list[tuple[str, dict, str]]:
    """Every part a call shows, as (its script's source, its setup, its words)."""
    shown = []

    def capture(bundle_, raw=False):
        setup, source = PART.search(bundle_["text/html"]).groups()
        shown.append((json.loads(source), json.loads(setup), bundle_["text/plain"]))

    monkeypatch.setattr(page_parts, "display", capture)
    return shown


def test_a_part_carries_its_setup_and_its_script_safely_inside_the_page():
    hostile = "</script><script>alert(1)</script><!-- "
    markup = page_parts.part_html("reflection.js", {"prompt": hostile, "shared_device": False}, ("reflection.css",))
    assert markup.count("</script>") == 1 and "<!--" not in markup  # nothing in the setup can end the script
    setup, source = PART.search(markup).groups()
    assert json.loads(setup) == {"prompt": hostile, "shared_device": False}
    assert json.loads(source) == bundle("reflection.js")  # the same module a widget would run
    assert "<style>" in markup and ".os-reflection" in markup
    place = re.search(r"id='(os-part-[0-9a-f]+)'", markup).group(1)
    assert f'const place = "{place}";' in markup
    assert place not in page_parts.part_html("reflection.js", {})  # every part has its own place


def test_a_part_that_cannot_start_says_so_in_its_place():
    markup = page_parts.part_html("cycle_map.js", {})
    assert json.dumps(page_parts.FAILED_TEXT) in markup and "catch (error)" in markup


@pytest.mark.parametrize("call, script, allowed", [
    (lambda: show.reflection("What helps?"), "reflection.js", {"prompt", "store_key", "shared_device"}),
    (show.device_settings, "device_settings.js", {"shared_device", "host"}),
    (show.cycle_map, "cycle_map.js", {"shared_device"}),
    (show.turn_timer, "turn_timer.js", {"shared_device", "phases"}),
    (show.disclosure_ladder, "disclosure_ladder.js", {"shared_device"}),
    (show.response_practice, "response_practice.js", {"shared_device", "spec"}),
    (show.startup_rewrite, "startup_rewrite.js", {"shared_device", "openings", "checks"}),
    (show.practice_tracker, "practice_tracker.js", {"shared_device"}),
])
def test_browser_only_parts_are_given_only_their_setup(monkeypatch, call, script, allowed):
    shown = parts_shown(monkeypatch)
    call()
    ((source, setup, _words),) = shown
    assert source == bundle(script)
    assert set(setup) <= allowed and "shared_device" in setup
    json.dumps(setup)


def test_the_emotion_words_part_gets_the_feelings_from_the_data_file(monkeypatch):
    from open_strength import data

    monkeypatch.setattr(show, "display", lambda *a, **k: None)  # the wheel's heading and words
    shown = parts_shown(monkeypatch)
    show.emotion_vocabulary()
    ((_, wheel, _), (source, setup, _)) = shown  # the wheel (a chart drawn by the page), then the words
    assert "figure" in wheel
    assert source == bundle("emotion_vocabulary.js") and setup["groups"] == data.feelings()


def test_a_reflection_is_named_by_its_prompt_and_page_never_by_what_is_written(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    shown = parts_shown(monkeypatch)
    show.reflection("What helps?")
    show.reflection("What helps?")
    show.reflection("What gets in the way?")
    keys = [setup["store_key"] for _, setup, _ in shown]
    assert keys[0] == keys[1] != keys[2] and all(re.fullmatch(r"[0-9a-f]{12}", k) for k in keys)
    assert shown[0][2] == "What helps?"


def test_the_shared_computer_setting_reaches_every_part(monkeypatch):
    monkeypatch.setenv("OPEN_STRENGTH_SHARED_DEVICE", "1")
    shown = parts_shown(monkeypatch)
    show.reflection("x")
    show.cycle_map()
    assert all(setup["shared_device"] is True for _, setup, _ in shown)


def test_a_form_is_drawn_with_the_page_and_its_widget_is_told_where(monkeypatch):
    from open_strength.forms import LikertForm

    shown = parts_shown(monkeypatch)
    views = []
    monkeypatch.setattr(show, "display", views.append)
    show.form("baseline-checkin")
    ((source, setup, words),) = shown
    (view,) = views
    form = view.children[0]
    assert isinstance(form, LikertForm) and source == bundle(*LikertForm.SCRIPTS) == form._esm
    assert re.fullmatch(r"os-part-[0-9a-f]{12}", form.part) and setup["part"] == form.part
    # The part starts from the widget's own state: the same questions, nothing answered, nothing submitted.
    assert setup["spec"] == form.spec and setup["answers"] == {} and setup["submit_count"] == setup["done_count"] == 0
    assert {"setting", "shared_device", "host", "error"} <= set(setup) and words == form.spec["title"]
    assert "reverse" not in json.dumps(setup)  # wording only: no scoring keys reach the page


def test_a_part_that_did_not_start_is_not_offered_to_its_widget():
    markup = page_parts.part_html(("part_link.js", "likert_form.js"), {})
    started = markup.index("(part.part || part.render)({ model, el });")
    offered = markup.index("window.openStrengthParts ||= {})[place] = model")
    failed = markup.index("catch (error)")
    assert started < offered < failed  # registered only after the part has drawn itself
