"""Evaluation campaigns: opening a period over an organisation subtree (one evaluation per member
rated and per organisation below the root), its progress per organisation, closing it.

Counts are SQL GROUP BY per organisation, rolled up to the children of the organisation shown
(a few thousand grouped rows, never the evaluations themselves).

Public API:
    PeriodDraft, PeriodSummary, ProgressRow, Progress
    open_period(database, draft, today=None) -> int
    list_periods(database) -> list[PeriodSummary]
    get_period(database, period_id) -> PeriodSummary
    find_period(database, organization_id, year) -> PeriodSummary | None
    campaign_progress(database, period_id, organization_id) -> Progress
    close_period(database, period_id, today=None) -> None
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from desktop.db.bulk import bulk_insert
from desktop.db.database import Database
from desktop.models.audit import AuditAction
from desktop.models.enums import MemberEventKind, MemberStatus, OrgKind, OrgStatus
from desktop.models.evaluation_rules import membership_cutoff, quota_from_counts, quota_problems
from desktop.models.evaluations import (
    TITLE_LENGTH,
    Evaluation,
    EvaluationPeriod,
    EvaluationState,
    EvaluationSubject,
    PeriodKind,
    PeriodState,
    Rating,
)
from desktop.models.member import Member, MemberEvent
from desktop.models.organization import PartyOrganization, subtree_upper_bound
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import require, require_organization_in_scope
from desktop.services.audit import record_event
from desktop.services.errors import RecordNotFound, ValidationFailed

_CHUNK = 5000
_GRASSROOTS = (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL)
_MOVES_IN = (MemberEventKind.TRANSFER_OFFICIAL_IN, MemberEventKind.TRANSFER_INTERNAL)


@dataclass(frozen=True)
class PeriodDraft:
    organization_id: int
    year: int
    start_date: dt.date
    end_date: dt.date
    title: str = ""
    kind: PeriodKind = PeriodKind.YEAR
    self_review_due: dt.date | None = None
    proposal_due: dt.date | None = None
    decision_due: dt.date | None = None


@dataclass(frozen=True)
class PeriodSummary:
    id: int
    organization_id: int
    organization_name: str
    kind: PeriodKind
    year: int
    title: str
    start_date: dt.date
    end_date: dt.date
    state: PeriodState
    self_review_due: dt.date | None
    proposal_due: dt.date | None
    decision_due: dt.date | None


@dataclass
class ProgressRow:
    """One organisation (a child of the one shown, or the one shown itself for its own members)."""

    organization_id: int
    name: str
    kind: OrgKind
    members: dict[EvaluationState, int] = field(default_factory=dict)
    organizations: dict[EvaluationState, int] = field(default_factory=dict)

    @property
    def member_total(self) -> int:
        return sum(self.members.values())

    @property
    def organization_total(self) -> int:
        return sum(self.organizations.values())

    def members_at_least(self, state: EvaluationState) -> int:
        return sum(count for at, count in self.members.items() if at.order >= state.order)


@dataclass(frozen=True)
class Progress:
    organization_id: int
    rows: list[ProgressRow]
    total: ProgressRow


def default_title(year: int) -> str:
    return f"Kiểm điểm, đánh giá, xếp loại chất lượng năm {year}"


def _period_summary(period: EvaluationPeriod, name: str) -> PeriodSummary:
    return PeriodSummary(period.id, period.organization_id, name, period.kind, period.year, period.title,
                         period.start_date, period.end_date, period.state, period.self_review_due,
                         period.proposal_due, period.decision_due)


def list_periods(database: Database) -> list[PeriodSummary]:
    """Periods over the actor's scope or inside it (a cell secretary sees the committee's)."""
    actor = require(database, Permission.VIEW_REGISTER)
    statement = (select(EvaluationPeriod, PartyOrganization.name, PartyOrganization.path)
                 .join(PartyOrganization, PartyOrganization.id == EvaluationPeriod.organization_id)
                 .order_by(EvaluationPeriod.start_date.desc(), EvaluationPeriod.id.desc()))
    with database.reading() as session:
        rows = session.execute(statement).all()
    scope = actor.scope_path
    return [_period_summary(period, name) for period, name, path in rows
            if scope is None or scope.startswith(path) or path.startswith(scope)]


def get_period(database: Database, period_id: int) -> PeriodSummary:
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        found = session.execute(
            select(EvaluationPeriod, PartyOrganization.name)
            .join(PartyOrganization, PartyOrganization.id == EvaluationPeriod.organization_id)
            .where(EvaluationPeriod.id == period_id)).first()
    if found is None:
        raise RecordNotFound(period_id)
    return _period_summary(*found)


def find_period(database: Database, organization_id: int, year: int,
                kind: PeriodKind = PeriodKind.YEAR) -> PeriodSummary | None:
    """The period of that year covering the organisation: over it or its nearest ancestor."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        ancestors = [int(part) for part in path.strip("/").split("/")]
        rows = session.execute(
            select(EvaluationPeriod, PartyOrganization.name)
            .join(PartyOrganization, PartyOrganization.id == EvaluationPeriod.organization_id)
            .where(EvaluationPeriod.organization_id.in_(ancestors), EvaluationPeriod.year == year,
                   EvaluationPeriod.kind == kind)).all()
    if not rows:
        return None
    period, name = max(rows, key=lambda row: ancestors.index(row[0].organization_id))
    return _period_summary(period, name)


