"""Search through the database: folding, word prefixes, identifiers, ranking, both adapters."""

import datetime as dt
import unicodedata

import pytest

from desktop.db.adapters import GenericAdapter
from desktop.db.database import Database
from desktop.models.enums import Gender, OrgKind
from desktop.services.members import (
    MemberListQuery,
    count_members,
    create_member,
    get_member,
    update_member,
)
from desktop.services.search import search_members
from tests.builders import add_org, member_draft

TODAY = dt.date(2026, 11, 21)
PEOPLE = [
    ("Nguyễn Văn An", Gender.MALE, "10000001", "001080000001"),
    ("Nguyễn Văn Anh", Gender.MALE, "10000002", None),
    ("Nguyễn Thị Ánh", Gender.FEMALE, "10000003", None),
    ("Đặng Thị Ửng", Gender.FEMALE, "10000004", "036180000004"),
    ("Dương Văn Đức", Gender.MALE, "10000005", None),
    ("Trần Thị Ơn", Gender.FEMALE, "10000006", None),
    ("Lê Văn Ẩn", Gender.MALE, "10.000.007", None),
    ("An Văn Nguyên", Gender.MALE, "10000008", None),
]


@pytest.fixture(params=["fts5", "portable"])
def people(request: pytest.FixtureRequest, database: Database) -> Database:
    if request.param == "portable":
        # The LIKE-based adapter used on PostgreSQL runs on SQLite too.
        database.adapter = GenericAdapter()
    cell = add_org(database, "CB", "Chi bộ Văn phòng", OrgKind.GRASSROOTS_CELL)
    for name, gender, card, national_id in PEOPLE:
        create_member(database, member_draft(cell, full_name=name, gender=gender, party_card_number=card,
                                             national_id=national_id), today=TODAY)
    return database


def names(database: Database, text: str) -> list[str]:
    return [hit.full_name for hit in search_members(database, text)]


@pytest.mark.parametrize(
    "query",
    ["nguyen van an", "Nguyen Van An", "nguyễn văn an", "NGUYỄN VĂN AN",
     unicodedata.normalize("NFD", "Nguyễn Văn An"), "ng v an", "  nguyen  van   an  "],
)
def test_every_spelling_finds_the_member_first(people: Database, query: str) -> None:
    found = names(people, query)
    assert found[0] == "Nguyễn Văn An"
    # 'an' also starts 'anh', and word order is free: both rank after the exact name.
    assert set(found) == {"Nguyễn Văn An", "Nguyễn Văn Anh", "An Văn Nguyên"}


def test_d_and_dj_are_the_same_letter(people: Database) -> None:
    assert names(people, "dang ung") == ["Đặng Thị Ửng"]
    assert names(people, "duc") == ["Dương Văn Đức"]
    assert set(names(people, "d")) == {"Đặng Thị Ửng", "Dương Văn Đức"}


def test_vowel_marks_are_ignored(people: Database) -> None:
    assert names(people, "on") == ["Trần Thị Ơn"]
    # In Vietnamese order of given names: An < Anh < Ẩn (a before â) < Nguyên.
    assert names(people, "van an") == ["Nguyễn Văn An", "Nguyễn Văn Anh", "Lê Văn Ẩn", "An Văn Nguyên"]


def test_word_order_does_not_matter_but_every_word_must_match(people: Database) -> None:
    assert names(people, "an nguyen")[0] in {"Nguyễn Văn An", "An Văn Nguyên"}
    assert names(people, "nguyen thi an") == ["Nguyễn Thị Ánh"]
    assert names(people, "nguyen xyz") == []


def test_by_card_number_and_citizen_id(people: Database) -> None:
    assert names(people, "10000004") == ["Đặng Thị Ửng"]
    assert names(people, "10.000.007") == ["Lê Văn Ẩn"]
    assert names(people, "10000007") == ["Lê Văn Ẩn"]
    assert names(people, "036180") == ["Đặng Thị Ửng"]
    assert names(people, "001080000001") == ["Nguyễn Văn An"]


def test_nothing_searchable_finds_nothing(people: Database) -> None:
    assert names(people, "") == []
    assert names(people, " ,.;") == []


def test_the_member_list_filters_by_the_same_search(people: Database) -> None:
    assert count_members(people, MemberListQuery(search_text="nguyen")) == 4
    assert count_members(people, MemberListQuery(search_text="thi")) == 3


def test_an_edited_name_is_found_under_the_new_name_only(people: Database) -> None:
    member_id = search_members(people, "dang ung")[0].id
    record = get_member(people, member_id)
    from dataclasses import replace

    update_member(people, member_id, record.version, replace(record.draft, full_name="Đặng Thị Ước"),
                  today=TODAY)
    assert names(people, "dang uoc") == ["Đặng Thị Ước"]
    assert names(people, "dang ung") == []
