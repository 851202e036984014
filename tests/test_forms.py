"""The form and results flow, driven from Python as the browser would drive it."""
import pytest

from open_strength import form_part, forms
from open_strength.instruments import load_file

from tests.conftest import FIXTURES, chart_figure


def test_nothing_is_preselected_and_spec_carries_no_scoring_keys(sample):
    spec = form_part.form_spec(sample)
    assert spec["scale"] == list(sample.scale)
    assert spec["skip_label"] == "Prefer not to say"
    for item in spec["sections"][0]["items"]:
        assert set(item) == {"id", "text"}  # no reverse keys or subscales sent to the page
    a = forms.SelfAssessment(sample)
    assert a.form.answers == {} and a.form.submit_count == 0
    assert a.results.outputs == ()


def test_submit_draws_chart_and_text_summary(sample):
    a = forms.SelfAssessment(sample)
    a.submit({"main": {"n1": 4, "n2": 1, "n3": 3, "s1": 2, "s2": None, "h1": 1, "h2": 4}})
    assert a.form.done_count == a.form.submit_count == 1
    assert a.form.error == ""
    heading, chart, words = a.results.outputs
    assert "Sample check" in heading["data"]["text/html"]
    assert "<h4>Your chart in words</h4>" in words["data"]["text/html"]
    fig = chart_figure(chart)
    assert fig["data"][0]["x"][0] == pytest.approx(3.67)
    assert chart["data"]["text/plain"].startswith("Averages on a scale")  # the chart's words travel with it
    html = words["data"]["text/html"]
    assert "Naming feelings: 3.7." in html
    assert "you mostly agreed that you can name what you feel" in html
    assert a.scores["main"][2].mean == 1.0


def test_resubmit_replaces_results(sample):
    a = forms.SelfAssessment(sample)
    a.submit({"main": {"n1": 4, "n2": 1}})
    a.submit({"main": {"n1": 1, "n2": 4}})
    assert a.form.done_count == 2
    assert len(a.results.outputs) == 3
    assert a.scores["main"][0].mean == 1.0


def test_everything_skipped_still_gives_a_page_not_an_error(sample):
    a = forms.SelfAssessment(sample)
    a.submit({})
    assert a.form.error == ""
    assert "not described" in a.results.outputs[2]["data"]["text/html"]


def test_junk_from_the_page_is_dropped(sample):
    a = forms.SelfAssessment(sample)
    a.submit({"main": {"n1": "4", "n2": 99, "zz": 2, "n3": 2.0, "s1": True}})
    assert forms.clean_answers(sample, {"n1": "4", "n2": 99, "zz": 2, "n3": 2.0, "s1": True}) == {"n3": 2}
    assert a.form.error == ""
    a.submit({"main": "not a dict"})
    assert a.form.error == ""


