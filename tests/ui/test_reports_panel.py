"""The reports window on the small demo: generating, cancelling, saving and printing a roster."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPageRanges
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QPushButton

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.text import fold
from desktop.reports import catalogue
from desktop.reports.catalogue import ReportKind
from desktop.services import clock
from desktop.services.errors import RecordNotFound
from desktop.services.members import MemberListQuery, fetch_member_rows
from desktop.services.organizations import child_organizations, root_organizations
from desktop.ui import dialogs, reports_panel
from desktop.ui.main_window import MainWindow
from desktop.ui.report_files import preview_folder
from desktop.ui.report_names import report_description
from desktop.ui.reports_panel import ReportsWindow
from tests.conftest import TODAY
from tests.ui.conftest import ModalCalls
from tests.ui.test_main_window import select_org, workspace


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def a_committee(database: Database) -> Any:
    root = root_organizations(database)[0]
    return next(node for node in child_organizations(database, root.id) if node.has_children)


def open_reports(window: MainWindow) -> ReportsWindow:
    assert window.reports_action.isEnabled()
    window.reports_action.trigger()
    reports = workspace(window).reports
    assert reports is not None and reports.isVisible()
    return reports


def generate(qtbot: Any, reports: ReportsWindow) -> None:
    with qtbot.waitSignal(reports.generated, timeout=30_000):
        qtbot.mouseClick(reports.chooser.generate_button, Qt.MouseButton.LeftButton)
    assert reports.generation.task is None


def preview_files() -> set[Path]:
    folder = preview_folder()
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


@pytest.fixture
def roster(qtbot: Any, main_window: MainWindow, demo_database: Database) -> ReportsWindow:
    """The reports window opened on a committee, with its roster generated and shown."""
    committee = a_committee(demo_database)
    select_org(workspace(main_window), demo_database, committee.id)
    reports = open_reports(main_window)
    generate(qtbot, reports)
    return reports


def test_the_menu_opens_the_window_on_the_selection_and_the_roster_is_previewed(
    qtbot: Any, main_window: MainWindow, demo_database: Database
) -> None:
    committee = a_committee(demo_database)
    select_org(workspace(main_window), demo_database, committee.id)
    menu_titles = [action.text() for action in main_window.menuBar().actions()]
    assert "&Báo cáo" in menu_titles

    reports = open_reports(main_window)
    node = reports.chooser.selected_org()
    assert node is not None and node.id == committee.id
    assert reports.chooser.kind() is ReportKind.ROSTER
    assert reports.chooser.as_of_edit.text() == format_date(TODAY)
    assert not reports.chooser.member_picker.isEnabled()  # only the profile sheet needs a member
    assert not reports.print_action.isEnabled() and not reports.save_action.isEnabled()
    assert reports.preview.page_label.text() == ""

    generate(qtbot, reports)

    document = reports.preview.document()
    assert document is not None
    assert document.status() == QPdfDocument.Status.Ready
    pages = document.pageCount()
    assert pages > 0
    assert reports.preview.page_label.text() == f"Trang 1 / {pages}"
    assert committee.name in reports.caption.text()
    assert f"{pages} trang" in reports.caption.text()
    assert reports.print_action.isEnabled() and reports.save_action.isEnabled()
    assert reports.shown is not None
    assert preview_files() == {reports.shown.path}  # a private temporary file, nowhere else
    assert len(PdfReader(reports.shown.path).pages) == pages


def test_scrolling_moves_the_page_indicator_and_zoom_buttons_change_the_scale(
    qtbot: Any, roster: ReportsWindow
) -> None:
    preview = roster.preview
    pages = preview.page_count()
    assert pages > 1
    bar = preview.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: preview.page_label.text() == f"Trang {pages} / {pages}")

    fitted = preview.effective_zoom()
    assert preview.fit_width_action.isChecked()
    preview.zoom_in_action.trigger()
    assert not preview.fit_width_action.isChecked()
    assert preview.effective_zoom() == pytest.approx(fitted * 1.25, rel=0.01)
    assert preview.zoom_label.text() == f"{round(fitted * 125)}%"
    preview.zoom_out_action.trigger()
    preview.zoom_out_action.trigger()
    assert preview.effective_zoom() == pytest.approx(fitted / 1.25, rel=0.01)
    preview.fit_width_action.trigger()
    assert preview.effective_zoom() == pytest.approx(fitted, rel=0.01)


class PausedEngine:
    """The real engine, held at its first progress report until the test releases it."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        self.real = catalogue.generate_report

    def __call__(
        self, database: Any, request: Any, out_path: Path, *, progress: Any = None, is_cancelled: Any = None
    ) -> Any:
        def first_report(done: int, total: int) -> None:
            progress(done, total)
            if not self.reached.is_set():
                self.reached.set()
                self.release.wait(20)

        return self.real(database, request, out_path, progress=first_report, is_cancelled=is_cancelled)


