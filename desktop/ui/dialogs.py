"""Every modal question and message of the application, in one place.

Widgets call these functions through the module (`dialogs.show_error(...)`) so that tests can
monkeypatch them instead of blocking on a modal loop (pytest-qt's documented approach).
Qt ships no Vietnamese catalogue, so every button text is set here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.ui.first_start import FirstStartDialog, StartAction

if TYPE_CHECKING:  # QtPrintSupport is loaded only when printing
    from PySide6.QtPrintSupport import QPrinter

    from desktop.db.database import Database
    from desktop.db.passphrase import PassphraseRequest
    from desktop.models.permissions import Actor
    from desktop.services.accounts import AccountRow

_CONTEXT = "Dialogs"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.addButton(_tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton(_tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask_yes_no(
    parent: QWidget | None, title: str, text: str, yes_text: str = "", no_text: str = ""
) -> bool:
    """True when the user picks the first answer; Esc and closing the box mean no."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes = box.addButton(yes_text or _tr("Có"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(no_text or _tr("Không"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


def ask_discard_changes(parent: QWidget | None) -> bool:
    return ask_yes_no(
        parent,
        _tr("Chưa lưu thay đổi"),
        _tr("Hồ sơ có thay đổi chưa được lưu. Bỏ các thay đổi này và đóng?"),
        yes_text=_tr("Bỏ thay đổi"),
        no_text=_tr("Tiếp tục sửa"),
    )


