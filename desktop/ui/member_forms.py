"""The member forms open in the workspace: one window per record, any number of new ones."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop.db.database import Database
from desktop.services.errors import RecordNotFound
from desktop.ui import dialogs
from desktop.ui.member_form import MemberForm

_CONTEXT = "MemberForm"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class MemberFormRegistry(QObject):
    saved = Signal(object)  # MemberRecord, from whichever form saved

    def __init__(self, database: Database, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._database = database
        self._parent_widget = parent_widget
        self._forms: list[MemberForm] = []

    def forms(self) -> list[MemberForm]:
        return list(self._forms)

    def _track(self, form: MemberForm) -> MemberForm:
        self._forms.append(form)
        form.saved.connect(self.saved)
        form.destroyed.connect(lambda _obj=None, f=form: self._forget(f))
        form.finished.connect(lambda _result, f=form: self._forget(f))
        form.show()
        form.raise_()
        form.activateWindow()
        return form

    def _forget(self, form: MemberForm) -> None:
        if form in self._forms:
            self._forms.remove(form)

    def open_new(self, cell_id: int | None) -> MemberForm:
        return self._track(MemberForm(self._database, None, cell_id, self._parent_widget))

    def open_existing(self, member_id: int) -> MemberForm | None:
        """Bring the member's form to the front, opening it if needed."""
        for form in self._forms:
            if form.member_id == member_id:
                form.show()
                form.raise_()
                form.activateWindow()
                return form
        try:
            form = MemberForm(self._database, member_id, None, self._parent_widget)
        except RecordNotFound:
            dialogs.show_error(
                self._parent_widget,
                _tr("Không mở được hồ sơ"),
                _tr("Hồ sơ này không còn trong cơ sở dữ liệu (có thể đã bị xóa)."),
            )
            return None
        return self._track(form)

    def close_all(self) -> bool:
        """Close every form, asking about unsaved changes; False if the user kept one open."""
        for form in list(self._forms):
            if not form.close():
                return False
        return True
