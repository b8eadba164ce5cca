"""Which party badge a member is due on an occasion (§2.6), pure rules over party age.

R-BADGE-1: milestones are BADGE_MILESTONES years of party age. R-BADGE-2: a seriously ill
member may receive a badge up to BADGE_EARLY_MONTHS months early ([[up to years, months], …]).
A member is due the highest milestone reached by the occasion that is above every badge
already awarded (badges come in order; a member at 47 years without any badge is due 45).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.models.dates import add_months
from desktop.models.party_age import Gap, reached_on
from desktop.models.rules import RuleBook, RuleCode


@dataclass(frozen=True)
class BadgeRules:
    milestones: tuple[int, ...]
    early_months: tuple[tuple[int, int], ...]  # (up to milestone years, months early)

    @classmethod
    def on(cls, rules: RuleBook, day: dt.date) -> BadgeRules:
        milestones = tuple(sorted(int(years) for years in rules.value(RuleCode.BADGE_MILESTONES, day)))
        early = tuple(sorted((int(a), int(b)) for a, b in rules.value(RuleCode.BADGE_EARLY_MONTHS, day)))
        return cls(milestones, early)

    def months_early(self, milestone: int) -> int:
        for up_to, months in self.early_months:
            if milestone <= up_to:
                return months
        return 0

    @property
    def most_months_early(self) -> int:
        return max((months for _, months in self.early_months), default=0)


@dataclass(frozen=True)
class BadgeDue:
    milestone: int
    reached_on: dt.date
    early: bool  # reached after the occasion: due only as a seriously ill member


def badge_due(
    anchor: dt.date, gaps: Sequence[Gap], occasion: dt.date, highest_awarded: int,
    seriously_ill: bool, rules: BadgeRules,
) -> BadgeDue | None:
    """The badge the member is due on `occasion`, or None."""
    due: BadgeDue | None = None
    for milestone in rules.milestones:
        if milestone <= highest_awarded:
            continue
        day = reached_on(anchor, gaps, milestone)
        if day <= occasion:
            due = BadgeDue(milestone, day, early=False)
        elif seriously_ill and day <= add_months(occasion, rules.months_early(milestone)):
            return due or BadgeDue(milestone, day, early=True)
        else:
            break
    return due


def occasions_after(day: dt.date, rules: RuleBook, count: int = 4) -> list[dt.date]:
    """The next `count` award occasions on or after `day` (BADGE_OCCASIONS, "dd/mm")."""
    found: list[dt.date] = []
    year = day.year
    while len(found) < count:
        for text in rules.value(RuleCode.BADGE_OCCASIONS, dt.date(year, 1, 1)):
            occasion_day, month = (int(part) for part in text.split("/"))
            occasion = dt.date(year, month, occasion_day)
            if occasion >= day:
                found.append(occasion)
        year += 1
    return sorted(found)[:count]


def latest_anchor_bound(occasion: dt.date, milestone: int, months_early: int) -> dt.date:
    """An anchor after this day cannot reach `milestone` by the occasion (+ months early): the
    bound of a SQL pre-selection (gaps only move milestones later). A few days of margin cover
    the month-end clamping (29/02); the candidates are refined by `badge_due`."""
    return add_months(add_months(occasion, months_early), -12 * milestone) + dt.timedelta(days=3)
