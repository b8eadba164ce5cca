"""A hand-built office for the admission tests: a cell with three official members and one
probationary member, and a candidate taken through the steps."""

from __future__ import annotations

import datetime as dt

from desktop.db.database import Database
from desktop.models.admission import AdmissionStep
from desktop.models.enums import Gender, OrgKind
from desktop.services.admission import CandidateDraft, CaseRecord, create_case
from desktop.services.admission_steps import StepDraft, record_step
from desktop.services.members import create_member
from tests.builders import add_org, member_draft

TODAY = dt.date(2026, 12, 2)


def build_office(database: Database) -> dict[str, int]:
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.SUPERIOR_COMMITTEE)
    a = add_org(database, "K.A", "Đảng bộ Bộ A", OrgKind.GRASSROOTS_COMMITTEE, root)
    cell = add_org(database, "K.A.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, a)
    other = add_org(database, "K.B", "Chi bộ Báo Nhân Dân", OrgKind.GRASSROOTS_CELL, root)
    ids = {"root": root, "a": a, "cell": cell, "other": other}
    for index, name in enumerate(("Trần Văn Ba", "Lê Thị Bốn", "Phạm Văn Năm"), start=1):
        ids[f"full{index}"] = create_member(
            database, member_draft(cell, full_name=name, party_card_number=f"1000000{index}"), today=TODAY).id
    ids["probationary"] = create_member(database, member_draft(
        cell, full_name="Đỗ Văn Sáu", admission_decision_date=dt.date(2026, 3, 1),
        admission_date=dt.date(2026, 3, 10), official_date=None), today=TODAY).id
    return ids


def candidate(cell_id: int, **changes: object) -> CandidateDraft:
    values: dict[str, object] = {
        "full_name": "Nguyễn Thị Hoa", "gender": Gender.FEMALE, "date_of_birth": dt.date(1998, 5, 10),
        "cell_id": cell_id, "listed_date": dt.date(2025, 9, 1), "national_id": "001198012345",
        "occupation": "Chuyên viên", "general_education": "12/12",
    }
    values.update(changes)
    return CandidateDraft(**values)  # type: ignore[arg-type]


def step_drafts(office: dict[str, int]) -> list[StepDraft]:
    """Every step up to the decision, valid, in order."""
    return [
        StepDraft(AdmissionStep.COURSE_PASSED, dt.date(2025, 10, 1), "GCN 123/2025",
                  "Trung tâm Chính trị quận Ba Đình"),
        StepDraft(AdmissionStep.APPLIED, dt.date(2025, 11, 3)),
        StepDraft(AdmissionStep.BACKGROUND_VERIFIED, dt.date(2026, 1, 5), "15-CV/ĐU", "Đảng ủy Bộ A"),
        StepDraft(AdmissionStep.INTRODUCED, dt.date(2026, 2, 2),
                  introducers=((office["full1"], 24), (office["full2"], 18))),
        StepDraft(AdmissionStep.OPINIONS_COLLECTED, dt.date(2026, 3, 2)),
        StepDraft(AdmissionStep.CELL_RESOLVED, dt.date(2026, 4, 1), "05-NQ/CB", "Chi bộ Vụ Tổng hợp",
                  votes_for=3),
        StepDraft(AdmissionStep.GRASSROOTS_RESOLVED, dt.date(2026, 5, 4), "21-NQ/ĐU", "Đảng ủy Bộ A",
                  votes_for=7, votes_total=9),
        StepDraft(AdmissionStep.DECIDED, dt.date(2026, 6, 1), "102-QĐ/ĐU", "Ban Thường vụ Đảng ủy Khối"),
    ]


def ceremony(office: dict[str, int], **changes: object) -> StepDraft:
    draft = StepDraft(AdmissionStep.CEREMONY_HELD, dt.date(2026, 6, 15), None, "Hội trường Bộ A",
                      mentor_id=office["full3"])
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


def run_steps(database: Database, record: CaseRecord, drafts: list[StepDraft]) -> CaseRecord:
    for draft in drafts:
        record = record_step(database, record.id, record.version, draft, today=TODAY)
    return record


def new_case(database: Database, office: dict[str, int], **changes: object) -> CaseRecord:
    return create_case(database, candidate(office["cell"], **changes), today=TODAY)
