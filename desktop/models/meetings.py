"""Meetings of cells and committees and their minutes (sinh hoạt chi bộ, họp cấp ủy; domain
spec §4).

A meeting belongs to one organisation. Its attendance lists every member expected on the
meeting date (the cell's members, or the committee's members for a committee meeting), with
whether each was official then: probationary members do not vote (R-MTG-4). The minutes are
the meeting's record itself: agenda items with the discussion and the chair's conclusion, the
votes and the adopted resolution. A finalised meeting is read-only; reopening it is an
explicit action kept in `meeting_reopening` (§4.4, §10.4).
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin, enum_column


class MeetingKind(enum.Enum):
    """Kinds of meeting (§4.1)."""

    CELL_REGULAR = "CELL_REGULAR"  # sinh hoạt chi bộ thường kỳ: once a month
    CELL_THEMATIC = "CELL_THEMATIC"  # sinh hoạt chuyên đề: at least once a quarter
    CELL_EXTRAORDINARY = "CELL_EXTRAORDINARY"  # sinh hoạt bất thường
    CELL_REVIEW = "CELL_REVIEW"  # họp kiểm điểm, đánh giá cuối năm
    CELL_CONGRESS = "CELL_CONGRESS"  # đại hội chi bộ
    COMMITTEE_REGULAR = "COMMITTEE_REGULAR"  # họp chi ủy / đảng ủy / ban thường vụ
    ADMISSION_CEREMONY = "ADMISSION_CEREMONY"  # lễ kết nạp

    @property
    def for_cells_only(self) -> bool:
        return self is not MeetingKind.COMMITTEE_REGULAR

    @property
    def is_committee(self) -> bool:
        """The attendance is the committee's members, not all the organisation's members."""
        return self is MeetingKind.COMMITTEE_REGULAR


class MeetingState(enum.Enum):
    DRAFT = "DRAFT"  # being recorded
    FINALISED = "FINALISED"  # minutes approved and signed: read-only


class AttendanceStatus(enum.Enum):
    """A member's attendance (§4.3)."""

    PRESENT = "PRESENT"  # có mặt
    ABSENT_EXCUSED = "ABSENT_EXCUSED"  # vắng có lý do (reason required)
    ABSENT_UNEXCUSED = "ABSENT_UNEXCUSED"  # vắng không có lý do
    EXEMPTED = "EXEMPTED"  # miễn sinh hoạt
    AWAY_TEMPORARY = "AWAY_TEMPORARY"  # sinh hoạt tạm thời nơi khác

    @property
    def is_expected(self) -> bool:
        """Counted in the attendance rate and the quorum (exempted and away members are not)."""
        return self not in (AttendanceStatus.EXEMPTED, AttendanceStatus.AWAY_TEMPORARY)


class GuestKind(enum.Enum):
    GUEST = "GUEST"  # khách mời: a representative of the superior committee, …
    TEMPORARY_HERE = "TEMPORARY_HERE"  # đảng viên sinh hoạt tạm thời: attends, does not vote


class VoteMethod(enum.Enum):
    SHOW_OF_HANDS = "SHOW_OF_HANDS"  # biểu quyết giơ tay
    SECRET_BALLOT = "SECRET_BALLOT"  # bỏ phiếu kín


class VoteThreshold(enum.Enum):
    """How many of the members entitled must agree (R-MTG-5), as the rule table sets it."""

    MAJORITY = "MAJORITY"  # resolutions: more than half
    TWO_THIRDS = "TWO_THIRDS"  # admission, recognition, removal: at least two thirds


TEXT_LENGTH = 300
NAME_LENGTH = 100
POST_LENGTH = 200
FILE_NAME_LENGTH = 255
MEDIA_TYPE_LENGTH = 100
NUMBER_LENGTH = 60


