"""The demo's library: documents found by search, links forward in time, a year of study
sessions listing the cells' expected members, make-up sessions after the missed one."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from desktop.db.database import Database
from desktop.models.library import (
    DocumentStatus,
    LibraryDocument,
    LibraryDocumentText,
    LibraryFile,
    StudyAttendance,
    StudySession,
)
from desktop.models.member import Member
from desktop.services.library import IncomingFile, add_document
from desktop.services.library_search import LibraryQuery, search_library
from desktop.services.organizations import root_organizations
from desktop.services.study import expected_member_condition
from desktop.services.study_completion import study_completion
from tests.conftest import TODAY
from tests.library_builders import document_draft


def test_the_demo_library_is_searchable_and_consistent(demo_database: Database) -> None:
    with demo_database.reading() as session:
        documents = session.scalars(select(LibraryDocument)).all()
        texts = dict(session.execute(select(LibraryDocumentText.document_id, func.length(LibraryDocumentText.text))).all())
        files = session.scalar(select(func.count()).select_from(LibraryFile))
        by_id = {d.id: d for d in documents}
    assert len(documents) == 40 and files == 40 and all(texts[d.id] > 500 for d in documents)
    assert all(d.issue_date <= TODAY for d in documents)
    replaced = [d for d in documents if d.status is DocumentStatus.REPLACED]
    assert replaced, "some documents are replaced by later ones"
    for document in replaced:
        newer = by_id[document.replaced_by_id]  # type: ignore[index]
        assert newer.issue_date > document.issue_date and newer.kind is document.kind
    assert search_library(demo_database, LibraryQuery("quan triet")).total > 0
    number = documents[0].number
    assert number in [hit.number for hit in search_library(demo_database, LibraryQuery(number)).hits]


def test_the_demo_sessions_list_the_expected_members(demo_database: Database) -> None:
    with demo_database.reading() as session:
        sessions = session.scalars(select(StudySession)).all()
        original = aliased(StudySession)
        makeups = session.execute(select(StudySession.session_date, original.session_date, StudySession.document_id,
                                         original.document_id)
                                  .join(original, original.id == StudySession.makeup_of_id)).all()
        listed_elsewhere = session.scalar(
            select(func.count()).select_from(StudyAttendance)
            .join(StudySession, StudySession.id == StudyAttendance.session_id)
            .join(Member, Member.id == StudyAttendance.member_id)
            .where(Member.cell_id != StudySession.organization_id))
        inactive = session.scalar(select(func.count()).select_from(StudyAttendance)
                                  .join(Member, Member.id == StudyAttendance.member_id)
                                  .where(~expected_member_condition()))
        document_id = session.scalar(select(StudyAttendance.document_id).limit(1))
    assert len({s.document_id for s in sessions}) == 2 and all(s.session_date <= TODAY for s in sessions)
    assert makeups and all(made > missed and d1 == d2 for made, missed, d1, d2 in makeups)
    assert listed_elsewhere == 0 and inactive == 0
    summary = study_completion(demo_database, document_id, root_organizations(demo_database)[0].id)
    assert 0.8 * summary.expected < summary.studied < summary.expected


def test_a_document_added_after_the_demo_gets_new_ids(demo_database: Database) -> None:
    new_id = add_document(demo_database, document_draft(number="99-NQ/ĐUK"),
                          [IncomingFile("moi.txt", "Văn bản thêm sau bản demo.".encode())])
    assert search_library(demo_database, LibraryQuery("99-NQ/ĐUK")).hits[0].document_id == new_id
