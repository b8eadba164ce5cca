"""What the import dialog shows before anything is imported: the file's column titles, the
mapping (saved for these titles, or found), and the first rows under the titles."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from desktop.db.database import Database
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.services.access import require
from desktop.services.tabular import mappings
from desktop.services.tabular.columns import MEMBER_COLUMNS, ORGANIZATION_COLUMNS, Column
from desktop.services.tabular.headers import data_rows, find_header
from desktop.services.tabular.sources import SourceUnreadable, open_sheet

SAMPLE_ROWS = 3
_COLUMNS = {mappings.MEMBERS: MEMBER_COLUMNS, mappings.ORGANIZATIONS: ORGANIZATION_COLUMNS}
_REQUIRED_ONE_OF = {mappings.MEMBERS: ("cell_name", "cell_code")}


@dataclass
class FilePreview:
    titles: list[str] = field(default_factory=list)
    header_row: int = 0
    signature: str = ""
    mapping: dict[str, int] = field(default_factory=dict)
    saved: bool = False  # the mapping is one a user saved for these titles
    samples: list[list[object]] = field(default_factory=list)
    problem: Problem | None = None  # the file cannot be imported as it is


def mappable_columns(kind: str) -> list[Column]:
    """The fields a user may map, in the catalogue's order (not the row number)."""
    return [column for column in _COLUMNS[kind] if column.key != "row_number"]


def is_required(kind: str, column: Column) -> bool:
    return column.required or column.key in _REQUIRED_ONE_OF.get(kind, ())


def preview_file(database: Database, path: Path, kind: str) -> FilePreview:
    require(database, Permission.EDIT_REGISTER)
    preview = FilePreview()
    try:
        with open_sheet(Path(path)) as sheet:
            match = find_header(sheet.rows, _COLUMNS[kind])
            if match is None:
                preview.problem = Problem("", ProblemCode.IMPORT_NO_HEADER)
                return preview
            saved = mappings.saved_mapping(database, kind, match.signature)
            preview.titles, preview.header_row, preview.signature = match.titles, match.row, match.signature
            preview.mapping = saved if saved is not None else dict(match.mapping)
            preview.saved = saved is not None
            preview.samples = [cells for _number, cells in itertools.islice(data_rows(match, sheet.rows), SAMPLE_ROWS)]
    except SourceUnreadable as unreadable:
        preview.problem = Problem("", ProblemCode.IMPORT_UNREADABLE, {"reason": unreadable.reason})
    return preview


__all__ = ["FilePreview", "is_required", "mappable_columns", "preview_file"]