def _draft_problems(session: Session, draft: PeriodDraft, title: str) -> list[Problem]:
    problems: list[Problem] = []
    if draft.end_date <= draft.start_date:
        problems.append(Problem("end_date", ProblemCode.EVALUATION_PERIOD_DATES))
    if len(title) > TITLE_LENGTH:
        problems.append(Problem("title", ProblemCode.TEXT_TOO_LONG, {"max": TITLE_LENGTH}))
    existing = session.scalar(select(EvaluationPeriod.title).where(
        EvaluationPeriod.organization_id == draft.organization_id, EvaluationPeriod.kind == draft.kind,
        EvaluationPeriod.start_date == draft.start_date))
    if existing is not None:
        problems.append(Problem("start_date", ProblemCode.EVALUATION_PERIOD_EXISTS, {"title": existing}))
    return problems


def open_period(database: Database, draft: PeriodDraft, today: dt.date | None = None) -> int:
    """The campaign's plan: every member of the subtree who is rated (R-EVAL-8) and every
    active organisation below its root get an evaluation at the first step. One transaction."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    title = nfc(draft.title or "").strip() or default_title(draft.year)
    with database.transaction() as session:
        path = require_organization_in_scope(session, actor, draft.organization_id)
        problems = _draft_problems(session, draft, title)
        if problems:
            raise ValidationFailed(problems)
        period = EvaluationPeriod(
            organization_id=draft.organization_id, kind=draft.kind, year=draft.year, title=title,
            start_date=draft.start_date, end_date=draft.end_date, self_review_due=draft.self_review_due,
            proposal_due=draft.proposal_due, decision_due=draft.decision_due, state=PeriodState.OPEN,
            opened_on=today, opened_by=actor.username)
        session.add(period)
        session.flush()
        counts = insert_evaluations(session.connection(), period.id, path, draft.start_date, draft.end_date,
                                    RuleBook.load(session))
        record_event(session, AuditAction.BULK, record_type="evaluation",
                     details={"statement": "INSERT", "rows": sum(counts), "period_id": period.id})
        return period.id


def _decider_maps(connection: Connection, path: str) -> tuple[dict[int, int], list[tuple[int, int]]]:
    """For each active organisation of the subtree: the grassroots organisation deciding its
    members' ratings; and (organisation, its parent) for the organisations below the root."""
    ancestors = [int(part) for part in path.strip("/").split("/")]
    kinds = dict(connection.execute(select(PartyOrganization.id, PartyOrganization.kind).where(
        PartyOrganization.id.in_(ancestors))).all())
    rows = connection.execute(
        select(PartyOrganization.id, PartyOrganization.path, PartyOrganization.kind, PartyOrganization.parent_id,
               PartyOrganization.status)
        .where(PartyOrganization.path >= path, PartyOrganization.path < subtree_upper_bound(path))).all()
    for row in rows:
        kinds[row.id] = row.kind
    grassroots: dict[int, int] = {}
    below_root: list[tuple[int, int]] = []
    root_id = ancestors[-1]
    for row in rows:
        if row.status is not OrgStatus.ACTIVE:
            continue
        chain = [int(part) for part in row.path.strip("/").split("/")]
        deciding = [org for org in chain if kinds.get(org) in _GRASSROOTS]
        grassroots[row.id] = deciding[-1] if deciding else row.id
        if row.id != root_id and row.parent_id is not None:
            below_root.append((row.id, row.parent_id))
    return grassroots, below_root


