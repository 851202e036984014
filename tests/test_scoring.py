"""Hand-worked examples on tests/fixtures/instruments/sample.yaml (a 1-4 scale, min_answered 2)."""
import pytest

from open_strength import scoring


def by_id(scores):
    return {s.subscale_id: s for s in scores}


def test_reverse_keying_mirrors_on_the_scale(sample):
    n2 = sample.item("n2")
    assert [scoring.keyed(sample, n2, v) for v in (1, 2, 3, 4)] == [4, 3, 2, 1]
    assert scoring.keyed(sample, sample.item("n1"), 3) == 3


def test_subscale_means_hand_worked(sample):
    answers = {"n1": 4, "n2": 1, "n3": 3, "s1": 2, "s2": None, "h1": 1, "h2": 4}
    scores = by_id(scoring.subscale_scores(sample, answers))
    # naming: 4, reverse(1)=4, 3 -> 11/3
    assert scores["naming"].mean == pytest.approx(11 / 3)
    assert scores["naming"].answered == 3
    # sharing: only s1 answered (s2 was "prefer not to say"), 1 < min_answered 2
    assert scores["sharing"].mean is None
    assert (scores["sharing"].answered, scores["sharing"].needed) == (1, 2)
    # help: 1 and reverse(4)=1
    assert scores["help"].mean == pytest.approx(1.0)


def test_all_skipped_describes_nothing_and_says_why(sample):
    answers = {i.id: None for i in sample.items}
    scores = scoring.subscale_scores(sample, answers)
    assert all(s.mean is None and s.answered == 0 for s in scores)
    texts = [d.text for d in scoring.describe(sample, scores)]
    assert len(texts) == 3
    assert all("not described" in t and "can be skipped" in t for t in texts)
    assert scoring.answered_count(sample, answers) == 0


def test_extreme_answers(sample):
    top = {i.id: (1 if i.reverse else 4) for i in sample.items}
    bottom = {i.id: (4 if i.reverse else 1) for i in sample.items}
    assert all(s.mean == 4 for s in scoring.subscale_scores(sample, top))
    assert all(s.mean == 1 for s in scoring.subscale_scores(sample, bottom))
    text = scoring.describe(sample, scoring.subscale_scores(sample, top))[0].text
    assert "you mostly agreed that you can name what you feel" in text
    assert "“Strongly agree”" in text


def test_values_off_the_scale_are_ignored(sample):
    scores = by_id(scoring.subscale_scores(sample, {"n1": 7, "n2": 0, "n3": True, "s1": "3"}))
    assert scores["naming"].answered == 0
    assert scores["sharing"].answered == 0


def test_descriptions_are_ordered_within_the_person(sample):
    answers = {"n1": 4, "n2": 1, "n3": 3, "s1": 2, "s2": None, "h1": 1, "h2": 4}
    descriptions = scoring.describe(sample, scoring.subscale_scores(sample, answers))
    assert [d.subscale_id for d in descriptions] == ["naming", "help", "sharing"]
    assert "you mostly agreed" in descriptions[0].text
    assert "you mostly disagreed that asking for help is fine" in descriptions[1].text
    assert descriptions[2].mean is None


def test_middle_of_the_scale_is_mixed_and_halves_round_up(sample):
    scores = scoring.subscale_scores(sample, {"n1": 2, "n2": 2, "n3": 3})  # 2, 3, 3 -> 2.67
    naming = scoring.describe(sample, scores)[0]
    assert "mixed" in naming.text and "“Agree”" in naming.text
    assert scoring.nearest_label(sample, 2.5) == "Agree"
    assert scoring.nearest_label(sample, 1.5) == "Disagree"


def test_no_totals_or_verdicts_in_any_description(sample):
    answers = {"n1": 4, "n2": 1, "n3": 3, "s1": 2, "s2": 3, "h1": 1, "h2": 4}
    for d in scoring.describe(sample, scoring.subscale_scores(sample, answers)):
        lowered = d.text.lower()
        for word in ("total", "high", "low", "score", "normal", "healthy", "problem"):
            assert word not in lowered


def test_gaps_hand_worked(sample):
    own = scoring.subscale_scores(sample, {"n1": 2, "n2": 3, "s1": 2, "s2": 2, "h1": 3, "h2": 2})
    others = scoring.subscale_scores(sample, {"n1": 3, "n2": 2, "s1": 2, "s2": 3, "h1": 1, "h2": None})
    gaps = {g.subscale_id: g for g in scoring.describe_gaps(sample, own, others)}
    # naming: own (2+2)/2=2.0, others (3+3)/2=3.0 -> others further toward agreeing
    assert "placed most men in this group further toward agreeing" in gaps["naming"].text
    # sharing: own (2+3)/2=2.5, others (2+2)/2=2.0 -> diff -0.5: not "close"
    assert "placed yourself further toward agreeing" in gaps["sharing"].text
    # help: others have 1 answer, under min_answered
    assert "not compared" in gaps["help"].text


def test_close_gap(sample):
    own = scoring.subscale_scores(sample, {"n1": 3, "n2": 2})
    others = scoring.subscale_scores(sample, {"n1": 3, "n2": 1, "n3": 3})  # 3,4,3 -> 3.33 vs 3.0
    gap = scoring.describe_gaps(sample, own, others, "most men I know")[0]
    assert "were close" in gap.text and "most men I know" in gap.text
