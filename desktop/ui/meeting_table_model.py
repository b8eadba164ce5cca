"""The meetings of an organisation subtree as a lazy table (desktop.ui.paged_table_model;
desktop.services.meeting_records does the filtering and the scope)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.db.database import Database
from desktop.meeting_texts import meeting_label
from desktop.models.dates import format_date
from desktop.models.meetings import MeetingState
from desktop.services.meeting_records import (
    MeetingListQuery,
    MeetingRow,
    count_meetings,
    fetch_meeting_rows,
)
from desktop.ui.paged_table_model import ROW_ID_ROLE, PagedTableModel

_CONTEXT = "MeetingTable"
MEETING_ID_ROLE = ROW_ID_ROLE
DRAFT_COLOUR = QColor("#7a5a00")

COL_DATE, COL_ORGANIZATION, COL_KIND, COL_TOPIC, COL_ATTENDANCE, COL_STATE = range(6)


def column_titles() -> list[str]:
    tr = QCoreApplication.translate
    return [tr(_CONTEXT, "Ngày họp"), tr(_CONTEXT, "Tổ chức"), tr(_CONTEXT, "Loại cuộc họp"),
            tr(_CONTEXT, "Chủ đề, chuyên đề"), tr(_CONTEXT, "Có mặt"), tr(_CONTEXT, "Tình trạng")]


def _kind_text(row: MeetingRow) -> str:
    text = meeting_label(row.kind)
    if row.includes_thematic:
        text += QCoreApplication.translate(_CONTEXT, " (kết hợp chuyên đề)")
    return text


def _text(row: MeetingRow, column: int) -> str:
    if column == COL_DATE:
        return format_date(row.meeting_date)
    if column == COL_ORGANIZATION:
        return row.organization_name
    if column == COL_KIND:
        return _kind_text(row)
    if column == COL_TOPIC:
        return row.topic or ""
    if column == COL_ATTENDANCE:
        # Counted when the minutes are finalised; a draft shows nothing rather than a guess.
        return f"{row.present_count}/{row.expected_count}" if row.expected_count is not None else ""
    if column == COL_STATE:
        return meeting_label(row.state)
    return ""


class MeetingTableModel(PagedTableModel):
    def __init__(self, database: Database, query: MeetingListQuery | None = None, parent: Any = None) -> None:
        self._database = database
        super().__init__(column_titles(), query, parent=parent)

    def count_rows(self, query: MeetingListQuery) -> int:
        return count_meetings(self._database, query)

    def fetch_rows(self, query: MeetingListQuery, offset: int, limit: int) -> list[MeetingRow]:
        return fetch_meeting_rows(self._database, query, offset, limit)

    def cell_text(self, row: MeetingRow, column: int) -> str:
        return _text(row, column)

    def cell_brush(self, row: MeetingRow, column: int, background: bool) -> QBrush | None:
        return QBrush(DRAFT_COLOUR) if row.state is MeetingState.DRAFT and not background else None

    def cell_alignment(self, row: MeetingRow, column: int) -> Qt.AlignmentFlag | None:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter if column == COL_ATTENDANCE else None
