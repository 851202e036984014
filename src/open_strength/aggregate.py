"""Group results from share codes: pure functions, checked against hand-worked values.

Privacy rules (programme standards): nothing is shown for fewer than FLOOR people, and the floor
applies to every statistic on its own (a skipped item can leave one norm under the floor). A
re-share replaces the earlier one with the same share id; a withdrawal removes it. Results are
descriptions of a small, self-selected group, never evidence that the workshop had an effect.
"""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from . import codes, stats
from .instruments import Instrument, by_code_number
from .scoring import SubscaleScore, lean

FLOOR = 5
MAX_LINES = 2000


# ---- making a share (participant side) ----------------------------------------------------------

def shareable_subscales(instrument: Instrument) -> list[str]:
    """Subscales that may leave the participant's page (never those marked shareable: false)."""
    return [s.id for s in instrument.subscales if s.shareable]


def make_share(instrument: Instrument, sections: list[list[SubscaleScore]], share_id: int,
               day: datetime.date | None = None, group: str = "") -> codes.Share:
    allowed = set(shareable_subscales(instrument))
    means = tuple(tuple(round(s.mean, 1) if s.mean is not None else None for s in section if s.subscale_id in allowed)
                  for section in sections)
    return codes.Share(instrument.code_number, instrument.version, share_id, means, day,
                       group if group in codes.GROUPS else "")


# ---- reading pasted lines (facilitator side) -----------------------------------------------------

@dataclass(frozen=True)
class Rejected:
    line: int
    text: str
    reason: str


