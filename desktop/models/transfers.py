"""Transfers of party activity (chuyển sinh hoạt đảng, domain spec §2.3, §2.5).

One row per giấy giới thiệu sinh hoạt đảng: an official or temporary transfer out of the
register, an official transfer in from outside, or a move between two cells of the database.
The member's status, flags and cell change only through the history events the transfer
writes (desktop.services.member_events.apply_member_event); the row links to them.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin, enum_column


class TransferKind(enum.Enum):
    OFFICIAL = "OFFICIAL"  # chính thức: the member file travels
    TEMPORARY = "TEMPORARY"  # tạm thời: the member stays on the home list


class TransferDirection(enum.Enum):
    OUT = "OUT"  # to an organisation outside the database
    IN = "IN"  # from an organisation outside the database
    INTERNAL = "INTERNAL"  # between two cells of the database


class TransferState(enum.Enum):
    ISSUED = "ISSUED"  # the letter is out; the receiving organisation has not confirmed yet
    RECEIVED = "RECEIVED"  # the receiving organisation confirmed (an arrival is received at once)
    RETURNED = "RETURNED"  # a temporary stay ended: the member is back at the home cell
    CANCELLED = "CANCELLED"  # the letter was withdrawn; the member is back as before


ORG_TEXT_LENGTH = 300
LETTER_NUMBER_LENGTH = 60
ISSUING_BODY_LENGTH = 200


class MemberTransfer(VersionedMixin, Base):
    __tablename__ = "member_transfer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    kind: Mapped[TransferKind] = mapped_column(enum_column(TransferKind))
    direction: Mapped[TransferDirection] = mapped_column(enum_column(TransferDirection))
    state: Mapped[TransferState] = mapped_column(enum_column(TransferState))
    # Each side is a cell of the database (id) or an organisation outside it (in words).
    from_org_id: Mapped[int | None] = mapped_column(ForeignKey("party_organization.id"))
    from_org_text: Mapped[str | None] = mapped_column(String(ORG_TEXT_LENGTH))
    to_org_id: Mapped[int | None] = mapped_column(ForeignKey("party_organization.id"))
    to_org_text: Mapped[str | None] = mapped_column(String(ORG_TEXT_LENGTH))
    reason: Mapped[str | None] = mapped_column(Text)
    # Letters the database issues are numbered per issuing committee and year ("07-GGT/ĐU");
    # a letter from outside keeps the number it bears, in letter_number only.
    letter_sequence: Mapped[int | None] = mapped_column(Integer)
    letter_number: Mapped[str | None] = mapped_column(String(LETTER_NUMBER_LENGTH))
    letter_date: Mapped[dt.date] = mapped_column(Date)
    issuing_org_id: Mapped[int | None] = mapped_column(ForeignKey("party_organization.id"))
    issuing_body: Mapped[str | None] = mapped_column(String(ISSUING_BODY_LENGTH))
    # TRANSFER_REPORT_DEADLINE_WD working days after the letter date (§2.5).
    report_deadline: Mapped[dt.date] = mapped_column(Date)
    expected_end: Mapped[dt.date | None] = mapped_column(Date)  # temporary transfers
    received_date: Mapped[dt.date | None] = mapped_column(Date)
    returned_date: Mapped[dt.date | None] = mapped_column(Date)
    cancelled_date: Mapped[dt.date | None] = mapped_column(Date)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    # The history events the transfer wrote: the departure and the arrival (or return).
    out_event_id: Mapped[int | None] = mapped_column(ForeignKey("member_event.id", ondelete="SET NULL"))
    in_event_id: Mapped[int | None] = mapped_column(ForeignKey("member_event.id", ondelete="SET NULL"))

    __table_args__ = (
        # The pending/overdue list: open transfers by deadline.
        Index("ix_member_transfer_state_deadline", "state", "report_deadline", "id"),
        Index("ix_member_transfer_member", "member_id", "state"),
        Index("ix_member_transfer_issuer_letter", "issuing_org_id", "letter_date", "letter_sequence"),
    )

    def __repr__(self) -> str:
        return f"<MemberTransfer {self.id} {self.direction.value} {self.kind.value} {self.state.value}>"
