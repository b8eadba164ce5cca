"""Spreadsheet files as offices make them, built by the tests (openpyxl, csv)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

MEMBER_TITLES = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức",
                 "Số thẻ đảng viên", "Số CCCD", "Chi bộ"]


def write_xlsx(
    path: Path, rows: Sequence[Sequence[object]], *, titles: Sequence[str] = MEMBER_TITLES,
    title_rows: bool = True, numbering: bool = False, number_formats: dict[int, str] | None = None,
) -> Path:
    """A workbook with, above the column titles, the merged heading rows offices put there."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách"
    if title_rows:
        sheet.append(["ĐẢNG BỘ KHỐI CÁC CƠ QUAN TRUNG ƯƠNG"])
        sheet.append(["DANH SÁCH ĐẢNG VIÊN"])
        sheet.append(["(Kèm theo Công văn số 12-CV/ĐUK ngày 05/11/2026)"])
        last = len(titles)
        for line in (1, 2, 3):
            sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=last)
            sheet.cell(line, 1).alignment = Alignment(horizontal="center")
            sheet.cell(line, 1).font = Font(bold=True)
        sheet.append([])
    sheet.append(list(titles))
    if numbering:
        sheet.append([f"({index})" for index in range(1, len(titles) + 1)])
    for row in rows:
        sheet.append(list(row))
    for column, number_format in (number_formats or {}).items():
        for cells in sheet.iter_rows(min_row=sheet.max_row - len(rows) + 1, min_col=column, max_col=column):
            for cell in cells:
                cell.number_format = number_format
    workbook.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], *, titles: Sequence[str] = MEMBER_TITLES,
    encoding: str = "utf-8-sig", delimiter: str = ",",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(titles)
        for row in rows:
            writer.writerow(["" if value is None else value for value in row])
    return path


def read_back(path: Path) -> list[list[object]]:
    """Every row of the first sheet of an .xlsx file, as openpyxl reads it."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]
