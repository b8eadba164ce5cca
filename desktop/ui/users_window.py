"""The "Tài khoản người dùng" window (Quản trị menu, Permission.MANAGE_USERS): the accounts
with their role, scope and state; add, edit, stop or allow again, set a new password, end a
lockout; and how long the app waits before locking an idle screen.

Every change goes through desktop.services.accounts / office_settings, which check the
permission and the administrator's scope; refusals are shown in Vietnamese.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.services.access import PermissionDenied
from desktop.services.accounts import AccountRow, list_accounts, unlock_account, update_account
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.office_settings import (
    MAX_IDLE_LOCK_MINUTES,
    MIN_IDLE_LOCK_MINUTES,
    idle_lock_minutes,
    set_idle_lock_minutes,
)
from desktop.texts import permission_denied_message, problem_message, role_label
from desktop.ui import dialogs
from desktop.ui.settings import app_settings

_CONTEXT = "UsersWindow"
COLUMNS = 7
COL_USERNAME, COL_NAME, COL_ROLE, COL_SCOPE, COL_ACTIVE, COL_LOCKED, COL_LAST = range(COLUMNS)
ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _time(value: dt.datetime | None) -> str:
    return value.strftime("%H:%M %d/%m/%Y") if value is not None else ""


def is_locked(row: AccountRow, now: dt.datetime | None = None) -> bool:
    return row.locked_until is not None and (now or dt.datetime.now()) < row.locked_until


class UsersWindow(QMainWindow):
    # The idle-lock minutes were saved: the session applies them at once.
    idle_minutes_changed = Signal(int)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._database = database
        self.rows: list[AccountRow] = []
        self.setWindowTitle(_tr("Tài khoản người dùng"))

        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([
            _tr("Tên đăng nhập"), _tr("Họ và tên"), _tr("Vai trò"), _tr("Phạm vi"),
            _tr("Trạng thái"), _tr("Khóa do nhập sai"), _tr("Đăng nhập lần cuối"),
        ])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SCOPE, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.add_action = self._action(_tr("&Thêm tài khoản…"), self.add_account, "Ctrl+N")
        self.edit_action = self._action(_tr("&Sửa…"), self.edit_selected)
        self.toggle_action = self._action(_tr("&Ngừng sử dụng"), self.toggle_selected)
        self.reset_action = self._action(_tr("Đặt lại &mật khẩu…"), self.reset_selected)
        self.unlock_action = self._action(_tr("Mở &khóa"), self.unlock_selected)
        self.refresh_action = self._action(_tr("&Làm mới"), self.reload, QKeySequence.StandardKey.Refresh)
        toolbar = QToolBar(_tr("Tài khoản"))
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.add_action, self.edit_action, self.toggle_action, self.reset_action,
                       self.unlock_action, self.refresh_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)
        open_action = QAction(self)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.edit_selected)
        self.table.addAction(open_action)

        self.status = QLabel()
        self.status.setWordWrap(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self._idle_group())
        self.setCentralWidget(central)
        self._restore_geometry()
        self.reload()

    def _action(self, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _idle_group(self) -> QGroupBox:
        group = QGroupBox(_tr("Tự khóa màn hình"))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(MIN_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES)
        self.idle_minutes.setSuffix(_tr(" phút"))
        self.idle_minutes.setValue(idle_lock_minutes(self._database))
        self.idle_save = QPushButton(_tr("Lưu thời gian khóa"))
        self.idle_save.clicked.connect(self.save_idle_minutes)
        row = QHBoxLayout(group)
        row.addWidget(QLabel(_tr("Khóa màn hình sau")))
        row.addWidget(self.idle_minutes)
        row.addWidget(QLabel(_tr("không dùng bàn phím, chuột (mọi người dùng, mọi máy).")), 1)
        row.addWidget(self.idle_save)
        actor = self._database.actor
        # An office-wide setting: only an administrator of the whole register changes it.
        group.setEnabled(actor is not None and actor.scope_path is None)
        return group

    # -- the list ----------------------------------------------------------------------

    def reload(self) -> None:
        selected = self.selected()
        try:
            self.rows = list_accounts(self._database)
        except PermissionDenied:
            self._refused()
            return
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.rows))
        now = dt.datetime.now()
        for line, row in enumerate(self.rows):
            texts = (
                row.username,
                row.full_name,
                role_label(row.role),
                row.scope_name or _tr("Toàn bộ"),
                _tr("Đang dùng") if row.is_active else _tr("Ngừng sử dụng"),
                _tr("Khóa đến {time}").format(time=_time(row.locked_until)) if is_locked(row, now) else "",
                _time(row.last_login_at),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == COL_USERNAME:
                    item.setData(ACCOUNT_ID_ROLE, row.id)
                self.table.setItem(line, column, item)
        if selected is not None:
            self.select(selected.id)
        elif self.rows:
            self.table.selectRow(0)
        self._update_actions()

    def select(self, account_id: int) -> None:
        for line in range(self.table.rowCount()):
            if self.table.item(line, COL_USERNAME).data(ACCOUNT_ID_ROLE) == account_id:
                self.table.selectRow(line)
                return

    def selected(self) -> AccountRow | None:
        items = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not items:
            return None
        account_id = self.table.item(items[0].row(), COL_USERNAME).data(ACCOUNT_ID_ROLE)
        return next((row for row in self.rows if row.id == account_id), None)

    def _update_actions(self) -> None:
        row = self.selected()
        for action in (self.edit_action, self.toggle_action, self.reset_action):
            action.setEnabled(row is not None)
        self.unlock_action.setEnabled(row is not None and is_locked(row))
        self.toggle_action.setText(
            _tr("Cho &dùng lại") if row is not None and not row.is_active else _tr("&Ngừng sử dụng")
        )

    # -- actions -----------------------------------------------------------------------

    def add_account(self) -> None:
        saved = dialogs.ask_account(self, self._database, None)
        if saved is not None:
            self.reload()
            self.select(saved.id)
            self.status.setText(_tr("Đã tạo tài khoản {user}.").format(user=saved.username))

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        saved = dialogs.ask_account(self, self._database, row)
        self.reload()  # also after a refusal: the dialog may have met a newer version
        if saved is not None:
            self.status.setText(_tr("Đã lưu tài khoản {user}.").format(user=saved.username))

    def toggle_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.is_active and not dialogs.ask_yes_no(
            self, _tr("Ngừng sử dụng tài khoản"),
            _tr("Ngừng sử dụng tài khoản {user} ({name})? Người này sẽ không đăng nhập được nữa "
                "cho tới khi được cho dùng lại.").format(user=row.username, name=row.full_name),
            yes_text=_tr("Ngừng sử dụng"), no_text=_tr("Không"),
        ):
            return
        self._change(lambda: update_account(
            self._database, row.id, row.version, row.full_name, row.role,
            row.scope_organization_id, not row.is_active,
        ), (_tr("Đã ngừng sử dụng tài khoản {user}.") if row.is_active
            else _tr("Tài khoản {user} đã được dùng lại.")).format(user=row.username))

    def reset_selected(self) -> None:
        row = self.selected()
        if row is not None and dialogs.ask_reset_password(self, self._database, row):
            self.reload()
            self.status.setText(
                _tr("Đã đặt mật khẩu mới cho {user}.").format(user=row.username)
            )

    def unlock_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._change(lambda: unlock_account(self._database, row.id),
                         _tr("Đã mở khóa tài khoản {user}.").format(user=row.username))

    def _change(self, work, done_text: str) -> None:  # type: ignore[no-untyped-def]
        try:
            work()
        except PermissionDenied:
            dialogs.show_error(self, _tr("Không có quyền"), permission_denied_message())
        except ValidationFailed as failed:
            dialogs.show_error(
                self, _tr("Không thay đổi được tài khoản"),
                "\n".join(problem_message(problem) for problem in failed.problems),
            )
        except ConcurrentEdit:
            dialogs.show_error(self, _tr("Tài khoản đã bị người khác sửa"), _tr(
                "Tài khoản này vừa được người khác sửa; danh sách đã được tải lại. "
                "Hãy xem lại rồi làm lại thao tác."
            ))
        except RecordNotFound:
            dialogs.show_error(self, _tr("Không thay đổi được tài khoản"),
                               _tr("Tài khoản này không còn trong cơ sở dữ liệu."))
        else:
            self.status.setText(done_text)
        self.reload()

    def save_idle_minutes(self) -> None:
        minutes = self.idle_minutes.value()
        try:
            set_idle_lock_minutes(self._database, minutes)
        except PermissionDenied:
            dialogs.show_error(self, _tr("Không có quyền"), permission_denied_message())
            return
        except ValidationFailed as failed:
            dialogs.show_error(self, _tr("Không lưu được"),
                               "\n".join(problem_message(p) for p in failed.problems))
            return
        self.status.setText(
            _tr("Đã lưu: màn hình tự khóa sau {minutes} phút không dùng.").format(minutes=minutes)
        )
        self.idle_minutes_changed.emit(minutes)

    def _refused(self) -> None:
        self.table.setRowCount(0)
        self.rows = []
        self.status.setText(permission_denied_message())
        for action in (self.add_action, self.edit_action, self.toggle_action, self.reset_action,
                       self.unlock_action):
            action.setEnabled(False)

    # -- window ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = app_settings().value("users/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            metrics = self.fontMetrics()
            self.resize(metrics.averageCharWidth() * 190, metrics.height() * 32)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = app_settings()
        settings.setValue("users/geometry", self.saveGeometry())
        settings.sync()
        event.accept()

