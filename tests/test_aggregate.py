"""Group results: share codes, the floor of 5, duplicates and withdrawals, and hand-worked statistics."""
import datetime
import re

import pytest
from hypothesis import given, settings, strategies as st

from open_strength import aggregate, codes, facilitator, forms, stats
from open_strength.instruments import load

from tests.conftest import ROOT

RULES = load("rules-profile")
BASELINE = load("baseline-checkin")


def share(values_self, values_others, share_id, group=""):
    return codes.encode_share(codes.Share(RULES.code_number, RULES.version, share_id,
                                          (tuple(values_self), tuple(values_others)), datetime.date(2026, 11, 25), group))


# ---- codes -------------------------------------------------------------------------------------

mean_value = st.one_of(st.none(), st.integers(10, 110).map(lambda v: v / 10))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 255), st.integers(1, 255), st.integers(0, codes.SHARE_ID_MAX),
       st.lists(st.lists(mean_value, max_size=31).map(tuple), min_size=1, max_size=3).map(tuple),
       st.one_of(st.none(), st.dates(datetime.date(2024, 1, 1), datetime.date(2150, 1, 1))), st.sampled_from(codes.GROUPS))
def test_share_code_round_trip(number, version, share_id, sections, day, group):
    original = codes.Share(number, version, share_id, sections, day, group)
    assert codes.decode(codes.encode_share(original)).share == original


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 255), st.integers(1, 255), st.integers(0, codes.SHARE_ID_MAX))
def test_withdrawal_code_round_trip(number, version, share_id):
    original = codes.Withdrawal(number, version, share_id)
    assert codes.decode(codes.encode_withdrawal(original)).withdrawal == original


def test_mutated_truncated_foreign_and_newer_shares_are_rejected_with_reasons():
    good = share([4.0] * 5, [5.0] * 5, 1)
    body = good[3:].replace("-", "")
    mutated = "OS-" + body[:6] + ("A" if body[6] != "A" else "B") + body[7:]
    newer = load_newer = codes.encode_share(codes.Share(RULES.code_number, RULES.version + 1, 2, ((4.0,) * 5, (4.0,) * 5)))
    unknown = codes.encode_share(codes.Share(250, 1, 3, ((4.0,),)))
    wrong_shape = codes.encode_share(codes.Share(RULES.code_number, 1, 4, ((4.0,) * 3,)))
    save = forms.saved.save_code(RULES, {"self": {"ec-1": 3}}, "group")
    text = "\n".join([good, mutated, good[:-4], "hello", newer, unknown, wrong_shape, save])
    collected = aggregate.read_lines(text)
    assert len(collected.shares) == 1
    reasons = {r.line: r.reason for r in collected.rejected}
    assert "does not check out" in reasons[2]
    assert "short" in reasons[3] or "does not check out" in reasons[3]
    assert "not an Open Strength" in reasons[4]
    assert "newer version" in reasons[5]
    assert "number 250" in reasons[6]
    assert "do not fit" in reasons[7]
    assert "save code" in reasons[8]
    assert all(r.text and len(r.text) <= 40 for r in collected.rejected)
    assert load_newer


def test_participant_share_carries_scores_only_and_never_unshareable_themes(sample):
    assessment = forms.SelfAssessment(sample)
    assessment.submit({"main": {"n1": 4, "n2": 1, "s1": 2, "s2": 3, "h1": 1, "h2": 4}})
    text = assessment.share_code(77, "men", datetime.date(2026, 11, 25))
    decoded = codes.decode(text).share
    # naming: n1 4, n2 1 reversed to 4 -> 4.0; sharing: s1 2, s2 3 reversed to 2 -> 2.0; "help" is shareable: false
    assert decoded.sections == ((4.0, 2.0),)
    assert (decoded.share_id, decoded.group, decoded.day) == (77, "men", datetime.date(2026, 11, 25))


