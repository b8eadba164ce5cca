"""Starting the desktop application: window first, database layer after the first paint."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop import APP_AUTHOR, APP_NAME, __version__
from desktop.ui.database_controller import DatabaseController
from desktop.ui.main_window import MainWindow
from desktop.ui.user_session import permission_denied_hook


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
    # A refusal of the services that no widget caught: the Vietnamese message, not a crash.
    sys.excepthook = permission_denied_hook(lambda: QApplication.activeWindow() or window)

    def quit_now() -> None:
        window.close_allowed = None
        window.close()
        app.quit()

    controller.quit_requested.connect(quit_now)
    _report_start_up_if_asked(window, controller, quit_now)
    try:
        return app.exec()
    finally:
        controller.close()


# Set by benchmarks/bench_register.py (and usable as a smoke test of an installed build) to the
# epoch time at which it launched the process: the app prints how long it took to show the
# window and to show the data, then quits.
EXIT_WHEN_READY_ENV = "PARTY_OFFICE_EXIT_WHEN_READY"


def _report_start_up_if_asked(window: MainWindow, controller: DatabaseController, quit_now) -> None:  # type: ignore[no-untyped-def]
    launched = os.environ.get(EXIT_WHEN_READY_ENV)
    if not launched:
        return
    started = float(launched)

    def elapsed_ms() -> str:
        return f"{(time.time() - started) * 1000:.0f}"

    window.ready.connect(lambda: print("window-shown-ms", elapsed_ms(), flush=True))

    def data_shown(_database: object) -> None:
        def report() -> None:
            print("ready-ms", elapsed_ms(), flush=True)
            if sys.platform != "win32":
                import resource

                peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                print("peak-rss-mb", f"{peak_kb / 1024:.0f}", flush=True)
            quit_now()

        QTimer.singleShot(0, report)

    controller.attached.connect(data_shown)