def _moves_in(connection: Connection, path: str, start: dt.date, end: dt.date) -> dict[int, tuple[dt.date, str]]:
    """Members who came from another organisation during the period: the latest move and
    where from (a cell of the database by name, or the organisation outside in words)."""
    source = PartyOrganization
    cell = PartyOrganization.__table__.alias("cell")
    statement = (
        select(MemberEvent.member_id, MemberEvent.effective_date, MemberEvent.counterpart, source.name)
        .join(Member, Member.id == MemberEvent.member_id)
        .join(cell, Member.cell_id == cell.c.id)
        .outerjoin(source, source.id == MemberEvent.from_org_id)
        .where(MemberEvent.kind.in_(_MOVES_IN), MemberEvent.effective_date >= start,
               MemberEvent.effective_date <= end, cell.c.path >= path, cell.c.path < subtree_upper_bound(path))
        .order_by(MemberEvent.effective_date, MemberEvent.id))
    found: dict[int, tuple[dt.date, str]] = {}
    for member_id, on, counterpart, source_name in connection.execute(statement):
        found[member_id] = (on, (source_name or counterpart or "")[:300])
    return found


def evaluation_rows(connection: Connection, period_id: int, path: str, start: dt.date, end: dt.date,
                    rules: RuleBook) -> Iterator[dict[str, object]]:
    """The period's evaluations as rows (members by id, then the organisations below the
    root), at the first step; every row has the same keys. The demo fills in later steps."""
    grassroots, below_root = _decider_maps(connection, path)
    moves = _moves_in(connection, path, start, end)
    base = {"period_id": period_id, "state": EvaluationState.PLANNED, "version": 1}
    members = select(Member.id, Member.cell_id).where(
        Member.status.in_((MemberStatus.FULL, MemberStatus.PROBATIONARY)),
        Member.exempted_from_activities.is_(False),
        Member.admission_date <= membership_cutoff(end, rules),
        Member.cell_id.in_(select(PartyOrganization.id).where(
            PartyOrganization.path >= path, PartyOrganization.path < subtree_upper_bound(path)))
    ).order_by(Member.id)
    for member_id, cell_id in connection.execute(members).all():
        if cell_id not in grassroots:
            continue  # a cell no longer active
        moved = moves.get(member_id)
        yield {**base, "subject": EvaluationSubject.MEMBER, "member_id": member_id,
               "organization_id": cell_id, "quota_scope_id": grassroots[cell_id],
               "moved_in_on": moved[0] if moved else None,
               "previous_organization": moved[1] if moved else None}
    for org_id, parent_id in below_root:
        yield {**base, "subject": EvaluationSubject.ORGANIZATION, "member_id": None,
               "organization_id": org_id, "quota_scope_id": parent_id, "moved_in_on": None,
               "previous_organization": None}


def insert_evaluations(connection: Connection, period_id: int, path: str, start: dt.date, end: dt.date,
                       rules: RuleBook) -> tuple[int, int]:
    """Bulk-insert the period's evaluations; (members, organisations) inserted."""
    counts = {EvaluationSubject.MEMBER: 0, EvaluationSubject.ORGANIZATION: 0}
    rows: list[dict[str, object]] = []
    for row in evaluation_rows(connection, period_id, path, start, end, rules):
        counts[row["subject"]] += 1  # type: ignore[index]
        rows.append(row)
        if len(rows) >= _CHUNK:
            bulk_insert(connection, Evaluation.__table__, rows)
            rows = []
    bulk_insert(connection, Evaluation.__table__, rows)
    return counts[EvaluationSubject.MEMBER], counts[EvaluationSubject.ORGANIZATION]


# --- progress -------------------------------------------------------------------------------

def subtree_counts(session: Session, period_id: int, path: str, key: object) -> list[tuple[str, object, object, int]]:
    """(organisation path, subject, key, count) for the evaluations of the subtree, grouped in SQL
    by organisation (the member's cell, or the organisation rated) and `key` (a column)."""
    statement = (
        select(PartyOrganization.path, Evaluation.subject, key, func.count())
        .join(PartyOrganization, PartyOrganization.id == Evaluation.organization_id)
        .where(Evaluation.period_id == period_id, PartyOrganization.path >= path,
               PartyOrganization.path < subtree_upper_bound(path))
        .group_by(PartyOrganization.path, Evaluation.subject, key))
    return [tuple(row) for row in session.execute(statement)]  # type: ignore[misc]


