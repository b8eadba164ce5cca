"""Writes a whole demo organisation into an empty database, in one transaction.

Rows are built in Python with pre-assigned ids and inserted in batches (executemany), which is
what makes the full scale (about 6,000 organisations and 78,432 members) take seconds.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.accounts import UserAccount
from desktop.models.audit import AuditAction
from desktop.models.member import CommitteeMembership, Member, MemberEvent
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.rules import RuleBook
from desktop.services import clock
from desktop.services.access import require
from desktop.services.audit import record_event
from desktop.services.demo.people import MemberFactory, MemberFacts
from desktop.services.demo.seats import SeatPlanner
from desktop.services.demo.structure import SPECS, DemoScale, OrgNode, TreeBuilder, org_row
from desktop.services.member_writer import organization_search_key, rebuild_search_index

BATCH_SIZE = 4000

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class DemoNotEmpty(Exception):
    """The database already holds organisations or members; nothing was written."""


class DemoCancelled(Exception):
    """The caller cancelled; the transaction was rolled back and nothing was written."""


@dataclass(frozen=True)
class DemoSummary:
    organizations: int  # every party organisation written, the root and the cells included
    cells: int
    members: int
    probationary: int
    seconds: float


def create_demo(
    database: Database,
    scale: DemoScale,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> DemoSummary:
    """Generate the demo organisation of `scale` as of `today` (the same output every time).

    Needs EDIT_REGISTER, except in a database without accounts (nobody could sign in yet:
    the demo is then made before the first administrator is created)."""
    started = time.perf_counter()
    on = today or clock.today()
    with database.transaction() as session:
        if session.scalar(select(UserAccount.id).limit(1)) is not None:
            require(database, Permission.EDIT_REGISTER)
        run = _Run(session, scale, on, progress, cancelled)
        run.check_empty()
        summary_counts = run.execute()
        # Ids were written explicitly: server-side id sequences must move past them.
        database.adapter.reset_id_sequences(
            session.connection(),
            [entity.__table__ for entity in (PartyOrganization, Member, MemberEvent, CommitteeMembership)]
            + run.tables_with_ids,
        )
        rebuild_search_index(database, session)
        # Core inserts bypass the audit hook: one entry says what was written, table by table.
        record_event(session, AuditAction.BULK, details={"source": "demo", **run.written})
        run.report_done()
    database.refresh_statistics()
    organizations, cells, members, probationary = summary_counts
    return DemoSummary(organizations, cells, members, probationary, time.perf_counter() - started)


def _seeded(scale: DemoScale, today: dt.date, part: str) -> random.Random:
    # A string seed is hashed with SHA-512: the same on every run, whatever PYTHONHASHSEED is.
    return random.Random(f"party-office-demo/{scale.value}/{today.isoformat()}/{part}")


@dataclass
class DemoPart:
    """What a further part of the demo (admission candidates, transfers, fees, …) gets to write
    its rows after the organisations, members and seats: `insert(entity, rows)` (Core, in
    batches, counted in the BULK audit entry), the seeded random source of its own name, the
    members' facts by cell. A part that writes explicit ids lists its tables in `tables_with_ids`
    (their id sequences are moved past them on PostgreSQL)."""

    session: Session
    scale: DemoScale
    today: dt.date
    rules: RuleBook
    nodes: list[OrgNode]
    facts_by_cell: dict[int, list[MemberFacts]]
    insert: Callable[[type[Any], Iterable[dict[str, Any]]], None]
    tables_with_ids: list[Any]
    # Raises DemoCancelled when the user cancelled: a long part calls it between its batches.
    check_cancelled: Callable[[], None] = lambda: None

    def random(self, part: str) -> random.Random:
        return _seeded(self.scale, self.today, part)

    def next_id(self, entity: type[Any]) -> int:
        """The first free id of a table the demo writes with explicit ids (members, their
        events, …): on PostgreSQL its sequence is moved past them only at the end."""
        return int(self.session.scalar(select(func.coalesce(func.max(entity.id), 0)))) + 1


# The further parts, run in this order: "module:function" taking a DemoPart.
_PARTS: tuple[str, ...] = (
    "desktop.services.demo.transfers:write",
    "desktop.services.demo.exits:write",
    "desktop.services.demo.badges:write",
    "desktop.services.demo.fees:write",
    "desktop.services.demo.evaluations:write",
    "desktop.services.demo.meetings:write",
    "desktop.services.demo.library:write",
    "desktop.services.demo.inspection:write",
    # Candidates last: their introducers are members still on the register.
    "desktop.services.demo.admission:write",
)


class _Run:
    def __init__(
        self, session: Session, scale: DemoScale, today: dt.date,
        progress: Progress | None, cancelled: Cancelled | None,
    ) -> None:
        self.session = session
        self.scale = scale
        self.today = today
        self.spec = SPECS[scale]
        self._progress = progress
        self._cancelled = cancelled
        # The further parts (transfers, fees, ratings, meetings, …) take as long as the members
        # together: each counts as a share of them, so the bar keeps moving to the end.
        self.total = self.spec.organizations + self.spec.members + self._part_units() * len(_PARTS) + 1
        self.done = 0
        self.written: dict[str, int] = {}  # rows inserted, by table
        self.tables_with_ids: list[Any] = []  # further parts' tables written with explicit ids

    def _part_units(self) -> int:
        return max(1, self.spec.members // len(_PARTS))

    def check_empty(self) -> None:
        for column in (PartyOrganization.id, Member.id):
            if self.session.scalar(select(column).limit(1)) is not None:
                raise DemoNotEmpty()

    def execute(self) -> tuple[int, int, int, int]:
        self._step(0)
        root = TreeBuilder(self.spec, self.today, _seeded(self.scale, self.today, "tree")).build()
        nodes = list(root.walk())
        self._insert(PartyOrganization, [
            org_row(node, organization_search_key(node.code, node.name, None)) for node in nodes
        ])
        self._step(len(nodes))
        facts_by_cell = self._members([node for node in nodes if node.kind.is_cell])
        self._check_cancelled()
        seats = SeatPlanner(
            _seeded(self.scale, self.today, "seats"), self.today, facts_by_cell,
            RuleBook.load(self.session),
        )
        self._insert(CommitteeMembership, seats.plan(root))
        self._check_cancelled()
        self._further_parts(nodes, facts_by_cell)
        facts = [fact for cell_facts in facts_by_cell.values() for fact in cell_facts]
        cells = len(facts_by_cell)
        probationary = sum(1 for fact in facts if not fact.is_full)
        return len(nodes), cells, len(facts), probationary

    def _further_parts(self, nodes: list[OrgNode], facts_by_cell: dict[int, list[MemberFacts]]) -> None:
        import importlib

        part = DemoPart(self.session, self.scale, self.today, RuleBook.load(self.session), nodes,
                        facts_by_cell, self._insert, self.tables_with_ids, self._check_cancelled)
        for name in _PARTS:
            module_name, function_name = name.split(":")
            getattr(importlib.import_module(module_name), function_name)(part)
            self._check_cancelled()
            self._step(self.done + self._part_units())

    def report_done(self) -> None:
        self.done = self.total
        if self._progress is not None:
            self._progress(self.total, self.total)

    def _members(self, cells: Sequence[OrgNode]) -> dict[int, list[MemberFacts]]:
        """Members and their events, cell by cell, inserted whenever a batch is full."""
        rules = RuleBook.load(self.session)
        factory = MemberFactory(_seeded(self.scale, self.today, "people"), self.today, rules)
        facts_by_cell: dict[int, list[MemberFacts]] = {}
        members: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        next_id = 1
        for cell in cells:
            cell_members, cell_events, facts = factory.cell_members(cell, next_id)
            next_id += len(cell_members)
            members += cell_members
            events += cell_events
            facts_by_cell[cell.id] = facts
            if len(members) >= BATCH_SIZE:
                self._flush_members(members, events)
                members, events = [], []
        self._flush_members(members, events)
        return facts_by_cell

    def _flush_members(self, members: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
        self._check_cancelled()
        self._insert(Member, members)
        self._insert(MemberEvent, events)
        self._step(self.done + len(members))

    def _insert(self, entity: type[Any], rows: Iterable[dict[str, Any]]) -> None:
        # Core INSERT on the table: one executemany per batch. (The ORM bulk path splits a
        # batch wherever the set of non-NULL columns changes, i.e. into single rows here.)
        statement = insert(entity.__table__)
        batch = list(rows)
        table = entity.__tablename__
        self.written[table] = self.written.get(table, 0) + len(batch)
        for start in range(0, len(batch), BATCH_SIZE):
            self.session.execute(statement, batch[start:start + BATCH_SIZE])

    def _step(self, done: int) -> None:
        self.done = done
        if self._progress is not None:
            self._progress(min(done, self.total), self.total)

    def _check_cancelled(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise DemoCancelled()

