"""The badge lines of `party-office due badges --org CODE --within DAYS` (the lead's `due`
command calls `print_badges_due`): members due a party badge by today + DAYS."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from desktop.models.dates import format_date

if TYPE_CHECKING:
    from desktop.db.database import Database


def print_badges_due(database: Database, organization_id: int, within_days: int, out: TextIO) -> int:
    """One tab-separated line per member: name, birth date, cell, party age, milestone, the date
    it is reached and the early / seriously-ill flag; the number of lines printed."""
    from desktop.services import clock
    from desktop.services.badges import badges_due
    from desktop.services.badges import within_days as last_day

    rows = badges_due(database, organization_id, last_day(clock.today(), within_days))
    for row in rows:
        flag = "đề nghị sớm (ốm nặng)" if row.early else ("ốm nặng" if row.seriously_ill else "")
        fields = (row.full_name, format_date(row.date_of_birth, row.dob_precision), row.cell_name,
                  f"{row.party_age.years} năm {row.party_age.months} tháng", f"huy hiệu {row.milestone} năm",
                  format_date(row.reached_on), flag)
        print("\t".join(fields).rstrip("\t"), file=out)
    return len(rows)
