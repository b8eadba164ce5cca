"""The "Sao lưu và phục hồi" window (Quản trị menu, administrators of the whole register):
the last automatic backup, where automatic backups go and how many are kept, the backups on
this computer, a backup made now with a passphrase, and restoring one.

Every action goes through desktop.services.backups / office_settings, which check the
permission. A restore is confirmed here and then carried out by the DatabaseController: the
database must be closed for it, and everyone signs in again afterwards.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.backup_texts import check_summary, kind_label, moment_text, refusal_text, size_text
from desktop.db.database import Database
from desktop.paths import backups_dir
from desktop.services import backups, office_settings
from desktop.services.access import PermissionDenied
from desktop.services.backups import (
    BackupCheck,
    BackupFile,
    BackupOutcome,
    BackupProblem,
    BackupRefused,
)
from desktop.services.errors import OperationCancelled, ValidationFailed
from desktop.texts import permission_denied_message, problem_message
from desktop.ui import dialogs
from desktop.ui.settings import app_settings
from desktop.ui.tasks import TaskContext, WindowWork

_CONTEXT = "BackupsWindow"
COL_TIME, COL_KIND, COL_SIZE, COL_FILE = range(4)
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
# An automatic backup older than this is shown as a warning (the app was not opened, or
# the backup failed).
STALE_AFTER = dt.timedelta(days=2)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class BackupsWindow(QMainWindow):
    # A checked backup the user confirmed: (file, passphrase or None). The controller restores.
    restore_requested = Signal(str, object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database = database
        self.work = WindowWork(self, self.close)
        self.work.changed.connect(self._update_buttons)
        self.setWindowTitle(_tr("Sao lưu và phục hồi"))

        self.last_label = QLabel()
        self.last_label.setWordWrap(True)
        self.folder = QLineEdit()
        self.folder.setMaxLength(300)
        self.choose_folder_button = QPushButton(_tr("Chọn &thư mục…"))
        self.choose_folder_button.clicked.connect(self.choose_folder)
        self.keep = QSpinBox()
        self.keep.setRange(office_settings.MIN_BACKUP_KEEP, office_settings.MAX_BACKUP_KEEP)
        self.keep.setSuffix(_tr(" bản gần nhất"))
        self.save_settings_button = QPushButton(_tr("&Lưu cài đặt"))
        self.save_settings_button.clicked.connect(self.save_settings)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_tr("Thời điểm lập"), _tr("Loại"), _tr("Dung lượng"), _tr("Tệp")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())

        self.backup_button = QPushButton(_tr("&Sao lưu ngay…"))
        self.backup_button.setShortcut(QKeySequence("Ctrl+B"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(_tr("&Phục hồi bản đã chọn…"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(_tr("Phục hồi từ &tệp khác…"))
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.open_folder_button = QPushButton(_tr("&Mở thư mục sao lưu"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._build_layout()
        self._restore_geometry()
        self.reload()

    def _build_layout(self) -> None:
        automatic = QGroupBox(_tr("Sao lưu tự động hằng ngày"))
        form = QFormLayout(automatic)
        form.addRow(self.last_label)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_folder_button)
        caption = QLabel(_tr("Thư mục &lưu:"))
        caption.setBuddy(self.folder)
        form.addRow(caption, folder_row)
        keep_caption = QLabel(_tr("&Giữ lại:"))
        keep_caption.setBuddy(self.keep)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep)
        keep_row.addStretch(1)
        keep_row.addWidget(self.save_settings_button)
        form.addRow(keep_caption, keep_row)

        listed = QGroupBox(_tr("Các bản sao lưu trên máy này"))
        list_layout = QVBoxLayout(listed)
        list_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_folder_button)
        list_layout.addLayout(buttons)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(automatic)
        layout.addWidget(listed, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)

    # -- showing -----------------------------------------------------------------------

    def reload(self) -> None:
        database = self.database
        if not backups.is_file_database(database):
            self._unavailable(refusal_text(BackupRefused(BackupProblem.SERVER_DATABASE)))
            return
        try:
            found = backups.list_backups(database)
        except PermissionDenied:
            self._unavailable(permission_denied_message())
            return
        assert database.file_path is not None
        self.folder.setPlaceholderText(str(backups_dir(database.file_path)))
        if not self.folder.isModified():
            self.folder.setText(office_settings.backup_folder_setting(database))
        self.keep.setValue(office_settings.backup_keep_count(database))
        self._show_last(backups.last_automatic_backup(database))
        self._fill(found)

    def _show_last(self, last: BackupFile | None, now: dt.datetime | None = None) -> None:
        if last is None:
            self.last_label.setText(_tr(
                "Chưa có bản sao lưu tự động nào. Phần mềm tự sao lưu mỗi ngày một lần khi đang "
                "mở; có thể bấm “Sao lưu ngay…” để có bản sao lưu ngay bây giờ."
            ))
            return
        text = _tr("Bản sao lưu tự động gần nhất: {moment} ({size}), tệp {name}.").format(
            moment=moment_text(last.taken_at), size=size_text(last.size), name=last.path.name
        )
        if (now or dt.datetime.now()) - last.taken_at > STALE_AFTER:
            text += " " + _tr("Đã hơn hai ngày chưa có bản sao lưu tự động mới: hãy sao lưu ngay.")
        self.last_label.setText(text)

    def _fill(self, found: list[BackupFile]) -> None:
        selected = self.selected_path()
        self.table.setRowCount(len(found))
        for line, backup in enumerate(found):
            texts = (moment_text(backup.taken_at), kind_label(backup.kind), size_text(backup.size),
                     backup.path.name)
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == COL_FILE:
                    item.setData(PATH_ROLE, str(backup.path))
                    item.setToolTip(str(backup.path))
                if column == COL_SIZE:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(line, column, item)
        paths = [str(backup.path) for backup in found]
        if selected in paths:
            self.table.selectRow(paths.index(selected))
        elif found:
            self.table.selectRow(0)
        self._update_buttons()

    def _unavailable(self, text: str) -> None:
        self.last_label.setText(text)
        self.table.setRowCount(0)
        for widget in (self.folder, self.choose_folder_button, self.keep, self.save_settings_button,
                       self.backup_button, self.restore_button, self.restore_file_button,
                       self.open_folder_button):
            widget.setEnabled(False)

    def selected_path(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), COL_FILE)
        return str(item.data(PATH_ROLE)) if item is not None else None

    def _update_buttons(self) -> None:
        idle = not self.work.busy()
        self.restore_button.setEnabled(idle and self.selected_path() is not None)
        for button in (self.backup_button, self.restore_file_button, self.save_settings_button):
            button.setEnabled(idle)

    # -- settings ----------------------------------------------------------------------

    def choose_folder(self) -> None:
        start = self.folder.text().strip() or self.folder.placeholderText()
        chosen = dialogs.choose_folder(self, _tr("Thư mục lưu các bản sao lưu tự động"), start)
        if chosen:
            self.folder.setText(chosen)
            self.folder.setModified(True)

    def save_settings(self) -> None:
        folder = self.folder.text().strip()
        try:
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)
            office_settings.set_backup_settings(self.database, self.keep.value(), folder)
        except PermissionDenied:
            dialogs.show_error(self, _tr("Không có quyền"), permission_denied_message())
            return
        except ValidationFailed as failed:
            dialogs.show_error(self, _tr("Không lưu được cài đặt"),
                               "\n".join(problem_message(p) for p in failed.problems))
            return
        except OSError as error:
            dialogs.show_error(self, _tr("Không lưu được cài đặt"), _tr(
                "Không tạo được thư mục {folder}: {reason}. Hãy chọn thư mục khác."
            ).format(folder=folder, reason=error.strerror or error))
            return
        self.folder.setModified(False)
        self.status.setText(_tr("Đã lưu: giữ lại {keep} bản sao lưu tự động gần nhất trong {folder}.").format(
            keep=self.keep.value(), folder=folder or self.folder.placeholderText()))
        self.reload()

    def open_folder(self) -> None:
        folder = backups.backup_folder(self.database)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- backing up now ----------------------------------------------------------------

    def suggested_backup_path(self) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        stem = self.database.file_path.stem if self.database.file_path else "party-office"
        return str(Path(folder) / f"{stem}-sao-luu-{dt.datetime.now():%Y%m%d-%H%M}.db")

    def back_up_now(self) -> None:
        if self.work.busy():
            return
        chosen = dialogs.choose_backup_save_path(self, self.suggested_backup_path())
        if not chosen:
            return
        passphrase = dialogs.ask_backup_passphrase(self, chosen, new=True)
        if passphrase is None:
            return
        database, target = self.database, Path(chosen)

        def work(context: TaskContext) -> BackupOutcome:
            return backups.write_backup(database, target, passphrase,
                                        progress=context.progress, cancelled=context.cancelled)

        self._run(work, self._backed_up, _tr("Đang sao lưu cơ sở dữ liệu vào {path}…").format(path=target))

    def _backed_up(self, result: object, error: object) -> None:
        if self._failed(error, _tr("Không sao lưu được")):
            return
        assert isinstance(result, BackupOutcome)
        self.status.setText(_tr(
            "Đã sao lưu vào {path} ({size}, {members} đảng viên) trong {seconds:.1f} giây; bản sao "
            "lưu đã được kiểm tra. Cần mật khẩu vừa đặt để phục hồi."
        ).format(path=result.path, size=size_text(result.size), members=result.members,
                 seconds=result.seconds))
        self.reload()

    # -- restoring ---------------------------------------------------------------------

    def restore_selected(self) -> None:
        path = self.selected_path()
        if path is not None:
            self._check(path, None)

    def restore_from_file(self) -> None:
        start = str(backups.backup_folder(self.database)) if self.database.file_path else ""
        chosen = dialogs.choose_backup_file(self, start)
        if chosen:
            self._check(chosen, None)

    def _check(self, path: str, passphrase: str | None) -> None:
        if self.work.busy():
            return
        database = self.database

        def work(context: TaskContext) -> BackupCheck:
            return backups.check_backup(database, Path(path), passphrase, cancelled=context.cancelled)

        self._run(work, lambda result, error: self._checked(path, passphrase, result, error),
                  _tr("Đang kiểm tra bản sao lưu {path}…").format(path=path))

    def _checked(self, path: str, passphrase: str | None, result: object, error: object) -> None:
        if isinstance(error, BackupRefused) and error.problem in (
            BackupProblem.PASSPHRASE_NEEDED, BackupProblem.WRONG_PASSPHRASE
        ) and not self.work.closing:
            wrong = error.problem is BackupProblem.WRONG_PASSPHRASE
            given = dialogs.ask_backup_passphrase(self, path, new=False, wrong=wrong)
            if given:
                self._check(path, given)
            return
        if self._failed(error, _tr("Không phục hồi được")):
            return
        assert isinstance(result, BackupCheck)
        if dialogs.ask_yes_no(
            self, _tr("Phục hồi cơ sở dữ liệu"),
            check_summary(result) + "\n\n" + _tr(
                "Toàn bộ dữ liệu hiện tại sẽ được thay bằng dữ liệu của bản sao lưu này. Cơ sở dữ "
                "liệu hiện tại được giữ lại trong thư mục sao lưu (loại “Trước khi phục hồi”). "
                "Các cửa sổ đang mở sẽ đóng lại và mọi người phải đăng nhập lại. Phục hồi?"
            ),
            yes_text=_tr("Phục hồi"), no_text=_tr("Không"),
        ):
            self.restore_requested.emit(path, passphrase)

    # -- background work ---------------------------------------------------------------

    def busy(self) -> bool:
        return self.work.busy()

    def _run(self, work, on_done, label: str) -> None:  # type: ignore[no-untyped-def]
        self.work.run(work, on_done, label)

    def _failed(self, error: object, title: str) -> bool:
        """Show a refusal; True when there was one (or the window is closing)."""
        if self.work.closing:
            return True
        if error is None:
            return False
        if isinstance(error, OperationCancelled):
            self.status.setText(_tr("Đã hủy; không có gì thay đổi."))
        elif isinstance(error, BackupRefused):
            dialogs.show_error(self, title, refusal_text(error))
        elif isinstance(error, PermissionDenied):
            dialogs.show_error(self, _tr("Không có quyền"), permission_denied_message())
        elif isinstance(error, Exception):
            dialogs.show_error(self, title, f"{type(error).__name__}: {error}")
        else:
            raise error  # type: ignore[misc]  # KeyboardInterrupt, SystemExit
        return True

    # -- window ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = app_settings().value("backups/geometry")
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            metrics = self.fontMetrics()
            self.resize(metrics.averageCharWidth() * 150, metrics.height() * 32)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.work.busy():
            self.work.close_when_done()  # closes itself once the work has stopped
            event.ignore()
            return
        settings = app_settings()
        settings.setValue("backups/geometry", self.saveGeometry())
        settings.sync()
        event.accept()
