"""`party-office evaluation` and the evaluation reports of `party-office report`."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db.database import open_database
from desktop.models.evaluations import Rating
from desktop.models.member import Member
from desktop.services import clock
from tests.builders import ADMIN_PASSWORD, ADMIN_USERNAME, sign_in_as
from tests.evaluation_builders import TODAY, Campaign
from tests.reports.pdf_text import page_texts


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def proposed(database_path: Path) -> Campaign:
    database = open_database(database_path)
    try:
        sign_in_as(database)
        campaign = Campaign(database, members_a=10, members_b=0)
        campaign.open()
        campaign.propose(campaign.members_a[:8], Rating.GOOD, votes_for=8, votes_cast=10)
        campaign.propose(campaign.members_a[8:], Rating.EXCELLENT, votes_for=8, votes_cast=10)  # 2 > 8/5
        with database.transaction() as session:
            member = session.get(Member, campaign.members_a[0])
            assert member is not None
            member.party_card_number = "09876543"
        return campaign
    finally:
        database.close()


def test_progress_approve_and_reports(database_path: Path, proposed: Campaign, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    common = ["--db", str(database_path), "--user", ADMIN_USERNAME]
    assert main(["evaluation", "progress", "--org", "K.1", "--year", "2026", *common]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split("\t")[:7] == ["Chi bộ Kỹ thuật", "10", "0", "0", "10", "0", "0"]
    assert lines[-1].split("\t")[0] == "Tổng cộng"

    approve = ["evaluation", "approve", "--org", "K.1", "--year", "2026", "--decision", "12-QĐ/ĐU",
               "--date", "15/12/2026", *common]
    assert main(approve) == 1
    assert "tối đa 1" in capsys.readouterr().err  # the quota: 8 good allow one excellent

    assert main(["evaluation", "progress", "--org", "K.1", "--year", "2025", *common]) == 2
    assert "Không có đợt kiểm điểm năm 2025" in capsys.readouterr().err

    pdf = tmp_path / "kq.pdf"
    assert main(["report", "evaluation-results", "--org", "K.1", "--year", "2026", "--out", str(pdf), *common]) == 0
    assert "Tổng số đảng viên được đánh giá: 10, đã xếp loại 0" in " ".join(" ".join(page_texts(pdf)).split())
    form = tmp_path / "bkd.pdf"
    assert main(["report", "review-form", "--org", "K.1", "--member", "09876543", "--year", "2026",
                 "--out", str(form), *common]) == 0
    assert "Họ và tên: Trần Văn Kỹ thuật 00" in " ".join(" ".join(page_texts(form)).split())
    members = tmp_path / "ds.pdf"
    assert main(["report", "evaluation-members", "--org", "K.1.1", "--year", "2026", "--out", str(members), *common]) == 0
    assert "Chưa xếp loại" in page_texts(members)[0]
