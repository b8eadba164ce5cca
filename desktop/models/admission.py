"""The admission pipeline (domain spec §3.1, §3.2): a candidate (not yet a member), the steps
done with their documents, and the member the ceremony creates."""

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

from desktop.models.base import Base, VersionedMixin, binary_string, enum_column
from desktop.models.enums import DatePrecision, Gender


class AdmissionState(enum.Enum):
    """Where a case stands (§3.2): the last step done, or how it was closed."""

    CANDIDATE = "CANDIDATE"
    COURSE_PASSED = "COURSE_PASSED"
    APPLIED = "APPLIED"
    BACKGROUND_VERIFIED = "BACKGROUND_VERIFIED"
    INTRODUCED = "INTRODUCED"
    OPINIONS_COLLECTED = "OPINIONS_COLLECTED"
    CELL_RESOLVED = "CELL_RESOLVED"
    SECTION_APPRAISED = "SECTION_APPRAISED"  # only when the cell is under a section committee
    GRASSROOTS_RESOLVED = "GRASSROOTS_RESOLVED"
    DECIDED = "DECIDED"
    ADMITTED = "ADMITTED"  # the ceremony was held: the probationary member exists
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"
    EXPIRED = "EXPIRED"


class AdmissionStep(enum.Enum):
    """The steps of §3.2 in their order; each one moves the case to the state of its name."""

    COURSE_PASSED = "COURSE_PASSED"
    APPLIED = "APPLIED"
    BACKGROUND_VERIFIED = "BACKGROUND_VERIFIED"
    INTRODUCED = "INTRODUCED"
    OPINIONS_COLLECTED = "OPINIONS_COLLECTED"
    CELL_RESOLVED = "CELL_RESOLVED"
    SECTION_APPRAISED = "SECTION_APPRAISED"
    GRASSROOTS_RESOLVED = "GRASSROOTS_RESOLVED"
    DECIDED = "DECIDED"
    CEREMONY_HELD = "CEREMONY_HELD"


class UnionIntroduction(enum.Enum):
    """The organisation whose resolution stands for the second introducer (§3.2 state 5)."""

    YOUTH_UNION = "YOUTH_UNION"  # Đoàn TNCS Hồ Chí Minh
    TRADE_UNION = "TRADE_UNION"  # Công đoàn cơ sở


class AdmissionAction(enum.Enum):
    """Actions that move a case other than forward, each recorded with its reason."""

    STEP_UNDONE = "STEP_UNDONE"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"
    EXPIRED = "EXPIRED"


class AdmissionCase(VersionedMixin, Base):
    """Hồ sơ phát triển đảng viên: the candidate's profile (what the member record will need)
    and where the pipeline stands."""

    __tablename__ = "admission_case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(100))
    gender: Mapped[Gender] = mapped_column(enum_column(Gender))
    date_of_birth: Mapped[dt.date] = mapped_column(Date)
    dob_precision: Mapped[DatePrecision] = mapped_column(enum_column(DatePrecision), default=DatePrecision.DAY)
    national_id: Mapped[str | None] = mapped_column(String(12))
    cell_id: Mapped[int] = mapped_column(ForeignKey("party_organization.id", ondelete="RESTRICT"))
    birth_place: Mapped[str | None] = mapped_column(String(200))
    home_town: Mapped[str | None] = mapped_column(String(200))
    current_address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    ethnicity: Mapped[str] = mapped_column(String(50), default="Kinh")
    religion: Mapped[str] = mapped_column(String(50), default="Không")
    occupation: Mapped[str | None] = mapped_column(String(100))
    general_education: Mapped[str | None] = mapped_column(String(10))
    work_unit: Mapped[str | None] = mapped_column(String(200))
    youth_union_join_date: Mapped[dt.date | None] = mapped_column(Date)
    listed_date: Mapped[dt.date] = mapped_column(Date)  # listed by the cell as a candidate

    state: Mapped[AdmissionState] = mapped_column(enum_column(AdmissionState), default=AdmissionState.CANDIDATE)
    # The next deadline in force (decision, ceremony) and whether it is the ceremony's: the list
    # filters "overdue" on it in SQL.
    next_deadline: Mapped[dt.date | None] = mapped_column(Date)

    certificate_number: Mapped[str | None] = mapped_column(String(60))
    certificate_date: Mapped[dt.date | None] = mapped_column(Date)
    certificate_issuer: Mapped[str | None] = mapped_column(String(200))
    introducer1_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    introducer1_months: Mapped[int | None] = mapped_column(Integer)
    introducer2_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    introducer2_months: Mapped[int | None] = mapped_column(Integer)
    union_introduction: Mapped[UnionIntroduction | None] = mapped_column(enum_column(UnionIntroduction))
    union_resolution_number: Mapped[str | None] = mapped_column(String(60))
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    # The superior committee's consent to a ceremony after the deadline (its document, in words).
    ceremony_late_consent: Mapped[str | None] = mapped_column(String(200))
    closed_reason: Mapped[str | None] = mapped_column(Text)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    name_sort_key: Mapped[str] = mapped_column(binary_string(300), default="")

    __table_args__ = (
        Index("ix_admission_case_cell_state", "cell_id", "state"),
        Index("ix_admission_case_deadline", "next_deadline"),
    )


class AdmissionStepRecord(Base):
    """One step done: its date and document (number, issuing body), the vote where there is one."""

    __tablename__ = "admission_step"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("admission_case.id", ondelete="CASCADE"))
    step: Mapped[AdmissionStep] = mapped_column(enum_column(AdmissionStep))
    step_date: Mapped[dt.date] = mapped_column(Date)
    document_number: Mapped[str | None] = mapped_column(String(60))
    issuing_body: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_total: Mapped[int | None] = mapped_column(Integer)  # the members entitled to vote

    __table_args__ = (UniqueConstraint("case_id", "step"),)


class AdmissionActionRecord(Base):
    """A step undone, a rejection, a withdrawal, an expiry: when, from which state, why."""

    __tablename__ = "admission_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("admission_case.id", ondelete="CASCADE"), index=True)
    action: Mapped[AdmissionAction] = mapped_column(enum_column(AdmissionAction))
    action_date: Mapped[dt.date] = mapped_column(Date)
    state_before: Mapped[AdmissionState] = mapped_column(enum_column(AdmissionState))
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=False), server_default=func.current_timestamp())
