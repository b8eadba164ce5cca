"""Kiểm điểm, đánh giá, xếp loại: the campaign of a period over the organisation tree.

- Tiến độ: members and organisations at each step per subordinate organisation; a double
  click drills down to it.
- Đề xuất của chi bộ: the selected cell's members in a grid typed by keyboard (X/T/H/K for
  the ratings, the votes), saved in one transaction.
- Quyết định: the proposals of a grassroots organisation with the quota of excellent in use,
  live while ratings are changed; a decision exceeding it is refused before it is sent.
- Bulk approval of the selected organisation's proposals as proposed, the announcement and
  the reports (results, members by rating, the member's review form).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.evaluations import EvaluationState, EvaluationSubject
from desktop.reports.catalogue import ReportKind, ReportRequest
from desktop.services import clock
from desktop.services.errors import ValidationFailed
from desktop.services.evaluation_campaign import (
    PeriodDraft,
    campaign_progress,
    close_period,
    list_periods,
    open_period,
)
from desktop.services.evaluation_list import (
    EvaluationQuery,
    count_evaluations,
    fetch_evaluation_rows,
    proposed_ratings,
    quota_scopes,
    quota_status,
)
from desktop.services.evaluations import (
    CellEntry,
    Decision,
    Proposal,
    approve_as_proposed,
    decide,
    notify,
    save_cell_entries,
    step_back,
)
from desktop.texts import problem_message
from desktop.ui import dialogs
from desktop.ui.evaluation_models import CellGridModel, DecisionModel, ProgressModel
from desktop.ui.org_tree_pane import OrgTreePane
from desktop.ui.tasks import TaskContext, WindowWork

_CONTEXT = "EvaluationsWindow"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _refusal(failed: ValidationFailed, limit: int = 20) -> str:
    lines = [problem_message(problem) for problem in failed.problems[:limit]]
    if len(failed.problems) > limit:
        lines.append(_tr("… và {count} lỗi khác.").format(count=len(failed.problems) - limit))
    return "\n".join(lines)


def _date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(clock.today()), parent)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


def _table(model: Any, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setDefaultSectionSize(24)
    return view


class EvaluationsWindow(QWidget):
    report_requested = Signal(object)  # a ReportRequest for the Reports window

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._org_id: int | None = None
        self._org_is_cell = False
        self._proposed: dict[int, Any] = {}
        self.work = WindowWork(self, self.close)
        self.setWindowTitle(_tr("Kiểm điểm, đánh giá, xếp loại"))
        self.resize(1200, 720)
        self.tree = OrgTreePane(database, self)
        self.tree.node_changed.connect(self._on_node)
        self.period = QComboBox(self)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.open_button = QPushButton(_tr("Mở đợt kiểm điểm"), self)
        self.open_button.setToolTip(_tr("Lập đợt kiểm điểm năm đã chọn cho tổ chức đang chọn và các tổ chức trực thuộc"))
        self.open_button.clicked.connect(self.open_new_period)
        self.subject_choice = QComboBox(self)
        self.subject_choice.addItem(_tr("Đảng viên"), EvaluationSubject.MEMBER)
        self.subject_choice.addItem(_tr("Tổ chức đảng"), EvaluationSubject.ORGANIZATION)
        self.subject_choice.setToolTip(_tr("Đề xuất và duyệt cho đảng viên hay cho các tổ chức đảng"))
        self.subject_choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._progress_tab(), _tr("Tiến độ"))
        self.tabs.addTab(self._grid_tab(), _tr("Đề xuất của chi bộ"))
        self.tabs.addTab(self._decision_tab(), _tr("Quyết định"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(_tr("Đợt:"), self))
        top.addWidget(self.period, 1)
        top.addWidget(self.subject_choice)
        top.addSpacing(16)
        top.addWidget(QLabel(_tr("Năm:"), self))
        top.addWidget(self.year)
        top.addWidget(self.open_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(top)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.message)
        splitter = QSplitter(self)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._load_periods()
        self.tree.select_first()

    # -- tabs -------------------------------------------------------------------------

    def _progress_tab(self) -> QWidget:
        tab = QWidget(self)
        self.progress_model = ProgressModel(self)
        self.progress_view = _table(self.progress_model, tab)
        self.progress_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.progress_view.doubleClicked.connect(self._drill_down)
        self.results_button = QPushButton(_tr("In kết quả xếp loại…"), tab)
        self.results_button.clicked.connect(lambda: self._print(ReportKind.EVALUATION_RESULTS))
        self.list_button = QPushButton(_tr("In danh sách theo mức xếp loại…"), tab)
        self.list_button.clicked.connect(lambda: self._print(ReportKind.EVALUATION_MEMBERS))
        self.notify_button = QPushButton(_tr("Thông báo kết quả đã quyết định"), tab)
        self.notify_button.clicked.connect(self.announce)
        self.close_period_button = QPushButton(_tr("Khóa đợt"), tab)
        self.close_period_button.setToolTip(_tr("Khóa đợt khi mọi kết quả đã thông báo và tỷ lệ được giữ"))
        self.close_period_button.clicked.connect(self.lock_period)
        buttons = QHBoxLayout()
        buttons.addWidget(self.notify_button)
        buttons.addWidget(self.close_period_button)
        buttons.addStretch(1)
        buttons.addWidget(self.results_button)
        buttons.addWidget(self.list_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(_tr("Nhấp đúp một tổ chức để xem các tổ chức trực thuộc của nó."), tab))
        layout.addWidget(self.progress_view, 1)
        layout.addLayout(buttons)
        return tab

    def _grid_tab(self) -> QWidget:
        tab = QWidget(self)
        self.grid_model = CellGridModel(self)
        self.grid = _table(self.grid_model, tab)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.meeting_date = _date_edit(tab)
        self.default_cast = QSpinBox(tab)
        self.default_cast.setRange(0, 999)
        self.default_cast.setToolTip(_tr("Số đảng viên biểu quyết, dùng cho các dòng để trống"))
        self.save_button = QPushButton(_tr("Lưu đề xuất của chi bộ"), tab)
        self.save_button.clicked.connect(self.save_grid)
        self.form_button = QPushButton(_tr("In bản kiểm điểm…"), tab)
        self.form_button.clicked.connect(self.print_review_form)
        self.back_reason = QLineEdit(tab)
        self.back_reason.setPlaceholderText(_tr("Lý do trở lại bước trước"))
        self.back_button = QPushButton(_tr("Trở lại bước trước"), tab)
        self.back_button.setToolTip(_tr("Hủy bước cuối (đề xuất hoặc tự kiểm điểm) của đảng viên đang chọn, "
                                        "ghi lại lý do"))
        self.back_button.clicked.connect(self.step_back_selected)
        self.grid_hint = QLabel(tab)
        row = QHBoxLayout()
        row.addWidget(QLabel(_tr("Ngày họp chi bộ:"), tab))
        row.addWidget(self.meeting_date)
        row.addWidget(QLabel(_tr("Số biểu quyết (mặc định):"), tab))
        row.addWidget(self.default_cast)
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(self.back_reason)
        row.addWidget(self.back_button)
        row.addWidget(self.form_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(_tr("Gõ X: Hoàn thành xuất sắc, T: Hoàn thành tốt, H: Hoàn thành, K: Không hoàn "
                                    "thành nhiệm vụ; Tab sang ô kế tiếp."), tab))
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.grid_hint)
        layout.addLayout(row)
        return tab

    def _decision_tab(self) -> QWidget:
        tab = QWidget(self)
        self.scope = QComboBox(tab)
        self.scope.currentIndexChanged.connect(lambda _i: self._load_decisions())
        self.decision_model = DecisionModel(self)
        self.decision_model.dataChanged.connect(lambda *_args: self._show_quota())
        self.decisions = _table(self.decision_model, tab)
        self.quota = QLabel(tab)
        self.decision_number = QLineEdit(tab)
        self.decision_number.setPlaceholderText(_tr("Số quyết định, ví dụ 12-QĐ/ĐU"))
        self.decision_number.setMinimumWidth(200)
        self.decision_date = _date_edit(tab)
        self.decide_button = QPushButton(_tr("Ghi quyết định"), tab)
        self.decide_button.clicked.connect(self.record_decisions)
        self.approve_button = QPushButton(_tr("Duyệt tất cả theo đề xuất"), tab)
        self.approve_button.setToolTip(_tr("Quyết định mọi đề xuất của tổ chức đang chọn đúng như chi bộ đề xuất, "
                                           "vẫn kiểm tra mọi quy định"))
        self.approve_button.clicked.connect(self.approve_all)
        top = QHBoxLayout()
        top.addWidget(QLabel(_tr("Đảng bộ cơ sở quyết định:"), tab))
        top.addWidget(self.scope, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(_tr("Quyết định số:"), tab))
        bottom.addWidget(self.decision_number)
        bottom.addWidget(QLabel(_tr("ngày"), tab))
        bottom.addWidget(self.decision_date)
        bottom.addWidget(self.decide_button)
        bottom.addStretch(1)
        bottom.addWidget(self.approve_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.quota)
        layout.addWidget(self.decisions, 1)
        layout.addLayout(bottom)
        return tab

    # -- loading ----------------------------------------------------------------------

    def _load_periods(self, select: int | None = None) -> None:
        self.period.blockSignals(True)
        self.period.clear()
        for period in list_periods(self._database):
            self.period.addItem(f"{period.title} — {period.organization_name}", period.id)
        if select is not None:
            self.period.setCurrentIndex(max(0, self.period.findData(select)))
        self.period.blockSignals(False)

    def subject(self) -> EvaluationSubject:
        """Members (a cell's grid) or organisations (the subtree's cells and committees)."""
        value = self.subject_choice.currentData()
        return value if isinstance(value, EvaluationSubject) else EvaluationSubject.MEMBER

    def period_id(self) -> int | None:
        value = self.period.currentData()
        return int(value) if value is not None else None

    def _on_node(self, node: object) -> None:
        self._org_id = getattr(node, "id", None)
        kind = getattr(node, "kind", None)
        self._org_is_cell = bool(kind is not None and kind.is_cell)
        self.refresh()

    def refresh(self) -> None:
        period_id, org_id = self.period_id(), self._org_id
        if period_id is None or org_id is None:
            self.progress_model.set_progress(None)
            self.grid_model.load(lambda: 0, lambda offset, limit: [])
            self._update_buttons()
            return
        self.progress_model.set_progress(campaign_progress(self._database, period_id, org_id))
        self.progress_view.resizeColumnsToContents()
        subject = self.subject()
        query = EvaluationQuery(period_id, org_id, subject=subject)
        if self._org_is_cell or subject is EvaluationSubject.ORGANIZATION:
            self.grid_model.load(lambda: count_evaluations(self._database, query),
                                 lambda offset, limit: fetch_evaluation_rows(self._database, query, offset, limit))
            self.grid.resizeColumnsToContents()
            self.grid_hint.setText(_tr("{count} trường hợp trong đợt.").format(count=self.grid_model.total()))
        else:
            self.grid_model.load(lambda: 0, lambda offset, limit: [])
            self.grid_hint.setText(_tr("Chọn một chi bộ trong cây để nhập đề xuất của chi bộ."))
        self.scope.blockSignals(True)
        self.scope.clear()
        for scope_id, name in quota_scopes(self._database, period_id, org_id):
            self.scope.addItem(name, scope_id)
        self.scope.blockSignals(False)
        self._load_decisions()
        self._update_buttons()

    def _load_decisions(self) -> None:
        period_id, scope_id = self.period_id(), self.scope.currentData()
        if period_id is None or scope_id is None:
            self._proposed = {}
            self.decision_model.load(lambda: 0, lambda offset, limit: [])
            self._show_quota()
            return
        query = EvaluationQuery(period_id, scope_id, states=(EvaluationState.PROPOSED,), quota_scope_id=scope_id)
        self._proposed = proposed_ratings(self._database, period_id, scope_id)
        self._quota_base = quota_status(self._database, period_id, scope_id, list(self._proposed))
        self.decision_model.load(lambda: count_evaluations(self._database, query),
                                 lambda offset, limit: fetch_evaluation_rows(self._database, query, offset, limit))
        self.decisions.resizeColumnToContents(0)
        self._show_quota()

    def quota_use(self):  # type: ignore[no-untyped-def]
        """The quota if the proposals on screen were decided as they now stand."""
        if self.scope.currentData() is None:
            return None
        ratings = [self.decision_model.overrides.get(i, rating) for i, rating in self._proposed.items()]
        return self._quota_base.with_pending(ratings)

    def _show_quota(self) -> None:
        use = self.quota_use()
        if use is None:
            self.quota.setText(_tr("Không có đề xuất nào chờ quyết định."))
            self._update_buttons()
            return
        text = _tr("Hoàn thành xuất sắc: {excellent} / tối đa {limit} (20% của {good} Hoàn thành tốt); "
                   "{waiting} đề xuất chờ quyết định.").format(
            excellent=use.excellent, limit=use.limit, good=use.good, waiting=len(self._proposed))
        if use.exceeded:
            text += " " + _tr("VƯỢT QUÁ TỶ LỆ: hạ bớt mức xếp loại trước khi ghi quyết định.")
        self.quota.setText(text)
        self.quota.setStyleSheet("color: #b41e1e; font-weight: bold;" if use.exceeded else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.work.busy()
        has_period = self.period_id() is not None
        use = self.quota_use() if hasattr(self, "_quota_base") else None
        self.open_button.setEnabled(not busy and self._org_id is not None)
        self.save_button.setEnabled(not busy and has_period and (
            self._org_is_cell or self.subject() is EvaluationSubject.ORGANIZATION))
        self.decide_button.setEnabled(not busy and bool(self._proposed) and not (use and use.exceeded))
        self.approve_button.setEnabled(not busy and has_period and self._org_id is not None)
        for button in (self.results_button, self.list_button, self.notify_button, self.close_period_button):
            button.setEnabled(not busy and has_period)

    def _drill_down(self, index: Any) -> None:
        row = self.progress_model.row_at(index.row())
        if row is not None and row.organization_id != self._org_id:
            self.tree.select_org(row.organization_id)

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # -- actions ----------------------------------------------------------------------

    def open_new_period(self) -> None:
        if self._org_id is None:
            return
        year = self.year.value()
        draft = PeriodDraft(organization_id=self._org_id, year=year, start_date=dt.date(year, 1, 1),
                            end_date=dt.date(year, 12, 31), self_review_due=dt.date(year, 12, 5),
                            proposal_due=dt.date(year, 12, 15), decision_due=dt.date(year + 1, 1, 15))

        def done(result: object, error: object) -> None:
            if isinstance(error, ValidationFailed):
                dialogs.show_error(self, _tr("Chưa mở được đợt kiểm điểm"), _refusal(error))
                return
            if error is not None:
                raise error  # type: ignore[misc]
            self._load_periods(select=int(result))  # type: ignore[call-overload]
            self.refresh()
            self._say(_tr("Đã mở đợt kiểm điểm năm {year}.").format(year=year))

        database = self._database  # the pool thread holds no reference to the window
        self.work.run(lambda _context: open_period(database, draft), done, _tr("Đang lập đợt kiểm điểm…"))

    def save_grid(self) -> None:
        model = self.grid_model
        if model.refused:
            self._say(model.refused)
        on = self.meeting_date.date().toPython()
        default = self.default_cast.value() or None
        entries = []
        for row in model.edited_rows():
            self_rating = model.value(row, model.SELF)
            proposed = model.value(row, model.PROPOSED)
            cast = model.value(row, model.VOTES_CAST) or default
            votes_for = model.value(row, model.VOTES_FOR) or cast
            proposal = None
            if proposed is not None:
                proposal = Proposal(row.id, proposed, votes_for, cast, on, score=row.score,
                                    outside_comment=model.value(row, model.OUTSIDE))
            entries.append(CellEntry(row.id, self_rating if row.state is EvaluationState.PLANNED else None,
                                     proposal))
        if not entries:
            self._say(_tr("Chưa có thay đổi nào để lưu."))
            return
        try:
            save_cell_entries(self._database, entries, on)
        except ValidationFailed as failed:
            dialogs.show_error(self, _tr("Chưa lưu được đề xuất"), _refusal(failed))
            return
        self._say(_tr("Đã lưu {count} dòng.").format(count=len(entries)))
        self.refresh()

    def step_back_selected(self) -> None:
        row = self.grid_model.row_at(self.grid.currentIndex().row())
        if row is None:
            self._say(_tr("Chọn một đảng viên trong bảng."))
            return
        try:
            step_back(self._database, row.id, self.back_reason.text())
        except ValidationFailed as failed:
            dialogs.show_error(self, _tr("Chưa trở lại được"), _refusal(failed))
            return
        self.back_reason.clear()
        self._say(_tr("{name}: đã trở lại bước trước.").format(name=row.name))
        self.refresh()

    def record_decisions(self) -> None:
        use = self.quota_use()
        if use is not None and use.exceeded:
            dialogs.show_error(self, _tr("Vượt quá tỷ lệ"), _tr(
                "Số “Hoàn thành xuất sắc nhiệm vụ” ({excellent}) vượt quá {limit}: hạ bớt mức xếp loại.").format(
                excellent=use.excellent, limit=use.limit))
            return
        number = self.decision_number.text()
        on = self.decision_date.date().toPython()
        overrides = dict(self.decision_model.overrides)
        decisions = [Decision(i, overrides.get(i, rating), on, number) for i, rating in self._proposed.items()]
        database = self._database  # the pool thread holds no reference to the window
        self._run_decision(lambda: decide(database, decisions), len(decisions))

    def approve_all(self) -> None:
        period_id, org_id = self.period_id(), self._org_id
        if period_id is None or org_id is None:
            return
        number, on = self.decision_number.text(), self.decision_date.date().toPython()
        subject = self.subject()
        database = self._database
        self._run_decision(lambda: approve_as_proposed(database, period_id, org_id, number, on,
                                                       subject=subject), None)

    def _run_decision(self, call: Any, count: int | None) -> None:
        def work(_context: TaskContext) -> object:
            return call()

        def done(result: object, error: object) -> None:
            if isinstance(error, ValidationFailed):
                dialogs.show_error(self, _tr("Chưa ghi được quyết định"), _refusal(error))
                return
            if error is not None:
                raise error  # type: ignore[misc]
            decided = count if count is not None else result
            self._say(_tr("Đã ghi quyết định xếp loại cho {count} trường hợp.").format(count=decided))
            self.refresh()

        self.work.run(work, done, _tr("Đang ghi quyết định…"))

    def announce(self) -> None:
        period_id, org_id = self.period_id(), self._org_id
        if period_id is None or org_id is None:
            return
        try:
            count = notify(self._database, period_id, org_id, clock.today())
        except ValidationFailed as failed:
            dialogs.show_error(self, _tr("Chưa thông báo được"), _refusal(failed))
            return
        self._say(_tr("Đã thông báo kết quả của {count} trường hợp.").format(count=count))
        self.refresh()

    def lock_period(self) -> None:
        period_id = self.period_id()
        if period_id is None:
            return
        try:
            close_period(self._database, period_id)
        except ValidationFailed as failed:
            dialogs.show_error(self, _tr("Chưa khóa được đợt"), _refusal(failed))
            return
        self._load_periods(select=period_id)
        self._say(_tr("Đã khóa đợt kiểm điểm."))

    def _print(self, kind: ReportKind) -> None:
        period_id, org_id = self.period_id(), self._org_id
        if period_id is not None and org_id is not None:
            self.report_requested.emit(ReportRequest(kind, org_id, clock.today(), record_id=period_id))

    def print_review_form(self) -> None:
        row = self.grid_model.row_at(self.grid.currentIndex().row())
        if row is None or self._org_id is None:
            self._say(_tr("Chọn một đảng viên trong bảng để in bản kiểm điểm."))
            return
        self.report_requested.emit(ReportRequest(ReportKind.REVIEW_FORM, self._org_id, clock.today(),
                                                 record_id=row.id))

    def closeEvent(self, event: Any) -> None:
        if not self.work.close_waits(event):
            super().closeEvent(event)
