"""Adding or editing a user account, and an administrator setting a new password for one.

The scope is picked in the organisation tree (OrgTreeModel, limited to the administrator's own
scope by the services). Creating an account and setting a password hash with Argon2 on a
worker thread; every rule and permission is checked by desktop.services.accounts.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.services.access import PermissionDenied
from desktop.services.accounts import AccountRow, create_account, reset_password, update_account
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.organizations import ancestor_ids
from desktop.services.passwords import FULL_NAME_MAX_LENGTH, USERNAME_MAX_LENGTH
from desktop.services.session import password_min_length
from desktop.texts import permission_denied_message, problem_message, role_label
from desktop.ui.credentials import BusyDialog, FieldRow, password_edit
from desktop.ui.org_tree_model import OrgTreeModel
from desktop.ui.sign_in_dialogs import password_rules_text

_CONTEXT = "Accounts"
ROLE_ORDER = (Role.OFFICE_CLERK, Role.LEADER, Role.INSPECTION, Role.ADMIN)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def role_description(role: Role) -> str:
    return {
        Role.ADMIN: _tr("Mọi việc trong phạm vi, kể cả quản lý tài khoản, nhật ký hệ thống, sao lưu."),
        Role.OFFICE_CLERK: _tr("Xem và sửa tổ chức, hồ sơ đảng viên; in báo cáo."),
        Role.INSPECTION: _tr("Xem hồ sơ, in báo cáo; hồ sơ kiểm tra, giám sát của ủy ban kiểm tra."),
        Role.LEADER: _tr("Xem hồ sơ, in báo cáo, cho ý kiến phê duyệt; không sửa hồ sơ."),
    }[role]


class ScopePicker(QWidget):
    """The whole register, or one organisation subtree chosen in the tree."""

    def __init__(self, database: Database, whole_allowed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.whole = QRadioButton(_tr("Toàn bộ hệ thống tổ chức"))
        self.subtree = QRadioButton(_tr("Chỉ tổ chức chọn dưới đây và các tổ chức trực thuộc:"))
        group = QButtonGroup(self)
        group.addButton(self.whole)
        group.addButton(self.subtree)
        self.whole.setEnabled(whole_allowed)
        self.model = OrgTreeModel(database, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnHidden(1, True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setMinimumHeight(self.fontMetrics().height() * 10)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self.subtree.setChecked(True))
        self._database = database
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.whole)
        layout.addWidget(self.subtree)
        layout.addWidget(self.tree)
        self.whole.toggled.connect(self._whole_toggled)
        first = self.model.index(0, 0)
        if first.isValid():
            self.tree.expand(first)

    def _whole_toggled(self, whole: bool) -> None:
        self.tree.setEnabled(not whole)

    def set_scope(self, organization_id: int | None) -> None:
        if organization_id is None and self.whole.isEnabled():
            self.whole.setChecked(True)
            return
        self.subtree.setChecked(True)
        self._whole_toggled(False)
        if organization_id is None:
            return
        index = self.model.reveal(ancestor_ids(self._database, organization_id))
        if index.isValid():
            self.tree.expand(self.model.parent(index))
            self.tree.scrollTo(index)
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def scope(self) -> tuple[bool, int | None]:
        """(chosen, organisation id): not chosen while "only" is ticked and nothing selected."""
        if self.whole.isChecked():
            return True, None
        node = self.model.node(self.tree.currentIndex())
        return (node is not None), (node.id if node is not None else None)


class AccountDialog(BusyDialog):
    """A new account (`row` None) or the name, role, scope and state of an existing one.
    `saved` is the account as stored once the dialog is accepted."""

    def __init__(
        self, database: Database, row: AccountRow | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self.row = row
        self.saved: AccountRow | None = None
        actor = database.actor
        whole_allowed = actor is not None and actor.scope_path is None
        self.setWindowTitle(
            _tr("Thêm tài khoản") if row is None
            else _tr("Sửa tài khoản — {user}").format(user=row.username)
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.username = QLineEdit()
        self.username.setMaxLength(USERNAME_MAX_LENGTH)
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(FULL_NAME_MAX_LENGTH)
        self.role = QComboBox()
        for role in ROLE_ORDER:
            self.role.addItem(role_label(role), role)
        self.role_note = QLabel()
        self.role_note.setWordWrap(True)
        self.role_note.setEnabled(False)
        self.role.currentIndexChanged.connect(self._show_role_note)
        self.scope = ScopePicker(database, whole_allowed)
        self.active = QCheckBox(_tr("Được đăng nhập (bỏ chọn để ngừng sử dụng tài khoản)"))
        self.password = password_edit()
        self.confirm = password_edit()
        self.track_passwords(self.password, self.confirm)

        self.rows: dict[str, FieldRow] = {}
        if row is None:
            self.rows["username"] = FieldRow(form, _tr("&Tên đăng nhập:"), self.username)
        else:
            name = QLabel(row.username)
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(_tr("Tên đăng nhập:"), name)
        self.rows["full_name"] = FieldRow(form, _tr("&Họ và tên:"), self.full_name)
        self.rows["role"] = FieldRow(form, _tr("&Vai trò:"), self.role)
        form.addRow("", self.role_note)
        self.rows["scope"] = FieldRow(form, _tr("&Phạm vi:"), self.scope)
        if row is None:
            self.rows["password"] = FieldRow(form, _tr("&Mật khẩu:"), self.password)
            self.rows["confirm"] = FieldRow(form, _tr("&Nhập lại mật khẩu:"), self.confirm)
            rules = QLabel(password_rules_text(password_min_length(database)))
            rules.setWordWrap(True)
            form.addRow("", rules)
        else:
            form.addRow(_tr("Trạng thái:"), self.active)

        buttons = QDialogButtonBox()
        self.save_button: QPushButton = buttons.addButton(
            _tr("Tạo tài khoản") if row is None else _tr("Lưu"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.cancel_button: QPushButton = buttons.addButton(
            _tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 84)

        if row is None:
            self.role.setCurrentIndex(0)
            self.scope.set_scope(None if whole_allowed else _scope_root(database))
            self.username.setFocus()
        else:
            self.full_name.setText(row.full_name)
            self.role.setCurrentIndex(self.role.findData(row.role))
            self.scope.set_scope(row.scope_organization_id)
            self.active.setChecked(row.is_active)
            self.full_name.setFocus()
        self._show_role_note()

    def _show_role_note(self) -> None:
        role = self.role.currentData()
        self.role_note.setText(role_description(role) if isinstance(role, Role) else "")

    def inputs(self) -> Sequence[QWidget]:
        return (self.username, self.full_name, self.role, self.scope, self.active, self.password,
                self.confirm, self.save_button, self.cancel_button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a line goes on to the next field rather than saving half a form."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
            self.focusWidget(), QLineEdit
        ) and self.focusWidget() is not (self.confirm if self.row is None else self.full_name):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def _clear_errors(self) -> None:
        self.general_error.show_message(None)
        for field in self.rows.values():
            field.error.show_message(None)

    def submit(self) -> None:
        self._clear_errors()
        chosen, scope_id = self.scope.scope()
        if not chosen:
            self.rows["scope"].error.show_message(
                _tr("Hãy chọn tổ chức trong cây, hoặc chọn toàn bộ hệ thống tổ chức.")
            )
            self.scope.tree.setFocus()
            return
        database, full_name, role = self._database, self.full_name.text(), self.role.currentData()
        if self.row is None:
            if self.password.text() != self.confirm.text():
                self.rows["confirm"].error.show_message(_tr("Hai lần nhập mật khẩu chưa khớp nhau."))
                self.confirm.clear()
                self.confirm.setFocus()
                return
            username, password = self.username.text(), self.password.text()
            self.run(
                lambda: create_account(database, username, full_name, role, scope_id, password),
                self._answered,
            )
            return
        row, active = self.row, self.active.isChecked()
        self.run(
            lambda: update_account(
                database, row.id, row.version, full_name, role, scope_id, active
            ),
            self._answered,
        )

    def _answered(self, saved: AccountRow | None, error: BaseException | None) -> None:
        if error is None:
            self.saved = saved
            self.accept()
            return
        if isinstance(error, ValidationFailed):
            first: FieldRow | None = None
            for problem in error.problems:
                field = self.rows.get(problem.field)
                if field is None:
                    self.general_error.show_message(problem_message(problem))
                    continue
                field.error.show_message(problem_message(problem))
                first = first or field
            if "password" in {problem.field for problem in error.problems}:
                self.clear_passwords()
            if first is not None:
                first.editor.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if isinstance(error, ConcurrentEdit):
            self.general_error.show_message(_tr(
                "Tài khoản này vừa được người khác sửa và lưu sau khi bạn mở. Thay đổi của bạn "
                "chưa được lưu. Hãy đóng hộp thoại rồi mở lại để xem bản mới nhất."
            ))
            self.save_button.setEnabled(False)
            return
        if isinstance(error, PermissionDenied):
            self.general_error.show_message(permission_denied_message())
            return
        if isinstance(error, RecordNotFound):
            self.general_error.show_message(_tr(
                "Tài khoản hoặc tổ chức đã chọn không còn trong cơ sở dữ liệu."
            ))
            return
        self.show_unexpected(error)


def _scope_root(database: Database) -> int | None:
    actor = database.actor
    return actor.scope_organization_id if actor is not None else None


class ResetPasswordDialog(BusyDialog):
    """An administrator sets a new password for an account (a forgotten one); it also ends a
    lockout. The user should change it after signing in."""

    def __init__(self, database: Database, row: AccountRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.row = row
        self.setWindowTitle(_tr("Đặt lại mật khẩu — {user}").format(user=row.username))
        note = QLabel(_tr(
            "Đặt mật khẩu mới cho {name} ({user}). Hãy trao mật khẩu này trực tiếp cho người dùng "
            "và nhắc họ đổi mật khẩu (menu Tệp → Đổi mật khẩu…) sau khi đăng nhập."
        ).format(name=row.full_name, user=row.username))
        note.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.password = password_edit()
        self.confirm = password_edit()
        self.track_passwords(self.password, self.confirm)
        self.rows = {
            "password": FieldRow(form, _tr("Mật khẩu &mới:"), self.password),
            "confirm": FieldRow(form, _tr("&Nhập lại:"), self.confirm),
        }
        rules = QLabel(password_rules_text(password_min_length(database)))
        rules.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button: QPushButton = buttons.addButton(
            _tr("Đặt mật khẩu"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button: QPushButton = buttons.addButton(
            _tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(rules)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.password.setFocus()

    def inputs(self) -> Sequence[QWidget]:
        return (self.password, self.confirm, self.save_button, self.cancel_button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.password.hasFocus():
            self.confirm.setFocus()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        for field in self.rows.values():
            field.error.show_message(None)
        if self.password.text() != self.confirm.text():
            self.rows["confirm"].error.show_message(_tr("Hai lần nhập mật khẩu chưa khớp nhau."))
            self.confirm.clear()
            self.confirm.setFocus()
            self.fit_height()
            return
        database, account_id, password = self._database, self.row.id, self.password.text()
        self.run(lambda: reset_password(database, account_id, password), self._answered)

    def _answered(self, _result: object, error: BaseException | None) -> None:
        if error is None:
            self.accept()
            return
        self.clear_passwords()
        self.password.setFocus()
        if isinstance(error, ValidationFailed):
            for problem in error.problems:
                self.rows["password"].error.show_message(problem_message(problem))
        elif isinstance(error, PermissionDenied):
            self.general_error.show_message(permission_denied_message())
        elif isinstance(error, RecordNotFound):
            self.general_error.show_message(_tr("Tài khoản này không còn trong cơ sở dữ liệu."))
        else:
            self.show_unexpected(error)