def test_share_panel_messages_from_the_page(sample):
    assessment = forms.SelfAssessment(sample)
    assessment.share._handle_custom_msg({"kind": "share", "share_id": 5, "group": "x"}, [])
    assert assessment.share.share_code == "", "nothing to share before results"
    assessment.submit({"main": {"n1": 4, "n2": 1}})
    assert assessment.share.ready
    assessment.share._handle_custom_msg({"kind": "share", "share_id": 5, "group": "nonsense"}, [])
    assert codes.decode(assessment.share.share_code).share.group == ""
    assessment.share._handle_custom_msg({"kind": "withdraw", "share_id": 5}, [])
    assert codes.decode(assessment.share.withdraw_code).withdrawal.share_id == 5
    assessment.share._handle_custom_msg({"kind": "share", "share_id": -1}, [])
    assessment.share._handle_custom_msg({"kind": "share", "share_id": True}, [])


# ---- duplicates, withdrawals, the floor -------------------------------------------------------

def test_reshare_replaces_and_withdrawal_removes():
    lines = [share([2.0] * 5, [3.0] * 5, 1), share([5.0] * 5, [5.0] * 5, 1),  # person 1 re-shares
             share([4.0] * 5, [4.0] * 5, 2),
             codes.encode_withdrawal(codes.Withdrawal(RULES.code_number, 1, 2))]
    collected = aggregate.read_lines("\n".join(lines))
    assert list(collected.shares) == [(RULES.code_number, 1)]
    assert collected.shares[(RULES.code_number, 1)].sections[0][0] == 5.0
    assert collected.withdrawn == {(RULES.code_number, 2)}
    aggregate.read_lines(share([1.0] * 5, [1.0] * 5, 2), collected)  # a new share after withdrawing counts again
    assert len(collected.shares) == 2 and not collected.withdrawn


def test_floor_applies_to_each_statistic_on_its_own():
    assert aggregate.floored_mean([1, 2, 3, 4, None]) == aggregate.Stat(4, None)
    assert aggregate.floored_mean([2, 3, 4, 5, 6]) == aggregate.Stat(5, 4.0)
    # Five people, but one skipped "winning": that norm alone falls under the floor.
    shares = [codes.decode(share([3.0, 3.0, 3.0, None if i == 0 else 3.0, 3.0], [4.0] * 5, i)).share for i in range(5)]
    gaps = aggregate.gaps(RULES, shares)
    assert [g.gap is None for g in gaps] == [False, False, False, True, False]
    assert gaps[0].gap == pytest.approx(1.0) and gaps[3].own.n == 4


def test_bins_hide_small_counts_and_show_nothing_under_the_floor():
    assert aggregate.bins(RULES, [1.0, 1.5, 2.0, 6.0]) is None
    # 6-point scale thirds: <= 2.67 disagreed, >= 4.33 agreed.
    values = [1.0, 1.5, 2.0, 2.5, 2.6, 3.5, 5.0, 5.5, 6.0]
    assert aggregate.bins(RULES, values) == {"disagreed": 5, "mixed": "fewer than 5", "agreed": "fewer than 5"}


# ---- hand-worked statistics --------------------------------------------------------------------

def test_t_quantiles_match_the_table():
    for df, value in ((1, 12.706), (4, 2.776), (10, 2.228), (30, 2.042)):
        assert stats.t_quantile(0.975, df) == pytest.approx(value, abs=1e-3)


def test_paired_change_hand_worked():
    # differences 1, 2, 0, 1, 1: mean 1, sd sqrt(0.5) = 0.7071, se 0.3162, t(4) = 2.7764.
    change = aggregate.paired_change([3, 2, 4, 3, 3], [4, 4, 4, 4, 4])
    assert change.n == 5 and change.mean == pytest.approx(1.0)
    assert (change.low, change.high) == (pytest.approx(0.1220, abs=1e-4), pytest.approx(1.8780, abs=1e-4))
    # d_z = 1 / 0.7071 = 1.4142; SE = sqrt(1/5 + 2/10) = 0.6325; 1.4142 -/+ 1.96 * 0.6325.
    assert change.d_z == pytest.approx(1.4142, abs=1e-4)
    assert (change.d_low, change.d_high) == (pytest.approx(0.1746, abs=1e-3), pytest.approx(2.6538, abs=1e-3))


