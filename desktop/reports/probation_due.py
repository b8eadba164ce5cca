"""Danh sách đảng viên dự bị đến hạn xét công nhận chính thức: the probationary members of an
organisation subtree whose probation ends by the chosen date or has ended, with the end of
probation, the cell's deadline in working days and where each stands (R-MEM-2, §3.3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from reportlab.lib.units import mm

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.numbers import number
from desktop.reports.tables import Align, Column, RowKind, StreamedTable, TableRow
from desktop.services.organizations import organization_summary
from desktop.services.probation import ProbationDueRow, ProbationState, probation_due

_COLUMNS = (
    ("STT", 9, Align.CENTER), ("Họ và tên", 34, Align.LEFT), ("Ngày sinh", 17, Align.CENTER),
    ("Chi bộ", 30, Align.LEFT), ("Ngày vào Đảng", 17, Align.CENTER), ("Hết dự bị", 17, Align.CENTER),
    ("Hạn chi bộ xét", 17, Align.CENTER), ("Tình trạng", 19, Align.LEFT),
)


def state_text(row: ProbationDueRow) -> str:
    if row.state is ProbationState.UPCOMING:
        return f"Còn {row.days_to_end} ngày"
    if row.state is ProbationState.DUE:
        return f"Đến hạn, còn {row.working_days_left} ngày làm việc"
    return f"Quá hạn {-row.working_days_left} ngày làm việc"


def _rows(due: Sequence[ProbationDueRow]) -> Iterator[TableRow]:
    for index, row in enumerate(due, start=1):
        overdue = row.state is ProbationState.OVERDUE
        yield TableRow.data(
            str(index), row.full_name, format_date(row.date_of_birth, row.dob_precision), row.cell_name,
            format_date(row.admission_date), format_date(row.probation_end), format_date(row.cell_deadline),
            state_text(row), italic=(7,) if overdue else (),
        )
    if not due:
        yield TableRow.spanning(RowKind.TOTAL, "Không có đảng viên dự bị nào đến hạn.")
        return
    overdue = sum(1 for row in due if row.state is ProbationState.OVERDUE)
    yield TableRow.spanning(RowKind.TOTAL, f"Tổng cộng: {number(len(due))} đảng viên dự bị, "
                                           f"trong đó {number(overdue)} quá hạn chi bộ xét")


def write_probation_due(
    database: Database,
    request: ReportRequest,
    out_path: Path,
    *,
    issue_date: dt.date,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> BuiltDocument:
    organization = organization_summary(database, request.organization_id)
    within = max(0, (request.as_of - issue_date).days)
    due = probation_due(database, request.organization_id, within, today=issue_date)
    parts = issued_parts(database, request.organization_id, issue_date, kind_code=None)
    styles = document_styles(parts.style)
    columns = [Column(title, width * mm, align) for title, width, align in _COLUMNS]
    table = StreamedTable(styles, columns, _rows(due))
    deadline_days = due[0].deadline_days if due else None
    note = f"(Hết thời gian dự bị đến ngày {format_date(max(request.as_of, issue_date))}"
    note += f"; chi bộ xét trong {deadline_days} ngày làm việc)" if deadline_days else ")"
    info = DocumentInfo(
        kind_title="Danh sách đảng viên dự bị đến hạn xét công nhận chính thức",
        abstract=organization.name,
        abstract_note=note,
        author=parts.issuer.issuer_name,
        subject=f"Đảng viên dự bị đến hạn {organization.name}",
    )
    return build_document(out_path, styles, parts.header, info, [table], parts.closing)
