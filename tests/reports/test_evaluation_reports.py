"""The annual rating in print: results per organisation (totals equal the database), the members
by rating, the individual review form pre-filled; and the lists behind them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.evaluations import Evaluation, EvaluationState, EvaluationSubject, Rating
from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
from desktop.services.evaluation_list import (
    EvaluationQuery,
    count_evaluations,
    fetch_evaluation_rows,
    quota_scopes,
    quota_status,
    results_by_organization,
)
from desktop.services.evaluations import approve_as_proposed
from tests.evaluation_builders import DECIDED_ON, Campaign
from tests.reports.pdf_text import page_texts


@pytest.fixture
def decided(database: Database) -> Campaign:
    campaign = Campaign(database)
    campaign.open()
    campaign.propose(campaign.members_a[:20], Rating.GOOD)
    campaign.propose(campaign.members_a[20:24], Rating.EXCELLENT)
    campaign.propose(campaign.members_a[24:28], Rating.PASS)
    campaign.propose(campaign.members_a[28:], Rating.FAIL)
    campaign.propose(campaign.members_b[:3], Rating.GOOD, votes_for=4, votes_cast=6)
    approve_as_proposed(database, campaign.period, campaign.grassroots, "12-QĐ/ĐU", DECIDED_ON, today=DECIDED_ON)
    return campaign


def test_results_per_organisation_equal_the_database(decided: Campaign) -> None:
    rows, total = results_by_organization(decided.database, decided.period, decided.grassroots)
    assert [(row.name, row.members) for row in rows] == [
        ("Chi bộ Kỹ thuật", {Rating.GOOD: 20, Rating.EXCELLENT: 4, Rating.PASS: 4, Rating.FAIL: 2}),
        ("Chi bộ Kinh doanh", {Rating.GOOD: 3, None: 2}),
    ]
    with decided.database.reading() as session:
        counts = dict(session.execute(
            select(Evaluation.decided_rating, func.count()).where(
                Evaluation.period_id == decided.period, Evaluation.subject == EvaluationSubject.MEMBER)
            .group_by(Evaluation.decided_rating)).all())
    assert total.members == counts
    assert total.organizations == {None: 2}


def test_the_results_report_prints_counts_and_percentages(decided: Campaign, tmp_path: Path) -> None:
    out = tmp_path / "ket-qua.pdf"
    generate_report(decided.database, ReportRequest(ReportKind.EVALUATION_RESULTS, decided.grassroots, DECIDED_ON,
                                                    record_id=decided.period), out)
    text = " ".join(" ".join(page_texts(out)).split())
    assert "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN NĂM 2026" in text.upper()
    assert "Tổng số đảng viên được đánh giá: 35, đã xếp loại 33" in text
    # 23 good of 33 decided: 69,7 %; 4 excellent: 12,1 %.
    assert "Hoàn thành tốt nhiệm vụ: 23 (69,7%)" in text
    assert "Hoàn thành xuất sắc nhiệm vụ: 4 (12,1%)" in text
    assert "Chi bộ Kỹ thuật 30 4 13,3 20 66,7 4 13,3 2 6,7 0" in text
    assert "Tổng cộng 35 4 12,1 23 69,7 4 12,1 2 6,1 2" in text


def test_the_members_by_rating_list_groups_them(decided: Campaign, tmp_path: Path) -> None:
    out = tmp_path / "danh-sach.pdf"
    generate_report(decided.database, ReportRequest(ReportKind.EVALUATION_MEMBERS, decided.grassroots, DECIDED_ON,
                                                    record_id=decided.period), out)
    text = " ".join(" ".join(page_texts(out)).split())
    excellent = text.index("Hoàn thành xuất sắc nhiệm vụ")
    good = text.index("Hoàn thành tốt nhiệm vụ")
    assert excellent < good < text.index("Không hoàn thành nhiệm vụ") < text.index("Chưa xếp loại")
    assert "Trần Văn Kỹ thuật 20" in text[excellent:good]
    assert "Cộng: 23 đảng viên" in text and "Cộng: 2 đảng viên" in text
    assert "12-QĐ/ĐU" in text


def test_the_review_form_is_pre_filled(decided: Campaign, tmp_path: Path) -> None:
    evaluation = decided.evaluation(decided.members_a[20])
    out = tmp_path / "kiem-diem.pdf"
    generate_report(decided.database, ReportRequest(ReportKind.REVIEW_FORM, decided.cell_a, DECIDED_ON,
                                                    record_id=evaluation.id), out)
    text = " ".join(" ".join(page_texts(out)).split())
    assert "BẢN KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI CÁ NHÂN" in text
    assert "Mẫu 2B-HD KĐ.ĐG 2026" in text
    assert "Họ và tên: Trần Văn Kỹ thuật 20" in text
    assert "Sinh hoạt tại chi bộ: Chi bộ Kỹ thuật, Đảng bộ Công ty Điện lực" in text
    assert "VII. Tự đánh giá, xếp loại" in text
    assert "Chi bộ đề xuất xếp loại: Hoàn thành xuất sắc nhiệm vụ (20/25 phiếu tán thành)" in text
    assert "Xếp loại: Hoàn thành xuất sắc nhiệm vụ theo Quyết định số 12-QĐ/ĐU ngày 15/12/2026" in text


def test_the_cell_list_is_paged_and_the_quota_counts_the_screen(decided: Campaign) -> None:
    query = EvaluationQuery(decided.period, decided.cell_b)
    assert count_evaluations(decided.database, query) == 5
    first, second = (fetch_evaluation_rows(decided.database, query, 0, 3),
                     fetch_evaluation_rows(decided.database, query, 3, 3))
    assert len(first) == 3 and len(second) == 2
    assert [row.state for row in second] == [EvaluationState.PLANNED] * 2
    assert quota_scopes(decided.database, decided.period, decided.cell_a) == [
        (decided.grassroots, "Đảng bộ Công ty Điện lực")]
    status = quota_status(decided.database, decided.period, decided.grassroots)
    assert (status.excellent, status.good) == (4, 23)
    assert status.with_pending([]).left == 0
    assert status.with_pending([Rating.GOOD, Rating.GOOD]).limit == 5
    assert status.with_pending([Rating.EXCELLENT]).exceeded
