"""Demo part: every active member's fee profile and the payments of the months of the year
ended so far (DEMO_FEE_MONTHS at most), with a few members in arrears.

Amounts come from desktop.models.fee_rules, as the collection screen computes them. Rows are
Core inserts in batches (the full demo writes about 860,000 payments).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from desktop.models.dates import add_months
from desktop.models.enums import Gender, MemberStatus
from desktop.models.fee_rules import FeeBasis, monthly_fee, months_in
from desktop.models.fees import FeeArea, FeeCategory, FeePayment, FeeProfile
from desktop.models.member import Member
from desktop.services.demo.generator import DemoPart

# Months of payments the demo writes: the months of the current year that have ended.
DEMO_FEE_MONTHS = 12
ARREARS_SHARE = 0.012  # members who stopped paying a few months ago
_BATCH = 20000
_AREAS = (FeeArea.INNER_CITY, FeeArea.URBAN, FeeArea.OTHER, FeeArea.REMOTE)


def _basis(rng, occupation: str | None, political: bool) -> FeeBasis:  # type: ignore[no-untyped-def]
    if occupation == "Hưu trí":
        if rng.random() < 0.04:
            return FeeBasis(FeeCategory.OTHER_DOMESTIC, area=rng.choice(_AREAS))
        return FeeBasis(FeeCategory.PENSIONER, rng.randrange(3_500_000, 16_000_000, 50))
    category = FeeCategory.SALARIED_STATE if political else FeeCategory.ENTERPRISE
    return FeeBasis(category, rng.randrange(5_500_000, 32_000_000, 50))


def paid_months(today: dt.date) -> list[dt.date]:
    """The months of the year that have ended by `today` (the whole last year in January)."""
    last = add_months(today.replace(day=1), -1)
    first = max(dt.date(last.year, 1, 1), add_months(last, 1 - DEMO_FEE_MONTHS))
    return months_in(first, last)


def write(part: DemoPart) -> None:
    rng = part.random("fees")
    months = paid_months(part.today)
    profile_start = dt.date(months[0].year, 1, 1) if months else part.today.replace(day=1)
    members = part.session.execute(
        select(Member.id, Member.cell_id, Member.gender, Member.date_of_birth, Member.admission_date,
               Member.occupation, Member.works_in_political_system)
        .where(Member.status.in_((MemberStatus.FULL, MemberStatus.PROBATIONARY))).order_by(Member.id)
    ).all()
    profiles: list[dict[str, Any]] = []
    payments: list[dict[str, Any]] = []
    for member_id, cell_id, gender, born, admitted, occupation, political in members:
        basis = _basis(rng, occupation, political)
        profiles.append({
            "member_id": member_id, "effective_from": profile_start, "category": basis.category,
            "base_amount": basis.base_amount, "area": basis.area, "overseas_group": None,
            "voluntary_amount": 0, "version": 1})
        stops = len(months) - rng.randint(1, 4) if rng.random() < ARREARS_SHARE else len(months)
        payments.extend(_payments(part, rng, member_id, cell_id, gender, born, admitted, basis, months[:stops]))
        if len(payments) >= _BATCH:
            part.insert(FeePayment, payments)
            payments = []
    part.insert(FeeProfile, profiles)
    part.insert(FeePayment, payments)


def _payments(  # type: ignore[no-untyped-def]
    part: DemoPart, rng, member_id: int, cell_id: int, gender: Gender, born: dt.date, admitted: dt.date,
    basis: FeeBasis, months: list[dt.date],
) -> Iterator[dict[str, Any]]:
    quote = None
    for month in months:
        if month < admitted.replace(day=1):
            continue
        if quote is None or basis.category is FeeCategory.OTHER_DOMESTIC:  # the working age may pass
            quote = monthly_fee(basis, gender, born, month, part.rules)
        yield {
            "member_id": member_id, "month": month, "cell_id": cell_id, "category": basis.category,
            "base_amount": quote.base_amount, "rate": quote.rate, "amount": quote.amount, "voluntary_amount": 0,
            "paid_on": month + dt.timedelta(days=rng.randint(4, 24)), "receipt_no": None, "version": 1}
