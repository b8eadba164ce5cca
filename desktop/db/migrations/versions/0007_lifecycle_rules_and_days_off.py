"""Member lifecycle: the days off that deadlines in working days skip, and the rules of
admission, recognition, transfers and badges (domain spec §2.4-§3, §10.1, §10.2).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SEED_RULES = [
    ("RECOGNITION_CELL_DEADLINE_WD", 30, "Hướng dẫn 06-HD/TW (2025); domain spec R-MEM-2", "H"),
    ("RECOGNITION_DECISION_DEADLINE_WD", 60, "Quy định 294-QĐ/TW (2025), read in part; domain spec R-MEM-2", "M"),
    ("CEREMONY_DEADLINE_WD", 30, "Hướng dẫn 06-HD/TW (2025); domain spec §3.2 state 11", "H"),
    ("ADMISSION_DECISION_DEADLINE_WD", 60, "Quy định 294-QĐ/TW (2025); domain spec §3.2 state 10", "M"),
    ("MAX_AGE_YEARS", 60, "Quy định 294-QĐ/TW (2025); domain spec R-ADM-1", "H"),
    ("COURSE_CERTIFICATE_VALID_YEARS", 5, "common practice; domain spec R-ADM-3", "M"),
    ("INTRODUCER_MIN_MONTHS", 12, "Điều lệ Đảng, Điều 4; domain spec R-ADM-4", "H"),
    ("CELL_RESOLUTION_MAJORITY", [2, 3], "Hướng dẫn 06-HD/TW (2025); domain spec §3.2 state 7, §3.3", "M"),
    ("TRANSFER_REPORT_DEADLINE_WD", 30, "commonly cited; domain spec §2.5 (configurable)", "L"),
    ("TEMPORARY_TRANSFER_MAX_MONTHS", 12, "commonly cited 3-12 months; domain spec §2.5", "L"),
    ("BADGE_MILESTONES", [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90],
     "Hướng dẫn 01-HD/TW (2021) §18, carried into the 2025 guidance; domain spec R-BADGE-1", "H"),
    ("BADGE_EARLY_MONTHS", [[65, 12], [90, 24]], "domain spec R-BADGE-2", "H"),
    ("BADGE_OCCASIONS", ["03/02", "19/05", "02/09", "07/11"], "customary; domain spec R-BADGE-4", "L"),
    ("REMOVAL_UNPAID_FEE_MONTHS", 3, "Quy định 24-QĐ/TW, kept in 294-QĐ/TW; domain spec §2.5", "H"),
]

# First day of the lunar year and 10th day of the 3rd lunar month (Giỗ Tổ Hùng Vương).
_LUNAR_NEW_YEAR = {
    2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
    2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3),
}
_HUNG_KINGS = {
    2020: (4, 2), 2021: (4, 21), 2022: (4, 10), 2023: (4, 29), 2024: (4, 18), 2025: (4, 7),
    2026: (4, 26), 2027: (4, 16), 2028: (4, 4), 2029: (4, 23), 2030: (4, 12),
}
# The day next to 2 September (Labour Code 2019, Điều 112), chosen as the government usually does.
_NATIONAL_DAY_PARTNER = {0: 1, 1: -1, 2: 1, 3: 1, 4: -1, 5: -1, 6: 1}


def days_off(year: int) -> dict[dt.date, str]:
    """The days off of one year by the Labour Code 2019, Điều 112: a holiday on a weekend is
    taken on the next working day. The office corrects the table when the government decides."""
    named: list[tuple[dt.date, str]] = [(dt.date(year, 1, 1), "Tết Dương lịch")]
    new_year = dt.date(year, *_LUNAR_NEW_YEAR[year])
    named += [(new_year + dt.timedelta(days=offset), "Tết Âm lịch") for offset in range(-1, 4)]
    named.append((dt.date(year, *_HUNG_KINGS[year]), "Giỗ Tổ Hùng Vương"))
    named += [(dt.date(year, 4, 30), "Ngày Chiến thắng"), (dt.date(year, 5, 1), "Ngày Quốc tế Lao động")]
    national = dt.date(year, 9, 2)
    named += [(national, "Quốc khánh"),
              (national + dt.timedelta(days=_NATIONAL_DAY_PARTNER[national.weekday()]), "Quốc khánh")]
    result: dict[dt.date, str] = {}
    for day, name in sorted(named):
        result.setdefault(day, name)
    for day, name in sorted(named):
        if day.weekday() >= 5:
            compensation = day
            while compensation.weekday() >= 5 or compensation in result:
                compensation += dt.timedelta(days=1)
            result[compensation] = f"Nghỉ bù {name}"
    return result


def upgrade() -> None:
    holidays = op.create_table(
        "public_holiday",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_holiday")),
        sa.UniqueConstraint("day", name=op.f("uq_public_holiday_day")),
    )
    # Plain ADD COLUMN (SQLite supports it): batch mode would reflect the tables and warn about
    # the expression index of party_organization.
    op.add_column("member_event", sa.Column("counterpart", sa.String(length=300), nullable=True))
    op.add_column("member_event", sa.Column("resolution_number", sa.String(length=60), nullable=True))
    op.add_column("member_event", sa.Column("resolution_date", sa.Date(), nullable=True))
    op.add_column("member", sa.Column("temporary_elsewhere", sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
    rows = [{"day": day, "name": name} for year in _LUNAR_NEW_YEAR for day, name in sorted(days_off(year).items())
            if day.weekday() < 5]  # weekends are never working days: only weekdays need a row
    op.bulk_insert(holidays, rows)
    rule_value = sa.table(
        "rule_value",
        sa.column("code", sa.String), sa.column("effective_from", sa.Date),
        sa.column("effective_to", sa.Date), sa.column("value_json", sa.Text),
        sa.column("source_ref", sa.String), sa.column("confidence", sa.String),
    )
    founding = dt.date(1930, 2, 3)
    op.bulk_insert(rule_value, [
        {"code": code, "effective_from": founding, "effective_to": None, "value_json": json.dumps(value),
         "source_ref": source, "confidence": confidence}
        for code, value, source, confidence in SEED_RULES
    ])


def downgrade() -> None:
    rule_value = sa.table("rule_value", sa.column("code", sa.String))
    op.execute(rule_value.delete().where(rule_value.c.code.in_([code for code, *_ in SEED_RULES])))
    op.drop_column("member", "temporary_elsewhere")  # SQLite 3.35+ has DROP COLUMN
    op.drop_column("member_event", "resolution_date")
    op.drop_column("member_event", "resolution_number")
    op.drop_column("member_event", "counterpart")
    op.drop_table("public_holiday")
