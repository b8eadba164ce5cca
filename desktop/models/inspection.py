"""Inspection, supervision and discipline cases of the inspection committee (domain spec §6).

A case belongs to the organisation whose inspection committee (or committee, or cell) runs it:
visibility follows that organisation's subtree and the inspection role only (§1.5, §10.3).
Its subjects are members and/or organisations; its steps carry due dates and completion dates;
documents are kept in the database (backups and encryption cover them). The discipline
decision of a case writes the member's discipline record (desktop.models.discipline) through
desktop.services.discipline_records, so the record and the rating see it.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin, enum_column
from desktop.models.discipline import DisciplineForm


class CaseKind(enum.Enum):
    """§6.1."""

    SUPERVISION_REGULAR = "SUPERVISION_REGULAR"
    SUPERVISION_THEMATIC = "SUPERVISION_THEMATIC"
    INSPECTION_COMPLIANCE = "INSPECTION_COMPLIANCE"
    INSPECTION_SIGNS_OF_VIOLATION = "INSPECTION_SIGNS_OF_VIOLATION"
    INSPECTION_OF_IC_DUTY = "INSPECTION_OF_IC_DUTY"
    INSPECTION_FINANCE = "INSPECTION_FINANCE"
    ASSETS_CHECK = "ASSETS_CHECK"
    DENUNCIATION = "DENUNCIATION"
    DISCIPLINE_COMPLAINT = "DISCIPLINE_COMPLAINT"
    DISCIPLINE = "DISCIPLINE"
    SUSPENSION = "SUSPENSION"

    @property
    def is_supervision(self) -> bool:
        return self in (CaseKind.SUPERVISION_REGULAR, CaseKind.SUPERVISION_THEMATIC)


class CaseState(enum.Enum):
    """§6.2, in procedure order."""

    DETECTED = "DETECTED"
    DECIDED = "DECIDED"
    PLANNED = "PLANNED"
    ANNOUNCED = "ANNOUNCED"
    EXPLANATION_RECEIVED = "EXPLANATION_RECEIVED"
    VERIFYING = "VERIFYING"
    DRAFT_REPORT = "DRAFT_REPORT"
    REPORTED = "REPORTED"
    CONCLUDED = "CONCLUDED"
    DISCIPLINE_OPENED = "DISCIPLINE_OPENED"
    MONITORING = "MONITORING"
    ARCHIVED = "ARCHIVED"

    @property
    def is_open(self) -> bool:
        return self not in (CaseState.MONITORING, CaseState.ARCHIVED)


class StepKind(enum.Enum):
    """The dated steps of a case (§6.2), in order."""

    DECISION = "DECISION"  # quyết định kiểm tra / giám sát
    PLAN = "PLAN"  # kế hoạch
    TEAM = "TEAM"  # thành lập đoàn / tổ, công bố quyết định
    EXPLANATION = "EXPLANATION"  # báo cáo giải trình / tự kiểm tra của đối tượng
    VERIFICATION = "VERIFICATION"  # thẩm tra, xác minh
    CONCLUSION = "CONCLUSION"  # họp kết luận
    NOTIFICATION = "NOTIFICATION"  # thông báo kết luận

    @property
    def position(self) -> int:
        return list(StepKind).index(self)


class CaseDocumentKind(enum.Enum):
    """§6.2 documents; the §7 kind code in the comment."""

    DECISION = "DECISION"  # QĐ
    PLAN = "PLAN"  # KH
    OUTLINE = "OUTLINE"  # đề cương gợi ý báo cáo
    EXPLANATION_REPORT = "EXPLANATION_REPORT"  # BC of the subject
    WORKING_MINUTES = "WORKING_MINUTES"  # BB
    RESULT_REPORT = "RESULT_REPORT"  # BC of the team
    CONCLUSION_NOTICE = "CONCLUSION_NOTICE"  # TB
    DISCIPLINE_DECISION = "DISCIPLINE_DECISION"  # QĐ
    ANNOUNCEMENT_MINUTES = "ANNOUNCEMENT_MINUTES"  # BB
    OTHER = "OTHER"


class DecidingBodyKind(enum.Enum):
    """The bodies of §6.5, as the authority rule names them."""

    CELL = "CELL"  # chi bộ (trực thuộc)
    GRASSROOTS_CELL = "GRASSROOTS_CELL"  # chi bộ cơ sở
    PARTIAL_COMMITTEE = "PARTIAL_COMMITTEE"  # đảng ủy bộ phận
    GRASSROOTS_STANDING = "GRASSROOTS_STANDING"  # ban thường vụ đảng ủy cơ sở
    GRASSROOTS_IC = "GRASSROOTS_IC"  # ủy ban kiểm tra đảng ủy cơ sở
    GRASSROOTS_COMMITTEE = "GRASSROOTS_COMMITTEE"  # đảng ủy cơ sở
    SUPERIOR_STANDING = "SUPERIOR_STANDING"  # ban thường vụ cấp trên cơ sở
    SUPERIOR_IC = "SUPERIOR_IC"  # ủy ban kiểm tra cấp trên cơ sở


class TargetScope(enum.Enum):
    """Who the disciplined subject is to the deciding body (§6.5)."""

    MEMBER = "MEMBER"  # a member of the body's organisation
    COMMITTEE_MEMBER = "COMMITTEE_MEMBER"  # a member of the body's own committee
    SUBORDINATE_COMMITTEE_MEMBER = "SUBORDINATE_COMMITTEE_MEMBER"  # of a lower-level committee
    ORGANIZATION = "ORGANIZATION"  # a lower-level party organisation


class Seriousness(enum.Enum):
    """The conclusion's finding (§6.2, §6.3)."""

    NO_VIOLATION = "NO_VIOLATION"
    SHORTCOMING = "SHORTCOMING"  # khuyết điểm, chưa đến mức kỷ luật
    VIOLATION_NO_DISCIPLINE = "VIOLATION_NO_DISCIPLINE"  # vi phạm, chưa đến mức phải kỷ luật
    DISCIPLINE_WARRANTED = "DISCIPLINE_WARRANTED"  # vi phạm đến mức phải xem xét kỷ luật


