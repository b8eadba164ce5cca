"""Quyết định kết nạp: printed from a decided case with its number, grounds and articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.db.database import Database
from desktop.models.problems import ProblemCode
from desktop.reports.admission_decision import write_admission_decision
from desktop.services.errors import ValidationFailed
from tests.admission_builders import build_office, new_case, run_steps, step_drafts
from tests.reports.pdf_text import page_texts


def test_the_decision_prints_its_number_grounds_and_articles(database: Database, tmp_path: Path) -> None:
    office = build_office(database)
    record = run_steps(database, new_case(database, office), step_drafts(office))
    built = write_admission_decision(database, record.id, tmp_path / "qd.pdf")
    assert built.pages == 1
    text = " ".join(page_texts(built.path)[0].split())
    assert "Số 102-QĐ/ĐU" in text
    assert "QUYẾT ĐỊNH" in text
    assert "Về việc kết nạp đảng viên Nguyễn Thị Hoa" in text
    assert "nghị quyết của Chi bộ Vụ Tổng hợp số 05-NQ/CB ngày 01/04/2026" in text
    assert "Kết nạp quần chúng Nguyễn Thị Hoa (Nữ, sinh ngày 10/05/1998" in text
    assert "là 12 tháng, kể từ ngày chi bộ tổ chức lễ kết nạp" in text


def test_no_decision_is_printed_before_it_is_recorded(database: Database, tmp_path: Path) -> None:
    office = build_office(database)
    record = new_case(database, office)
    with pytest.raises(ValidationFailed) as error:
        write_admission_decision(database, record.id, tmp_path / "qd.pdf")
    assert error.value.problems[0].code is ProblemCode.ADMISSION_STEP_OUT_OF_ORDER
    assert not (tmp_path / "qd.pdf").exists()
