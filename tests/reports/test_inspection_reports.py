"""The conclusion notice, the discipline decision and the statistics of inspection work, read
back from the PDFs; and nobody outside the inspection role printing any of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.db.database import Database
from desktop.models.discipline import DisciplineForm
from desktop.models.inspection import CaseKind, DecidingBodyKind
from desktop.models.letters import LetterKind
from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
from desktop.services.access import PermissionDenied
from desktop.services.inspection_decisions import record_decision
from desktop.services.inspection_detail import get_case
from desktop.services.letters import register_letter
from tests.builders import sign_in_as
from tests.inspection_builders import (
    TODAY,
    Office,
    build_office,
    concluded_case,
    decision_draft,
    letter_draft,
)
from tests.reports.pdf_text import page_texts


@pytest.fixture
def office(database: Database) -> Office:
    return build_office(database)


def _text(path: Path) -> str:
    return " ".join(" ".join(page_texts(path)).split())


def test_the_conclusion_notice_of_the_grassroots_ic(database: Database, office: Office, tmp_path: Path) -> None:
    case_id = concluded_case(database, office, deciding_body_kind=DecidingBodyKind.GRASSROOTS_IC,
                             deciding_body="Ủy ban Kiểm tra Đảng ủy")
    request = ReportRequest(ReportKind.INSPECTION_NOTICE, office.committee, TODAY, record_id=case_id)
    outcome = generate_report(database, request, tmp_path / "tb.pdf")
    text = _text(outcome.path)
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ỦY BAN KIỂM TRA", "Số 01-TB/UBKTĐU", "THÔNG BÁO",
                     "Kết luận kiểm tra khi có dấu hiệu vi phạm đối với đồng chí Lê Văn Đức (Chi bộ Vụ Tổng hợp)",
                     "ngày 04/05/2026", "Đồng chí Đức vi phạm quy định tài chính.",
                     "Vi phạm: Sử dụng kinh phí sai mục đích", "Có vi phạm đến mức phải xem xét, xử lý kỷ luật.",
                     "T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"):
        assert expected in text, expected


def test_the_discipline_decision_names_the_form_the_effect_and_the_appeal_deadline(
    database: Database, office: Office, tmp_path: Path
) -> None:
    case_id = concluded_case(database, office)
    subject = get_case(database, case_id, today=TODAY).subjects[0].id
    decision_id = record_decision(database, case_id, decision_draft(subject, form=DisciplineForm.WARNING),
                                  today=TODAY)
    request = ReportRequest(ReportKind.DISCIPLINE_DECISION, office.committee, TODAY, record_id=decision_id)
    text = _text(generate_report(database, request, tmp_path / "qd.pdf").path)
    for expected in ("Số 01-QĐ/CB", "QUYẾT ĐỊNH", "về việc thi hành kỷ luật đối với đồng chí Lê Văn Đức",
                     "Căn cứ Quy định số 296-QĐ/TW", "Thi hành kỷ luật bằng hình thức CẢNH CÁO đối với đồng chí "
                     "Lê Văn Đức, Chi bộ Vụ Tổng hợp.", "Lý do: Vi phạm quy định về quản lý tài chính",
                     "có hiệu lực kể từ ngày 12/05/2026", "đến hết ngày 23/06/2026 (30 ngày làm việc"):
        assert expected in text, expected


def test_the_statistics_count_cases_discipline_and_letters_of_the_period(
    database: Database, office: Office, tmp_path: Path
) -> None:
    case_id = concluded_case(database, office)
    concluded_case(database, office, kind=CaseKind.SUPERVISION_THEMATIC)
    subject = get_case(database, case_id, today=TODAY).subjects[0].id
    record_decision(database, case_id, decision_draft(subject), today=TODAY)
    register_letter(database, letter_draft(office), today=TODAY)
    register_letter(database, letter_draft(office, kind=LetterKind.PETITION, is_anonymous=True,
                                           sender_name=None, sender_address=None), today=TODAY)
    request = ReportRequest(ReportKind.INSPECTION_STATISTICS, office.committee, dt.date(2026, 10, 31),
                            period_start=dt.date(2026, 1, 1))
    text = _text(generate_report(database, request, tmp_path / "tk.pdf").path)
    assert "(Từ ngày 01/01/2026 đến ngày 31/10/2026)" in text
    assert "Kiểm tra khi có dấu hiệu vi phạm 1 1 1" in text
    assert "Giám sát chuyên đề 1 1 1" in text
    assert "Cộng 2 2 2" in text
    assert "Khiển trách 1 0" in text
    assert "Tố cáo 1 0 0 0 1" in text and "Kiến nghị, phản ánh 1 1 0 0 0" in text
    assert "Trần Văn Bình" not in text


@pytest.mark.parametrize("username", ["vanthu", "quantri"])
def test_nobody_else_prints_an_inspection_report(
    database: Database, office: Office, tmp_path: Path, username: str
) -> None:
    case_id = concluded_case(database, office)
    sign_in_as(database, username)
    for request in (ReportRequest(ReportKind.INSPECTION_NOTICE, office.committee, TODAY, record_id=case_id),
                    ReportRequest(ReportKind.INSPECTION_STATISTICS, office.committee, TODAY)):
        with pytest.raises(PermissionDenied):
            generate_report(database, request, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