class LimitationException(enum.Enum):
    """Violations without a statute of limitations whatever the form (§6.7)."""

    INTERNAL_POLITICAL_PROTECTION = "INTERNAL_POLITICAL_PROTECTION"
    NATIONAL_INTEREST = "NATIONAL_INTEREST"  # security, defence, foreign affairs
    ILLEGAL_DIPLOMA = "ILLEGAL_DIPLOMA"  # members only


class DecisionStatus(enum.Enum):
    DECIDED = "DECIDED"  # decided by the body of the case, in its authority
    PROPOSED = "PROPOSED"  # đề nghị cấp có thẩm quyền: the file goes up


class AppealOutcome(enum.Enum):
    PENDING = "PENDING"
    NOT_ACCEPTED = "NOT_ACCEPTED"  # R-CPL-3: out of time, unsigned, already resolved …
    UPHELD = "UPHELD"  # giữ nguyên
    CHANGED = "CHANGED"  # thay đổi hình thức
    ANNULLED = "ANNULLED"  # xóa kỷ luật


TITLE_LENGTH = 300
BODY_NAME_LENGTH = 200
NUMBER_LENGTH = 60
FILE_NAME_LENGTH = 255
MEDIA_TYPE_LENGTH = 100
USER_NAME_LENGTH = 100


class InspectionCase(VersionedMixin, Base):
    __tablename__ = "inspection_case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The organisation whose committee runs the case: the scope of who sees it.
    organization_id: Mapped[int] = mapped_column(ForeignKey("party_organization.id"))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)  # case register number within the year
    kind: Mapped[CaseKind] = mapped_column(enum_column(CaseKind))
    state: Mapped[CaseState] = mapped_column(enum_column(CaseState))
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    deciding_body_kind: Mapped[DecidingBodyKind] = mapped_column(enum_column(DecidingBodyKind))
    deciding_body: Mapped[str] = mapped_column(String(BODY_NAME_LENGTH))
    opened_on: Mapped[dt.date] = mapped_column(Date)
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("complaint_letter.id", ondelete="SET NULL"))
    content: Mapped[str | None] = mapped_column(Text)
    # Limitation facts (§6.7): when the violation happened, ended, or (end unknown) was found.
    violation_on: Mapped[dt.date | None] = mapped_column(Date)
    violation_ended_on: Mapped[dt.date | None] = mapped_column(Date)
    violation_end_unknown: Mapped[bool] = mapped_column(Boolean, default=False)
    discovered_on: Mapped[dt.date | None] = mapped_column(Date)
    new_violation_on: Mapped[dt.date | None] = mapped_column(Date)  # restarts the period
    days_not_counted: Mapped[int] = mapped_column(Integer, default=0)  # illness, trial …
    limitation_exception: Mapped[LimitationException | None] = mapped_column(enum_column(LimitationException))
    no_limitation_reason: Mapped[str | None] = mapped_column(String(TITLE_LENGTH))
    # Conclusion (§6.2 CONCLUDED).
    concluded_on: Mapped[dt.date | None] = mapped_column(Date)
    seriousness: Mapped[Seriousness | None] = mapped_column(enum_column(Seriousness))
    violations_found: Mapped[str | None] = mapped_column(Text)
    conclusion_text: Mapped[str | None] = mapped_column(Text)
    notice_sequence: Mapped[int | None] = mapped_column(Integer)  # "03" of "Số 03-TB/UBKTĐU"
    closed_on: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("organization_id", "year", "sequence"),
        Index("ix_inspection_case_org_state", "organization_id", "state", "opened_on", "id"),
        Index("ix_inspection_case_opened", "opened_on", "id"),
    )


