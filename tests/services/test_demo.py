"""The demo organisation: exact shape, valid records, committee seats, history, determinism,
refusal on a non-empty database and rollback on cancel.

Most checks read the small demo built once per session (`demo_database`, today = TODAY). The
full scale is too slow for CI; its tree (without members) is checked in memory instead.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import random
import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.db.database import Database, open_database
from desktop.models.dates import add_months
from desktop.models.enums import (
    ALLOWED_CHILD_KINDS,
    CommitteeRole,
    Gender,
    MemberEventKind,
    MemberStatus,
    OrgKind,
)
from desktop.models.member import CommitteeMembership, Member, MemberEvent
from desktop.models.member_lifecycle import STATUS_AFTER
from desktop.models.member_rules import MemberDraft, check_member
from desktop.models.organization import PartyOrganization, child_path
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.text import name_sort_key, search_terms
from desktop.services.demo import (
    DemoCancelled,
    DemoNotEmpty,
    DemoScale,
    DemoSummary,
    create_demo,
)
from desktop.services.demo.names import person_name
from desktop.services.demo.structure import FULL_SPEC, SMALL_SPEC, TreeBuilder, split_total
from desktop.services.document_issuer import issuer_for
from desktop.services.member_writer import member_search_key, organization_search_key
from tests.builders import sign_in_as
from tests.conftest import TODAY

SMALL_KINDS = {
    OrgKind.SUPERIOR_COMMITTEE: 3,  # the root and two subordinate superior committees
    OrgKind.GRASSROOTS_COMMITTEE: 3,
    OrgKind.SECTION_COMMITTEE: 1,
    OrgKind.GRASSROOTS_CELL: 4,
    OrgKind.SUBORDINATE_CELL: 16,
}
SMALL_MEMBERS = 320
DRAFT_FIELDS = [f.name for f in dataclasses.fields(MemberDraft)]


@dataclasses.dataclass
class Snapshot:
    """Everything a demo wrote, read once."""

    orgs: list[PartyOrganization]
    members: list[Member]
    events: list[MemberEvent]
    seats: list[CommitteeMembership]
    rules: RuleBook

    @property
    def orgs_by_id(self) -> dict[int, PartyOrganization]:
        return {org.id: org for org in self.orgs}

    def subtree_cells(self, org: PartyOrganization) -> set[int]:
        return {o.id for o in self.orgs if o.path.startswith(org.path) and o.kind.is_cell}


def snapshot(database: Database) -> Snapshot:
    with database.reading() as session:
        return Snapshot(
            orgs=list(session.scalars(select(PartyOrganization).order_by(PartyOrganization.id))),
            members=list(session.scalars(select(Member).order_by(Member.id))),
            events=list(session.scalars(select(MemberEvent).order_by(MemberEvent.id))),
            seats=list(session.scalars(select(CommitteeMembership).order_by(CommitteeMembership.id))),
            rules=RuleBook.load(session),
        )


def row_counts(database: Database) -> tuple[int, int, int, int]:
    with database.reading() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model))
            for model in (PartyOrganization, Member, MemberEvent, CommitteeMembership)
        )


@pytest.fixture
def small(demo_database: Database) -> Snapshot:
    return snapshot(demo_database)


@pytest.fixture
def second_database(tmp_path: Path, migrated_template: Path) -> Iterator[Database]:
    path = tmp_path / "second.db"
    shutil.copyfile(migrated_template, path)
    opened = open_database(path)
    sign_in_as(opened)
    yield opened
    opened.close()


# -- shape -------------------------------------------------------------------------------------


def test_small_demo_has_the_announced_counts(small: Snapshot) -> None:
    kinds = collections.Counter(org.kind for org in small.orgs)
    assert kinds == SMALL_KINDS
    assert len(small.members) == SMALL_MEMBERS
    root = [org for org in small.orgs if org.parent_id is None]
    assert len(root) == 1 and root[0].code == "DBK" and root[0].level == 0
    children = [org for org in small.orgs if org.parent_id == root[0].id]
    assert len(children) == len(SMALL_SPEC.superior_bodies) + len(SMALL_SPEC.grassroots_bodies) == 3
    assert all(not child.kind.is_cell for child in children)


def test_summary_matches_what_was_written(database: Database) -> None:
    summary = create_demo(database, DemoScale.SMALL, today=TODAY)
    written = snapshot(database)
    assert isinstance(summary, DemoSummary)
    assert summary.organizations == len(written.orgs) == sum(SMALL_KINDS.values())
    assert summary.cells == sum(1 for org in written.orgs if org.kind.is_cell) == 20
    assert summary.members == len(written.members) == SMALL_MEMBERS
    assert summary.probationary == sum(
        1 for member in written.members if member.status is MemberStatus.PROBATIONARY
    )
    assert summary.seconds > 0


def test_tree_follows_the_allowed_kinds_paths_codes_and_positions(small: Snapshot) -> None:
    by_id = small.orgs_by_id
    siblings: dict[int | None, list[PartyOrganization]] = collections.defaultdict(list)
    for org in small.orgs:
        parent = by_id.get(org.parent_id) if org.parent_id else None
        assert org.kind in ALLOWED_CHILD_KINDS[parent.kind if parent else None]
        assert org.path == child_path(parent.path if parent else None, org.id)
        assert org.level == (parent.level + 1 if parent else 0)
        if parent:
            assert org.code.startswith(parent.code + ".")
            assert org.established_date >= parent.established_date
        assert org.established_date <= TODAY
        assert org.search_key == organization_search_key(org.code, org.name, org.short_name)
        assert org.version == 1
        assert unicodedata.is_normalized("NFC", org.name)
        siblings[org.parent_id].append(org)
    for group in siblings.values():
        assert sorted(org.position for org in group) == list(range(len(group)))
    assert len({org.code for org in small.orgs}) == len(small.orgs)
    assert any(org.is_overseas and org.country for org in small.orgs)


def test_members_belong_to_cells_that_respect_the_size_rules(small: Snapshot) -> None:
    by_id = small.orgs_by_id
    minimum = int(small.rules.value(RuleCode.CELL_MIN_FULL_MEMBERS, TODAY))
    per_cell = collections.Counter(member.cell_id for member in small.members)
    full_per_cell = collections.Counter(
        member.cell_id for member in small.members if member.status is MemberStatus.FULL
    )
    assert all(by_id[cell_id].kind.is_cell for cell_id in per_cell)
    for org in small.orgs:
        if org.kind.is_cell:
            assert full_per_cell[org.id] >= minimum, org.code
        if org.kind is OrgKind.GRASSROOTS_CELL:
            assert per_cell[org.id] < 30, org.code
        if org.kind is OrgKind.GRASSROOTS_COMMITTEE:
            assert sum(per_cell[cell] for cell in small.subtree_cells(org)) >= 30, org.code


# -- member records ----------------------------------------------------------------------------


def test_every_member_passes_the_record_rules(small: Snapshot) -> None:
    for member in small.members:
        draft = MemberDraft(**{name: getattr(member, name) for name in DRAFT_FIELDS})
        assert check_member(draft, small.rules, TODAY) == [], member.full_name


@pytest.mark.parametrize(
    "today", [dt.date(2028, 2, 29), dt.date(2031, 1, 31), dt.date(2024, 12, 31)]
)
def test_records_stay_valid_for_other_dates(database: Database, today: dt.date) -> None:
    create_demo(database, DemoScale.SMALL, today=today)
    written = snapshot(database)
    for member in written.members:
        draft = MemberDraft(**{name: getattr(member, name) for name in DRAFT_FIELDS})
        assert check_member(draft, written.rules, today) == [], member.full_name
    for seat in written.seats:
        assert seat.start_date <= today


def test_identifiers_are_unique_and_only_official_members_hold_cards(small: Snapshot) -> None:
    cards = [member.party_card_number for member in small.members if member.party_card_number]
    ids = [member.national_id for member in small.members]
    assert len(set(cards)) == len(cards)
    assert len(set(ids)) == len(ids) == len(small.members)
    for member in small.members:
        assert re.fullmatch(r"\d{12}", member.national_id or "")
        assert 1 <= int(member.national_id[:3]) <= 96
        if member.status is not MemberStatus.PROBATIONARY:  # official, or gone since (demo exits)
            assert member.party_card_number and re.fullmatch(r"\d{8}", member.party_card_number)
            assert member.official_date and member.party_card_issue_date
            assert member.party_card_issue_date >= member.official_date
        else:
            assert member.party_card_number is None and member.official_date is None
            assert add_year(member.admission_date) > TODAY  # admitted within the last year


def test_a_year_of_exits_follows_the_history(small: Snapshot, demo_database: Database) -> None:
    gone = [member for member in small.members if not member.status.is_active]
    assert gone, "the demo has deaths, removals, members who left or were expelled"
    from desktop.services.member_events import member_timeline

    for member in gone[:20]:
        last = member_timeline(demo_database, member.id)[-1]
        assert STATUS_AFTER[last.kind] is member.status
        assert TODAY - dt.timedelta(days=366) < last.effective_date <= TODAY


def add_year(day: dt.date) -> dt.date:
    return add_months(day, 12)


def test_dates_follow_the_admission_sequence(small: Snapshot) -> None:
    probation = int(small.rules.value(RuleCode.PROBATION_MONTHS, TODAY))
    for member in small.members:
        assert dt.date(1945, 1, 1) <= member.date_of_birth
        assert member.admission_decision_date is not None
        assert member.admission_decision_date <= member.admission_date
        assert (member.admission_date - member.admission_decision_date).days <= 60
        if member.youth_union_join_date:
            joined = member.youth_union_join_date
            assert member.date_of_birth < joined < member.admission_decision_date
        if member.official_date:
            assert member.official_date == add_months(member.admission_date, probation)


def test_derived_keys_are_those_of_the_writer(small: Snapshot) -> None:
    for member in small.members:
        assert member.search_key == member_search_key(
            member.full_name, member.party_card_number, member.national_id, member.birth_name,
            member.alias,
        )
        assert member.name_sort_key == name_sort_key(member.full_name)
        assert member.version == 1
        for text in (member.full_name, member.birth_place, member.home_town, member.work_unit):
            assert text and unicodedata.is_normalized("NFC", text)


def test_population_looks_like_a_party_committee(small: Snapshot) -> None:
    members = small.members
    male = sum(1 for member in members if member.gender is Gender.MALE) / len(members)
    kinh = sum(1 for member in members if member.ethnicity == "Kinh") / len(members)
    probationary = sum(1 for m in members if m.status is MemberStatus.PROBATIONARY) / len(members)
    assert 0.45 < male < 0.65
    assert 0.8 < kinh < 0.95
    assert 0.01 < probationary < 0.08
    assert any(member.dob_precision.name != "DAY" for member in members)


def test_search_index_finds_members_without_diacritics(demo_database: Database) -> None:
    with demo_database.reading() as session:
        everyone = list(session.scalars(select(Member)))
        target = everyone[len(everyone) // 2]
        terms = search_terms(target.full_name)
        found = session.scalars(
            select(Member.id).where(demo_database.adapter.search_condition(terms))
        ).all()
    assert target.id in found


def test_names_follow_vietnamese_frequencies_and_use_every_mark() -> None:
    rng = random.Random(7)
    names = [
        person_name(rng, Gender.MALE if i % 2 else Gender.FEMALE, 1950 + i % 55, "Kinh")
        for i in range(20000)
    ]
    families = collections.Counter(name.split()[0] for name in names)
    assert 0.34 < families["Nguyễn"] / len(names) < 0.42
    assert 0.09 < families["Trần"] / len(names) < 0.13
    assert 0.08 < families["Lê"] / len(names) < 0.11
    text = unicodedata.normalize("NFD", " ".join(names))
    for mark in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0306", "\u0302", "\u031b"):
        assert mark in text
    assert "Đ" in " ".join(names) and "đ" in " ".join(names).lower()
    assert all(unicodedata.is_normalized("NFC", name) for name in names[:500])


# -- history and committees --------------------------------------------------------------------


TRANSFER_EVENTS = {
    MemberEventKind.TRANSFER_INTERNAL, MemberEventKind.TRANSFER_OFFICIAL_OUT, MemberEventKind.TRANSFER_OFFICIAL_IN,
    MemberEventKind.TRANSFER_TEMPORARY_OUT, MemberEventKind.TRANSFER_TEMPORARY_IN,
}


def test_every_member_has_its_admission_and_recognition_events(small: Snapshot) -> None:
    events = collections.defaultdict(list)
    for event in small.events:
        events[event.member_id].append(event)
    for member in small.members:
        kinds = {event.kind: event for event in events[member.id]}
        admitted = kinds[MemberEventKind.ADMITTED]
        assert admitted.effective_date == member.admission_date
        assert admitted.decision_date == member.admission_decision_date
        assert admitted.decision_number and admitted.issuing_body
        if member.status is not MemberStatus.PROBATIONARY:
            recognised = kinds[MemberEventKind.RECOGNISED_FULL]
            assert recognised.effective_date == member.official_date
            assert member.official_date <= recognised.decision_date <= TODAY
        # Besides the transfers of the demo's last year (tests/services/test_demo_transfers.py) and
        # the badges of the longest-serving members (demo part badges), and the reprimands and
        # warnings of the inspection cases (demo part inspection).
        later = (set(kinds) - {MemberEventKind.ADMITTED, MemberEventKind.RECOGNISED_FULL} - TRANSFER_EVENTS
                 - {MemberEventKind.BADGE_AWARDED, MemberEventKind.REPRIMANDED, MemberEventKind.WARNED})
        if member.status is MemberStatus.PROBATIONARY:
            assert set(kinds) == {MemberEventKind.ADMITTED}
        elif member.status is MemberStatus.FULL:
            assert later <= {MemberEventKind.EXEMPTED}
            assert member.exempted_from_activities == (MemberEventKind.EXEMPTED in later)
        elif member.status is MemberStatus.TRANSFERRED_OUT:
            assert not later
        else:  # one exit, the one that led to the status
            assert [STATUS_AFTER[kind] for kind in later] == [member.status]


def test_every_organisation_has_one_secretary_from_its_own_officials(small: Snapshot) -> None:
    members = {member.id: member for member in small.members}
    by_org = collections.defaultdict(list)
    for seat in small.seats:
        by_org[seat.organization_id].append(seat)
    for org in small.orgs:
        seats = by_org[org.id]
        secretaries = [seat for seat in seats if seat.role is CommitteeRole.SECRETARY]
        assert len(secretaries) == 1, org.code
        assert len({seat.member_id for seat in seats}) == len(seats)  # one seat per person
        cells = small.subtree_cells(org)
        for seat in seats:
            holder = members[seat.member_id]
            assert holder.status is MemberStatus.FULL and holder.cell_id in cells
            assert holder.official_date and holder.official_date < seat.start_date <= TODAY
            assert seat.version == 1 and seat.end_date is None
        if org.kind.is_cell:
            full = sum(
                1 for m in small.members if m.cell_id == org.id and m.status is MemberStatus.FULL
            )
            assert len(seats) <= (7 if full >= 9 else 2)
            if full < 9:
                assert all(seat.role is not CommitteeRole.MEMBER for seat in seats)
        else:
            assert any(seat.role is CommitteeRole.DEPUTY_SECRETARY for seat in seats)
            assert any(seat.role is CommitteeRole.MEMBER for seat in seats)


def test_printed_documents_of_the_demo_have_a_place_an_issuer_and_a_signer(
    small: Snapshot, demo_database: Database
) -> None:
    root = next(org for org in small.orgs if org.parent_id is None)
    top = issuer_for(demo_database, root.id)
    assert (top.issuer_name, top.issuer_code, top.place_name, top.superior_name) == (
        "Đảng ủy Khối các cơ quan Trung ương", "ĐUK", "Hà Nội", None,
    )
    # Only the root sets them: every other organisation derives its issuer and inherits the place.
    assert all(org.place_name is None and org.issuer_code is None for org in small.orgs[1:])
    cell = next(org for org in small.orgs if org.kind is OrgKind.SUBORDINATE_CELL)
    printed = issuer_for(demo_database, cell.id)
    assert (printed.issuer_name, printed.issuer_code, printed.place_name) == (cell.name, "CB", "Hà Nội")
    assert printed.signer_name and printed.signing_body == "T/M CHI BỘ"


# -- behaviour ---------------------------------------------------------------------------------


def fingerprint(database: Database) -> list[tuple[object, ...]]:
    with database.reading() as session:
        rows = session.execute(
            select(Member.full_name, Member.date_of_birth, Member.party_card_number, Member.cell_id)
            .order_by(Member.id)
        )
        return [tuple(row) for row in rows]


def test_the_same_day_gives_the_same_demo(
    database: Database, second_database: Database, demo_database: Database
) -> None:
    create_demo(database, DemoScale.SMALL, today=TODAY)
    create_demo(second_database, DemoScale.SMALL, today=TODAY)
    first = fingerprint(database)
    assert first == fingerprint(second_database) == fingerprint(demo_database)
    assert len(first) == SMALL_MEMBERS


def test_another_day_gives_another_demo(database: Database, demo_database: Database) -> None:
    create_demo(database, DemoScale.SMALL, today=TODAY + dt.timedelta(days=1))
    assert fingerprint(database) != fingerprint(demo_database)


def test_a_database_with_data_is_refused_untouched(demo_database: Database) -> None:
    before = row_counts(demo_database)
    with pytest.raises(DemoNotEmpty):
        create_demo(demo_database, DemoScale.SMALL, today=TODAY)
    assert row_counts(demo_database) == before


def test_the_application_can_add_rows_after_the_demo(database: Database) -> None:
    """Ids were written explicitly: the next ids the database hands out must not collide."""
    create_demo(database, DemoScale.SMALL, today=TODAY)
    with database.transaction() as session:
        root = session.scalars(
            select(PartyOrganization).where(PartyOrganization.parent_id.is_(None))
        ).one()
        cell = PartyOrganization(
            code="DBK.99", name="Chi bộ Thử nghiệm", kind=OrgKind.GRASSROOTS_CELL,
            parent_id=root.id, path="/pending/", level=1, position=99,
        )
        session.add(cell)
        session.flush()
        cell.path = child_path(root.path, cell.id)
        member = Member(
            full_name="Nguyễn Thị Thử", gender=Gender.FEMALE, date_of_birth=dt.date(1990, 1, 1),
            admission_date=dt.date(2015, 1, 1), cell_id=cell.id,
        )
        session.add(member)
        session.flush()
        session.add(MemberEvent(member_id=member.id, kind=MemberEventKind.ADMITTED,
                                effective_date=member.admission_date))
        session.add(CommitteeMembership(organization_id=cell.id, member_id=member.id,
                                        role=CommitteeRole.SECRETARY, start_date=TODAY))
        session.flush()
        assert cell.id > sum(SMALL_KINDS.values()) and member.id > SMALL_MEMBERS


@pytest.mark.parametrize("after_calls", [1, 3])
def test_cancelling_leaves_nothing_behind(database: Database, after_calls: int) -> None:
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls >= after_calls

    with pytest.raises(DemoCancelled):
        create_demo(database, DemoScale.SMALL, today=TODAY, cancelled=cancelled)
    assert row_counts(database) == (0, 0, 0, 0)
    create_demo(database, DemoScale.SMALL, today=TODAY)  # and the database is still usable
    assert row_counts(database)[1] == SMALL_MEMBERS


def test_progress_rises_to_its_total(database: Database) -> None:
    reports: list[tuple[int, int]] = []
    create_demo(
        database, DemoScale.SMALL, today=TODAY, progress=lambda d, t: reports.append((d, t))
    )
    assert len(reports) >= 3
    totals = {total for _, total in reports}
    assert len(totals) == 1
    done = [d for d, _ in reports]
    assert done == sorted(done) and done[0] == 0 and done[-1] == totals.pop()


# -- the full scale, in memory -----------------------------------------------------------------


def test_full_tree_has_the_reference_counts() -> None:
    root = TreeBuilder(FULL_SPEC, TODAY, random.Random("full")).build()
    nodes = list(root.walk())
    kinds = collections.Counter(node.kind for node in nodes)
    assert len(root.children) == 61
    assert all(not child.kind.is_cell for child in root.children)
    assert kinds[OrgKind.GRASSROOTS_CELL] == 474
    assert kinds[OrgKind.SUBORDINATE_CELL] == 5055
    assert kinds[OrgKind.SECTION_COMMITTEE] == FULL_SPEC.section_committees
    assert sum(node.member_quota for node in nodes) == 78432
    assert len({node.code for node in nodes}) == len(nodes) == FULL_SPEC.organizations
    for node in nodes:
        parent_kind = node.parent.kind if node.parent else None
        assert node.kind in ALLOWED_CHILD_KINDS[parent_kind]
        if node.kind is OrgKind.GRASSROOTS_CELL:
            assert 7 <= node.member_quota < 30
        if node.kind is OrgKind.SUBORDINATE_CELL:
            assert node.member_quota >= 5
        if node.kind is OrgKind.GRASSROOTS_COMMITTEE:
            assert sum(cell.member_quota for cell in node.walk()) >= 30
        assert len(node.name) <= 200 and len(node.code) <= 40


def test_split_total_is_exact_and_respects_bounds() -> None:
    parts = split_total(100, [1.0, 2.0, 3.0, 0.5], minimum=[5, 0, 0, 10], caps=[50, 50, 30, 50])
    assert sum(parts) == 100
    assert parts[0] >= 5 and parts[3] >= 10 and parts[2] <= 30
    with pytest.raises(ValueError):
        split_total(10, [1.0, 1.0], minimum=6)

