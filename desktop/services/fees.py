"""Đảng phí: fee profiles, the monthly collection of a cell, arrears and the fee report.

Public API:
    fee_profiles(database, member_id) -> list[FeeProfileRow]
    save_fee_profile(database, member_id, effective_from, basis, voluntary_amount=0) -> int
    cell_fee_sheet(database, cell_id, month) -> list[FeeSheetRow]
    save_collection(database, cell_id, month, entries, today=None) -> int
    member_arrears(database, organization_id, year, through=None) -> list[ArrearsRow]
    fee_report(database, organization_id, first_month, last_month, progress=None) -> FeeReport

The fee of a month is computed from the member's profile in force in that month and the fee
rules of that month (desktop.models.fee_rules). The report aggregates payments in SQL and
streams the members (never a whole table in memory).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.dates import add_months
from desktop.models.enums import Gender, MemberStatus, OrgKind
from desktop.models.fee_rules import (
    FeeBasis,
    FeeQuote,
    basis_problems,
    first_of_month,
    monthly_fee,
    months_in,
    removal_warning,
)
from desktop.models.fees import FeeArea, FeeCategory, FeePayment, FeeProfile, OverseasGroup
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import require, require_member_in_scope, require_organization_in_scope
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.organizations import subtree_cell_ids

_ACTIVE = (MemberStatus.PROBATIONARY, MemberStatus.FULL)
_STREAM_BATCH = 2000
_CELL_KINDS = tuple(kind for kind in OrgKind if kind.is_cell)


@dataclass(frozen=True)
class FeeProfileRow:
    id: int
    effective_from: dt.date
    category: FeeCategory
    base_amount: int | None
    area: FeeArea | None
    overseas_group: OverseasGroup | None
    voluntary_amount: int


@dataclass(frozen=True)
class FeeSheetRow:
    """One line of a cell's monthly collection list."""

    member_id: int
    full_name: str
    category: FeeCategory | None  # None: no fee profile for the month
    base_amount: int | None
    rate: str | None
    amount_due: int | None
    voluntary_due: int  # the voluntary surcharge the member pledged
    paid: bool
    amount_paid: int | None
    voluntary_paid: int
    paid_on: dt.date | None
    receipt_no: str | None


@dataclass(frozen=True)
class CollectionEntry:
    member_id: int
    paid: bool
    paid_on: dt.date | None = None
    receipt_no: str | None = None
    voluntary_amount: int = 0


@dataclass(frozen=True)
class ArrearsRow:
    member_id: int
    full_name: str
    cell_name: str
    months_due: int
    unpaid_months: tuple[dt.date, ...]
    removal_warning: bool  # REMOVAL_UNPAID_FEE_MONTHS reached in the year (§2.5)


@dataclass
class FeeReportLine:
    label: str
    members: int = 0
    months_due: int = 0
    months_paid: int = 0
    amount: int = 0
    voluntary: int = 0

    @property
    def months_unpaid(self) -> int:
        return max(self.months_due - self.months_paid, 0)

    @property
    def total(self) -> int:
        return self.amount + self.voluntary


@dataclass
class FeeReport:
    organization_name: str
    first_month: dt.date
    last_month: dt.date
    cells: list[FeeReportLine] = field(default_factory=list)  # in tree order
    categories: list[FeeReportLine] = field(default_factory=list)
    total: FeeReportLine = field(default_factory=lambda: FeeReportLine(""))


def _basis(profile: FeeProfile | FeeProfileRow) -> FeeBasis:
    return FeeBasis(profile.category, profile.base_amount, profile.area, profile.overseas_group)


