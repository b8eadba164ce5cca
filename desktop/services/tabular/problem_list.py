"""The problems of an import as an .xlsx file: the clerk fixes the source file from it and
imports again (nothing was written)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.models.problems import Problem
from desktop.services import clock
from desktop.services.tabular.outcome import ImportOutcome
from desktop.services.tabular.workbook import OutColumn, write_table

COLUMNS = (OutColumn("STT", 6), OutColumn("Dòng", 8), OutColumn("Cột", 24), OutColumn("Giá trị", 30),
           OutColumn("Lỗi", 80))


def write_problem_list(
    path: Path, outcome: ImportOutcome, source_name: str, message: Callable[[Problem], str]
) -> int:
    """One row per problem (row 0: the whole file, shown empty); the number written."""
    heading = [
        "DANH SÁCH LỖI KHI NHẬP DỮ LIỆU",
        f"Tệp: {source_name} — {len(outcome.problems) + outcome.more_problems} lỗi; chưa có dữ liệu nào được ghi.",
        f"Lập ngày {clock.now():%d/%m/%Y %H:%M}",
    ]
    rows = (
        [number, problem.row or None, problem.column, problem.value, message(problem.problem)]
        for number, problem in enumerate(outcome.problems, start=1)
    )
    return write_table(Path(path), COLUMNS, rows, sheet_title="Lỗi", heading=heading)
