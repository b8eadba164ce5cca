"""The transfers list as a lazy table: SQL COUNT for the size, pages fetched on demand; overdue
rows in red (desktop.services.transfer_list does the filtering and the deadlines)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.transfers import TransferDirection
from desktop.services.transfer_list import (
    TransferListQuery,
    TransferRow,
    count_transfers,
    fetch_transfer_rows,
)
from desktop.transfer_texts import deadline_text, transfer_label
from desktop.ui.paged_table_model import ROW_ID_ROLE, PagedTableModel

_CONTEXT = "TransferTable"
TRANSFER_ID_ROLE = ROW_ID_ROLE
OVERDUE_COLOUR = QColor("#b00020")
OVERDUE_BACKGROUND = QColor("#fde7ea")

(COL_LETTER, COL_DATE, COL_NAME, COL_BIRTH, COL_KIND, COL_DIRECTION, COL_FROM, COL_TO, COL_STATE,
 COL_DUE, COL_LEFT) = range(11)


def _directions() -> dict[TransferDirection, str]:
    tr = QCoreApplication.translate
    return {
        TransferDirection.OUT: tr(_CONTEXT, "Chuyển đi"),
        TransferDirection.IN: tr(_CONTEXT, "Chuyển đến"),
        TransferDirection.INTERNAL: tr(_CONTEXT, "Giữa các chi bộ"),
    }


def column_titles() -> list[str]:
    tr = QCoreApplication.translate
    return [
        tr(_CONTEXT, "Số giấy giới thiệu"), tr(_CONTEXT, "Ngày"), tr(_CONTEXT, "Họ và tên"),
        tr(_CONTEXT, "Ngày sinh"), tr(_CONTEXT, "Hình thức"), tr(_CONTEXT, "Loại"), tr(_CONTEXT, "Nơi đi"),
        tr(_CONTEXT, "Nơi đến"), tr(_CONTEXT, "Tình trạng"), tr(_CONTEXT, "Hạn"),
        tr(_CONTEXT, "Còn lại"),
    ]


def _text(row: TransferRow, column: int) -> str:
    if column == COL_LETTER:
        return row.letter_number or ""
    if column == COL_DATE:
        return format_date(row.letter_date)
    if column == COL_NAME:
        return row.member_name
    if column == COL_BIRTH:
        return row.birth_text
    if column == COL_KIND:
        return transfer_label(row.kind)
    if column == COL_DIRECTION:
        return _directions()[row.direction]
    if column == COL_FROM:
        return row.from_name
    if column == COL_TO:
        return row.to_name
    if column == COL_STATE:
        return transfer_label(row.state)
    if column == COL_DUE:
        return format_date(row.due)
    if column == COL_LEFT:
        return deadline_text(row.days_left)
    return ""


class TransferTableModel(PagedTableModel):
    def __init__(self, database: Database, query: TransferListQuery | None = None, page_size: int = 200,
                 max_pages: int = 20, parent: Any = None) -> None:
        self._database = database
        super().__init__(column_titles(), query or TransferListQuery(), page_size, max_pages, parent)

    def count_rows(self, query: TransferListQuery) -> int:
        return count_transfers(self._database, query)

    def fetch_rows(self, query: TransferListQuery, offset: int, limit: int) -> list[TransferRow]:
        return fetch_transfer_rows(self._database, query, offset, limit)

    def cell_text(self, row: TransferRow, column: int) -> str:
        return _text(row, column)

    def cell_brush(self, row: TransferRow, column: int, background: bool) -> QBrush | None:
        if not row.overdue:
            return None
        return QBrush(OVERDUE_BACKGROUND if background else OVERDUE_COLOUR)