def test_a_failing_callback_says_so_on_the_page(sample, monkeypatch):
    a = forms.SelfAssessment(sample)
    monkeypatch.setattr(forms.charts, "profile_figure", lambda *args, **kwargs: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        a.submit({"main": {"n1": 4}})
    assert "Something went wrong" in a.form.error
    assert a.form.done_count == 1  # the page stops waiting


def test_two_perspectives_and_the_group_or_solo_setting():
    inst = load_file(FIXTURES / "instruments" / "sample-perspectives.yaml")
    a = forms.SelfAssessment(inst)
    spec = a.form.spec
    assert [s["id"] for s in spec["sections"]] == ["self", "others"]
    assert spec["sections"][1]["labels"]["solo"] == "What I think most men I know believe"
    answers = {"self": {"a1": 1, "a2": 2}, "others": {"a1": 4, "a2": 4}}
    a.submit(answers, setting="solo")
    _, own_chart, own_words, _, both_chart, both_words = a.results.outputs
    own_fig = chart_figure(own_chart)
    assert [t["name"] for t in own_fig["data"]] == ["What I believe"]
    assert own_fig["data"][0]["x"] == [1.5]
    assert "you mostly disagreed" in own_words["data"]["text/html"]
    both = chart_figure(both_chart)
    names = [t["name"].replace("<br>", " ") for t in both["data"]]
    assert names == ["What I believe", "What I think most men I know believe"]
    assert "most men I know" in both_chart["data"]["text/plain"]
    assert "you placed most men I know further toward agreeing than yourself" in both_words["data"]["text/html"]
    places = list(a.charts.places)
    a.submit({"self": {"a1": 6, "a2": 6}, "others": {"a1": 1, "a2": 1}}, setting="group")
    assert "most men in this group" in a.results.outputs[5]["data"]["text/html"]
    # The new charts go into the same places: no new widgets on the page.
    assert a.charts.places == places and len(places) == 2
    assert [t["x"] for t in chart_figure(a.results.outputs[4])["data"]] == [[6.0], [1.0]]


def test_a_chart_place_is_drawn_by_the_kernel_where_the_page_cannot_draw_it():
    from open_strength.chart_slot import PLOTLY_MIME

    inst = load_file(FIXTURES / "instruments" / "sample-perspectives.yaml")
    a = forms.SelfAssessment(inst)
    a.submit({"self": {"a1": 1, "a2": 2}, "others": {"a1": 4, "a2": 4}}, setting="solo")
    place = a.charts.places[1]
    assert place.output.outputs == ()  # the page draws it from the slot's figure
    place._on_message(place.slot, {"kind": "shown"}, [])  # a page without plotly.js (JupyterLab) asks instead
    assert place.slot.drawn
    (drawn,) = place.output.outputs
    assert drawn["data"][PLOTLY_MIME] == place.slot.figure and drawn["data"]["text/plain"] == place.words
    a.submit({"self": {"a1": 6, "a2": 6}, "others": {"a1": 1, "a2": 1}}, setting="group")
    assert [t["x"] for t in place.output.outputs[0]["data"][PLOTLY_MIME]["data"]] == [[6.0], [1.0]]


def _capture_sent(assessment):
    sent = []
    assessment.form.send = lambda content, buffers=None: sent.append(content)
    return sent


def test_submit_gives_a_save_code_and_file_that_bring_the_answers_back(sample):
    import json

    from open_strength import saved

    a = forms.SelfAssessment(sample)
    assert a.save.code == ""  # nothing to keep before results
    a.submit({"main": {"n1": 4, "n2": None, "zz": 3}})
    assert a.save.code.startswith("OS-")
    document = json.loads(a.save.file_text)
    assert document["code"] == a.save.code and document["answers"] == {"main": {"n1": 4, "n2": None}}
    b = forms.SelfAssessment(sample)
    sent = _capture_sent(b)
    b._on_message(b.form, {"kind": "restore", "source": "import", "text": a.save.code}, [])
    assert sent[-1]["kind"] == "restored" and sent[-1]["answers"] == {"main": {"n1": 4, "n2": None}}
    assert b.form.submit_count == b.form.done_count == 1  # imported answers draw the chart at once
    assert b.scores["main"][0].answered == 1
    assert saved.restore_from_text(sample, b.save.code).answers == {"main": {"n1": 4, "n2": None}}


def test_browser_copy_fills_the_form_without_drawing(sample):
    import json

    from open_strength import saved

    a = forms.SelfAssessment(sample)
    sent = _capture_sent(a)
    kept = saved.save_document(sample, {"main": {"s1": 2}}, "", "2026-11-20")
    a._on_message(a.form, {"kind": "restore", "source": "browser", "text": json.dumps(kept)}, [])
    assert sent == [{"kind": "restored", "source": "browser", "answers": {"main": {"s1": 2}}, "setting": "",
                     "messages": [], "saved_on": "2026-11-20"}]
    assert a.form.submit_count == 0 and a.results.outputs == ()


def test_bad_saved_answers_are_reported_and_the_form_is_left_alone(sample):
    a = forms.SelfAssessment(sample)
    a.submit({"main": {"n1": 3}})
    before = (a.form.answers, a.results.outputs, a.save.code)
    sent = _capture_sent(a)
    a._on_message(a.form, {"kind": "restore", "source": "import", "text": "OS-ZZZZ-ZZZZ-ZZ"}, [])
    assert sent[-1]["kind"] == "restore-failed" and sent[-1]["error_kind"] == "damaged"
    assert "does not check out" in sent[-1]["problem"]
    a._on_message(a.form, {"kind": "restore", "source": "browser", "text": '{"format": "open-strength-answers", "format_version": 7}'}, [])
    assert sent[-1]["error_kind"] == "newer" and sent[-1]["source"] == "browser"
    assert (a.form.answers, a.results.outputs, a.save.code) == before


def test_unknown_messages_are_ignored(sample):
    a = forms.SelfAssessment(sample)
    sent = _capture_sent(a)
    a._on_message(a.form, {"kind": "something"}, [])
    a._on_message(a.form, ["not", "a", "dict"], [])
    assert sent == []


def test_server_modes_reach_the_widgets(sample, monkeypatch):
    monkeypatch.setenv("OPEN_STRENGTH_SHARED_DEVICE", "1")
    monkeypatch.setenv("OPEN_STRENGTH_HOST", "binder")
    a = forms.SelfAssessment(sample)
    assert a.form.shared_device and a.save.shared_device and a.form.host == "binder"
    monkeypatch.delenv("OPEN_STRENGTH_SHARED_DEVICE")
    monkeypatch.delenv("OPEN_STRENGTH_HOST")
    b = forms.SelfAssessment(sample)
    assert not b.form.shared_device and b.form.host == ""


def test_the_kernel_draws_no_hidden_chart_to_warm_the_page_up(sample):
    # The form's script loads the charting library itself once the page has settled (a browser test checks it).
    a = forms.SelfAssessment(sample)
    a._on_message(a.form, {"kind": "warm-up"}, [])
    assert a.results.outputs == () and a.charts.places == []
    assert [type(w).__name__ for w in a.view.children] == ["LikertForm", "Output", "SavePanel", "SharePanel"]