@pytest.fixture
def paused_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[PausedEngine]:
    engine = PausedEngine()
    monkeypatch.setattr(catalogue, "generate_report", engine)
    yield engine
    engine.release.set()


def test_cancelling_keeps_the_previous_preview_and_leaves_no_file(
    qtbot: Any,
    roster: ReportsWindow,
    demo_database: Database,
    modals: ModalCalls,
    paused_engine: PausedEngine,
) -> None:
    document = roster.preview.document()
    assert roster.shown is not None
    shown_path, pages, caption = roster.shown.path, roster.preview.page_count(), roster.caption.text()

    roster.chooser.set_kind(ReportKind.ROSTER)
    root = root_organizations(demo_database)[0]  # a bigger organisation this time
    roster.chooser.select_org(root.id)
    qtbot.mouseClick(roster.chooser.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(paused_engine.reached.is_set, timeout=30_000)
    assert not roster.chooser.generate_button.isEnabled() and not roster.print_action.isEnabled()
    progress = roster.findChildren(QProgressDialog)
    assert len(progress) == 1
    qtbot.waitUntil(progress[0].isVisible, timeout=5_000)  # shown after half a second
    cancel = progress[0].findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Hủy"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    paused_engine.release.set()
    qtbot.waitUntil(lambda: roster.generation.task is None, timeout=30_000)

    assert roster.preview.document() is document
    assert roster.preview.page_count() == pages
    assert roster.caption.text() == caption
    assert roster.shown is not None and roster.shown.path == shown_path
    assert preview_files() == {shown_path}
    assert roster.statusBar().currentMessage() == "Đã hủy tạo báo cáo."
    assert "show_error" not in modals.names()
    assert roster.chooser.generate_button.isEnabled() and roster.print_action.isEnabled()


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (RuntimeError("font missing"), "font missing"),
        (RecordNotFound(7), "không còn trong cơ sở dữ liệu"),
        (OSError(28, "No space left on device"), "No space left on device"),
    ],
)
def test_a_failed_generation_says_so_and_keeps_the_preview(
    roster: ReportsWindow,
    modals: ModalCalls,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: Any,
    error: Exception,
    expected: str,
) -> None:
    document = roster.preview.document()
    before = preview_files()

    def broken(database: Any, request: Any, out_path: Path, **_kwargs: Any) -> Any:
        out_path.write_bytes(b"%PDF-1.4 half")  # a failing engine may leave a partial file
        raise error

    monkeypatch.setattr(catalogue, "generate_report", broken)
    qtbot.mouseClick(roster.chooser.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: roster.generation.task is None, timeout=10_000)
    assert modals.names() == ["show_error"]
    assert "Không tạo được báo cáo" in modals.calls[0][1][1]
    assert expected in modals.texts("show_error")[0]
    assert roster.preview.document() is document
    assert preview_files() == before


