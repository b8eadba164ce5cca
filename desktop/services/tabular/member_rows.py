"""One row of a member list as the fields of a MemberDraft, with the problems of its cells.

Only the mapped columns give values: an update changes what the file has and nothing else.
The reading plan (which column, which parser, the value of an empty cell) is built once per
import: a file of the full demo has three million cells.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.models.catalogues import ETHNICITIES, MAJORITY_ETHNICITY, NO_RELIGION, RELIGIONS
from desktop.models.enums import (
    AcademicTitle,
    DatePrecision,
    MemberStatus,
    PoliticalTheory,
    ProfessionalDegree,
)
from desktop.models.problems import Problem, ProblemCode
from desktop.services.tabular import values
from desktop.services.tabular.columns import (
    DEGREE_WORDS,
    GENDER_WORDS,
    MEMBER_COLUMNS,
    STATUS_WORDS,
    THEORY_WORDS,
    TITLE_WORDS,
    ColumnKind,
)
from desktop.services.tabular.values import CellProblem

ACTIVE_STATUSES = (MemberStatus.FULL, MemberStatus.PROBATIONARY)
CELL_KEYS = ("cell_code", "cell_name")  # not fields of the draft: the cell is looked up

_Parser = Callable[[object], Any]
# Parser and the value an empty cell gives, per field.
_SPECIAL: dict[str, tuple[_Parser, Any]] = {
    "gender": (lambda value: values.choice(value, GENDER_WORDS), None),
    "professional_degree": (lambda value: values.choice(value, DEGREE_WORDS, ProfessionalDegree.NONE),
                            ProfessionalDegree.NONE),
    "academic_title": (lambda value: values.choice(value, TITLE_WORDS, AcademicTitle.NONE), AcademicTitle.NONE),
    "political_theory": (lambda value: values.choice(value, THEORY_WORDS, PoliticalTheory.NONE),
                         PoliticalTheory.NONE),
    "ethnicity": (lambda value: values.listed(value, ETHNICITIES, MAJORITY_ETHNICITY), MAJORITY_ETHNICITY),
    "religion": (lambda value: values.listed(value, RELIGIONS, NO_RELIGION), NO_RELIGION),
    "national_id": (lambda value: values.identifier(value, values.NATIONAL_ID_DIGITS), None),
    "works_in_political_system": (lambda value: values.yes_no(value, True), True),
    "full_name": (lambda value: values.text(value) or "", ""),
}
_BY_KIND: dict[ColumnKind, _Parser] = {
    ColumnKind.TEXT: values.text,
    ColumnKind.IDENTIFIER: values.identifier,
    ColumnKind.DATE: values.full_date,
}
_KINDS = {column.key: column.kind for column in MEMBER_COLUMNS}


@dataclass
class MemberRow:
    number: int  # the sheet row
    cells: Sequence[object]
    fields: dict[str, Any] = field(default_factory=dict)  # draft field → value
    cell_code: str | None = None
    cell_name: str | None = None
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (column key, problem)
    blank: set[str] = field(default_factory=set)  # fields whose cell is empty

    def written_fields(self) -> dict[str, Any]:
        """What an update changes: the non-empty cells (a blank never erases a stored value)."""
        return {key: value for key, value in self.fields.items() if key not in self.blank}

    def add(self, key: str, code: ProblemCode, **params: Any) -> None:
        self.problems.append((key, Problem(key, code, params)))


class RowReader:
    """Reads rows with one mapping (field key → column)."""

    def __init__(self, mapping: Mapping[str, int]) -> None:
        self._fields: list[tuple[str, int, _Parser, Any]] = []
        self._cells = [(key, mapping[key]) for key in CELL_KEYS if key in mapping]
        self._status = mapping.get("status")
        self._birth = mapping.get("date_of_birth")
        for key, index in mapping.items():
            if key in CELL_KEYS or key in ("status", "date_of_birth", "row_number") or key not in _KINDS:
                continue
            parser, empty = _SPECIAL.get(key, (None, None))
            self._fields.append((key, index, parser or _BY_KIND[_KINDS[key]], empty))

    def read(self, number: int, cells: Sequence[object]) -> MemberRow:
        row = MemberRow(number, cells)
        size = len(cells)
        found = row.fields
        for key, index, parser, empty in self._fields:
            value = cells[index] if index < size else None
            if value is None:
                found[key] = empty
                row.blank.add(key)
                continue
            try:
                found[key] = parser(value)
            except CellProblem as problem:
                row.problems.append((key, Problem(key, problem.code, problem.params)))
        try:
            if self._birth is not None:
                born, precision = values.date(cells[self._birth] if self._birth < size else None, partial=True)
                found["date_of_birth"] = born
                found["dob_precision"] = precision if born is not None else DatePrecision.DAY
                if born is None:
                    row.blank.update(("date_of_birth", "dob_precision"))
        except CellProblem as problem:
            row.problems.append(("date_of_birth", Problem("date_of_birth", problem.code, problem.params)))
        for key, index in self._cells:
            value = cells[index] if index < size else None
            try:
                setattr(row, key, values.identifier(value) if key == "cell_code" else values.text(value))
            except CellProblem as problem:
                row.problems.append((key, Problem(key, problem.code, problem.params)))
        if self._status is not None and self._status < size and cells[self._status] is not None:
            try:
                _check_status(row, cells[self._status])
            except CellProblem as problem:
                row.problems.append(("status", Problem("status", problem.code, problem.params)))
        return row


def _check_status(row: MemberRow, value: object) -> None:
    """The status is derived (the official date); an exit written in the file is refused."""
    written = values.text(value)
    if written is None:
        return
    status = values.choice(written, STATUS_WORDS)
    if status not in ACTIVE_STATUSES:
        row.add("status", ProblemCode.IMPORT_EXIT_STATUS, status=written)
