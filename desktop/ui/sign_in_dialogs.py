"""The dialogs of signing in: the login, the first administrator of a database without
accounts, and changing one's own password. Each calls desktop.services.auth on a worker
thread (Argon2 takes about 50 ms) and shows the refusal or the broken rules itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.permissions import Actor
from desktop.services.auth import (
    AccountsAlreadyExist,
    LoginRefused,
    authenticate,
    change_own_password,
    create_first_administrator,
)
from desktop.services.errors import ValidationFailed
from desktop.services.passwords import FULL_NAME_MAX_LENGTH, USERNAME_MAX_LENGTH
from desktop.services.session import password_min_length
from desktop.texts import login_refusal_message, problem_message
from desktop.ui.credentials import BusyDialog, FieldRow, password_edit
from desktop.ui.settings import app_settings

_CONTEXT = "SignIn"
LAST_USERNAME_KEY = "sign_in/last_username"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _heading(text: str) -> QLabel:
    heading = QLabel(text)
    font = heading.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    heading.setFont(font)
    return heading


def _note(text: str) -> QLabel:
    note = QLabel(text)
    note.setWordWrap(True)
    return note


def password_rules_text(minimum: int) -> str:
    return _tr(
        "Mật khẩu dài ít nhất {min} ký tự (nên là một câu dễ nhớ, có thể gõ tiếng Việt có dấu) "
        "và không trùng với tên đăng nhập."
    ).format(min=minimum)


def _is_enter(event: QKeyEvent) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SignInDialog(BusyDialog):
    """Tên đăng nhập, Mật khẩu, "Đăng nhập" / "Thoát". `actor` is set once signed in."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.actor: Actor | None = None
        self.setWindowTitle(_tr("Đăng nhập — Văn phòng Đảng ủy"))
        self.username = QLineEdit()
        self.username.setMaxLength(USERNAME_MAX_LENGTH)
        self.password = password_edit()
        self.track_passwords(self.password)
        self.message = self.general_error

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, editor in ((_tr("&Tên đăng nhập:"), self.username),
                                (_tr("&Mật khẩu:"), self.password)):
            label = QLabel(caption)
            label.setBuddy(editor)
            form.addRow(label, editor)
        location = _note(_tr("Cơ sở dữ liệu: {location}").format(location=database.location))
        location.setEnabled(False)
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox()
        self.sign_in_button: QPushButton = buttons.addButton(
            _tr("Đăng nhập"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button: QPushButton = buttons.addButton(
            _tr("Thoát"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(_heading(_tr("Văn phòng Đảng ủy — đăng nhập")))
        layout.addWidget(location)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

        last = app_settings().value(LAST_USERNAME_KEY)
        if isinstance(last, str) and last:
            self.username.setText(last)
            self.password.setFocus()
        else:
            self.username.setFocus()

    def inputs(self) -> Sequence[QWidget]:
        return (self.username, self.password, self.sign_in_button, self.quit_button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the user name goes on to the password, as a clerk expects."""
        if _is_enter(event) and self.username.hasFocus() and not self.password.text():
            if self.username.text().strip():
                self.password.setFocus(Qt.FocusReason.TabFocusReason)
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        username = self.username.text().strip()
        if not username:
            self.message.show_message(_tr("Hãy nhập tên đăng nhập."))
            self.username.setFocus()
            return
        if not self.password.text():
            self.message.show_message(_tr("Hãy nhập mật khẩu."))
            self.password.setFocus()
            return
        database, password = self._database, self.password.text()
        self.run(lambda: authenticate(database, username, password), self._answered)

    def _answered(self, actor: Actor | None, error: BaseException | None) -> None:
        self.password.clear()
        if error is None and actor is not None:
            self.actor = actor
            app_settings().setValue(LAST_USERNAME_KEY, actor.username)
            self.accept()
            return
        if isinstance(error, LoginRefused):
            self.message.show_message(login_refusal_message(error.reason, error.until))
        else:
            self.show_unexpected(error or RuntimeError())
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)


class FirstAdministratorDialog(BusyDialog):
    """A database without accounts: its first administrator (user name, full name, password
    typed twice). `actor` is the new administrator once created."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.actor: Actor | None = None
        self.accounts_exist = False
        self.setWindowTitle(_tr("Tạo tài khoản quản trị"))
        explanation = _note(_tr(
            "Cơ sở dữ liệu {location} chưa có tài khoản người dùng nào. Hãy tạo tài khoản quản trị "
            "hệ thống đầu tiên: người quản trị tạo và quản lý tài khoản của những người dùng khác. "
            "Phần mềm không có mật khẩu mặc định; hãy ghi nhớ mật khẩu này."
        ).format(location=database.location))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.username = QLineEdit()
        self.username.setMaxLength(USERNAME_MAX_LENGTH)
        self.username.setPlaceholderText(_tr("ví dụ quantri hoặc nguyen.lan"))
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(FULL_NAME_MAX_LENGTH)
        self.password = password_edit()
        self.confirm = password_edit()
        self.track_passwords(self.password, self.confirm)
        self.rows = {
            "username": FieldRow(form, _tr("&Tên đăng nhập:"), self.username),
            "full_name": FieldRow(form, _tr("&Họ và tên:"), self.full_name),
            "password": FieldRow(form, _tr("&Mật khẩu:"), self.password),
            "confirm": FieldRow(form, _tr("&Nhập lại mật khẩu:"), self.confirm),
        }
        self.rules = rules = _note(
            password_rules_text(password_min_length(database)) + " "
            + _tr("Tên đăng nhập gồm chữ cái, chữ số và các dấu . _ - (không có dấu cách).")
        )

        buttons = QDialogButtonBox()
        self.create_button: QPushButton = buttons.addButton(
            _tr("Tạo tài khoản và đăng nhập"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button: QPushButton = buttons.addButton(
            _tr("Thoát"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(_heading(_tr("Tạo tài khoản quản trị")))
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(rules)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.username.setFocus()

    def inputs(self) -> Sequence[QWidget]:
        return (self.username, self.full_name, self.password, self.confirm, self.create_button,
                self.quit_button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field goes on to the next one; in the last one it creates the account."""
        if _is_enter(event) and not self.confirm.hasFocus():
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def _clear_errors(self) -> None:
        self.general_error.show_message(None)
        for row in self.rows.values():
            row.error.show_message(None)

    def submit(self) -> None:
        self._clear_errors()
        if self.password.text() != self.confirm.text():
            self.rows["confirm"].error.show_message(_tr("Hai lần nhập mật khẩu chưa khớp nhau."))
            self.confirm.clear()
            self.confirm.setFocus()
            self.fit_height()
            return
        database = self._database
        username, full_name, password = (
            self.username.text(), self.full_name.text(), self.password.text()
        )
        self.run(
            lambda: create_first_administrator(database, username, full_name, password),
            self._answered,
        )

    def _answered(self, actor: Actor | None, error: BaseException | None) -> None:
        if error is None and actor is not None:
            self.actor = actor
            app_settings().setValue(LAST_USERNAME_KEY, actor.username)
            self.accept()
            return
        if isinstance(error, ValidationFailed):
            first: FieldRow | None = None
            for problem in error.problems:
                row = self.rows.get(problem.field)
                if row is None:
                    self.general_error.show_message(problem_message(problem))
                    continue
                text = row.error.text() if row.error.isVisibleTo(self) else ""
                row.error.show_message("\n".join(filter(None, [text, problem_message(problem)])))
                first = first or row
            if "password" in {p.field for p in error.problems}:
                self.clear_passwords()
            if first is not None:
                first.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if isinstance(error, AccountsAlreadyExist):
            self.accounts_exist = True
            self.clear_passwords()
            self.general_error.show_message(_tr(
                "Cơ sở dữ liệu này vừa có tài khoản quản trị (được tạo từ nơi khác). "
                "Hãy bấm Thoát rồi đăng nhập bằng tài khoản đó."
            ))
            self.create_button.setEnabled(False)
            return
        self.show_unexpected(error or RuntimeError())


class ChangePasswordDialog(BusyDialog):
    """The signed-in user's own password: the current one, then the new one twice."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.setWindowTitle(_tr("Đổi mật khẩu"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.old = password_edit()
        self.new = password_edit()
        self.confirm = password_edit()
        self.track_passwords(self.old, self.new, self.confirm)
        self.rows = {
            "old_password": FieldRow(form, _tr("Mật khẩu &hiện tại:"), self.old),
            "new_password": FieldRow(form, _tr("Mật khẩu &mới:"), self.new),
            "confirm": FieldRow(form, _tr("&Nhập lại mật khẩu mới:"), self.confirm),
        }
        rules = _note(password_rules_text(password_min_length(database)))
        buttons = QDialogButtonBox()
        self.change_button: QPushButton = buttons.addButton(
            _tr("Đổi mật khẩu"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button: QPushButton = buttons.addButton(
            _tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(rules)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.old.setFocus()

    def inputs(self) -> Sequence[QWidget]:
        return (self.old, self.new, self.confirm, self.change_button, self.cancel_button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_enter(event) and not self.confirm.hasFocus():
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        for row in self.rows.values():
            row.error.show_message(None)
        if self.new.text() != self.confirm.text():
            self.rows["confirm"].error.show_message(_tr("Hai lần nhập mật khẩu mới chưa khớp nhau."))
            self.confirm.clear()
            self.confirm.setFocus()
            self.fit_height()
            return
        database, old, new = self._database, self.old.text(), self.new.text()
        self.run(lambda: change_own_password(database, old, new), self._answered)

    def _answered(self, _result: object, error: BaseException | None) -> None:
        if error is None:
            self.accept()
            return
        if isinstance(error, ValidationFailed):
            fields = {problem.field for problem in error.problems}
            for problem in error.problems:
                row = self.rows.get(problem.field)
                if row is not None:
                    row.error.show_message(problem_message(problem))
                else:
                    self.general_error.show_message(problem_message(problem))
            if "old_password" in fields:
                self.old.clear()
                self.old.setFocus()
            else:
                self.new.clear()
                self.confirm.clear()
                self.new.setFocus()
            return
        self.show_unexpected(error)
