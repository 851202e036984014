"""Sessions 4 to 6: the new instruments, the change chart worked by hand, and the post check-in flow
driven from Python as the page drives it."""
import datetime

import pytest

from open_strength import codes, form_part, forms, scoring, show
from open_strength.instruments import load
from open_strength.scoring import SubscaleScore

from tests.conftest import chart_figure


def score(name: str, mean: float | None) -> SubscaleScore:
    return SubscaleScore(subscale_id=name.lower(), name=name, mean=mean,
                         answered=3 if mean is not None else 0, asked=3, needed=2)


# ---- the instruments --------------------------------------------------------------------------

def test_help_openness_asks_all_three_sides_of_help_and_the_barriers():
    inst = load("help-openness")
    assert [s.id for s in inst.subscales] == ["asking", "accepting", "offering", "in-the-way", "professional"]
    assert all(any(i.subscale == s.id for i in inst.items) for s in inst.subscales)
    assert len(inst.scale) == 6 and inst.skip_label


def test_usual_response_is_worded_as_frequencies_for_the_four_styles():
    inst = load("usual-response")
    assert list(inst.scale) == ["Never", "Rarely", "Sometimes", "Often", "Almost always"]
    assert {s.id for s in inst.subscales} == {"active-constructive", "passive-constructive",
                                              "active-destructive", "passive-destructive"}
    a = forms.SelfAssessment(inst)
    a.submit({"main": {"ac-1": 4, "ac-2": 4, "ac-3": 5, "pd-1": 1, "pd-2": 2}})
    words = a.results.outputs[-1]["data"]["text/html"]
    # Frequencies are described as how often, never as agreement.
    assert "agreed" not in words.lower()
    assert "Active and constructive" in words
    assert a.scores["main"][0].mean == pytest.approx(13 / 3)
    assert a.scores["main"][1].mean is None  # nothing answered: described as too few answers, not guessed


def test_post_checkin_takes_the_baseline_items_and_asks_now_first():
    post, baseline = load("post-checkin"), load("baseline-checkin")
    assert [i.id for i in post.items] == [i.id for i in baseline.items]
    assert [i.text for i in post.items] == [i.text for i in baseline.items]
    spec = form_part.form_spec(post)
    assert [s["id"] for s in spec["sections"]] == ["self", "others"]  # now first, thinking back after
    assert spec["sections"][1]["label"].startswith("Thinking back")
    assert "settings" not in spec  # no group/solo wording: it is the same person, earlier


# ---- describing change, worked by hand ----------------------------------------------------------

def test_describe_change_hand_worked():
    before = [score("Naming", 2.0), score("Sharing", 3.0), score("Asking", 4.0), score("Quiet", None)]
    after = [score("Naming", 3.5), score("Sharing", 3.2), score("Asking", 2.5), score("Quiet", 3.0)]
    lines = scoring.describe_change("at the baseline", before, after)
    assert lines[0] == "Naming: higher now (2.0 at the baseline, 3.5 now)."
    assert lines[1].startswith("Sharing: about the same")
    assert lines[2] == "Asking: lower now (4.0 at the baseline, 2.5 now)."
    assert lines[3].startswith("Quiet: not compared")
    assert lines[-1] == scoring.NORMAL_CHANGE_NOTE
    assert "normal" in scoring.NORMAL_CHANGE_NOTE.lower() and "lower" in scoring.NORMAL_CHANGE_NOTE.lower()
    joined = " ".join(lines).lower()
    for judgement in ("better", "worse", "improved", "failed"):
        assert judgement not in joined


# ---- the post check-in flow ---------------------------------------------------------------------

def baseline_code(answers: dict) -> str:
    baseline = forms.SelfAssessment(load("baseline-checkin"))
    baseline.submit({"main": answers})
    return baseline.save.code


@pytest.fixture
def post():
    return forms.assessment_for(load("post-checkin"))


def all_items(value: int) -> dict:
    """Answers that score `value` on every theme: a reverse-worded item is answered the other way up."""
    baseline = load("baseline-checkin")
    top = len(baseline.scale) + 1
    return {i.id: (top - value if i.reverse else value) for i in baseline.items}


