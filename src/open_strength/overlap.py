"""Effect sizes in words: how much two groups' score curves overlap for a standardised difference d.

Assumes two normal curves with equal spread, which is what Cohen's d describes. Pure functions.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

STANDARD = NormalDist()
D_MIN, D_MAX = 0.0, 2.0


@dataclass(frozen=True)
class Overlap:
    d: float
    overlap: float        # overlapping coefficient: the share of area the two curves have in common
    higher_pick: float    # chance a random member of the higher group scores above a random member of the other
    above_average: float  # share of the higher group above the other group's average (Cohen's U3)


def clamp(d: float) -> float:
    if not isinstance(d, (int, float)) or isinstance(d, bool) or math.isnan(d):
        return D_MIN
    return min(max(float(d), D_MIN), D_MAX)


def overlap(d: float) -> Overlap:
    d = abs(clamp(d))
    return Overlap(
        d=d,
        overlap=2 * STANDARD.cdf(-d / 2),
        higher_pick=STANDARD.cdf(d / math.sqrt(2)),
        above_average=STANDARD.cdf(d),
    )


def curves(d: float, points: int = 121) -> tuple[list[float], list[float], list[float]]:
    """x values and the two curves' heights: the lower group centred on 0, the higher on d."""
    d = clamp(d)
    low, high = -3.5, d + 3.5
    xs = [low + (high - low) * i / (points - 1) for i in range(points)]
    other = NormalDist(d, 1)
    return ([round(x, 3) for x in xs], [round(STANDARD.pdf(x), 4) for x in xs], [round(other.pdf(x), 4) for x in xs])


def describe(d: float, one_higher: str, one_lower: str, higher: str, measure: str) -> list[str]:
    """The overlap in plain words. Group names come singular and plural ("man", "men"); `measure`
    says what a higher score means ("more difficulty with feelings")."""
    o = overlap(d)
    if o.d == 0:
        return ["With d = 0, the two curves lie on top of each other: no difference at all."]
    return [
        f"With d = {o.d:.2f}, the two curves overlap by {100 * o.overlap:.1f}%. This is the overlapping "
        "coefficient: the share of the area under the curves that the two have in common.",
        f"Pick one {one_higher} and one {one_lower} at random. The {one_higher} would have the higher score "
        f"(here, {measure}) about {round(100 * o.higher_pick)} times in 100. With no difference at all, it would be 50.",
        f"About {round(100 * o.above_average)} in 100 {higher} score above the average {one_lower}. "
        "With no difference at all, it would be 50.",
    ]
