"""Huy hiệu Đảng awarded (§2.6) and the members certified seriously ill (R-BADGE-2)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin


class BadgeAward(VersionedMixin, Base):
    """One badge given to a member: the milestone, the occasion and the decision."""

    __tablename__ = "badge_award"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    milestone_years: Mapped[int] = mapped_column(Integer)
    occasion_date: Mapped[dt.date] = mapped_column(Date)
    decision_number: Mapped[str] = mapped_column(String(60))
    decision_date: Mapped[dt.date] = mapped_column(Date)
    posthumous: Mapped[bool] = mapped_column(Boolean, default=False)  # truy tặng (R-BADGE-3)
    early: Mapped[bool] = mapped_column(Boolean, default=False)  # before the milestone (R-BADGE-2)
    early_reason: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("member_id", "milestone_years"),)


class SeriousIllness(VersionedMixin, Base):
    """A member certified seriously ill: badges may be proposed early (R-BADGE-2)."""

    __tablename__ = "serious_illness"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), unique=True)
    certified_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(300))
