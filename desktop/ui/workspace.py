"""The working area of an open database: organisation tree, header, search and member table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.db.database import Database
from desktop.models.enums import MemberStatus
from desktop.services.members import MemberListQuery, MemberRecord
from desktop.services.organizations import OrgNode, organization_summary
from desktop.ui import dialogs
from desktop.ui.member_forms import MemberFormRegistry
from desktop.ui.member_table_model import SORTABLE_COLUMNS, MemberTableModel
from desktop.ui.org_editor import OrgEditor
from desktop.ui.org_header import OrgHeader
from desktop.ui.org_tree_model import OrgTreeModel
from desktop.ui.spreadsheet_actions import SpreadsheetActions
from desktop.ui.tool_windows import ToolWindows
from desktop.ui.widgets import SearchBox

if TYPE_CHECKING:
    from desktop.ui.audit_window import AuditWindow
    from desktop.ui.backups_window import BackupsWindow
    from desktop.ui.reports_panel import ReportsWindow
    from desktop.ui.users_window import UsersWindow

_CONTEXT = "Workspace"
_S = MemberStatus
# The status filter: (label, statuses); an empty tuple means every status.
_ACTIVE = (_S.FULL, _S.PROBATIONARY)
_GONE = (_S.REMOVED, _S.EXPELLED, _S.LEFT, _S.DECEASED, _S.TRANSFERRED_OUT)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def status_filters() -> list[tuple[str, tuple[MemberStatus, ...]]]:
    return [
        (_tr("Tất cả"), ()),
        (_tr("Đang sinh hoạt"), _ACTIVE),
        (_tr("Chính thức"), (_S.FULL,)),
        (_tr("Dự bị"), (_S.PROBATIONARY,)),
        (_tr("Đã ra khỏi danh sách"), _GONE),
    ]


class Workspace(QWidget):
    count_changed = Signal(int)
    org_selected = Signal(bool)  # whether an organisation is selected in the tree
    idle_minutes_changed = Signal(int)  # saved in the users window: the idle lock applies it
    # A confirmed restore (backup file, passphrase or None): the controller closes and restores.
    restore_requested = Signal(str, object)

    def __init__(
        self,
        database: Database,
        open_member_action: QAction,
        parent: QWidget | None = None,
        tree_actions: Sequence[QAction] = (),
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.forms = MemberFormRegistry(database, self)
        self.forms.saved.connect(self._on_saved)
        self.windows = ToolWindows()
        self.spreadsheets = SpreadsheetActions(self)

        self.tree_model = OrgTreeModel(database, self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The name keeps a readable width; the kind takes what is left (or scrolls into view).
        tree_header = self.tree.header()
        tree_header.setStretchLastSection(True)
        tree_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        tree_header.resizeSection(0, self.fontMetrics().averageCharWidth() * 40)

        self.header = OrgHeader()
        self.org_editor = OrgEditor(self, tree_actions)
        self.header.add_requested.connect(self.new_organization)
        self.search = SearchBox()
        self.status_combo = QComboBox()
        for text, _statuses in status_filters():
            self.status_combo.addItem(text)
        self.status_combo.setCurrentIndex(1)
        self.status_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.table_model = MemberTableModel(
            database, MemberListQuery(statuses=_ACTIVE), parent=self
        )
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self._configure_table()
        self.table.addAction(open_member_action)
        self.table.doubleClicked.connect(lambda index: self.open_member_at(index.row()))

        self._layout()
        self.tree.selectionModel().currentChanged.connect(self._on_org_changed)
        self.search.search_changed.connect(lambda _text: self._apply_query())
        self.status_combo.currentIndexChanged.connect(lambda _index: self._apply_query())
        self._select_first_root()

    # -- layout ------------------------------------------------------------------------

    def _configure_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setCornerButtonEnabled(False)
        vertical = table.verticalHeader()
        vertical.hide()
        # Fixed heights: the view never measures 78,432 rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        header.sectionClicked.connect(self._on_header_clicked)
        average = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((26, 8, 11, 30, 12, 16, 14, 14)):
            header.resizeSection(column, average * chars + 16)
        header.setStretchLastSection(True)

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel(_tr("Trạng thái:")))
        filters.addWidget(self.status_combo)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 4, 4, 4)
        right_layout.addWidget(self.header)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self.fontMetrics().averageCharWidth() * 68, 10_000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def _select_first_root(self) -> None:
        first = self.tree_model.index(0, 0)
        if not first.isValid():
            self.header.show_empty_database()
            self._apply_query()
            return
        self.tree.expand(first)
        self.tree.selectionModel().setCurrentIndex(
            first,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    # -- queries -----------------------------------------------------------------------

    def selected_org(self) -> OrgNode | None:
        return self.tree_model.node(self.tree.currentIndex())

    def _query(self) -> MemberListQuery:
        org = self.selected_org()
        statuses = status_filters()[max(self.status_combo.currentIndex(), 0)][1]
        current = self.table_model.query
        return MemberListQuery(
            organization_id=org.id if org else None,
            statuses=statuses,
            search_text=self.search.current_text(),
            sort=current.sort,
            descending=current.descending,
        )

    def current_query(self) -> MemberListQuery:
        """What the member table shows (exports write the same)."""
        return self._query()

    def _apply_query(self) -> None:
        self.table_model.set_query(self._query())
        self.count_changed.emit(self.table_model.rowCount())

    def _on_org_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.tree_model.node(current)
        if node is not None:
            self.header.show_summary(organization_summary(self.database, node.id))
        self.org_selected.emit(node is not None)
        self._apply_query()

    def _on_header_clicked(self, column: int) -> None:
        header = self.table.horizontalHeader()
        current_column = self.table_model.sort_column()
        current_order = (
            Qt.SortOrder.DescendingOrder
            if self.table_model.query.descending
            else Qt.SortOrder.AscendingOrder
        )
        if column not in SORTABLE_COLUMNS:
            header.setSortIndicator(current_column, current_order)  # undo the header's own toggle
            return
        order = Qt.SortOrder.AscendingOrder
        if column == current_column and current_order == Qt.SortOrder.AscendingOrder:
            order = Qt.SortOrder.DescendingOrder
        header.setSortIndicator(column, order)
        self.table_model.sort(column, order)
        self.count_changed.emit(self.table_model.rowCount())

    # -- actions -----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_member(self) -> None:
        if not self._may_edit():
            return
        org = self.selected_org()
        self.forms.open_new(org.id if org is not None and org.kind.is_cell else None)

    def open_current_member(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_member_at(index.row())

    def open_member_at(self, row: int) -> None:
        member_id = self.table_model.member_id(row)
        if member_id is not None:
            self.forms.open_existing(member_id)

    def close_forms(self) -> bool:
        return self.org_editor.close_form() and self.forms.close_all() and self.windows.close_all()

    # The windows beside the register, None when not open (tests look at them).
    @property
    def reports(self) -> ReportsWindow | None:
        return self.windows.get("reports")  # type: ignore[return-value]

    @property
    def audit(self) -> AuditWindow | None:
        return self.windows.get("audit")  # type: ignore[return-value]

    @property
    def users(self) -> UsersWindow | None:
        return self.windows.get("users")  # type: ignore[return-value]

    @property
    def backups(self) -> BackupsWindow | None:
        return self.windows.get("backups")  # type: ignore[return-value]

    # -- reports -----------------------------------------------------------------------

    def selected_member_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table_model.member_id(rows[0].row()) if rows else None

    def open_reports(self) -> None:
        """The reports window, starting from the selected organisation and member."""
        from desktop.ui.reports_panel import ReportsWindow  # QtPdf loads on first use

        # A top-level window of its own: its progress dialogs block only it, not the register.
        reports = self.windows.show("reports", lambda: ReportsWindow(self.database))
        org = self.selected_org()
        reports.preselect(org.id if org is not None else None, self.selected_member_id())

    # -- audit trail, accounts, backups (administrators) ---------------------------------

    def can_view_audit(self) -> bool:
        from desktop.services.audit import may_view_audit

        return may_view_audit(self.database)

    def open_audit(self) -> None:
        from desktop.ui.audit_window import AuditWindow

        self.windows.show("audit", lambda: AuditWindow(self.database))

    def can_inspect(self) -> bool:
        from desktop.models.permissions import Permission
        from desktop.services.session import may

        return may(self.database, Permission.VIEW_INSPECTION)

    def can_edit_register(self) -> bool:
        from desktop.models.permissions import Permission
        from desktop.services.session import may

        return may(self.database, Permission.EDIT_REGISTER)

    def _may_edit(self) -> bool:
        """False (and the Vietnamese refusal) for a role that only reads the register."""
        if self.can_edit_register():
            return True
        from desktop.texts import permission_denied_message

        dialogs.show_error(self, _tr("Không có quyền"), permission_denied_message())
        return False

    def can_manage_users(self) -> bool:
        from desktop.models.permissions import Permission
        from desktop.services.session import may

        return may(self.database, Permission.MANAGE_USERS)

    def open_users(self) -> None:
        from desktop.ui.users_window import UsersWindow

        def create() -> UsersWindow:
            window = UsersWindow(self.database)
            window.idle_minutes_changed.connect(self.idle_minutes_changed)
            return window

        self.windows.show("users", create)

    def can_manage_backups(self) -> bool:
        from desktop.services.backups import may_manage_backups

        return may_manage_backups(self.database)

    def open_backups(self) -> None:
        from desktop.ui.backups_window import BackupsWindow

        def create() -> BackupsWindow:
            window = BackupsWindow(self.database)
            window.restore_requested.connect(self.restore_requested)
            return window

        self.windows.show("backups", create)

    def open_work_window(self, name: str) -> None:
        """A window of the Nghiệp vụ menu (desktop.ui.work_menu)."""
        from desktop.ui.work_menu import work_windows

        entry = next(entry for entry in work_windows() if entry.name == name)

        def create() -> QWidget:
            window = entry.create(self.database)
            # A window that prints through the Reports window says so with this signal.
            requested = getattr(window, "report_requested", None)
            if requested is not None:
                requested.connect(self.open_report)
            return window

        self.windows.show(name, create)

    def open_report(self, request: object) -> None:
        """The reports window, generating `request` (a ReportRequest) at once."""
        from desktop.ui.reports_panel import ReportsWindow

        reports = self.windows.show("reports", lambda: ReportsWindow(self.database))
        reports.prepare(request)  # type: ignore[arg-type]

    # -- spreadsheets ------------------------------------------------------------------

    def import_members(self) -> None:
        from desktop.services.tabular.mappings import MEMBERS

        self.spreadsheets.import_file(MEMBERS)

    def import_organizations(self) -> None:
        from desktop.services.tabular.mappings import ORGANIZATIONS

        self.spreadsheets.import_file(ORGANIZATIONS)

    def export_members(self) -> None:
        self.spreadsheets.export_members()

    def export_organizations(self) -> None:
        self.spreadsheets.export_organizations()

    # -- organisations -----------------------------------------------------------------

    def has_selected_org(self) -> bool:
        return self.selected_org() is not None

    def new_organization(self) -> None:
        if self._may_edit():
            self.org_editor.new_organization()

    def edit_current_organization(self) -> None:
        self.org_editor.edit_current_organization()

    def _on_saved(self, record: MemberRecord) -> None:
        self.table_model.refresh()
        node = self.selected_org()
        if node is not None:
            self.header.show_summary(organization_summary(self.database, node.id))
        self.count_changed.emit(self.table_model.rowCount())

    # -- settings ----------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("workspace/splitter", self.splitter.saveState())
        settings.setValue("workspace/table_header", self.table.horizontalHeader().saveState())
        settings.setValue("workspace/tree_header", self.tree.header().saveState())
        settings.setValue("workspace/status_filter", self.status_combo.currentIndex())

    def restore_state(self, settings: QSettings) -> None:
        for key, target in (
            ("workspace/splitter", self.splitter),
            ("workspace/tree_header", self.tree.header()),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                target.restoreState(value)
        header = self.table.horizontalHeader()
        value = settings.value("workspace/table_header")
        if isinstance(value, QByteArray) and header.restoreState(value):
            column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
            if column in SORTABLE_COLUMNS:
                self.table_model.sort(column, order)
            else:
                header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        index = settings.value("workspace/status_filter")
        if index is not None and 0 <= int(index) < self.status_combo.count():
            self.status_combo.setCurrentIndex(int(index))
        self.count_changed.emit(self.table_model.rowCount())