def test_the_profile_sheet_asks_for_a_member_of_the_organisation(
    qtbot: Any, main_window: MainWindow, demo_database: Database, modals: ModalCalls
) -> None:
    committee = a_committee(demo_database)
    select_org(workspace(main_window), demo_database, committee.id)
    reports = open_reports(main_window)
    chooser = reports.chooser
    button = chooser.kind_buttons[ReportKind.PROFILE]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert chooser.kind() is ReportKind.PROFILE and chooser.member_picker.isEnabled()

    qtbot.mouseClick(chooser.generate_button, Qt.MouseButton.LeftButton)
    assert reports.generation.task is None  # nothing started
    assert chooser.form_error.isVisible()
    assert "Chọn đảng viên" in chooser.form_error.text()

    member = fetch_member_rows(demo_database, MemberListQuery(organization_id=committee.id), 2, 1)[0]
    picker = chooser.member_picker
    picker.setFocus()
    qtbot.keyClicks(picker, fold(member.full_name))  # typed without diacritics
    picker.search_now()
    assert picker.suggestions.rowCount() >= 1
    picker.choose_row(0)
    assert picker.member_id() == member.id
    assert picker.text().startswith(member.full_name)
    assert chooser.request() is not None
    assert chooser.request().member_id == member.id  # type: ignore[union-attr]
    assert not chooser.form_error.isVisible()


def test_the_member_selected_in_the_register_is_proposed_for_the_profile_sheet(
    main_window: MainWindow, demo_database: Database
) -> None:
    space = workspace(main_window)
    space.table.selectRow(3)
    member_id = space.table_model.member_id(3)
    reports = open_reports(main_window)
    assert reports.chooser.member_picker.member_id() == member_id


def test_save_pdf_copies_the_preview_and_remembers_the_folder(
    qtbot: Any,
    roster: ReportsWindow,
    main_window: MainWindow,
    modals: ModalCalls,
    tmp_path: Path,
) -> None:
    assert roster.shown is not None
    node = roster.chooser.selected_org()
    assert node is not None
    expected_name = f"Danh-sach-dang-vien_{node.code}_21-11-2026.pdf"
    out = tmp_path / "Văn bản"
    out.mkdir()
    modals.answer("choose_pdf_save_path", str(out / "danh sach"))  # typed without .pdf
    roster.save_action.trigger()
    suggested = Path(modals.calls[-1][1][1])
    assert suggested.name == expected_name
    saved = out / "danh sach.pdf"
    assert saved.read_bytes() == roster.shown.path.read_bytes()
    assert str(saved) in roster.statusBar().currentMessage()

    # Next time (even in a new window) the same folder is proposed.
    roster.close()
    qtbot.waitUntil(lambda: workspace(main_window).reports is None)
    reports = open_reports(main_window)
    generate(qtbot, reports)
    modals.answer("choose_pdf_save_path", None)  # the user closes the dialog
    reports.save_action.trigger()
    suggested = Path(modals.calls[-1][1][1])
    assert suggested.parent == out
    assert suggested.name == expected_name
    assert sorted(path.name for path in out.iterdir()) == ["danh sach.pdf"]


def test_closing_the_window_deletes_its_temporary_file(
    qtbot: Any, roster: ReportsWindow, main_window: MainWindow
) -> None:
    assert roster.shown is not None
    path = roster.shown.path
    assert path.exists()
    assert roster.close()
    assert not path.exists()
    assert preview_files() == set()
    qtbot.waitUntil(lambda: workspace(main_window).reports is None)


