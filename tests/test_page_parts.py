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


def test_a_form_served_by_voila_is_drawn_first_and_its_widgets_are_built_apart_from_it(monkeypatch):
    from ipywidgets.widgets.widget import _instances

    from open_strength.forms import LikertForm

    monkeypatch.setenv("VOILA_BASE_URL", "/")
    shown = parts_shown(monkeypatch)
    views = []
    monkeypatch.setattr(show, "display", views.append)
    show.form("baseline-checkin")
    ((source, setup, words),) = shown
    assert views == [] and source == bundle(*LikertForm.SCRIPTS)  # nothing waits for widgets before the page is sent
    assert re.fullmatch(r"[0-9a-f]{32}", setup["later_view"]) and re.fullmatch(r"os-part-[0-9a-f]{12}", setup["part"])
    view = _instances[setup["later_view"]]  # the widget the page looks for, under the id it was given
    form, results = view.children[:2]
    assert isinstance(form, LikertForm) and form.part == setup["part"]
    state = {name: getattr(form, name) for name in setup if name != "later_view"}
    assert state == {name: value for name, value in setup.items() if name != "later_view"}
    first, second = (item["id"] for item in setup["spec"]["sections"][0]["items"][:2])
    form.answers = {"main": {first: 5, second: 4}}
    form.submit_count = 1  # as the page's submit does, once linked
    assert form.done_count == 1 and form.error == ""
    assert "Naming my feelings: 4.5." in results.outputs[-1]["data"]["text/plain"]


def test_a_form_whose_widgets_fail_to_build_says_so_in_the_servers_log(monkeypatch, capfd):
    from open_strength import forms

    monkeypatch.setenv("VOILA_BASE_URL", "/")
    parts_shown(monkeypatch)

    def broken(*_args):
        raise RuntimeError("the widgets could not be built")

    monkeypatch.setattr(forms, "assessment_for", broken)
    show.form("baseline-checkin")
    assert "RuntimeError: the widgets could not be built" in capfd.readouterr().err


class _Kernel:
    """An IPython shell whose kernel answers the two messages a page's widget manager may ask with."""

    def __init__(self):
        self.kernel = self
        self.answered = []
        self.shell_handlers = {name: self._answer(name) for name in ("comm_open", "comm_info_request", "execute_request")}

    def _answer(self, name):
        return lambda *message: self.answered.append((name, message))


@pytest.mark.parametrize("asked_with", ["comm_open", "comm_info_request"])
def test_a_forms_widgets_are_built_when_the_page_asks_for_them(monkeypatch, asked_with):
    import IPython

    kernel = _Kernel()
    monkeypatch.setattr(IPython, "get_ipython", lambda: kernel)
    built = []
    show._when_the_page_asks_for_widgets(lambda: built.append(list(kernel.answered)))  # from inside a cell
    show._when_the_page_asks_for_widgets(lambda: built.append("second form"))
    kernel.shell_handlers["execute_request"]("stream", ["id"], {"code": "the next cell"})
    assert built == [], "built before the page asked for its widgets"
    kernel.shell_handlers[asked_with]("stream", ["id"], {"msg": 1})
    # Both built, before the kernel answered, so its answer holds them; the question itself answered as asked.
    assert built == [[("execute_request", ("stream", ["id"], {"code": "the next cell"}))], "second form"]
    assert kernel.answered[-1] == (asked_with, ("stream", ["id"], {"msg": 1}))
    for name in ("comm_open", "comm_info_request"):
        kernel.shell_handlers[name]("stream", ["id"], {"msg": 2})
    assert len(built) == 2 and len(kernel.answered) == 4  # built once; later questions simply answered


def test_a_form_with_no_kernel_to_wait_on_builds_its_widgets_at_once(monkeypatch):
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: None)
    built = []
    show._when_the_page_asks_for_widgets(lambda: built.append(True))
    assert built == [True]


def test_a_part_that_did_not_start_is_not_offered_to_its_widget():
    markup = page_parts.part_html(("part_link.js", "likert_form.js"), {})
    started = markup.index("(part.part || part.render)({ model, el });")
    offered = markup.index("window.openStrengthParts ||= {})[place] = model")
    failed = markup.index("catch (error)")
    assert started < offered < failed  # registered only after the part has drawn itself


def test_a_form_is_drawn_without_importing_any_widget_library():
    import subprocess
    import sys

    # What a form page served by Voila runs before it is sent (show.form, the widgets aside).
    code = ("import sys; from open_strength import form_part, instruments\n"
            "form_part.show(form_part.initial_state(instruments.load('post-checkin'), 'os-part-1'), later_view='v')\n"
            "print(sorted(m for m in ('ipywidgets', 'anywidget', 'plotly') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip().splitlines()[-1] == "[]", shown.stdout
