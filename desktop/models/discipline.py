"""Discipline decisions on members and organisations (domain spec §6.4), as the register and
the annual rating see them.

A decision is recorded once, whether it comes out of an inspection case (issue 9: `case_id`
is then set) or is entered for a member by itself (a cell's own reprimand, an old decision).
The case file stays with the inspection committee; the decision, once announced, belongs to
the member's record and caps the member's rating of the year it counts in (§5.6, R-EVAL-3).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin, enum_column


class DisciplineForm(enum.Enum):
    """Forms of party discipline (§6.4), in order of severity."""

    REPRIMAND = "REPRIMAND"  # khiển trách (members and organisations)
    WARNING = "WARNING"  # cảnh cáo (members and organisations)
    DISMISSAL = "DISMISSAL"  # cách chức (members holding a post)
    EXPULSION = "EXPULSION"  # khai trừ (official members)
    DISSOLUTION = "DISSOLUTION"  # giải tán (organisations)

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {
    DisciplineForm.REPRIMAND: 1, DisciplineForm.WARNING: 2, DisciplineForm.DISMISSAL: 3,
    DisciplineForm.EXPULSION: 4, DisciplineForm.DISSOLUTION: 4,
}

MEMBER_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.DISMISSAL,
                DisciplineForm.EXPULSION)
PROBATIONARY_MEMBER_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING)
ORGANIZATION_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.DISSOLUTION)


class DisciplineRecord(VersionedMixin, Base):
    """One discipline decision on one member or one organisation (exactly one of the two)."""

    __tablename__ = "discipline_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("party_organization.id"))
    form: Mapped[DisciplineForm] = mapped_column(enum_column(DisciplineForm))
    deciding_body: Mapped[str] = mapped_column(String(200))
    decision_number: Mapped[str] = mapped_column(String(60))
    decided_on: Mapped[dt.date] = mapped_column(Date)
    # The decision takes effect on its announcement (R-DISC-2).
    effective_on: Mapped[dt.date] = mapped_column(Date)
    effect_ends_on: Mapped[dt.date | None] = mapped_column(Date)
    violation_on: Mapped[dt.date | None] = mapped_column(Date)
    # The rating year the violation counts in: one violation counts once (R-EVAL-3), so a
    # decision taken in January for a violation already counted last year names last year.
    rating_year: Mapped[int] = mapped_column(Integer)
    # The member detected and fully remedied the violation: no cap on the rating (R-EVAL-3).
    self_remedied: Mapped[bool] = mapped_column(Boolean, default=False)
    # Annulled or replaced on a complaint (§6.8): no longer counted anywhere.
    annulled_on: Mapped[dt.date | None] = mapped_column(Date)
    annulment_reason: Mapped[str | None] = mapped_column(String(300))
    # The inspection case the decision closed (issue 9); None when entered by itself.
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    violation_summary: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("(member_id IS NULL) <> (organization_id IS NULL)", name="one_subject"),
        Index("ix_discipline_record_member", "member_id", "rating_year"),
        Index("ix_discipline_record_organization", "organization_id", "rating_year"),
        Index("ix_discipline_record_year", "rating_year"),
    )
