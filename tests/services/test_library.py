"""The document library: adding documents with real files, duplicates, search folding and
ranking, filters, snippets, replacement links and secret files."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.library import (
    Confidentiality,
    DocumentKind,
    DocumentStatus,
    LibraryPosting,
)
from desktop.models.problems import ProblemCode
from desktop.services.errors import ValidationFailed
from desktop.services.library import (
    IncomingFile,
    add_document,
    add_file,
    document_details,
    file_content,
    mark_replaced,
    remove_file,
    update_document,
)
from desktop.services.library_search import (
    LibraryQuery,
    library_issuers,
    library_years,
    search_library,
)
from desktop.texts import problem_message
from tests.library_builders import add_text_document, document_draft
from tests.library_files import docx_bytes, pdf_bytes


def shown(parts) -> str:  # type: ignore[no-untyped-def]
    return "".join(part.text for part in parts)


def marked(parts) -> list[str]:  # type: ignore[no-untyped-def]
    return [part.text for part in parts if part.matched]


def test_a_document_with_pdf_and_docx_is_found_without_diacritics(database: Database) -> None:
    pdf = pdf_bytes([["Phần mở đầu của nghị quyết."],
                     ["Các chi bộ tổ chức quán triệt sâu rộng đến toàn thể đảng viên trong tháng Tư."]])
    docx = docx_bytes(["Phụ lục: kế hoạch học tập chuyên đề về phòng chống tham nhũng."])
    document_id = add_document(database, document_draft(tags="cán bộ; đại hội, cán bộ"),
                               [IncomingFile("NQ 05.pdf", pdf), IncomingFile("Phụ lục.docx", docx)])
    details = document_details(database, document_id)
    assert [f.file_name for f in details.files] == ["NQ 05.pdf", "Phụ lục.docx"]
    assert details.draft.tags == "cán bộ, đại hội"
    assert details.files[0].text_chars > 50

    results = search_library(database, LibraryQuery("QUAN TRIET dang vien"))
    assert results.total == 1
    hit = results.hits[0]
    assert hit.document_id == document_id
    assert marked(hit.snippet) == ["quán", "triệt", "đảng", "viên"]
    assert "quán triệt sâu rộng đến toàn thể đảng viên" in shown(hit.snippet)
    assert marked(search_library(database, LibraryQuery("tham nhung")).hits[0].snippet) == ["tham", "nhũng"]
    assert file_content(database, details.files[1].id) == ("Phụ lục.docx", docx)


def test_the_number_and_symbol_finds_its_document_first(database: Database) -> None:
    wanted = add_text_document(database, "Nội dung nghị quyết.", number="05-NQ/ĐUK")
    add_text_document(database, "Văn bản này nhắc tới nghị quyết 05 của Đảng ủy khối nhiều lần. " * 3,
                      number="12-CT/ĐUK", kind=DocumentKind.DIRECTIVE, abstract="về kỷ luật")
    hits = search_library(database, LibraryQuery("05-NQ/DUK")).hits
    assert hits[0].document_id == wanted
    assert marked(hits[0].number_parts) == ["05", "NQ", "ĐUK"]


def test_words_in_the_abstract_rank_above_words_in_the_text(database: Database) -> None:
    in_text = add_text_document(database, "Báo cáo có đoạn nói về chuyển đổi số trong cơ quan.",
                                number="01-BC/ĐU", kind=DocumentKind.REPORT, abstract="tổng kết năm")
    in_abstract = add_text_document(database, "Nội dung chung.", number="02-KH/ĐU", kind=DocumentKind.PLAN,
                                    abstract="Kế hoạch chuyển đổi số")
    results = search_library(database, LibraryQuery("chuyen doi so"))
    assert [hit.document_id for hit in results.hits] == [in_abstract, in_text]
    assert results.hits[0].score > results.hits[1].score
    assert marked(results.hits[0].abstract_parts) == ["chuyển", "đổi", "số"]


def test_every_word_must_match_and_a_word_start_matches_its_words(database: Database) -> None:
    add_text_document(database, "Tăng cường công tác kiểm tra, giám sát.")
    assert search_library(database, LibraryQuery("giam sat")).total == 1
    assert search_library(database, LibraryQuery("giam khong-co-tu-nay")).total == 0
    assert search_library(database, LibraryQuery("giá")).total == 1  # "giá" → "gia" → "giam"
    assert search_library(database, LibraryQuery("xyzw")).total == 0


def test_filters_by_kind_issuer_year_and_status(database: Database) -> None:
    a = add_text_document(database, "Học tập nghị quyết.", number="01-NQ/ĐUK", issue_date=dt.date(2025, 5, 1))
    b = add_text_document(database, "Học tập chỉ thị.", number="02-CT/TW", kind=DocumentKind.DIRECTIVE,
                          issuer="Ban Chấp hành Trung ương", issue_date=dt.date(2026, 1, 5))
    def ids(**filters: object) -> set[int]:
        return {hit.document_id for hit in search_library(database, LibraryQuery("hoc tap", **filters)).hits}  # type: ignore[arg-type]
    assert ids() == {a, b}
    assert ids(kind=DocumentKind.DIRECTIVE) == {b}
    assert ids(issuer="ban chap hanh trung uong") == {b}
    assert ids(year=2025) == {a}
    mark_replaced(database, a, b)
    assert ids(status=DocumentStatus.REPLACED) == {a}
    assert library_issuers(database) == ["Ban Chấp hành Trung ương", "Đảng ủy Khối"]
    assert library_years(database) == [2026, 2025]
    listed = search_library(database, LibraryQuery("", year=2026))
    assert (listed.total, [hit.document_id for hit in listed.hits]) == (1, [b])


def test_the_same_file_is_refused_with_a_clear_message(database: Database) -> None:
    content = pdf_bytes([["Quy định về chế độ học tập lý luận chính trị."]])
    add_document(database, document_draft(), [IncomingFile("quy-dinh.pdf", content)])
    with pytest.raises(ValidationFailed) as refused:
        add_document(database, document_draft(number="06-NQ/ĐUK"), [IncomingFile("ban sao.pdf", content)])
    (problem,) = refused.value.problems
    assert problem.code is ProblemCode.LIBRARY_FILE_DUPLICATE
    assert problem_message(problem) == "Tệp “ban sao.pdf” đã có trong thư viện (văn bản số 05-NQ/ĐUK): không lưu trùng."
    assert search_library(database, LibraryQuery("", )).total == 1  # nothing of the second was written


def test_bad_files_and_fields_are_reported_together(database: Database) -> None:
    with pytest.raises(ValidationFailed) as refused:
        add_document(database, document_draft(abstract="", kind=DocumentKind.DIRECTIVE),
                     [IncomingFile("chay.exe", b"MZ"), IncomingFile("hong.pdf", b"%PDF-1.4 broken")])
    assert [p.code for p in refused.value.problems] == [
        ProblemCode.REQUIRED, ProblemCode.LIBRARY_NUMBER_KIND_MISMATCH, ProblemCode.LIBRARY_FILE_KIND,
        ProblemCode.LIBRARY_FILE_UNREADABLE]
    assert all(problem_message(p) for p in refused.value.problems)


def test_replaced_by_links_both_ways_and_refuses_an_older_replacement(database: Database) -> None:
    old = add_text_document(database, "Văn bản cũ.", number="01-QĐi/ĐUK", kind=DocumentKind.REGULATION,
                            issue_date=dt.date(2020, 3, 1))
    new = add_text_document(database, "Văn bản mới.", number="09-QĐi/ĐUK", kind=DocumentKind.REGULATION,
                            issue_date=dt.date(2026, 3, 1))
    with pytest.raises(ValidationFailed) as refused:
        mark_replaced(database, new, old)
    assert [p.code for p in refused.value.problems] == [ProblemCode.LIBRARY_LINK_OLDER]
    mark_replaced(database, old, new)
    old_details, new_details = document_details(database, old), document_details(database, new)
    assert old_details.draft.status is DocumentStatus.REPLACED
    assert old_details.replaced_by is not None and old_details.replaced_by.number == "09-QĐi/ĐUK"
    assert [link.id for link in new_details.replaces] == [old]
    # The newer one cannot in turn be replaced by the one it replaced.
    draft = new_details.draft
    with pytest.raises(ValidationFailed) as cycle:
        update_document(database, new, new_details.version,
                        replace(draft, status=DocumentStatus.REPLACED, replaced_by_id=old))
    assert ProblemCode.LIBRARY_LINK_CYCLE in [p.code for p in cycle.value.problems]


def test_editing_the_abstract_and_files_keeps_the_index_in_step(database: Database) -> None:
    document_id = add_text_document(database, "Nội dung ban đầu về an ninh mạng.")
    details = document_details(database, document_id)
    update_document(database, document_id, details.version, replace(details.draft, abstract="về văn hóa công sở"))
    assert search_library(database, LibraryQuery("van hoa cong so")).total == 1
    assert search_library(database, LibraryQuery("can bo")).total == 0
    file_id = add_file(database, document_id, IncomingFile("bo-sung.txt", "Phần bổ sung về thi đua khen thưởng.".encode()))
    assert search_library(database, LibraryQuery("khen thuong")).total == 1
    remove_file(database, file_id)
    assert search_library(database, LibraryQuery("khen thuong")).total == 0
    assert search_library(database, LibraryQuery("an ninh mang")).total == 1
    with database.reading() as session:
        count = session.scalar(select(func.count()).select_from(LibraryPosting)
                               .where(LibraryPosting.document_id == document_id))
    assert count == len({"noi", "dung", "ban", "dau", "ve", "an", "ninh", "mang", "van", "hoa", "cong", "so",
                         "05", "nq", "duk", "dang", "uy", "khoi"})


def test_a_secret_document_file_does_not_leave_the_application(database: Database) -> None:
    document_id = add_text_document(database, "Nội dung mật.", confidentiality=Confidentiality.CONFIDENTIAL)
    (file_row,) = document_details(database, document_id).files
    assert file_content(database, file_row.id)[1] == "Nội dung mật.".encode()
    with pytest.raises(ValidationFailed) as refused:
        file_content(database, file_row.id, to_open_outside=True)
    assert [p.code for p in refused.value.problems] == [ProblemCode.LIBRARY_FILE_SECRET]
