"""Rows of a spreadsheet file: Excel workbooks (.xlsx, .xlsm, the older .xls) and OpenDocument
sheets (.ods) through python-calamine, .csv as UTF-8 (with or without a BOM) or, when it is not
UTF-8, Windows-1258 — the code page Vietnamese Excel saves "CSV" in. Cells come as the file has
them (text, numbers, dates, booleans; None when empty); CSV cells as text.

python-calamine (Rust) reads the full demo's 78,432 members in about 6 s where openpyxl's
read-only mode took about 110 s on the same machine (benchmarks/bench_tabular.py).

Windows-1258 writes tone marks as combining characters (Hoà = "Hoa" + U+0300): values are NFC
normalised later (desktop.services.tabular.values), titles folded (columns.title_key).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.models.problems import ProblemCode

XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
VIETNAMESE_WINDOWS_CODE_PAGE = "cp1258"
_SNIFF_BYTES = 64 * 1024


class SourceUnreadable(Exception):
    """Not a spreadsheet we read (wrong type, damaged, locked by Excel, missing)."""

    code = ProblemCode.IMPORT_UNREADABLE

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # NOT_FOUND, UNSUPPORTED, DAMAGED, LOCKED, EMPTY


@dataclass
class Sheet:
    """The rows of the file's (first) sheet; `total` is an estimate for progress, or None."""

    rows: Iterator[list[object]]
    total: int | None
    name: str


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in XLSX_SUFFIXES + CSV_SUFFIXES


@contextmanager
def open_sheet(path: Path) -> Iterator[Sheet]:
    """The first worksheet of an .xlsx file, or the rows of a .csv file; SourceUnreadable."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SourceUnreadable("NOT_FOUND")
    if suffix in XLSX_SUFFIXES:
        with _xlsx(path) as sheet:
            yield sheet
    elif suffix in CSV_SUFFIXES:
        with _csv(path) as sheet:
            yield sheet
    else:
        raise SourceUnreadable("UNSUPPORTED")


@contextmanager
def _xlsx(path: Path) -> Iterator[Sheet]:
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except PermissionError:
        raise SourceUnreadable("LOCKED") from None
    except (python_calamine.CalamineError, OSError, ValueError):
        raise SourceUnreadable("DAMAGED") from None
    try:
        if not workbook.sheet_names:
            raise SourceUnreadable("EMPTY")
        try:
            sheet = workbook.get_sheet_by_index(0)
        except (python_calamine.CalamineError, ValueError):
            raise SourceUnreadable("DAMAGED") from None
        # The sheet starts at its first used cell: rows and columns before it are put back so
        # that row numbers and column positions are the ones Excel shows.
        start = sheet.start or (0, 0)
        first_row, first_column = int(start[0]), int(start[1])

        def rows() -> Iterator[list[object]]:
            for _ in range(first_row):
                yield []
            padding: list[object] = [None] * first_column
            for row in sheet.iter_rows():
                yield padding + [None if cell == "" else cell for cell in row]

        yield Sheet(rows(), first_row + int(sheet.height or 0), sheet.name)
    finally:
        workbook.close()


def _decode(head: bytes) -> str:
    """The encoding of a CSV file from its first bytes."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the end of the sample
            return VIETNAMESE_WINDOWS_CODE_PAGE
    return "utf-8"


@contextmanager
def _csv(path: Path) -> Iterator[Sheet]:
    try:
        handle = path.open("rb")
    except PermissionError:
        raise SourceUnreadable("LOCKED") from None
    with handle:
        head = handle.read(_SNIFF_BYTES)
        if not head.strip():
            raise SourceUnreadable("EMPTY")
        if b"\x00" in head:
            raise SourceUnreadable("UNSUPPORTED")  # UTF-16 or a binary file
        encoding = _decode(head)
        handle.seek(0)
        size = path.stat().st_size
        text = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
        sample = head.decode(encoding, errors="replace")
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample[:8192], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        lines = sample.count("\n") or 1
        total = max(1, int(lines * size / max(1, len(head)))) if size > len(head) else lines

        def rows() -> Iterator[list[object]]:
            try:
                for row in csv.reader(text, dialect):
                    yield [cell if cell != "" else None for cell in row]
            except csv.Error:
                raise SourceUnreadable("DAMAGED") from None

        yield Sheet(rows(), total, path.stem)
