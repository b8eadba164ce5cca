"""The header above the member table: what the selected organisation is and who leads it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.models.enums import CommitteeRole, OrgStatus
from desktop.services.organizations import OrgSummary
from desktop.texts import label

_CONTEXT = "OrgHeader"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class OrgHeader(QWidget):
    # The button an empty database shows: add the first organisation.
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = QLabel()
        self.kind.setWordWrap(True)
        self.counts = QLabel()
        self.leaders = QLabel()
        self.leaders.setWordWrap(True)
        self.leaders.setTextFormat(Qt.TextFormat.RichText)
        self.add_button = QPushButton(_tr("Thêm tổ chức đảng…"))
        self.add_button.clicked.connect(self.add_requested)
        self.add_button.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (self.title, self.kind, self.counts, self.leaders):
            layout.addWidget(widget)
        button_row = QHBoxLayout()
        button_row.addWidget(self.add_button)
        button_row.addStretch(1)
        layout.addLayout(button_row)

    def show_summary(self, summary: OrgSummary) -> None:
        locale = QLocale()
        self.add_button.hide()
        self.counts.show()
        self.leaders.show()
        self.title.setText(summary.name)
        kind = label(summary.kind)
        details = [kind, _tr("mã {code}").format(code=summary.code)]
        if summary.is_overseas:
            details.append(_tr("ở nước ngoài ({country})").format(country=summary.country or "—"))
        if summary.status is not OrgStatus.ACTIVE:
            details.append(_tr("không còn hoạt động"))
        self.kind.setText(" · ".join(details))
        counts = _tr(
            "{members} đảng viên đang sinh hoạt: {full} chính thức, {probationary} dự bị"
        ).format(
            members=locale.toString(summary.members),
            full=locale.toString(summary.full_members),
            probationary=locale.toString(summary.probationary_members),
        )
        if not summary.kind.is_cell:
            counts = _tr("{cells} chi bộ · ").format(cells=locale.toString(summary.cells)) + counts
        self.counts.setText(counts)
        self.leaders.setText(self._leaders_html(summary))

    @staticmethod
    def _leaders_html(summary: OrgSummary) -> str:
        parts = []
        for role in (CommitteeRole.SECRETARY, CommitteeRole.DEPUTY_SECRETARY):
            names = [seat.full_name for seat in summary.seats if seat.role is role]
            value = ", ".join(_html(name) for name in names) if names else _tr("chưa có")
            parts.append(f"{_html(label(role))}: <b>{value}</b>")
        return " &nbsp;·&nbsp; ".join(parts)

    def show_empty_database(self) -> None:
        self.clear_summary()
        self.title.setText(_tr("Cơ sở dữ liệu chưa có tổ chức đảng nào"))
        self.kind.setText(
            _tr(
                "Hãy thêm tổ chức đảng cấp cao nhất của đơn vị (Tổ chức → Thêm tổ chức đảng trực thuộc…, "
                "Ctrl+Shift+N), rồi thêm các tổ chức trực thuộc và chi bộ dưới nó. "
                "Nếu đơn vị đã có dữ liệu, hãy mở cơ sở dữ liệu đó (Tệp → Mở cơ sở dữ liệu…)."
            )
        )
        self.counts.hide()
        self.leaders.hide()
        self.add_button.show()

    def clear_summary(self) -> None:
        for widget in (self.title, self.kind, self.counts, self.leaders):
            widget.clear()
