"""Đảng phí (§2.7): each member's fee profile, effective-dated, and the monthly payments."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, VersionedMixin, enum_column


class FeeCategory(enum.Enum):
    SALARIED_STATE = "SALARIED_STATE"  # cán bộ, công chức, viên chức, lực lượng vũ trang
    PENSIONER = "PENSIONER"  # hưởng lương hưu
    ENTERPRISE = "ENTERPRISE"  # người lao động trong doanh nghiệp, đơn vị sự nghiệp
    OTHER_DOMESTIC = "OTHER_DOMESTIC"  # nông dân, học sinh, sinh viên, đối tượng khác: mức cố định
    OVERSEAS = "OVERSEAS"  # ở ngoài nước: theo bảng

    @property
    def by_percent(self) -> bool:
        return self in (FeeCategory.SALARIED_STATE, FeeCategory.PENSIONER, FeeCategory.ENTERPRISE)


class FeeArea(enum.Enum):
    """Where a member paying a flat fee lives (Hướng dẫn 03-HD/VPTW)."""

    INNER_CITY = "INNER_CITY"  # nội thành thành phố trực thuộc trung ương
    URBAN = "URBAN"  # đô thị loại I-III
    OTHER = "OTHER"  # các nơi khác
    REMOTE = "REMOTE"  # vùng III miền núi, biên giới, hải đảo


class OverseasGroup(enum.Enum):
    STUDENT = "STUDENT"  # du học
    WORKER = "WORKER"  # lao động, làm việc
    BUSINESS = "BUSINESS"  # kinh doanh


class FeeProfile(VersionedMixin, Base):
    """How a member's fee is reckoned from `effective_from` (the first day of a month) on."""

    __tablename__ = "fee_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    category: Mapped[FeeCategory] = mapped_column(enum_column(FeeCategory))
    # Salary and allowances, pension or income, in đồng a month (percentage categories).
    base_amount: Mapped[int | None] = mapped_column(BigInteger)
    area: Mapped[FeeArea | None] = mapped_column(enum_column(FeeArea))  # OTHER_DOMESTIC
    overseas_group: Mapped[OverseasGroup | None] = mapped_column(enum_column(OverseasGroup))
    voluntary_amount: Mapped[int] = mapped_column(BigInteger, default=0)  # tự nguyện đóng thêm

    __table_args__ = (UniqueConstraint("member_id", "effective_from"),)


class FeePayment(VersionedMixin, Base):
    """The fee of one member for one month, paid to the cell (no row: not paid)."""

    __tablename__ = "fee_payment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    month: Mapped[dt.date] = mapped_column(Date)  # the first day of the month paid for
    cell_id: Mapped[int] = mapped_column(ForeignKey("party_organization.id"))  # collected by
    category: Mapped[FeeCategory] = mapped_column(enum_column(FeeCategory))
    base_amount: Mapped[int | None] = mapped_column(BigInteger)
    rate: Mapped[str | None] = mapped_column(String(12))  # percent, as the rule said ("0.5")
    amount: Mapped[int] = mapped_column(BigInteger)
    voluntary_amount: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_on: Mapped[dt.date] = mapped_column(Date)
    receipt_no: Mapped[str | None] = mapped_column(String(30))

    __table_args__ = (
        UniqueConstraint("member_id", "month"),
        Index("ix_fee_payment_month_cell", "month", "cell_id"),
    )
