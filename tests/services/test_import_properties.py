"""Whatever the cells hold, the importer answers with problems or writes every row: it never
crashes and never writes part of a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.enums import OrgKind
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.services.tabular.member_import import import_members
from desktop.services.tabular.outcome import ExistingPolicy, ImportOptions
from desktop.texts import problem_message
from tests.builders import add_org
from tests.conftest import TODAY
from tests.spreadsheets import write_csv, write_xlsx

# Text openpyxl can store (XML 1.0 characters), with Vietnamese letters well represented.
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("ăâđêôơưạảấầẩẫậĐ "),
                max_size=40)
_PLAUSIBLE = st.sampled_from(["Nam", "Nữ", "nu", "12/03/1985", "1979", "03/2001", "01/05/2011", "Chi bộ Một",
                              "12345678", "001085012345", "", " ", "31/02/2005", "#REF!", "Chính thức", "Dự bị"])
_CELL = st.one_of(
    st.none(), _TEXT, _PLAUSIBLE, st.integers(-10**15, 10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)), st.booleans(),
)
_ROWS = st.lists(st.lists(_CELL, min_size=0, max_size=11), min_size=1, max_size=12)
_VALID = [[1, "Nguyễn Văn Một", "Nam", "12/03/1985", "01/05/2010", "01/05/2011", None, None, "Chi bộ Một"]]


def _count(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Member)) or 0)


def _check(database: Database, path: Path, existing: ExistingPolicy) -> None:
    before = _count(database)
    outcome = import_members(database, path, ImportOptions(existing=existing), today=TODAY)
    after = _count(database)
    for problem in outcome.problems:
        assert problem_message(problem.problem)  # every problem has its Vietnamese sentence
    if outcome.problems:
        assert not outcome.written and after == before  # nothing of a file with a problem
    else:
        assert outcome.written and after == before + outcome.created


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_ROWS, valid_first=st.booleans(), as_csv=st.booleans(), update=st.booleans())
def test_random_cells_never_crash_and_never_write_part_of_a_file(
    database: Database, tmp_path: Path, rows: list[list[object]], valid_first: bool, as_csv: bool,
    update: bool,
) -> None:
    with database.reading() as session:  # the database lives through every example
        made = session.scalar(select(PartyOrganization.id).where(PartyOrganization.code == "K.1"))
    if made is None:
        add_org(database, "K.1", "Chi bộ Một", OrgKind.GRASSROOTS_CELL)
    data = (_VALID if valid_first else []) + rows
    if as_csv:
        path = write_csv(tmp_path / "ngau-nhien.csv", [[_csv_text(value) for value in row] for row in data])
    else:
        path = write_xlsx(tmp_path / "ngau-nhien.xlsx", data)
    _check(database, path, ExistingPolicy.UPDATE if update else ExistingPolicy.SKIP)


def _csv_text(value: object) -> object:
    return value.replace("\x00", "") if isinstance(value, str) else value
