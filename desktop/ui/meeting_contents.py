"""The minutes' contents in the meeting form: guests, agenda items (with the discussion, one
speaker a line, and the chair's conclusion), votes and the resolution. Each editor reads and
writes the lines of desktop.models.meeting_rules; the checks are the service's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.meeting_texts import meeting_label
from desktop.models.dates import format_date, parse_date
from desktop.models.meeting_rules import (
    AgendaLine,
    GuestLine,
    ResolutionLine,
    ResolutionTaskLine,
    VoteLine,
)
from desktop.models.meetings import GuestKind, VoteMethod, VoteThreshold

_CONTEXT = "MeetingContents"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _button(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAutoDefault(False)
    return button


def _enum_combo(values: type, current: object, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for value in values:  # type: ignore[attr-defined]
        combo.addItem(meeting_label(value), value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class _RowsTable(QWidget):
    """A table with Thêm / Xóa dòng buttons; subclasses say what a row holds."""

    changed = Signal()
    TITLES: tuple[str, ...] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.TITLES), self)
        self.table.setHorizontalHeaderLabels([_tr(title) for title in self.TITLES])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = _button(_tr("Thêm dòng"), self)
        self.remove_button = _button(_tr("Xóa dòng"), self)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def add_row(self, line: object | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.fill_row(row, line)
        self.table.setCurrentCell(row, 0)
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                   else QAbstractItemView.EditTrigger.AllEditTriggers)
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                widget = self.table.cellWidget(row, column)
                if widget is not None:
                    widget.setEnabled(not read_only)

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def fill_row(self, row: int, line: object | None) -> None:
        raise NotImplementedError

    def _watch(self, widget: QWidget) -> QWidget:
        signal = getattr(widget, "currentIndexChanged", None) or getattr(widget, "valueChanged", None) \
            or widget.toggled
        signal.connect(lambda *_args: self.changed.emit())
        return widget


class GuestsEditor(_RowsTable):
    TITLES = ("Họ và tên", "Chức vụ, nơi công tác", "Dự với tư cách")

    def set_lines(self, lines: tuple[GuestLine, ...]) -> None:
        self.table.setRowCount(0)
        for line in lines:
            self.add_row(line)

    def fill_row(self, row: int, line: object | None) -> None:
        guest = line if isinstance(line, GuestLine) else GuestLine("")
        blocked = self.table.blockSignals(True)
        self.table.setItem(row, 0, QTableWidgetItem(guest.full_name))
        self.table.setItem(row, 1, QTableWidgetItem(guest.post or ""))
        self.table.blockSignals(blocked)
        self.table.setCellWidget(row, 2, self._watch(_enum_combo(GuestKind, guest.kind, self.table)))

    def lines(self) -> tuple[GuestLine, ...]:
        result = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            result.append(GuestLine(self.text(row, 0), self.text(row, 1) or None, combo.currentData()))
        return tuple(result)


class VotesEditor(_RowsTable):
    TITLES = ("Nội dung biểu quyết", "Hình thức", "Tỷ lệ cần đạt", "Tán thành", "Không tán thành",
              "Không biểu quyết", "Thông qua nghị quyết")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for column in range(1, len(self.TITLES)):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def set_lines(self, lines: tuple[VoteLine, ...]) -> None:
        self.table.setRowCount(0)
        for line in lines:
            self.add_row(line)

    def fill_row(self, row: int, line: object | None) -> None:
        vote = line if isinstance(line, VoteLine) else VoteLine("", 0)
        blocked = self.table.blockSignals(True)
        self.table.setItem(row, 0, QTableWidgetItem(vote.subject))
        self.table.blockSignals(blocked)
        self.table.setCellWidget(row, 1, self._watch(_enum_combo(VoteMethod, vote.method, self.table)))
        self.table.setCellWidget(row, 2, self._watch(_enum_combo(VoteThreshold, vote.threshold, self.table)))
        for column, value in ((3, vote.votes_for), (4, vote.votes_against), (5, vote.votes_abstain)):
            spin = QSpinBox(self.table)
            spin.setRange(0, 9999)
            spin.setValue(value)
            self.table.setCellWidget(row, column, self._watch(spin))
        adopts = QCheckBox(self.table)
        adopts.setChecked(vote.adopts_resolution)
        self.table.setCellWidget(row, 6, self._watch(adopts))

    def lines(self) -> tuple[VoteLine, ...]:
        result = []
        for row in range(self.table.rowCount()):
            widgets = [self.table.cellWidget(row, column) for column in range(1, 7)]
            method, threshold, votes_for, against, abstain, adopts = widgets
            assert isinstance(method, QComboBox) and isinstance(threshold, QComboBox)
            assert isinstance(votes_for, QSpinBox) and isinstance(against, QSpinBox)
            assert isinstance(abstain, QSpinBox) and isinstance(adopts, QCheckBox)
            result.append(VoteLine(self.text(row, 0), votes_for.value(), against.value(), abstain.value(),
                                   method.currentData(), threshold.currentData(), adopts.isChecked()))
        return tuple(result)


class TasksEditor(_RowsTable):
    """Phân công thực hiện: the resolution's tasks, each owner among the members listed."""

    TITLES = ("Nhiệm vụ", "Người phụ trách", "Thời hạn (nn/tt/nnnn)")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people: list[tuple[int, str]] = []
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(1, 220)
        self.table.setColumnWidth(2, 150)

    def set_people(self, people: list[tuple[int, str]]) -> None:
        """(member id, name) of the members listed; the owners already chosen are kept."""
        self._people = list(people)
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            chosen = combo.currentData()
            self._fill_owners(combo, chosen)

    def _fill_owners(self, combo: QComboBox, chosen: int | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_tr("— chưa giao —"), None)
        for member_id, name in self._people:
            combo.addItem(name, member_id)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    def set_lines(self, lines: tuple[ResolutionTaskLine, ...]) -> None:
        self.table.setRowCount(0)
        for line in lines:
            self.add_row(line)

    def fill_row(self, row: int, line: object | None) -> None:
        task = line if isinstance(line, ResolutionTaskLine) else ResolutionTaskLine("")
        blocked = self.table.blockSignals(True)
        self.table.setItem(row, 0, QTableWidgetItem(task.description))
        self.table.setItem(row, 2, QTableWidgetItem(format_date(task.due_date)))
        self.table.blockSignals(blocked)
        combo = QComboBox(self.table)
        self._fill_owners(combo, task.owner_member_id)
        self.table.setCellWidget(row, 1, self._watch(combo))

    def unreadable_rows(self) -> list[int]:
        """The rows (from 1) whose deadline is not a date."""
        rows = []
        for row in range(self.table.rowCount()):
            text = self.text(row, 2)
            try:
                if text:
                    parse_date(text)
            except ValueError:
                rows.append(row + 1)
        return rows

    def lines(self) -> tuple[ResolutionTaskLine, ...]:
        """Call after unreadable_rows() is empty."""
        result = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            due = self.text(row, 2)
            result.append(ResolutionTaskLine(self.text(row, 0), combo.currentData(), parse_date(due) if due else None))
        return tuple(result)


