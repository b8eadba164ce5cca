"""Declarative base, naming convention and column types shared by every model."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import DateTime, Enum, Integer, MetaData, String, func
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Predictable constraint names: Alembic batch migrations on SQLite drop and recreate by name.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def binary_string(length: int) -> Any:
    """A string compared byte by byte on every backend (paths, collation keys).

    SQLite compares TEXT as BINARY already; PostgreSQL needs the "C" collation, otherwise
    the locale collation reorders punctuation and breaks prefix ranges.
    """
    return String(length).with_variant(postgresql.VARCHAR(length, collation="C"), "postgresql")


def enum_column(enum_type: type[enum.Enum], length: int = 32) -> Enum:
    """Enums stored as their names in a plain string column (portable, readable in SQL)."""
    return Enum(enum_type, native_enum=False, length=length, validate_strings=True)


class VersionedMixin:
    """Optimistic locking for records users edit: UPDATE ... WHERE version = :loaded."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=False), nullable=False, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=False),
        nullable=False,
        server_default=func.current_timestamp(),
        onupdate=func.current_timestamp(),
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}
