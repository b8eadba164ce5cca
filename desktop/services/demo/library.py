"""Demo part: the document library (a few hundred generated documents of the last three years,
each with its text as a file, a few replaced or amended by later ones, a few marked MẬT) and
a year of study sessions: every cell studies the year's main resolutions and directives, with
make-up sessions for some of the absent.

Rows are Core inserts with pre-assigned ids; the search index is written by the service's
own writer (desktop.services.library_index), so the demo's documents are found as typed ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from desktop.models.enums import OrgKind
from desktop.models.library import (
    Confidentiality,
    DocumentKind,
    DocumentStatus,
    LibraryDocument,
    LibraryDocumentText,
    LibraryFile,
    StudyAttendance,
    StudyForm,
    StudySession,
)
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.models.text import fold
from desktop.services.demo.generator import DemoPart
from desktop.services.demo.library_text import GeneratedDocument, generate_documents
from desktop.services.demo.structure import DemoScale
from desktop.services.library_index import IndexedDocument, index_documents
from desktop.services.study import expected_member_condition

_OFFICE = "demo"
# (documents, pages per document, documents studied in the year) by scale.
_SIZES = {DemoScale.SMALL: (40, (1, 3), 2), DemoScale.FULL: (320, (2, 8), 6)}
_STUDIED_KINDS = (DocumentKind.RESOLUTION, DocumentKind.DIRECTIVE, DocumentKind.CONCLUSION, DocumentKind.REGULATION)
_PRESENTERS = ("Đồng chí Bí thư Chi bộ", "Đồng chí Phó Bí thư Chi bộ", "Báo cáo viên của Đảng ủy",
               "Đồng chí Đảng ủy viên phụ trách chi bộ")
_ABSENCE = ("Đi công tác", "Ốm", "Nghỉ phép", "Việc gia đình", None)
_INDEX_BATCH = 100
Insert = Callable[[type[Any], Iterable[dict[str, Any]]], None]


def write(part: DemoPart) -> None:
    rng = part.random("library")
    count, pages, studied = _SIZES[part.scale]
    documents = list(generate_documents(rng, count, part.today.year - 2, part.today, pages))
    first_id = part.next_id(LibraryDocument)
    write_documents(part.session.connection(), part.insert, documents, first_id, rng, part.today)
    part.tables_with_ids.append(LibraryDocument.__table__)
    chosen = _studied_documents(documents, first_id, part.today, studied)
    _write_sessions(part, rng, chosen)


def write_documents(connection: Connection, insert: Insert, documents: Sequence[GeneratedDocument], first_id: int,
                    rng: random.Random, today: dt.date) -> None:
    """The documents with ids from `first_id`, their text file and text, links and the index."""
    links = _links(documents, rng)
    added_at = dt.datetime.combine(today, dt.time(8, 0))
    for start in range(0, len(documents), _INDEX_BATCH):
        batch = list(enumerate(documents[start:start + _INDEX_BATCH], start=first_id + start))
        rows, files, texts = [], [], []
        for document_id, document in batch:
            index = document_id - first_id
            status, replaced_by, amended_by = links.get(index, (DocumentStatus.IN_FORCE, None, None))
            rows.append({
                "id": document_id, "kind": document.kind, "number": document.number,
                "number_key": fold(document.number), "issuer": document.issuer, "issuer_key": fold(document.issuer),
                "issue_date": document.issue_date, "abstract": document.abstract, "status": status,
                "replaced_by_id": None if replaced_by is None else first_id + replaced_by,
                "amended_by_id": None if amended_by is None else first_id + amended_by,
                "confidentiality": Confidentiality.CONFIDENTIAL if rng.random() < 0.03 else Confidentiality.NONE,
                "tags": None, "added_at": added_at, "added_by": _OFFICE, "version": 1})
            content = document.text.encode("utf-8")
            files.append({"document_id": document_id, "file_name": f"{document.number.replace('/', '_')}.txt",
                          "media_type": "text/plain", "size_bytes": len(content),
                          "sha256": hashlib.sha256(content).hexdigest(), "content": content,
                          "text_chars": len(document.text), "added_at": added_at, "added_by": _OFFICE})
            texts.append({"document_id": document_id, "text": document.text})
        # Links point forward (to later documents): inserted without them, set once all exist.
        insert(LibraryDocument, [{**row, "replaced_by_id": None, "amended_by_id": None} for row in rows])
        insert(LibraryFile, files)
        insert(LibraryDocumentText, texts)
        index_documents(connection, [IndexedDocument(document_id, document.number, document.abstract,
                                                     document.issuer, None, document.text)
                                     for document_id, document in batch], replace=False)
    _set_links(connection, links, first_id)


def _links(documents: Sequence[GeneratedDocument], rng: random.Random) -> dict[int, tuple[DocumentStatus, int | None,
                                                                                         int | None]]:
    """Some documents replaced (or amended) by a later one of the same kind and issuer."""
    later: dict[tuple[DocumentKind, str], list[int]] = defaultdict(list)
    for index in range(len(documents) - 1, -1, -1):
        document = documents[index]
        later[(document.kind, document.issuer)].append(index)
    links: dict[int, tuple[DocumentStatus, int | None, int | None]] = {}
    for index, document in enumerate(documents):
        successors = [i for i in later[(document.kind, document.issuer)]
                      if i > index and documents[i].issue_date > document.issue_date]
        if not successors or document.kind is DocumentKind.REPORT:
            continue
        roll = rng.random()
        if roll < 0.2:
            links[index] = (DocumentStatus.REPLACED, successors[-1], None)
        elif roll < 0.3:
            links[index] = (DocumentStatus.AMENDED, None, successors[-1])
    return links


def _set_links(connection: Connection, links: dict[int, tuple[DocumentStatus, int | None, int | None]],
               first_id: int) -> None:
    table = LibraryDocument.__table__
    for index, (_, replaced_by, amended_by) in links.items():
        connection.execute(table.update().where(table.c.id == first_id + index).values(
            replaced_by_id=None if replaced_by is None else first_id + replaced_by,
            amended_by_id=None if amended_by is None else first_id + amended_by))


def _studied_documents(documents: Sequence[GeneratedDocument], first_id: int, today: dt.date,
                       count: int) -> list[tuple[int, dt.date]]:
    """The year's main documents to study: resolutions, directives, conclusions, regulations of
    the central and superior bodies and the committee, issued a month or more before today."""
    since, until = today - dt.timedelta(days=365), today - dt.timedelta(days=30)
    chosen = [(first_id + index, document.issue_date) for index, document in enumerate(documents)
              if document.kind in _STUDIED_KINDS and since <= document.issue_date <= until
              and document.issuer in ("Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư",
                                      "Ban Thường vụ Đảng ủy Khối", "Đảng ủy")]
    step = max(1, len(chosen) // count) if chosen else 1
    return chosen[::step][:count]


def _write_sessions(part: DemoPart, rng: random.Random, chosen: Sequence[tuple[int, dt.date]]) -> None:
    cells = [cell_id for (cell_id,) in part.session.execute(
        select(PartyOrganization.id).where(PartyOrganization.kind.in_([k for k in OrgKind if k.is_cell]))
        .order_by(PartyOrganization.path))]
    members: dict[int, list[int]] = defaultdict(list)
    for member_id, cell_id in part.session.execute(
            select(Member.id, Member.cell_id).where(expected_member_condition()).order_by(Member.id)):
        members[cell_id].append(member_id)
    next_id = part.next_id(StudySession)
    sessions: list[dict[str, Any]] = []
    attendance: list[dict[str, Any]] = []
    for document_id, issued in chosen:
        for cell_id in cells:
            listed = members.get(cell_id)
            if not listed:
                continue
            day = min(part.today, issued + dt.timedelta(days=rng.randint(10, 60)))
            session_id = next_id
            next_id += 1
            sessions.append(_session(session_id, document_id, cell_id, day, rng, None))
            absent = [m for m in listed if rng.random() < 0.07]
            absent_set = set(absent)
            attendance.extend(_mark(session_id, document_id, member_id, member_id not in absent_set, rng)
                              for member_id in listed)
            makeup_day = day + dt.timedelta(days=rng.randint(7, 30))
            if absent and makeup_day <= part.today and rng.random() < 0.6:
                sessions.append(_session(next_id, document_id, cell_id, makeup_day, rng, session_id))
                attendance.extend(_mark(next_id, document_id, member_id, rng.random() < 0.8, rng)
                                  for member_id in absent)
                next_id += 1
    part.insert(StudySession, sessions)
    part.tables_with_ids.append(StudySession.__table__)
    part.insert(StudyAttendance, attendance)


def _session(session_id: int, document_id: int, cell_id: int, day: dt.date, rng: random.Random,
             makeup_of: int | None) -> dict[str, Any]:
    return {"id": session_id, "document_id": document_id, "organization_id": cell_id, "session_date": day,
            "form": StudyForm.ONLINE if rng.random() < 0.15 else StudyForm.IN_PERSON,
            "presenter": rng.choice(_PRESENTERS), "makeup_of_id": makeup_of, "notes": None, "version": 1}


def _mark(session_id: int, document_id: int, member_id: int, present: bool, rng: random.Random) -> dict[str, Any]:
    return {"session_id": session_id, "document_id": document_id, "member_id": member_id, "present": present,
            "absence_reason": None if present else rng.choice(_ABSENCE)}