def child_rows(session: Session, organization_id: int, path: str) -> tuple[list[ProgressRow], dict[str, ProgressRow]]:
    """Rows for the children of the organisation (or the organisation itself when it is a
    cell), and a function from a path below it to its row."""
    node = session.execute(select(PartyOrganization.name, PartyOrganization.kind)
                           .where(PartyOrganization.id == organization_id)).one()
    children = session.execute(
        select(PartyOrganization.id, PartyOrganization.name, PartyOrganization.kind)
        .where(PartyOrganization.parent_id == organization_id)
        .order_by(PartyOrganization.position, PartyOrganization.id)).all()
    rows = [ProgressRow(child.id, child.name, child.kind) for child in children]
    by_prefix = {f"{path}{row.organization_id}/": row for row in rows}
    if not rows or node.kind.is_cell:
        own = ProgressRow(organization_id, node.name, node.kind)
        rows.insert(0, own)
        by_prefix[path] = own
    return rows, by_prefix


def row_for(path: str, root: str, by_prefix: dict[str, ProgressRow]) -> ProgressRow | None:
    rest = path[len(root):]
    if not rest:
        return by_prefix.get(root)
    return by_prefix.get(f"{root}{rest.split('/', 1)[0]}/")


def campaign_progress(database: Database, period_id: int, organization_id: int) -> Progress:
    """How many members and organisations are at each step, per child of the organisation."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        rows, by_prefix = child_rows(session, organization_id, path)
        node = session.execute(select(PartyOrganization.name, PartyOrganization.kind)
                               .where(PartyOrganization.id == organization_id)).one()
        total = ProgressRow(organization_id, node.name, node.kind)
        for org_path, subject, state, count in subtree_counts(session, period_id, path, Evaluation.state):
            assert isinstance(state, EvaluationState)
            row = row_for(org_path, path, by_prefix)
            targets = [total] if row is None or row is total else [row, total]
            for target in targets:
                bucket = target.members if subject is EvaluationSubject.MEMBER else target.organizations
                bucket[state] = bucket.get(state, 0) + count
    return Progress(organization_id, rows, total)


# --- closing ------------------------------------------------------------------------------

def close_period(database: Database, period_id: int, today: dt.date | None = None) -> None:
    """Lock the period: every result announced and the quota kept in every scope (R-EVAL-4)."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with database.transaction() as session:
        period = session.get(EvaluationPeriod, period_id)
        if period is None:
            raise RecordNotFound(period_id)
        require_organization_in_scope(session, actor, period.organization_id)
        if period.state is PeriodState.CLOSED:
            raise ValidationFailed([Problem("state", ProblemCode.EVALUATION_PERIOD_CLOSED)])
        waiting = session.scalar(select(func.count()).select_from(Evaluation).where(
            Evaluation.period_id == period_id, Evaluation.state != EvaluationState.NOTIFIED)) or 0
        problems = [Problem("state", ProblemCode.EVALUATION_NOT_ALL_NOTIFIED, {"count": waiting})] if waiting else []
        problems += scope_quota_problems(session, period_id, None, RuleBook.load(session), period.end_date)
        if problems:
            raise ValidationFailed(problems)
        period.state = PeriodState.CLOSED
        period.closed_on = today
        period.closed_by = actor.username


def scope_quota_problems(session: Session, period_id: int, scope_ids: list[int] | None, rules: RuleBook,
                         on: dt.date) -> list[Problem]:
    """The quota of every scope (or of those given) on the decided ratings, per subject."""
    statement = (
        select(Evaluation.quota_scope_id, Evaluation.subject, Evaluation.decided_rating, func.count())
        .where(Evaluation.period_id == period_id, Evaluation.decided_rating.in_((Rating.EXCELLENT, Rating.GOOD)),
               Evaluation.quota_exempt_reason.is_(None))
        .group_by(Evaluation.quota_scope_id, Evaluation.subject, Evaluation.decided_rating))
    if scope_ids is not None:
        statement = statement.where(Evaluation.quota_scope_id.in_(scope_ids))
    counts: dict[tuple[int, EvaluationSubject], dict[Rating, int]] = defaultdict(dict)
    for scope_id, subject, rating, count in session.execute(statement):
        counts[(scope_id, subject)][rating] = count
    problems: list[Problem] = []
    for (scope_id, _subject), by_rating in sorted(counts.items(), key=lambda item: item[0][0]):
        use = quota_from_counts(by_rating.get(Rating.EXCELLENT, 0), by_rating.get(Rating.GOOD, 0), rules, on)
        if use.exceeded:
            name = session.scalar(select(PartyOrganization.name).where(PartyOrganization.id == scope_id)) or ""
            problems += quota_problems(use, name)
    return problems
