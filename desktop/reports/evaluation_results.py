"""Reports of an evaluation period (record_id): the results per organisation (members and
organisations at each rating, counts and percentages) and the list of members by rating.

Counts come from SQL GROUP BY (desktop.services.evaluation_list); the member list is
streamed in chunks into a StreamedTable, one page of rows in memory at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.evaluations import RATINGS_BEST_FIRST, Rating
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.numbers import number, percent
from desktop.reports.tables import Align, Column, RowKind, StreamedTable, TableRow
from desktop.services.errors import OperationCancelled
from desktop.services.evaluation_campaign import get_period
from desktop.services.evaluation_list import ResultsRow, members_by_rating, results_by_organization

NOT_DECIDED = "Chưa xếp loại"
# Printed names of the ratings (the UI's are in desktop.evaluation_texts, which needs Qt).
RATING_NAMES = {Rating.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ", Rating.GOOD: "Hoàn thành tốt nhiệm vụ",
                Rating.PASS: "Hoàn thành nhiệm vụ", Rating.FAIL: "Không hoàn thành nhiệm vụ"}


# Column titles short enough to wrap inside their column (the abbreviations do not).
_TITLES = {Rating.EXCELLENT: "Xuất sắc", Rating.GOOD: "Tốt", Rating.PASS: "Hoàn thành", Rating.FAIL: "Không HT"}


def _columns() -> list[Column]:
    columns = [Column("STT", 8 * mm, Align.CENTER), Column("Tổ chức", 34 * mm), Column("Tổng", 12 * mm, Align.RIGHT)]
    for rating in RATINGS_BEST_FIRST:
        columns += [Column(_TITLES[rating], 12 * mm, Align.RIGHT), Column("%", 11 * mm, Align.RIGHT)]
    columns.append(Column("Chưa xếp loại", 14 * mm, Align.RIGHT))
    return columns


def _figures(counts: dict[Rating | None, int]) -> list[str]:
    total = sum(counts.values())
    decided = total - counts.get(None, 0)
    cells = [number(total)]
    for rating in RATINGS_BEST_FIRST:
        cells += [number(counts.get(rating, 0)), percent(counts.get(rating, 0), decided)]
    cells.append(number(counts.get(None, 0)))
    return cells


def _result_rows(rows: list[ResultsRow], total: ResultsRow, members: bool) -> Iterator[TableRow]:
    for index, row in enumerate(rows, start=1):
        yield TableRow.data(str(index), row.name, *_figures(row.members if members else row.organizations))
    yield TableRow(RowKind.SUM, ("", "Tổng cộng", *_figures(total.members if members else total.organizations)))


def _summary(total: ResultsRow) -> str:
    labels = RATING_NAMES
    decided = total.member_total - total.members.get(None, 0)
    parts = [f"{labels[r]}: {number(total.members.get(r, 0))} ({percent(total.members.get(r, 0), decided)}%)"
             for r in RATINGS_BEST_FIRST]
    return (f"Tổng số đảng viên được đánh giá: {number(total.member_total)}, đã xếp loại {number(decided)}. "
            + "; ".join(parts) + ".")


def write_evaluation_results(
    database: Database, request: ReportRequest, out_path: Path, *, issue_date: dt.date,
    progress: Callable[[int, int], None] | None = None, is_cancelled: Callable[[], bool] | None = None,
) -> BuiltDocument:
    assert request.record_id is not None
    period = get_period(database, request.record_id)
    rows, total = results_by_organization(database, period.id, request.organization_id)
    parts = issued_parts(database, request.organization_id, issue_date, kind_code="BC")
    styles = document_styles(parts.style)
    body = [
        Paragraph(escape(_summary(total)), styles.body),
        CondPageBreak(40 * mm), Paragraph("I. Xếp loại đảng viên", styles.heading),
        StreamedTable(styles, _columns(), _result_rows(rows, total, members=True)),
        CondPageBreak(40 * mm), Paragraph("II. Xếp loại tổ chức đảng", styles.heading),
        StreamedTable(styles, _columns(), _result_rows(rows, total, members=False)),
        Paragraph(escape("Tỷ lệ phần trăm tính trên số đã xếp loại. Xuất sắc: Hoàn thành xuất sắc nhiệm vụ; Tốt: "
                         "Hoàn thành tốt nhiệm vụ; Hoàn thành: Hoàn thành nhiệm vụ; Không HT: Không hoàn thành "
                         "nhiệm vụ."), styles.body),
    ]
    info = DocumentInfo(
        kind_title="Báo cáo", abstract=f"Kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm "
                                       f"{period.year}",
        abstract_note=f"({total.name}; số liệu đến ngày {format_date(issue_date)})",
        author=parts.issuer.issuer_name, subject=f"Kết quả xếp loại năm {period.year} {total.name}")
    return build_document(out_path, styles, parts.header, info, body, parts.closing)


_LIST_COLUMNS = (("STT", 10, Align.CENTER), ("Họ và tên", 45, Align.LEFT), ("Ngày sinh", 20, Align.CENTER),
                 ("Chi bộ", 55, Align.LEFT), ("Quyết định", 30, Align.LEFT))


def _member_rows(database: Database, period_id: int, organization_id: int,
                 is_cancelled: Callable[[], bool] | None,
                 progress: Callable[[int, int], None] | None) -> Iterator[TableRow]:
    labels = RATING_NAMES
    current: object = object()
    index = count = 0
    for member in members_by_rating(database, period_id, organization_id):
        if member.rating != current:
            if count:
                yield TableRow.spanning(RowKind.SUBTOTAL, f"Cộng: {number(count)} đảng viên")
            current, index, count = member.rating, 0, 0
            yield TableRow.spanning(RowKind.GROUP, labels[member.rating] if member.rating else NOT_DECIDED)
        index += 1
        count += 1
        if index % 500 == 0:
            if is_cancelled is not None and is_cancelled():
                raise OperationCancelled()
            if progress is not None:
                progress(index, 0)
        yield TableRow.data(str(index), member.full_name, format_date(member.date_of_birth, member.dob_precision),
                            member.cell_name, member.decision_number or "")
    if count:
        yield TableRow.spanning(RowKind.SUBTOTAL, f"Cộng: {number(count)} đảng viên")
    else:
        yield TableRow.spanning(RowKind.TOTAL, "Không có đảng viên nào trong đợt đánh giá.")


def write_members_by_rating(
    database: Database, request: ReportRequest, out_path: Path, *, issue_date: dt.date,
    progress: Callable[[int, int], None] | None = None, is_cancelled: Callable[[], bool] | None = None,
) -> BuiltDocument:
    assert request.record_id is not None
    period = get_period(database, request.record_id)
    _rows, total = results_by_organization(database, period.id, request.organization_id)
    parts = issued_parts(database, request.organization_id, issue_date, kind_code=None)
    styles = document_styles(parts.style)
    columns = [Column(title, width * mm, align) for title, width, align in _LIST_COLUMNS]
    table = StreamedTable(styles, columns, _member_rows(database, period.id, request.organization_id,
                                                        is_cancelled, progress))
    info = DocumentInfo(
        kind_title="Danh sách", abstract=f"Đảng viên theo mức xếp loại chất lượng năm {period.year}",
        abstract_note=f"({total.name}: {number(total.member_total)} đảng viên)",
        author=parts.issuer.issuer_name, subject=f"Danh sách xếp loại năm {period.year} {total.name}")
    return build_document(out_path, styles, parts.header, info, [table], parts.closing)
