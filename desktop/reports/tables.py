"""Tables of any length, laid out page by page from a stream of rows.

One big ReportLab table is quadratic (every page split re-measures the rest) and holds every
row in memory. A `StreamedTable` instead pulls rows from an iterator only until the current
page is full, measures them itself (every cell is plain text, wrapped here), and draws each
page's rows with the column header at its top. Memory holds one page of rows; time grows
linearly with the rows. Short tables use `fixed_table` for the same look.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

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
class _Cell:
    font: str
    lines: tuple[tuple[str, float], ...]  # each line with its width in points


@dataclass(frozen=True)
class _Measured:
    row: TableRow
    cells: tuple[_Cell, ...]  # one per column; a spanning row has one
    height: float


class _Layout:
    """Fonts, measuring and drawing shared by every page of one table."""

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

    def _wrap(self, text: str, font: str, width: float) -> tuple[tuple[str, float], ...]:
        text = nfc(text)
        available = width - 2 * _PAD_H
        if "\n" not in text:
            text_width = stringWidth(text, font, self.size)
            if text_width <= available:
                return ((text, text_width),)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            lines.extend(simpleSplit(paragraph, font, self.size, available) or [""])
        return tuple((line, stringWidth(line, font, self.size)) for line in lines)

    def _measure(self, row: TableRow, bold: bool = False) -> _Measured:
        if row.kind in (RowKind.DATA, RowKind.SUM):
            cells = []
            for index, (text, width) in enumerate(zip(row.cells, self.widths, strict=True)):
                font = self._font(row, index, bold)
                cells.append(_Cell(font, self._wrap(text, font, width)))
        else:
            font = self._font(row, 0, bold)
            cells = [_Cell(font, self._wrap(row.cells[0], font, sum(self.widths)))]
        count = max(len(cell.lines) for cell in cells)
        return _Measured(row, tuple(cells), count * self.leading + 2 * _PAD_V)

    def _font(self, row: TableRow, column: int, bold: bool) -> str:
        if bold or row.kind in (RowKind.GROUP, RowKind.TOTAL, RowKind.SUM):
            return self.bold
        if row.kind is RowKind.SUBTOTAL or column in row.italic_columns:
            return self.italic
        return self.regular

    def measure(self, row: TableRow) -> _Measured:
        return self._measure(row)

    def page(self, rows: Sequence[_Measured]) -> _PageOfRows:
        return _PageOfRows(self, (self.header, *rows))

    def draw(self, canvas, rows: Sequence[_Measured]) -> None:  # type: ignore[no-untyped-def]
        """Draw `rows` (the first is the header) with their top-left corner at (0, height).

        Drawn directly on the canvas, one text object for the page and one call for the grid:
        a ReportLab Table resolves its style for every cell and is several times slower.
        """
        total_width = sum(self.widths)
        edges = [0.0]
        for width in self.widths:
            edges.append(edges[-1] + width)
        top = sum(item.height for item in rows)
        grid: list[tuple[float, float, float, float]] = [(0, top, total_width, top)]
        text = canvas.beginText()
        current_font = None
        for position, item in enumerate(rows):
            bottom = top - item.height
            grid.append((0, bottom, total_width, bottom))
            spanning = item.row.kind not in (RowKind.DATA, RowKind.SUM)
            if item.row.kind is RowKind.GROUP:
                canvas.saveState()
                canvas.setFillColor(_GROUP_BACKGROUND)
                canvas.rect(0, bottom, total_width, item.height, stroke=0, fill=1)
                canvas.restoreState()
            inner = (edges[0], edges[-1]) if spanning else None
            for index, cell in enumerate(item.cells):
                left, right = inner or (edges[index], edges[index + 1])
                if spanning:
                    align = Align.RIGHT if item.row.kind is RowKind.SUBTOTAL else Align.LEFT
                else:
                    align = Align.CENTER if position == 0 else self.columns[index].align
                if cell.font != current_font:
                    text.setFont(cell.font, self.size, self.leading)
                    current_font = cell.font
                block = len(cell.lines) * self.leading
                # Vertically centred; the baseline sits where Table would put it.
                baseline = top - (item.height - block) / 2 - self.size
                for line, width in cell.lines:
                    if align is Align.LEFT:
                        x = left + _PAD_H
                    elif align is Align.RIGHT:
                        x = right - _PAD_H - width
                    else:
                        x = (left + right - width) / 2
                    text.setTextOrigin(x, baseline)
                    text.textOut(line)
                    baseline -= self.leading
            for edge in edges if not spanning else (edges[0], edges[-1]):
                grid.append((edge, top, edge, bottom))
            top = bottom
        canvas.drawText(text)
        canvas.setLineWidth(0.5)
        canvas.lines(grid)


class _PageOfRows(Flowable):
    """The rows of one page, header first, already measured."""

    def __init__(self, layout: _Layout, rows: Sequence[_Measured]) -> None:
        super().__init__()
        self._layout = layout
        self._rows = tuple(rows)
        self.width = sum(layout.widths)
        self.height = sum(item.height for item in rows)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self._layout.draw(self.canv, self._rows)


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
        self._whole: _PageOfRows | None = None

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
            self._whole = self._layout.page(self._pending)
            return width, self._whole.height
        self._whole = None
        return width, available_height + 1  # more than fits: the frame asks us to split

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self._fill(available_height)
        count = self._fitting(available_height)
        if count == 0:
            return []  # not even one row fits here: the frame moves us to the next page
        page = self._layout.page(self._pending[:count])
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