def test_paired_change_under_the_floor_gives_only_n():
    change = aggregate.paired_change([3, 2, 4, 3, None], [4, 4, 4, 4, 4])
    assert change == aggregate.Change("", "", 4, None, None, None)


def test_mixed_groups_are_kept_apart_each_under_its_own_floor():
    lines = [share([3.0] * 5, [4.0] * 5, i, "men") for i in range(6)] + \
            [share([2.0] * 5, [2.0] * 5, 100 + i, "women") for i in range(3)]
    collected = aggregate.read_lines("\n".join(lines))
    groups = aggregate.split_by_group(collected.by_instrument(RULES.code_number))
    assert {k: len(v) for k, v in groups.items()} == {"men": 6, "women": 3}
    bundles = facilitator.reveal(collected)
    text = "\n".join(b["text/plain"] for b in bundles)
    assert f"{RULES.title}: Men" in text and f"{RULES.title}: Women" in text
    assert "3 shared. Nothing is shown for fewer than 5 people." in text
    women_chart = next(b for b in bundles if "application/vnd.plotly.v1+json" in b
                       and b["application/vnd.plotly.v1+json"]["layout"]["meta"]["title"].endswith("Women"))
    assert all(x is None for trace in women_chart["application/vnd.plotly.v1+json"]["data"] for x in trace["x"])


# ---- the dashboard, driven as its buttons drive it --------------------------------------------

def test_dashboard_counts_then_reveals_once_with_the_matching_script():
    board = facilitator.Dashboard()
    lines = [share([2.0] * 5, [4.0] * 5, i) for i in range(12)] + ["nonsense", "OS-1234", ""]
    board.paste.value = "\n".join(lines)
    board.add.click()
    assert board.paste.value == ""
    assert "12 share(s) so far" in board.status.value and "hidden until" in board.status.value
    assert board.results.outputs == ()
    assert board.problems.value.count("<li>") == 2
    board.show.click()
    text = "\n".join(o["data"]["text/plain"] for o in board.results.outputs)
    assert facilitator.reveal_scripts()["scripts"]["gap"]["say"] in text
    assert "guessed most men here agree more" in text
    assert "download='group-results.csv'" in board.export.value
    board.clear.click()
    assert board.results.outputs == () and "0 share(s)" in board.status.value


def test_change_view_and_export_for_pre_post_shares():
    lines = []
    for i, (pre, post) in enumerate([(3, 4), (2, 4), (4, 4), (3, 4), (3, 4)]):
        sections = ((float(pre),) * 4, (float(pre) - 0.5,) * 4, (float(post),) * 4)
        lines.append(codes.encode_share(codes.Share(BASELINE.code_number, 1, i, sections)))
    collected = aggregate.read_lines("\n".join(lines))
    text = "\n".join(b["text/plain"] for b in facilitator.reveal(collected))
    assert "average change +1.0 (95% interval +0.1 to +1.9), from 5 people" in text
    assert "cannot show that the workshop caused any change" in text
    assert "d_z" not in text  # effect sizes only in the evaluator's export
    csv_text = facilitator.export_csv(collected)
    assert "change_from_pre" in csv_text and ",1.414," in csv_text
    assert "share_id" not in csv_text


def test_reveal_scripts_are_the_guides_words():
    guide = " ".join((ROOT / "facilitator-guide" / "session-01.md").read_text(encoding="utf-8").split())
    for script in facilitator.reveal_scripts()["scripts"].values():
        assert script["say"] in guide