class CaseSubject(Base):
    """A member or an organisation the case is about (exactly one of the two)."""

    __tablename__ = "inspection_case_subject"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("inspection_case.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("party_organization.id"), index=True)
    # A member holding a post of the deciding body's committee, of a lower committee, … (§6.5).
    target_scope: Mapped[TargetScope] = mapped_column(enum_column(TargetScope))

    __table_args__ = (
        CheckConstraint("(member_id IS NULL) <> (organization_id IS NULL)", name="one_subject"),
    )


class CaseAssignee(Base):
    """Inspectors assigned to the case: the only users who see a denouncer's identity (§6.9)."""

    __tablename__ = "inspection_case_assignee"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("inspection_case.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)

    __table_args__ = (UniqueConstraint("case_id", "user_id"),)


class CaseStep(Base):
    __tablename__ = "inspection_case_step"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("inspection_case.id", ondelete="CASCADE"))
    kind: Mapped[StepKind] = mapped_column(enum_column(StepKind))
    due_on: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("case_id", "kind"),
        # Overdue steps of the dashboard: open steps by due date.
        Index("ix_inspection_case_step_open", "done_on", "due_on", "case_id"),
    )


class CaseDocument(Base):
    """A document of the case, kept in the database (size limited by INSPECTION_DOCUMENT_MAX_KB)."""

    __tablename__ = "inspection_case_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("inspection_case.id", ondelete="CASCADE"), index=True)
    step_kind: Mapped[StepKind | None] = mapped_column(enum_column(StepKind))
    kind: Mapped[CaseDocumentKind] = mapped_column(enum_column(CaseDocumentKind))
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    file_name: Mapped[str] = mapped_column(String(FILE_NAME_LENGTH))
    media_type: Mapped[str] = mapped_column(String(MEDIA_TYPE_LENGTH))
    size_bytes: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(USER_NAME_LENGTH))


class CaseDecision(Base):
    """The discipline decision (or proposal) of a case on one subject (§6.3-§6.5)."""

    __tablename__ = "inspection_case_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("inspection_case.id", ondelete="CASCADE"), index=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("inspection_case_subject.id", ondelete="CASCADE"))
    status: Mapped[DecisionStatus] = mapped_column(enum_column(DecisionStatus))
    form: Mapped[DisciplineForm] = mapped_column(enum_column(DisciplineForm))
    deciding_body_kind: Mapped[DecidingBodyKind] = mapped_column(enum_column(DecidingBodyKind))
    deciding_body: Mapped[str] = mapped_column(String(BODY_NAME_LENGTH))
    decision_number: Mapped[str] = mapped_column(String(NUMBER_LENGTH))
    decided_on: Mapped[dt.date] = mapped_column(Date)
    effective_on: Mapped[dt.date] = mapped_column(Date)  # the announcement (R-DISC-2)
    appeal_deadline: Mapped[dt.date] = mapped_column(Date)  # R-CPL-1
    # The secret ballot (R-VOTE-1): members with a vote, ballots for the form; None: not recorded.
    voters: Mapped[int | None] = mapped_column(Integer)
    votes_for: Mapped[int | None] = mapped_column(Integer)
    reasons: Mapped[str] = mapped_column(Text)
    discipline_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("discipline_record.id", ondelete="SET NULL"))


class CaseAppeal(Base):
    """A complaint against a discipline decision (§6.8)."""

    __tablename__ = "inspection_case_appeal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("inspection_case_decision.id", ondelete="CASCADE"), index=True)
    lodged_on: Mapped[dt.date] = mapped_column(Date)
    resolver: Mapped[str] = mapped_column(String(BODY_NAME_LENGTH))
    resolution_due_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[AppealOutcome] = mapped_column(enum_column(AppealOutcome))
    not_accepted_reason: Mapped[str | None] = mapped_column(String(TITLE_LENGTH))
    resolved_on: Mapped[dt.date | None] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(Text)
