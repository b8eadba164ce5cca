"""Party organisations as a tree with a materialised path (one indexed query per subtree)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin, binary_string, enum_column
from desktop.models.enums import OrgKind, OrgStatus

PATH_SEPARATOR = "/"
PATH_MAX_LENGTH = 400


def child_path(parent_path: str | None, org_id: int) -> str:
    """'/1/' + 23 → '/1/23/': every ancestor id in order, ending with a separator."""
    return f"{parent_path or PATH_SEPARATOR}{org_id}{PATH_SEPARATOR}"


def subtree_upper_bound(path: str) -> str:
    """Exclusive upper bound of the paths below `path`, for a range scan on the path index.

    Every descendant path is `path` + more characters; '/' is followed by '0' in byte order and
    no id starts with '/', so [path, path[:-1] + '0') holds exactly the subtree.
    """
    return path[:-1] + chr(ord(PATH_SEPARATOR) + 1)


class PartyOrganization(VersionedMixin, Base):
    """Đảng bộ / chi bộ (§1.4)."""

    __tablename__ = "party_organization"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[OrgKind] = mapped_column(enum_column(OrgKind))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("party_organization.id", ondelete="RESTRICT"), index=True
    )
    path: Mapped[str] = mapped_column(binary_string(PATH_MAX_LENGTH), unique=True)
    level: Mapped[int] = mapped_column(Integer)
    # Display order among siblings (the order the superior committee lists them in).
    position: Mapped[int] = mapped_column(Integer, default=0)
    established_date: Mapped[dt.date | None] = mapped_column(Date)
    established_decision_ref: Mapped[str | None] = mapped_column(String(100))
    dissolved_date: Mapped[dt.date | None] = mapped_column(Date)
    dissolution_decision_ref: Mapped[str | None] = mapped_column(String(100))
    is_overseas: Mapped[bool] = mapped_column(Boolean, default=False)
    country: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    area_type: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[OrgStatus] = mapped_column(enum_column(OrgStatus), default=OrgStatus.ACTIVE)
    # What the header and signature of the documents it issues print (§7.2, §7.4, §7.5);
    # NULL: derived from the name and kind (desktop.models.document_header) or the ancestors.
    issuer_name: Mapped[str | None] = mapped_column(String(200))  # "Đảng ủy Khối ..." (line 2)
    issuer_code: Mapped[str | None] = mapped_column(String(20))  # "ĐUK" in "Số 07-BC/ĐUK"
    superior_name: Mapped[str | None] = mapped_column(String(200))  # line 1 when no parent
    place_name: Mapped[str | None] = mapped_column(String(100))  # địa danh before the date
    # Folded code and name (desktop.models.text.search_key), for pickers that search by name.
    search_key: Mapped[str] = mapped_column(String(300), default="")

    __table_args__ = (
        Index("ix_party_organization_parent_position", "parent_id", "position"),
        # Codes are unique ignoring case, and looked up that way (forms, imports).
        Index("ix_party_organization_code_lower", func.lower(code)),
    )

    def __repr__(self) -> str:
        return f"<PartyOrganization {self.code} {self.kind.name}>"
