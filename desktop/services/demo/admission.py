"""Demo part: candidates for admission at every step in the cells (a handful in `small`, a few
hundred in `full`), valid by the admission rules: of age, certificates in force, two official
introducers of the cell, the cell's official members agreeing, steps in order before today."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from desktop.models.admission import (
    AdmissionAction,
    AdmissionActionRecord,
    AdmissionCase,
    AdmissionState,
    AdmissionStep,
    AdmissionStepRecord,
)
from desktop.models.admission_rules import next_deadline, state_of, steps_of
from desktop.models.enums import DatePrecision, Gender, MemberStatus, OrgKind
from desktop.models.member import Member
from desktop.models.text import name_sort_key
from desktop.services.demo.generator import DemoPart
from desktop.services.demo.names import person_name
from desktop.services.demo.structure import DemoScale
from desktop.services.working_calendar import load_calendar

_CANDIDATES = {DemoScale.SMALL: 8, DemoScale.FULL: 420}
_WITHDRAWN_SHARE = 0.04
_ISSUERS = {
    AdmissionStep.COURSE_PASSED: "Trung tâm Chính trị",
    AdmissionStep.BACKGROUND_VERIFIED: "Đảng ủy cơ sở",
    AdmissionStep.GRASSROOTS_RESOLVED: "Đảng ủy cơ sở",
    AdmissionStep.SECTION_APPRAISED: "Đảng ủy bộ phận",
    AdmissionStep.DECIDED: "Ban Thường vụ Đảng ủy cấp trên",
}
_SIGNS = {
    AdmissionStep.COURSE_PASSED: "GCN", AdmissionStep.BACKGROUND_VERIFIED: "CV/ĐU",
    AdmissionStep.CELL_RESOLVED: "NQ/CB", AdmissionStep.SECTION_APPRAISED: "BC/ĐUBP",
    AdmissionStep.GRASSROOTS_RESOLVED: "NQ/ĐU", AdmissionStep.DECIDED: "QĐ/ĐU",
}


def write(part: DemoPart) -> None:
    rng = part.random("admission")
    calendar = load_calendar(part.session)
    today = part.today
    cells = [node for node in part.nodes if node.kind.is_cell]
    # The official members still on the register: earlier parts sent some away or wrote exits.
    members = Member.__table__
    still_full = set(part.session.scalars(select(members.c.id).where(members.c.status == MemberStatus.FULL)))
    cases: list[dict[str, Any]] = []
    steps: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    for case_id in range(1, _CANDIDATES[part.scale] + 1):
        cell = rng.choice(cells)
        facts = part.facts_by_cell.get(cell.id, [])
        full = [fact for fact in facts if fact.is_full and fact.official_date is not None and fact.id in still_full]
        under_section = cell.parent is not None and cell.parent.kind is OrgKind.SECTION_COMMITTEE
        order = steps_of(under_section)[:-1]  # the ceremony would create a member: not here
        count = rng.randint(0, len(order))
        # After the cell's resolution the committees act within weeks: the decision's deadline holds.
        gaps = [rng.randint(7, 20) if order.index(step) > order.index(AdmissionStep.CELL_RESOLVED)
                else rng.randint(15, 45) for step in order[:count]]
        # Days since the last step: a case the committees hold waits weeks, rarely past its deadline.
        resolved = count > order.index(AdmissionStep.CELL_RESOLVED)
        waiting = rng.randint(3, 60) if resolved else rng.randint(20, 200)
        listed = today - dt.timedelta(days=sum(gaps) + waiting)
        gender = Gender.MALE if rng.random() < 0.5 else Gender.FEMALE
        born = listed - dt.timedelta(days=rng.randint(20 * 366, 38 * 365))
        done: list[tuple[AdmissionStep, dt.date]] = []
        on = listed
        row: dict[str, Any] = {"introducer1_id": None, "introducer1_months": None, "introducer2_id": None,
                               "introducer2_months": None, "certificate_number": None, "certificate_date": None,
                               "certificate_issuer": None}
        for step, gap in zip(order, gaps, strict=False):
            on = on + dt.timedelta(days=gap)
            introducers = [fact for fact in full if fact.official_date and fact.official_date <= on]
            if step is AdmissionStep.INTRODUCED and len(introducers) < 2:
                break  # the cell has no two official members to introduce: the case waits here
            number = f"{rng.randint(1, 250)}-{_SIGNS[step]}" if step in _SIGNS else None
            votes_for = votes_total = None
            if step is AdmissionStep.CELL_RESOLVED:
                votes_total = len(full)
                votes_for = votes_total - (1 if votes_total >= 6 and rng.random() < 0.3 else 0)
            elif step is AdmissionStep.GRASSROOTS_RESOLVED:
                votes_total = rng.randint(7, 15)
                votes_for = votes_total
            steps.append({"case_id": case_id, "step": step, "step_date": on, "document_number": number,
                          "issuing_body": cell.name if step is AdmissionStep.CELL_RESOLVED else _ISSUERS.get(step),
                          "note": None, "votes_for": votes_for, "votes_total": votes_total})
            if step is AdmissionStep.COURSE_PASSED:
                row.update(certificate_number=number, certificate_date=on, certificate_issuer=_ISSUERS[step])
            if step is AdmissionStep.INTRODUCED:
                first, second = rng.sample(introducers, 2)
                row.update(introducer1_id=first.id, introducer1_months=rng.randint(12, 60),
                           introducer2_id=second.id, introducer2_months=rng.randint(12, 60))
            done.append((step, on))
        state = state_of([step for step, _ in done])
        deadline = next_deadline(dict(done), part.rules, calendar)
        closed_reason = None
        if rng.random() < _WITHDRAWN_SHARE:
            closed_reason = "Chuyển công tác khỏi đơn vị"
            actions.append({"case_id": case_id, "action": AdmissionAction.WITHDRAWN, "action_date": on,
                            "state_before": state, "reason": closed_reason})
            state, deadline = AdmissionState.WITHDRAWN, None
        full_name = person_name(rng, gender, born.year, "Kinh")
        cases.append({
            **row, "id": case_id, "full_name": full_name, "gender": gender, "date_of_birth": born,
            "dob_precision": DatePrecision.DAY, "national_id": None, "cell_id": cell.id, "birth_place": None,
            "home_town": None, "current_address": None, "phone": None, "ethnicity": "Kinh", "religion": "Không",
            "occupation": rng.choice(("Chuyên viên", "Kỹ sư", "Giáo viên", "Bác sĩ", "Công nhân")),
            "general_education": "12/12", "work_unit": cell.unit, "youth_union_join_date": None,
            "listed_date": listed, "state": state, "next_deadline": deadline.due if deadline else None,
            "union_introduction": None, "union_resolution_number": None, "mentor_id": None,
            "ceremony_late_consent": None, "closed_reason": closed_reason, "member_id": None,
            "name_sort_key": name_sort_key(full_name), "version": 1,
        })
    for step_id, step_row in enumerate(steps, start=1):
        step_row["id"] = step_id
    for action_id, action_row in enumerate(actions, start=1):
        action_row["id"] = action_id
    part.insert(AdmissionCase, cases)
    part.insert(AdmissionStepRecord, steps)
    part.insert(AdmissionActionRecord, actions)
    part.tables_with_ids.extend(entity.__table__ for entity in (AdmissionCase, AdmissionStepRecord,
                                                                 AdmissionActionRecord))
