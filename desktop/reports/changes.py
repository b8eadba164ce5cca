"""Báo cáo biến động đảng viên: the entries, recognitions and exits of a period by subordinate
organisation (counts and totals), then the list of every change with its decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.enums import MemberEventKind
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.numbers import number
from desktop.reports.style import Styles
from desktop.reports.tables import Align, Column, RowKind, StreamedTable, TableRow
from desktop.services.errors import OperationCancelled
from desktop.services.member_changes import (
    DECREASES,
    INCREASES,
    ChangeCounts,
    ChangeEntry,
    MemberChanges,
    member_change_entries,
    member_changes,
)

# Short column titles of the counts table, in CHANGE_KINDS order.
KIND_TITLES = {
    MemberEventKind.ADMITTED: "Kết nạp",
    MemberEventKind.TRANSFER_OFFICIAL_IN: "Chuyển đến",
    MemberEventKind.REINSTATED: "Phục hồi",
    MemberEventKind.RECOGNISED_FULL: "Công nhận chính thức",
    MemberEventKind.TRANSFER_OFFICIAL_OUT: "Chuyển đi",
    MemberEventKind.DECEASED: "Từ trần",
    MemberEventKind.REMOVED: "Xóa tên",
    MemberEventKind.LEFT_ON_REQUEST: "Ra khỏi Đảng",
    MemberEventKind.EXPELLED: "Khai trừ",
}


def _counts_table(styles: Styles, changes: MemberChanges, kinds: Sequence[MemberEventKind],
                  sum_title: str, summed: Callable[[ChangeCounts], int], extra: Sequence[MemberEventKind] = ()) -> Flowable:
    """One table of counts by organisation: `kinds`, their sum, then the `extra` kinds."""
    width = (160 - 9 - 47) / (len(kinds) + 1 + len(extra))
    columns = [Column("STT", 9 * mm, Align.CENTER), Column("Tổ chức đảng", 47 * mm)]
    columns += [Column(KIND_TITLES[kind], width * mm, Align.RIGHT) for kind in kinds]
    columns.append(Column(sum_title, width * mm, Align.RIGHT))
    columns += [Column(KIND_TITLES[kind], width * mm, Align.RIGHT) for kind in extra]

    def cells(row: ChangeCounts) -> tuple[str, ...]:
        return (*(number(row.counts[kind]) for kind in kinds), number(summed(row)),
                *(number(row.counts[kind]) for kind in extra))

    rows = [TableRow.data(str(index), row.name, *cells(row)) for index, row in enumerate(changes.rows, start=1)]
    rows.append(TableRow(RowKind.SUM, ("", "Tổng cộng", *cells(changes.total))))
    return StreamedTable(styles, columns, iter(rows))


def _entry_rows(entries: Iterator[ChangeEntry], is_cancelled: Callable[[], bool] | None) -> Iterator[TableRow]:
    count = 0
    for count, entry in enumerate(entries, start=1):
        if is_cancelled is not None and count % 500 == 0 and is_cancelled():
            raise OperationCancelled()
        reason = "; ".join(part for part in (entry.counterpart, entry.note) if part)
        yield TableRow.data(str(count), format_date(entry.effective_date), KIND_TITLES[entry.kind],
                            entry.full_name, format_date(entry.date_of_birth), entry.cell_name,
                            entry.decision_text, reason)
    if count == 0:
        yield TableRow.spanning(RowKind.TOTAL, "Không có biến động nào trong kỳ.")


def _entries_table(styles: Styles, entries: Iterator[ChangeEntry],
                   is_cancelled: Callable[[], bool] | None) -> Flowable:
    columns = [
        Column("STT", 8 * mm, Align.CENTER), Column("Ngày", 17 * mm, Align.CENTER), Column("Biến động", 21 * mm),
        Column("Họ và tên", 30 * mm), Column("Ngày sinh", 17 * mm, Align.CENTER), Column("Chi bộ", 26 * mm),
        Column("Quyết định", 21 * mm), Column("Nơi đi, đến; lý do", 20 * mm),
    ]
    return StreamedTable(styles, columns, _entry_rows(entries, is_cancelled))


def _heading(styles: Styles, text: str) -> list[Flowable]:
    return [CondPageBreak(50 * mm), Paragraph(escape(text), styles.heading)]


def _summary(styles: Styles, changes: MemberChanges) -> Paragraph:
    total = changes.total
    text = (
        f"Từ ngày {format_date(changes.start)} đến ngày {format_date(changes.end)}, {changes.organization_name} "
        f"kết nạp {number(total.counts[MemberEventKind.ADMITTED])} đảng viên, tiếp nhận "
        f"{number(total.counts[MemberEventKind.TRANSFER_OFFICIAL_IN])} đảng viên chuyển đến, công nhận "
        f"{number(total.counts[MemberEventKind.RECOGNISED_FULL])} đảng viên chính thức; giảm "
        f"{number(total.decrease)} đảng viên (chuyển đi {number(total.counts[MemberEventKind.TRANSFER_OFFICIAL_OUT])}"
        f", từ trần {number(total.counts[MemberEventKind.DECEASED])}, xóa tên "
        f"{number(total.counts[MemberEventKind.REMOVED])}, ra khỏi Đảng "
        f"{number(total.counts[MemberEventKind.LEFT_ON_REQUEST])}, khai trừ "
        f"{number(total.counts[MemberEventKind.EXPELLED])})."
    )
    return Paragraph(escape(text), styles.body)


def write_changes(
    database: Database,
    request: ReportRequest,
    out_path: Path,
    *,
    issue_date: dt.date,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> BuiltDocument:
    start, end = request.period_start or request.as_of.replace(month=1, day=1), request.as_of
    changes = member_changes(database, request.organization_id, start, end)
    parts = issued_parts(database, request.organization_id, issue_date, kind_code="BC")
    styles = document_styles(parts.style)
    info = DocumentInfo(
        kind_title="Báo cáo",
        abstract="biến động đảng viên",
        abstract_note=f"(Từ ngày {format_date(start)} đến ngày {format_date(end)})",
        author=parts.issuer.issuer_name,
        subject=f"Biến động đảng viên {changes.organization_name}",
    )
    entries = member_change_entries(database, request.organization_id, start, end)
    body: list[Flowable] = [_summary(styles, changes)]
    body += _heading(styles, "1. Đảng viên tăng và đảng viên được công nhận chính thức")
    body.append(_counts_table(styles, changes, INCREASES, "Tổng tăng", lambda row: row.increase,
                              extra=(MemberEventKind.RECOGNISED_FULL,)))
    body += _heading(styles, "2. Đảng viên giảm")
    body.append(_counts_table(styles, changes, DECREASES, "Tổng giảm", lambda row: row.decrease))
    body += _heading(styles, "3. Danh sách đảng viên biến động")
    body.append(_entries_table(styles, entries, is_cancelled))
    return build_document(out_path, styles, parts.header, info, body, parts.closing)
