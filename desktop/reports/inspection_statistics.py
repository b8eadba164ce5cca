"""Báo cáo thống kê công tác kiểm tra, giám sát và thi hành kỷ luật for a period (§6, §8):
cases by kind, discipline by form, letters by kind and handling — three small tables of
figures counted with SQL GROUP BY (desktop.services.inspection_statistics)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph, Spacer

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.discipline import DisciplineForm
from desktop.models.letters import LetterKind
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.inspection_documents import CASE_KIND_NAMES
from desktop.reports.issuing import issued_parts
from desktop.reports.numbers import number
from desktop.reports.tables import Align, Column, RowKind, TableRow, fixed_table
from desktop.services.inspection_statistics import inspection_statistics

TITLE = "Thống kê công tác kiểm tra, giám sát và thi hành kỷ luật đảng"
FORM_TITLES = {
    DisciplineForm.REPRIMAND: "Khiển trách", DisciplineForm.WARNING: "Cảnh cáo",
    DisciplineForm.DISMISSAL: "Cách chức", DisciplineForm.EXPULSION: "Khai trừ",
    DisciplineForm.DISSOLUTION: "Giải tán",
}
LETTER_TITLES = {LetterKind.DENUNCIATION: "Tố cáo", LetterKind.COMPLAINT: "Khiếu nại",
                 LetterKind.PETITION: "Kiến nghị, phản ánh"}


def write_inspection_statistics(database: Database, request: ReportRequest, out_path: Path, *,
                                issue_date: dt.date, progress=None,
                                is_cancelled=None) -> BuiltDocument:  # type: ignore[no-untyped-def]
    first = request.period_start or request.as_of.replace(month=1, day=1)
    figures = inspection_statistics(database, request.organization_id, first, request.as_of)
    parts = issued_parts(database, request.organization_id, issue_date, "BC")
    styles = document_styles(parts.style)
    width = styles.document.text_width
    body: list[Flowable] = [Paragraph("<b>1. Kiểm tra, giám sát</b>", styles.body)]
    columns = [Column("Loại việc", width * 0.55), Column("Tiến hành", width * 0.15, Align.RIGHT),
               Column("Kết luận", width * 0.15, Align.RIGHT), Column("Có vi phạm", width * 0.15, Align.RIGHT)]
    rows = [TableRow.data(CASE_KIND_NAMES[k.kind].capitalize(), number(k.opened), number(k.concluded),
                          number(k.with_violation)) for k in figures.kinds]
    rows.append(TableRow(RowKind.SUM, ("Cộng", number(sum(k.opened for k in figures.kinds)),
                                         number(sum(k.concluded for k in figures.kinds)),
                                         number(sum(k.with_violation for k in figures.kinds)))))
    body += [fixed_table(styles, columns, rows), Spacer(1, 6), Paragraph("<b>2. Thi hành kỷ luật</b>", styles.body)]
    columns = [Column("Hình thức", width * 0.5), Column("Đảng viên", width * 0.25, Align.RIGHT),
               Column("Tổ chức đảng", width * 0.25, Align.RIGHT)]
    rows = [TableRow.data(FORM_TITLES[f.form], number(f.members), number(f.organizations)) for f in figures.forms]
    rows.append(TableRow(RowKind.SUM, ("Cộng", number(sum(f.members for f in figures.forms)),
                                         number(sum(f.organizations for f in figures.forms)))))
    body += [fixed_table(styles, columns, rows), Spacer(1, 6), Paragraph("<b>3. Đơn thư</b>", styles.body)]
    columns = [Column("Loại đơn", width * 0.3), Column("Tiếp nhận", width * 0.14, Align.RIGHT),
               Column("Không đủ điều kiện", width * 0.16, Align.RIGHT), Column("Thụ lý", width * 0.12, Align.RIGHT),
               Column("Đã xử lý", width * 0.14, Align.RIGHT), Column("Đang giải quyết", width * 0.14, Align.RIGHT)]
    rows = [TableRow.data(LETTER_TITLES[f.kind], number(f.received), number(f.not_eligible), number(f.case_opened),
                          number(f.answered), number(f.pending)) for f in figures.letters]
    body.append(fixed_table(styles, columns, rows))
    info = DocumentInfo(kind_title="Báo cáo", abstract=TITLE,
                        abstract_note=f"(Từ ngày {format_date(first)} đến ngày {format_date(request.as_of)})",
                        author=parts.issuer.issuer_name, subject=TITLE, keywords=("BC",))
    return build_document(Path(out_path), styles, parts.header, info, body, parts.closing)
