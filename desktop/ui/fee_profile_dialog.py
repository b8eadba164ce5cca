"""The fee profile of one member from a month on: category, base amount, area or group abroad,
voluntary surcharge (opened from the Đảng phí window for the selected member)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from desktop.badge_fee_texts import area_label, category_label, overseas_group_label
from desktop.db.database import Database
from desktop.models.fee_rules import FeeBasis
from desktop.models.fees import FeeArea, FeeCategory, OverseasGroup
from desktop.services.errors import ValidationFailed
from desktop.services.fees import fee_profiles, save_fee_profile
from desktop.ui import dialogs
from desktop.ui.badge_fee_widgets import refusal_text

_CONTEXT = "FeeProfileDialog"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class FeeProfileDialog(QDialog):
    def __init__(self, database: Database, member_id: int, member_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._member_id = member_id
        self.setWindowTitle(_tr("Mức đóng đảng phí"))
        self.start = QDateEdit(QDate.currentDate(), self)
        self.start.setDisplayFormat("MM/yyyy")
        self.category = QComboBox(self)
        for category in FeeCategory:
            self.category.addItem(category_label(category), category)
        self.base = QSpinBox(self)
        self.base.setRange(0, 2_000_000_000)
        self.base.setSingleStep(100_000)
        self.base.setSuffix(" đ")
        self.area = QComboBox(self)
        for area in FeeArea:
            self.area.addItem(area_label(area), area)
        self.group = QComboBox(self)
        for group in OverseasGroup:
            self.group.addItem(overseas_group_label(group), group)
        self.voluntary = QSpinBox(self)
        self.voluntary.setRange(0, 100_000_000)
        self.voluntary.setSingleStep(10_000)
        self.voluntary.setSuffix(" đ")
        current = fee_profiles(database, member_id)
        if current:
            last = current[-1]
            self.category.setCurrentIndex(list(FeeCategory).index(last.category))
            self.base.setValue(last.base_amount or 0)
            if last.area:
                self.area.setCurrentIndex(list(FeeArea).index(last.area))
            if last.overseas_group:
                self.group.setCurrentIndex(list(OverseasGroup).index(last.overseas_group))
            self.voluntary.setValue(last.voluntary_amount)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(member_name, self))
        form.addRow(_tr("Áp dụng từ tháng:"), self.start)
        form.addRow(_tr("Đối tượng:"), self.category)
        form.addRow(_tr("Lương, phụ cấp / lương hưu / thu nhập:"), self.base)
        form.addRow(_tr("Địa bàn (mức cố định):"), self.area)
        form.addRow(_tr("Nhóm (ở ngoài nước):"), self.group)
        form.addRow(_tr("Tự nguyện đóng thêm:"), self.voluntary)
        form.addRow(buttons)

    def basis(self) -> FeeBasis:
        return FeeBasis(self.category.currentData(), self.base.value() or None, self.area.currentData(),
                        self.group.currentData())

    def save(self) -> None:
        try:
            save_fee_profile(self._database, self._member_id, self.start.date().toPython(), self.basis(),
                             self.voluntary.value())
        except ValidationFailed as failed:
            dialogs.show_error(self, _tr("Chưa lưu"), refusal_text(failed.problems, {}))
            return
        self.accept()
