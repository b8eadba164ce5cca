"""Báo cáo thống kê số lượng, chất lượng đảng viên (MEMBER_QUANTITY_QUALITY, §8), as at a date.

One row per direct child of the chosen organisation (each aggregating that child's whole
subtree) and a total row; the quality distributions (ethnicities, religions, occupations,
general education) cover the whole subtree. Nothing is printed here: the report layer turns the
result into a table.

Who counts and where is read from the history (desktop.services.register_as_of): members on
the register on the cut-off date, placed in the cell they belonged to on that date, official
when recognised by that date. Ages and party ages are whole years on the cut-off date; the band
limits and the party-age anchor come from the rule table in force on that date (§10.1).

Speed: one streaming query reads the candidate members (those in the subtree now, or who
changed cell after the date; everyone when the subtree is the whole register) with the columns
the table needs and the as-at tests, and the counting is done in Python on counters keyed by
small tuples, so memory does not grow with the register. The `full` demo (78,432 members)
takes about a second on a 2-core machine; see benchmarks/bench_statistics.py.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy import Select, String, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.enums import AcademicTitle, Gender, PoliticalTheory, ProfessionalDegree
from desktop.models.member import Member, MemberEvent
from desktop.models.organization import PartyOrganization
from desktop.models.permissions import Permission
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.text import fold
from desktop.services.access import require, require_organization_in_scope
from desktop.services.errors import OperationCancelled, RecordNotFound
from desktop.services.organizations import in_subtree
from desktop.services.register_as_of import (
    cell_on,
    exempted_on,
    is_cell_move,
    official_on,
    on_register,
)

ProgressCallback = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]

# Rows are read from the database in batches of this size; progress and cancellation are
# checked after each batch.
BATCH_SIZE = 2000

KINH = "Kinh"
NO_RELIGION = "Không"
NOT_RECORDED = "Chưa ghi"  # an occupation or general education left empty

DECISION_DATE = "DECISION_DATE"  # party age from admission_decision_date, else admission_date
CEREMONY_DATE = "CEREMONY_DATE"  # party age from admission_date (the ceremony)
PARTY_AGE_ANCHORS = (DECISION_DATE, CEREMONY_DATE)

DEGREE_COLUMNS = (
    ProfessionalDegree.ELEMENTARY,
    ProfessionalDegree.VOCATIONAL,
    ProfessionalDegree.COLLEGE,
    ProfessionalDegree.BACHELOR,
    ProfessionalDegree.MASTER,
    ProfessionalDegree.DOCTOR,
)
TITLE_COLUMNS = (AcademicTitle.ASSOCIATE_PROFESSOR, AcademicTitle.PROFESSOR)
# Cao cấp and cử nhân lý luận chính trị are one column of the report (§8).
THEORY_COLUMN = {
    PoliticalTheory.ELEMENTARY: "theory:ELEMENTARY",
    PoliticalTheory.INTERMEDIATE: "theory:INTERMEDIATE",
    PoliticalTheory.ADVANCED: "theory:ADVANCED_OR_BACHELOR",
    PoliticalTheory.BACHELOR: "theory:ADVANCED_OR_BACHELOR",
}


@dataclass(frozen=True)
class AgeBand:
    """A band of whole years, both limits included; None where the band is open."""

    key: str  # stable: "0-30", "31-40", …, "71+"; the column key is "age:" or "party_age:" + key
    label: str  # as printed: "Từ 31 đến 40 tuổi"
    lower: int | None
    upper: int | None

    def contains(self, years: int) -> bool:
        return (self.lower is None or years >= self.lower) and (self.upper is None or years <= self.upper)


@dataclass(frozen=True)
class StatisticsRow:
    organization_id: int | None  # None for the total row
    label: str  # organisation name; "" for the total (the report prints "Tổng cộng")
    counts: Mapping[str, int]  # column key -> count; every key of `column_keys` present


@dataclass(frozen=True)
class MemberStatistics:
    organization_id: int
    organization_name: str
    as_of: dt.date
    # One per direct child of the chosen organisation in display order, each over the child's
    # whole subtree; for a cell (or an organisation without children), one row for itself.
    rows: tuple[StatisticsRow, ...]
    total: StatisticsRow  # the whole subtree; equals the sum of the rows
    age_bands: tuple[AgeBand, ...]
    party_age_bands: tuple[AgeBand, ...]
    party_age_anchor: str  # DECISION_DATE or CEREMONY_DATE
    ethnicities: tuple[tuple[str, int], ...]  # Kinh first, then most numerous first
    religions: tuple[tuple[str, int], ...]  # other than "Không", most numerous first
    occupations: tuple[tuple[str, int], ...]  # most numerous first, "Chưa ghi" last
    general_education: tuple[tuple[str, int], ...]  # highest first, "Chưa ghi" last

    @property
    def column_keys(self) -> tuple[str, ...]:
        return column_keys(self.age_bands, self.party_age_bands)


def age_bands(upper_bounds: Sequence[int]) -> tuple[AgeBand, ...]:
    """[30, 40, …, 70] → ≤30, 31–40, …, 61–70, >70 (§8)."""
    bounds = _increasing(upper_bounds, "age bands")
    bands = [AgeBand(f"0-{bounds[0]}", f"Đến {bounds[0]} tuổi", None, bounds[0])]
    for low, high in zip(bounds, bounds[1:], strict=False):
        bands.append(AgeBand(f"{low + 1}-{high}", f"Từ {low + 1} đến {high} tuổi", low + 1, high))
    bands.append(AgeBand(f"{bounds[-1] + 1}+", f"Trên {bounds[-1]} tuổi", bounds[-1] + 1, None))
    return tuple(bands)


def party_age_bands(lower_bounds: Sequence[int]) -> tuple[AgeBand, ...]:
    """[10, 20, …, 50] → <10, 10–<20, …, 40–<50, ≥50 years of party age (§8)."""
    bounds = _increasing(lower_bounds, "party-age bands")
    bands = [AgeBand(f"0-{bounds[0] - 1}", f"Dưới {bounds[0]} năm", None, bounds[0] - 1)]
    for low, high in zip(bounds, bounds[1:], strict=False):
        bands.append(AgeBand(f"{low}-{high - 1}", f"Từ {low} đến dưới {high} năm", low, high - 1))
    bands.append(AgeBand(f"{bounds[-1]}+", f"Từ {bounds[-1]} năm trở lên", bounds[-1], None))
    return tuple(bands)


def column_keys(ages: Sequence[AgeBand], party_ages: Sequence[AgeBand]) -> tuple[str, ...]:
    """Every key of `StatisticsRow.counts`, in the order of the printed columns."""
    return (
        "total", "official", "probationary", "female", "ethnic_minority", "religious", "exempted",
        *(f"age:{band.key}" for band in ages),
        *(f"degree:{degree.name}" for degree in DEGREE_COLUMNS),
        *(f"title:{title.name}" for title in TITLE_COLUMNS),
        *dict.fromkeys(THEORY_COLUMN.values()),
        *(f"party_age:{band.key}" for band in party_ages),
    )


def member_statistics(
    database: Database,
    organization_id: int,
    as_of: dt.date,
    *,
    age_band_bounds: Sequence[int] | None = None,
    party_age_band_bounds: Sequence[int] | None = None,
    party_age_anchor: str | None = None,
    progress: ProgressCallback | None = None,
    is_cancelled: CancelCheck | None = None,
) -> MemberStatistics:
    """The quantity and quality table of the subtree of `organization_id` on `as_of`.

    Band limits and the party-age anchor default to the rule table on `as_of` (STAT_AGE_BANDS,
    STAT_PARTY_AGE_BANDS, PARTY_AGE_ANCHOR). `progress(done, total)` is called before reading
    and after every batch of BATCH_SIZE member records read: total is the number of records
    that will be read (counted first from an index; slightly more than the members counted,
    as it includes those who were not on the register on the date), the last call has
    done == total. `is_cancelled()` is checked at the same points and stops the work with
    OperationCancelled. RecordNotFound when the organisation does not exist.

    The total row is the sum of the rows; tests check both against independent counts.
    """
    actor = require(database, Permission.PRINT_REPORTS)
    with database.reading() as session:
        require_organization_in_scope(session, actor, organization_id)
        chosen = session.execute(
            select(PartyOrganization.id, PartyOrganization.name, PartyOrganization.path)
            .where(PartyOrganization.id == organization_id)
        ).first()
        if chosen is None:
            raise RecordNotFound(organization_id)
        _, chosen_name, chosen_path = chosen
        if age_band_bounds is None or party_age_band_bounds is None or party_age_anchor is None:
            rules = RuleBook.load(session)
            if age_band_bounds is None:
                age_band_bounds = rules.value(RuleCode.STAT_AGE_BANDS, as_of)
            if party_age_band_bounds is None:
                party_age_band_bounds = rules.value(RuleCode.STAT_PARTY_AGE_BANDS, as_of)
            if party_age_anchor is None:
                party_age_anchor = rules.value(RuleCode.PARTY_AGE_ANCHOR, as_of)
        if party_age_anchor not in PARTY_AGE_ANCHORS:
            raise ValueError(f"unknown party-age anchor {party_age_anchor!r}")
        ages = age_bands(age_band_bounds)
        party_ages = party_age_bands(party_age_band_bounds)

        # Children in display order (the order of child_organizations).
        children = session.execute(
            select(PartyOrganization.id, PartyOrganization.name, PartyOrganization.path)
            .where(PartyOrganization.parent_id == organization_id)
            .order_by(PartyOrganization.position, PartyOrganization.id)
        ).all()
        heads = [(row.id, row.name, row.path) for row in children] or [
            (organization_id, chosen_name, chosen_path)
        ]

        # The only top-level organisation: every member is in its subtree, no filter needed.
        roots = session.scalars(
            select(PartyOrganization.id).where(PartyOrganization.parent_id.is_(None)).limit(2)
        ).all()
        whole_register = roots == [organization_id]
        tally = _Tally(as_of, ages, party_ages, _row_of_cell(session, chosen_path, [path for *_, path in heads]))
        total = session.scalar(_candidates(select(func.count()).select_from(Member), as_of, chosen_path,
                                           whole_register)) or 0
        _check(is_cancelled)
        if progress is not None:
            progress(0, total)
        done = 0
        # Core rows (no ORM loading step): the only per-member cost is the counting below.
        result = session.connection().execute(
            _statement(as_of, chosen_path, whole_register, party_age_anchor)
            .execution_options(yield_per=BATCH_SIZE)
        )
        for batch in result.partitions():
            tally.add(batch)
            done += len(batch)
            _check(is_cancelled)
            if progress is not None:
                progress(min(done, total), total)
        if progress is not None and done != total:
            progress(total, total)  # a member added while reading: end the bar cleanly

    keys = column_keys(ages, party_ages)
    row_counts = tally.rows(keys)
    rows = [StatisticsRow(org_id, name, MappingProxyType(counts))
            for (org_id, name, _), counts in zip(heads, row_counts, strict=False)]
    own_counts = row_counts[len(heads)] if len(row_counts) > len(heads) else None
    if own_counts and own_counts["total"]:
        # Members placed in the chosen organisation itself although it has sub-organisations
        # (only cells hold members, so this means inconsistent data): shown, not lost.
        rows.append(StatisticsRow(organization_id, chosen_name, MappingProxyType(own_counts)))
    total_row = StatisticsRow(None, "", MappingProxyType(
        {key: sum(row.counts[key] for row in rows) for key in keys}
    ))
    return MemberStatistics(
        organization_id=organization_id,
        organization_name=chosen_name,
        as_of=as_of,
        rows=tuple(rows),
        total=total_row,
        age_bands=ages,
        party_age_bands=party_ages,
        party_age_anchor=party_age_anchor,
        ethnicities=_ethnicity_order(tally.ethnicities()),
        religions=_by_count(tally.religions()),
        occupations=_by_count(tally.occupations()),
        general_education=_education_order(tally.education()),
    )


# --- the query --------------------------------------------------------------------------------


def _row_of_cell(session: Session, chosen_path: str, head_paths: Sequence[str]) -> dict[int, int]:
    """Organisation id -> index of the row it is counted in, for the whole subtree (members
    placed in the chosen organisation itself, when it has sub-organisations, get the index
    after the last row). One entry per organisation, however many members there are."""
    head_index = {path: index for index, path in enumerate(head_paths)}
    own = len(head_paths)
    rows: dict[int, int] = {}
    result = session.execute(
        select(PartyOrganization.id, PartyOrganization.path)
        .where(in_subtree(chosen_path))
        .execution_options(yield_per=BATCH_SIZE)
    )
    for org_id, path in result:
        if path in head_index:
            rows[org_id] = head_index[path]
        elif path == chosen_path:
            rows[org_id] = own
        else:
            rows[org_id] = head_index[path[: path.index("/", len(chosen_path)) + 1]]
    return rows


def _moved_after(as_of: dt.date) -> Select[tuple[int]]:
    """Ids of members who changed cell after `as_of`: one index range, evaluated once."""
    return select(MemberEvent.member_id).where(is_cell_move(MemberEvent), MemberEvent.effective_date > as_of)


def _candidates(statement: Select[Any], as_of: dt.date, path: str, whole_register: bool) -> Select[Any]:
    """Members who may count: unless the subtree is everything, those in the subtree now or who
    changed cell after the date (a cheap superset; the exact tests are made on each of them)."""
    if whole_register:
        return statement
    subtree_ids = select(PartyOrganization.id).where(in_subtree(path))
    return statement.where(or_(Member.cell_id.in_(subtree_ids), Member.id.in_(_moved_after(as_of))))


def _statement(as_of: dt.date, path: str, whole_register: bool, anchor: str) -> Select[Any]:
    # cell_on() is a correlated subquery: only members who changed cell after the date need it.
    cell = case((Member.id.in_(_moved_after(as_of)), cell_on(as_of)), else_=Member.cell_id)
    party_age_from = (
        func.coalesce(Member.admission_decision_date, Member.admission_date)
        if anchor == DECISION_DATE
        else Member.admission_date
    )
    statement = select(
        on_register(as_of),
        cell,
        official_on(as_of),
        type_coerce(Member.gender, String),  # enum names as stored: no conversion per row
        Member.ethnicity,
        Member.religion,
        exempted_on(as_of),
        Member.date_of_birth,  # the 1st of the year/month when only those are known
        # Tuổi đảng (R-MEM-5) without interruptions: gaps in membership are not recorded yet.
        party_age_from,
        Member.occupation,
        Member.general_education,
        type_coerce(Member.professional_degree, String),
        type_coerce(Member.academic_title, String),
        type_coerce(Member.political_theory, String),
    )
    return _candidates(statement, as_of, path, whole_register)


def _check(is_cancelled: CancelCheck | None) -> None:
    if is_cancelled is not None and is_cancelled():
        raise OperationCancelled()


# --- counting ---------------------------------------------------------------------------------


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (29/02 → 28/02 in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _thresholds(as_of: dt.date, bands: Sequence[AgeBand]) -> list[dt.date]:
    """Dates d_i such that a date ≤ d_i is at least bands[i+1].lower whole years before `as_of`,
    oldest first: the band of a date is then len(bands) - 1 - bisect_left(thresholds, date).

    Whole years: someone born on 15/06/1990 is 35 on 15/06/2025 and still 34 on 14/06/2025
    (born on 29/02, a birthday in a common year is reached on 01/03).
    """
    return sorted(_years_before(as_of, band.lower or 0) for band in bands[1:])


class _Tally:
    """Counts members by signature (head row and the raw value of every column), in Python.

    The signatures repeat a lot (about a tenth as many as members on the full demo), so the
    per-member work is one tuple and two dictionary updates; the columns are worked out once
    per distinct signature at the end.
    """

    def __init__(self, as_of: dt.date, ages: Sequence[AgeBand], party_ages: Sequence[AgeBand],
                 row_of_cell: dict[int, int]) -> None:
        self._age_thresholds = _thresholds(as_of, ages)
        self._party_thresholds = _thresholds(as_of, party_ages)
        self._age_keys = [f"age:{band.key}" for band in ages]
        self._party_keys = [f"party_age:{band.key}" for band in party_ages]
        self._row_of_cell = row_of_cell
        self._rows = max(row_of_cell.values(), default=0) + 1
        # (row, official, gender, ethnicity, religion, exempted, age band, party-age band,
        #  degree, title, theory) -> members
        self.signatures: dict[tuple[Any, ...], int] = {}
        self._occupations: dict[str | None, int] = {}
        self._education: dict[str | None, int] = {}

    def add(self, batch: Sequence[Any]) -> None:
        row_of_cell = self._row_of_cell
        age_thresholds, party_thresholds = self._age_thresholds, self._party_thresholds
        last_age, last_party = len(age_thresholds), len(party_thresholds)
        signatures, occupations, education = self.signatures, self._occupations, self._education
        for (registered, cell, official, gender, ethnicity, religion, exempted, born, party_from,
             occupation, general_education, degree, title, theory) in batch:
            if not registered:
                continue
            row = row_of_cell.get(cell)
            if row is None:
                continue  # in a cell outside the subtree on that date
            signature = (
                row, bool(official), gender, ethnicity, religion, bool(exempted),
                last_age - bisect_left(age_thresholds, born),
                last_party - bisect_left(party_thresholds, party_from),
                degree, title, theory,
            )
            signatures[signature] = signatures.get(signature, 0) + 1
            occupations[occupation] = occupations.get(occupation, 0) + 1
            education[general_education] = education.get(general_education, 0) + 1

    def rows(self, keys: Sequence[str]) -> list[dict[str, int]]:
        """Counts of each row index of `row_of_cell`."""
        rows = [dict.fromkeys(keys, 0) for _ in range(self._rows)]
        degree_keys = {degree.value: f"degree:{degree.name}" for degree in DEGREE_COLUMNS}
        title_keys = {title.value: f"title:{title.name}" for title in TITLE_COLUMNS}
        theory_keys = {theory.value: key for theory, key in THEORY_COLUMN.items()}
        minority: dict[str | None, bool] = {}
        religious: dict[str | None, bool] = {}
        for (row, official, gender, ethnicity, religion, exempted, age, party_age, degree, title,
             theory), number in self.signatures.items():
            counts = rows[row]
            counts["total"] += number
            counts["official" if official else "probationary"] += number
            if gender == _FEMALE:
                counts["female"] += number
            if ethnicity not in minority:
                minority[ethnicity] = _is_minority(ethnicity)
            if minority[ethnicity]:
                counts["ethnic_minority"] += number
            if religion not in religious:
                religious[religion] = _is_religious(religion)
            if religious[religion]:
                counts["religious"] += number
            if exempted:
                counts["exempted"] += number
            counts[self._age_keys[age]] += number
            counts[self._party_keys[party_age]] += number
            if degree in degree_keys:
                counts[degree_keys[degree]] += number
            if title in title_keys:
                counts[title_keys[title]] += number
            if theory in theory_keys:
                counts[theory_keys[theory]] += number
        return rows

    def ethnicities(self) -> Counter[str]:
        counter: Counter[str] = Counter()
        for signature, number in self.signatures.items():
            counter[_recorded(signature[3])] += number
        return counter

    def religions(self) -> Counter[str]:
        counter: Counter[str] = Counter()
        for signature, number in self.signatures.items():
            if _is_religious(signature[4]):
                counter[_recorded(signature[4])] += number
        return counter

    def occupations(self) -> Counter[str]:
        return _merged(self._occupations)

    def education(self) -> Counter[str]:
        return _merged(self._education)


_FEMALE = Gender.FEMALE.value


def _recorded(value: str | None) -> str:
    """The value as listed: trimmed; empty or missing as "Chưa ghi"."""
    return (value or "").strip() or NOT_RECORDED


def _merged(raw: Mapping[str | None, int]) -> Counter[str]:
    counter: Counter[str] = Counter()
    for value, number in raw.items():
        counter[_recorded(value)] += number
    return counter


def _is_minority(ethnicity: str | None) -> bool:
    """Dân tộc thiểu số: any recorded ethnicity other than Kinh."""
    value = (ethnicity or "").strip().casefold()
    return value not in ("", KINH.casefold())


def _is_religious(religion: str | None) -> bool:
    """Có tôn giáo: any recorded religion other than "Không"."""
    value = (religion or "").strip().casefold()
    return value not in ("", NO_RELIGION.casefold())


# --- ordering of the distributions ------------------------------------------------------------


def _name_key(name: str) -> tuple[str, str]:
    return fold(name), name


def _by_count(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    """Most numerous first, then alphabetical; "Chưa ghi" last."""
    return tuple(sorted(counter.items(), key=lambda item: (item[0] == NOT_RECORDED, -item[1], _name_key(item[0]))))


def _ethnicity_order(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    """Kinh first, then most numerous first."""
    return tuple(sorted(
        counter.items(),
        key=lambda item: (item[0].casefold() != "kinh", item[0] == NOT_RECORDED, -item[1], _name_key(item[0])),
    ))


_GRADE = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*$")


def _education_order(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    """Highest first: by the share of the school system completed ("12/12" and "10/10" are
    both complete; the 12-year system first), then the grade; other texts after, "Chưa ghi" last.
    """
    def key(item: tuple[str, int]) -> tuple[Any, ...]:
        value = item[0]
        match = _GRADE.match(value)
        if match and int(match.group(2)) > 0:
            grade, of = int(match.group(1)), int(match.group(2))
            return (0, -grade / of, -of, -grade, "")
        return (2 if value == NOT_RECORDED else 1, 0, 0, 0, _name_key(value))

    return tuple(sorted(counter.items(), key=key))


def _increasing(bounds: Sequence[int], what: str) -> list[int]:
    values = [int(value) for value in bounds]
    if not values or any(value <= 0 for value in values) or values != sorted(set(values)):
        raise ValueError(f"{what}: {list(bounds)!r} must be increasing positive whole years")
    return values

