"""The registry of complaint, denunciation and petition letters (đơn thư, domain spec §6.9).

Every letter is registered, also those not to be handled (anonymous, vague, repeated: R-DEN-3,
status NOT_ELIGIBLE with the reason), never silently dropped. The sender's identity columns
are redacted in the audit trail and shown only to the inspector handling the letter or
assigned to the case opened from it (R-DEN-5); everywhere else they read "[đã ẩn]".
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin, enum_column


class LetterKind(enum.Enum):
    DENUNCIATION = "DENUNCIATION"  # tố cáo
    COMPLAINT = "COMPLAINT"  # khiếu nại
    PETITION = "PETITION"  # kiến nghị, phản ánh


class LetterChannel(enum.Enum):
    POST = "POST"
    HAND = "HAND"
    EMAIL = "EMAIL"
    FORWARDED = "FORWARDED"  # chuyển đến từ cơ quan khác


class LetterStatus(enum.Enum):
    RECEIVED = "RECEIVED"  # registered, handling not decided yet
    NOT_ELIGIBLE = "NOT_ELIGIBLE"  # không đủ điều kiện giải quyết (R-DEN-3)
    FILED = "FILED"  # lưu đơn
    FORWARDED = "FORWARDED"  # chuyển cơ quan có thẩm quyền
    CASE_OPENED = "CASE_OPENED"  # handled as an inspection case
    ANSWERED = "ANSWERED"  # result notified to the sender

    @property
    def is_pending(self) -> bool:
        """Still owes the sender a result within the deadline."""
        return self in (LetterStatus.RECEIVED, LetterStatus.CASE_OPENED)


HIDDEN_IDENTITY = "[đã ẩn]"
SENDER_COLUMNS = ("sender_name", "sender_address", "sender_contact")
TEXT_LENGTH = 300
NAME_LENGTH = 100


class ComplaintLetter(VersionedMixin, Base):
    __tablename__ = "complaint_letter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The receiving organisation (its inspection committee handles the registry).
    organization_id: Mapped[int] = mapped_column(ForeignKey("party_organization.id"))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)  # register number within the year
    received_on: Mapped[dt.date] = mapped_column(Date)
    postmark_on: Mapped[dt.date | None] = mapped_column(Date)
    channel: Mapped[LetterChannel] = mapped_column(enum_column(LetterChannel))
    kind: Mapped[LetterKind] = mapped_column(enum_column(LetterKind))
    is_anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    # Protected identity (R-DEN-5): redacted in the audit trail, hidden from uninvolved users.
    sender_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    sender_address: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    sender_contact: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    concerned_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="SET NULL"), index=True)
    concerned_organization_id: Mapped[int | None] = mapped_column(ForeignKey("party_organization.id"))
    concerned_text: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    summary: Mapped[str] = mapped_column(Text)
    status: Mapped[LetterStatus] = mapped_column(enum_column(LetterStatus))
    not_eligible_reason: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    handler_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    extended_to: Mapped[dt.date | None] = mapped_column(Date)  # one extension (R-DEN-2)
    forwarded_to: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    result: Mapped[str | None] = mapped_column(Text)
    handled_on: Mapped[dt.date | None] = mapped_column(Date)
    notified_on: Mapped[dt.date | None] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("organization_id", "year", "sequence"),
        Index("ix_complaint_letter_org_received", "organization_id", "received_on", "id"),
        Index("ix_complaint_letter_status_due", "status", "due_on", "id"),
    )

    @property
    def deadline(self) -> dt.date | None:
        return self.extended_to or self.due_on
