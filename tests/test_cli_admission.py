"""`party-office admission list`."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.db.database import open_database
from desktop.models.admission import AdmissionCase
from desktop.models.admission_rules import OPEN_STATES
from tests.builders import ADMIN_PASSWORD, ADMIN_USERNAME


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_OFFICE_PASSWORD", ADMIN_PASSWORD)


def test_the_candidates_of_the_organisation_are_listed(
    demo_database_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_database(demo_database_path)
    with database.reading() as session:
        open_cases = session.scalar(select(func.count(AdmissionCase.id)).where(
            AdmissionCase.state.in_(sorted(OPEN_STATES, key=lambda state: state.value))))
    database.close()
    common = ["--db", str(demo_database_path), "--user", ADMIN_USERNAME]
    assert main(["admission", "list", "--org", "DBK", *common]) == 0
    said = capsys.readouterr()
    lines = said.out.splitlines()
    assert len(lines) == open_cases > 0
    assert all(len(line.split("\t")) == 5 for line in lines)
    assert said.err.strip() == f"{open_cases} hồ sơ phát triển đảng viên."
    assert main(["admission", "list", "--org", "KHÔNG-CÓ", *common]) == 2
    assert "Không có tổ chức đảng mã KHÔNG-CÓ" in capsys.readouterr().err