class AgendaEditor(QWidget):
    """The agenda items on the left, the one chosen on the right."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[AgendaLine] = []
        self._current = -1
        self.list = QListWidget(self)
        self.title = QLineEdit(self)
        self.discussion = QPlainTextEdit(self)
        self.discussion.setPlaceholderText(_tr("Mỗi dòng một ý kiến: “Đồng chí … phát biểu: …”"))
        self.conclusion = QPlainTextEdit(self)
        self.conclusion.setPlaceholderText(_tr("Kết luận của đồng chí chủ trì"))
        self.add_button = _button(_tr("Thêm nội dung"), self)
        self.remove_button = _button(_tr("Xóa nội dung"), self)
        self.up_button = _button(_tr("Lên"), self)
        self.down_button = _button(_tr("Xuống"), self)
        form = QFormLayout()
        form.addRow(_tr("Nội dung:"), self.title)
        form.addRow(_tr("Diễn biến, ý kiến phát biểu:"), self.discussion)
        form.addRow(_tr("Kết luận:"), self.conclusion)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 2)
        layout.addLayout(form, 3)
        self.list.currentRowChanged.connect(self._show)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        for editor in (self.title,):
            editor.textEdited.connect(self._store)
        for text_editor in (self.discussion, self.conclusion):
            text_editor.textChanged.connect(self._store)
        self._show(-1)

    def set_lines(self, lines: tuple[AgendaLine, ...]) -> None:
        self._items = list(lines)
        self._current = -1
        self.list.blockSignals(True)
        self.list.clear()
        for item in self._items:
            self.list.addItem(item.title)
        self.list.blockSignals(False)
        self.list.setCurrentRow(0 if self._items else -1)
        self._show(self.list.currentRow())

    def lines(self) -> tuple[AgendaLine, ...]:
        return tuple(AgendaLine(item.title.strip(), (item.discussion or "").strip() or None,
                                (item.conclusion or "").strip() or None) for item in self._items)

    def add_item(self) -> None:
        self._items.append(AgendaLine(_tr("Nội dung {number}").format(number=len(self._items) + 1)))
        self.list.addItem(self._items[-1].title)
        self.list.setCurrentRow(len(self._items) - 1)
        self.title.setFocus()
        self.title.selectAll()
        self.changed.emit()

    def remove_item(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        del self._items[row]
        self._current = -1
        self.list.takeItem(row)
        self._show(self.list.currentRow())
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not read_only)
        self.title.setReadOnly(read_only)
        self.discussion.setReadOnly(read_only)
        self.conclusion.setReadOnly(read_only)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self._items):
            return
        self._items[row], self._items[target] = self._items[target], self._items[row]
        for index in (row, target):
            self.list.item(index).setText(self._items[index].title)
        self._current = target
        self.list.setCurrentRow(target)
        self.changed.emit()

    def _show(self, row: int) -> None:
        self._current = row
        present = 0 <= row < len(self._items)
        item = self._items[row] if present else AgendaLine("")
        for editor in (self.title, self.discussion, self.conclusion):
            editor.blockSignals(True)
            editor.setEnabled(present)
        self.title.setText(item.title)
        self.discussion.setPlainText(item.discussion or "")
        self.conclusion.setPlainText(item.conclusion or "")
        for editor in (self.title, self.discussion, self.conclusion):
            editor.blockSignals(False)

    def _store(self) -> None:
        row = self._current
        if not 0 <= row < len(self._items):
            return
        self._items[row] = AgendaLine(self.title.text(), self.discussion.toPlainText(),
                                      self.conclusion.toPlainText())
        self.list.item(row).setText(self.title.text())
        self.changed.emit()


class ResolutionEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(_tr("Cuộc họp ra nghị quyết"), self)
        self.number = QLabel(self)
        self.subject = QLineEdit(self)
        self.subject.setPlaceholderText(_tr("Trích yếu: về …"))
        self.body = QPlainTextEdit(self)
        self.body.setPlaceholderText(_tr("Nội dung nghị quyết: căn cứ, đánh giá, mục tiêu, nhiệm vụ, giải pháp"))
        self.tasks = TasksEditor(self)
        self.tasks.changed.connect(self.changed.emit)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.enabled, self.number)
        form.addRow(_tr("Trích yếu:"), self.subject)
        form.addRow(_tr("Nội dung:"), self.body)
        form.addRow(_tr("Phân công thực hiện:"), self.tasks)
        self.enabled.toggled.connect(self._update)
        self.enabled.toggled.connect(lambda _on: self.changed.emit())
        self.subject.textEdited.connect(lambda _text: self.changed.emit())
        self.body.textChanged.connect(self.changed.emit)
        self._update()

    def set_line(self, line: ResolutionLine | None, number: str | None) -> None:
        for widget in (self.enabled, self.subject, self.body):
            widget.blockSignals(True)
        self.enabled.setChecked(line is not None)
        self.subject.setText(line.subject if line else "")
        self.body.setPlainText((line.body or "") if line else "")
        self.tasks.blockSignals(True)
        self.tasks.set_lines(line.tasks if line else ())
        self.tasks.blockSignals(False)
        for widget in (self.enabled, self.subject, self.body):
            widget.blockSignals(False)
        self.number.setText(number or _tr("(số nghị quyết được cấp khi hoàn tất biên bản)"))
        self._update()

    def line(self) -> ResolutionLine | None:
        if not self.enabled.isChecked():
            return None
        return ResolutionLine(self.subject.text().strip(), self.body.toPlainText().strip() or None, self.tasks.lines())

    def set_read_only(self, read_only: bool) -> None:
        self.enabled.setEnabled(not read_only)
        self.subject.setReadOnly(read_only)
        self.body.setReadOnly(read_only)
        self.tasks.set_read_only(read_only)

    def _update(self) -> None:
        on = self.enabled.isChecked()
        self.subject.setEnabled(on)
        self.body.setEnabled(on)
        self.tasks.setEnabled(on)
        self.number.setVisible(on)
        self.number.setAlignment(Qt.AlignmentFlag.AlignLeft)
