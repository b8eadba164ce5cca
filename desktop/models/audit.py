"""The audit trail: append-only, each entry chained to the previous one by a hash."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, enum_column


class AuditAction(enum.Enum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    READ = "READ"  # a confidential record was opened (member file, inspection case)
    LOGIN = "LOGIN"
    LOGIN_FAILED = "LOGIN_FAILED"
    LOGOUT = "LOGOUT"
    EXPORT = "EXPORT"  # a report, an export, a backup left the database
    BULK = "BULK"  # bulk writes that bypass the ORM (demo, import), summarised in one entry


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=False))
    # Who: kept as text too, so the trail still reads after an account is renamed or removed.
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(60))
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction))
    record_type: Mapped[str] = mapped_column(String(60))  # table name, or "" for logins
    record_id: Mapped[int | None] = mapped_column(Integer)
    # JSON: {"field": [before, after], ...} for updates, the values for create/delete.
    changes: Mapped[str] = mapped_column(Text, default="{}")
    previous_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_entry_record", "record_type", "record_id"),
        Index("ix_audit_entry_at", "at"),
        Index("ix_audit_entry_username", "username", "at"),
    )


GENESIS_HASH = "0" * 64  # the previous_hash of the first entry


class AuditHead(Base):
    """The one row that names the last entry of the chain.

    Every append updates it in the same transaction, which serialises appenders (a row lock on
    PostgreSQL, the write lock on SQLite) and lets verification notice missing trailing entries.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    last_id: Mapped[int | None] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
