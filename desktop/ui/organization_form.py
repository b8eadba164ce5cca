"""Adding a party organisation under another one, or editing one (a window-modal dialog)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.document_header import default_issuer_code, default_issuer_name
from desktop.models.enums import OrgKind
from desktop.models.organization_rules import DOCUMENT_FIELDS
from desktop.services.access import PermissionDenied
from desktop.services.document_issuer import issuer_for
from desktop.services.errors import ConcurrentEdit, RecordNotFound, ValidationFailed
from desktop.services.organization_editing import (
    KindChoices,
    OrganizationDraft,
    OrganizationRecord,
    area_type_choices,
    create_organization,
    get_organization,
    kind_choices_for_edit,
    update_organization,
)
from desktop.texts import (
    concurrent_edit_message,
    organization_field_label,
    permission_denied_message,
    problem_message,
)
from desktop.ui import dialogs
from desktop.ui.member_fields import BoolField, ChoiceField, DateField, EnumField, Field, TextField
from desktop.ui.widgets import ErrorLabel, save_and_close_buttons

_CONTEXT = "OrganizationForm"
REQUIRED = ("code", "name", "kind")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _fields(database: Database, kinds: tuple[OrgKind, ...]) -> list[Field]:
    code = TextField("code", 40)
    code.editor.setPlaceholderText(_tr("chữ cái không dấu, chữ số, . - _ (ví dụ DBK.01.002)"))
    name = TextField("name", 200)
    name.editor.setPlaceholderText(_tr("ví dụ Chi bộ Vụ Tổng hợp"))
    decision = TextField("established_decision_ref", 100)
    decision.editor.setPlaceholderText(_tr("số và ký hiệu, ví dụ 125-QĐ/ĐUK"))
    phone = TextField("phone", 40)
    phone.editor.setPlaceholderText(_tr("ví dụ 024 3825 1234"))
    return [
        code,
        name,
        TextField("short_name", 100),
        EnumField("kind", OrgKind, optional=True, values=kinds),
        DateField("established_date"),
        decision,
        ChoiceField("area_type", area_type_choices(database), editable=True),
        BoolField("is_overseas", _tr("Có (hoạt động ngoài lãnh thổ Việt Nam)")),
        TextField("country", 100),
        TextField("address", 300),
        phone,
        TextField("email", 200),
        # Thể thức văn bản (§7): blank prints the default shown as the placeholder.
        TextField("issuer_name", 200),
        TextField("issuer_code", 20),
        TextField("superior_name", 200),
        TextField("place_name", 100),
    ]


class OrganizationForm(QDialog):
    """Emits `saved(org_id, parent_id)` after a successful save, then closes."""

    saved = Signal(int, object)

    def __init__(
        self,
        database: Database,
        org_id: int | None,
        parent_id: int | None,
        choices: KindChoices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._database = database
        self.org_id = org_id
        self.parent_id = parent_id
        self.record: OrganizationRecord | None = None

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.general_error = ErrorLabel()
        self.fields: dict[str, Field] = {
            item.name: item for item in _fields(database, choices.kinds)
        }
        self.parent_label = QLabel(choices.parent_name or _tr("(tổ chức cấp cao nhất)"))
        self.parent_label.setWordWrap(True)
        self.save_button, self.close_button = save_and_close_buttons(
            self, _tr("Lưu thông tin tổ chức (Ctrl+S)"), self.save
        )
        overseas = self.fields["is_overseas"].editor
        overseas.toggled.connect(self._overseas_toggled)
        self.fields["name"].editor.textChanged.connect(self._show_document_defaults)
        self.fields["kind"].editor.currentIndexChanged.connect(self._show_document_defaults)
        self._layout()

        if org_id is None:
            self.setWindowTitle(_tr("Thêm tổ chức đảng"))
            self.heading.setText(_tr("Tổ chức đảng mới"))
            self._load(OrganizationDraft())
        else:
            self.record = get_organization(database, org_id)
            self.parent_id = self.record.parent_id
            self.setWindowTitle(
                _tr("Sửa thông tin tổ chức — {name}").format(name=self.record.draft.name)
            )
            self.heading.setText(self.record.draft.name)
            self._load(self.record.draft)
        self._show_inherited_settings(choices.parent_name)
        self._snapshot = self._current_snapshot()
        self.fields["code" if org_id is None else "name"].editor.setFocus()
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.sizeHint().height())

    @classmethod
    def for_existing(
        cls, database: Database, org_id: int, parent: QWidget | None = None
    ) -> OrganizationForm:
        """The form of an existing organisation (its parent is read with the record)."""
        return cls(database, org_id, None, kind_choices_for_edit(database, org_id), parent)

    def _layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(organization_field_label("parent_id"), self.parent_label)
        self.document_group = QGroupBox(_tr("Thể thức văn bản"))
        document_form = QFormLayout(self.document_group)
        document_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        document_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for item in self.fields.values():
            text = organization_field_label(item.name) + (" *" if item.name in REQUIRED else "")
            caption = QLabel(text)
            caption.setBuddy(item.editor)
            (document_form if item.name in DOCUMENT_FIELDS else form).addRow(caption, item.container)
        form.addRow(self.document_group)
        required = QLabel(_tr("Các mục có dấu * là bắt buộc."))
        required.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(required, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.general_error)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def _load(self, draft: OrganizationDraft) -> None:
        for item in self.fields.values():
            item.load(draft)
        self._overseas_toggled(draft.is_overseas)
        self._show_document_defaults()

    def _overseas_toggled(self, checked: bool) -> None:
        self.fields["country"].editor.setEnabled(checked)

    def _show_document_defaults(self) -> None:
        """What the header prints while a field is blank, for the name and kind as typed."""
        kind = self.fields["kind"].editor.currentData()
        name = self.fields["name"].editor.text().strip()
        issuer = default_issuer_name(name, kind) if name else ""
        code = default_issuer_code(kind) if isinstance(kind, OrgKind) else ""
        self.fields["issuer_name"].editor.setPlaceholderText(
            _tr("mặc định: {value}").format(value=issuer) if issuer else ""
        )
        self.fields["issuer_code"].editor.setPlaceholderText(
            _tr("mặc định: {value}").format(value=code) if code else _tr("ví dụ ĐUK, ĐU, CB")
        )

    def _show_inherited_settings(self, parent_name: str | None) -> None:
        """The superior and place a blank field takes from the parent."""
        superior = self.fields["superior_name"].editor
        place = self.fields["place_name"].editor
        if parent_name:
            superior.setPlaceholderText(_tr("mặc định: {value}").format(value=parent_name))
        else:
            superior.setPlaceholderText(_tr("tổ chức đảng cấp trên, in ở dòng đầu của tiêu đề"))
        inherited = issuer_for(self._database, self.parent_id).place_name if self.parent_id else None
        if inherited:
            place.setPlaceholderText(_tr("theo cấp trên: {value}").format(value=inherited))
        else:
            place.setPlaceholderText(_tr("nơi cơ quan ban hành đóng trụ sở, ví dụ Hà Nội"))

    def _current_snapshot(self) -> tuple[object, ...]:
        return tuple(item.snapshot() for item in self.fields.values())

    def is_dirty(self) -> bool:
        return self._current_snapshot() != self._snapshot

    # -- saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Validate and store in one service call; closes the dialog when saved."""
        self._show_problems([])
        unreadable = [(item.name, text) for item in self.fields.values() if (text := item.input_problem())]
        if unreadable:
            self._show_problems(unreadable)
            return False
        values: dict[str, Any] = {}
        for item in self.fields.values():
            item.store(values)
        if not values["is_overseas"]:
            values["country"] = None  # the country of an organisation at home is not kept
        try:
            if self.record is None:
                org_id = create_organization(self._database, self.parent_id, OrganizationDraft(**values))
            else:
                assert self.org_id is not None
                draft = replace(self.record.draft, **values)
                update_organization(self._database, self.org_id, self.record.version, draft)
                org_id = self.org_id
        except ValidationFailed as failed:
            self._show_problems([(p.field, problem_message(p)) for p in failed.problems])
            return False
        except ConcurrentEdit:
            if dialogs.ask_reload_after_conflict(self, concurrent_edit_message()):
                self._reload()
            return False
        except RecordNotFound:
            dialogs.show_error(
                self,
                _tr("Không lưu được"),
                _tr("Tổ chức này không còn trong cơ sở dữ liệu (có thể đã bị xóa)."),
            )
            return False
        except PermissionDenied:
            dialogs.show_error(self, _tr("Không lưu được"), permission_denied_message())
            return False
        self._snapshot = self._current_snapshot()
        self.saved.emit(org_id, self.parent_id)
        self.accept()
        return True

    def _reload(self) -> None:
        assert self.org_id is not None
        self.record = get_organization(self._database, self.org_id)
        self._load(self.record.draft)
        self._snapshot = self._current_snapshot()
        self._show_problems([])

    def _show_problems(self, problems: list[tuple[str, str]]) -> None:
        """Each message under its field (the first one focused); others above the form."""
        for item in self.fields.values():
            item.error.show_message(None)
        if not problems:
            self.general_error.show_message(None)
            return
        messages: dict[str, list[str]] = {}
        general: list[str] = []
        for name, text in problems:
            if name in self.fields:
                messages.setdefault(name, []).append(text)
            else:
                general.append(text)
        first: Field | None = None
        for item in self.fields.values():  # form order: "first" is the first on screen
            if item.name in messages:
                item.error.show_message("\n".join(messages[item.name]))
                first = first or item
        summary = _tr("Chưa lưu: có {count} chỗ cần sửa (ghi màu đỏ dưới từng mục).").format(
            count=len(problems)
        )
        self.general_error.show_message("\n".join([summary, *general]))
        if first is not None:
            first.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every red line (wrapped labels do not raise a window's minimum height)."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    # -- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Close and the window's X: ask before dropping changes."""
        if self.is_dirty() and not dialogs.ask_discard_changes(self):
            return
        self._snapshot = self._current_snapshot()
        super().reject()

