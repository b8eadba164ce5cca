"""Three years of the inspection committees' work for the demo: cases of every kind at every
step (recent ones still running, some steps overdue), their subjects, conclusions, a few
reprimands and warnings decided by the cells (written into the members' histories and the
discipline records, as the services do), and the registry of letters (some anonymous, some
overdue). About 20,000 cases and 50,000 letters on the full demo; Core inserts in batches with
pre-assigned ids, a seeded random source.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from desktop.models.discipline import DisciplineForm, DisciplineRecord
from desktop.models.enums import MemberEventKind, MemberStatus, OrgKind
from desktop.models.inspection import (
    CaseDecision,
    CaseKind,
    CaseState,
    CaseStep,
    CaseSubject,
    DecidingBodyKind,
    DecisionStatus,
    InspectionCase,
    Seriousness,
    StepKind,
    TargetScope,
)
from desktop.models.inspection_rules import appeal_deadline, effect_ends_on, letter_due_on
from desktop.models.letters import ComplaintLetter, LetterChannel, LetterKind, LetterStatus
from desktop.models.member import Member, MemberEvent
from desktop.models.rules import RuleCode
from desktop.models.working_days import WorkingCalendar
from desktop.services.demo.structure import DemoScale, OrgNode
from desktop.services.working_calendar import load_calendar

if TYPE_CHECKING:
    from desktop.services.demo.generator import DemoPart

FULL_CASES = 20_000
FULL_LETTERS = 50_000
SMALL_CASES = 40
SMALL_LETTERS = 80
YEARS_BACK = 3
DECISION_SHARE = 0.6  # of the cases concluding that discipline is warranted, decided in the demo
_KINDS = ((CaseKind.SUPERVISION_REGULAR, 30), (CaseKind.SUPERVISION_THEMATIC, 14),
          (CaseKind.INSPECTION_COMPLIANCE, 18), (CaseKind.INSPECTION_SIGNS_OF_VIOLATION, 10),
          (CaseKind.INSPECTION_OF_IC_DUTY, 6), (CaseKind.INSPECTION_FINANCE, 9), (CaseKind.ASSETS_CHECK, 4),
          (CaseKind.DENUNCIATION, 5), (CaseKind.DISCIPLINE_COMPLAINT, 1), (CaseKind.DISCIPLINE, 3))
_TOPICS = ("việc chấp hành Điều lệ Đảng", "việc thực hiện nghị quyết của chi bộ", "việc thu, nộp đảng phí",
           "việc giữ gìn phẩm chất đạo đức, lối sống", "việc thực hiện những điều đảng viên không được làm",
           "việc quản lý tài chính, tài sản", "việc kê khai tài sản, thu nhập", "việc thực hiện quy chế làm việc",
           "việc thực hành tiết kiệm, chống lãng phí", "việc thực hiện nhiệm vụ được giao")
_SUMMARIES = {
    LetterKind.DENUNCIATION: ("Tố cáo việc sử dụng xe công vào việc riêng", "Tố cáo việc kê khai tài sản không trung thực",
                              "Tố cáo việc vi phạm quy định về đất đai", "Tố cáo đảng viên nhận quà biếu không đúng quy định"),
    LetterKind.COMPLAINT: ("Khiếu nại về quyết định kỷ luật khiển trách", "Khiếu nại về kết quả xếp loại chất lượng"),
    LetterKind.PETITION: ("Phản ánh việc không tham gia sinh hoạt chi bộ", "Kiến nghị làm rõ việc bổ nhiệm cán bộ",
                          "Phản ánh việc chậm đóng đảng phí"),
}
_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
_GIVEN = ("Văn Hùng", "Thị Lan", "Minh Tuấn", "Thu Hà", "Quốc Bảo", "Thị Mai", "Đức Anh", "Ngọc Linh")
_STATES_AFTER = {  # the state once the step is done
    StepKind.DECISION: CaseState.DECIDED, StepKind.PLAN: CaseState.PLANNED, StepKind.TEAM: CaseState.ANNOUNCED,
    StepKind.EXPLANATION: CaseState.EXPLANATION_RECEIVED, StepKind.VERIFICATION: CaseState.REPORTED,
    StepKind.CONCLUSION: CaseState.CONCLUDED, StepKind.NOTIFICATION: CaseState.MONITORING,
}


def _owner(node: OrgNode) -> OrgNode:
    """The grassroots committee (or chi bộ cơ sở) whose inspection committee runs the cell's cases."""
    current: OrgNode | None = node
    while current is not None and current.kind not in (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL):
        current = current.parent
    return current or node