def test_post_checkin_draws_then_and_now_and_waits_for_the_baseline(post):
    assert isinstance(post, forms.CheckInWithChange)
    post.submit({"self": all_items(5), "others": all_items(3)})
    assert post.form.error == ""
    html = post.results.outputs[-1]["data"]["text/html"]
    assert "thinking back" in html and scoring.NORMAL_CHANGE_NOTE in html
    assert post.change.outputs == ()  # no baseline given yet: no change chart


def test_baseline_code_gives_the_change_chart_with_three_series(post):
    code = baseline_code(all_items(2))
    post.submit({"self": all_items(5), "others": all_items(3)})
    assert post.use_baseline(code) is True
    assert post.import_box.failed is False and "baseline answers are in" in post.import_box.message
    heading, chart, words = post.change.outputs
    figure = chart_figure(chart)
    assert [trace["name"] for trace in figure["data"]] == ["Baseline (session 0)", "Thinking back", "Now"]
    text = words["data"]["text/html"]
    assert "at the baseline" in text and "thinking back" in text
    assert "2.0 at the baseline, 5.0 now" in text
    assert text.count(scoring.NORMAL_CHANGE_NOTE) == 1


def test_baseline_given_before_submit_is_kept_until_the_answers_come(post):
    assert post.use_baseline(baseline_code(all_items(4))) is True
    assert post.change.outputs == ()
    post.submit({"self": all_items(4), "others": all_items(4)})
    assert len(post.change.outputs) == 3
    assert "about the same" in post.change.outputs[-1]["data"]["text/html"]


@pytest.mark.parametrize("text, problem", [
    ("OS-ABCD-EFGH", ""),
    ("", ""),
    (None, "nothing readable"),
])
def test_a_bad_baseline_is_reported_and_nothing_changes(post, text, problem):
    post.submit({"self": all_items(5), "others": all_items(3)})
    before = post.results.outputs
    assert post.use_baseline(text) is False
    assert post.import_box.failed is True
    assert post.import_box.message.startswith("That could not be used:") and problem in post.import_box.message
    assert "Nothing was changed" in post.import_box.message
    assert post.pre is None and post.change.outputs == () and post.results.outputs == before


def test_a_code_from_another_form_is_not_taken_as_the_baseline(post):
    other = forms.SelfAssessment(load("help-openness"))
    other.submit({"main": {"as-1": 4, "as-2": 4}})
    assert post.use_baseline(other.save.code) is False
    assert post.import_box.failed is True and post.pre is None
    assert "Nothing was changed" in post.import_box.message


def test_the_page_sends_the_baseline_as_a_message(post):
    post.submit({"self": all_items(5), "others": all_items(3)})
    post._on_import_message(post.import_box, {"kind": "baseline", "text": baseline_code(all_items(1))}, [])
    assert len(post.change.outputs) == 3
    post._on_import_message(post.import_box, {"kind": "other", "text": "x"}, [])
    assert post.import_box.failed is False


def test_session_six_share_carries_pre_thinking_back_and_now_in_one_code(post):
    post.submit({"self": all_items(5), "others": all_items(3)})
    post.use_baseline(baseline_code(all_items(2)))
    decoded = codes.decode(post.share_code(share_id=4242, day=datetime.date(2026, 12, 1)))
    share = decoded.share
    baseline = load("baseline-checkin")
    assert share.number == baseline.code_number and share.share_id == 4242
    assert len(share.sections) == 3
    pre, before, now = share.sections
    assert set(pre) == {2.0} and set(before) == {3.0} and set(now) == {5.0}
    assert share.day == datetime.date(2026, 12, 1)
    # Only the baseline's shareable themes travel, never the answers themselves.
    assert len(now) == len([s for s in baseline.subscales if s.shareable])


# ---- the browser-only exercises ------------------------------------------------------------------

def test_start_up_rewrite_gets_its_openings_and_checks_from_the_data_file(monkeypatch):
    from tests.test_page_parts import parts_shown

    shown = parts_shown(monkeypatch)
    show.startup_rewrite()
    ((_, w, _),) = shown
    assert len(w["openings"]) >= 3 and any("never" in o.lower() or "always" in o.lower() for o in w["openings"])
    assert any("always" in c for c in w["checks"])