@dataclass
class Collected:
    shares: dict[tuple[int, int], codes.Share] = field(default_factory=dict)  # (instrument number, share id)
    withdrawn: set[tuple[int, int]] = field(default_factory=set)
    rejected: list[Rejected] = field(default_factory=list)

    def by_instrument(self, number: int) -> list[codes.Share]:
        return [s for (n, _), s in self.shares.items() if n == number]

    def count(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for (number, _) in self.shares:
            out[number] = out.get(number, 0) + 1
        return out


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def read_lines(text: str, collected: Collected | None = None) -> Collected:
    """Add pasted codes, one per line. Bad lines are kept with their reason; the rest are accepted.
    Lines count in order: a later share with the same id replaces the earlier one, and a withdrawal
    removes it."""
    collected = collected or Collected()
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        collected.rejected.append(Rejected(MAX_LINES + 1, "", f"only the first {MAX_LINES} lines were read"))
        lines = lines[:MAX_LINES]
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        try:
            decoded = codes.decode(line)
        except codes.CodeError as exc:
            collected.rejected.append(Rejected(number, _short(line), exc.problem))
            continue
        item = decoded.share or decoded.withdrawal
        if item is None:
            collected.rejected.append(Rejected(number, _short(line), "this is a save code, which holds one person's own "
                                               "answers: it is not for the group, so it was not read"))
            continue
        instrument = by_code_number(item.number)
        if instrument is None:
            collected.rejected.append(Rejected(number, _short(line), f"this share is for a form this workshop does not "
                                               f"have (number {item.number})"))
            continue
        if item.version > instrument.version:
            collected.rejected.append(Rejected(number, _short(line), f"this share comes from a newer version of "
                                               f"'{instrument.title}': update the workshop to read it"))
            continue
        key = (item.number, item.share_id)
        if decoded.withdrawal is not None:
            collected.withdrawn.add(key)
            collected.shares.pop(key, None)
            continue
        expected = _expected_shape(instrument)
        if tuple(len(s) for s in decoded.share.sections) not in expected:
            collected.rejected.append(Rejected(number, _short(line), f"this share's scores do not fit "
                                               f"'{instrument.title}'"))
            continue
        collected.shares[key] = decoded.share  # in paste order: a later share replaces, or returns after a withdrawal
        collected.withdrawn.discard(key)
    return collected


def _expected_shape(instrument: Instrument) -> set[tuple[int, ...]]:
    n = len(shareable_subscales(instrument))
    if instrument.alt_wording:
        return {(n, n)}
    return {(n,), (n, n, n)}  # one rating, or the pre, thinking-back and post ratings together


# ---- statistics with the floor ------------------------------------------------------------------

@dataclass(frozen=True)
class Stat:
    n: int
    mean: float | None  # None when n is under the floor

    @property
    def shown(self) -> bool:
        return self.mean is not None


def floored_mean(values: list[float | None]) -> Stat:
    present = [v for v in values if v is not None]
    return Stat(len(present), stats.mean(present) if len(present) >= FLOOR else None)


BIN_NAMES = ("disagreed", "mixed", "agreed")


def bins(instrument: Instrument, values: list[float | None]) -> dict[str, int | str] | None:
    """Coarse thirds of the scale. Nothing for fewer than FLOOR; a bin of 1 to 4 people is given
    as "fewer than 5", so no small bin can be traced to a person."""
    present = [v for v in values if v is not None]
    if len(present) < FLOOR:
        return None
    counts = {name: 0 for name in BIN_NAMES}
    for value in present:
        counts[lean(instrument, value)] += 1
    return {name: (count if count == 0 or count >= FLOOR else f"fewer than {FLOOR}") for name, count in counts.items()}


@dataclass(frozen=True)
class Gap:
    subscale_id: str
    name: str
    own: Stat
    others: Stat
    pairs: int
    gap: float | None  # mean of (others - own) over people who gave both; None under the floor


def gaps(instrument: Instrument, shares: list[codes.Share]) -> list[Gap]:
    """Per norm: what people believe, what they think most men here believe, and the gap."""
    out = []
    for index, sub_id in enumerate(shareable_subscales(instrument)):
        own = [s.sections[0][index] for s in shares]
        others = [s.sections[1][index] for s in shares]
        diffs = [o - m for m, o in zip(own, others) if m is not None and o is not None]
        out.append(Gap(sub_id, instrument.subscale(sub_id).name, floored_mean(own), floored_mean(others),
                       len(diffs), stats.mean(diffs) if len(diffs) >= FLOOR else None))
    return out


@dataclass(frozen=True)
class Change:
    subscale_id: str
    name: str
    n: int
    mean: float | None
    low: float | None
    high: float | None
    d_z: float | None = None
    d_low: float | None = None
    d_high: float | None = None


def paired_change(before: list[float | None], after: list[float | None], subscale_id: str = "", name: str = "") -> Change:
    """Mean change (after - before) with a 95% t interval, and the paired effect size d_z with an
    approximate 95% interval (SE = sqrt(1/n + d_z^2 / 2n)). Under the floor, nothing but n."""
    diffs = [a - b for b, a in zip(before, after) if a is not None and b is not None]
    n = len(diffs)
    if n < FLOOR:
        return Change(subscale_id, name, n, None, None, None)
    m, spread = stats.mean(diffs), stats.sd(diffs)
    half = stats.t_quantile(0.975, n - 1) * spread / math.sqrt(n)
    if spread == 0:
        return Change(subscale_id, name, n, m, m - half, m + half)
    d_z = m / spread
    se = math.sqrt(1 / n + d_z ** 2 / (2 * n))
    return Change(subscale_id, name, n, m, m - half, m + half, d_z, d_z - stats.Z_95 * se, d_z + stats.Z_95 * se)


def changes(instrument: Instrument, shares: list[codes.Share], before_section: int = 0, after_section: int = 2) -> list[Change]:
    """Per theme, from shares that carry pre, thinking-back and post scores together."""
    three = [s for s in shares if len(s.sections) == 3]
    out = []
    for index, sub_id in enumerate(shareable_subscales(instrument)):
        out.append(paired_change([s.sections[before_section][index] for s in three],
                                 [s.sections[after_section][index] for s in three],
                                 sub_id, instrument.subscale(sub_id).name))
    return out


def split_by_group(shares: list[codes.Share]) -> dict[str, list[codes.Share]]:
    """In a mixed group, men's and women's ratings are kept apart; shares with no group stay together."""
    groups: dict[str, list[codes.Share]] = {}
    for share in shares:
        groups.setdefault(share.group or "everyone", []).append(share)
    return groups
