"""Pure scoring: reverse keying, subscale means, the minimum-answered rule, and plain descriptions.

No totals, cut-offs or verdicts (programme standards): results describe answers in the scale's own
words and order them within the person.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .instruments import Instrument, Item

# Below this difference in means, a gap between two perspectives is described as "close".
CLOSE_GAP = 0.5


@dataclass(frozen=True)
class SubscaleScore:
    subscale_id: str
    name: str
    mean: float | None  # None when fewer than min_answered items were answered
    answered: int
    asked: int
    needed: int


@dataclass(frozen=True)
class Description:
    subscale_id: str
    mean: float | None
    text: str


def keyed(instrument: Instrument, item: Item, value: int) -> int:
    """Turn a raw answer into its keyed value: a reverse-keyed item is mirrored on the scale."""
    if item.reverse:
        return instrument.scale_min + instrument.scale_max - value
    return value


def _valid(instrument: Instrument, value: object) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)
            and instrument.scale_min <= value <= instrument.scale_max)


def answered_count(instrument: Instrument, answers: dict) -> int:
    """Items with an answer on the scale; "prefer not to say" (None) and unanswered items do not count."""
    return sum(1 for item in instrument.items if _valid(instrument, answers.get(item.id)))


def subscale_scores(instrument: Instrument, answers: dict) -> list[SubscaleScore]:
    """Mean of keyed answers per subscale, in the instrument's order.

    A subscale gets a mean only when at least min_answered of its items were answered;
    skipped items are left out rather than filled in.
    """
    scores = []
    for sub in instrument.subscales:
        items = instrument.items_of(sub.id)
        values = [keyed(instrument, item, answers[item.id]) for item in items
                  if _valid(instrument, answers.get(item.id))]
        needed = min(instrument.min_answered, len(items))
        mean = sum(values) / len(values) if len(values) >= needed and values else None
        scores.append(SubscaleScore(sub.id, sub.name, mean, len(values), len(items), needed))
    return scores


def nearest_label(instrument: Instrument, mean: float) -> str:
    # Halves round up, not to even, so that 2.5 and 3.5 are treated alike.
    index = int(min(max(math.floor(mean + 0.5), instrument.scale_min), instrument.scale_max)) - instrument.scale_min
    return instrument.scale[index]


def lean(instrument: Instrument, mean: float) -> str:
    """Where a mean sits on the scale, in thirds: 'agreed', 'disagreed' or 'mixed'."""
    position = (mean - instrument.scale_min) / (instrument.scale_max - instrument.scale_min)
    if position >= 2 / 3:
        return "agreed"
    if position <= 1 / 3:
        return "disagreed"
    return "mixed"


def describe(instrument: Instrument, scores: list[SubscaleScore]) -> list[Description]:
    """Plain sentences, the most-agreed ideas first (ordered within the person), then any not described."""
    described = [s for s in scores if s.mean is not None]
    # Stable sort keeps the instrument's order for ties.
    described.sort(key=lambda s: -s.mean)
    out = []
    for score in described:
        statement = instrument.subscale(score.subscale_id).statement
        word = lean(instrument, score.mean)
        label = nearest_label(instrument, score.mean)
        if instrument.scale_kind != "agreement":  # "agreed" fits only an agree-disagree scale
            text = f"{score.name}: your answers sat nearest “{label}”."
        elif word == "mixed":
            text = f"{score.name}: your answers were mixed on whether {statement} (they sat nearest “{label}”)."
        else:
            text = f"{score.name}: you mostly {word} that {statement} (your answers sat nearest “{label}”)."
        out.append(Description(score.subscale_id, score.mean, text))
    for score in scores:
        if score.mean is None:
            out.append(Description(score.subscale_id, None,
                                   f"{score.name}: not described, because {score.answered} of {score.asked} "
                                   f"questions were answered and {score.needed} are needed. That is fine: any question can be skipped."))
    return out


@dataclass(frozen=True)
class Gap:
    subscale_id: str
    name: str
    own: float | None
    others: float | None
    text: str


def describe_gaps(instrument: Instrument, own: list[SubscaleScore], others: list[SubscaleScore],
                  others_label: str = "most men in this group") -> list[Gap]:
    """Compare 'what I believe' with 'what I think others believe', per subscale, without judging either."""
    gaps = []
    for mine, theirs in zip(own, others):
        if mine.mean is None or theirs.mean is None:
            text = f"{mine.name}: not compared, because one of the two ratings has too few answers."
        else:
            diff = theirs.mean - mine.mean
            if abs(diff) < CLOSE_GAP:
                text = (f"{mine.name}: your own view and what you think {others_label} believe were close "
                        f"({mine.mean:.1f} and {theirs.mean:.1f}).")
            elif diff > 0:
                text = (f"{mine.name}: you placed {others_label} further toward agreeing than yourself "
                        f"({theirs.mean:.1f} against your {mine.mean:.1f}).")
            else:
                text = (f"{mine.name}: you placed yourself further toward agreeing than {others_label} "
                        f"({mine.mean:.1f} against {theirs.mean:.1f}).")
        gaps.append(Gap(mine.subscale_id, mine.name, mine.mean, theirs.mean, text))
    return gaps


# ---- grid forms (rows are subscales, columns the instrument's columns) ------------------------

def grid_values(instrument: Instrument, answers: dict) -> list[list[int | None]]:
    """Each cell's answer, row by row; None where skipped or unanswered. Grid items are not reversed."""
    rows = []
    for sub in instrument.subscales:
        row = []
        for column in instrument.columns:
            item = instrument.cell(sub.id, column.id)
            value = answers.get(item.id) if item else None
            row.append(keyed(instrument, item, value) if item and _valid(instrument, value) else None)
        rows.append(row)
    return rows


