"""Demo part: party badges already awarded to the longest-serving members (the highest
milestone each reached before the last occasion, with its history event), a few missed ones
left for the due list, a few interruptions of party life and seriously ill members."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from desktop.models.badge_rules import BadgeRules, badge_due, occasions_after
from desktop.models.badges import BadgeAward, SeriousIllness
from desktop.models.enums import MemberEventKind, MemberStatus
from desktop.models.member import Member, MemberEvent
from desktop.models.party_age import Gap, MembershipGap, party_age_anchor
from desktop.models.rules import RuleCode
from desktop.services.demo.generator import DemoPart

GAP_SHARE = 0.004
ILL_SHARE = 0.003  # of the members past 70
MISSED_SHARE = 0.03  # awards the office has not recorded yet: the due list shows them


def write(part: DemoPart) -> None:
    rng = part.random("badges")
    today = part.today
    badge_rules = BadgeRules.on(part.rules, today)
    anchor_rule = part.rules.value(RuleCode.PARTY_AGE_ANCHOR, today)
    next_event_id = (part.session.scalar(select(func.max(MemberEvent.id))) or 0) + 1
    members = part.session.execute(
        select(Member.id, Member.admission_decision_date, Member.admission_date, Member.date_of_birth)
        .where(Member.status == MemberStatus.FULL).order_by(Member.id)).all()
    gaps: list[dict[str, Any]] = []
    illness: list[dict[str, Any]] = []
    awards: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    decisions: dict[dt.date, str] = {}
    for member_id, decided, ceremony, born in members:
        anchor = party_age_anchor(decided, ceremony, anchor_rule)
        member_gaps: list[Gap] = []
        if rng.random() < GAP_SHARE and anchor.year < today.year - 20:
            start = dt.date(rng.randint(anchor.year + 2, today.year - 15), rng.randint(1, 12), 1)
            gap = Gap(start, start + dt.timedelta(days=rng.randint(180, 1100)))
            member_gaps.append(gap)
            gaps.append({"member_id": member_id, "gap_from": gap.start, "gap_to": gap.end,
                         "reason": "Gián đoạn sinh hoạt đảng", "decision": f"{rng.randint(1, 300)}-QĐ/ĐU",
                         "version": 1})
        if today.year - born.year >= 70 and rng.random() < ILL_SHARE:
            illness.append({"member_id": member_id, "certified_on": today - dt.timedelta(days=rng.randint(10, 300)),
                            "note": "Có xác nhận của cơ sở y tế", "version": 1})
        due = badge_due(anchor, member_gaps, today, 0, False, badge_rules)
        if due is None or rng.random() < MISSED_SHARE:
            continue
        occasion = occasions_after(due.reached_on, part.rules, 1)[0]
        if occasion > today:
            continue  # due at the next occasion: not awarded yet
        decision_date = occasion - dt.timedelta(days=7)
        number = decisions.setdefault(decision_date, f"{len(decisions) + 1:03d}-QĐ/TU")
        awards.append({"member_id": member_id, "milestone_years": due.milestone, "occasion_date": occasion,
                       "decision_number": number, "decision_date": decision_date, "posthumous": False,
                       "early": False, "early_reason": None, "version": 1})
        events.append({"id": next_event_id, "member_id": member_id, "kind": MemberEventKind.BADGE_AWARDED,
                       "effective_date": decision_date, "decision_number": number, "decision_date": decision_date,
                       "note": f"Huy hiệu {due.milestone} năm tuổi Đảng"})
        next_event_id += 1
    part.insert(MembershipGap, gaps)
    part.insert(SeriousIllness, illness)
    part.insert(BadgeAward, awards)
    part.insert(MemberEvent, events)
