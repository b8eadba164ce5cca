"""Danh mục văn bản: the library's documents matching a search and filters, ranked as the
window ranks them (newest first without words), streamed page by page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from reportlab.platypus import Flowable, Paragraph

from desktop.db.database import Database
from desktop.models.dates import format_date
from desktop.models.library_titles import KIND_TITLES, MARK_TITLES, STATUS_TITLES
from desktop.reports.catalogue import ReportRequest
from desktop.reports.frame import BuiltDocument, DocumentInfo, build_document, document_styles
from desktop.reports.issuing import issued_parts
from desktop.reports.tables import Align, Column, RowKind, StreamedTable, TableRow
from desktop.services.errors import OperationCancelled
from desktop.services.library_search import LibraryQuery, query_from_options, search_library

_PAGE = 200


def filter_description(query: LibraryQuery) -> str:
    """'Từ khóa “…”; loại Nghị quyết; năm 2026' — what the list was asked for."""
    parts = []
    if query.text:
        parts.append(f"từ khóa “{query.text}”")
    if query.kind is not None:
        parts.append(f"loại {KIND_TITLES[query.kind]}")
    if query.issuer:
        parts.append(f"cơ quan ban hành {query.issuer}")
    if query.year is not None:
        parts.append(f"năm {query.year}")
    if query.status is not None:
        parts.append(f"trạng thái {STATUS_TITLES[query.status].lower()}")
    return "; ".join(parts)


def write_library_documents(database: Database, request: ReportRequest, out_path: Path, *, issue_date: dt.date,
                            progress=None, is_cancelled=None) -> BuiltDocument:  # type: ignore[no-untyped-def]
    query = query_from_options(dict(request.options))
    first = search_library(database, query, 0, _PAGE)
    parts = issued_parts(database, request.organization_id, issue_date, None)
    styles = document_styles(parts.style)
    width = styles.document.text_width
    columns = [Column("STT", width * 0.06, Align.CENTER), Column("Số, ký hiệu", width * 0.17),
               Column("Ngày ban hành", width * 0.15, Align.CENTER), Column("Loại, cơ quan ban hành", width * 0.19),
               Column("Trích yếu", width * 0.28), Column("Trạng thái", width * 0.15)]

    def rows() -> Iterator[TableRow]:
        results, offset, number = first, 0, 0
        if not results.hits:
            yield TableRow.spanning(RowKind.TOTAL, "Không có văn bản nào phù hợp.")
        while results.hits:
            for hit in results.hits:
                number += 1
                mark = MARK_TITLES[hit.confidentiality]
                yield TableRow.data(str(number), hit.number + (f" ({mark})" if mark else ""),
                                    format_date(hit.issue_date), f"{KIND_TITLES[hit.kind]} — {hit.issuer}",
                                    hit.abstract, STATUS_TITLES[hit.status])
            if progress is not None:
                progress(number, results.total)
            if is_cancelled is not None and is_cancelled():
                raise OperationCancelled()
            offset += _PAGE
            if offset >= results.total:
                break
            results = search_library(database, query, offset, _PAGE)

    described = filter_description(query)
    body: list[Flowable] = [Paragraph(f"Tổng số: {first.total} văn bản.", styles.body),
                            StreamedTable(styles, columns, rows())]
    info = DocumentInfo(kind_title="Danh mục văn bản", abstract=None,
                        abstract_note=f"({described})" if described else None, author=parts.issuer.issuer_name,
                        subject="Danh mục văn bản", keywords=("DM",))
    return build_document(Path(out_path), styles, parts.header, info, body, None)