def _column_scores(instrument: Instrument, answers: dict) -> list[tuple[str, float | None]]:
    values = grid_values(instrument, answers)
    out = []
    for index, column in enumerate(instrument.columns):
        cells = [row[index] for row in values if row[index] is not None]
        needed = min(instrument.min_answered, len(values))
        out.append((column.short, sum(cells) / len(cells) if len(cells) >= needed and cells else None))
    return out


def describe_grid(instrument: Instrument, answers: dict) -> list[str]:
    """Plain sentences about a grid: each row's usual answer and where it was highest, then each
    column's. Ordered within the person; nothing is compared with anyone else."""
    scores = subscale_scores(instrument, answers)
    values = grid_values(instrument, answers)
    lines = []
    order = sorted((s for s in scores if s.mean is not None), key=lambda s: -s.mean)
    for score in order:
        row = values[[s.subscale_id for s in scores].index(score.subscale_id)]
        text = f"{score.name}: your answers sat nearest “{nearest_label(instrument, score.mean)}” on average"
        answered = [v for v in row if v is not None]
        top = max(answered)
        if min(answered) != top:
            where = [c.short for c, v in zip(instrument.columns, row) if v == top]
            text += f", and were highest for {_join(where)} (“{instrument.scale[top - instrument.scale_min]}”)"
        lines.append(text + ".")
    for column_name, mean in _column_scores(instrument, answers):
        if mean is not None:
            lines.append(f"{column_name}: across the topics, your answers sat nearest "
                         f"“{nearest_label(instrument, mean)}” on average.")
    for score in scores:
        if score.mean is None:
            lines.append(f"{score.name}: not described, because {score.answered} of {score.asked} questions were "
                         f"answered and {score.needed} are needed. That is fine: any question can be skipped.")
    return lines


def _join(names: list[str]) -> str:
    quoted = [f"“{n}”" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


NORMAL_CHANGE_NOTE = ("Flat or lower results are normal. As people learn more about themselves, they often "
                      "answer more honestly, and that is a step forward, not back.")


def describe_change(before_label: str, before: list[SubscaleScore], after: list[SubscaleScore]) -> list[str]:
    """Theme by theme, how 'now' compares with an earlier rating, in plain words, without judging."""
    lines = []
    for old, new in zip(before, after):
        if old.mean is None or new.mean is None:
            lines.append(f"{new.name}: not compared, because one of the two has too few answers.")
            continue
        diff = new.mean - old.mean
        if abs(diff) < CLOSE_GAP:
            how = "about the same"
        elif diff > 0:
            how = "higher now"
        else:
            how = "lower now"
        lines.append(f"{new.name}: {how} ({old.mean:.1f} {before_label}, {new.mean:.1f} now).")
    lines.append(NORMAL_CHANGE_NOTE)
    return lines
