"""A small office for inspection tests: a grassroots committee with two cells, a member, an
inspector of the committee (signed in), a clerk, and helpers to open and decide cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.db.database import Database
from desktop.models.accounts import Role
from desktop.models.discipline import DisciplineForm
from desktop.models.enums import OrgKind
from desktop.models.inspection import CaseKind, DecidingBodyKind, Seriousness
from desktop.models.letters import LetterChannel, LetterKind
from desktop.services.inspection_cases import (
    CaseDraft,
    ConclusionDraft,
    SubjectDraft,
    open_case,
    record_conclusion,
)
from desktop.services.inspection_decisions import DecisionDraft
from desktop.services.letters import LetterDraft
from desktop.services.members import create_member
from tests.builders import add_account, member_draft
from tests.builders import add_org as _add_org

TODAY = dt.date(2026, 11, 21)


@dataclass(frozen=True)
class Office:
    committee: int
    cell: int
    other_cell: int
    member: int
    other_member: int


def build_office(database: Database) -> Office:
    """Built by the administrator; leaves the inspector "ubkt" signed in. Also adds the clerk
    "vanthu" and a second inspector "ubkt2" (both signed out)."""
    committee = _add_org(database, "DU", "Đảng bộ Cơ quan Bộ", OrgKind.GRASSROOTS_COMMITTEE)
    cell = _add_org(database, "DU.1", "Chi bộ Vụ Tổng hợp", OrgKind.SUBORDINATE_CELL, committee)
    other = _add_org(database, "DU.2", "Chi bộ Vụ Pháp chế", OrgKind.SUBORDINATE_CELL, committee)
    member = create_member(database, member_draft(cell, full_name="Lê Văn Đức"), today=TODAY).id
    other_member = create_member(database, member_draft(other, full_name="Phạm Thị Hoa"), today=TODAY).id
    add_account(database, "vanthu", Role.OFFICE_CLERK, committee, sign_in=False)
    add_account(database, "ubkt2", Role.INSPECTION, committee, sign_in=False)
    add_account(database, "ubkt", Role.INSPECTION, committee)
    return Office(committee, cell, other, member, other_member)


def case_draft(office: Office, **changes: object) -> CaseDraft:
    values: dict[str, object] = {
        "organization_id": office.committee, "kind": CaseKind.INSPECTION_SIGNS_OF_VIOLATION,
        "title": "Kiểm tra dấu hiệu vi phạm trong quản lý tài chính",
        "deciding_body_kind": DecidingBodyKind.CELL, "deciding_body": "Chi bộ Vụ Tổng hợp",
        "opened_on": dt.date(2026, 3, 2), "subjects": (SubjectDraft(member_id=office.member),),
        "violation_on": dt.date(2025, 10, 1),
    }
    values.update(changes)
    return CaseDraft(**values)  # type: ignore[arg-type]


def concluded_case(database: Database, office: Office, **changes: object) -> int:
    case_id = open_case(database, case_draft(office, **changes), today=TODAY)
    record_conclusion(database, case_id, ConclusionDraft(
        concluded_on=dt.date(2026, 5, 4), seriousness=Seriousness.DISCIPLINE_WARRANTED,
        violations_found="Sử dụng kinh phí sai mục đích", conclusion_text="Đồng chí Đức vi phạm quy định tài chính."),
        today=TODAY)
    return case_id


def decision_draft(subject_id: int, **changes: object) -> DecisionDraft:
    values: dict[str, object] = {
        "subject_id": subject_id, "form": DisciplineForm.REPRIMAND, "deciding_body_kind": DecidingBodyKind.CELL,
        "deciding_body": "Chi bộ Vụ Tổng hợp", "decision_number": "01-QĐ/CB",
        "decided_on": dt.date(2026, 5, 11), "effective_on": dt.date(2026, 5, 12),
        "reasons": "Vi phạm quy định về quản lý tài chính",
    }
    values.update(changes)
    return DecisionDraft(**values)  # type: ignore[arg-type]


def letter_draft(office: Office, **changes: object) -> LetterDraft:
    values: dict[str, object] = {
        "organization_id": office.committee, "received_on": dt.date(2026, 9, 1), "channel": LetterChannel.POST,
        "kind": LetterKind.DENUNCIATION, "summary": "Tố cáo đồng chí Đức nhận quà biếu",
        "sender_name": "Trần Văn Bình", "sender_address": "12 Lý Thường Kiệt, Hà Nội",
        "concerned_member_id": office.member,
    }
    values.update(changes)
    return LetterDraft(**values)  # type: ignore[arg-type]

