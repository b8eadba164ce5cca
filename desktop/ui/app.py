"""Starting the desktop application: window first, database layer after the first paint."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication

from desktop import APP_AUTHOR, APP_NAME, __version__
from desktop.ui.database_controller import DatabaseController
from desktop.ui.main_window import MainWindow


def configure_application(app: QCoreApplication) -> None:
    """Names (for QSettings and data folders), INI settings and the Vietnamese locale."""
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    if isinstance(app, QApplication):
        app.setApplicationDisplayName(QCoreApplication.translate("App", "Văn phòng Đảng ủy"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    # Numbers as Vietnamese write them (1.234); dates are always formatted dd/mm/yyyy explicitly.
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))


def start(db_target: str | None) -> tuple[MainWindow, DatabaseController]:
    """Show the main window now; open the database once it has been painted."""
    window = MainWindow()
    controller = DatabaseController(window, db_target)
    window.ready.connect(controller.start)
    window.show()
    return window, controller


def run(db_target: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    configure_application(app)
    window, controller = start(db_target)

    def quit_now() -> None:
        window.close_allowed = None
        window.close()
        app.quit()

    controller.quit_requested.connect(quit_now)
    try:
        return app.exec()
    finally:
        controller.close()