class Meeting(VersionedMixin, Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("party_organization.id"))
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind))
    state: Mapped[MeetingState] = mapped_column(enum_column(MeetingState))
    meeting_date: Mapped[dt.date] = mapped_column(Date)
    # year * 100 + month and year * 10 + quarter of meeting_date: the compliance view groups on
    # them with the same SQL on every backend.
    month_key: Mapped[int] = mapped_column(Integer)
    quarter_key: Mapped[int] = mapped_column(Integer)
    # A regular meeting that also held the quarter's thematic part in the same session
    # (minimum duration MEETING_COMBINED_MIN_MINUTES, R-MTG-1).
    includes_thematic: Mapped[bool] = mapped_column(Boolean, default=False)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    topic: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))  # the chuyên đề, the congress…
    chair_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    secretary_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    invitation_sent_on: Mapped[dt.date | None] = mapped_column(Date)
    documents_published_on: Mapped[dt.date | None] = mapped_column(Date)  # R-MTG-2
    # "Biên bản đã được thông qua trước chi bộ": how many of those present approved it.
    minutes_approved_for: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    # Written when the meeting is finalised, read by the compliance view.
    expected_count: Mapped[int | None] = mapped_column(Integer)
    present_count: Mapped[int | None] = mapped_column(Integer)
    finalised_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    finalised_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))

    __table_args__ = (
        Index("ix_meeting_organization_date", "organization_id", "meeting_date", "id"),
        Index("ix_meeting_compliance", "state", "month_key", "organization_id", "kind"),
    )

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.kind.value} {self.meeting_date} {self.state.value}>"


class MeetingAttendance(Base):
    __tablename__ = "meeting_attendance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    status: Mapped[AttendanceStatus] = mapped_column(enum_column(AttendanceStatus))
    reason: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    # Official on the meeting date: only official members vote (R-MTG-4).
    official: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)


class MeetingGuest(Base):
    __tablename__ = "meeting_guest"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[GuestKind] = mapped_column(enum_column(GuestKind))
    full_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    post: Mapped[str | None] = mapped_column(String(POST_LENGTH))


class MeetingAgendaItem(Base):
    __tablename__ = "meeting_agenda_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    # Diễn biến: who spoke and what they said, one speaker a line.
    discussion: Mapped[str | None] = mapped_column(Text)
    conclusion: Mapped[str | None] = mapped_column(Text)  # the chair's conclusion


class MeetingVote(Base):
    __tablename__ = "meeting_vote"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    method: Mapped[VoteMethod] = mapped_column(enum_column(VoteMethod))
    threshold: Mapped[VoteThreshold] = mapped_column(enum_column(VoteThreshold))
    votes_for: Mapped[int] = mapped_column(Integer)
    votes_against: Mapped[int] = mapped_column(Integer)
    votes_abstain: Mapped[int] = mapped_column(Integer)
    # The vote adopts the meeting's resolution (nghị quyết).
    adopts_resolution: Mapped[bool] = mapped_column(Boolean, default=False)


class MeetingResolution(Base):
    """The resolution adopted at the meeting (§4.5), numbered per organisation and year."""

    __tablename__ = "meeting_resolution"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), unique=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("party_organization.id"))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int | None] = mapped_column(Integer)  # "07" in "Số 07-NQ/CB"
    subject: Mapped[str] = mapped_column(String(TEXT_LENGTH))  # trích yếu
    body: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("organization_id", "year", "sequence"),)


class MeetingResolutionTask(Base):
    """A task the resolution assigns (phân công thực hiện, §4.5): what, to whom, by when; its
    completion is recorded later, when the cell follows the resolution up, even after the
    minutes are finalised."""

    __tablename__ = "meeting_resolution_task"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("meeting_resolution.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    owner_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    done_note: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))

    # The follow-up list: the tasks not done, by due date.
    __table_args__ = (Index("ix_meeting_resolution_task_open", "done_on", "due_date"),)


class MeetingAttachment(Base):
    """A file kept with the meeting (in the database, so backups and encryption cover it)."""

    __tablename__ = "meeting_attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(FILE_NAME_LENGTH))
    media_type: Mapped[str] = mapped_column(String(MEDIA_TYPE_LENGTH))
    size_bytes: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(NAME_LENGTH))


class MeetingReopening(Base):
    """A finalised meeting put back to draft: who, when and why (the minutes were signed)."""

    __tablename__ = "meeting_reopening"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    reopened_at: Mapped[dt.datetime] = mapped_column(DateTime)
    reopened_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    reason: Mapped[str] = mapped_column(Text)