def fee_profiles(database: Database, member_id: int) -> list[FeeProfileRow]:
    """Every fee profile of the member, oldest first."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        require_member_in_scope(session, actor, member_id)
        rows = session.scalars(select(FeeProfile).where(FeeProfile.member_id == member_id)
                               .order_by(FeeProfile.effective_from))
        return [FeeProfileRow(p.id, p.effective_from, p.category, p.base_amount, p.area, p.overseas_group,
                              p.voluntary_amount) for p in rows]


def save_fee_profile(
    database: Database, member_id: int, effective_from: dt.date, basis: FeeBasis, voluntary_amount: int = 0
) -> int:
    """The member's fee profile from the month of `effective_from` on (replacing one of that month)."""
    actor = require(database, Permission.EDIT_REGISTER)
    month = first_of_month(effective_from)
    problems = basis_problems(basis)
    if voluntary_amount < 0 or (basis.base_amount or 0) < 0:
        problems.append(Problem("voluntary_amount", ProblemCode.FEE_AMOUNT_NEGATIVE))
    if problems:
        raise ValidationFailed(problems)
    keep_base = basis.category.by_percent
    with database.transaction() as session:
        require_member_in_scope(session, actor, member_id)
        profile = session.scalars(select(FeeProfile).where(
            FeeProfile.member_id == member_id, FeeProfile.effective_from == month)).first()
        if profile is None:
            profile = FeeProfile(member_id=member_id, effective_from=month)
            session.add(profile)
        profile.category = basis.category
        profile.base_amount = basis.base_amount if keep_base else None
        profile.area = basis.area if basis.category is FeeCategory.OTHER_DOMESTIC else None
        profile.overseas_group = basis.overseas_group if basis.category is FeeCategory.OVERSEAS else None
        profile.voluntary_amount = voluntary_amount
        session.flush()
        return profile.id


def _profiles_in_force(session: Session, member_ids: Sequence[int], month: dt.date) -> dict[int, FeeProfile]:
    found: dict[int, FeeProfile] = {}
    for start in range(0, len(member_ids), 500):
        for profile in session.scalars(
            select(FeeProfile).where(FeeProfile.member_id.in_(member_ids[start:start + 500]),
                                     FeeProfile.effective_from <= month)
            .order_by(FeeProfile.member_id, FeeProfile.effective_from)
        ):
            found[profile.member_id] = profile  # the latest wins
    return found


def _sheet_members(session: Session, cell_id: int, month: dt.date) -> list[tuple[int, str, Gender, dt.date]]:
    """Members who owe the cell the month's fee, or paid it there: list order."""
    month_end = add_months(month, 1) - dt.timedelta(days=1)
    paid_here = select(FeePayment.member_id).where(FeePayment.cell_id == cell_id, FeePayment.month == month)
    rows = session.execute(
        select(Member.id, Member.full_name, Member.gender, Member.date_of_birth)
        .where(((Member.cell_id == cell_id) & Member.status.in_(_ACTIVE) & (Member.admission_date <= month_end))
               | Member.id.in_(paid_here))
        .order_by(Member.name_sort_key, Member.id))
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _require_cell(session: Session, actor, cell_id: int) -> None:  # type: ignore[no-untyped-def]
    require_organization_in_scope(session, actor, cell_id)
    kind = session.scalar(select(PartyOrganization.kind).where(PartyOrganization.id == cell_id))
    if kind is None or not kind.is_cell:
        raise ValidationFailed([Problem("cell_id", ProblemCode.CELL_NOT_A_CELL)])


def cell_fee_sheet(database: Database, cell_id: int, month: dt.date) -> list[FeeSheetRow]:
    """The cell's collection list of `month`: each member's fee due and what was paid."""
    actor = require(database, Permission.VIEW_REGISTER)
    month = first_of_month(month)
    with database.reading() as session:
        _require_cell(session, actor, cell_id)
        rules = RuleBook.load(session)
        members = _sheet_members(session, cell_id, month)
        ids = [member[0] for member in members]
        profiles = _profiles_in_force(session, ids, month)
        payments = {p.member_id: p for p in session.scalars(
            select(FeePayment).where(FeePayment.month == month, FeePayment.member_id.in_(ids)))} if ids else {}
    rows = []
    for member_id, name, gender, born in members:
        profile = profiles.get(member_id)
        quote = monthly_fee(_basis(profile), gender, born, month, rules) if profile else None
        payment = payments.get(member_id)
        rows.append(FeeSheetRow(
            member_id, name, profile.category if profile else None,
            quote.base_amount if quote else None, quote.rate if quote else None,
            quote.amount if quote else None, profile.voluntary_amount if profile else 0,
            payment is not None, payment.amount if payment else None,
            payment.voluntary_amount if payment else 0, payment.paid_on if payment else None,
            payment.receipt_no if payment else None))
    return rows


