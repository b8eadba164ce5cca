"""The annual review and rating of members and organisations (kiểm điểm, đánh giá, xếp loại
chất lượng; domain spec §5).

An `EvaluationPeriod` is one campaign (a year, a quarter, a term) over an organisation
subtree. Each member rated in it and each organisation of the subtree below its root has one
`Evaluation` that moves through the steps of §5.5: self-review → the cell's proposal with its
vote → the competent committee's decision → the results announced. Every step keeps its date
and who recorded it; going back a step is an `EvaluationStepBack` row saying who, when, why
and what was cleared. Ratings are immutable once decided (§10.4).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin, enum_column


class Rating(enum.Enum):
    """The four ratings of §5.3, best first (Điều 11, Quy định 366-QĐ/TW)."""

    EXCELLENT = "EXCELLENT"  # Hoàn thành xuất sắc nhiệm vụ
    GOOD = "GOOD"  # Hoàn thành tốt nhiệm vụ
    PASS = "PASS"  # Hoàn thành nhiệm vụ
    FAIL = "FAIL"  # Không hoàn thành nhiệm vụ

    @property
    def rank(self) -> int:
        """Higher is better: EXCELLENT 3 … FAIL 0."""
        return _RANK[self]


_RANK = {Rating.EXCELLENT: 3, Rating.GOOD: 2, Rating.PASS: 1, Rating.FAIL: 0}
RATINGS_BEST_FIRST = (Rating.EXCELLENT, Rating.GOOD, Rating.PASS, Rating.FAIL)


class EvaluationState(enum.Enum):
    """Steps of §5.5 the app records (the review meeting and the collected opinions are the
    cell's proposal; the appraisal is the decision's checks)."""

    PLANNED = "PLANNED"  # in the campaign, nothing recorded yet
    SELF_ASSESSED = "SELF_ASSESSED"  # bản kiểm điểm / báo cáo kiểm điểm written, self-rating
    PROPOSED = "PROPOSED"  # the cell (or the organisation's meeting) proposed a rating by vote
    DECIDED = "DECIDED"  # the competent committee decided the rating
    NOTIFIED = "NOTIFIED"  # the result was announced to the subject and the organisation

    @property
    def order(self) -> int:
        return _STATE_ORDER[self]


_STATE_ORDER = {state: index for index, state in enumerate(EvaluationState)}


class EvaluationSubject(enum.Enum):
    MEMBER = "MEMBER"  # a party member, reviewed in the cell
    ORGANIZATION = "ORGANIZATION"  # a cell or a committee (the collective and its committee)


class PeriodKind(enum.Enum):
    YEAR = "YEAR"
    QUARTER = "QUARTER"
    TERM = "TERM"
    AD_HOC = "AD_HOC"


class PeriodState(enum.Enum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"  # locked: every result announced, the quota kept


TITLE_LENGTH = 200
USER_LENGTH = 60
DECISION_NUMBER_LENGTH = 60
ORG_TEXT_LENGTH = 300
REASON_LENGTH = 300


class EvaluationPeriod(VersionedMixin, Base):
    __tablename__ = "evaluation_period"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The root of the campaign: its members and the organisations below it are rated.
    organization_id: Mapped[int] = mapped_column(ForeignKey("party_organization.id"))
    kind: Mapped[PeriodKind] = mapped_column(enum_column(PeriodKind))
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    # Deadlines of the steps, as the superior's plan sets them each year (§5.5 timing).
    self_review_due: Mapped[dt.date | None] = mapped_column(Date)
    proposal_due: Mapped[dt.date | None] = mapped_column(Date)
    decision_due: Mapped[dt.date | None] = mapped_column(Date)
    state: Mapped[PeriodState] = mapped_column(enum_column(PeriodState), default=PeriodState.OPEN)
    opened_on: Mapped[dt.date] = mapped_column(Date)
    opened_by: Mapped[str] = mapped_column(String(USER_LENGTH))
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_by: Mapped[str | None] = mapped_column(String(USER_LENGTH))

    __table_args__ = (UniqueConstraint("organization_id", "kind", "start_date"),)


class Evaluation(VersionedMixin, Base):
    """One subject's review in one period."""

    __tablename__ = "evaluation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("evaluation_period.id", ondelete="CASCADE"))
    subject: Mapped[EvaluationSubject] = mapped_column(enum_column(EvaluationSubject))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    # A member's evaluation: the cell that reviews the member. An organisation's: itself.
    organization_id: Mapped[int] = mapped_column(ForeignKey("party_organization.id"))
    # Where the excellent quota is counted (R-EVAL-4): for a member the grassroots organisation
    # that decides; for an organisation the committee directly above it, which decides.
    quota_scope_id: Mapped[int] = mapped_column(ForeignKey("party_organization.id"))
    state: Mapped[EvaluationState] = mapped_column(enum_column(EvaluationState), default=EvaluationState.PLANNED)
    # A member who came from another organisation during the period (official transfer in, a
    # move between cells): that organisation's comments are needed for the proposal.
    moved_in_on: Mapped[dt.date | None] = mapped_column(Date)
    previous_organization: Mapped[str | None] = mapped_column(String(ORG_TEXT_LENGTH))
    outside_comment: Mapped[str | None] = mapped_column(Text)

    self_rating: Mapped[Rating | None] = mapped_column(enum_column(Rating))
    self_score: Mapped[int | None] = mapped_column(Integer)
    self_review: Mapped[str | None] = mapped_column(Text)
    self_assessed_on: Mapped[dt.date | None] = mapped_column(Date)
    self_assessed_by: Mapped[str | None] = mapped_column(String(USER_LENGTH))

    proposed_rating: Mapped[Rating | None] = mapped_column(enum_column(Rating))
    score: Mapped[int | None] = mapped_column(Integer)  # points the meeting agreed (100 scale)
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_cast: Mapped[int | None] = mapped_column(Integer)
    cell_comment: Mapped[str | None] = mapped_column(Text)
    proposed_on: Mapped[dt.date | None] = mapped_column(Date)
    proposed_by: Mapped[str | None] = mapped_column(String(USER_LENGTH))

    decided_rating: Mapped[Rating | None] = mapped_column(enum_column(Rating))
    decision_number: Mapped[str | None] = mapped_column(String(DECISION_NUMBER_LENGTH))
    # "Exceptional achievement" decided by the competent body: not counted in the quota.
    quota_exempt_reason: Mapped[str | None] = mapped_column(String(REASON_LENGTH))
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(USER_LENGTH))

    notified_on: Mapped[dt.date | None] = mapped_column(Date)
    notified_by: Mapped[str | None] = mapped_column(String(USER_LENGTH))

    __table_args__ = (
        UniqueConstraint("period_id", "member_id"),
        # Campaign progress: GROUP BY organisation and state within a period.
        Index("ix_evaluation_period_org_state", "period_id", "organization_id", "state", "subject"),
        Index("ix_evaluation_period_quota", "period_id", "quota_scope_id", "subject", "decided_rating"),
        Index("ix_evaluation_member", "member_id"),
    )


class EvaluationStepBack(Base):
    """Going back a step: who, when, why, and what the step held before it was cleared."""

    __tablename__ = "evaluation_step_back"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id", ondelete="CASCADE"), index=True)
    from_state: Mapped[EvaluationState] = mapped_column(enum_column(EvaluationState))
    to_state: Mapped[EvaluationState] = mapped_column(enum_column(EvaluationState))
    cleared_rating: Mapped[Rating | None] = mapped_column(enum_column(Rating))
    cleared_on: Mapped[dt.date | None] = mapped_column(Date)  # the date of the step undone
    reason: Mapped[str] = mapped_column(String(REASON_LENGTH))
    stepped_back_on: Mapped[dt.date] = mapped_column(Date)
    stepped_back_by: Mapped[str] = mapped_column(String(USER_LENGTH))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=False), server_default=func.current_timestamp())
