"""User accounts of the application and their roles (domain spec §10.3, issue 4)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin, enum_column


class Role(enum.Enum):
    """What a user may do; the organisation scope limits where."""

    ADMIN = "ADMIN"  # quản trị hệ thống: accounts, audit trail, backups, everything in scope
    OFFICE_CLERK = "OFFICE_CLERK"  # văn phòng / ban tổ chức: organisations, members, reports
    INSPECTION = "INSPECTION"  # ủy ban kiểm tra: inspection cases; reads the register
    LEADER = "LEADER"  # lãnh đạo: reads everything in scope, approves


class UserAccount(VersionedMixin, Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored folded to lower case NFC, so "Lan" and "lan" are one account.
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    # The organisation subtree the user sees and edits; NULL = the whole register.
    scope_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("party_organization.id", ondelete="RESTRICT")
    )
    # Argon2id PHC string (argon2-cffi); never the password itself.
    password_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=False))
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=False))
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=False))

    def __repr__(self) -> str:
        return f"<UserAccount {self.username} {self.role.name}>"
