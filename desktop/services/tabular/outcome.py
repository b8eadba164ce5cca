"""What an import reports: the options it ran with, counts, and every problem row by row."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from desktop.models.problems import Problem, ProblemCode


class ExistingPolicy(enum.Enum):
    """A row naming a record that already exists (same card number or citizen ID, same code)."""

    SKIP = "SKIP"  # left as it is in the database
    UPDATE = "UPDATE"  # given the row's values: its non-empty cells only (a blank erases nothing)


@dataclass(frozen=True)
class ImportOptions:
    # The import's organisation: cells (members) or parents (organisations) are looked for
    # inside it, and new cells are created under it. None: the user's whole scope.
    organization_id: int | None = None
    existing: ExistingPolicy = ExistingPolicy.SKIP
    create_missing_cells: bool = False  # members: a cell named in a row and not found
    dry_run: bool = False  # check every row, write nothing
    # Field key → 0-based column, chosen by the user; None: saved for these titles, or detected.
    mapping: dict[str, int] | None = None


@dataclass(frozen=True)
class RowProblem:
    """One problem: the sheet row (0: the whole file), the column's title in the file, the
    value as written there, and the broken rule."""

    row: int
    column: str
    value: str
    problem: Problem

    @property
    def code(self) -> ProblemCode:
        return self.problem.code


@dataclass
class ImportOutcome:
    rows: int = 0  # data rows read
    created: int = 0
    updated: int = 0
    skipped: int = 0  # rows of existing records left as they are
    organizations_created: int = 0  # cells a member import created
    problems: list[RowProblem] = field(default_factory=list)
    more_problems: int = 0  # beyond the problems listed
    written: bool = False  # False: nothing at all was written (problems, dry run)
    header_row: int = 0
    mapping: dict[str, int] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def file_problem(self, code: ProblemCode, **params: object) -> ImportOutcome:
        self.problems.append(RowProblem(0, "", "", Problem("", code, dict(params))))
        return self