def ask_reload_after_conflict(parent: QWidget | None, text: str) -> bool:
    """After a concurrent edit: True to reload the saved record (dropping this form's edits)."""
    box = _box(parent, QMessageBox.Icon.Warning, _tr("Hồ sơ đã bị người khác sửa"), text)
    reload = box.addButton(_tr("Tải lại hồ sơ"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(_tr("Giữ nguyên để xem lại"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(reload)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is reload


def ask_after_refusal(parent: QWidget | None, text: str, can_keep_current: bool) -> bool:
    """The database was refused: True to choose another file, False to quit (or keep the open one)."""
    box = _box(parent, QMessageBox.Icon.Critical, _tr("Không mở được cơ sở dữ liệu"), text)
    other = box.addButton(_tr("Mở tệp khác…"), QMessageBox.ButtonRole.AcceptRole)
    stop_text = _tr("Giữ cơ sở dữ liệu đang mở") if can_keep_current else _tr("Thoát")
    stop = box.addButton(stop_text, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(other)
    box.setEscapeButton(stop)
    box.exec()
    return box.clickedButton() is other


def choose_database_file(parent: QWidget | None, start_dir: str = "") -> str | None:
    path, _selected = QFileDialog.getOpenFileName(
        parent,
        _tr("Mở cơ sở dữ liệu"),
        start_dir,
        _tr("Cơ sở dữ liệu (*.db *.sqlite *.sqlite3);;Tất cả các tệp (*)"),
    )
    return path or None


def ask_first_start(parent: QWidget | None, location: str) -> StartAction | None:
    """The first-start choice for a database file that does not exist yet (None: quit)."""

    dialog = FirstStartDialog(location, parent)
    if dialog.exec() != FirstStartDialog.DialogCode.Accepted:
        return None
    return dialog.choice()


def ask_database_passphrase(parent: QWidget | None, request: PassphraseRequest) -> str | None:
    """The database passphrase (a new one, typed twice, when `request.new`); None: cancelled."""
    from desktop.ui.passphrase_dialog import PassphraseDialog

    dialog = PassphraseDialog(request, parent)
    if dialog.exec() != PassphraseDialog.DialogCode.Accepted:
        return None
    return dialog.passphrase()


def ask_backup_passphrase(parent: QWidget | None, location: str, new: bool, wrong: bool = False) -> str | None:
    """The passphrase of a backup: chosen (typed twice) when `new`; None: cancelled."""
    from desktop.db.passphrase import MIN_PASSPHRASE_LENGTH, PassphraseReason, PassphraseRequest
    from desktop.ui.passphrase_dialog import PassphraseDialog

    if new:
        title = _tr("Đặt mật khẩu cho bản sao lưu")
        text = _tr(
            "Bản sao lưu {location} được mã hóa bằng mật khẩu đặt ở đây (ít nhất {min} ký tự), "
            "để mở được trên máy khác. Hãy ghi mật khẩu và cất ở nơi an toàn, tách khỏi bản sao "
            "lưu: quên mật khẩu là không phục hồi được."
        ).format(location=location, min=MIN_PASSPHRASE_LENGTH)
    else:
        title = _tr("Mật khẩu bản sao lưu")
        text = _tr("Mật khẩu không đúng. Hãy nhập lại mật khẩu của bản sao lưu {location}.") if wrong else _tr(
            "Bản sao lưu {location} được bảo vệ bằng mật khẩu. Hãy nhập mật khẩu đã đặt khi sao lưu."
        )
        text = text.format(location=location)
    request = PassphraseRequest(PassphraseReason.KEY_MISSING, location, new=new)
    dialog = PassphraseDialog(request, parent, title=title, explanation=text)
    accepted = dialog.exec() == PassphraseDialog.DialogCode.Accepted
    passphrase = dialog.passphrase() if accepted else None
    dialog.deleteLater()
    return passphrase


def choose_backup_save_path(parent: QWidget | None, suggested_path: str) -> str | None:
    """Where to write a backup made by hand: `suggested_path` is the folder and name proposed."""
    path, _selected = QFileDialog.getSaveFileName(
        parent, _tr("Sao lưu cơ sở dữ liệu"), suggested_path,
        _tr("Bản sao lưu (*.db);;Tất cả các tệp (*)"),
    )
    return path or None


def choose_backup_file(parent: QWidget | None, start_dir: str = "") -> str | None:
    path, _selected = QFileDialog.getOpenFileName(
        parent, _tr("Chọn bản sao lưu để phục hồi"), start_dir,
        _tr("Bản sao lưu (*.db *.sqlite *.bak);;Tất cả các tệp (*)"),
    )
    return path or None


def choose_spreadsheet_file(parent: QWidget | None, start_dir: str = "") -> str | None:
    path, _selected = QFileDialog.getOpenFileName(
        parent, _tr("Chọn tệp để nhập"), start_dir,
        _tr("Bảng tính (*.xlsx *.xls *.xlsm *.ods *.csv);;Tất cả các tệp (*)"),
    )
    return path or None


def choose_xlsx_save_path(parent: QWidget | None, suggested_path: str) -> str | None:
    """Where to save an Excel export: `suggested_path` is the folder and file name proposed."""
    path, _selected = QFileDialog.getSaveFileName(
        parent, _tr("Xuất ra tệp Excel"), suggested_path, _tr("Tệp Excel (*.xlsx)"),
    )
    if path and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path or None


def ask_import(
    parent: QWidget | None, database: Database, kind: str, organization_id: int | None, organization_name: str
) -> bool:
    """The import dialog (members or organisations); True when something was imported."""
    from desktop.ui.import_dialog import ImportDialog

    dialog = ImportDialog(database, kind, organization_id, organization_name, parent)
    written: list[object] = []
    dialog.imported.connect(written.append)
    dialog.exec()
    dialog.deleteLater()
    return bool(written)


def choose_folder(parent: QWidget | None, title: str, start_dir: str = "") -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, start_dir)
    return path or None


def ask_sign_in(parent: QWidget | None, database: Database) -> Actor | None:
    """The login dialog; the signed-in user's Actor, or None when the user chose to quit."""
    from desktop.ui.sign_in_dialogs import SignInDialog

    dialog = SignInDialog(database, parent)
    dialog.exec()
    dialog.deleteLater()
    return dialog.actor


def ask_first_administrator(parent: QWidget | None, database: Database) -> Actor | None:
    """A database without accounts: create its administrator (None: the user chose to quit)."""
    from desktop.ui.sign_in_dialogs import FirstAdministratorDialog

    dialog = FirstAdministratorDialog(database, parent)
    dialog.exec()
    dialog.deleteLater()
    return dialog.actor


def ask_change_password(parent: QWidget | None, database: Database) -> bool:
    """The signed-in user changes their own password; True once changed."""
    from desktop.ui.sign_in_dialogs import ChangePasswordDialog

    dialog = ChangePasswordDialog(database, parent)
    accepted = dialog.exec() == ChangePasswordDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


def ask_account(
    parent: QWidget | None, database: Database, row: AccountRow | None
) -> AccountRow | None:
    """Add (`row` None) or edit a user account; the account as saved, or None."""
    from desktop.ui.account_dialog import AccountDialog

    dialog = AccountDialog(database, row, parent)
    dialog.exec()
    dialog.deleteLater()
    return dialog.saved


def ask_reset_password(parent: QWidget | None, database: Database, row: AccountRow) -> bool:
    """An administrator sets a new password for the account; True once set."""
    from desktop.ui.account_dialog import ResetPasswordDialog

    dialog = ResetPasswordDialog(database, row, parent)
    accepted = dialog.exec() == ResetPasswordDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


def choose_pdf_save_path(parent: QWidget | None, suggested_path: str) -> str | None:
    """Where to save a PDF: `suggested_path` is the folder and file name proposed."""
    path, _selected = QFileDialog.getSaveFileName(
        parent,
        _tr("Lưu báo cáo thành tệp PDF"),
        suggested_path,
        _tr("Tệp PDF (*.pdf)"),
    )
    return path or None


def choose_csv_save_path(parent: QWidget | None, suggested_path: str) -> str | None:
    """Where to save a CSV export: `suggested_path` is the folder and file name proposed."""
    path, _selected = QFileDialog.getSaveFileName(
        parent,
        _tr("Xuất nhật ký hệ thống ra tệp CSV"),
        suggested_path,
        _tr("Tệp CSV (*.csv)"),
    )
    return path or None


def ask_reason(parent: QWidget | None, title: str, prompt: str) -> str | None:
    """A required reason in a few lines (reopening finalised minutes…); None when cancelled."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    text = QPlainTextEdit(dialog)
    buttons = QDialogButtonBox(dialog)
    ok = buttons.addButton(_tr("Đồng ý"), QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(_tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
    ok.setEnabled(False)
    text.textChanged.connect(lambda: ok.setEnabled(bool(text.toPlainText().strip())))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    label = QLabel(prompt, dialog)
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(480, 220)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    reason = text.toPlainText().strip()
    dialog.deleteLater()
    return reason if accepted and reason else None


def ask_task_done(parent: QWidget | None, task: str, today: dt.date) -> tuple[dt.date, str] | None:
    """When a resolution's task was done and what came of it; None when cancelled."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

    from desktop.ui.widgets import DateLineEdit, ErrorLabel

    dialog = QDialog(parent)
    dialog.setWindowTitle(_tr("Ghi hoàn thành nhiệm vụ"))
    done_on = DateLineEdit(parent=dialog)
    done_on.set_value(today)
    note = QLineEdit(dialog)
    note.setMaxLength(300)
    error = ErrorLabel(dialog)
    buttons = QDialogButtonBox(dialog)
    buttons.addButton(_tr("Ghi"), QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(_tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)

    def accept() -> None:
        problem = done_on.parse_problem() or (None if done_on.date() else _tr("Ghi ngày hoàn thành."))
        error.show_message(problem)
        if problem is None:
            dialog.accept()

    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    label = QLabel(task, dialog)
    label.setWordWrap(True)
    form.addRow(_tr("Nhiệm vụ:"), label)
    form.addRow(_tr("Ngày hoàn thành:"), done_on)
    form.addRow("", error)
    form.addRow(_tr("Kết quả:"), note)
    form.addRow(buttons)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    answer = (done_on.date(), note.text().strip()) if accepted else None
    dialog.deleteLater()
    return answer  # type: ignore[return-value]


def choose_attachment_file(parent: QWidget | None, start_dir: str = "") -> str | None:
    """A file to keep with a record (scanned minutes, a signed resolution…)."""
    path, _selected = QFileDialog.getOpenFileName(
        parent, _tr("Chọn tệp đính kèm"), start_dir,
        _tr("Tài liệu (*.pdf *.docx *.doc *.xlsx *.jpg *.jpeg *.png *.txt);;Mọi tệp (*)"))
    return path or None


def choose_attachment_save_path(parent: QWidget | None, suggested_path: str) -> str | None:
    path, _selected = QFileDialog.getSaveFileName(parent, _tr("Lưu bản sao tệp đính kèm"), suggested_path)
    return path or None


def ask_print(parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
    """The print dialog on `printer` (pages 1..page_count); True when the user chose to print."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("In báo cáo"))
    option = QAbstractPrintDialog.PrintDialogOption
    dialog.setOptions(
        option.PrintToFile
        | option.PrintPageRange
        | option.PrintCurrentPage
        | option.PrintShowPageSize
        | option.PrintCollateCopies
    )
    dialog.setMinMax(1, max(1, page_count))
    return dialog.exec() == QPrintDialog.DialogCode.Accepted
