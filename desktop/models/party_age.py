"""Tuổi đảng (party age, R-MEM-5): counted from the admission anchor, minus interruptions.

The anchor is the admission decision date or the ceremony date, as the PARTY_AGE_ANCHOR rule
says. A `MembershipGap` (gián đoạn) is a period, first and last day included, that does not
count: every later milestone moves by its length. A milestone of N years is reached on the
anchor's day N years later (29/02 → 28/02 in common years), moved by the gaps before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin
from desktop.models.dates import add_months

DECISION_DATE = "DECISION_DATE"  # from admission_decision_date, else the ceremony date
CEREMONY_DATE = "CEREMONY_DATE"  # from admission_date (the ceremony)


class MembershipGap(VersionedMixin, Base):
    """A period of interruption of a member's party life (gián đoạn), by a decision."""

    __tablename__ = "membership_gap"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    gap_from: Mapped[dt.date] = mapped_column(Date)
    gap_to: Mapped[dt.date] = mapped_column(Date)  # the last day not counted
    reason: Mapped[str] = mapped_column(String(300))
    decision: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (Index("ix_membership_gap_member", "member_id", "gap_from"),)


@dataclass(frozen=True)
class Gap:
    """A gap as the rules see it: first and last day not counted."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class PartyAge:
    years: int
    months: int  # whole months past the years


def party_age_anchor(decision_date: dt.date | None, ceremony_date: dt.date, anchor_rule: str) -> dt.date:
    """The date party age counts from by the PARTY_AGE_ANCHOR rule."""
    if anchor_rule == CEREMONY_DATE:
        return ceremony_date
    if anchor_rule == DECISION_DATE:
        return decision_date or ceremony_date
    raise ValueError(f"unknown party-age anchor {anchor_rule!r}")


def _shifted(anchor: dt.date, gaps: Sequence[Gap], plain: dt.date) -> dt.date:
    """The day `plain` (a date counted without gaps) moves to when the gaps do not count."""
    day = plain
    for gap in sorted(gaps, key=lambda g: g.start):
        if gap.end < anchor:
            continue
        start = max(gap.start, anchor)
        if start < day:
            day += dt.timedelta(days=(gap.end - start).days + 1)
    return day


def reached_on(anchor: dt.date, gaps: Iterable[Gap], years: int) -> dt.date:
    """The day a party age of `years` whole years is reached."""
    return _shifted(anchor, tuple(gaps), add_months(anchor, 12 * years))


def party_age(anchor: dt.date, gaps: Iterable[Gap], at_date: dt.date) -> PartyAge:
    """Whole years and months of party age on `at_date` (0, 0 before the anchor)."""
    gap_list = tuple(gaps)
    if at_date < anchor:
        return PartyAge(0, 0)
    months = (at_date.year - anchor.year) * 12 + at_date.month - anchor.month
    while months > 0 and _shifted(anchor, gap_list, add_months(anchor, months)) > at_date:
        months -= 1
    return PartyAge(*divmod(max(months, 0), 12))
