"""The import dialog: choose a spreadsheet, check how its columns map to the fields (fix or
complete the mapping, keep it for the next file with the same titles), check the file, import.

Reading, checking and importing run on a worker thread behind a progress dialog with Hủy.
Nothing is written unless every row passes; the problems are listed here (row, column, value,
message) and can be saved as an .xlsx file to fix the source. The rules are the services'
(desktop.services.tabular); this dialog only gathers the choices and shows the outcome.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.services.access import PermissionDenied
from desktop.services.errors import OperationCancelled
from desktop.services.tabular import mappings
from desktop.services.tabular.member_import import import_members
from desktop.services.tabular.org_import import import_organizations
from desktop.services.tabular.outcome import ExistingPolicy, ImportOptions, ImportOutcome
from desktop.services.tabular.preview import (
    FilePreview,
    is_required,
    mappable_columns,
    preview_file,
)
from desktop.services.tabular.problem_list import write_problem_list
from desktop.services.tabular.values import shown
from desktop.services.tabular.workbook import column_letter
from desktop.texts import permission_denied_message, problem_message
from desktop.ui import dialogs
from desktop.ui.tasks import TaskContext, WindowWork

_CONTEXT = "ImportDialog"
NOT_IMPORTED = -1
COL_FIELD, COL_SOURCE, COL_SAMPLE = range(3)
_POLICY = {True: ExistingPolicy.UPDATE, False: ExistingPolicy.SKIP}  # "cập nhật" ticked or not


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class ImportDialog(QDialog):
    """Import members (kind mappings.MEMBERS) or organisations (mappings.ORGANIZATIONS)."""

    imported = Signal(object)  # the ImportOutcome of an import that was written

    def __init__(
        self, database: Database, kind: str, organization_id: int | None, organization_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database, self.kind = database, kind
        self.organization_id = organization_id
        self.work = WindowWork(self, self.reject)
        self.work.changed.connect(self._update_buttons)
        self.preview: FilePreview | None = None
        self.outcome: ImportOutcome | None = None
        members = kind == mappings.MEMBERS
        self.setWindowTitle(_tr("Nhập đảng viên từ tệp Excel") if members else _tr("Nhập tổ chức đảng từ tệp Excel"))
        self.columns = mappable_columns(kind)

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(_tr("Chọn tệp .xlsx, .xls, .ods hoặc .csv"))
        self.choose_button = QPushButton(_tr("&Chọn tệp…"))
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose_button)
        self.where = QLabel(organization_name or _tr("Toàn bộ hệ thống tổ chức"))
        self.where.setWordWrap(True)
        top = QFormLayout()
        top.addRow(_tr("Tệp:"), file_row)
        top.addRow(_tr("Nhập vào:") if members else _tr("Cấp trên khi tệp không ghi:"), self.where)

        self.skip = QRadioButton(_tr("&Bỏ qua, giữ nguyên như trong cơ sở dữ liệu"))
        self.update = QRadioButton(_tr("Cậ&p nhật theo tệp (ô để trống không xóa dữ liệu đã có)"))
        self.skip.setChecked(True)
        policy = QButtonGroup(self)
        policy.addButton(self.skip)
        policy.addButton(self.update)
        options = QGroupBox(_tr("Đảng viên đã có (trùng số thẻ hoặc số định danh cá nhân)") if members
                            else _tr("Tổ chức đã có (trùng mã)"))
        options_layout = QVBoxLayout(options)
        options_layout.addWidget(self.skip)
        options_layout.addWidget(self.update)
        self.create_cells = QCheckBox(_tr("&Tạo chi bộ chưa có (trong tổ chức trên)"))
        self.create_cells.setVisible(members)
        options_layout.addWidget(self.create_cells)

        self.mapping_table = QTableWidget(len(self.columns), 3)
        self.mapping_table.setHorizontalHeaderLabels([_tr("Mục"), _tr("Cột trong tệp"), _tr("Giá trị dòng đầu")])
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_SAMPLE, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        for line, column in enumerate(self.columns):
            title = column.title + (" *" if is_required(kind, column) else "")
            self.mapping_table.setItem(line, COL_FIELD, QTableWidgetItem(title))
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _index, row=line: self._show_sample(row))
            self.combos[column.key] = combo
            self.mapping_table.setCellWidget(line, COL_SOURCE, combo)
            self.mapping_table.setItem(line, COL_SAMPLE, QTableWidgetItem(""))
        self.mapping_note = QLabel(_tr("Mục có dấu * là bắt buộc. Chọn cột của tệp cho từng mục, "
                                       "hoặc “— không nhập —”."))
        self.mapping_note.setWordWrap(True)
        self.remember = QCheckBox(_tr("&Ghi nhớ cách ghép cột này cho các tệp có cùng tiêu đề cột"))

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QTableWidget(0, 4)
        self.problems.setHorizontalHeaderLabels([_tr("Dòng"), _tr("Cột"), _tr("Giá trị"), _tr("Lỗi")])
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setWordWrap(True)
        problem_header = self.problems.horizontalHeader()
        for column in range(3):
            problem_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        problem_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.save_problems_button = QPushButton(_tr("&Lưu danh sách lỗi…"))
        self.save_problems_button.clicked.connect(self.save_problems)

        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton(_tr("&Kiểm tra"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton(_tr("&Nhập"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(_tr("Đóng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.check_button.clicked.connect(lambda: self.run_import(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run_import(dry_run=False))
        self.close_button.clicked.connect(self.reject)

        self._layout(top, options, buttons)
        self._update_buttons()
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 150, metrics.height() * 44)

    def _layout(self, top: QFormLayout, options: QGroupBox, buttons: QDialogButtonBox) -> None:
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(options)
        upper_layout.addWidget(self.mapping_table, 1)
        upper_layout.addWidget(self.mapping_note)
        upper_layout.addWidget(self.remember)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.summary)
        lower_layout.addWidget(self.problems, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_problems_button)
        lower_layout.addLayout(save_row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    # -- the file and its mapping ------------------------------------------------------------

    def choose_file(self) -> None:
        chosen = dialogs.choose_spreadsheet_file(self, str(Path(self.file.text()).parent) if self.file.text() else "")
        if chosen:
            self.load(chosen)

    def load(self, path: str) -> None:
        """Read the titles and first rows of `path` (on the worker) and show the mapping."""
        if self.work.busy():
            return
        self.file.setText(path)
        self.outcome = None
        self._show_outcome(None)
        database, kind = self.database, self.kind
        self._run(lambda _context: preview_file(database, Path(path), kind), self._loaded,
                  _tr("Đang đọc tệp {name}…").format(name=Path(path).name))

    def _loaded(self, result: object, error: object) -> None:
        if self._failed(error):
            return
        assert isinstance(result, FilePreview)
        self.preview = result
        if result.problem is not None:
            self.summary.setText(problem_message(result.problem))
        choices = [_tr("— không nhập —")] + [
            f"{column_letter(index)}: {title}" if title else column_letter(index)
            for index, title in enumerate(result.titles)
        ]
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(choices)
            index = result.mapping.get(key)
            combo.setCurrentIndex(index + 1 if index is not None and index < len(result.titles) else 0)
            combo.blockSignals(False)
        for row in range(len(self.columns)):
            self._show_sample(row)
        widest = max((combo.sizeHint().width() for combo in self.combos.values()), default=0)
        self.mapping_table.setColumnWidth(COL_SOURCE, widest + 8)
        self.remember.setChecked(False)
        if result.saved:
            self.mapping_note.setText(_tr("Đã dùng cách ghép cột được ghi nhớ cho các tệp có tiêu đề như tệp này."))
        self._update_buttons()

    def _show_sample(self, row: int) -> None:
        column = self.combos[self.columns[row].key].currentIndex() - 1
        samples = self.preview.samples if self.preview is not None else []
        value = shown(samples[0][column]) if samples and 0 <= column < len(samples[0]) else ""
        self.mapping_table.item(row, COL_SAMPLE).setText(value)

    def mapping(self) -> dict[str, int]:
        return {key: combo.currentIndex() - 1 for key, combo in self.combos.items() if combo.currentIndex() > 0}

    # -- checking and importing -----------------------------------------------------------------

    def options(self, dry_run: bool) -> ImportOptions:
        return ImportOptions(
            organization_id=self.organization_id,
            existing=_POLICY[self.update.isChecked()],
            create_missing_cells=self.create_cells.isChecked() and self.kind == mappings.MEMBERS,
            dry_run=dry_run, mapping=self.mapping(),
        )

    def run_import(self, dry_run: bool) -> None:
        if self.work.busy() or self.preview is None or not self.file.text():
            return
        path, options, database = Path(self.file.text()), self.options(dry_run), self.database
        run = import_members if self.kind == mappings.MEMBERS else import_organizations
        if self.remember.isChecked() and self.preview.titles:
            try:
                mappings.save_mapping(database, self.kind, self.preview.signature, self.preview.titles, options.mapping or {})
            except PermissionDenied:
                dialogs.show_error(self, _tr("Không có quyền"), permission_denied_message())
                return

        def work(context: TaskContext) -> ImportOutcome:
            return run(database, path, options, progress=context.progress, cancelled=context.cancelled)

        label = _tr("Đang kiểm tra {name}…") if dry_run else _tr("Đang nhập {name}…")
        self._run(work, lambda result, error: self._imported(dry_run, result, error),
                  label.format(name=path.name))

    def _imported(self, dry_run: bool, result: object, error: object) -> None:
        if isinstance(error, OperationCancelled):
            self.summary.setText(_tr("Đã hủy: chưa có dữ liệu nào được ghi."))
            return
        if self._failed(error):
            return
        assert isinstance(result, ImportOutcome)
        self.outcome = result
        self._show_outcome(result, dry_run)
        if result.written:
            self.imported.emit(result)

    def _show_outcome(self, outcome: ImportOutcome | None, dry_run: bool = False) -> None:
        self.problems.setRowCount(0)
        if outcome is None:
            self.summary.setText("")
            self._update_buttons()
            return
        locale = QLocale()
        counts = _tr("{created} mới, {updated} cập nhật, {skipped} đã có nên bỏ qua").format(
            created=locale.toString(outcome.created), updated=locale.toString(outcome.updated),
            skipped=locale.toString(outcome.skipped))
        if outcome.organizations_created:
            counts += _tr(", {count} chi bộ mới").format(count=locale.toString(outcome.organizations_created))
        if outcome.problems:
            total = len(outcome.problems) + outcome.more_problems
            self.summary.setText(_tr(
                "Tệp có {count} lỗi: chưa có dữ liệu nào được ghi. Hãy sửa tệp theo danh sách dưới đây "
                "(có thể lưu thành tệp Excel) rồi nhập lại."
            ).format(count=locale.toString(total)))
        elif dry_run:
            self.summary.setText(_tr("Đã kiểm tra {rows} dòng: không có lỗi. Khi nhập sẽ có {counts}.").format(
                rows=locale.toString(outcome.rows), counts=counts))
        else:
            self.summary.setText(_tr("Đã nhập {rows} dòng: {counts}.").format(
                rows=locale.toString(outcome.rows), counts=counts))
        self.problems.setRowCount(len(outcome.problems))
        for line, problem in enumerate(outcome.problems):
            values = (str(problem.row) if problem.row else "", problem.column, problem.value,
                      problem_message(problem.problem))
            for column, text in enumerate(values):
                self.problems.setItem(line, column, QTableWidgetItem(text))
        self._update_buttons()

    def save_problems(self) -> None:
        outcome = self.outcome
        if outcome is None or not outcome.problems:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        source = Path(self.file.text())
        chosen = dialogs.choose_xlsx_save_path(self, str(Path(folder) / f"{source.stem}-loi.xlsx"))
        if not chosen:
            return
        try:
            write_problem_list(Path(chosen), outcome, source.name, problem_message)
        except OSError as error:
            dialogs.show_error(self, _tr("Không lưu được"), _tr("Không ghi được tệp {path}: {reason}").format(
                path=chosen, reason=error.strerror or error))
            return
        self.summary.setText(self.summary.text() + " " + _tr("Đã lưu danh sách lỗi vào {path}.").format(path=chosen))

    # -- background work --------------------------------------------------------------------------

    def busy(self) -> bool:
        return self.work.busy()

    def _run(self, work, on_done, label: str) -> None:  # type: ignore[no-untyped-def]
        self.work.run(work, on_done, label)

    def _failed(self, error: object) -> bool:
        if error is None:
            return False
        if isinstance(error, PermissionDenied):
            dialogs.show_error(self, _tr("Không có quyền"), permission_denied_message())
        elif isinstance(error, Exception):
            dialogs.show_error(self, _tr("Không nhập được"), f"{type(error).__name__}: {error}")
        else:
            raise error  # type: ignore[misc]  # KeyboardInterrupt, SystemExit
        return True

    def _update_buttons(self) -> None:
        idle = not self.work.busy()
        ready = idle and self.preview is not None and self.preview.problem is None
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.choose_button.setEnabled(idle)
        self.save_problems_button.setEnabled(idle and self.outcome is not None and bool(self.outcome.problems))

    def reject(self) -> None:
        if self.work.busy():  # stop the work first; the dialog closes once it has
            self.work.close_when_done()
            return
        super().reject()
