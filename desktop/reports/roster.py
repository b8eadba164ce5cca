"""Danh sách đảng viên: the members of an organisation subtree on a date, grouped by cell,
with a subtotal per cell and the grand total; the column header is repeated on every page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from reportlab.lib.units import mm

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.enums import Gender
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.numbers import number
from desktop.reports.tables import Align, Column, RowKind, StreamedTable, TableRow
from desktop.services.member_roster import RosterCell, iter_roster, roster_size
from desktop.services.organizations import organization_summary

# Column widths in mm; they fill the 160 mm of text between the §7.1 margins.
_COLUMNS = (
    ("STT", 11, Align.CENTER),
    ("Họ và tên", 45, Align.LEFT),
    ("Ngày sinh", 21, Align.CENTER),
    ("Giới tính", 14, Align.CENTER),
    ("Ngày vào Đảng", 21, Align.CENTER),
    ("Ngày chính thức", 21, Align.CENTER),
    ("Số thẻ đảng viên", 27, Align.CENTER),
)
_OFFICIAL_COLUMN = 5
PROBATIONARY_MARK = "dự bị"
_GENDERS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ"}


def _count_text(total: int, official: int) -> str:
    return f"{number(total)} đảng viên ({number(official)} chính thức, {number(total - official)} dự bị)"


def _group_title(cell: RosterCell) -> str:
    if not cell.path_names:
        return cell.name
    return f"{cell.name} ({' – '.join(reversed(cell.path_names))})"


def _rows(
    cells: Iterator[RosterCell], as_of: dt.date, total: int,
    progress: Callable[[int, int], None] | None,
) -> Iterator[TableRow]:
    listed = official_total = cell_count = 0
    for cell in cells:
        cell_count += 1
        yield TableRow.spanning(RowKind.GROUP, _group_title(cell))
        for member in cell.members:
            listed += 1
            official = format_date(member.official_date) if member.official_date else PROBATIONARY_MARK
            yield TableRow.data(
                str(listed),
                member.full_name,
                format_date(member.date_of_birth, member.dob_precision),
                _GENDERS[member.gender],
                format_date(member.admission_date),
                official,
                member.party_card_number or "",
                italic=() if member.official_date else (_OFFICIAL_COLUMN,),
            )
        official_total += cell.official_count
        yield TableRow.spanning(
            RowKind.SUBTOTAL, f"Cộng: {_count_text(len(cell.members), cell.official_count)}"
        )
        if progress is not None:
            progress(listed, total)
    if listed == 0:
        yield TableRow.spanning(
            RowKind.TOTAL, f"Không có đảng viên nào tại ngày {format_date(as_of)}."
        )
        return
    yield TableRow.spanning(
        RowKind.TOTAL,
        f"Tổng cộng: {_count_text(listed, official_total)} trong {number(cell_count)} chi bộ",
    )


def write_roster(
    database: Database,
    request: ReportRequest,
    out_path: Path,
    *,
    issue_date: dt.date,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> BuiltDocument:
    organization_id, as_of = request.organization_id, request.as_of
    organization = organization_summary(database, organization_id)
    parts = issued_parts(database, organization_id, issue_date, kind_code=None)
    styles = document_styles(parts.style)
    total = roster_size(database, organization_id, as_of)
    if progress is not None:
        progress(0, total)
    columns = [Column(title, width * mm, align) for title, width, align in _COLUMNS]
    cells = iter_roster(database, organization_id, as_of, is_cancelled=is_cancelled)
    table = StreamedTable(styles, columns, _rows(cells, as_of, total, progress))
    info = DocumentInfo(
        kind_title="Danh sách đảng viên",
        abstract=organization.name,
        abstract_note=f"(Tính đến ngày {format_date(as_of)})",
        author=parts.issuer.issuer_name,
        subject=f"Danh sách đảng viên {organization.name}",
    )
    return build_document(out_path, styles, parts.header, info, [table], parts.closing)
