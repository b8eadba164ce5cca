"""The database passphrase: asked when the credential store cannot give the database key."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db.passphrase import MIN_PASSPHRASE_LENGTH, PassphraseRequest
from desktop.texts import passphrase_request_message

_CONTEXT = "Passphrase"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class PassphraseDialog(QDialog):
    """Enter the passphrase of a database, or (`request.new`) choose one, typed twice.

    `title` and `explanation` replace the database's wording (a backup's passphrase).
    """

    def __init__(
        self, request: PassphraseRequest, parent: QWidget | None = None, *,
        title: str | None = None, explanation: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.new = request.new
        self.setWindowTitle(title or (
            _tr("Đặt mật khẩu cơ sở dữ liệu") if self.new else _tr("Mật khẩu cơ sở dữ liệu")
        ))
        layout = QVBoxLayout(self)
        self.explanation = QLabel(explanation or passphrase_request_message(request))
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)

        form = QFormLayout()
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_tr("Mật khẩu:"), self.field)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        if self.new:
            form.addRow(_tr("Nhập lại:"), self.confirm)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setVisible(self.new)
        layout.addWidget(self.hint)

        buttons = QDialogButtonBox()
        self.ok: QPushButton = buttons.addButton(
            _tr("Đặt mật khẩu") if self.new else _tr("Mở"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setDefault(True)
        buttons.addButton(_tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.field.textChanged.connect(self._check)
        self.confirm.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _check(self) -> None:
        text = self.field.text()
        if not self.new:
            self.ok.setEnabled(bool(text))
            return
        if len(text) < MIN_PASSPHRASE_LENGTH:
            hint = _tr("Mật khẩu phải dài ít nhất {min} ký tự.").format(min=MIN_PASSPHRASE_LENGTH)
        elif self.confirm.text() != text:
            hint = _tr("Hai lần nhập mật khẩu chưa khớp nhau.")
        else:
            hint = ""
        self.hint.setText(hint)
        self.ok.setEnabled(not hint)

    def passphrase(self) -> str:
        return self.field.text()
