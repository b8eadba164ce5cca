"""Báo cáo kết quả học tập, quán triệt: for one document and an organisation subtree, each
cell's members, how many studied it and the share, then the members who have not yet
studied it (streamed in pages: a big committee has thousands)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph, Spacer

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.problems import Problem, ProblemCode
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.tables import Align, Column, RowKind, StreamedTable, TableRow
from desktop.services.errors import OperationCancelled, ValidationFailed
from desktop.services.study_completion import members_not_studied, study_completion

_PAGE = 500


def write_study_completion(database: Database, request: ReportRequest, out_path: Path, *, issue_date: dt.date,
                           progress=None, is_cancelled=None) -> BuiltDocument:  # type: ignore[no-untyped-def]
    if request.record_id is None:
        raise ValidationFailed([Problem("record_id", ProblemCode.REQUIRED)])
    summary = study_completion(database, request.record_id, request.organization_id)
    parts = issued_parts(database, request.organization_id, issue_date, "BC")
    styles = document_styles(parts.style)
    width = styles.document.text_width
    body: list[Flowable] = [Paragraph(
        f"Tổng số đảng viên phải học tập: {summary.expected}; đã học tập, quán triệt: {summary.studied} "
        f"({summary.percent}%); chưa học tập: {summary.expected - summary.studied} "
        f"(tính đến ngày {format_date(request.as_of)}).", styles.body)]
    cell_columns = [Column("STT", width * 0.07, Align.CENTER), Column("Chi bộ", width * 0.45),
                    Column("Số đảng viên", width * 0.12, Align.RIGHT), Column("Đã học", width * 0.12, Align.RIGHT),
                    Column("Chưa học", width * 0.12, Align.RIGHT), Column("Tỷ lệ", width * 0.12, Align.RIGHT)]

    def cell_rows() -> Iterator[TableRow]:
        for number, cell in enumerate(summary.cells, start=1):
            yield TableRow.data(str(number), cell.name, str(cell.expected), str(cell.studied), str(cell.missing),
                                f"{cell.percent}%")
        yield TableRow(RowKind.SUM, ("", "Tổng cộng", str(summary.expected), str(summary.studied),
                                     str(summary.expected - summary.studied), f"{summary.percent}%"))

    body.append(StreamedTable(styles, cell_columns, cell_rows()))
    body += [Spacer(1, 8), Paragraph("Danh sách đảng viên chưa học tập, quán triệt:", styles.body)]
    member_columns = [Column("STT", width * 0.08, Align.CENTER), Column("Họ và tên", width * 0.42),
                      Column("Chi bộ", width * 0.5)]
    missing_total = summary.expected - summary.studied

    def member_rows() -> Iterator[TableRow]:
        if missing_total == 0:
            yield TableRow.spanning(RowKind.TOTAL, "Mọi đảng viên đã học tập, quán triệt văn bản.")
            return
        offset = 0
        while True:
            page = members_not_studied(database, summary.document_id, request.organization_id, offset, _PAGE)
            for number, member in enumerate(page, start=offset + 1):
                yield TableRow.data(str(number), member.full_name, member.cell_name)
            offset += len(page)
            if progress is not None:
                progress(offset, missing_total)
            if is_cancelled is not None and is_cancelled():
                raise OperationCancelled()
            if len(page) < _PAGE:
                return

    body.append(StreamedTable(styles, member_columns, member_rows()))
    info = DocumentInfo(kind_title="Báo cáo", abstract="Kết quả học tập, quán triệt",
                        abstract_note=f"(Văn bản số {summary.document_number} {summary.document_abstract})",
                        author=parts.issuer.issuer_name, subject="Kết quả học tập, quán triệt", keywords=("BC",))
    return build_document(Path(out_path), styles, parts.header, info, body, parts.closing)
