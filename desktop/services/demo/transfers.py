"""A year of transfers of party activity for the demo: moves between cells (some across two
committees, a few not yet received, some overdue), official transfers out, temporary stays
(ended or running), arrivals from outside, consistent with the members' events and statuses.

Only official members who hold no committee seat move, always from cells that keep their
minimum of official members, and only into chi bộ trực thuộc (whose size has no upper bound).
Rows are written with Core in batches, as the rest of the demo.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, select, update

from desktop.models.document_header import default_issuer_code, default_issuer_name
from desktop.models.enums import MemberEventKind, MemberStatus, OrgKind
from desktop.models.member import CommitteeMembership, Member, MemberEvent
from desktop.models.rules import RuleCode
from desktop.models.transfer_rules import latest_temporary_end, report_deadline
from desktop.models.transfers import MemberTransfer, TransferDirection, TransferKind, TransferState
from desktop.models.working_days import WorkingCalendar
from desktop.services.demo.structure import DemoScale, OrgNode
from desktop.services.transfer_letters import letter_number_text
from desktop.services.working_calendar import load_calendar

if TYPE_CHECKING:
    from desktop.services.demo.generator import DemoPart
    from desktop.services.demo.people import MemberFacts

SHARE_OF_MEMBERS = 0.015  # transfers in the last year, as a share of the members (full scale)
SMALL_COUNT = 14
YEAR_DAYS = 365
OUTSIDE = (
    "Đảng bộ Sở Y tế tỉnh Nam Định", "Đảng bộ Trường Đại học Vinh, tỉnh Nghệ An",
    "Đảng bộ Công an tỉnh Thái Bình", "Đảng bộ phường Hòa Cường, thành phố Đà Nẵng",
    "Đảng bộ Cục Hải quan Thành phố Hồ Chí Minh", "Đảng bộ xã Đông Hưng, tỉnh Thái Bình",
    "Đảng bộ Bệnh viện Đa khoa tỉnh Thanh Hóa", "Đảng bộ Quân khu 3",
    "Đảng bộ Tổng công ty Điện lực miền Bắc", "Đảng bộ Học viện Chính trị khu vực I",
)
TEMPORARY_REASONS = (
    "Đi học cao cấp lý luận chính trị tập trung", "Biệt phái công tác có thời hạn",
    "Điều trị bệnh dài ngày", "Đi học thạc sĩ tập trung", "Luân chuyển công tác có thời hạn",
)
OFFICIAL_REASONS = ("Chuyển công tác", "Điều động công tác", "Nghỉ hưu, về nơi cư trú", "Thay đổi nơi công tác")
# The small demo, round by round: kind → (outcome, days ago of the letter).
_SMALL_ROUNDS: tuple[dict[str, tuple[str, int]], ...] = (
    {},
    {"internal_cross": ("waiting", 12), "out": ("waiting", 120), "temporary": ("waiting", 10)},
    {"temporary": ("returned", 250)},
)
# Shares of each kind among the transfers.
_KINDS = (("internal_same", 30), ("internal_cross", 25), ("out", 20), ("temporary", 15), ("arrival", 10))


@dataclass(frozen=True)
class _Issuer:
    id: int
    name: str
    code: str
    grassroots: int


def _issuer(cell: OrgNode) -> _Issuer:
    """The committee that signs the letters of a cell (desktop.services.transfers.issuer_of_cell)."""
    node: OrgNode | None = cell
    while node is not None and node.kind not in (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL):
        node = node.parent
    grassroots = node or cell
    issuer = grassroots.parent if grassroots.kind is OrgKind.GRASSROOTS_CELL and grassroots.parent else grassroots
    return _Issuer(issuer.id, issuer.issuer_name or default_issuer_name(issuer.name, issuer.kind),
                   issuer.issuer_code or default_issuer_code(issuer.kind), grassroots.id)


class _Writer:
    def __init__(self, part: DemoPart, calendar: WorkingCalendar) -> None:
        self.part = part
        self.today = part.today
        self.calendar = calendar
        self.rng: random.Random = part.random("transfers")
        self.events: list[dict[str, Any]] = []
        self.transfers: list[dict[str, Any]] = []
        self.member_updates: list[dict[str, Any]] = []
        self.next_event = int(part.session.scalar(select(func.max(MemberEvent.id))) or 0) + 1
        self.sequences: Counter[tuple[int, int]] = Counter()
        # The small demo shows every case: None draws by the shares, else "received",
        # "waiting" (not received yet) or "returned" (a temporary stay over).
        self.force: str | None = None

    def working_day(self, day: dt.date) -> dt.date:
        while not self.calendar.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def event(self, member: int, kind: MemberEventKind, day: dt.date, **values: Any) -> int:
        event_id = self.next_event
        self.next_event += 1
        row = {"id": event_id, "member_id": member, "kind": kind, "effective_date": day, "decision_number": None,
               "decision_date": None, "issuing_body": None, "from_org_id": None, "to_org_id": None,
               "counterpart": None, "note": None}
        row.update(values)
        self.events.append(row)
        return event_id

    def letter(self, issuer: _Issuer, day: dt.date) -> tuple[int, str]:
        key = (issuer.id, day.year)
        self.sequences[key] += 1
        return self.sequences[key], letter_number_text(self.sequences[key], issuer.code)

    def transfer(self, **values: Any) -> None:
        row = {"id": len(self.transfers) + 1, "from_org_id": None, "from_org_text": None, "to_org_id": None,
               "to_org_text": None, "reason": None, "letter_sequence": None, "letter_number": None,
               "issuing_org_id": None, "issuing_body": None, "expected_end": None, "received_date": None,
               "returned_date": None, "cancelled_date": None, "cancel_reason": None, "out_event_id": None,
               "in_event_id": None, "version": 1}
        row.update(values)
        row["report_deadline"] = report_deadline(row["letter_date"], self.calendar, self.part.rules)
        self.transfers.append(row)

    def later(self, day: dt.date, low: int, high: int) -> dt.date | None:
        """A working day `low`..`high` working days after `day`, if it is not after today."""
        when = self.calendar.add_working_days(day, self.rng.randint(low, high))
        return when if when <= self.today else None

    def receipt(self, day: dt.date, low: int, high: int, received_share: float) -> dt.date | None:
        """When the receiving organisation confirmed, or None: still waiting. Old letters are
        nearly always received by now; a few are not (the overdue ones)."""
        if self.force == "waiting":
            return None
        old = (self.today - day).days > 60
        if self.force or self.rng.random() < received_share or (old and self.rng.random() < 0.85):
            return self.later(day, low, high)
        return None


def write(part: DemoPart) -> None:
    session = part.session
    members = sum(len(facts) for facts in part.facts_by_cell.values())
    count = SMALL_COUNT if part.scale is DemoScale.SMALL else round(members * SHARE_OF_MEMBERS)
    nodes = {node.id: node for node in part.nodes}
    seated = set(session.scalars(select(CommitteeMembership.member_id)))
    minimum = int(part.rules.value(RuleCode.CELL_MIN_FULL_MEMBERS, part.today))
    writer = _Writer(part, load_calendar(session))
    rng = writer.rng
    full_left = {cell: sum(1 for fact in facts if fact.is_full) for cell, facts in part.facts_by_cell.items()}
    candidates = [fact for facts in part.facts_by_cell.values() for fact in facts
                  if fact.is_full and fact.id not in seated and fact.official_date is not None
                  and fact.official_date < part.today - dt.timedelta(days=YEAR_DAYS)]
    rng.shuffle(candidates)
    targets = [node for node in part.nodes if node.kind is OrgKind.SUBORDINATE_CELL]
    if not candidates or len(targets) < 2:
        return
    admissions = dict(session.execute(
        select(Member.id, Member.admission_date).where(Member.id.in_([fact.id for fact in candidates[:count * 2]]))
    ).all())
    kinds = [name for name, weight in _KINDS for _ in range(weight)]
    moved: dict[int, tuple[MemberFacts, int | None]] = {}  # member → (facts, new cell or None: gone)
    chosen = 0
    for fact in candidates[:count * 2]:
        if chosen >= count:
            break
        if full_left[fact.cell_id] <= minimum + 1:
            continue
        cell = nodes[fact.cell_id]
        if part.scale is DemoScale.SMALL:
            # Each kind in turn; the first round received, the second waiting (a letter out to
            # another organisation overdue), the third with a temporary stay over.
            kind = _KINDS[chosen % len(_KINDS)][0]
            writer.force, ago = _SMALL_ROUNDS[min(chosen // len(_KINDS), len(_SMALL_ROUNDS) - 1)].get(
                kind, ("received", rng.randint(60, 300)))
            day = writer.working_day(part.today - dt.timedelta(days=ago))
        else:
            kind = rng.choice(kinds)
            day = writer.working_day(part.today - dt.timedelta(days=rng.randint(3, YEAR_DAYS)))
        if day <= admissions.get(fact.id, day):
            continue
        result = _one(writer, kind, fact, cell, day, targets)
        if result is False:
            continue
        chosen += 1
        if result is not True:
            full_left[fact.cell_id] -= 1
            moved[fact.id] = (fact, result)
    _flush(part, writer, moved)


def _one(writer: _Writer, kind: str, fact: MemberFacts, cell: OrgNode, day: dt.date,
         targets: list[OrgNode]) -> bool | int | None:
    """Writes one transfer; True: the member stays in the cell, an id: moved there, None: gone,
    False: nothing fitted (no other cell of the same committee, say)."""
    rng = writer.rng
    issuer = _issuer(cell)
    member = fact.id
    if kind == "arrival":
        # The member came from outside this year: the record started here with its history.
        source = rng.choice(OUTSIDE)
        letter = writer.working_day(day - dt.timedelta(days=rng.randint(3, 20)))
        event = writer.event(member, MemberEventKind.TRANSFER_OFFICIAL_IN, day, counterpart=source,
                             decision_number=f"{rng.randint(10, 250)}-GGT/ĐU", decision_date=letter,
                             issuing_body=default_issuer_name(source.split(",")[0], None), to_org_id=cell.id)
        writer.transfer(member_id=member, kind=TransferKind.OFFICIAL, direction=TransferDirection.IN,
                        state=TransferState.RECEIVED, from_org_text=source, to_org_id=cell.id, letter_date=letter,
                        letter_number=writer.events[-1]["decision_number"], received_date=day, in_event_id=event,
                        issuing_body=writer.events[-1]["issuing_body"], reason=rng.choice(OFFICIAL_REASONS))
        return True
    sequence, number = writer.letter(issuer, day)
    common = {"member_id": member, "letter_date": day, "letter_sequence": sequence, "letter_number": number,
              "issuing_org_id": issuer.id, "issuing_body": issuer.name, "from_org_id": cell.id}
    decision = {"decision_number": number, "decision_date": day, "issuing_body": issuer.name}
    if kind in ("internal_same", "internal_cross"):
        same = kind == "internal_same"
        options = [node for node in rng.sample(targets, min(40, len(targets)))
                   if node.id != cell.id and (_issuer(node).grassroots == issuer.grassroots) == same]
        if not options:
            return False
        target = options[0]
        reason = rng.choice(OFFICIAL_REASONS[:2] + OFFICIAL_REASONS[3:])
        if same:
            event = writer.event(member, MemberEventKind.TRANSFER_INTERNAL, day, from_org_id=cell.id,
                                 to_org_id=target.id, note=reason, **decision)
            writer.transfer(kind=TransferKind.OFFICIAL, direction=TransferDirection.INTERNAL,
                            state=TransferState.RECEIVED, to_org_id=target.id, reason=reason, received_date=day,
                            out_event_id=event, in_event_id=event, **common)
            return target.id
        out = writer.event(member, MemberEventKind.TRANSFER_OFFICIAL_OUT, day, from_org_id=cell.id,
                           to_org_id=target.id, note=reason, **decision)
        received = writer.receipt(day, 2, 28, 0.85)
        if received is None:
            writer.transfer(kind=TransferKind.OFFICIAL, direction=TransferDirection.INTERNAL,
                            state=TransferState.ISSUED, to_org_id=target.id, reason=reason, out_event_id=out, **common)
            writer.member_updates.append({"b_id": member, "b_status": MemberStatus.TRANSFERRED_OUT,
                                          "b_cell": cell.id, "b_elsewhere": False})
            return None
        arrived = writer.event(member, MemberEventKind.TRANSFER_OFFICIAL_IN, received, from_org_id=cell.id,
                               to_org_id=target.id, note=reason, **decision)
        writer.transfer(kind=TransferKind.OFFICIAL, direction=TransferDirection.INTERNAL, state=TransferState.RECEIVED,
                        to_org_id=target.id, reason=reason, received_date=received, out_event_id=out,
                        in_event_id=arrived, **common)
        return target.id
    destination = rng.choice(OUTSIDE)
    if kind == "out":
        reason = rng.choice(OFFICIAL_REASONS)
        out = writer.event(member, MemberEventKind.TRANSFER_OFFICIAL_OUT, day, from_org_id=cell.id,
                           counterpart=destination, note=reason, **decision)
        received = writer.receipt(day, 5, 35, 0.8)
        writer.transfer(kind=TransferKind.OFFICIAL, direction=TransferDirection.OUT,
                        state=TransferState.RECEIVED if received else TransferState.ISSUED,
                        to_org_text=destination, reason=reason, received_date=received, out_event_id=out, **common)
        writer.member_updates.append({"b_id": member, "b_status": MemberStatus.TRANSFERRED_OUT, "b_cell": cell.id,
                                      "b_elsewhere": False})
        return None
    # A temporary stay of 3 to 12 months.
    reason = rng.choice(TEMPORARY_REASONS)
    end = min(writer.working_day(day + dt.timedelta(days=rng.randint(90, 360))),
              latest_temporary_end(day, writer.part.rules))
    out = writer.event(member, MemberEventKind.TRANSFER_TEMPORARY_OUT, day, from_org_id=cell.id,
                       counterpart=destination, note=reason, **decision)
    received = writer.receipt(day, 2, 20, 0.85)
    values = {"kind": TransferKind.TEMPORARY, "direction": TransferDirection.OUT, "to_org_text": destination,
              "reason": reason, "expected_end": end, "received_date": received, "out_event_id": out, **common}
    ended = writer.force == "returned" or (writer.force is None and rng.random() < 0.9)
    back = end if end < writer.today and received is not None and ended else None
    if back is not None:
        home = writer.event(member, MemberEventKind.TRANSFER_TEMPORARY_IN, back, from_org_id=None,
                            to_org_id=cell.id, counterpart=destination, decision_number=number, decision_date=day)
        writer.transfer(state=TransferState.RETURNED, returned_date=back, in_event_id=home, **values)
        return True
    writer.transfer(state=TransferState.RECEIVED if received else TransferState.ISSUED, **values)
    writer.member_updates.append({"b_id": member, "b_status": MemberStatus.FULL, "b_cell": cell.id,
                                  "b_elsewhere": True})
    return True


def _flush(part: DemoPart, writer: _Writer, moved: dict[int, tuple[MemberFacts, int | None]]) -> None:
    session = part.session
    for member, (_fact, new_cell) in moved.items():
        if new_cell is not None:
            writer.member_updates.append({"b_id": member, "b_status": MemberStatus.FULL, "b_cell": new_cell,
                                          "b_elsewhere": False})
    part.insert(MemberEvent, writer.events)
    part.insert(MemberTransfer, writer.transfers)
    part.tables_with_ids.append(MemberTransfer.__table__)
    if writer.member_updates:
        statement = (update(Member.__table__).where(Member.__table__.c.id == bindparam("b_id"))
                     .values(status=bindparam("b_status"), cell_id=bindparam("b_cell"),
                             temporary_elsewhere=bindparam("b_elsewhere")))
        session.execute(statement, writer.member_updates)
    # Later parts see moved members in their new cells. Members who left stay in the facts
    # (the summary counts the members written); a part that needs active ones reads the status.
    for member, (fact, new_cell) in moved.items():
        if new_cell is not None:
            part.facts_by_cell[fact.cell_id] = [f for f in part.facts_by_cell[fact.cell_id] if f.id != member]
            part.facts_by_cell.setdefault(new_cell, []).append(replace(fact, cell_id=new_cell))
