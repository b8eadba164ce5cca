"""Demo part: a year of exits and exemptions, so that the due lists and the changes report have
something to show — about 1 % of the members died, were removed, left or were expelled in the
last twelve months, and 1 % of the older ones are exempted from activities. Statuses follow the
events, as apply_member_event would keep them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update

from desktop.models.enums import MemberEventKind, MemberStatus
from desktop.models.member import CommitteeMembership, Member, MemberEvent
from desktop.models.member_lifecycle import STATUS_AFTER
from desktop.services.demo.generator import DemoPart
from desktop.services.demo.weighted import Weighted

EXIT_SHARE = 0.01
EXEMPT_SHARE = 0.01
_EXITS = Weighted.of(((MemberEventKind.DECEASED, 55), (MemberEventKind.REMOVED, 25),
                      (MemberEventKind.LEFT_ON_REQUEST, 12), (MemberEventKind.EXPELLED, 8)))
_REASONS: dict[MemberEventKind, str | None] = {
    MemberEventKind.DECEASED: None,  # a death is its own reason
    MemberEventKind.REMOVED: "Bỏ sinh hoạt đảng 3 tháng liền không có lý do chính đáng",
    MemberEventKind.LEFT_ON_REQUEST: "Xin ra khỏi Đảng vì hoàn cảnh gia đình",
    MemberEventKind.EXPELLED: "Vi phạm nghiêm trọng tư cách đảng viên",
}
_TRANSFERS = tuple(kind for kind in MemberEventKind if kind.name.startswith("TRANSFER_"))
_BATCH = 900  # ids per UPDATE … WHERE id IN (…): under every backend's parameter limit


def write(part: DemoPart) -> None:
    chance = part.random("exits")
    # Committee seat holders stay (their seats were planned from the active members), and so do
    # members an earlier part moved or sent away (the transfers).
    events, members = MemberEvent.__table__, Member.__table__
    kept = set(part.session.scalars(select(CommitteeMembership.__table__.c.member_id)))
    kept.update(part.session.scalars(select(events.c.member_id).where(events.c.kind.in_(_TRANSFERS))))
    kept.update(part.session.scalars(select(members.c.id).where(members.c.status != MemberStatus.FULL)))
    written: list[dict[str, Any]] = []
    statuses: dict[MemberStatus, list[int]] = {}
    exempted: list[int] = []
    for cell_id, facts in part.facts_by_cell.items():
        for fact in facts:
            if not fact.is_full or fact.official_date is None or fact.id in kept:
                continue
            if chance.random() < EXIT_SHARE:
                kind = _EXITS.pick(chance)
                day = part.today - dt.timedelta(days=chance.randrange(1, 365))
                if day <= fact.official_date:
                    continue
                decided = kind is not MemberEventKind.DECEASED
                written.append({
                    "member_id": fact.id, "kind": kind, "effective_date": day, "from_org_id": cell_id,
                    "decision_number": f"{chance.randrange(1, 300)}-QĐ/ĐU" if decided else None,
                    "decision_date": day if decided else None, "note": _REASONS[kind],
                })
                statuses.setdefault(STATUS_AFTER[kind], []).append(fact.id)
            elif fact.official_date.year < 1990 and chance.random() < EXEMPT_SHARE * 10:
                day = part.today - dt.timedelta(days=chance.randrange(30, 1500))
                written.append({
                    "member_id": fact.id, "kind": MemberEventKind.EXEMPTED, "effective_date": day,
                    "from_org_id": None, "decision_number": f"{chance.randrange(1, 20)}-NQ/CB",
                    "decision_date": day, "note": "Tuổi cao, sức khỏe yếu",
                })
                exempted.append(fact.id)
    first = part.next_id(MemberEvent)
    for offset, event in enumerate(written):
        event["id"] = first + offset
    part.insert(MemberEvent, written)
    # Core statements on the table, as the rest of the demo (its one BULK entry counts them).
    for status, ids in statuses.items():
        for start in range(0, len(ids), _BATCH):
            part.session.execute(update(members).where(members.c.id.in_(ids[start:start + _BATCH]))
                                 .values(status=status))
    for start in range(0, len(exempted), _BATCH):
        part.session.execute(update(members).where(members.c.id.in_(exempted[start:start + _BATCH]))
                             .values(exempted_from_activities=True))
