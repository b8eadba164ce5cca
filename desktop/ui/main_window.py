"""The main window: menus, the status bar and, once a database is open, the workspace.

This module is imported before the first paint, so it imports Qt and light modules only;
the workspace (tree, member table, forms) arrives later with the database layer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from desktop import __version__
from desktop.ui import dialogs
from desktop.ui.settings import app_settings

_CONTEXT = "MainWindow"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class WorkspaceLike(Protocol):
    """What the main window needs of the workspace (desktop.ui.workspace.Workspace)."""

    def focus_search(self) -> None: ...
    def new_member(self) -> None: ...
    def open_current_member(self) -> None: ...
    def close_forms(self) -> bool: ...
    def has_selected_org(self) -> bool: ...
    def new_organization(self) -> None: ...
    def edit_current_organization(self) -> None: ...
    def open_reports(self) -> None: ...
    def can_view_audit(self) -> bool: ...
    def open_audit(self) -> None: ...
    def can_edit_register(self) -> bool: ...
    def can_manage_users(self) -> bool: ...
    def open_users(self) -> None: ...
    def can_manage_backups(self) -> bool: ...
    def open_backups(self) -> None: ...
    def open_work_window(self, name: str) -> None: ...
    def import_members(self) -> None: ...
    def export_members(self) -> None: ...
    def import_organizations(self) -> None: ...
    def export_organizations(self) -> None: ...
    def save_state(self, settings: QSettings) -> None: ...
    def restore_state(self, settings: QSettings) -> None: ...


class _LoadingPage(QLabel):
    """Shown until a database is open; tells the window when it has been painted once."""

    painted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()


class MainWindow(QMainWindow):
    open_database_requested = Signal()
    # Emitted once, right after the first paint: the moment to load the database layer.
    ready = Signal()
    # The signed-in user's session (desktop.ui.user_session handles them).
    change_password_requested = Signal()
    lock_requested = Signal()
    sign_out_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(_tr("Văn phòng Đảng ủy"))
        self._workspace: QWidget | None = None
        # Set by the controller: returns False while background work must not be interrupted.
        self.close_allowed: Callable[[], bool] | None = None
        self._loading = _LoadingPage()
        self._loading.setText(_tr("Đang mở cơ sở dữ liệu…"))
        self._stack = QStackedWidget()
        self._stack.addWidget(self._loading)
        self.setCentralWidget(self._stack)
        self._count_label = QLabel()
        self._user_label = QLabel()  # who is signed in: full name · role · scope
        self.statusBar().addPermanentWidget(self._user_label)
        self.statusBar().addPermanentWidget(self._count_label)
        self._may_edit = False
        self._build_menus()
        self._ready_sent = False
        self._loading.painted.connect(lambda: QTimer.singleShot(0, self._send_ready))
        # Fallback for platforms that do not paint a hidden-behind or minimised window.
        QTimer.singleShot(1000, self._send_ready)
        self._restore_geometry()

    # -- menus -------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_tr("&Tệp"))
        self.open_action = QAction(_tr("&Mở cơ sở dữ liệu…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_database_requested)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        self.change_password_action = QAction(_tr("Đổi &mật khẩu…"), self)
        self.change_password_action.triggered.connect(self.change_password_requested)
        self.lock_action = QAction(_tr("&Khóa màn hình"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        # From the member forms and the other windows of the app too.
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock_requested)
        self.addAction(self.lock_action)
        self.sign_out_action = QAction(_tr("Đăng &xuất"), self)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        for action in (self.change_password_action, self.lock_action, self.sign_out_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction(_tr("&Thoát"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        member_menu = self.menuBar().addMenu(_tr("Đảng &viên"))
        self.new_member_action = QAction(_tr("&Thêm đảng viên…"), self)
        self.new_member_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_member_action.triggered.connect(self._new_member)
        member_menu.addAction(self.new_member_action)
        self.import_members_action = QAction(_tr("&Nhập đảng viên từ Excel…"), self)
        self.import_members_action.setStatusTip(
            _tr("Nhập danh sách đảng viên từ tệp .xlsx, .xls, .csv vào tổ chức đang chọn")
        )
        self.import_members_action.triggered.connect(self._forward("import_members"))
        member_menu.addAction(self.import_members_action)
        self.export_members_action = QAction(_tr("&Xuất danh sách ra Excel…"), self)
        self.export_members_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_members_action.setStatusTip(
            _tr("Ghi danh sách đang hiển thị (tổ chức, bộ lọc, tìm kiếm, thứ tự) ra tệp .xlsx")
        )
        self.export_members_action.triggered.connect(self._forward("export_members"))
        member_menu.addAction(self.export_members_action)
        self.open_member_action = QAction(_tr("&Mở hồ sơ"), self)
        # Enter opens the selected member only while the table has focus (the workspace
        # adds the action to its table); elsewhere Enter keeps its usual meaning.
        self.open_member_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.open_member_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_member_action.triggered.connect(self._open_member)
        member_menu.addAction(self.open_member_action)
        member_menu.addSeparator()
        self.find_action = QAction(_tr("&Tìm đảng viên"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        member_menu.addAction(self.find_action)
        self.addAction(self.find_action)

        org_menu = self.menuBar().addMenu(_tr("Tổ &chức"))
        self.new_org_action = QAction(_tr("Thêm tổ chức đảng &trực thuộc…"), self)
        self.new_org_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_org_action.setStatusTip(
            _tr("Thêm đảng bộ hoặc chi bộ trực thuộc tổ chức đang chọn trong cây")
        )
        self.new_org_action.triggered.connect(self._new_organization)
        org_menu.addAction(self.new_org_action)
        self.edit_org_action = QAction(_tr("&Sửa thông tin tổ chức…"), self)
        self.edit_org_action.triggered.connect(self._edit_organization)
        org_menu.addAction(self.edit_org_action)
        org_menu.addSeparator()
        self.import_orgs_action = QAction(_tr("N&hập tổ chức từ Excel…"), self)
        self.import_orgs_action.triggered.connect(self._forward("import_organizations"))
        org_menu.addAction(self.import_orgs_action)
        self.export_orgs_action = QAction(_tr("&Xuất danh sách tổ chức ra Excel…"), self)
        self.export_orgs_action.triggered.connect(self._forward("export_organizations"))
        org_menu.addAction(self.export_orgs_action)

        report_menu = self.menuBar().addMenu(_tr("&Báo cáo"))
        self.reports_action = QAction(_tr("&In báo cáo…"), self)
        self.reports_action.setShortcut(QKeySequence.StandardKey.Print)
        self.reports_action.setStatusTip(
            _tr("Tạo, xem trước, in và lưu PDF danh sách, phiếu đảng viên, báo cáo thống kê")
        )
        self.reports_action.triggered.connect(self._open_reports)
        report_menu.addAction(self.reports_action)

        self._build_work_menu()

        # Administration: shown only to users whose role allows what it holds.
        self.admin_menu = self.menuBar().addMenu(_tr("&Quản trị"))
        self.users_action = QAction(_tr("&Tài khoản người dùng…"), self)
        self.users_action.setStatusTip(
            _tr("Thêm, sửa, ngừng sử dụng tài khoản; đặt lại mật khẩu; thời gian tự khóa màn hình")
        )
        self.users_action.triggered.connect(self._open_users)
        self.admin_menu.addAction(self.users_action)
        self.audit_action = QAction(_tr("&Nhật ký hệ thống…"), self)
        self.audit_action.setStatusTip(
            _tr("Xem, lọc, kiểm tra tính toàn vẹn và xuất nhật ký mọi thay đổi và truy cập hồ sơ")
        )
        self.audit_action.triggered.connect(self._open_audit)
        self.admin_menu.addAction(self.audit_action)
        self.backups_action = QAction(_tr("&Sao lưu và phục hồi…"), self)
        self.backups_action.setStatusTip(
            _tr("Bản sao lưu tự động gần nhất, nơi lưu và số bản giữ lại; sao lưu ngay; phục hồi")
        )
        self.backups_action.triggered.connect(self._open_backups)
        self.admin_menu.addAction(self.backups_action)

        help_menu = self.menuBar().addMenu(_tr("Trợ &giúp"))
        about = QAction(_tr("&Giới thiệu"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        self._set_workspace_actions_enabled(False)

    def _build_work_menu(self) -> None:
        from desktop.ui.work_menu import work_windows

        self.work_menu = self.menuBar().addMenu(_tr("&Nghiệp vụ"))
        self.work_actions: list[tuple[QAction, bool]] = []
        self.inspection_actions: list[QAction] = []  # shown to the inspection role only
        for entry in work_windows():
            if entry.separator_before:
                self.work_menu.addSeparator()
            action = QAction(entry.label, self)
            action.setStatusTip(entry.tip)
            action.setObjectName(f"work_{entry.name}")
            action.triggered.connect(lambda _checked=False, name=entry.name: self._open_work_window(name))
            self.work_menu.addAction(action)
            self.work_actions.append((action, entry.edits))
            if entry.inspects:
                self.inspection_actions.append(action)
        self.work_menu.menuAction().setVisible(bool(self.work_actions))

    def _open_work_window(self, name: str) -> None:
        if self._workspace is not None:
            self.workspace().open_work_window(name)

    def _set_workspace_actions_enabled(self, enabled: bool) -> None:
        for action in (
            self.open_member_action, self.find_action, self.reports_action,
            self.change_password_action, self.lock_action, self.sign_out_action,
            self.export_members_action, self.export_orgs_action,
        ):
            action.setEnabled(enabled)
        # What the signed-in role may not do is disabled (the services refuse it anyway).
        self._may_edit = enabled and self.workspace().can_edit_register()
        for action in (self.new_member_action, self.new_org_action, self.import_members_action,
                       self.import_orgs_action):
            action.setEnabled(self._may_edit)
        self.set_org_selected(enabled and self.workspace().has_selected_org())
        manager = enabled and self.workspace().can_manage_users()
        self.users_action.setEnabled(manager)
        self.users_action.setVisible(manager)
        auditor = enabled and self.workspace().can_view_audit()
        self.audit_action.setEnabled(auditor)
        self.audit_action.setVisible(auditor)
        backups = enabled and self.workspace().can_manage_backups()
        self.backups_action.setEnabled(backups)
        self.backups_action.setVisible(backups)
        self.admin_menu.menuAction().setVisible(any(a.isVisible() for a in self.admin_menu.actions()))
        for action, edits in self.work_actions:
            action.setEnabled(enabled and (self._may_edit or not edits))
            action.setVisible(not edits or not enabled or self._may_edit)
        inspects = enabled and self.workspace().can_inspect()
        for action in self.inspection_actions:  # not even shown to anyone else (§10.3)
            action.setEnabled(inspects)
            action.setVisible(inspects)

    def organization_actions(self) -> list[QAction]:
        """For the tree's context menu."""
        return [self.new_org_action, self.edit_org_action]

    def set_org_selected(self, selected: bool) -> None:
        """Editing needs an organisation selected in the tree (and a role that may edit)."""
        self.edit_org_action.setEnabled(selected and self._may_edit)

    def _about(self) -> None:
        dialogs.show_info(
            self,
            _tr("Giới thiệu"),
            _tr(
                "Văn phòng Đảng ủy — phiên bản {version}\n\n"
                "Quản lý tổ chức đảng, hồ sơ đảng viên và công việc văn phòng cấp ủy."
            ).format(version=__version__),
        )

    def _forward(self, method: str) -> Callable[[], None]:
        """A slot calling the workspace's `method`, when a database is shown."""

        def call() -> None:
            if self._workspace is not None:
                getattr(self.workspace(), method)()

        return call

    def _new_member(self) -> None:
        if self._workspace is not None:
            self.workspace().new_member()

    def _open_member(self) -> None:
        if self._workspace is not None:
            self.workspace().open_current_member()

    def _new_organization(self) -> None:
        if self._workspace is not None:
            self.workspace().new_organization()

    def _edit_organization(self) -> None:
        if self._workspace is not None:
            self.workspace().edit_current_organization()

    def _open_reports(self) -> None:
        if self._workspace is not None:
            self.workspace().open_reports()

    def _open_audit(self) -> None:
        if self._workspace is not None:
            self.workspace().open_audit()

    def _open_users(self) -> None:
        if self._workspace is not None:
            self.workspace().open_users()

    def _open_backups(self) -> None:
        if self._workspace is not None:
            self.workspace().open_backups()

    def _focus_search(self) -> None:
        if self._workspace is not None:
            self.workspace().focus_search()

    def _send_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    # -- workspace ---------------------------------------------------------------------

    def workspace(self) -> WorkspaceLike:
        assert self._workspace is not None
        return self._workspace  # type: ignore[return-value]

    def has_workspace(self) -> bool:
        return self._workspace is not None

    def set_workspace(self, workspace: QWidget, location: str) -> None:
        """Show the workspace of a newly opened database (replacing the previous one)."""
        self.remove_workspace()
        self._workspace = workspace
        self._stack.addWidget(workspace)
        self._stack.setCurrentWidget(workspace)
        self.workspace().restore_state(app_settings())
        self._set_workspace_actions_enabled(True)
        self.setWindowTitle(_tr("Văn phòng Đảng ủy — {location}").format(location=location))

    def remove_workspace(self) -> None:
        if self._workspace is None:
            return
        self.workspace().save_state(app_settings())
        self._stack.removeWidget(self._workspace)
        self._workspace.deleteLater()
        self._workspace = None
        self._count_label.clear()
        self._set_workspace_actions_enabled(False)

    def show_loading(self, text: str) -> None:
        self._loading.setText(text)
        if self._workspace is None:
            self._stack.setCurrentWidget(self._loading)

    def show_member_count(self, count: int) -> None:
        self._count_label.setText(_tr("{count} đảng viên").format(count=QLocale().toString(count)))

    def member_count_text(self) -> str:
        return self._count_label.text()

    def show_signed_in(self, text: str, tooltip: str = "") -> None:
        self._user_label.setText(text)
        self._user_label.setToolTip(tooltip)

    def signed_in_text(self) -> str:
        return self._user_label.text()

    # -- persistence -------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = app_settings().value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            self.resize(int(screen.width() * 0.92), int(screen.height() * 0.9))

    def closeEvent(self, event: QCloseEvent) -> None:
        check = self.close_allowed
        if check is not None and not check():
            event.ignore()
            return
        if self._workspace is not None and not self.workspace().close_forms():
            event.ignore()
            return
        settings = app_settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        if self._workspace is not None:
            self.workspace().save_state(settings)
        settings.sync()
        event.accept()
