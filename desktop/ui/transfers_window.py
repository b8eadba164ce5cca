"""The "Chuyển sinh hoạt đảng" window (menu Nghiệp vụ): the transfers not yet received or still
running, overdue ones in red, with filters; a new transfer (out, temporary, between cells, an
arrival), the receipt, the end of a temporary stay, a cancellation; the introduction letter
previewed and saved as PDF.

Every action goes through desktop.services.transfers, which checks the rules, the permission
and the scope; the list is desktop.services.transfer_list, paged in SQL.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.permissions import Permission
from desktop.models.transfers import TransferDirection, TransferKind, TransferState
from desktop.services.access import PermissionDenied
from desktop.services.transfer_list import (
    TransferListQuery,
    TransferRow,
    count_transfers,
    member_transfers,
)
from desktop.services.transfers import cancel_transfer, confirm_receipt, end_temporary_stay
from desktop.texts import permission_denied_message
from desktop.transfer_texts import deadline_basis, deadline_text, transfer_label
from desktop.ui import dialogs, printing
from desktop.ui.pdf_preview import PdfPreview
from desktop.ui.report_files import delete_quietly, new_preview_path, preview_folder, save_copy
from desktop.ui.transfer_closing import ClosingDialog
from desktop.ui.transfer_dialog import TransferDialog, TransferMode, mode_title
from desktop.ui.transfer_table_model import COL_FROM, COL_NAME, COL_TO, TransferTableModel

_CONTEXT = "TransfersWindow"
_OPEN = "OPEN"
_ALL = "ALL"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class TransfersWindow(QMainWindow):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.database = database
        self.setWindowTitle(_tr("Chuyển sinh hoạt đảng"))
        self.letter_path: Path | None = None
        self.letter_transfer_id: int | None = None
        self.print_job: printing.PdfPrintJob | None = None
        self._close_when_printed = False
        actor = database.actor
        self.may_edit = actor is not None and actor.may(Permission.EDIT_REGISTER)

        self.direction = QComboBox()
        self.direction.addItem(_tr("Mọi loại"), None)
        for value in TransferDirection:
            self.direction.addItem(transfer_label(value), value)
        self.kind = QComboBox()
        self.kind.addItem(_tr("Chính thức và tạm thời"), None)
        for value in TransferKind:
            self.kind.addItem(transfer_label(value), value)
        self.state = QComboBox()
        self.state.addItem(_tr("Đang chờ (chưa tiếp nhận, đang tạm thời)"), _OPEN)
        for value in TransferState:
            self.state.addItem(transfer_label(value), value)
        self.state.addItem(_tr("Mọi tình trạng"), _ALL)
        self.overdue = QCheckBox(_tr("Chỉ quá hạn"))
        for combo in (self.direction, self.kind, self.state):
            # Narrow enough for the letter beside the list; the open list shows the whole text.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            combo.currentIndexChanged.connect(self.apply_filters)
        self.overdue.toggled.connect(self.apply_filters)
        self.count_label = QLabel()

        self.model = TransferTableModel(database, self._query())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column in (COL_FROM, COL_TO):
            self.table.setColumnWidth(column, 250)
        self.table.setColumnWidth(COL_NAME, 170)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(lambda _index: self.show_letter())

        self._build_actions()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = PdfPreview(hint=_tr("Chọn một lần chuyển trong danh sách rồi bấm “Xem giấy giới thiệu”."))

        filters = QHBoxLayout()
        for widget in (QLabel(_tr("Loại")), self.direction, QLabel(_tr("Hình thức")), self.kind,
                       QLabel(_tr("Tình trạng")), self.state, self.overdue):
            filters.addWidget(widget)
        filters.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.count_label)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.details)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        preview_bar = QToolBar()
        preview_bar.setMovable(False)
        self.preview.add_zoom_controls(preview_bar)
        preview_bar.addWidget(self.preview.page_label)
        right_layout.addWidget(preview_bar)
        right_layout.addWidget(self.preview, 1)
        # The list on the left, the letter (an A4 page, portrait) on the right.
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(top)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 520])
        self.setCentralWidget(splitter)
        self.resize(1300, 800)
        self._update_count()
        self._update_actions()

    # -- building -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        toolbar = QToolBar()
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.new_menu = QMenu(self)
        self.new_actions: dict[TransferMode, QAction] = {}
        for mode in TransferMode:
            action = self.new_menu.addAction(mode_title(mode) + "…")
            action.triggered.connect(lambda _checked=False, chosen=mode: self.new_transfer(chosen))
            self.new_actions[mode] = action
        self.new_button = QToolButton()
        self.new_button.setText(_tr("Chuyển sinh hoạt mới"))
        self.new_button.setMenu(self.new_menu)
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_button.setEnabled(self.may_edit)
        toolbar.addWidget(self.new_button)

        def add(text: str, tip: str, slot) -> QAction:  # type: ignore[no-untyped-def]
            action = QAction(text, self)
            action.setIconText(text)
            action.setToolTip(tip)
            action.triggered.connect(slot)
            toolbar.addAction(action)
            return action

        self.receive_action = add(_tr("Xác nhận đã tiếp nhận…"),
                                  _tr("Nơi đến đã nhận đảng viên và giấy giới thiệu"), self.confirm)
        self.return_action = add(_tr("Kết thúc sinh hoạt tạm thời…"),
                                 _tr("Đảng viên trở về sinh hoạt tại chi bộ"), self.end_stay)
        self.cancel_action = add(_tr("Hủy giấy giới thiệu…"),
                                 _tr("Thu hồi giấy giới thiệu nơi đến chưa tiếp nhận"), self.cancel)
        toolbar.addSeparator()
        self.letter_action = add(_tr("Xem giấy giới thiệu"),
                                 _tr("Giấy giới thiệu sinh hoạt đảng của dòng đang chọn"), self.show_letter)
        self.print_action = add(_tr("In…"), _tr("In giấy giới thiệu đang xem (Ctrl+P)"), self.print_letter)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.save_action = add(_tr("Lưu PDF…"), _tr("Lưu giấy giới thiệu đang xem thành tệp PDF"), self.save_letter)
        toolbar.addSeparator()
        self.refresh_action = add(_tr("Làm mới"), _tr("Đọc lại danh sách"), self.refresh)

    # -- list ---------------------------------------------------------------------------

    def _query(self) -> TransferListQuery:
        state = self.state.currentData()
        states: tuple[TransferState, ...] | None
        if state == _OPEN:
            states = None
        elif state == _ALL:
            states = tuple(TransferState)
        else:
            states = (state,)
        return TransferListQuery(direction=self.direction.currentData(), kind=self.kind.currentData(),
                                 states=states, overdue_only=self.overdue.isChecked())

    def apply_filters(self) -> None:
        self.model.set_query(self._query())
        self._update_count()
        self._update_actions()

    def refresh(self) -> None:
        self.model.refresh()
        self._update_count()
        self._update_actions()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        query = self.model.query
        overdue = total if query.overdue_only else count_transfers(
            self.database, TransferListQuery(direction=query.direction, kind=query.kind,
                                             states=query.states, overdue_only=True))
        self.count_label.setText(_tr("{total} lần chuyển, {overdue} quá hạn").format(total=total, overdue=overdue))

    def selected_row(self) -> TransferRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_transfer(self, transfer_id: int) -> bool:
        for row in range(self.model.rowCount()):
            found = self.model.row_at(row)
            if found is not None and found.id == transfer_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_actions(self) -> None:
        row = self.selected_row()
        issued = row is not None and row.state is TransferState.ISSUED
        staying = (row is not None and row.kind is TransferKind.TEMPORARY
                   and row.state in (TransferState.ISSUED, TransferState.RECEIVED))
        self.receive_action.setEnabled(self.may_edit and issued)
        self.return_action.setEnabled(self.may_edit and staying)
        self.cancel_action.setEnabled(self.may_edit and issued)
        self.letter_action.setEnabled(row is not None and row.direction is not TransferDirection.IN)
        shown = self.letter_path is not None and self.print_job is None
        self.save_action.setEnabled(shown)
        self.print_action.setEnabled(shown)
        if row is None:
            self.details.setText(_tr("Chọn một dòng để xem chi tiết và giấy giới thiệu."))
        else:
            self.details.setText(self._details(row) + "\n" + self._history(row.member_id))

    @staticmethod
    def _details(row: TransferRow) -> str:
        lines = [_tr("{name}, sinh {birth}: {kind}, {direction}.").format(
            name=row.member_name, birth=row.birth_text, kind=transfer_label(row.kind).lower(),
            direction=transfer_label(row.direction).lower())]
        lines.append(_tr("Từ {source} đến {target}.").format(source=row.from_name, target=row.to_name))
        lines.append(_tr("Hạn trình giấy giới thiệu: {date} ({basis}).").format(
            date=format_date(row.report_deadline), basis=deadline_basis(row.deadline_days, row.letter_date)))
        if row.expected_end is not None:
            lines.append(_tr("Dự kiến kết thúc sinh hoạt tạm thời: {date}.").format(date=format_date(row.expected_end)))
        if row.received_date is not None:
            lines.append(_tr("Nơi đến đã tiếp nhận ngày {date}.").format(date=format_date(row.received_date)))
        if row.due is not None:
            lines.append(_tr("Tình trạng: {state}, {left}.").format(
                state=transfer_label(row.state).lower(), left=deadline_text(row.days_left)))
        else:
            lines.append(_tr("Tình trạng: {state}.").format(state=transfer_label(row.state).lower()))
        if row.reason:
            lines.append(_tr("Lý do: {reason}").format(reason=row.reason))
        return "\n".join(lines)

    def _history(self, member_id: int) -> str:
        """The member's transfers, oldest first."""
        lines = [_tr("Các lần chuyển sinh hoạt của đảng viên:")]
        for entry in member_transfers(self.database, member_id):
            lines.append(_tr("- {date}: {kind} {source} → {target} ({state})").format(
                date=format_date(entry.letter_date), kind=transfer_label(entry.kind).lower(),
                source=entry.from_name, target=entry.to_name, state=transfer_label(entry.state).lower()))
        return "\n".join(lines)

    # -- actions ------------------------------------------------------------------------

    def new_transfer(self, mode: TransferMode) -> TransferDialog:
        dialog = TransferDialog(self.database, mode, self)
        dialog.setModal(True)
        dialog.accepted.connect(lambda: self._after_new(dialog.transfer_id))
        dialog.show()
        return dialog

    def _after_new(self, transfer_id: int | None) -> None:
        self.refresh()
        if transfer_id is not None:
            self.select_transfer(transfer_id)

    def _closing(self, title: str, date_label: str, action, with_reason: bool = False) -> ClosingDialog | None:  # type: ignore[no-untyped-def]
        row = self.selected_row()
        if row is None:
            return None
        summary = _tr("{name}: {source} → {target}").format(name=row.member_name, source=row.from_name,
                                                            target=row.to_name)
        dialog = ClosingDialog(title, summary, date_label,
                               lambda day, reason: action(row.id, day, reason),
                               with_reason=with_reason, parent=self)
        dialog.setModal(True)
        dialog.accepted.connect(self.refresh)
        dialog.show()
        return dialog

    def confirm(self) -> ClosingDialog | None:
        return self._closing(_tr("Xác nhận nơi đến đã tiếp nhận"), _tr("Ngày tiếp nhận"),
                             lambda tid, day, _r: confirm_receipt(self.database, tid, day))

    def end_stay(self) -> ClosingDialog | None:
        return self._closing(_tr("Kết thúc sinh hoạt tạm thời"), _tr("Ngày trở về"),
                             lambda tid, day, _r: end_temporary_stay(self.database, tid, day))

    def cancel(self) -> ClosingDialog | None:
        return self._closing(_tr("Hủy giấy giới thiệu"), _tr("Ngày hủy"),
                             lambda tid, day, reason: cancel_transfer(self.database, tid, day, reason),
                             with_reason=True)

    def show_letter(self) -> bool:
        row = self.selected_row()
        if row is None or row.direction is TransferDirection.IN:
            return False
        from desktop.reports.transfer_letter import write_transfer_letter  # ReportLab on first use

        path = new_preview_path(preview_folder())
        try:
            write_transfer_letter(self.database, row.id, path)
        except PermissionDenied:
            dialogs.show_error(self, _tr("Không in được giấy giới thiệu"), permission_denied_message())
            return False
        except OSError as error:
            dialogs.show_error(self, _tr("Không in được giấy giới thiệu"), str(error.strerror or error))
            return False
        previous = self.letter_path
        self.preview.show_file(path)
        self.preview.fit_width()
        delete_quietly(previous)
        self.letter_path = path
        self.letter_transfer_id = row.id
        self._update_actions()
        return True

    def print_letter(self) -> None:
        document = self.preview.document()
        if self.letter_path is None or document is None or self.print_job is not None:
            return
        printer = printing.printer_for(document, _tr("Giấy giới thiệu sinh hoạt đảng"))
        if not dialogs.ask_print(self, printer, self.preview.page_count()):
            return
        pages = printing.pages_to_print(printer, self.preview.page_count(), self.preview.current_page())
        job = printing.PdfPrintJob(self.letter_path, printer, pages, self)
        job.finished.connect(self._printed)
        self.print_job = job
        self._update_actions()
        job.start()

    def _printed(self, error: str) -> None:
        job, self.print_job = self.print_job, None
        if job is not None:
            job.deleteLater()
        self._update_actions()
        if error == printing.PdfPrintJob.CANCELLED:
            self.statusBar().showMessage(_tr("Đã hủy lệnh in."), 8000)
        elif error:
            dialogs.show_error(self, _tr("Không in được"), error)
        elif job is not None:
            self.statusBar().showMessage(_tr("Đã gửi {count} trang tới máy in.").format(count=job.printed), 8000)
        if self._close_when_printed:
            self.close()

    def save_letter(self) -> None:
        if self.letter_path is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"giay-gioi-thieu-{self.letter_transfer_id}.pdf"
        chosen = dialogs.choose_pdf_save_path(self, str(Path(folder) / name))
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            save_copy(self.letter_path, target)
        except OSError as error:
            dialogs.show_error(self, _tr("Không lưu được tệp PDF"),
                               _tr("Không ghi được tệp {path}.\n\nChi tiết: {detail}").format(
                                   path=target, detail=error.strerror or error))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.print_job is not None:
            # The job stops at its next page (nothing half-printed is queued), then the window closes.
            self._close_when_printed = True
            self.print_job.cancel()
            event.ignore()
            return
        self.preview.clear()
        delete_quietly(self.letter_path)
        super().closeEvent(event)
