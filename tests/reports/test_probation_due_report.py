"""The probation due list in print: who, until when, and the overdue marked as such."""

import datetime as dt
from pathlib import Path

from desktop.db.database import Database
from desktop.models.enums import OrgKind
from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
from desktop.services import clock
from desktop.services.members import create_member
from tests.builders import add_org, member_draft
from tests.reports.pdf_text import page_texts


def test_the_list_names_each_member_with_the_end_of_probation(database: Database, tmp_path: Path) -> None:
    today = clock.today()
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.GRASSROOTS_COMMITTEE)
    cell = add_org(database, "K.1", "Chi bộ Văn phòng", OrgKind.SUBORDINATE_CELL, root)

    def probationer(name: str, admitted: dt.date) -> None:
        create_member(database, member_draft(cell, full_name=name, admission_decision_date=admitted,
                                             admission_date=admitted, official_date=None))

    probationer("Trần Văn Ba", today.replace(year=today.year - 2))  # long overdue
    probationer("Lê Thị Bốn", today - dt.timedelta(days=300))  # ends in about two months
    probationer("Phạm Văn Năm", today - dt.timedelta(days=30))  # ends in eleven months: not listed
    out = tmp_path / "du-bi.pdf"
    generate_report(database, ReportRequest(ReportKind.PROBATION_DUE, root, today + dt.timedelta(days=90)), out)
    text = " ".join(" ".join(page_texts(out)).split())
    assert "DANH SÁCH ĐẢNG VIÊN DỰ BỊ ĐẾN HẠN XÉT CÔNG NHẬN CHÍNH THỨC" in text
    assert "chi bộ xét trong 30 ngày làm việc" in text
    assert "Trần Văn Ba" in text and "Lê Thị Bốn" in text and "Phạm Văn Năm" not in text
    assert "Quá hạn" in text
    assert "Tổng cộng: 2 đảng viên dự bị, trong đó 1 quá hạn chi bộ xét" in text
