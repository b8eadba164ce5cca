"""PDFs of party badges and fees in the party document format: the badge due list of an
occasion, a cell's monthly fee list and the committee's fee report for a period.

Each writer checks PRINT_REPORTS and the scope, reads through the services and writes the
file atomically (desktop.reports.frame.build_document); big lists go through StreamedTable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from reportlab.lib.units import mm

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.fees import FeeCategory
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.numbers import number
from desktop.reports.tables import Align, Column, RowKind, StreamedTable, TableRow
from desktop.services import clock
from desktop.services.access import require_report_request
from desktop.services.badges import BadgeDueRow, badges_due
from desktop.services.fees import FeeReportLine, FeeSheetRow, cell_fee_sheet, fee_report
from desktop.services.organizations import organization_summary

# Printed names of the fee categories (the UI's are in desktop.badge_fee_texts).
_CATEGORY_NAMES = {
    FeeCategory.SALARIED_STATE: "Cán bộ, công chức, viên chức, lực lượng vũ trang",
    FeeCategory.PENSIONER: "Hưởng lương hưu",
    FeeCategory.ENTERPRISE: "Người lao động trong doanh nghiệp, đơn vị sự nghiệp",
    FeeCategory.OTHER_DOMESTIC: "Đối tượng khác ở trong nước",
    FeeCategory.OVERSEAS: "Đảng viên ở ngoài nước",
}


def _month_text(month: dt.date) -> str:
    return f"{month.month:02d}/{month.year}"


def _columns(spec: tuple[tuple[str, int, Align], ...]) -> list[Column]:
    return [Column(title, width * mm, align) for title, width, align in spec]


# -- Huy hiệu Đảng ---------------------------------------------------------------------------

_BADGE_COLUMNS = (
    ("STT", 10, Align.CENTER), ("Họ và tên", 40, Align.LEFT), ("Ngày sinh", 20, Align.CENTER),
    ("Ngày vào Đảng", 20, Align.CENTER), ("Tuổi đảng", 18, Align.CENTER), ("Huy hiệu", 16, Align.CENTER),
    ("Ngày đủ tuổi đảng", 20, Align.CENTER), ("Ghi chú", 16, Align.LEFT),
)


def badge_note(row: BadgeDueRow) -> str:
    if row.early:
        return "Đề nghị sớm (ốm nặng)"
    return "Ốm nặng" if row.seriously_ill else ""


def _badge_rows(rows: list[BadgeDueRow]) -> Iterator[TableRow]:
    cell_id = None
    for index, row in enumerate(rows, start=1):
        if row.cell_id != cell_id:
            cell_id = row.cell_id
            yield TableRow.spanning(RowKind.GROUP, row.cell_name)
        yield TableRow.data(
            str(index), row.full_name, format_date(row.date_of_birth, row.dob_precision), format_date(row.anchor),
            f"{row.party_age.years} năm {row.party_age.months} tháng", f"{row.milestone} năm",
            format_date(row.reached_on), badge_note(row), italic=(7,) if row.early else ())
    by_milestone: dict[int, int] = {}
    for row in rows:
        by_milestone[row.milestone] = by_milestone.get(row.milestone, 0) + 1
    if not rows:
        yield TableRow.spanning(RowKind.TOTAL, "Không có đảng viên nào đến hạn được tặng Huy hiệu Đảng.")
        return
    detail = ", ".join(f"{years} năm: {number(count)}" for years, count in sorted(by_milestone.items()))
    yield TableRow.spanning(RowKind.TOTAL, f"Tổng cộng: {number(len(rows))} đảng viên ({detail})")


def write_badges_due_pdf(database: Database, organization_id: int, occasion: dt.date, out_path: Path) -> BuiltDocument:
    """Danh sách đảng viên đề nghị tặng Huy hiệu Đảng on the occasion."""
    require_report_request(database, organization_id, None)
    organization = organization_summary(database, organization_id)
    rows = badges_due(database, organization_id, occasion)
    parts = issued_parts(database, organization_id, clock.today(), kind_code=None)
    styles = document_styles(parts.style)
    table = StreamedTable(styles, _columns(_BADGE_COLUMNS), _badge_rows(rows))
    info = DocumentInfo(
        kind_title="Danh sách",
        abstract=f"đảng viên đề nghị tặng Huy hiệu Đảng đợt {format_date(occasion)}",
        abstract_note=f"({organization.name}; tuổi đảng tính đến ngày {format_date(occasion)})",
        author=parts.issuer.issuer_name, subject=f"Huy hiệu Đảng {organization.name}")
    return build_document(Path(out_path), styles, parts.header, info, [table], parts.closing)


# -- Đảng phí of a cell for a month ----------------------------------------------------------

_SHEET_COLUMNS = (
    ("STT", 10, Align.CENTER), ("Họ và tên", 42, Align.LEFT), ("Mức lương, thu nhập", 25, Align.RIGHT),
    ("Tỷ lệ", 12, Align.CENTER), ("Đảng phí", 20, Align.RIGHT), ("Tự nguyện", 17, Align.RIGHT),
    ("Ngày nộp", 18, Align.CENTER), ("Số phiếu thu", 16, Align.CENTER),
)


def _sheet_rows(rows: list[FeeSheetRow]) -> Iterator[TableRow]:
    paid = amount = voluntary = 0
    for index, row in enumerate(rows, start=1):
        if row.paid:
            paid += 1
            amount += row.amount_paid or 0
            voluntary += row.voluntary_paid
        yield TableRow.data(
            str(index), row.full_name, number(row.base_amount) if row.base_amount else "",
            f"{row.rate.replace('.', ',')}%" if row.rate else "",
            number(row.amount_paid or 0) if row.paid else "Chưa nộp",
            number(row.voluntary_paid) if row.voluntary_paid else "",
            format_date(row.paid_on) if row.paid_on else "", row.receipt_no or "",
            italic=() if row.paid else (4,))
    yield TableRow.spanning(RowKind.TOTAL, (
        f"Tổng cộng: {number(paid)}/{number(len(rows))} đảng viên đã nộp; đảng phí {number(amount)} đồng, "
        f"tự nguyện {number(voluntary)} đồng; cộng {number(amount + voluntary)} đồng."))


def write_cell_fee_list_pdf(database: Database, cell_id: int, month: dt.date, out_path: Path) -> BuiltDocument:
    """Danh sách thu đảng phí of the cell for the month."""
    require_report_request(database, cell_id, None)
    organization = organization_summary(database, cell_id)
    rows = cell_fee_sheet(database, cell_id, month)
    parts = issued_parts(database, cell_id, clock.today(), kind_code=None)
    styles = document_styles(parts.style)
    table = StreamedTable(styles, _columns(_SHEET_COLUMNS), _sheet_rows(rows))
    info = DocumentInfo(
        kind_title="Danh sách", abstract=f"thu đảng phí tháng {_month_text(month)}",
        abstract_note=f"({organization.name})", author=parts.issuer.issuer_name,
        subject=f"Đảng phí {organization.name} tháng {_month_text(month)}")
    return build_document(Path(out_path), styles, parts.header, info, [table], parts.closing)


# -- the committee's fee report ----------------------------------------------------------------

_REPORT_COLUMNS = (
    ("STT", 10, Align.CENTER), ("Chi bộ / đối tượng", 46, Align.LEFT), ("Đảng viên", 16, Align.RIGHT),
    ("Số lượt phải nộp", 18, Align.RIGHT), ("Đã nộp", 16, Align.RIGHT), ("Chưa nộp", 16, Align.RIGHT),
    ("Đảng phí (đồng)", 21, Align.RIGHT), ("Tự nguyện (đồng)", 17, Align.RIGHT),
)


def _figures(line: FeeReportLine, with_dues: bool = True) -> tuple[str, ...]:
    if not with_dues:
        return ("", "", number(line.months_paid), "", number(line.amount), number(line.voluntary))
    return (number(line.members), number(line.months_due), number(line.months_paid), number(line.months_unpaid),
            number(line.amount), number(line.voluntary))


def _report_rows(report) -> Iterator[TableRow]:  # type: ignore[no-untyped-def]
    yield TableRow.spanning(RowKind.GROUP, "I. Theo chi bộ")
    for index, line in enumerate(report.cells, start=1):
        yield TableRow.data(str(index), line.label, *_figures(line))
    yield TableRow(RowKind.SUM, ("", "Tổng cộng", *_figures(report.total)))
    yield TableRow.spanning(RowKind.GROUP, "II. Theo đối tượng đóng đảng phí")
    for index, line in enumerate(report.categories, start=1):
        yield TableRow.data(str(index), _CATEGORY_NAMES[FeeCategory(line.label)], *_figures(line, with_dues=False))
    yield TableRow.spanning(RowKind.TOTAL, (
        f"Tổng số thu: {number(report.total.total)} đồng (đảng phí {number(report.total.amount)} đồng, "
        f"tự nguyện {number(report.total.voluntary)} đồng)."))


def write_fee_report_pdf(
    database: Database, organization_id: int, first_month: dt.date, last_month: dt.date, out_path: Path
) -> BuiltDocument:
    """Báo cáo thu, nộp đảng phí of the organisation subtree for the months given."""
    require_report_request(database, organization_id, None)
    report = fee_report(database, organization_id, first_month, last_month)
    parts = issued_parts(database, organization_id, clock.today(), kind_code="BC")
    styles = document_styles(parts.style)
    table = StreamedTable(styles, _columns(_REPORT_COLUMNS), _report_rows(report))
    period = (f"tháng {_month_text(report.first_month)}" if report.first_month == report.last_month
              else f"từ tháng {_month_text(report.first_month)} đến tháng {_month_text(report.last_month)}")
    info = DocumentInfo(
        kind_title="Báo cáo", abstract="thu, nộp đảng phí", abstract_note=f"({report.organization_name}; {period})",
        author=parts.issuer.issuer_name, subject=f"Đảng phí {report.organization_name}")
    return build_document(Path(out_path), styles, parts.header, info, [table], parts.closing)


# The same documents as reports of the catalogue (the Reports window: background, preview, print).
def write_badges_due(database: Database, request: ReportRequest, out_path: Path, **_options: object) -> BuiltDocument:
    return write_badges_due_pdf(database, request.organization_id, request.as_of, out_path)


def write_cell_fees(database: Database, request: ReportRequest, out_path: Path, **_options: object) -> BuiltDocument:
    return write_cell_fee_list_pdf(database, request.organization_id, request.as_of.replace(day=1), out_path)


def write_fee_report(database: Database, request: ReportRequest, out_path: Path, **_options: object) -> BuiltDocument:
    first = (request.period_start or request.as_of.replace(month=1)).replace(day=1)
    return write_fee_report_pdf(database, request.organization_id, first, request.as_of.replace(day=1), out_path)
