"""Library documents for tests: a draft with sensible fields, added with real files."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from desktop.db.database import Database
from desktop.models.library import DocumentKind
from desktop.models.library_rules import DocumentDraft
from desktop.services.library import IncomingFile, add_document


def document_draft(**changes: object) -> DocumentDraft:
    base = DocumentDraft(kind=DocumentKind.RESOLUTION, number="05-NQ/ĐUK", issuer="Đảng ủy Khối",
                         issue_date=dt.date(2026, 3, 2), abstract="về công tác cán bộ năm 2026")
    return replace(base, **changes)  # type: ignore[arg-type]


def add_text_document(database: Database, text: str, **changes: object) -> int:
    number = str(changes.get("number", "05-NQ/ĐUK"))
    return add_document(database, document_draft(**changes),
                        [IncomingFile(f"{number.replace('/', '_')}.txt", text.encode("utf-8"))])
