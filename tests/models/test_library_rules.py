"""Library rules: number and symbol, required fields, links, files, study sessions."""

from __future__ import annotations

import datetime as dt

from desktop.models.library import DocumentKind, DocumentStatus, StudyForm
from desktop.models.library_rules import (
    AttendanceMark,
    DocumentContext,
    DocumentDraft,
    LinkedDocument,
    StudyContext,
    StudySessionDraft,
    check_document,
    check_file,
    check_study_session,
    completion_percent,
    format_party_number,
    parse_party_number,
)
from desktop.models.problems import ProblemCode

TODAY = dt.date(2026, 11, 21)


def draft(**changes: object) -> DocumentDraft:
    values: dict[str, object] = dict(kind=DocumentKind.RESOLUTION, number="05-NQ/ĐUK", issuer="Đảng ủy Khối",
                                     issue_date=dt.date(2026, 3, 2), abstract="về công tác cán bộ")
    values.update(changes)
    return DocumentDraft(**values)  # type: ignore[arg-type]


def codes(problems: list) -> list[ProblemCode]:
    return [problem.code for problem in problems]


def test_party_numbers_parse_and_format() -> None:
    parsed = parse_party_number("Số 05-NQ/ĐUK")
    assert parsed is not None and (parsed.sequence, parsed.symbol, parsed.issuer_code) == (5, "NQ", "ĐUK")
    assert parsed.kind is DocumentKind.RESOLUTION
    assert parse_party_number("127-QĐi/TW").kind is DocumentKind.REGULATION  # type: ignore[union-attr]
    assert parse_party_number("12/2020/NĐ-CP") is None  # a state decree: kept as written
    assert format_party_number(5, DocumentKind.RESOLUTION, "ĐUK") == "05-NQ/ĐUK"
    assert format_party_number(127, DocumentKind.DIRECTIVE, "TW") == "127-CT/TW"


def test_a_complete_document_passes() -> None:
    assert check_document(draft(), DocumentContext(TODAY)) == []
    assert check_document(draft(kind=DocumentKind.OTHER, number="12/2020/NĐ-CP"), DocumentContext(TODAY)) == []


def test_required_fields_and_dates() -> None:
    problems = check_document(draft(number="", issuer="", abstract="", issue_date=None), DocumentContext(TODAY))
    assert {(p.field, p.code) for p in problems} == {
        ("number", ProblemCode.REQUIRED), ("issuer", ProblemCode.REQUIRED),
        ("abstract", ProblemCode.REQUIRED), ("issue_date", ProblemCode.REQUIRED)}
    assert codes(check_document(draft(issue_date=dt.date(2026, 12, 1)), DocumentContext(TODAY))) == [
        ProblemCode.DATE_IN_FUTURE]


def test_the_symbol_in_the_number_must_match_the_kind() -> None:
    problems = check_document(draft(kind=DocumentKind.DIRECTIVE), DocumentContext(TODAY))
    assert codes(problems) == [ProblemCode.LIBRARY_NUMBER_KIND_MISMATCH]
    assert problems[0].params == {"symbol": "NQ", "kind": DocumentKind.DIRECTIVE}


def test_a_replaced_document_names_a_newer_replacement() -> None:
    assert codes(check_document(draft(status=DocumentStatus.REPLACED), DocumentContext(TODAY))) == [
        ProblemCode.LIBRARY_REPLACEMENT_REQUIRED]
    newer = LinkedDocument(9, "09-NQ/ĐUK", dt.date(2026, 6, 1))
    ok = draft(status=DocumentStatus.REPLACED, replaced_by_id=9)
    assert check_document(ok, DocumentContext(TODAY, document_id=3, replaced_by=newer)) == []
    older = LinkedDocument(2, "01-NQ/ĐUK", dt.date(2025, 1, 5))
    problems = check_document(draft(status=DocumentStatus.REPLACED, replaced_by_id=2),
                              DocumentContext(TODAY, document_id=3, replaced_by=older))
    assert codes(problems) == [ProblemCode.LIBRARY_LINK_OLDER]