class _Calendar:
    """Working-day offsets cached by start date: a few hundred distinct days, not 140,000 walks."""

    def __init__(self, calendar: WorkingCalendar, offsets: dict[str, int]) -> None:
        self.calendar = calendar
        self.offsets = offsets
        self.cache: dict[dt.date, dict[StepKind, dt.date]] = {}

    def steps(self, opened: dt.date) -> dict[StepKind, dt.date]:
        if opened not in self.cache:
            self.cache[opened] = {kind: self.calendar.add_working_days(opened, int(self.offsets[kind.value]))
                                  for kind in StepKind}
        return self.cache[opened]


class _Writer:
    def __init__(self, part: DemoPart) -> None:
        self.part = part
        self.today = part.today
        self.rng: random.Random = part.random("inspection")
        self.calendar = load_calendar(part.session)
        self.steps_due = _Calendar(self.calendar, part.rules.value(RuleCode.INSPECTION_STEP_DEADLINES_WD, self.today))
        self.cases: list[dict[str, Any]] = []
        self.subjects: list[dict[str, Any]] = []
        self.steps: list[dict[str, Any]] = []
        self.decisions: list[dict[str, Any]] = []
        self.records: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.letters: list[dict[str, Any]] = []
        self.case_sequence: Counter[tuple[int, int]] = Counter()
        self.notice_sequence: Counter[tuple[int, int]] = Counter()
        self.letter_sequence: Counter[tuple[int, int]] = Counter()
        self.next_event = part.next_id(MemberEvent)
        self.next_record = part.next_id(DisciplineRecord)
        self.disciplined: set[int] = set()
        self.small = part.scale is DemoScale.SMALL
        self.full: set[int] = set()
        self.letter_due_cache: dict[tuple[LetterKind, dt.date], dt.date] = {}

    def letter_due(self, kind: LetterKind, received: dt.date) -> dt.date:
        key = (kind, received)
        if key not in self.letter_due_cache:
            self.letter_due_cache[key] = letter_due_on(kind, received, self.calendar, self.part.rules)
        return self.letter_due_cache[key]

    def day_back(self) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(0, 365 * YEARS_BACK))


def _owners(part: DemoPart, active: set[int]) -> list[tuple[OrgNode, list[tuple[int, int]]]]:
    """Each owning committee with its (cell, member) pairs of active members."""
    by_owner: dict[int, tuple[OrgNode, list[tuple[int, int]]]] = {}
    nodes = {node.id: node for node in part.nodes}
    for cell_id, facts in part.facts_by_cell.items():
        owner = _owner(nodes[cell_id])
        entry = by_owner.setdefault(owner.id, (owner, []))
        entry[1].extend((cell_id, fact.id) for fact in facts if fact.id in active)
    return [entry for entry in by_owner.values() if entry[1]]


