"""The candidate's profile on the admission window: entered once, taken by the member record
at the ceremony."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QPushButton, QWidget

from desktop.db.database import Database
from desktop.models.catalogues import ETHNICITIES, RELIGIONS
from desktop.models.enums import Gender
from desktop.services import clock
from desktop.services.admission import CandidateDraft, CaseRecord, create_case, update_case
from desktop.services.errors import ConcurrentEdit, ValidationFailed
from desktop.texts import concurrent_edit_message, problem_message
from desktop.ui.cell_picker import CellPicker
from desktop.ui.widgets import DateLineEdit, ErrorLabel


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdmissionCandidate", text)


class CandidateForm(QGroupBox):
    """New candidate or the profile of the open case; `saved` carries the saved case."""

    saved = Signal(object)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Thông tin quần chúng"), parent)
        self._database = database
        self._record: CaseRecord | None = None
        self.full_name = QLineEdit()
        self.full_name.setMaxLength(100)
        self.gender = QComboBox()
        self.gender.addItem(_tr("Nam"), Gender.MALE)
        self.gender.addItem(_tr("Nữ"), Gender.FEMALE)
        self.date_of_birth = DateLineEdit(partial=True)
        self.national_id = QLineEdit()
        self.national_id.setMaxLength(14)
        self.cell = CellPicker(database)
        self.listed_date = DateLineEdit()
        self.birth_place = QLineEdit()
        self.home_town = QLineEdit()
        self.current_address = QLineEdit()
        self.phone = QLineEdit()
        self.ethnicity = QComboBox()
        self.ethnicity.addItems(list(ETHNICITIES))
        self.religion = QComboBox()
        self.religion.addItems(list(RELIGIONS))
        self.occupation = QLineEdit()
        self.general_education = QLineEdit()
        self.general_education.setPlaceholderText("12/12")
        self.work_unit = QLineEdit()
        self.youth_union_join_date = DateLineEdit()
        self.error = ErrorLabel()
        self.save_button = QPushButton(_tr("Lưu thông tin quần chúng"))
        self.save_button.clicked.connect(self.save)
        layout = QFormLayout(self)
        for label, widget in (
            (_tr("Họ và tên"), self.full_name), (_tr("Giới tính"), self.gender),
            (_tr("Ngày sinh"), self.date_of_birth), (_tr("Số định danh cá nhân"), self.national_id),
            (_tr("Chi bộ xem xét"), self.cell), (_tr("Ngày chi bộ đưa vào danh sách"), self.listed_date),
            (_tr("Nơi sinh"), self.birth_place), (_tr("Quê quán"), self.home_town),
            (_tr("Nơi ở hiện nay"), self.current_address), (_tr("Điện thoại"), self.phone),
            (_tr("Dân tộc"), self.ethnicity), (_tr("Tôn giáo"), self.religion),
            (_tr("Nghề nghiệp"), self.occupation), (_tr("Giáo dục phổ thông"), self.general_education),
            (_tr("Đơn vị công tác"), self.work_unit), (_tr("Ngày vào Đoàn"), self.youth_union_join_date),
        ):
            layout.addRow(label, widget)
        layout.addRow(self.error)
        layout.addRow(self.save_button)
        self.load(None)

    def load(self, record: CaseRecord | None) -> None:
        self._record = record
        draft = record.draft if record else CandidateDraft(listed_date=clock.today())
        self.setTitle(_tr("Thông tin quần chúng") if record else _tr("Quần chúng mới"))
        self.full_name.setText(draft.full_name)
        self.gender.setCurrentIndex(max(0, self.gender.findData(draft.gender)))
        self.date_of_birth.set_value(draft.date_of_birth, draft.dob_precision)
        self.national_id.setText(draft.national_id or "")
        self.cell.set_cell_id(draft.cell_id)
        self.listed_date.set_value(draft.listed_date)
        for name in ("birth_place", "home_town", "current_address", "phone", "occupation",
                     "general_education", "work_unit"):
            getattr(self, name).setText(getattr(draft, name) or "")
        self.ethnicity.setCurrentText(draft.ethnicity)
        self.religion.setCurrentText(draft.religion)
        self.youth_union_join_date.set_value(draft.youth_union_join_date)
        self.error.show_message(None)
        self.set_editable(record is None or record.is_open)

    def set_editable(self, editable: bool) -> None:
        self.save_button.setEnabled(editable)

    def _draft(self) -> CandidateDraft | None:
        for edit in (self.date_of_birth, self.listed_date, self.youth_union_join_date):
            if (problem := edit.parse_problem()) is not None:
                self.error.show_message(problem)
                edit.setFocus()
                return None
        born, precision = self.date_of_birth.value()
        return CandidateDraft(
            full_name=self.full_name.text(), gender=self.gender.currentData(), date_of_birth=born,
            dob_precision=precision, cell_id=self.cell.cell_id(), listed_date=self.listed_date.date(),
            national_id=self.national_id.text(), birth_place=self.birth_place.text(),
            home_town=self.home_town.text(), current_address=self.current_address.text(), phone=self.phone.text(),
            ethnicity=self.ethnicity.currentText(), religion=self.religion.currentText(),
            occupation=self.occupation.text(), general_education=self.general_education.text(),
            work_unit=self.work_unit.text(), youth_union_join_date=self.youth_union_join_date.date(),
        )

    def save(self) -> None:
        draft = self._draft()
        if draft is None:
            return
        try:
            if self._record is None:
                record = create_case(self._database, draft)
            else:
                record = update_case(self._database, self._record.id, self._record.version, draft)
        except ValidationFailed as error:
            self.error.show_message("\n".join(problem_message(problem) for problem in error.problems))
            return
        except ConcurrentEdit:
            self.error.show_message(concurrent_edit_message())
            return
        self.load(record)
        self.saved.emit(record)
