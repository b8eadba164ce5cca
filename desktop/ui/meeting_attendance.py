"""The attendance list of the meeting form: every member expected on the meeting date, one
key per status so a clerk calls the roll without the mouse (C có mặt, L vắng có lý do,
K vắng không lý do, M miễn sinh hoạt, T sinh hoạt tạm thời nơi khác; or 1–5), and the totals
with the quorum the rule table sets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.meeting_texts import meeting_label
from desktop.models.meeting_rules import AttendanceLine, RosterEntry, Share, attendance_totals
from desktop.models.meetings import AttendanceStatus

_CONTEXT = "MeetingAttendance"
COL_NAME, COL_STANDING, COL_STATUS, COL_REASON = range(4)
_ABSENT_COLOUR = QColor("#b00020")
_OUT_COLOUR = QColor("#666666")

# The keys of the roll call, in the order of the buttons.
STATUS_KEYS: tuple[tuple[AttendanceStatus, tuple[Qt.Key, ...], str], ...] = (
    (AttendanceStatus.PRESENT, (Qt.Key.Key_C, Qt.Key.Key_1), "C"),
    (AttendanceStatus.ABSENT_EXCUSED, (Qt.Key.Key_L, Qt.Key.Key_2), "L"),
    (AttendanceStatus.ABSENT_UNEXCUSED, (Qt.Key.Key_K, Qt.Key.Key_3), "K"),
    (AttendanceStatus.EXEMPTED, (Qt.Key.Key_M, Qt.Key.Key_4), "M"),
    (AttendanceStatus.AWAY_TEMPORARY, (Qt.Key.Key_T, Qt.Key.Key_5), "T"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class AttendanceEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[RosterEntry] = []
        self._statuses: list[AttendanceStatus] = []
        self._quorum: Share | None = None
        self._read_only = False
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([_tr("Họ và tên"), _tr("Đảng viên"), _tr("Điểm danh"),
                                              _tr("Lý do vắng")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(COL_NAME, 220)
        self.table.setColumnWidth(COL_STANDING, 100)
        self.table.setColumnWidth(COL_STATUS, 190)
        self.table.installEventFilter(self)
        self.table.itemChanged.connect(self._on_item_changed)
        self.status_buttons: dict[AttendanceStatus, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(_tr("Ghi cho các dòng đã chọn:"), self))
        for status, _keys, letter in STATUS_KEYS:
            button = QPushButton(f"{meeting_label(status)} ({letter})", self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, chosen=status: self.set_selected(chosen))
            buttons.addWidget(button)
            self.status_buttons[status] = button
        buttons.addStretch(1)
        self.totals = QLabel(self)
        self.totals.setWordWrap(True)
        hint = QLabel(_tr("Chọn dòng rồi gõ phím C, L, K, M, T (hoặc 1–5) để điểm danh và sang dòng sau; "
                          "F2 để ghi lý do vắng."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)

    # -- filling --------------------------------------------------------------------------

    def set_roster(self, entries: list[RosterEntry], recorded: dict[int, AttendanceLine] | None = None) -> None:
        """List `entries`; a member with a recorded line keeps its status and reason."""
        recorded = recorded or {}
        self._entries = list(entries)
        self._statuses = [recorded[e.member_id].status if e.member_id in recorded else e.default_status
                          for e in entries]
        self.table.blockSignals(True)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            line = recorded.get(entry.member_id)
            for column, text in ((COL_NAME, entry.full_name),
                                 (COL_STANDING, _tr("Chính thức") if entry.official else _tr("Dự bị")),
                                 (COL_STATUS, ""), (COL_REASON, (line.reason if line else None) or "")):
                item = QTableWidgetItem(text)
                if column != COL_REASON or self._read_only:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
            self._show_status(row)
        self.table.blockSignals(False)
        if entries:
            self.table.setCurrentCell(0, COL_STATUS)
        self._update_totals()

    def set_quorum(self, quorum: Share | None) -> None:
        self._quorum = quorum
        self._update_totals()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for button in self.status_buttons.values():
            button.setEnabled(not read_only)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else
                                   QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)

    # -- reading --------------------------------------------------------------------------

    def entries(self) -> list[RosterEntry]:
        return list(self._entries)

    def lines(self) -> tuple[AttendanceLine, ...]:
        result = []
        for row, entry in enumerate(self._entries):
            item = self.table.item(row, COL_REASON)
            reason = item.text().strip() if item is not None else ""
            result.append(AttendanceLine(entry.member_id, self._statuses[row], reason or None))
        return tuple(result)

    def present_ids(self) -> set[int]:
        return {e.member_id for e, s in zip(self._entries, self._statuses, strict=True)
                if s is AttendanceStatus.PRESENT}

    # -- editing --------------------------------------------------------------------------

    def set_status(self, row: int, status: AttendanceStatus) -> None:
        if self._read_only or not 0 <= row < len(self._entries) or self._statuses[row] is status:
            return
        self._statuses[row] = status
        self._show_status(row)
        self._update_totals()
        self.changed.emit()

    def set_selected(self, status: AttendanceStatus) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.set_status(row, status)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and not self._read_only and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                  Qt.KeyboardModifier.KeypadModifier):
            key = event.key()
            for status, keys, _letter in STATUS_KEYS:
                if key in keys and self.table.state() != QAbstractItemView.State.EditingState:
                    row = self.table.currentRow()
                    self.set_status(row, status)
                    if status is AttendanceStatus.ABSENT_EXCUSED:
                        # The reason is required: straight into its cell.
                        self.table.setCurrentCell(row, COL_REASON)
                        self.table.editItem(self.table.item(row, COL_REASON))
                    elif row + 1 < self.table.rowCount():
                        self.table.setCurrentCell(row + 1, COL_STATUS)
                    return True
        return super().eventFilter(watched, event)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == COL_REASON:
            self.changed.emit()

    def _show_status(self, row: int) -> None:
        status = self._statuses[row]
        item = self.table.item(row, COL_STATUS)
        if item is None:
            return
        blocked = self.table.blockSignals(True)
        item.setText(meeting_label(status))
        if status in (AttendanceStatus.ABSENT_EXCUSED, AttendanceStatus.ABSENT_UNEXCUSED):
            item.setForeground(QBrush(_ABSENT_COLOUR))
        elif not status.is_expected:
            item.setForeground(QBrush(_OUT_COLOUR))
        else:
            item.setForeground(QBrush())
        self.table.blockSignals(blocked)

    def _update_totals(self) -> None:
        official_of = {e.member_id: e.official for e in self._entries}
        totals = attendance_totals(self.lines(), official_of)
        text = _tr("Danh sách {total} đồng chí (chính thức {official}, dự bị {probationary}); có mặt {present}, "
                   "vắng có lý do {excused}, vắng không lý do {unexcused}, miễn sinh hoạt {exempted}, "
                   "sinh hoạt tạm thời nơi khác {away}.").format(
            total=totals.total, official=totals.official, probationary=totals.probationary,
            present=totals.present, excused=totals.absent_excused, unexcused=totals.absent_unexcused,
            exempted=totals.exempted, away=totals.away)
        if self._quorum is not None and totals.official_base:
            needed = self._quorum.needed(totals.official_base)
            if self._quorum.reached(totals.present_official, totals.official_base):
                text += " " + _tr("Đủ số lượng: {present}/{base} đảng viên chính thức có mặt.").format(
                    present=totals.present_official, base=totals.official_base)
                self.totals.setStyleSheet("")
            else:
                text += " " + _tr("Chưa đủ số lượng: {present}/{base} đảng viên chính thức có mặt, "
                                  "cần ít nhất {needed}.").format(
                    present=totals.present_official, base=totals.official_base, needed=needed)
                self.totals.setStyleSheet("color: #b00020;")
        self.totals.setText(text)
