"""`party-office inspection` and the inspection reports: an inspector lists and prints; a clerk
is refused on every command and gets no figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.db.database import open_database
from desktop.services.letters import register_letter
from tests.builders import ACCOUNT_PASSWORD, sign_in_as
from tests.inspection_builders import TODAY, build_office, concluded_case, letter_draft
from tests.reports.pdf_text import page_texts


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ACCOUNT_PASSWORD)


@pytest.fixture
def case_id(database_path: Path) -> int:
    database = open_database(database_path)
    try:
        sign_in_as(database)
        office = build_office(database)
        register_letter(database, letter_draft(office), today=TODAY)
        return concluded_case(database, office)
    finally:
        database.close()


def test_an_inspector_lists_cases_letters_the_dashboard_and_prints_the_notice(
    database_path: Path, case_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(database_path)
    assert main(["inspection", "cases", "--all", "--db", db, "--user", "ubkt"]) == 0
    out = capsys.readouterr().out
    assert "01/2026" in out and "Lê Văn Đức" in out and "Kiểm tra khi có dấu hiệu vi phạm" in out
    assert main(["inspection", "letters", "--db", db, "--user", "ubkt"]) == 0
    out = capsys.readouterr().out
    assert "001/2026" in out and "Tố cáo" in out and "Trần Văn Bình" not in out
    assert main(["inspection", "dashboard", "--db", db, "--user", "ubkt"]) == 0
    assert "Đơn thư chờ giải quyết: 1" in capsys.readouterr().out
    pdf = tmp_path / "tb.pdf"
    assert main(["report", "inspection-notice", "--org", "DU", "--record", str(case_id), "--out", str(pdf),
                 "--db", db, "--user", "ubkt"]) == 0
    assert "THÔNG BÁO" in " ".join(page_texts(pdf))
    assert main(["report", "inspection-notice", "--org", "DU", "--out", str(tmp_path / "no.pdf"),
                 "--db", db, "--user", "ubkt"]) == 2


def test_a_clerk_is_refused_on_every_inspection_command(
    database_path: Path, case_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(database_path)
    for command in (["inspection", "cases"], ["inspection", "letters", "--all"], ["inspection", "dashboard"],
                    ["report", "inspection-notice", "--org", "DU", "--record", str(case_id),
                     "--out", str(tmp_path / "a.pdf")],
                    ["report", "inspection-stats", "--org", "DU", "--out", str(tmp_path / "b.pdf")]):
        assert main([*command, "--db", db, "--user", "vanthu"]) == 2, command
        captured = capsys.readouterr()
        assert "Lê Văn Đức" not in captured.out and "Đơn thư" not in captured.out
    assert not list(tmp_path.glob("*.pdf"))
