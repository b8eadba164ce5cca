"""The days off of party and state bodies (ngày nghỉ lễ, Tết, nghỉ bù; domain spec §10.2).

One row per day. The office keeps the table: the government fixes Tết and the compensatory
days each year. Migration 0007 seeds the days of the Labour Code 2019 (Điều 112) for
2020-2030, with Tết and Giỗ Tổ Hùng Vương from the lunar calendar.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base


class PublicHoliday(Base):
    __tablename__ = "public_holiday"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(100))
