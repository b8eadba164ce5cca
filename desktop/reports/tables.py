"""Tables of any length, laid out page by page from a stream of rows.

One big ReportLab table is quadratic (every page split re-measures the rest) and holds every
row in memory. A `StreamedTable` instead pulls rows from an iterator only until the current
page is full, measures them itself (every cell is plain text, wrapped here), and emits one
ordinary `Table` per page with the column header at its top. Memory holds one page of rows;
time grows linearly with the rows. Short tables use `fixed_table` for the same look.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from desktop.models.text import nfc
from desktop.reports.style import Styles

_PAD_H = 3.0  # points of padding left/right of a cell's text
_PAD_V = 2.5  # points above and below
_GROUP_BACKGROUND = colors.Color(0.92, 0.92, 0.92)


class Align(enum.Enum):
    LEFT = "LEFT"
    CENTER = "CENTER"
    RIGHT = "RIGHT"


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # points
    align: Align = Align.LEFT


class RowKind(enum.Enum):
    DATA = "DATA"  # one value per column
    GROUP = "GROUP"  # one text across all columns, opening a group (a cell, a committee)
    SUBTOTAL = "SUBTOTAL"  # one text across all columns, closing a group
    TOTAL = "TOTAL"  # the grand total, one text across all columns
    SUM = "SUM"  # one value per column, in bold (a "Tổng cộng" row of figures)


@dataclass(frozen=True)
class TableRow:
    kind: RowKind
    cells: tuple[str, ...]
    italic_columns: frozenset[int] = frozenset()  # DATA rows: cells printed in italics

    @classmethod
    def data(cls, *cells: str, italic: Sequence[int] = ()) -> TableRow:
        return cls(RowKind.DATA, tuple(cells), frozenset(italic))

    @classmethod
    def spanning(cls, kind: RowKind, text: str) -> TableRow:
        return cls(kind, (text,))


@dataclass(frozen=True)
class _Measured:
    row: TableRow
    lines: tuple[str, ...]  # one (possibly multi-line) text per table cell
    height: float


class _Layout:
    """Fonts, measuring and styling shared by every page of one table."""

    def __init__(self, styles: Styles, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self.widths = [column.width for column in columns]
        self.size = styles.document.table_pt
        self.leading = self.size * 1.2
        self.regular = styles.family.regular
        self.bold = styles.family.bold
        self.italic = styles.family.italic
        self.header = self._measure(
            TableRow(RowKind.DATA, tuple(column.title for column in columns)), bold=True
        )

    def _wrap(self, text: str, font: str, width: float) -> list[str]:
        text = nfc(text)
        available = width - 2 * _PAD_H
        if "\n" not in text and stringWidth(text, font, self.size) <= available:
            return [text]
        lines: list[str] = []
        for paragraph in text.split("\n"):
            lines.extend(simpleSplit(paragraph, font, self.size, available) or [""])
        return lines

    def _measure(self, row: TableRow, bold: bool = False) -> _Measured:
        if row.kind in (RowKind.DATA, RowKind.SUM):
            texts = []
            line_counts = []
            for index, (text, width) in enumerate(zip(row.cells, self.widths, strict=True)):
                font = self._font(row, index, bold)
                lines = self._wrap(text, font, width)
                texts.append("\n".join(lines))
                line_counts.append(len(lines))
            count = max(line_counts, default=1)
        else:
            lines = self._wrap(row.cells[0], self._font(row, 0, bold), sum(self.widths))
            texts = ["\n".join(lines)] + [""] * (len(self.widths) - 1)
            count = len(lines)
        return _Measured(row, tuple(texts), count * self.leading + 2 * _PAD_V)

    def _font(self, row: TableRow, column: int, bold: bool) -> str:
        if bold or row.kind in (RowKind.GROUP, RowKind.TOTAL, RowKind.SUM):
            return self.bold
        if row.kind is RowKind.SUBTOTAL or column in row.italic_columns:
            return self.italic
        return self.regular

    def measure(self, row: TableRow) -> _Measured:
        return self._measure(row)

    def table(self, rows: Sequence[_Measured], with_header: bool = True) -> Table:
        measured = ([self.header] if with_header else []) + list(rows)
        table = Table(
            [list(item.lines) for item in measured],
            colWidths=self.widths,
            rowHeights=[item.height for item in measured],
        )
        table.setStyle(TableStyle(self._commands(measured, with_header)))
        return table

    def _commands(self, measured: Sequence[_Measured], with_header: bool) -> list[tuple]:
        last = len(self.widths) - 1
        commands: list[tuple] = [
            ("FONT", (0, 0), (-1, -1), self.regular, self.size, self.leading),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD_H),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_H),
            ("TOPPADDING", (0, 0), (-1, -1), _PAD_V),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_V),
        ]
        for index, column in enumerate(self.columns):
            commands.append(("ALIGN", (index, 0), (index, -1), column.align.value))
        if with_header:
            commands.append(("FONT", (0, 0), (-1, 0), self.bold, self.size, self.leading))
            commands.append(("ALIGN", (0, 0), (-1, 0), "CENTER"))
        for position, item in enumerate(measured):
            if with_header and position == 0:
                continue
            kind = item.row.kind
            if kind is RowKind.DATA:
                for column in item.row.italic_columns:
                    commands.append(
                        ("FONT", (column, position), (column, position), self.italic, self.size, self.leading)
                    )
                continue
            if kind is RowKind.SUM:
                commands.append(("FONT", (0, position), (-1, position), self.bold, self.size, self.leading))
                continue
            commands.append(("SPAN", (0, position), (last, position)))
            font = self.italic if kind is RowKind.SUBTOTAL else self.bold
            commands.append(("FONT", (0, position), (-1, position), font, self.size, self.leading))
            align = "RIGHT" if kind is RowKind.SUBTOTAL else "LEFT"
            commands.append(("ALIGN", (0, position), (-1, position), align))
            if kind is RowKind.GROUP:
                commands.append(("BACKGROUND", (0, position), (-1, position), _GROUP_BACKGROUND))
        return commands


class StreamedTable(Flowable):
    """A table fed by an iterator of rows, split page by page with the header on each page."""

    def __init__(
        self,
        styles: Styles,
        columns: Sequence[Column],
        rows: Iterator[TableRow],
        *,
        _layout: _Layout | None = None,
        _pending: list[_Measured] | None = None,
    ) -> None:
        super().__init__()
        self._layout = _layout or _Layout(styles, columns)
        self._styles = styles
        self._rows = rows
        self._pending: list[_Measured] = _pending if _pending is not None else []
        self._exhausted = False
        self._whole: Table | None = None

    def _fill(self, height: float) -> None:
        """Measure rows from the stream until they exceed `height` or the stream ends."""
        used = self._layout.header.height + sum(item.height for item in self._pending)
        while used <= height and not self._exhausted:
            row = next(self._rows, None)
            if row is None:
                self._exhausted = True
                break
            measured = self._layout.measure(row)
            self._pending.append(measured)
            used += measured.height

    def _fitting(self, height: float) -> int:
        """How many pending rows fit under the header in `height`."""
        used = self._layout.header.height
        count = 0
        for item in self._pending:
            if used + item.height > height:
                break
            used += item.height
            count += 1
        # A group heading never ends a page: it moves down with its first row.
        while count and self._pending[count - 1].row.kind is RowKind.GROUP and count < len(self._pending):
            count -= 1
        # Nor does a closing row start one alone when it could take its last data row along.
        return count

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._fill(available_height)
        width = sum(self._layout.widths)
        if self._exhausted and self._fitting(available_height) == len(self._pending):
            self._whole = self._layout.table(self._pending)
            _, height = self._whole.wrap(available_width, available_height)
            return width, height
        self._whole = None
        return width, available_height + 1  # more than fits: the frame asks us to split

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self._fill(available_height)
        count = self._fitting(available_height)
        if count == 0:
            return []  # not even one row fits here: the frame moves us to the next page
        page = self._layout.table(self._pending[:count])
        rest = self._pending[count:]
        if not rest and self._exhausted:
            return [page]
        remainder = StreamedTable(
            self._styles, self._layout.columns, self._rows, _layout=self._layout, _pending=rest
        )
        remainder._exhausted = self._exhausted
        return [page, remainder]

    def drawOn(self, canvas, x, y, _sW=0):  # type: ignore[no-untyped-def]
        assert self._whole is not None, "drawn without fitting"
        self._whole.drawOn(canvas, x, y, _sW)

    def draw(self) -> None:  # pragma: no cover - drawOn is used instead
        raise AssertionError("StreamedTable is drawn through drawOn")


def fixed_table(styles: Styles, columns: Sequence[Column], rows: Sequence[TableRow]) -> Flowable:
    """A short table with the same look; longer ones are split page by page like any other."""
    return StreamedTable(styles, columns, iter(rows))
