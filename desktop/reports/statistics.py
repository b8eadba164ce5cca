"""Báo cáo thống kê số lượng, chất lượng đảng viên (§8 MEMBER_QUANTITY_QUALITY).

Tables by subordinate organisation (quantity, age, professional level, political theory,
party age), each with its total and the percentage of all members, then the distributions of
the whole subtree (ethnicity, religion, general education, occupation) with percentages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.numbers import number, percent
from desktop.reports.style import Styles
from desktop.reports.tables import Align, Column, RowKind, StreamedTable, TableRow
from desktop.services.member_statistics import (
    DEGREE_COLUMNS,
    THEORY_COLUMN,
    TITLE_COLUMNS,
    MemberStatistics,
    member_statistics,
)

_NUMBER_WIDTH_MM = 160 - 9 - 47  # what the figures share beside STT and the name
_DEGREE_TITLES = {
    "ELEMENTARY": "Sơ cấp", "VOCATIONAL": "Trung cấp", "COLLEGE": "Cao đẳng",
    "BACHELOR": "Đại học", "MASTER": "Thạc sĩ", "DOCTOR": "Tiến sĩ",
}
_ACADEMIC_TITLES = {"ASSOCIATE_PROFESSOR": "Phó Giáo sư", "PROFESSOR": "Giáo sư"}
_THEORY_TITLES = {
    "theory:ELEMENTARY": "Sơ cấp", "theory:INTERMEDIATE": "Trung cấp",
    "theory:ADVANCED_OR_BACHELOR": "Cao cấp, cử nhân",
}


def _by_organization_table(
    styles: Styles, statistics: MemberStatistics, keys: Sequence[str], titles: Sequence[str]
) -> Flowable:
    width = _NUMBER_WIDTH_MM / len(keys)
    columns = [Column("STT", 9 * mm, Align.CENTER), Column("Tổ chức đảng", 47 * mm)]
    columns += [Column(title, width * mm, Align.RIGHT) for title in titles]
    rows: list[TableRow] = []
    for index, row in enumerate(statistics.rows, start=1):
        rows.append(TableRow.data(str(index), row.label, *(number(row.counts[key]) for key in keys)))
    total = statistics.total
    rows.append(TableRow(RowKind.SUM, ("", "Tổng cộng", *(number(total.counts[key]) for key in keys))))
    rows.append(
        TableRow.data("", "Tỷ lệ so với tổng số đảng viên (%)",
                      *(percent(total.counts[key], total.counts["total"]) for key in keys),
                      italic=range(len(keys) + 2))
    )
    return StreamedTable(styles, columns, iter(rows))


def _distribution_rows(title: str, values: Sequence[tuple[str, int]], whole: int) -> list[TableRow]:
    rows = [TableRow.spanning(RowKind.GROUP, title)]
    if not values:
        rows.append(TableRow.data("Không có", "0", "0"))
    rows.extend(TableRow.data(label, number(count), percent(count, whole)) for label, count in values)
    return rows


def _distribution_table(styles: Styles, statistics: MemberStatistics) -> Flowable:
    whole = statistics.total.counts["total"]
    columns = [
        Column("Chỉ tiêu", 100 * mm), Column("Số lượng", 30 * mm, Align.RIGHT),
        Column("Tỷ lệ (%)", 30 * mm, Align.RIGHT),
    ]
    rows = (
        _distribution_rows("Dân tộc", statistics.ethnicities, whole)
        + _distribution_rows("Tôn giáo", statistics.religions, whole)
        + _distribution_rows("Giáo dục phổ thông", statistics.general_education, whole)
        + _distribution_rows("Nghề nghiệp", statistics.occupations, whole)
    )
    return StreamedTable(styles, columns, iter(rows))


def _heading(styles: Styles, text: str) -> list[Flowable]:
    # A heading keeps at least a few rows of its table on the same page.
    return [CondPageBreak(50 * mm), Paragraph(escape(text), styles.heading)]


def _summary(styles: Styles, statistics: MemberStatistics) -> Paragraph:
    total = statistics.total.counts
    text = (
        f"Tính đến ngày {format_date(statistics.as_of)}, {statistics.organization_name} có "
        f"{number(total['total'])} đảng viên, trong đó {number(total['official'])} đảng viên chính thức "
        f"và {number(total['probationary'])} đảng viên dự bị; {number(total['female'])} đảng viên nữ "
        f"({percent(total['female'], total['total'])}%), {number(total['ethnic_minority'])} đảng viên "
        f"người dân tộc thiểu số, {number(total['religious'])} đảng viên có tôn giáo."
    )
    return Paragraph(escape(text), styles.body)


def _body(styles: Styles, statistics: MemberStatistics) -> list[Flowable]:
    ages = statistics.age_bands
    party_ages = statistics.party_age_bands
    quantity = ("total", "official", "probationary", "female", "ethnic_minority", "religious", "exempted")
    quantity_titles = ("Tổng số", "Chính thức", "Dự bị", "Nữ", "Dân tộc thiểu số", "Có tôn giáo",
                       "Miễn sinh hoạt")
    degree_keys = [f"degree:{degree.name}" for degree in DEGREE_COLUMNS]
    degree_keys += [f"title:{title.name}" for title in TITLE_COLUMNS]
    degree_titles = [_DEGREE_TITLES[degree.name] for degree in DEGREE_COLUMNS]
    degree_titles += [_ACADEMIC_TITLES[title.name] for title in TITLE_COLUMNS]
    theory_keys = list(dict.fromkeys(THEORY_COLUMN.values()))
    sections: list[tuple[str, Sequence[str], Sequence[str]]] = [
        ("1. Số lượng đảng viên", quantity, quantity_titles),
        ("2. Độ tuổi", [f"age:{band.key}" for band in ages], [band.label for band in ages]),
        ("3. Trình độ chuyên môn nghiệp vụ và học hàm", degree_keys, degree_titles),
        ("4. Trình độ lý luận chính trị", theory_keys, [_THEORY_TITLES[key] for key in theory_keys]),
        ("5. Tuổi đảng", [f"party_age:{band.key}" for band in party_ages],
         [band.label for band in party_ages]),
    ]
    body: list[Flowable] = [_summary(styles, statistics)]
    for title, keys, titles in sections:
        body += _heading(styles, title)
        body.append(_by_organization_table(styles, statistics, keys, titles))
    body += _heading(styles, "6. Dân tộc, tôn giáo, giáo dục phổ thông, nghề nghiệp")
    body.append(_distribution_table(styles, statistics))
    return body


def write_statistics(
    database: Database,
    request: ReportRequest,
    out_path: Path,
    *,
    issue_date: dt.date,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> BuiltDocument:
    organization_id, as_of = request.organization_id, request.as_of
    statistics = member_statistics(
        database, organization_id, as_of, progress=progress, is_cancelled=is_cancelled
    )
    _check_totals(statistics)
    parts = issued_parts(database, organization_id, issue_date, kind_code="BC")
    styles = document_styles(parts.style)
    info = DocumentInfo(
        kind_title="Báo cáo",
        abstract="thống kê số lượng, chất lượng đảng viên",
        abstract_note=f"(Số liệu tính đến ngày {format_date(as_of)})",
        author=parts.issuer.issuer_name,
        subject=f"Thống kê số lượng, chất lượng đảng viên {statistics.organization_name}",
    )
    return build_document(out_path, styles, parts.header, info, _body(styles, statistics), parts.closing)


def _check_totals(statistics: MemberStatistics) -> None:
    """§8: totals must equal the sum of the rows; a report that breaks it is not printed."""
    for key, value in statistics.total.counts.items():
        if sum(row.counts[key] for row in statistics.rows) != value:
            raise AssertionError(f"statistics total of {key} differs from the sum of its rows")
