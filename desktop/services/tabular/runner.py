"""What every spreadsheet import does the same way: open the file, find the titles, choose the
mapping, then read the rows in batches inside one transaction that commits only when no row
failed and this is not a dry run. Cancel and unreadable files roll back too.

An import supplies a `Run` (desktop.services.tabular.member_import, org_import) that checks
and writes a batch, and says which required columns a mapping lacks.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.problems import Problem, ProblemCode
from desktop.services.errors import OperationCancelled
from desktop.services.tabular import mappings
from desktop.services.tabular.columns import Column, by_key
from desktop.services.tabular.headers import HeaderMatch, data_rows, find_header
from desktop.services.tabular.outcome import ImportOptions, ImportOutcome, RowProblem
from desktop.services.tabular.sources import SourceUnreadable, open_sheet
from desktop.services.tabular.values import shown

BATCH_SIZE = 500
MAX_PROBLEMS = 10_000  # listed; beyond that only counted (outcome.more_problems)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Batch = list[tuple[int, list[object]]]


class Run(Protocol):
    def process(self, batch: Batch) -> None: ...
    def record(self, file_name: str) -> None: ...


class _RollBack(Exception):
    """Leave the transaction without committing (problems, or a dry run)."""


def run_import(
    database: Database,
    path: Path,
    kind: str,
    columns: Sequence[Column],
    options: ImportOptions,
    missing_columns: Callable[[dict[str, int]], list[str]],
    start: Callable[[Session, ImportOutcome], Run],
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> ImportOutcome:
    started = time.perf_counter()
    outcome = ImportOutcome()
    try:
        with open_sheet(Path(path)) as sheet:
            match = find_header(sheet.rows, columns)
            if match is None:
                return _done(outcome.file_problem(ProblemCode.IMPORT_NO_HEADER), started)
            mapping = _mapping(database, kind, columns, match, options)
            outcome.header_row, outcome.mapping, outcome.titles = match.row, mapping, match.titles
            missing = missing_columns(mapping)
            if missing:
                return _done(outcome.file_problem(ProblemCode.IMPORT_COLUMN_MISSING, columns=missing), started)
            total = max(0, (sheet.total or 0) - match.row)
            try:
                with database.transaction() as session:
                    run = start(session, outcome)
                    for batch in _batched(data_rows(match, sheet.rows)):
                        if cancelled is not None and cancelled():
                            raise OperationCancelled()
                        run.process(batch)
                        if progress is not None:
                            progress(outcome.rows, max(total, outcome.rows))
                    if outcome.problems or options.dry_run:
                        raise _RollBack()
                    run.record(Path(path).name)
                outcome.written = True
            except _RollBack:
                pass
    except SourceUnreadable as unreadable:
        outcome.file_problem(ProblemCode.IMPORT_UNREADABLE, reason=unreadable.reason)
        outcome.written = False
    return _done(outcome, started)


def _done(outcome: ImportOutcome, started: float) -> ImportOutcome:
    outcome.seconds = time.perf_counter() - started
    return outcome


def _mapping(
    database: Database, kind: str, columns: Sequence[Column], match: HeaderMatch, options: ImportOptions
) -> dict[str, int]:
    keys = by_key(columns)
    if options.mapping is not None:
        return {key: index for key, index in options.mapping.items() if key in keys and index >= 0}
    saved = mappings.saved_mapping(database, kind, match.signature)
    return saved if saved is not None else dict(match.mapping)


def _batched(rows: Iterable[tuple[int, list[object]]]) -> Iterator[Batch]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, BATCH_SIZE)):
        yield batch


class Reporter:
    """Turns (column key, problem) of a row into RowProblems with the file's title and value."""

    def __init__(self, outcome: ImportOutcome, columns: Sequence[Column]) -> None:
        self.outcome = outcome
        self._columns = by_key(columns)

    def report(self, number: int, cells: Sequence[object], problems: list[tuple[str, Problem]]) -> None:
        outcome = self.outcome
        for key, problem in problems:
            if len(outcome.problems) >= MAX_PROBLEMS:
                outcome.more_problems += 1
                continue
            index = outcome.mapping.get(key)
            if index is not None and index < len(outcome.titles):
                title = outcome.titles[index]
            else:
                title = self._columns[key].title if key in self._columns else ""
            value = shown(cells[index]) if index is not None and index < len(cells) else ""
            outcome.problems.append(RowProblem(number, title, value, problem))
        problems.clear()