def _case(writer: _Writer, case_id: int, owner: OrgNode, members: list[tuple[int, int]]) -> None:
    rng = writer.rng
    kind = rng.choices([k for k, _ in _KINDS], [w for _, w in _KINDS])[0]
    opened = writer.day_back()
    due = writer.steps_due.steps(opened)
    cell_id, member_id = rng.choice(members)
    organisation_subject = kind in (CaseKind.INSPECTION_OF_IC_DUTY, CaseKind.INSPECTION_FINANCE) or rng.random() < 0.1
    writer.case_sequence[(owner.id, opened.year)] += 1
    state = CaseState.DETECTED
    concluded_on = seriousness = notice = None
    for step in StepKind:
        done = due[step] + dt.timedelta(days=rng.randint(-6, 12))
        # Most steps are done about their due date; a recent case stops somewhere along the way.
        if done > writer.today or rng.random() < 0.003:
            done = None
        writer.steps.append({"id": len(writer.steps) + 1, "case_id": case_id, "kind": step, "due_on": due[step],
                             "done_on": done, "note": None})
        if done is None:
            # The rest stay to do (some of them overdue).
            for later in list(StepKind)[step.position + 1:]:
                writer.steps.append({"id": len(writer.steps) + 1, "case_id": case_id, "kind": later,
                                     "due_on": due[later], "done_on": None, "note": None})
            break
        state = _STATES_AFTER[step]
        if step is StepKind.CONCLUSION:
            concluded_on = done
            seriousness = rng.choices(list(Seriousness), [55, 25, 12, 8])[0]
            writer.notice_sequence[(owner.id, done.year)] += 1
            notice = writer.notice_sequence[(owner.id, done.year)]
    if state is CaseState.MONITORING and opened < writer.today - dt.timedelta(days=365):
        state = CaseState.ARCHIVED
    subject_id = len(writer.subjects) + 1
    writer.subjects.append({"id": subject_id, "case_id": case_id,
                            "member_id": None if organisation_subject else member_id,
                            "organization_id": cell_id if organisation_subject else None,
                            "target_scope": TargetScope.ORGANIZATION if organisation_subject else TargetScope.MEMBER})
    topic = rng.choice(_TOPICS)
    writer.cases.append({
        "id": case_id, "organization_id": owner.id, "year": opened.year,
        "sequence": writer.case_sequence[(owner.id, opened.year)], "kind": kind, "state": state,
        "title": f"{topic[0].upper()}{topic[1:]}", "deciding_body_kind": DecidingBodyKind.GRASSROOTS_IC,
        "deciding_body": "Ủy ban Kiểm tra", "opened_on": opened, "letter_id": None, "content": None,
        "violation_on": opened - dt.timedelta(days=rng.randint(30, 400)), "violation_ended_on": None,
        "violation_end_unknown": False, "discovered_on": None, "new_violation_on": None, "days_not_counted": 0,
        "limitation_exception": None, "no_limitation_reason": None, "concluded_on": concluded_on,
        "seriousness": seriousness, "violations_found": None,
        "conclusion_text": "Kết luận theo báo cáo kết quả của đoàn kiểm tra." if concluded_on else None,
        "notice_sequence": notice, "closed_on": None, "version": 1,
    })
    if (seriousness is Seriousness.DISCIPLINE_WARRANTED and not organisation_subject
            and member_id in writer.full and member_id not in writer.disciplined and (writer.small or rng.random() < DECISION_SHARE)):
        assert concluded_on is not None
        _decision(writer, case_id, subject_id, member_id, concluded_on)


def _decision(writer: _Writer, case_id: int, subject_id: int, member_id: int, concluded_on: dt.date) -> None:
    """A reprimand or a warning by the member's cell: the history event, the record, the case's row.
    Only this year's: the ratings of the years before are decided already and would contradict it."""
    rng = writer.rng
    decided = concluded_on + dt.timedelta(days=rng.randint(5, 20))
    if decided > writer.today:
        return
    effective = decided + dt.timedelta(days=rng.randint(0, 3))
    if effective > writer.today:
        effective = decided
    if effective.year != writer.today.year:
        if not writer.small:
            return
        # The small demo shows one or two: decided early this year on an older conclusion.
        decided = effective = dt.date(writer.today.year, 1, 5)
        if decided > writer.today:
            return
    form = DisciplineForm.REPRIMAND if rng.random() < 0.7 else DisciplineForm.WARNING
    number = f"{rng.randint(1, 30):02d}-QĐ/CB"
    event_kind = MemberEventKind.REPRIMANDED if form is DisciplineForm.REPRIMAND else MemberEventKind.WARNED
    writer.disciplined.add(member_id)
    writer.events.append({"id": writer.next_event, "member_id": member_id, "kind": event_kind,
                          "effective_date": effective, "decision_number": number, "decision_date": decided,
                          "issuing_body": "Chi bộ", "from_org_id": None, "to_org_id": None, "counterpart": None,
                          "note": "Vi phạm theo kết luận kiểm tra"})
    writer.next_event += 1
    writer.records.append({
        "id": writer.next_record, "member_id": member_id, "organization_id": None, "form": form,
        "deciding_body": "Chi bộ", "decision_number": number, "decided_on": decided, "effective_on": effective,
        "effect_ends_on": effect_ends_on(effective, writer.part.rules), "violation_on": None,
        "rating_year": effective.year, "self_remedied": False, "annulled_on": None, "annulment_reason": None,
        "case_id": case_id, "violation_summary": "Vi phạm theo kết luận kiểm tra", "version": 1})
    writer.decisions.append({
        "id": len(writer.decisions) + 1, "case_id": case_id, "subject_id": subject_id,
        "status": DecisionStatus.DECIDED, "form": form, "deciding_body_kind": DecidingBodyKind.CELL,
        "deciding_body": "Chi bộ", "decision_number": number, "decided_on": decided, "effective_on": effective,
        "appeal_deadline": appeal_deadline(effective, writer.calendar, writer.part.rules),
        "reasons": "Vi phạm theo kết luận kiểm tra", "discipline_record_id": writer.next_record})
    writer.next_record += 1


