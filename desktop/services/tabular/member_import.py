"""Importing members from a spreadsheet: every row checked as the member form checks it, and
all or nothing.

One pass over the file inside one transaction: rows are read in batches, each row is checked
(its cells, check_member, the cell it names, uniqueness against the database and the rest of
the file) and, while no row has failed, written. At the end the transaction commits only if no
row failed and this is not a dry run; otherwise everything is rolled back and the outcome lists
every problem (row, column, value, rule). A cancel or an unreadable file rolls back too.

Existing members are recognised by party card number or citizen ID; the options say whether
they are skipped or updated (with the non-empty cells of their row: a blank erases nothing).
The audit trail gets an entry per member written, like the form's, and one for the import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.audit import AuditAction
from desktop.models.member import Member
from desktop.models.member_rules import MemberDraft, check_member
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Actor, Permission
from desktop.models.problems import ProblemCode
from desktop.models.rules import RuleBook
from desktop.services import clock
from desktop.services.access import path_in_scope, require, require_organization_in_scope
from desktop.services.audit import record_event
from desktop.services.members import UNIQUE_FIELDS, apply_member_edit, insert_members
from desktop.services.tabular import mappings
from desktop.services.tabular.cells import CellAnswer, CellFinder
from desktop.services.tabular.columns import MEMBER_COLUMNS, by_key
from desktop.services.tabular.member_rows import MemberRow, RowReader
from desktop.services.tabular.outcome import (
    ExistingPolicy,
    ImportOptions,
    ImportOutcome,
    RowProblem,
)
from desktop.services.tabular.runner import Batch, Cancelled, Progress, Reporter, run_import

REQUIRED_KEYS = ("full_name", "gender", "date_of_birth", "admission_date")
_COLUMNS = by_key(MEMBER_COLUMNS)



def missing_columns(mapping: dict[str, int]) -> list[str]:
    """Titles of the required columns the mapping lacks (a cell by code or by name)."""
    missing = [_COLUMNS[key].title for key in REQUIRED_KEYS if key not in mapping]
    if "cell_name" not in mapping and "cell_code" not in mapping:
        missing.append(_COLUMNS["cell_name"].title)
    return missing


def import_members(
    database: Database,
    path: Path,
    options: ImportOptions | None = None,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportOutcome:
    """Check (and unless a problem or a dry run, write) the members of a spreadsheet file.

    Raises OperationCancelled (nothing written) and PermissionDenied; every other trouble is
    in the outcome's problems.
    """
    actor = require(database, Permission.EDIT_REGISTER)
    options = options or ImportOptions()
    on = today or clock.today()

    def start(session: Session, outcome: ImportOutcome) -> _Run:
        return _Run(database, session, actor, options, outcome, on)

    return run_import(database, path, mappings.MEMBERS, MEMBER_COLUMNS, options, missing_columns,
                      start, progress, cancelled)


@dataclass(frozen=True)
class _Holder:
    member_id: int
    full_name: str
    path: str


@dataclass
class _Plan:
    member: Member | None  # None: a new member
    draft: MemberDraft
    cell: CellAnswer | None  # None: an update keeping its cell


class _Run:
    """The state of one import: rules, cells found, values seen in the file, counts."""

    def __init__(
        self, database: Database, session: Session, actor: Actor, options: ImportOptions,
        outcome: ImportOutcome, today: dt.date,
    ) -> None:
        self.database, self.session, self.actor = database, session, actor
        self.options, self.outcome, self.today = options, outcome, today
        self.reporter = Reporter(outcome, MEMBER_COLUMNS)
        self.reader = RowReader(outcome.mapping)
        self.rules = RuleBook.load(session)
        base = None
        base_id = options.organization_id if options.organization_id is not None else actor.scope_organization_id
        if base_id is not None:
            require_organization_in_scope(session, actor, base_id)
            base = session.get(PartyOrganization, base_id)
        self.cells = CellFinder(session, base, options.create_missing_cells, today)
        # Unique values met so far in the file: value → its first row.
        self.seen: dict[str, dict[str, int]] = {name: {} for name, _code in UNIQUE_FIELDS}

    @property
    def writing(self) -> bool:
        return not self.options.dry_run and not self.outcome.problems

    # -- a batch ---------------------------------------------------------------------------

    def process(self, batch: Batch) -> None:
        rows = [self.reader.read(number, cells) for number, cells in batch]
        self.outcome.rows += len(rows)
        holders = self._holders(rows)
        existing = self._load_existing(holders)
        plans = [plan for row in rows if (plan := self._check(row, holders, existing)) is not None]
        new = [plan for plan in plans if plan.member is None]
        updates = [plan for plan in plans if plan.member is not None]
        if self.writing:
            self._write(new, updates)
        else:
            self.outcome.created += len(new)
            self.outcome.updated += len(updates)
        self.outcome.organizations_created = self.cells.created

    def _holders(self, rows: list[MemberRow]) -> dict[str, dict[str, _Holder]]:
        """Members already holding the card numbers, citizen IDs and codes of these rows."""
        found: dict[str, dict[str, _Holder]] = {}
        for name, _code in UNIQUE_FIELDS:
            wanted = {value for row in rows if (value := row.fields.get(name))}
            column = getattr(Member, name)
            found[name] = {}
            if not wanted:
                continue
            statement = (
                select(column, Member.id, Member.full_name, PartyOrganization.path)
                .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
                .where(column.in_(sorted(wanted)))
            )
            for value, member_id, full_name, path in self.session.execute(statement):
                found[name][value] = _Holder(member_id, full_name, path)
        return found

    def _load_existing(self, holders: dict[str, dict[str, _Holder]]) -> dict[int, Member]:
        if self.options.existing is not ExistingPolicy.UPDATE:
            return {}
        ids = {holder.member_id for name in ("party_card_number", "national_id")
               for holder in holders[name].values() if path_in_scope(self.actor, holder.path)}
        if not ids:
            return {}
        return {member.id: member for member in self.session.scalars(select(Member).where(Member.id.in_(ids)))}

    # -- a row -------------------------------------------------------------------------------

    def _check(
        self, row: MemberRow, holders: dict[str, dict[str, _Holder]], existing: dict[int, Member]
    ) -> _Plan | None:
        """What to write for the row, or None: it is skipped, or it failed (reported)."""
        target = self._match(row, holders)
        if target is False:
            return None
        if target is not None and self.options.existing is ExistingPolicy.SKIP:
            self.outcome.skipped += 1
            return None
        member = existing.get(target.member_id) if target is not None else None
        cell = None
        if row.cell_code or row.cell_name:  # an update with no cell written keeps its cell
            cell = self.cells.find(row.cell_code, row.cell_name)
            if cell.problem is not None:
                key = "cell_code" if cell.problem.field == "cell_code" or not row.cell_name else "cell_name"
                row.problems.append((key, cell.problem))
        # Cells are read NFC-trimmed (values.text), stored records are too: no second pass.
        if member is not None:
            draft = replace(_draft_of(member), **row.written_fields())
        else:
            draft = MemberDraft(**row.fields)
        if cell is not None and cell.cell_id is not None:
            draft.cell_id = cell.cell_id
        unreadable = {key for key, _problem in row.problems}  # said once, not again as "empty"
        for problem in check_member(draft, self.rules, self.today):
            column = _column_of(problem.field, row)
            if column not in unreadable and not (problem.field == "cell_id" and cell is not None and cell.problem):
                row.problems.append((column, problem))
        self._check_unique(row, draft, holders, target)
        if row.problems:
            self._report(row)
            return None
        return _Plan(member, draft, cell)

    def _match(self, row: MemberRow, holders: dict[str, dict[str, _Holder]]) -> _Holder | None | bool:
        """The existing member the row names (by card number or citizen ID); False: whom it
        names is in doubt (a duplicate in the file, two members, someone outside the scope)."""
        already = len(row.problems)
        card, national_id = row.fields.get("party_card_number"), row.fields.get("national_id")
        for name, _code in UNIQUE_FIELDS:
            value = row.fields.get(name)
            if value:
                first = self.seen[name].setdefault(value, row.number)
                if first != row.number:
                    row.add(name, ProblemCode.IMPORT_DUPLICATE_IN_FILE, row=first)
        by_card = holders["party_card_number"].get(card) if card else None
        by_id = holders["national_id"].get(national_id) if national_id else None
        if by_card is not None and by_id is not None and by_card.member_id != by_id.member_id:
            row.add("national_id", ProblemCode.IMPORT_MATCHES_TWO_MEMBERS,
                    card_holder=by_card.full_name, id_holder=by_id.full_name)
        target = by_card or by_id
        if target is not None and not path_in_scope(self.actor, target.path):
            row.add("party_card_number" if by_card else "national_id",
                    ProblemCode.IMPORT_EXISTING_OUTSIDE_SCOPE)
        if len(row.problems) > already:
            self._report(row)
            return False
        return target

    def _check_unique(
        self, row: MemberRow, draft: MemberDraft, holders: dict[str, dict[str, _Holder]],
        target: _Holder | None,
    ) -> None:
        """Values of the file held by another member than the one the row updates."""
        for name, code in UNIQUE_FIELDS:
            value = getattr(draft, name)
            holder = holders[name].get(value) if value else None
            if holder is None or (target is not None and holder.member_id == target.member_id):
                continue
            if path_in_scope(self.actor, holder.path):
                row.add(name, code, holder=holder.full_name)
            else:  # not even the name of someone outside the scope
                row.add(name, ProblemCode.IMPORT_EXISTING_OUTSIDE_SCOPE)

    def _report(self, row: MemberRow) -> None:
        self.reporter.report(row.number, row.cells, row.problems)

    # -- writing -------------------------------------------------------------------------------

    def _write(self, new: list[_Plan], updates: list[_Plan]) -> None:
        drafts = [self._with_cell(plan) for plan in new]
        if drafts:
            insert_members(self.database, self.session, drafts)
        for plan in updates:
            assert plan.member is not None
            apply_member_edit(self.database, self.session, plan.member, self._with_cell(plan), self.today)
        self.session.flush()
        self.session.expunge_all()  # the batch's objects are not needed any more
        self.outcome.created += len(new)
        self.outcome.updated += len(updates)

    def _with_cell(self, plan: _Plan) -> MemberDraft:
        """The draft with the id of a cell this import creates (written at its first row)."""
        if plan.cell is not None and plan.cell.new is not None:
            plan.draft.cell_id = self.cells.write_pending(plan.cell)
        return plan.draft

    def record(self, file_name: str) -> None:
        record_event(self.session, AuditAction.BULK, record_type=Member.__tablename__, details={
            "source": "import", "file": file_name, "created": self.outcome.created,
            "updated": self.outcome.updated, "skipped": self.outcome.skipped,
            "cells_created": self.outcome.organizations_created,
        })


def _draft_of(member: Member) -> MemberDraft:
    return MemberDraft(**{item.name: getattr(member, item.name) for item in fields(MemberDraft)})


def _column_of(field: str, row: MemberRow) -> str:
    """The column key a draft field's problem belongs to."""
    if field == "cell_id":
        return "cell_code" if row.cell_code and not row.cell_name else "cell_name"
    if field == "dob_precision":
        return "date_of_birth"
    return field


__all__ = ["ImportOptions", "ImportOutcome", "RowProblem", "import_members", "missing_columns"]