def save_collection(
    database: Database, cell_id: int, month: dt.date, entries: Sequence[CollectionEntry],
    today: dt.date | None = None,
) -> int:
    """Record who paid the month's fee to the cell, in one transaction; the number paid.
    A paid entry stores the fee computed by the rules of the month; an unpaid one removes a
    payment recorded before (a correction)."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    month = first_of_month(month)
    with database.transaction() as session:
        _require_cell(session, actor, cell_id)
        rules = RuleBook.load(session)
        members = {row[0]: row for row in _sheet_members(session, cell_id, month)}
        ids = [entry.member_id for entry in entries]
        profiles = _profiles_in_force(session, ids, month)
        existing = {p.member_id: p for p in session.scalars(
            select(FeePayment).where(FeePayment.month == month, FeePayment.member_id.in_(ids)))} if ids else {}
        problems: list[Problem] = []
        quotes: dict[int, FeeQuote] = {}
        for entry in entries:
            field_name = str(entry.member_id)
            if entry.member_id not in members:
                problems.append(Problem(field_name, ProblemCode.FEE_MEMBER_NOT_IN_CELL))
                continue
            if not entry.paid:
                continue
            if entry.voluntary_amount < 0:
                problems.append(Problem(field_name, ProblemCode.FEE_AMOUNT_NEGATIVE))
            if entry.paid_on is not None and entry.paid_on > today:
                problems.append(Problem(field_name, ProblemCode.DATE_IN_FUTURE))
            profile = profiles.get(entry.member_id)
            if profile is None:
                problems.append(Problem(field_name, ProblemCode.FEE_NO_PROFILE))
                continue
            _, _, gender, born = members[entry.member_id]
            quotes[entry.member_id] = monthly_fee(_basis(profile), gender, born, month, rules)
        if problems:
            raise ValidationFailed(problems)
        paid = 0
        for entry in entries:
            payment = existing.get(entry.member_id)
            if not entry.paid:
                if payment is not None:
                    session.delete(payment)
                continue
            paid += 1
            quote = quotes[entry.member_id]
            if payment is None:
                payment = FeePayment(member_id=entry.member_id, month=month, cell_id=cell_id)
                session.add(payment)
            payment.category = profiles[entry.member_id].category
            payment.base_amount = quote.base_amount
            payment.rate = quote.rate
            payment.amount = quote.amount
            payment.voluntary_amount = entry.voluntary_amount
            payment.paid_on = entry.paid_on or today
            payment.receipt_no = nfc(entry.receipt_no) or None
        return paid


def _months_due(admitted: dt.date, months: Sequence[dt.date]) -> int:
    first_due = first_of_month(admitted)
    return sum(1 for month in months if month >= first_due)


def member_arrears(
    database: Database, organization_id: int, year: int, through: dt.date | None = None
) -> list[ArrearsRow]:
    """Active members of the subtree with months unpaid in `year` (up to the month of
    `through`; by default the last month ended), with the removal warning of §2.5."""
    actor = require(database, Permission.VIEW_REGISTER)
    through = through or (first_of_month(clock.today()) - dt.timedelta(days=1))
    last = min(first_of_month(through), dt.date(year, 12, 1))
    if last < dt.date(year, 1, 1):
        return []
    months = months_in(dt.date(year, 1, 1), last)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        rules = RuleBook.load(session)
        paid_counts = (select(FeePayment.member_id, func.count().label("paid"))
                       .where(FeePayment.month >= months[0], FeePayment.month <= last)
                       .group_by(FeePayment.member_id).subquery()) if months else None
        if paid_counts is None:
            return []
        rows = session.execute(
            select(Member.id, Member.full_name, PartyOrganization.name, Member.admission_date,
                   func.coalesce(paid_counts.c.paid, 0))
            .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
            .outerjoin(paid_counts, paid_counts.c.member_id == Member.id)
            .where(Member.cell_id.in_(subtree_cell_ids(path)), Member.status.in_(_ACTIVE),
                   Member.admission_date < add_months(last, 1))
            .order_by(PartyOrganization.path, Member.name_sort_key, Member.id)
            .execution_options(yield_per=_STREAM_BATCH))
        behind = [(row, due) for row in rows if (due := _months_due(row[3], months)) > row[4]]
        paid_months: dict[int, set[dt.date]] = {}
        ids = [row[0] for row, _ in behind]
        for start in range(0, len(ids), 500):
            for member_id, month in session.execute(
                select(FeePayment.member_id, FeePayment.month)
                .where(FeePayment.member_id.in_(ids[start:start + 500]),
                       FeePayment.month >= months[0], FeePayment.month <= last)):
                paid_months.setdefault(member_id, set()).add(month)
    result = []
    for (member_id, name, cell_name, admitted, _), due in behind:
        paid = paid_months.get(member_id, set())
        unpaid = tuple(m for m in months if m >= first_of_month(admitted) and m not in paid)
        result.append(ArrearsRow(member_id, name, cell_name, due, unpaid, removal_warning(len(unpaid), rules, year)))
    return result


def fee_report(
    database: Database, organization_id: int, first_month: dt.date, last_month: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> FeeReport:
    """Fees of the subtree for the months from `first_month` to `last_month`: by cell (tree
    order) and by category, months due, paid and unpaid, amounts collected."""
    actor = require(database, Permission.VIEW_REGISTER)
    first, last = first_of_month(first_month), first_of_month(last_month)
    if last < first:
        raise ValidationFailed([Problem("last_month", ProblemCode.FEE_PERIOD_REVERSED)])
    months = months_in(first, last)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        name = session.scalar(select(PartyOrganization.name).where(PartyOrganization.id == organization_id))
        if name is None:
            raise RecordNotFound(organization_id)
        report = FeeReport(name, first, last)
        cells: dict[int, FeeReportLine] = {}
        for cell_id, cell_name in session.execute(
            select(PartyOrganization.id, PartyOrganization.name)
            .where(PartyOrganization.id.in_(subtree_cell_ids(path)),
                   PartyOrganization.kind.in_(_CELL_KINDS))
            .order_by(PartyOrganization.path)
        ):
            cells[cell_id] = FeeReportLine(cell_name)
        active = case((Member.status.in_(_ACTIVE), 1), else_=0)
        by_category: dict[FeeCategory, FeeReportLine] = {}
        for cell_id, category, is_active, count, amount, voluntary in session.execute(
            select(FeePayment.cell_id, FeePayment.category, active, func.count(), func.sum(FeePayment.amount),
                   func.sum(FeePayment.voluntary_amount))
            .join(Member, Member.id == FeePayment.member_id)
            .where(FeePayment.cell_id.in_(subtree_cell_ids(path)), FeePayment.month >= first,
                   FeePayment.month <= last)
            .group_by(FeePayment.cell_id, FeePayment.category, active)
        ):
            line = cells.setdefault(cell_id, FeeReportLine(str(cell_id)))
            line.amount += int(amount or 0)
            line.voluntary += int(voluntary or 0)
            if is_active:
                line.months_paid += int(count)
            cat = by_category.setdefault(category, FeeReportLine(category.value))
            cat.months_paid += int(count)
            cat.amount += int(amount or 0)
            cat.voluntary += int(voluntary or 0)
        total_members = session.scalar(select(func.count()).select_from(Member).where(
            Member.cell_id.in_(subtree_cell_ids(path)), Member.status.in_(_ACTIVE))) or 0
        done = 0
        month_end = add_months(last, 1)
        for cell_id, admitted in session.execute(
            select(Member.cell_id, Member.admission_date)
            .where(Member.cell_id.in_(subtree_cell_ids(path)), Member.status.in_(_ACTIVE),
                   Member.admission_date < month_end)
            .execution_options(yield_per=_STREAM_BATCH)
        ):
            line = cells.setdefault(cell_id, FeeReportLine(str(cell_id)))
            line.members += 1
            line.months_due += _months_due(admitted, months)
            done += 1
            if progress is not None and done % _STREAM_BATCH == 0:
                progress(done, total_members)
    report.cells = list(cells.values())
    report.categories = [by_category[c] for c in FeeCategory if c in by_category]
    total = report.total
    for line in report.cells:
        total.members += line.members
        total.months_due += line.months_due
        total.months_paid += line.months_paid
        total.amount += line.amount
        total.voluntary += line.voluntary
    return report
