"""The quantity and quality statistics (MEMBER_QUANTITY_QUALITY, §8) as at a cut-off date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import ColumnElement, and_, exists, func, not_, or_, select, true, update

from desktop.db.database import Database
from desktop.models.enums import (
    AcademicTitle,
    DatePrecision,
    Gender,
    MemberEventKind,
    MemberStatus,
    OrgKind,
    PoliticalTheory,
    ProfessionalDegree,
)
from desktop.models.member import Member, MemberEvent
from desktop.models.organization import PartyOrganization
from desktop.models.rules import MissingRule
from desktop.services.errors import OperationCancelled, RecordNotFound
from desktop.services.member_statistics import (
    AgeBand,
    MemberStatistics,
    age_bands,
    member_statistics,
    party_age_bands,
)
from desktop.services.members import create_member, get_member, update_member
from desktop.services.organizations import child_organizations, in_subtree, root_organizations
from desktop.services.register_as_of import cell_on, official_on, on_register
from tests.builders import add_org, member_draft

TODAY = dt.date(2026, 11, 21)
AS_OF = dt.date(2026, 6, 30)
AGES = [30, 40, 50, 60, 70]
PARTY_AGES = [10, 20, 30, 40, 50]
BANDS: dict[str, Any] = {
    "age_band_bounds": AGES, "party_age_band_bounds": PARTY_AGES, "party_age_anchor": "DECISION_DATE",
}


def statistics(database: Database, org_id: int, as_of: dt.date = AS_OF, **options: Any) -> MemberStatistics:
    return member_statistics(database, org_id, as_of, **{**BANDS, **options})


@pytest.fixture
def tree(database: Database) -> dict[str, int]:
    """root ─ committee A ─ cells A1, A2;  root ─ grassroots cell B."""
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    a = add_org(database, "K.A", "Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE, root)
    a1 = add_org(database, "K.A.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, a)
    a2 = add_org(database, "K.A.2", "Chi bộ Vụ Pháp chế", OrgKind.SUBORDINATE_CELL, a)
    b = add_org(database, "K.B", "Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL, root)
    return {"root": root, "a": a, "a1": a1, "a2": a2, "b": b}


def add(database: Database, cell: int, **changes: Any) -> int:
    return create_member(database, member_draft(cell, **changes), today=TODAY).id


@pytest.fixture
def varied(database: Database, tree: dict[str, int]) -> dict[str, int]:
    """A dozen members covering every column of the table."""
    add(database, tree["a1"], gender=Gender.FEMALE, ethnicity="Tày", religion="Phật giáo",
        professional_degree=ProfessionalDegree.MASTER, political_theory=PoliticalTheory.ADVANCED,
        occupation="Công chức", general_education="12/12")
    add(database, tree["a1"], date_of_birth=dt.date(1950, 1, 1), dob_precision=DatePrecision.YEAR,
        admission_decision_date=dt.date(1972, 3, 1), admission_date=dt.date(1972, 3, 20),
        official_date=dt.date(1973, 3, 20), occupation="Hưu trí", general_education="7/10",
        political_theory=PoliticalTheory.BACHELOR, professional_degree=ProfessionalDegree.DOCTOR,
        academic_title=AcademicTitle.PROFESSOR)
    add(database, tree["a1"], date_of_birth=dt.date(2000, 2, 29), admission_decision_date=dt.date(2025, 9, 1),
        admission_date=dt.date(2025, 9, 15), official_date=None, ethnicity="Khmer",
        religion="Phật giáo Hòa Hảo", professional_degree=ProfessionalDegree.BACHELOR,
        political_theory=PoliticalTheory.ELEMENTARY, general_education="12/12")
    add(database, tree["a2"], gender=Gender.FEMALE, date_of_birth=dt.date(1962, 11, 2),
        admission_decision_date=dt.date(1990, 5, 1), admission_date=dt.date(1990, 5, 19),
        official_date=dt.date(1991, 5, 19), religion="Công giáo", occupation="Viên chức",
        professional_degree=ProfessionalDegree.VOCATIONAL, political_theory=PoliticalTheory.INTERMEDIATE,
        general_education="10/10")
    add(database, tree["a2"], date_of_birth=dt.date(1975, 7, 7), professional_degree=ProfessionalDegree.COLLEGE,
        academic_title=AcademicTitle.ASSOCIATE_PROFESSOR, occupation="Công chức", general_education="9/12")
    add(database, tree["b"], gender=Gender.FEMALE, ethnicity="Tày", occupation="Công chức",
        professional_degree=ProfessionalDegree.ELEMENTARY, general_education="12/12")
    add(database, tree["b"], date_of_birth=dt.date(1940, 5, 5), admission_decision_date=dt.date(1960, 1, 1),
        admission_date=dt.date(1960, 1, 10), official_date=dt.date(1961, 1, 10), occupation="Hưu trí",
        religion="Phật giáo")
    member = add(database, tree["b"], date_of_birth=dt.date(1985, 4, 4))
    with database.transaction() as session:
        session.execute(update(Member).where(Member.id == member).values(exempted_from_activities=True))
    return tree


# --- independent counts: one COUNT query per cell of the table ---------------------------------


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _within(column: Any, band: AgeBand, as_of: dt.date) -> ColumnElement[bool]:
    """`column` is a date between band.lower and band.upper whole years before `as_of`."""
    conditions = []
    if band.lower is not None:
        conditions.append(column <= _years_before(as_of, band.lower))
    if band.upper is not None:
        conditions.append(column > _years_before(as_of, band.upper + 1))
    return and_(true(), *conditions)


def _exempted(as_of: dt.date) -> ColumnElement[bool]:
    """Exemptions and their ends alternate: more of the first than of the second by then;
    a record without such events keeps its flag."""
    def counted(kind: MemberEventKind) -> Any:
        return (select(func.count()).select_from(MemberEvent)
                .where(MemberEvent.member_id == Member.id, MemberEvent.kind == kind,
                       MemberEvent.effective_date <= as_of).correlate(Member).scalar_subquery())

    any_history = exists().where(MemberEvent.member_id == Member.id, MemberEvent.kind.in_(
        (MemberEventKind.EXEMPTED, MemberEventKind.EXEMPTION_ENDED)))
    return or_(and_(not_(any_history), Member.exempted_from_activities.is_(True)),
               counted(MemberEventKind.EXEMPTED) > counted(MemberEventKind.EXEMPTION_ENDED))


def _conditions(as_of: dt.date, anchor: str = "DECISION_DATE") -> dict[str, ColumnElement[bool]]:
    party_from = (func.coalesce(Member.admission_decision_date, Member.admission_date)
                  if anchor == "DECISION_DATE" else Member.admission_date)
    conditions: dict[str, ColumnElement[bool]] = {
        "total": true(),
        "official": official_on(as_of),
        "probationary": not_(official_on(as_of)),
        "female": Member.gender == Gender.FEMALE,
        "ethnic_minority": Member.ethnicity != "Kinh",
        "religious": Member.religion != "Không",
        "exempted": _exempted(as_of),
        "title:ASSOCIATE_PROFESSOR": Member.academic_title == AcademicTitle.ASSOCIATE_PROFESSOR,
        "title:PROFESSOR": Member.academic_title == AcademicTitle.PROFESSOR,
        "theory:ELEMENTARY": Member.political_theory == PoliticalTheory.ELEMENTARY,
        "theory:INTERMEDIATE": Member.political_theory == PoliticalTheory.INTERMEDIATE,
        "theory:ADVANCED_OR_BACHELOR": Member.political_theory.in_(
            (PoliticalTheory.ADVANCED, PoliticalTheory.BACHELOR)
        ),
    }
    for degree in ProfessionalDegree:
        if degree is not ProfessionalDegree.NONE:
            conditions[f"degree:{degree.name}"] = Member.professional_degree == degree
    for band in age_bands(AGES):
        conditions[f"age:{band.key}"] = _within(Member.date_of_birth, band, as_of)
    for band in party_age_bands(PARTY_AGES):
        conditions[f"party_age:{band.key}"] = _within(party_from, band, as_of)
    return conditions


def independent_counts(database: Database, org_id: int, as_of: dt.date,
                       anchor: str = "DECISION_DATE") -> dict[str, int]:
    with database.reading() as session:
        path = session.scalar(select(PartyOrganization.path).where(PartyOrganization.id == org_id))
        assert path is not None
        base = (
            select(func.count())
            .select_from(Member)
            .join(PartyOrganization, PartyOrganization.id == cell_on(as_of))
            .where(in_subtree(path), on_register(as_of))
        )
        return {key: session.scalar(base.where(condition)) or 0
                for key, condition in _conditions(as_of, anchor).items()}


def assert_matches_database(database: Database, result: MemberStatistics, anchor: str = "DECISION_DATE") -> None:
    for row in result.rows:
        assert row.organization_id is not None
        assert dict(row.counts) == independent_counts(database, row.organization_id, result.as_of, anchor), row.label
    assert dict(result.total.counts) == independent_counts(database, result.organization_id, result.as_of, anchor)


def assert_rows_add_up(result: MemberStatistics) -> None:
    assert set(result.total.counts) == set(result.column_keys)
    for key in result.column_keys:
        assert result.total.counts[key] == sum(row.counts[key] for row in result.rows), key
    assert result.total.organization_id is None and result.total.label == ""


# --- tests ------------------------------------------------------------------------------------


def test_rows_are_the_children_and_every_count_matches_the_database(
    database: Database, varied: dict[str, int]
) -> None:
    result = statistics(database, varied["root"])
    assert [(row.organization_id, row.label) for row in result.rows] == [
        (varied["a"], "Đảng bộ Bộ A"), (varied["b"], "Chi bộ Báo Nhân Dân")
    ]
    assert result.total.counts["total"] == 8
    assert_matches_database(database, result)
    assert_rows_add_up(result)
    a = result.rows[0].counts
    assert (a["total"], a["official"], a["probationary"], a["female"]) == (5, 4, 1, 2)
    assert (a["ethnic_minority"], a["religious"]) == (2, 3)
    assert (a["degree:MASTER"], a["degree:DOCTOR"], a["title:PROFESSOR"]) == (1, 1, 1)
    assert a["theory:ADVANCED_OR_BACHELOR"] == 2  # cao cấp and cử nhân together
    b = result.rows[1].counts
    assert (b["total"], b["exempted"], b["age:71+"], b["party_age:50+"]) == (3, 1, 1, 1)

    committee = statistics(database, varied["a"])
    assert [row.organization_id for row in committee.rows] == [varied["a1"], varied["a2"]]
    assert_matches_database(database, committee)
    assert committee.total.counts == result.rows[0].counts


def test_a_cell_gives_one_row_for_itself(database: Database, varied: dict[str, int]) -> None:
    result = statistics(database, varied["a2"])
    assert [(row.organization_id, row.label) for row in result.rows] == [(varied["a2"], "Chi bộ Vụ Pháp chế")]
    assert result.rows[0].counts == result.total.counts
    assert result.total.counts["total"] == 2
    assert result.organization_name == "Chi bộ Vụ Pháp chế" and result.as_of == AS_OF


def test_rows_follow_the_display_order_of_the_tree(database: Database, tree: dict[str, int]) -> None:
    with database.transaction() as session:
        session.execute(update(PartyOrganization).where(PartyOrganization.id == tree["a"]).values(position=2))
        session.execute(update(PartyOrganization).where(PartyOrganization.id == tree["b"]).values(position=1))
    result = statistics(database, tree["root"])
    assert [row.organization_id for row in result.rows] == [node.id for node in child_organizations(database, tree["root"])]
    assert [row.organization_id for row in result.rows] == [tree["b"], tree["a"]]
    assert all(row.counts["total"] == 0 for row in result.rows)
    assert set(result.rows[0].counts) == set(result.column_keys)


def test_members_admitted_after_the_date_are_not_counted(database: Database, tree: dict[str, int]) -> None:
    add(database, tree["b"])
    add(database, tree["b"], admission_decision_date=dt.date(2026, 7, 1), admission_date=dt.date(2026, 7, 1),
        official_date=None)
    assert statistics(database, tree["root"]).total.counts["total"] == 1
    assert statistics(database, tree["root"], dt.date(2026, 7, 1)).total.counts["total"] == 2


def test_recognition_after_the_date_counts_as_probationary(database: Database, tree: dict[str, int]) -> None:
    add(database, tree["b"], admission_decision_date=dt.date(2025, 3, 1), admission_date=dt.date(2025, 3, 10),
        official_date=dt.date(2026, 3, 10))
    before = statistics(database, tree["b"], dt.date(2026, 3, 9)).total.counts
    on_the_day = statistics(database, tree["b"], dt.date(2026, 3, 10)).total.counts
    assert (before["official"], before["probationary"]) == (0, 1)
    assert (on_the_day["official"], on_the_day["probationary"]) == (1, 0)


def test_a_member_moved_after_the_date_counts_in_the_old_cell(database: Database, tree: dict[str, int]) -> None:
    member = add(database, tree["a1"])
    record = get_member(database, member)
    moved_on = dt.date(2026, 8, 1)
    update_member(database, member, record.version, member_draft(tree["b"], full_name=record.draft.full_name),
                  today=moved_on)
    with database.reading() as session:
        event = session.scalars(select(MemberEvent).where(MemberEvent.kind == MemberEventKind.TRANSFER_INTERNAL)).one()
        assert (event.from_org_id, event.effective_date) == (tree["a1"], moved_on)

    before = statistics(database, tree["root"], dt.date(2026, 7, 31))
    after = statistics(database, tree["root"], moved_on)
    assert [row.counts["total"] for row in before.rows] == [1, 0]  # committee A, cell B
    assert [row.counts["total"] for row in after.rows] == [0, 1]
    assert statistics(database, tree["a"], dt.date(2026, 7, 31)).total.counts["total"] == 1
    assert statistics(database, tree["a1"], dt.date(2026, 7, 31)).total.counts["total"] == 1
    assert statistics(database, tree["b"], dt.date(2026, 7, 31)).total.counts["total"] == 0
    assert statistics(database, tree["a"], moved_on).total.counts["total"] == 0
    assert_matches_database(database, before)


def test_members_who_left_before_the_date_are_not_counted(database: Database, tree: dict[str, int]) -> None:
    died = add(database, tree["b"])
    add(database, tree["b"])
    with database.transaction() as session:
        session.add(MemberEvent(member_id=died, kind=MemberEventKind.DECEASED, effective_date=dt.date(2026, 5, 2)))
        session.execute(update(Member).where(Member.id == died).values(status=MemberStatus.DECEASED))
    assert statistics(database, tree["root"], dt.date(2026, 5, 1)).total.counts["total"] == 2
    assert statistics(database, tree["root"], dt.date(2026, 5, 2)).total.counts["total"] == 1


def test_an_exemption_counts_only_while_it_lasted(database: Database, tree: dict[str, int]) -> None:
    from desktop.models.member_lifecycle import EventDraft
    from desktop.services.member_events import record_member_event

    member = add(database, tree["b"])
    add(database, tree["b"])
    record_member_event(database, member, EventDraft(
        MemberEventKind.EXEMPTED, dt.date(2026, 2, 1), decision_number="2-NQ/CB", note="Điều trị dài ngày"),
        today=TODAY)
    record_member_event(database, member, EventDraft(MemberEventKind.EXEMPTION_ENDED, dt.date(2026, 5, 1)),
                        today=TODAY)
    assert [statistics(database, tree["root"], day).total.counts["exempted"]
            for day in (dt.date(2026, 1, 31), dt.date(2026, 2, 1), dt.date(2026, 4, 30), dt.date(2026, 5, 1))] == [
        0, 1, 1, 0]
    assert_matches_database(database, statistics(database, tree["root"], dt.date(2026, 3, 1)))


def _age_band(result: MemberStatistics, prefix: str) -> list[str]:
    return [key for key, count in result.total.counts.items() if key.startswith(prefix) and count]


def test_ages_and_party_ages_change_band_exactly_on_the_anniversary(database: Database, tree: dict[str, int]) -> None:
    add(database, tree["b"], date_of_birth=dt.date(1990, 6, 15), admission_decision_date=dt.date(2015, 6, 15),
        admission_date=dt.date(2015, 7, 1), official_date=dt.date(2016, 7, 1))
    # Born 15/06/1990: 30 until 14/06/2021, 31 from 15/06/2021.
    assert _age_band(statistics(database, tree["b"], dt.date(2021, 6, 14)), "age:") == ["age:0-30"]
    assert _age_band(statistics(database, tree["b"], dt.date(2021, 6, 15)), "age:") == ["age:31-40"]
    # Party age from the admission decision (15/06/2015): 10 years on 15/06/2025.
    assert _age_band(statistics(database, tree["b"], dt.date(2025, 6, 14)), "party_age:") == ["party_age:0-9"]
    assert _age_band(statistics(database, tree["b"], dt.date(2025, 6, 15)), "party_age:") == ["party_age:10-19"]
    # From the ceremony (01/07/2015) when the rule says so.
    ceremony = statistics(database, tree["b"], dt.date(2025, 6, 30), party_age_anchor="CEREMONY_DATE")
    assert _age_band(ceremony, "party_age:") == ["party_age:0-9"]
    assert _age_band(statistics(database, tree["b"], dt.date(2025, 7, 1), party_age_anchor="CEREMONY_DATE"),
                     "party_age:") == ["party_age:10-19"]
    assert_matches_database(database, ceremony, anchor="CEREMONY_DATE")


def test_a_birth_year_alone_counts_from_the_first_of_january(database: Database, tree: dict[str, int]) -> None:
    add(database, tree["b"], date_of_birth=dt.date(1955, 1, 1), dob_precision=DatePrecision.YEAR,
        admission_decision_date=dt.date(1980, 1, 1), admission_date=dt.date(1980, 1, 5),
        official_date=dt.date(1981, 1, 5))
    assert _age_band(statistics(database, tree["b"], dt.date(2025, 12, 31)), "age:") == ["age:61-70"]  # 70
    assert _age_band(statistics(database, tree["b"], dt.date(2026, 1, 1)), "age:") == ["age:71+"]  # 71


def test_a_birthday_on_29_february_is_reached_on_1_march_in_a_common_year(
    database: Database, tree: dict[str, int]
) -> None:
    add(database, tree["b"], date_of_birth=dt.date(1996, 2, 29), admission_decision_date=dt.date(2020, 1, 2),
        admission_date=dt.date(2020, 1, 2), official_date=dt.date(2021, 1, 2))
    assert _age_band(statistics(database, tree["b"], dt.date(2027, 2, 28)), "age:") == ["age:0-30"]  # 30
    assert _age_band(statistics(database, tree["b"], dt.date(2027, 3, 1)), "age:") == ["age:31-40"]  # 31


def test_bands_and_their_labels() -> None:
    ages = age_bands(AGES)
    assert [band.label for band in ages] == [
        "Đến 30 tuổi", "Từ 31 đến 40 tuổi", "Từ 41 đến 50 tuổi", "Từ 51 đến 60 tuổi",
        "Từ 61 đến 70 tuổi", "Trên 70 tuổi",
    ]
    assert [band.key for band in ages] == ["0-30", "31-40", "41-50", "51-60", "61-70", "71+"]
    assert (ages[0].lower, ages[0].upper, ages[-1].lower, ages[-1].upper) == (None, 30, 71, None)
    party = party_age_bands(PARTY_AGES)
    assert [band.label for band in party] == [
        "Dưới 10 năm", "Từ 10 đến dưới 20 năm", "Từ 20 đến dưới 30 năm", "Từ 30 đến dưới 40 năm",
        "Từ 40 đến dưới 50 năm", "Từ 50 năm trở lên",
    ]
    assert [band.key for band in party] == ["0-9", "10-19", "20-29", "30-39", "40-49", "50+"]
    assert party[1].contains(10) and party[1].contains(19) and not party[1].contains(20)
    for bad in ([], [40, 30], [30, 30], [0, 10]):
        with pytest.raises(ValueError):
            age_bands(bad)


def test_distributions_of_the_whole_subtree(database: Database, varied: dict[str, int]) -> None:
    add(database, varied["a2"], ethnicity="Khmer", occupation=None, general_education=None)
    add(database, varied["a2"], ethnicity="Khmer", occupation=None, general_education="12/12")
    add(database, varied["a2"], ethnicity="Khmer", occupation="Công chức", general_education="12/12")
    result = statistics(database, varied["root"])
    assert result.ethnicities == (("Kinh", 5), ("Khmer", 4), ("Tày", 2))
    assert result.religions == (("Phật giáo", 2), ("Công giáo", 1), ("Phật giáo Hòa Hảo", 1))
    assert result.occupations == (("Công chức", 4), ("Hưu trí", 2), ("Viên chức", 1), ("Chưa ghi", 4))
    assert result.general_education == (
        ("12/12", 5), ("10/10", 1), ("9/12", 1), ("7/10", 1), ("Chưa ghi", 3)
    )
    for listing in (result.ethnicities, result.occupations, result.general_education):
        assert sum(count for _, count in listing) == result.total.counts["total"]
    assert sum(count for _, count in result.religions) == result.total.counts["religious"]
    committee = statistics(database, varied["a"])
    # Kinh first even where it is not the largest group; then the most numerous.
    assert committee.ethnicities == (("Kinh", 3), ("Khmer", 4), ("Tày", 1))


def test_unknown_organisation(database: Database) -> None:
    with pytest.raises(RecordNotFound):
        statistics(database, 4242)


def test_progress_and_cancellation(database: Database, tree: dict[str, int],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.services.member_statistics as module

    monkeypatch.setattr(module, "BATCH_SIZE", 2)
    for _ in range(5):
        add(database, tree["a1"])
    add(database, tree["b"], admission_decision_date=dt.date(2026, 7, 1), admission_date=dt.date(2026, 7, 1),
        official_date=None)
    calls: list[tuple[int, int]] = []
    result = statistics(database, tree["a"], progress=lambda done, total: calls.append((done, total)))
    assert result.total.counts["total"] == 5
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) >= 4

    whole = statistics(database, tree["root"], progress=lambda done, total: calls.append((done, total)))
    assert whole.total.counts["total"] == 5 and calls[-1] == (6, 6)  # records read, not members counted

    checks: Iterator[bool] = iter([False, False, True])
    with pytest.raises(OperationCancelled):
        statistics(database, tree["root"], is_cancelled=lambda: next(checks))
    with pytest.raises(OperationCancelled):
        statistics(database, tree["root"], is_cancelled=lambda: True)


def test_members_placed_in_a_committee_itself_are_shown_not_lost(database: Database, tree: dict[str, int]) -> None:
    add(database, tree["a1"])
    stray = add(database, tree["a2"])
    with database.transaction() as session:  # inconsistent data the member form would refuse
        session.execute(update(Member).where(Member.id == stray).values(cell_id=tree["a"]))
    result = statistics(database, tree["a"])
    assert [(row.organization_id, row.counts["total"]) for row in result.rows] == [
        (tree["a1"], 1), (tree["a2"], 0), (tree["a"], 1)
    ]
    assert result.total.counts["total"] == 2
    assert_rows_add_up(result)


def test_defaults_come_from_the_rule_table(database: Database, tree: dict[str, int]) -> None:
    add(database, tree["b"])
    try:
        result = member_statistics(database, tree["root"], AS_OF)
    except MissingRule as missing:
        pytest.skip(f"rule table not migrated yet: {missing}")
    assert [band.key for band in result.age_bands] == [band.key for band in age_bands(AGES)]
    assert [band.key for band in result.party_age_bands] == [band.key for band in party_age_bands(PARTY_AGES)]
    assert result.party_age_anchor == "DECISION_DATE"
    assert result.total.counts["total"] == 1


def test_the_small_demo_matches_the_database(demo_database: Database) -> None:
    root = root_organizations(demo_database)[0].id
    as_of = dt.date(2025, 12, 31)
    result = statistics(demo_database, root, as_of)
    assert len(result.rows) == len(child_organizations(demo_database, root))
    assert result.total.counts["total"] > 100
    assert_rows_add_up(result)
    assert_matches_database(demo_database, result)
    committee = next(row for row in result.rows if row.counts["total"])
    assert statistics(demo_database, committee.organization_id, as_of).total.counts == committee.counts  # type: ignore[arg-type]
    assert result.ethnicities[0][0] == "Kinh"
