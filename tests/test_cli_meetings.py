"""`party-office report minutes --meeting ID` and `party-office report meetings`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db.database import open_database
from desktop.models.enums import OrgKind
from desktop.models.meeting_rules import AgendaLine, AttendanceLine, MeetingDraft
from desktop.models.meetings import AttendanceStatus, MeetingKind
from desktop.services.meetings import finalise_meeting, save_meeting
from desktop.services.members import create_member
from tests.builders import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    add_first_administrator,
    add_org,
    member_draft,
)
from tests.reports.pdf_text import page_texts

AS_ADMIN = ["--user", ADMIN_USERNAME]
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(autouse=True)
def admin_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "office.db"
    database = open_database(path)
    add_first_administrator(database)
    cell = add_org(database, "CB", "Chi bộ Vụ Tổng hợp", OrgKind.GRASSROOTS_CELL)
    members = [create_member(database, member_draft(cell, full_name=name), today=TODAY).id
               for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")]
    saved = save_meeting(database, MeetingDraft(
        organization_id=cell, kind=MeetingKind.CELL_REGULAR, meeting_date=dt.date(2026, 11, 9),
        start_time=dt.time(14, 0), end_time=dt.time(16, 0), place="Phòng họp", chair_member_id=members[0],
        secretary_member_id=members[1], minutes_approved_for=3,
        attendance=tuple(AttendanceLine(m, AttendanceStatus.PRESENT) for m in members),
        agenda=(AgendaLine("Nhiệm vụ tháng 12"),)))
    finalise_meeting(database, saved.meeting_id, saved.version, today=TODAY)
    database.close()
    return path, saved.meeting_id


def test_report_minutes_of_a_meeting(office: tuple[Path, int], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path, meeting_id = office
    out = tmp_path / "bb.pdf"
    assert main(["report", "minutes", "--meeting", str(meeting_id), "--out", str(out), "--db", str(path),
                 *AS_ADMIN]) == 0
    assert capsys.readouterr().out == f"Đã ghi {out} (1 trang).\n"
    assert "Nhiệm vụ tháng 12" in " ".join(page_texts(out))
    assert main(["report", "minutes", "--meeting", "999", "--out", str(out), "--db", str(path), *AS_ADMIN]) == 2
    assert "Không có cuộc họp nào số 999." in capsys.readouterr().err


def test_report_meetings_of_a_period(office: tuple[Path, int], tmp_path: Path) -> None:
    path, _ = office
    out = tmp_path / "sh.pdf"
    assert main(["report", "meetings", "--org", "CB", "--from", "01/10/2026", "--to", "30/11/2026",
                 "--out", str(out), "--db", str(path), *AS_ADMIN]) == 0
    text = " ".join(" ".join(page_texts(out)).split())
    assert "Chi bộ Vụ Tổng hợp 10/2026" in text  # November met, October not