def test_links_to_itself_or_in_a_circle_are_refused() -> None:
    itself = LinkedDocument(3, "05-NQ/ĐUK", dt.date(2026, 3, 2))
    assert codes(check_document(draft(status=DocumentStatus.REPLACED, replaced_by_id=3),
                                DocumentContext(TODAY, document_id=3, replaced_by=itself))) == [
        ProblemCode.LIBRARY_LINK_TO_ITSELF]
    replaced_one = LinkedDocument(1, "01-NQ/ĐUK", dt.date(2026, 5, 1))
    assert codes(check_document(draft(status=DocumentStatus.REPLACED, replaced_by_id=1),
                                DocumentContext(TODAY, document_id=3, replaced_by=replaced_one,
                                                replaces_ids=frozenset({1})))) == [ProblemCode.LIBRARY_LINK_CYCLE]
    assert codes(check_document(draft(replaced_by_id=7), DocumentContext(TODAY))) == [
        ProblemCode.LIBRARY_REPLACEMENT_NOT_REPLACED]


def test_files_kind_and_size() -> None:
    assert check_file("NQ 05.PDF", 1000, 10) == []
    assert codes(check_file("setup.exe", 1000, 10)) == [ProblemCode.LIBRARY_FILE_KIND]
    assert codes(check_file("bao-cao.doc", 1000, 10)) == [ProblemCode.LIBRARY_FILE_KIND]
    assert codes(check_file("trong.txt", 0, 10)) == [ProblemCode.LIBRARY_FILE_EMPTY]
    too_large = check_file("lon.docx", 10 * 1024 + 1, 10)
    assert codes(too_large) == [ProblemCode.LIBRARY_FILE_TOO_LARGE]
    assert too_large[0].params == {"max_kb": 10, "size_kb": 11}


def session(**changes: object) -> StudySessionDraft:
    values: dict[str, object] = dict(document_id=1, organization_id=5, session_date=dt.date(2026, 4, 10),
                                     form=StudyForm.IN_PERSON, presenter="Đồng chí Bí thư",
                                     attendance=(AttendanceMark(11, True), AttendanceMark(12, False, "ốm")))
    values.update(changes)
    return StudySessionDraft(**values)  # type: ignore[arg-type]


CONTEXT = StudyContext(TODAY, dt.date(2026, 3, 2), frozenset({11, 12}))


def test_a_study_session_after_the_document_with_its_members() -> None:
    assert check_study_session(session(), CONTEXT) == []
    assert codes(check_study_session(session(session_date=dt.date(2026, 3, 1)), CONTEXT)) == [
        ProblemCode.STUDY_BEFORE_ISSUE]
    assert codes(check_study_session(session(presenter="", attendance=()), CONTEXT)) == [
        ProblemCode.REQUIRED, ProblemCode.STUDY_NO_ATTENDANCE]
    problems = check_study_session(session(attendance=(AttendanceMark(11, True), AttendanceMark(11, True),
                                                       AttendanceMark(99, True))), CONTEXT)
    assert codes(problems) == [ProblemCode.STUDY_MEMBER_TWICE, ProblemCode.STUDY_MEMBER_OUTSIDE]


def test_a_makeup_session_follows_the_missed_one_of_the_same_document() -> None:
    makeup = StudyContext(TODAY, dt.date(2026, 3, 2), frozenset({12}), dt.date(2026, 4, 10), 1)
    ok = session(makeup_of_id=4, session_date=dt.date(2026, 4, 20), attendance=(AttendanceMark(12, True),))
    assert check_study_session(ok, makeup) == []
    same_day = session(makeup_of_id=4, attendance=(AttendanceMark(12, True),))
    assert codes(check_study_session(same_day, makeup)) == [ProblemCode.STUDY_MAKEUP_NOT_AFTER]
    other = StudyContext(TODAY, dt.date(2026, 3, 2), frozenset({12}), dt.date(2026, 4, 1), 2)
    assert codes(check_study_session(ok, other)) == [ProblemCode.STUDY_MAKEUP_OTHER_DOCUMENT]


def test_completion_percent_rounds_down() -> None:
    assert completion_percent(0, 0) == 100
    assert completion_percent(249, 250) == 99
    assert completion_percent(3, 4) == 75
