"""The preview of a generated PDF: continuous pages, zoom and a "Trang X / Y" indicator.

QPdfView draws only the pages in sight (QtPdf renders them on demand), so a document of
thousands of pages costs no more to show than one of five.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedWidget, QToolBar, QVBoxLayout, QWidget

_CONTEXT = "PdfPreview"
ZOOM_STEP = 1.25
ZOOM_MIN = 0.25
ZOOM_MAX = 4.0


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class PdfPreview(QWidget):
    """Shows one PDF file at a time; `show_file` swaps documents without a blank moment."""

    def __init__(self, parent: QWidget | None = None, hint: str | None = None) -> None:
        """`hint`: what to do to see a document (the Reports window's when not given)."""
        super().__init__(parent)
        self._document: QPdfDocument | None = None
        self._path: Path | None = None
        # Shown while there is nothing to show: QPdfView warns when given no document at all.
        self._blank = QPdfDocument(self)

        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(12, 12, 12, 12))
        self.view.setStyleSheet("QPdfView { background: palette(dark); }")
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._update_labels())
        self.view.zoomFactorChanged.connect(lambda _factor: self._update_labels())
        self.view.zoomModeChanged.connect(lambda _mode: self._update_labels())

        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setText(
            hint or _tr("Chọn báo cáo, tổ chức đảng và ngày số liệu ở bên trái rồi bấm “Tạo báo cáo”.")
        )
        self.placeholder.setEnabled(False)  # greyed: a hint, not content

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.view)

        self.fit_width_action = QAction(_tr("Vừa chiều rộng"), self)
        self.fit_width_action.setCheckable(True)
        self.fit_width_action.setChecked(True)
        self.fit_width_action.setToolTip(_tr("Thu phóng cho trang vừa chiều rộng khung xem"))
        self.fit_width_action.triggered.connect(self.fit_width)
        self.zoom_out_action = QAction(_tr("−"), self)
        self.zoom_out_action.setToolTip(_tr("Thu nhỏ (Ctrl+−)"))
        self.zoom_out_action.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.zoom_in_action = QAction(_tr("+"), self)
        self.zoom_in_action.setToolTip(_tr("Phóng to (Ctrl++)"))
        self.zoom_in_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")]
        )
        self.zoom_in_action.triggered.connect(self.zoom_in)
        for action in (self.fit_width_action, self.zoom_out_action, self.zoom_in_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.zoom_label = QLabel(self)
        self.page_label = QLabel(self)
        self.page_label.setMinimumWidth(self.fontMetrics().averageCharWidth() * 18)
        self.page_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack, 1)
        self._update_labels()

    # -- what the window adds to its toolbar -------------------------------------------

    def add_zoom_controls(self, toolbar: QToolBar) -> None:
        toolbar.addAction(self.fit_width_action)
        toolbar.addAction(self.zoom_out_action)
        toolbar.addWidget(self.zoom_label)
        toolbar.addAction(self.zoom_in_action)

    # -- document ----------------------------------------------------------------------

    def document(self) -> QPdfDocument | None:
        return self._document

    def path(self) -> Path | None:
        return self._path

    def page_count(self) -> int:
        return self._document.pageCount() if self._document is not None else 0

    def current_page(self) -> int:
        """The page in sight, counted from 0."""
        return self.view.pageNavigator().currentPage() if self._document is not None else 0

    def show_file(self, path: Path) -> bool:
        """Show `path`; on a file QtPdf cannot read, keep what was shown and return False."""
        document = QPdfDocument(self)
        if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
            document.close()
            document.deleteLater()
            return False
        previous = self._document
        self._document = document
        self._path = path
        self.view.setDocument(document)
        self.view.pageNavigator().jump(0, QPointF())
        self._stack.setCurrentWidget(self.view)
        if previous is not None:
            self._release(previous)
        self._update_labels()
        return True

    def clear(self) -> None:
        """Forget the document (closing it, so its file may be deleted)."""
        previous = self._document
        self._document = None
        self._path = None
        self.view.setDocument(self._blank)
        self._stack.setCurrentWidget(self.placeholder)
        if previous is not None:
            self._release(previous)
        self._update_labels()

    @staticmethod
    def _release(document: QPdfDocument) -> None:
        # Closed now (the file handle goes, so Windows lets the file be deleted); the object
        # itself is deleted once the view's queued rendering of it has drained.
        document.close()
        document.deleteLater()

    # -- zoom --------------------------------------------------------------------------

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.fit_width_action.setChecked(True)
        self._update_labels()

    def zoom_in(self) -> None:
        self._set_zoom(self.effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.effective_zoom() / ZOOM_STEP)

    def _set_zoom(self, factor: float) -> None:
        factor = min(max(factor, ZOOM_MIN), ZOOM_MAX)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self.fit_width_action.setChecked(False)
        self._update_labels()

    def effective_zoom(self) -> float:
        """The scale the pages are drawn at (1.0 = actual size), also while fitting the width."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self._document is None:
            return self.view.zoomFactor()
        page_width = self._document.pagePointSize(0).width()
        if page_width <= 0:
            return 1.0
        margins = self.view.documentMargins()
        available = self.view.viewport().width() - margins.left() - margins.right()
        # QPdfView's actual size: a point is logicalDpi/72 device-independent pixels.
        actual = page_width * self.view.logicalDpiX() / 72.0
        return max(available / actual, 0.01)

    # -- labels ------------------------------------------------------------------------

    def page_text(self) -> str:
        count = self.page_count()
        if count == 0:
            return ""
        return _tr("Trang {page} / {count}").format(page=self.current_page() + 1, count=count)

    def _update_labels(self) -> None:
        has_document = self._document is not None
        self.page_label.setText(self.page_text())
        for action in (self.fit_width_action, self.zoom_in_action, self.zoom_out_action):
            action.setEnabled(has_document)
        if not has_document:
            self.zoom_label.setText("")
        elif self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            self.zoom_label.setText(_tr("{percent}%").format(percent=round(self.effective_zoom() * 100)))
        else:
            self.zoom_label.setText(_tr("{percent}%").format(percent=round(self.view.zoomFactor() * 100)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._document is not None and self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            self._update_labels()  # the fitted percentage follows the width
