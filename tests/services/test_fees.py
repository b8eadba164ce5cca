"""Fee profiles, a cell's collection saved and read back, arrears, and the fee report."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.enums import OrgKind
from desktop.models.fee_rules import FeeBasis
from desktop.models.fees import FeeArea, FeeCategory, FeePayment
from desktop.models.problems import ProblemCode
from desktop.services.errors import ValidationFailed
from desktop.services.fees import (
    CollectionEntry,
    cell_fee_sheet,
    fee_profiles,
    fee_report,
    member_arrears,
    save_collection,
    save_fee_profile,
)
from desktop.services.members import create_member
from tests.builders import add_org, member_draft

D = dt.date
TODAY = D(2026, 12, 2)


@pytest.fixture
def org(database: Database) -> dict[str, int]:
    top = add_org(database, "DB", "Đảng bộ Khối", OrgKind.GRASSROOTS_COMMITTEE)
    one = add_org(database, "CB1", "Chi bộ Một", OrgKind.SUBORDINATE_CELL, top)
    two = add_org(database, "CB2", "Chi bộ Hai", OrgKind.SUBORDINATE_CELL, top)
    ids = {"top": top, "one": one, "two": two}
    for key, cell, name in (("an", one, "Nguyễn Văn An"), ("binh", one, "Trần Thị Bình"), ("cuong", two, "Lê Văn Cường")):
        ids[key] = create_member(database, member_draft(cell, full_name=name), today=TODAY).id
    save_fee_profile(database, ids["an"], D(2026, 1, 1), FeeBasis(FeeCategory.SALARIED_STATE, 9_876_550))
    save_fee_profile(database, ids["binh"], D(2026, 1, 1), FeeBasis(FeeCategory.OTHER_DOMESTIC, area=FeeArea.URBAN),
                     voluntary_amount=5_000)
    save_fee_profile(database, ids["cuong"], D(2026, 1, 1), FeeBasis(FeeCategory.PENSIONER, 7_000_000))
    return ids


def test_the_profile_in_force_gives_the_month_amount(database: Database, org: dict[str, int]) -> None:
    save_fee_profile(database, org["an"], D(2026, 7, 15), FeeBasis(FeeCategory.SALARIED_STATE, 12_000_000))
    assert [(p.effective_from, p.base_amount) for p in fee_profiles(database, org["an"])] == [
        (D(2026, 1, 1), 9_876_550), (D(2026, 7, 1), 12_000_000)]
    june = {row.full_name: row.amount_due for row in cell_fee_sheet(database, org["one"], D(2026, 6, 1))}
    july = {row.full_name: row.amount_due for row in cell_fee_sheet(database, org["one"], D(2026, 7, 1))}
    assert june == {"Nguyễn Văn An": 98_766, "Trần Thị Bình": 8_000}
    assert july == {"Nguyễn Văn An": 120_000, "Trần Thị Bình": 8_000}
    with pytest.raises(ValidationFailed) as refused:
        save_fee_profile(database, org["an"], D(2026, 8, 1), FeeBasis(FeeCategory.SALARIED_STATE))
    assert [p.code for p in refused.value.problems] == [ProblemCode.FEE_BASE_REQUIRED]


def test_a_collection_is_saved_in_one_go_and_read_back(database: Database, org: dict[str, int]) -> None:
    month = D(2026, 11, 1)
    paid = save_collection(database, org["one"], month, [
        CollectionEntry(org["an"], True, D(2026, 11, 20), "PT-01"),
        CollectionEntry(org["binh"], True, D(2026, 11, 21), "PT-02", voluntary_amount=5_000),
    ], today=TODAY)
    assert paid == 2
    sheet = {r.full_name: (r.paid, r.amount_paid, r.voluntary_paid, r.paid_on, r.receipt_no)
             for r in cell_fee_sheet(database, org["one"], month)}
    assert sheet == {"Nguyễn Văn An": (True, 98_766, 0, D(2026, 11, 20), "PT-01"),
                     "Trần Thị Bình": (True, 8_000, 5_000, D(2026, 11, 21), "PT-02")}
    # A correction: An had not paid after all.
    save_collection(database, org["one"], month, [CollectionEntry(org["an"], False)], today=TODAY)
    assert [r.paid for r in cell_fee_sheet(database, org["one"], month)] == [False, True]


def test_a_bad_entry_refuses_the_whole_collection(database: Database, org: dict[str, int]) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_collection(database, org["one"], D(2026, 11, 1), [
            CollectionEntry(org["an"], True, D(2026, 11, 20), "PT-01"),
            CollectionEntry(org["cuong"], True, D(2026, 11, 20), "PT-03"),  # of the other cell
        ], today=TODAY)
    assert [(p.field, p.code) for p in refused.value.problems] == [
        (str(org["cuong"]), ProblemCode.FEE_MEMBER_NOT_IN_CELL)]
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(FeePayment)) == 0


def _pay(database: Database, cell: int, member: int, months: list[int]) -> None:
    for month in months:
        save_collection(database, cell, D(2026, month, 1), [CollectionEntry(member, True, D(2026, month, 28))],
                        today=TODAY)


def test_arrears_and_the_three_month_warning(database: Database, org: dict[str, int]) -> None:
    _pay(database, org["one"], org["an"], list(range(1, 12)))
    _pay(database, org["one"], org["binh"], [1, 2, 3, 4, 5, 6, 7, 8, 9])
    _pay(database, org["two"], org["cuong"], [1, 2, 3, 4, 5, 6, 7, 8])
    rows = {r.full_name: (len(r.unpaid_months), r.removal_warning)
            for r in member_arrears(database, org["top"], 2026, through=D(2026, 11, 30))}
    assert rows == {"Trần Thị Bình": (2, False), "Lê Văn Cường": (3, True)}
    [cuong] = [r for r in member_arrears(database, org["two"], 2026, through=D(2026, 11, 30))]
    assert cuong.unpaid_months == (D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1))


def test_report_totals_equal_the_database(database: Database, org: dict[str, int]) -> None:
    _pay(database, org["one"], org["an"], [1, 2, 3])
    _pay(database, org["one"], org["binh"], [1, 2])
    _pay(database, org["two"], org["cuong"], [1])
    report = fee_report(database, org["top"], D(2026, 1, 1), D(2026, 3, 1))
    cells = {line.label: (line.members, line.months_due, line.months_paid, line.months_unpaid, line.amount)
             for line in report.cells}
    assert cells == {"Chi bộ Một": (2, 6, 5, 1, 3 * 98_766 + 2 * 8_000), "Chi bộ Hai": (1, 3, 1, 2, 35_000)}
    with database.reading() as session:
        stored = session.scalar(select(func.sum(FeePayment.amount)).where(FeePayment.month <= D(2026, 3, 1)))
    assert report.total.amount == stored
    assert {line.label: line.months_paid for line in report.categories} == {
        "SALARIED_STATE": 3, "PENSIONER": 1, "OTHER_DOMESTIC": 2}
    with pytest.raises(ValidationFailed):
        fee_report(database, org["top"], D(2026, 3, 1), D(2026, 1, 1))
