"""The monthly party fee of a member by the rules in force in that month (§2.7).

Percentages of the base (salary and allowances, pension, income) for the salaried categories,
a flat amount by area for the others (half of it beyond working age), a table for members
abroad. Every rate and amount is a rule-table row read on the first day of the month.
Amounts are whole đồng, rounded as FEE_ROUNDING says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

from desktop.models.dates import add_months
from desktop.models.enums import Gender
from desktop.models.fees import FeeArea, FeeCategory, OverseasGroup
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode

_ROUNDING = {"HALF_UP": ROUND_HALF_UP, "HALF_EVEN": ROUND_HALF_EVEN, "DOWN": ROUND_DOWN, "UP": ROUND_UP}


@dataclass(frozen=True)
class FeeBasis:
    """What the fee is reckoned from: a member's profile in force in the month."""

    category: FeeCategory
    base_amount: int | None = None
    area: FeeArea | None = None
    overseas_group: OverseasGroup | None = None


@dataclass(frozen=True)
class FeeQuote:
    base_amount: int | None
    rate: str | None  # percent, e.g. "1" or "0.5"; None for flat amounts
    amount: int


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_in(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of the months from `start`'s to `end`'s, both included."""
    months, month = [], first_of_month(start)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def beyond_working_age(gender: Gender, date_of_birth: dt.date, month: dt.date, rules: RuleBook) -> bool:
    """Past the retirement age of the Labour Code in force that month (FEE_WORKING_AGE_MONTHS)."""
    limits = rules.value(RuleCode.FEE_WORKING_AGE_MONTHS, month)
    return add_months(date_of_birth, int(limits[gender.value])) <= month


def basis_problems(basis: FeeBasis) -> list[Problem]:
    """What a fee profile lacks for its category."""
    problems = []
    if basis.category.by_percent and (basis.base_amount is None or basis.base_amount <= 0):
        problems.append(Problem("base_amount", ProblemCode.FEE_BASE_REQUIRED))
    if basis.category is FeeCategory.OTHER_DOMESTIC and basis.area is None:
        problems.append(Problem("area", ProblemCode.FEE_AREA_REQUIRED))
    if basis.category is FeeCategory.OVERSEAS and basis.overseas_group is None:
        problems.append(Problem("overseas_group", ProblemCode.FEE_OVERSEAS_GROUP_REQUIRED))
    return problems


def round_dong(value: Decimal, rules: RuleBook, month: dt.date) -> int:
    mode = _ROUNDING[rules.value(RuleCode.FEE_ROUNDING, month)]
    return int(value.quantize(Decimal(1), rounding=mode))


def monthly_fee(
    basis: FeeBasis, gender: Gender, date_of_birth: dt.date, month: dt.date, rules: RuleBook
) -> FeeQuote:
    """The fee due for `month` (any day of it) by the rules in force on its first day."""
    month = first_of_month(month)
    if basis.category.by_percent:
        rate = str(rules.value(RuleCode.FEE_PERCENT_RATES, month)[basis.category.value])
        base = basis.base_amount or 0
        return FeeQuote(base, rate, round_dong(Decimal(base) * Decimal(rate) / 100, rules, month))
    if basis.category is FeeCategory.OVERSEAS:
        assert basis.overseas_group is not None
        amount = int(rules.value(RuleCode.FEE_OVERSEAS_AMOUNTS, month)[basis.overseas_group.value])
        return FeeQuote(None, None, amount)
    assert basis.area is not None
    amount = Decimal(int(rules.value(RuleCode.FEE_FLAT_AMOUNTS, month)[basis.area.value]))
    if beyond_working_age(gender, date_of_birth, month, rules):
        share = Decimal(int(rules.value(RuleCode.FEE_BEYOND_WORKING_AGE_PERCENT, month)))
        amount = amount * share / 100
    return FeeQuote(None, None, round_dong(amount, rules, month))


def removal_warning(unpaid_months: int, rules: RuleBook, year: int) -> bool:
    """Unpaid months in a year that reach the ground for removal (§2.5)."""
    return unpaid_months >= int(rules.value(RuleCode.REMOVAL_UNPAID_FEE_MONTHS, dt.date(year, 12, 31)))