def _letter(writer: _Writer, letter_id: int, owner: OrgNode, members: list[tuple[int, int]]) -> None:
    rng = writer.rng
    received = writer.day_back()
    kind = rng.choices(list(LetterKind), [45, 20, 35])[0]
    anonymous = rng.random() < 0.12
    writer.letter_sequence[(owner.id, received.year)] += 1
    due = None if anonymous else writer.letter_due(kind, received)
    status = LetterStatus.NOT_ELIGIBLE if anonymous else LetterStatus.RECEIVED
    handled = None
    if not anonymous and due is not None:
        finish = received + dt.timedelta(days=rng.randint(5, int((due - received).days * 1.2) + 5))
        if finish <= writer.today and rng.random() < 0.97:
            status = rng.choices((LetterStatus.ANSWERED, LetterStatus.FILED, LetterStatus.FORWARDED,
                                  LetterStatus.NOT_ELIGIBLE), [60, 15, 20, 5])[0]
            handled = finish
    _cell, member_id = rng.choice(members)
    writer.letters.append({
        "id": letter_id, "organization_id": owner.id, "year": received.year,
        "sequence": writer.letter_sequence[(owner.id, received.year)], "received_on": received,
        "postmark_on": None, "channel": rng.choice(list(LetterChannel)), "kind": kind, "is_anonymous": anonymous,
        "sender_name": None if anonymous else f"{rng.choice(_SURNAMES)} {rng.choice(_GIVEN)}",
        "sender_address": None, "sender_contact": None, "concerned_member_id": member_id,
        "concerned_organization_id": None, "concerned_text": None, "summary": rng.choice(_SUMMARIES[kind]),
        "status": status,
        "not_eligible_reason": "Không rõ nội dung, không có căn cứ xác minh" if status is LetterStatus.NOT_ELIGIBLE
        and not anonymous else None,
        "handler_user_id": None, "due_on": due, "extended_to": None,
        "forwarded_to": "Ủy ban Kiểm tra cấp trên" if status is LetterStatus.FORWARDED else None,
        "result": "Đã trả lời người gửi bằng văn bản" if status is LetterStatus.ANSWERED else None,
        "handled_on": handled or (received if anonymous else None),
        "notified_on": handled if status is LetterStatus.ANSWERED else None, "version": 1,
    })


def write(part: DemoPart) -> None:
    writer = _Writer(part)
    statuses = {member: status for member, status in part.session.execute(
        select(Member.id, Member.status).where(Member.status.in_((MemberStatus.FULL, MemberStatus.PROBATIONARY))))}
    active = set(statuses)
    # Decisions only on official members: a probationary one's history stays its admission.
    writer.full = {member for member, status in statuses.items() if status is MemberStatus.FULL}
    owners = _owners(part, active)
    if not owners:
        return
    small = part.scale is DemoScale.SMALL
    weights = [len(members) for _owner_node, members in owners]
    for case_id in range(1, (SMALL_CASES if small else FULL_CASES) + 1):
        owner, members = writer.rng.choices(owners, weights)[0]
        _case(writer, case_id, owner, members)
    for letter_id in range(1, (SMALL_LETTERS if small else FULL_LETTERS) + 1):
        owner, members = writer.rng.choices(owners, weights)[0]
        _letter(writer, letter_id, owner, members)
    part.insert(ComplaintLetter, writer.letters)
    part.insert(InspectionCase, writer.cases)
    part.insert(CaseSubject, writer.subjects)
    part.insert(CaseStep, writer.steps)
    part.insert(MemberEvent, writer.events)
    part.insert(DisciplineRecord, writer.records)
    part.insert(CaseDecision, writer.decisions)
    part.tables_with_ids.extend(table.__table__ for table in (
        ComplaintLetter, InspectionCase, CaseSubject, CaseStep, DisciplineRecord, CaseDecision))
