"""The badge and fee documents printed from the Reports window (the report catalogue)."""

import datetime as dt
from pathlib import Path

import pytest

from desktop.db.database import Database
from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
from desktop.services.organizations import find_cells, root_organizations
from tests.reports.pdf_text import page_texts


def text_of(database: Database, request: ReportRequest, out: Path) -> str:
    generate_report(database, request, out)
    return " ".join(" ".join(page_texts(out)).split())


def test_the_fee_report_covers_the_months_of_the_period(demo_database: Database, tmp_path: Path) -> None:
    root = root_organizations(demo_database)[0].id
    text = text_of(demo_database, ReportRequest(ReportKind.FEE_REPORT, root, dt.date(2026, 6, 15),
                                                period_start=dt.date(2026, 2, 3)), tmp_path / "dp.pdf")
    assert "thu, nộp đảng phí" in text and "từ tháng 02/2026 đến tháng 06/2026" in text
    assert "Tổng cộng" in text


def test_a_cell_fee_list_and_the_badge_list_print(demo_database: Database, tmp_path: Path) -> None:
    cell = find_cells(demo_database, "chi bo")[0]
    text = text_of(demo_database, ReportRequest(ReportKind.CELL_FEES, cell.id, dt.date(2026, 10, 20)),
                   tmp_path / "cb.pdf")
    assert "10/2026" in text and cell.name.split()[-1] in text
    root = root_organizations(demo_database)[0]
    badges = text_of(demo_database, ReportRequest(ReportKind.BADGES_DUE, root.id, dt.date(2027, 2, 3)),
                     tmp_path / "hh.pdf")
    assert "Huy hiệu Đảng đợt 03/02/2027" in badges


@pytest.mark.parametrize("kind", [ReportKind.BADGES_DUE, ReportKind.CELL_FEES, ReportKind.FEE_REPORT])
def test_every_new_kind_is_named(kind: ReportKind) -> None:
    from desktop.ui.report_names import report_description, report_title

    assert report_title(kind) and report_description(kind)
