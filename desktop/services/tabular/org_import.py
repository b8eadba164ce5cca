"""Importing party organisations from a spreadsheet: all or nothing, every row checked as the
organisation form checks it.

Rows are taken in file order, so a parent must come before its children (an export writes
them so). A row's parent is the organisation with the code in "Mã tổ chức cấp trên" — in the
database inside the import's organisation, or created by an earlier row — or, without one,
the import's organisation itself (the top level for a user of the whole register who chose
none). An existing code is skipped or updated as the options say; an update never moves an
organisation to another parent (re-organisations are their own use case, §1.6).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.audit import AuditAction
from desktop.models.enums import OrgKind, OrgStatus
from desktop.models.organization import PartyOrganization
from desktop.models.organization_rules import OrganizationDraft
from desktop.models.permissions import Actor, Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.services import clock
from desktop.services.access import (
    PermissionDenied,
    path_in_scope,
    require,
    require_organization_in_scope,
)
from desktop.services.audit import record_event
from desktop.services.organization_editing import (
    apply_edit,
    edit_problems,
    insert_organization,
    new_organization_problems,
    normalised,
)
from desktop.services.tabular import mappings, values
from desktop.services.tabular.columns import (
    KIND_WORDS,
    ORGANIZATION_COLUMNS,
    PLAIN_CELL_WORD,
    by_key,
    title_key,
)
from desktop.services.tabular.outcome import ExistingPolicy, ImportOptions, ImportOutcome
from desktop.services.tabular.runner import Batch, Cancelled, Progress, Reporter, run_import
from desktop.services.tabular.values import CellProblem

REQUIRED_KEYS = ("code", "name", "kind")
_COLUMNS = by_key(ORGANIZATION_COLUMNS)
_DRAFT_FIELDS = {item.name for item in fields(OrganizationDraft)}


def missing_columns(mapping: dict[str, int]) -> list[str]:
    return [_COLUMNS[key].title for key in REQUIRED_KEYS if key not in mapping]


def import_organizations(
    database: Database,
    path: Path,
    options: ImportOptions | None = None,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportOutcome:
    """Check (and unless a problem or a dry run, write) the organisations of a file."""
    actor = require(database, Permission.EDIT_REGISTER)
    options = options or ImportOptions()
    on = today or clock.today()

    def start(session: Session, outcome: ImportOutcome) -> _Run:
        return _Run(session, actor, options, outcome, on)

    return run_import(database, path, mappings.ORGANIZATIONS, ORGANIZATION_COLUMNS, options,
                      missing_columns, start, progress, cancelled)


@dataclass
class _Row:
    number: int
    cells: list[object]
    fields: dict[str, Any] = field(default_factory=dict)
    kind_word: str | None = None
    parent_code: str | None = None
    problems: list[tuple[str, Problem]] = field(default_factory=list)


def _read(number: int, cells: list[object], mapping: dict[str, int]) -> _Row:
    row = _Row(number, cells)
    for key, index in mapping.items():
        value = cells[index] if index < len(cells) else None
        try:
            if key in ("code", "parent_code"):
                parsed = values.identifier(value)
                if key == "code":
                    row.fields["code"] = parsed or ""
                else:
                    row.parent_code = parsed
            elif key == "kind":
                row.kind_word = values.text(value)
            elif key == "established_date":
                row.fields[key] = values.full_date(value)
            elif key in _DRAFT_FIELDS:
                parsed = values.text(value)
                row.fields[key] = parsed if parsed is not None or key != "name" else ""
        except CellProblem as problem:
            row.problems.append((key, Problem(key, problem.code, problem.params)))
    return row


class _Run:
    def __init__(
        self, session: Session, actor: Actor, options: ImportOptions, outcome: ImportOutcome,
        today: dt.date,
    ) -> None:
        self.session, self.actor, self.options, self.outcome, self.today = (
            session, actor, options, outcome, today)
        self.reporter = Reporter(outcome, ORGANIZATION_COLUMNS)
        base_id = options.organization_id if options.organization_id is not None else actor.scope_organization_id
        self.base: PartyOrganization | None = None
        if base_id is not None:
            require_organization_in_scope(session, actor, base_id)
            self.base = session.get(PartyOrganization, base_id)
        # Organisations of this import by folded code: written ones, or stand-ins (dry run).
        self.made: dict[str, PartyOrganization] = {}
        self.seen: dict[str, int] = {}

    @property
    def writing(self) -> bool:
        return not self.options.dry_run and not self.outcome.problems

    def process(self, batch: Batch) -> None:
        for number, cells in batch:
            self.outcome.rows += 1
            self._row(_read(number, cells, self.outcome.mapping))

    def _row(self, row: _Row) -> None:
        code = row.fields.get("code") or ""
        if code:
            first = self.seen.setdefault(code.casefold(), row.number)
            if first != row.number:
                row.problems.append(("code", Problem("code", ProblemCode.IMPORT_DUPLICATE_IN_FILE, {"row": first})))
        existing = self._existing(code) if code else None
        if existing is not None and not path_in_scope(self.actor, existing.path):
            row.problems.append(("code", Problem("code", ProblemCode.IMPORT_EXISTING_OUTSIDE_SCOPE, {})))
        if row.problems:
            return self._report(row)
        if existing is not None:
            if self.options.existing is ExistingPolicy.SKIP:
                self.outcome.skipped += 1
                return None
            return self._update(row, existing)
        return self._create(row)

    def _existing(self, code: str) -> PartyOrganization | None:
        return self.session.scalars(
            select(PartyOrganization).where(func.lower(PartyOrganization.code) == code.lower())
        ).first()

    def _kind(self, row: _Row, parent_kind: OrgKind | None) -> OrgKind | None:
        if row.kind_word is None:
            return None
        word = title_key(row.kind_word)
        if word == PLAIN_CELL_WORD:  # "Chi bộ": which one follows from the parent
            grassroots = parent_kind in (None, OrgKind.SUPERIOR_COMMITTEE)
            return OrgKind.GRASSROOTS_CELL if grassroots else OrgKind.SUBORDINATE_CELL
        try:
            return values.choice(row.kind_word, KIND_WORDS)
        except CellProblem as problem:
            row.problems.append(("kind", Problem("kind", problem.code, problem.params)))
            return None

    def _parent(self, row: _Row) -> tuple[PartyOrganization | None, bool]:
        """The row's parent (None: the top level), and whether one was found."""
        if not row.parent_code:
            if self.base is None and self.actor.scope_path is not None:
                raise PermissionDenied(None, self.actor.username)
            return self.base, True
        made = self.made.get(row.parent_code.casefold())
        if made is not None:
            return made, True
        found = self._existing(row.parent_code)
        inside = found is not None and (self.base is None or found.path.startswith(self.base.path))
        if found is None or not inside or not path_in_scope(self.actor, found.path):
            row.problems.append(("parent_code", Problem("parent_code", ProblemCode.IMPORT_PARENT_UNKNOWN,
                                                       {"code": row.parent_code})))
            return None, False
        return found, True

    def _create(self, row: _Row) -> None:
        parent, found = self._parent(row)
        if not found:
            return self._report(row)
        kind = self._kind(row, parent.kind if parent else None)
        if row.problems:
            return self._report(row)
        draft = normalised(replace(OrganizationDraft(), **row.fields, kind=kind))
        row.problems.extend((_column_of(problem.field), problem)
                            for problem in new_organization_problems(self.session, parent, draft, self.today))
        if row.problems:
            return self._report(row)
        if self.writing:
            made = insert_organization(self.session, parent, draft)
            self.session.flush()
        else:  # a stand-in, so that its children are checked against it
            made = PartyOrganization(code=draft.code, name=draft.name, kind=draft.kind,
                                     status=OrgStatus.ACTIVE, path=f"#pending-{draft.code}")
        self.made[draft.code.casefold()] = made
        self.outcome.created += 1
        return None

    def _update(self, row: _Row, org: PartyOrganization) -> None:
        current = OrganizationDraft(**{name: getattr(org, name) for name in _DRAFT_FIELDS})
        parent_kind = None
        if org.parent_id is not None:
            parent_kind = self.session.scalar(
                select(PartyOrganization.kind).where(PartyOrganization.id == org.parent_id))
        kind = self._kind(row, parent_kind) if row.kind_word is not None else org.kind
        if row.problems:
            return self._report(row)
        draft = normalised(replace(current, **row.fields, kind=kind))
        row.problems.extend((_column_of(problem.field), problem)
                            for problem in edit_problems(self.session, org, draft, self.today))
        if row.problems:
            return self._report(row)
        if self.writing:
            apply_edit(org, draft)
            self.session.flush()
        self.made[draft.code.casefold()] = org
        self.outcome.updated += 1
        return None

    def _report(self, row: _Row) -> None:
        self.reporter.report(row.number, row.cells, row.problems)

    def record(self, file_name: str) -> None:
        record_event(self.session, AuditAction.BULK, record_type=PartyOrganization.__tablename__, details={
            "source": "import", "file": file_name, "created": self.outcome.created,
            "updated": self.outcome.updated, "skipped": self.outcome.skipped,
        })


def _column_of(field_name: str) -> str:
    return "parent_code" if field_name == "parent_id" else field_name
