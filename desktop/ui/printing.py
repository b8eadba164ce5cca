"""Printing a PDF file on a QPrinter: pages rendered by QtPdf, a few at a time, with progress.

The PDF stays the authoritative document; printing draws each page as an image at the
printer's resolution (capped at MAX_DPI), scaled to fit the paper and centred.

Where the work runs: on the GUI thread, in small steps driven by a zero-interval QTimer — one
horizontal band of one page per step. The QPrinter (and, on Windows, its GDI print engine set up
by the print dialog) and the QPdfDocument both belong to the GUI thread; sharing either with a
worker is not something QtPdf or the native print engines promise to support, while a band of
at most BAND_PIXELS takes pdfium a few tens of milliseconds to render. Returning to the event
loop after every band keeps the window and the progress dialog's "Hủy" responsive, and only one
band image exists at a time, so memory stays flat however many thousand pages are printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QPointF,
    QRect,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

_CONTEXT = "Printing"
MAX_DPI = 300  # text stays crisp on office printers; 600 dpi quadruples the spooled images
BAND_PIXELS = 4_000_000  # pixels rendered per step (16 MB as 32-bit colour)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def printer_for(document: QPdfDocument, title: str) -> QPrinter:
    """A printer preset for the document: its first page's paper size and orientation."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # the PDF carries its own margins
    if document.pageCount() > 0:
        points = document.pagePointSize(0)
        portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
        printer.setPageSize(QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if points.width() > points.height()
            else QPageLayout.Orientation.Portrait
        )
    return printer


def pages_to_print(printer: QPrinter, page_count: int, current_page: int) -> list[int]:
    """Pages (from 0) in printing order, as chosen in the print dialog.

    Copies are repeated here only where the printer cannot make them itself (printing to a
    PDF file, printers without CUPS); Windows and CUPS printers receive one copy and a count.
    """
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        pages = [current_page] if 0 <= current_page < page_count else []
    elif mode == QPrinter.PrintRange.PageRange and not printer.pageRanges().isEmpty():
        ranges = printer.pageRanges()
        pages = [page for page in range(page_count) if ranges.contains(page + 1)]
    else:
        pages = list(range(page_count))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if copies > 1:
        if printer.collateCopies():
            pages = pages * copies
        else:
            pages = [page for page in pages for _copy in range(copies)]
    return pages


class PdfPrintJob(QObject):
    """Prints `pages` of the PDF at `path` on `printer`; `finished(error)` ('' when all went).

    Cancelling (the progress dialog's "Hủy" or `cancel()`) aborts the print job, so no
    half-printed document reaches the printer queue; `finished` then carries CANCELLED.
    """

    CANCELLED = "cancelled"
    finished = Signal(str)

    def __init__(
        self, path: Path, printer: QPrinter, pages: list[int], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._parent_widget = parent
        self._path = path
        self._printer = printer
        self._pages = pages
        self._document = QPdfDocument(self)
        self._painter: QPainter | None = None
        self._steps: Iterator[None] | None = None
        self._cancelled = False
        self.running = False
        self.printed = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self.progress = QProgressDialog(parent)
        self.progress.setWindowTitle(_tr("Đang in"))
        self.progress.setCancelButtonText(_tr("Hủy"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(500)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumWidth(self.progress.fontMetrics().averageCharWidth() * 50)
        self.progress.canceled.connect(self.cancel)
        self.progress.hide()

    def start(self) -> None:
        if self._document.load(str(self._path)) != QPdfDocument.Error.None_:
            self._end(_tr("Không đọc được tệp PDF của báo cáo."))
            return
        if not self._pages:
            self._end(_tr("Không có trang nào trong khoảng trang đã chọn."))
            return
        painter = QPainter()
        if not painter.begin(self._printer):
            self._end(_tr("Không bắt đầu in được: máy in chưa sẵn sàng hoặc không ghi được tệp."))
            return
        self._painter = painter
        self.running = True
        self.progress.setRange(0, len(self._pages))
        self.progress.setValue(0)
        self.progress.setLabelText(self._label(0))
        self._steps = self._print_pages(painter)
        self._timer.start()

    def cancel(self) -> None:
        self._cancelled = True

    # -- the steps ---------------------------------------------------------------------

    def _label(self, done: int) -> str:
        return _tr("Đang gửi trang {done} / {total} tới máy in…").format(
            done=min(done + 1, len(self._pages)), total=len(self._pages)
        )

    def _step(self) -> None:
        if self._cancelled:
            self._printer.abort()
            self._end(self.CANCELLED)
            return
        assert self._steps is not None
        try:
            next(self._steps)
        except StopIteration:
            self._end("")
        except OSError:
            self._printer.abort()
            self._end(_tr("Máy in báo lỗi khi sang trang mới; lệnh in đã bị hủy."))

    def _print_pages(self, painter: QPainter) -> Iterator[None]:
        printer = self._printer
        device_dpi = printer.resolution()
        render_dpi = min(device_dpi, MAX_DPI)
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for number, page in enumerate(self._pages):
            if number and not printer.newPage():
                raise OSError("newPage failed")
            points = self._document.pagePointSize(page)
            # Device pixels per point so the page fits the paper, then the same in render pixels.
            fit = min(paper.width() / points.width(), paper.height() / points.height())
            scale = fit * render_dpi / device_dpi
            size = QSize(max(1, round(points.width() * scale)), max(1, round(points.height() * scale)))
            origin = QPointF(
                paper.x() + (paper.width() - points.width() * fit) / 2,
                paper.y() + (paper.height() - points.height() * fit) / 2,
            )
            painter.save()
            painter.translate(origin)
            painter.scale(device_dpi / render_dpi, device_dpi / render_dpi)
            band_height = max(1, BAND_PIXELS // size.width())
            for top in range(0, size.height(), band_height):
                clip = QRect(0, top, size.width(), min(band_height, size.height() - top))
                painter.drawImage(clip.topLeft(), self._render_band(page, size, clip))
                yield
            painter.restore()
            self.printed = number + 1
            self.progress.setValue(self.printed)
            self.progress.setLabelText(self._label(self.printed))

    def _render_band(self, page: int, size: QSize, clip: QRect) -> QImage:
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(size)
        options.setScaledClipRect(clip)
        rendered = self._document.render(page, clip.size(), options)
        # pdfium leaves the paper transparent; printers (GDI above all) want opaque images.
        # Grey when the dialog says so: a third of the data to spool for the same paper.
        grey = self._printer.colorMode() == QPrinter.ColorMode.GrayScale
        band = QImage(
            clip.size(), QImage.Format.Format_Grayscale8 if grey else QImage.Format.Format_RGB32
        )
        band.fill(Qt.GlobalColor.white)
        band_painter = QPainter(band)
        band_painter.drawImage(0, 0, rendered)
        band_painter.end()
        return band

    def _end(self, error: str) -> None:
        self._timer.stop()
        self._steps = None
        if self._painter is not None:
            if self._painter.isActive():
                self._painter.end()
            self._painter = None
        self.running = False
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()
        self._document.close()
        self.finished.emit(error)
