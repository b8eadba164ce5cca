"""The monthly party fee of every category, read from the rules of the month (§2.7)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.db.database import Database
from desktop.models.enums import Gender
from desktop.models.fee_rules import (
    FeeBasis,
    basis_problems,
    beyond_working_age,
    monthly_fee,
    removal_warning,
)
from desktop.models.fees import FeeArea, FeeCategory, OverseasGroup
from desktop.models.problems import ProblemCode
from desktop.models.rules import RuleBook, RuleValue

D = dt.date
MONTH = D(2026, 11, 1)
YOUNG = D(1990, 1, 1)


@pytest.fixture
def rules(database: Database) -> RuleBook:
    with database.reading() as session:
        return RuleBook.load(session)


def test_percentage_categories_round_to_whole_dong(rules: RuleBook) -> None:
    state = monthly_fee(FeeBasis(FeeCategory.SALARIED_STATE, 8_765_450), Gender.MALE, YOUNG, MONTH, rules)
    assert (state.base_amount, state.rate, state.amount) == (8_765_450, "1", 87_655)  # 87,654.5 → up
    pension = monthly_fee(FeeBasis(FeeCategory.PENSIONER, 6_500_001), Gender.FEMALE, D(1950, 1, 1), MONTH, rules)
    assert (pension.rate, pension.amount) == ("0.5", 32_500)  # 32,500.005 → 32,500
    enterprise = monthly_fee(FeeBasis(FeeCategory.ENTERPRISE, 12_000_000), Gender.MALE, YOUNG, MONTH, rules)
    assert enterprise.amount == 120_000


def test_flat_amounts_by_area_and_half_beyond_working_age(rules: RuleBook) -> None:
    amounts = {area: monthly_fee(FeeBasis(FeeCategory.OTHER_DOMESTIC, area=area), Gender.MALE, YOUNG, MONTH,
                                 rules).amount for area in FeeArea}
    assert amounts == {FeeArea.INNER_CITY: 10_000, FeeArea.URBAN: 8_000, FeeArea.OTHER: 6_000, FeeArea.REMOTE: 4_000}
    old = monthly_fee(FeeBasis(FeeCategory.OTHER_DOMESTIC, area=FeeArea.URBAN), Gender.MALE, D(1950, 1, 1), MONTH, rules)
    assert (old.rate, old.amount) == (None, 4_000)


def test_working_age_follows_the_labour_code_by_year(rules: RuleBook) -> None:
    # 2026: men 61 years 6 months, women 57 years.
    assert not beyond_working_age(Gender.MALE, D(1965, 6, 1), D(2026, 11, 1), rules)
    assert beyond_working_age(Gender.MALE, D(1965, 5, 1), D(2026, 11, 1), rules)
    assert beyond_working_age(Gender.FEMALE, D(1969, 11, 1), D(2026, 11, 1), rules)
    assert not beyond_working_age(Gender.FEMALE, D(1969, 12, 1), D(2026, 11, 1), rules)


def test_overseas_by_table_and_what_a_profile_lacks(rules: RuleBook) -> None:
    quote = monthly_fee(FeeBasis(FeeCategory.OVERSEAS, overseas_group=OverseasGroup.STUDENT), Gender.MALE, YOUNG,
                        MONTH, rules)
    assert quote.amount == 50_000
    assert [p.code for p in basis_problems(FeeBasis(FeeCategory.SALARIED_STATE))] == [ProblemCode.FEE_BASE_REQUIRED]
    assert [p.code for p in basis_problems(FeeBasis(FeeCategory.OTHER_DOMESTIC))] == [ProblemCode.FEE_AREA_REQUIRED]
    assert [p.code for p in basis_problems(FeeBasis(FeeCategory.OVERSEAS))] == [
        ProblemCode.FEE_OVERSEAS_GROUP_REQUIRED]


def test_a_rate_change_mid_year_is_read_by_month(database: Database) -> None:
    with database.transaction() as session:
        current = session.query(RuleValue).filter_by(code="FEE_PERCENT_RATES").one()
        current.effective_to = D(2026, 7, 1)
        session.add(RuleValue(code="FEE_PERCENT_RATES", effective_from=D(2026, 7, 1), effective_to=None,
                              value_json=json.dumps({"SALARIED_STATE": "1.5", "PENSIONER": "0.5",
                                                     "ENTERPRISE": "1"}), source_ref="test", confidence="L"))
    with database.reading() as session:
        rules = RuleBook.load(session)
    basis = FeeBasis(FeeCategory.SALARIED_STATE, 10_000_000)
    assert monthly_fee(basis, Gender.MALE, YOUNG, D(2026, 6, 30), rules).amount == 100_000
    assert monthly_fee(basis, Gender.MALE, YOUNG, D(2026, 7, 1), rules).amount == 150_000


def test_three_unpaid_months_in_a_year_warn_of_removal(rules: RuleBook) -> None:
    assert not removal_warning(2, rules, 2026)
    assert removal_warning(3, rules, 2026)