def test_closing_while_generating_stops_the_work_then_closes(
    qtbot: Any, roster: ReportsWindow, main_window: MainWindow, paused_engine: PausedEngine
) -> None:
    qtbot.mouseClick(roster.chooser.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(paused_engine.reached.is_set, timeout=30_000)
    assert not main_window.close()  # the register waits for the report window to stop
    assert main_window.isVisible() and roster.isVisible()
    paused_engine.release.set()
    qtbot.waitUntil(lambda: workspace(main_window).reports is None, timeout=30_000)
    assert preview_files() == set()  # neither the shown preview nor the cancelled one


def test_open_in_another_application_hands_over_a_named_copy(
    roster: ReportsWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(reports_panel, "open_externally", lambda path: opened.append(path) or True)
    roster.open_action.trigger()
    assert roster.shown is not None
    assert len(opened) == 1
    assert opened[0].name == roster.shown.default_file_name()
    assert opened[0].read_bytes() == roster.shown.path.read_bytes()


def print_to_pdf(
    monkeypatch: pytest.MonkeyPatch,
    target: Path,
    pages: tuple[int, int] | None = None,
    copies: int = 1,
    grey: bool = False,
) -> list[QPrinter]:
    """Replace the print dialog by a user who prints to a PDF file (at a low resolution)."""
    seen: list[QPrinter] = []

    def fake_dialog(parent: Any, printer: QPrinter, page_count: int) -> bool:
        seen.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setResolution(96)
        printer.setCopyCount(copies)
        if grey:
            printer.setColorMode(QPrinter.ColorMode.GrayScale)
        if pages is not None:
            ranges = QPageRanges()
            ranges.addRange(*pages)
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setPageRanges(ranges)
        return True

    monkeypatch.setattr(dialogs, "ask_print", fake_dialog)
    return seen


def test_printing_sends_every_page_to_the_printer(
    qtbot: Any, roster: ReportsWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "printed.pdf"
    printers = print_to_pdf(monkeypatch, target)
    pages = roster.preview.page_count()
    roster.print_action.trigger()
    assert roster.print_job is not None and not roster.save_action.isEnabled()
    qtbot.waitUntil(lambda: roster.print_job is None, timeout=60_000)
    assert len(printers) == 1
    assert len(PdfReader(target).pages) == pages
    assert roster.statusBar().currentMessage() == f"Đã gửi {pages} trang tới máy in."
    assert roster.print_action.isEnabled()


def test_printing_honours_the_page_range_chosen_in_the_dialog(
    qtbot: Any, roster: ReportsWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert roster.preview.page_count() >= 3
    everything = tmp_path / "all.pdf"
    print_to_pdf(monkeypatch, everything)
    roster.print_action.trigger()
    qtbot.waitUntil(lambda: roster.print_job is None, timeout=60_000)

    chosen = tmp_path / "pages-2-3.pdf"
    print_to_pdf(monkeypatch, chosen, pages=(2, 3), copies=2)
    roster.print_action.trigger()
    qtbot.waitUntil(lambda: roster.print_job is None, timeout=60_000)

    all_pages = page_pictures(everything)
    # Pages 2 and 3, twice, collated (a PDF file makes no copies by itself, so we do).
    assert page_pictures(chosen) == [all_pages[1], all_pages[2], all_pages[1], all_pages[2]]
    assert len(set(all_pages)) == len(all_pages)  # the comparison tells pages apart
    box = PdfReader(chosen).pages[0].mediabox  # A4 portrait, like the report itself
    assert float(box.width) == pytest.approx(595, abs=2)
    assert float(box.height) == pytest.approx(842, abs=2)


def test_printing_in_grey_sends_grey_pages(
    qtbot: Any, roster: ReportsWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    colour, grey = tmp_path / "colour.pdf", tmp_path / "grey.pdf"
    for target, is_grey in ((colour, False), (grey, True)):
        print_to_pdf(monkeypatch, target, pages=(1, 1), grey=is_grey)
        roster.print_action.trigger()
        qtbot.waitUntil(lambda: roster.print_job is None, timeout=60_000)
    assert {image.image.mode for image in PdfReader(grey).pages[0].images} == {"L"}
    assert {image.image.mode for image in PdfReader(colour).pages[0].images} == {"RGB"}


def page_pictures(path: Path) -> list[bytes]:
    """What each printed page carries: the bytes of the images painted on it."""
    return [b"".join(image.data for image in page.images) for page in PdfReader(path).pages]


def test_cancelling_a_print_job_stops_it(
    qtbot: Any, roster: ReportsWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    print_to_pdf(monkeypatch, tmp_path / "cancelled.pdf")
    roster.print_action.trigger()
    job = roster.print_job
    assert job is not None
    job.progress.show()  # (it would appear by itself after half a second)
    cancel = job.progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Hủy"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: roster.print_job is None, timeout=30_000)
    assert job.printed < roster.preview.page_count()
    assert roster.statusBar().currentMessage() == "Đã hủy lệnh in."
    assert roster.print_action.isEnabled()


def test_the_chosen_kind_is_described_under_the_list(qtbot: Any, main_window: MainWindow) -> None:
    chooser = open_reports(main_window).chooser
    assert chooser.kind_description.text() == report_description(ReportKind.ROSTER)
    chooser.set_kind(ReportKind.FEE_REPORT)
    assert chooser.kind_description.text() == report_description(ReportKind.FEE_REPORT)
    assert chooser.period_start_edit.isEnabled()
