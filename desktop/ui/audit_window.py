"""The "Nhật ký hệ thống" window: administrators browse, filter, check and export the trail.

Filters above (dates, user, action, record type), the entries newest first in a lazy table,
the selected entry's fields before and after below. "Kiểm tra tính toàn vẹn" recomputes the
hash chain in the background with a progress dialog; "Xuất CSV…" writes the filtered
entries to a file. Everything goes through desktop.services.audit (VIEW_AUDIT).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.audit_texts import (
    RECORD_TYPES,
    action_label,
    change_field_label,
    csv_header,
    record_text,
    record_type_label,
    value_text,
    verify_message,
)
from desktop.db.database import Database
from desktop.models.audit import AuditAction
from desktop.services.audit import (
    AuditQuery,
    VerifyCancelled,
    VerifyResult,
    audit_usernames,
    count_audit_entries,
    export_audit_csv,
    get_audit_entry,
    verify_chain,
)
from desktop.ui import dialogs
from desktop.ui.audit_model import AuditTableModel
from desktop.ui.settings import app_settings
from desktop.ui.tasks import Task, TaskContext, start_with_progress
from desktop.ui.widgets import DateLineEdit, ErrorLabel

_CONTEXT = "AuditWindow"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class AuditDetail(QWidget):
    """One entry: who, when, what, and a table of its fields before and after."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields = QTableWidget(0, 3)
        self.fields.setHorizontalHeaderLabels([_tr("Trường"), _tr("Trước"), _tr("Sau")])
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.verticalHeader().setVisible(False)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.hashes = QLabel()
        self.hashes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.hashes.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText,
            palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text),
        )
        self.hashes.setPalette(palette)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.hashes)
        self.show_entry(None)

    def show_entry(self, entry_id: int | None, database: Database | None = None) -> None:
        self.fields.setRowCount(0)
        if entry_id is None or database is None:
            self.heading.setText(_tr("Chọn một mục trong danh sách để xem chi tiết."))
            self.hashes.clear()
            return
        detail = get_audit_entry(database, entry_id)
        row = detail.row
        self.heading.setText(
            _tr("Mục số {id}: {action} — {record}, bởi {user} lúc {time}").format(
                id=row.id, action=action_label(row.action), record=record_text(row.record_type, row.record_id),
                user=row.username, time=row.local_at.strftime("%d/%m/%Y %H:%M:%S"),
            )
        )
        for key, before, after in self._field_rows(row.action, row.record_type, row.change_map()):
            line = self.fields.rowCount()
            self.fields.insertRow(line)
            for column, text in enumerate((change_field_label(row.record_type, key), before, after)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.fields.setItem(line, column, item)
        self.hashes.setText(
            _tr("Mã băm: {hash}\nMã băm mục trước: {previous}").format(
                hash=detail.entry_hash, previous=detail.previous_hash
            )
        )

    @staticmethod
    def _field_rows(
        action: AuditAction, record_type: str, changes: dict[str, Any]
    ) -> list[tuple[str, str, str]]:
        rows = []
        updated = action is AuditAction.UPDATE  # its changes are [before, after] pairs
        for key, value in sorted(changes.items()):
            if updated and isinstance(value, list) and len(value) == 2:
                rows.append((key, value_text(value[0], record_type, key),
                             value_text(value[1], record_type, key)))
            elif action is AuditAction.DELETE:
                rows.append((key, value_text(value, record_type, key), ""))
            else:
                rows.append((key, "", value_text(value, record_type, key)))
        return rows


class AuditWindow(QMainWindow):
    checked = Signal(object)  # the VerifyResult of a finished check
    exported = Signal(str)  # the path of a finished export

    def __init__(self, database: Database) -> None:
        super().__init__(None)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_tr("Nhật ký hệ thống — Văn phòng Đảng ủy"))
        self.database = database
        self.task: Task | None = None
        self._close_when_idle = False

        self.model = AuditTableModel(database, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        samples = ("00/00/0000 00:00:00", "Người thực hiện", "Đăng nhập không thành công",
                   "Quá trình của đảng viên #00000")
        for column, sample in enumerate(samples):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 3 * metrics.averageCharWidth())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.detail = AuditDetail()

        self._build_actions()
        filters = self._build_filters()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(filters)
        layout.addWidget(self.date_error)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self._show_count()
        self._restore_settings()

    # -- building ----------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.verify_action = QAction(_tr("Kiểm tra tính toàn vẹn"), self)
        self.verify_action.setToolTip(
            _tr("Tính lại chuỗi mã băm của toàn bộ nhật ký: phát hiện mục bị sửa, bị xóa hay bị chèn")
        )
        self.verify_action.triggered.connect(self.verify)
        self.export_action = QAction(_tr("Xuất CSV…"), self)
        self.export_action.setIconText(self.export_action.text())
        self.export_action.setToolTip(_tr("Ghi các mục đang lọc ra tệp CSV (mở được bằng Excel)"))
        self.export_action.triggered.connect(self.export_csv)
        self.refresh_action = QAction(_tr("Làm mới"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setMovable(False)
        for action in (self.refresh_action, self.verify_action, self.export_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    def _build_filters(self) -> QHBoxLayout:
        self.date_from = DateLineEdit()
        self.date_to = DateLineEdit()
        for field in (self.date_from, self.date_to):
            field.setMaximumWidth(self.fontMetrics().averageCharWidth() * 14)
            field.editingFinished.connect(self.apply_filters)
        self.date_error = ErrorLabel()
        self.user_combo = QComboBox()
        self.user_combo.addItem(_tr("Tất cả"), None)
        for name in audit_usernames(self.database):
            self.user_combo.addItem(name, name)
        self.action_combo = QComboBox()
        self.action_combo.addItem(_tr("Tất cả"), None)
        for action in AuditAction:
            self.action_combo.addItem(action_label(action), action)
        self.type_combo = QComboBox()
        self.type_combo.addItem(_tr("Tất cả"), None)
        for record_type in RECORD_TYPES:
            self.type_combo.addItem(record_type_label(record_type), record_type)
        for combo in (self.user_combo, self.action_combo, self.type_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _index: self.apply_filters())
        row = QHBoxLayout()
        for text, widget in (
            (_tr("Từ ngày"), self.date_from), (_tr("Đến ngày"), self.date_to),
            (_tr("Người thực hiện"), self.user_combo), (_tr("Thao tác"), self.action_combo),
            (_tr("Bản ghi"), self.type_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
            row.addSpacing(8)
        row.addStretch(1)
        return row

    # -- filtering ---------------------------------------------------------------------

    def query(self) -> AuditQuery | None:
        """The filters as a query; None (and a message) while a date cannot be read."""
        problem = self.date_from.parse_problem() or self.date_to.parse_problem()
        self.date_error.show_message(problem)
        if problem:
            return None
        return AuditQuery(
            date_from=self.date_from.date(), date_to=self.date_to.date(),
            username=self.user_combo.currentData(), action=self.action_combo.currentData(),
            record_type=self.type_combo.currentData(),
        )

    def apply_filters(self) -> None:
        query = self.query()
        if query is None or query == self.model.query:
            return
        self.model.set_query(query)
        self.detail.show_entry(None)
        self._show_count()

    def refresh(self) -> None:
        self.model.refresh()
        self.detail.show_entry(None)
        self._show_count()

    def _show_count(self) -> None:
        count = count_audit_entries(self.database, self.model.query)
        self.count_label.setText(_tr("{count} mục").format(count=QLocale().toString(count)))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry(current.row()) if current.isValid() else None
        self.detail.show_entry(entry.id if entry else None, self.database)

    # -- checking and exporting --------------------------------------------------------

    def busy(self) -> bool:
        return self.task is not None

    def _set_busy(self, task: Task | None) -> None:
        self.task = task
        for action in (self.verify_action, self.export_action, self.refresh_action):
            action.setEnabled(task is None)
        if task is None and self._close_when_idle:
            self.close()

    def verify(self) -> None:
        if self.busy():
            return
        database = self.database

        def work(context: TaskContext) -> VerifyResult:
            return verify_chain(database, progress=context.progress, cancelled=context.cancelled)

        task = Task(work, self)
        task.finished.connect(self._verified)
        self._set_busy(task)
        start_with_progress(task, self, _tr("Đang kiểm tra chuỗi mã băm của nhật ký hệ thống…"))

    def _verified(self, result: object, error: object) -> None:
        self._set_busy(None)
        if isinstance(error, VerifyCancelled) or self._close_when_idle:
            return
        if error is not None:
            dialogs.show_error(self, _tr("Không kiểm tra được nhật ký"), str(error))
            return
        assert isinstance(result, VerifyResult)
        if result.ok:
            dialogs.show_info(self, _tr("Nhật ký toàn vẹn"), verify_message(result))
        else:
            dialogs.show_error(self, _tr("Nhật ký đã bị can thiệp"), verify_message(result))
        self.checked.emit(result)

    def suggested_export_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return str(Path(folder) / "nhat-ky-he-thong.csv")

    def export_csv(self) -> None:
        query = self.query()
        if self.busy() or query is None:
            return
        chosen = dialogs.choose_csv_save_path(self, self.suggested_export_path())
        if not chosen:
            return
        path = Path(chosen)
        database = self.database
        header = csv_header()

        def work(_context: TaskContext) -> int:
            return export_audit_csv(database, query, path, header, action_label, record_type_label)

        task = Task(work, self)
        task.finished.connect(lambda result, error: self._exported(path, result, error))
        self._set_busy(task)
        start_with_progress(task, self, _tr("Đang xuất nhật ký hệ thống…"))

    def _exported(self, path: Path, result: object, error: object) -> None:
        self._set_busy(None)
        if self._close_when_idle:
            return
        if isinstance(error, OSError):
            dialogs.show_error(
                self, _tr("Không xuất được nhật ký"),
                _tr("Không ghi được tệp {path}: {reason}").format(path=path, reason=error.strerror or error),
            )
            return
        if error is not None:
            dialogs.show_error(self, _tr("Không xuất được nhật ký"), str(error))
            return
        self.statusBar().showMessage(
            _tr("Đã ghi {count} mục nhật ký vào {path}.").format(count=result, path=path), 15000
        )
        self.refresh()  # the export is itself an entry
        self.exported.emit(str(path))

    # -- settings ----------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("audit/geometry")
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            self.resize(int(screen.width() * 0.8), int(screen.height() * 0.8))
        splitter = settings.value("audit/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:
            # Stop the work first (a check stops at its next batch, an export finishes its
            # file); the window closes itself once it has stopped.
            self._close_when_idle = True
            self.task.cancel()
            event.ignore()
            return
        settings = app_settings()
        settings.setValue("audit/geometry", self.saveGeometry())
        settings.setValue("audit/splitter", self.splitter.saveState())
        settings.sync()
        event.accept()

