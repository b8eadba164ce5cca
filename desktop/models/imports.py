"""Column mappings of spreadsheet imports that users saved, found again by the file's titles."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base


class ImportMapping(Base):
    """Which column of a file with these titles fills which field (JSON {field: column})."""

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "members" or "organizations"
    signature: Mapped[str] = mapped_column(String(40))  # of the folded titles, in order
    titles: Mapped[str] = mapped_column(Text)  # JSON list of the titles as the file wrote them
    mapping: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("kind", "signature"),)
