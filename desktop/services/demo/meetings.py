"""Demo part: a year of cell meetings (the twelve months before the current one, finalised, and
this month's, still drafts), so the meetings window, the minutes and the compliance view have
something to show: most cells meet every month and hold the quarter's thematic meeting
(often combined with the regular one); a few miss a month or a quarter.

Each meeting has its roll call (the cell's members on the register on the date), two agenda
items with the discussion and the conclusion, the vote adopting the month's resolution, and
the resolution numbered per cell and year. Rows are written with Core in chunks: at full
scale the roll calls alone are about a million rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from desktop.models.enums import CommitteeRole, MemberEventKind
from desktop.models.meeting_rules import Share, month_key, quarter_key, quorum_share
from desktop.models.meetings import (
    AttendanceStatus,
    Meeting,
    MeetingAgendaItem,
    MeetingAttendance,
    MeetingKind,
    MeetingResolution,
    MeetingResolutionTask,
    MeetingState,
    MeetingVote,
    VoteMethod,
    VoteThreshold,
)
from desktop.models.member import CommitteeMembership, Member, MemberEvent
from desktop.services.demo.generator import DemoPart
from desktop.services.register_as_of import (
    CELL_MOVE_KINDS,
    ENTRY_KINDS,
    EXEMPTION_KINDS,
    EXIT_KINDS,
    TEMPORARY_STAY_KINDS,
)

_OFFICE = "demo"
_CHUNK = 20_000  # attendance rows kept in memory before they are written
WEAK_CELL_SHARE = 0.08  # cells whose meetings lapse now and then (at least one)
WEAK_MISSED_MONTH = 0.25  # a weak cell skips a month's regular meeting
WEAK_MISSED_THEMATIC = 0.3  # a weak cell holds no thematic meeting in a quarter
MISSED_THEMATIC = 0.005  # any other cell forgets a quarter's thematic meeting
COMBINED_THEMATIC_SHARE = 0.7  # the thematic part held within a regular meeting
_ABSENCE_REASONS = ("Đi công tác", "Ốm, điều trị tại bệnh viện", "Việc gia đình", "Đi học tập trung",
                    "Trực cơ quan")
_THEMES = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Nâng cao chất lượng sinh hoạt chi bộ", "Phòng, chống tham nhũng, lãng phí, tiêu cực",
    "Công tác phát triển đảng viên trong quần chúng ưu tú", "Chuyển đổi số trong cơ quan, đơn vị",
    "Nêu gương của cán bộ, đảng viên", "Thực hành tiết kiệm, chống lãng phí",
    "Bảo vệ nền tảng tư tưởng của Đảng trên không gian mạng",
)
TASKS_DONE_SHARE = 0.9  # tasks past their deadline that were done
_TASKS = ("Hoàn thành báo cáo chuyên môn của đơn vị", "Theo dõi, giúp đỡ quần chúng ưu tú",
          "Tuyên truyền nghị quyết đến đoàn viên, hội viên", "Đôn đốc thu nộp đảng phí",
          "Chuẩn bị nội dung sinh hoạt chuyên đề quý tới", "Nắm tình hình tư tưởng đảng viên",
          "Kiểm tra việc thực hiện quy chế dân chủ ở cơ sở")
_SPEAKERS = ("phát biểu: thống nhất với báo cáo, đề nghị bổ sung kết quả công tác chuyên môn.",
             "phát biểu: đề nghị chi bộ quan tâm hơn đến việc nắm tình hình tư tưởng đảng viên.",
             "phát biểu: nhất trí với phương hướng, đề nghị phân công cụ thể từng đảng viên.",
             "phát biểu: đề nghị nâng cao chất lượng thảo luận tại buổi sinh hoạt.")


@dataclass
class _Member:
    """A member's history as the register reads it (desktop.services.register_as_of), kept in
    memory: the same questions asked in SQL for every meeting date would cost about 1.7 s a
    date at full scale. tests/services/test_demo_meetings.py compares the roll calls with
    desktop.services.meeting_roster.roster_on."""

    id: int
    name: str
    cell_id: int
    admitted: dt.date
    official_date: dt.date | None
    exempted_now: bool
    away_now: bool
    membership: list[tuple[dt.date, bool]] = field(default_factory=list)  # (date, is an entry)
    moves: list[tuple[dt.date, int]] = field(default_factory=list)  # (date, the cell left)
    exemptions: list[tuple[dt.date, bool]] = field(default_factory=list)  # (date, exempted from then)
    stays: list[tuple[dt.date, bool]] = field(default_factory=list)  # (date, away from then)

    def official_on(self, day: dt.date) -> bool:
        return self.official_date is not None and self.official_date <= day

    def on_register(self, day: dt.date) -> bool:
        entries = [entry for when, entry in self.membership if when <= day]
        return self.admitted <= day and bool(entries) and entries[-1]

    def cell_on(self, day: dt.date) -> int:
        return next((cell for when, cell in self.moves if when > day), self.cell_id)

    @staticmethod
    def _flag(history: list[tuple[dt.date, bool]], day: dt.date, now: bool) -> bool:
        if not history:
            return now
        before = [flag for when, flag in history if when <= day]
        return bool(before) and before[-1]

    def exempted_on(self, day: dt.date) -> bool:
        return self._flag(self.exemptions, day, self.exempted_now)

    def away_on(self, day: dt.date) -> bool:
        return self._flag(self.stays, day, self.away_now)


def _months(today: dt.date) -> list[dt.date]:
    """The first day of the twelve months before this one, and this month's."""
    months = []
    year, month = today.year - 1, today.month
    while (year, month) <= (today.year, today.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _members_by_cell(part: DemoPart) -> dict[int, list[_Member]]:
    """Every member who belonged to a cell at some time, under each cell, in the order of the
    party lists (given name, then family name)."""
    members: dict[int, _Member] = {}
    for row in part.session.execute(
            select(Member.id, Member.full_name, Member.cell_id, Member.admission_date, Member.official_date,
                   Member.exempted_from_activities, Member.temporary_elsewhere)
            .order_by(Member.name_sort_key, Member.id)).all():
        members[row[0]] = _Member(row[0], row[1], row[2], row[3], row[4], bool(row[5]), bool(row[6]))
    kinds = ENTRY_KINDS + EXIT_KINDS + CELL_MOVE_KINDS + EXEMPTION_KINDS + TEMPORARY_STAY_KINDS
    for member_id, kind, when, from_org in part.session.execute(
            select(MemberEvent.member_id, MemberEvent.kind, MemberEvent.effective_date, MemberEvent.from_org_id)
            .where(MemberEvent.kind.in_(kinds)).order_by(MemberEvent.effective_date, MemberEvent.id)).all():
        member = members[member_id]
        if kind in ENTRY_KINDS or kind in EXIT_KINDS:
            member.membership.append((when, kind in ENTRY_KINDS))
        if kind in CELL_MOVE_KINDS or (kind is MemberEventKind.TRANSFER_OFFICIAL_IN and from_org is not None):
            member.moves.append((when, from_org))
        if kind in EXEMPTION_KINDS:
            member.exemptions.append((when, kind is MemberEventKind.EXEMPTED))
        if kind in TEMPORARY_STAY_KINDS:
            member.stays.append((when, kind is MemberEventKind.TRANSFER_TEMPORARY_OUT))
    by_cell: dict[int, list[_Member]] = defaultdict(list)
    for member in members.values():  # in name order: each cell's list is too
        for cell in {member.cell_id, *(cell for _when, cell in member.moves)}:
            by_cell[cell].append(member)
    return by_cell


class _Writer:
    def __init__(self, part: DemoPart) -> None:
        self.part = part
        self.rng = part.random("meetings")
        self.today = part.today
        self.next_meeting = part.next_id(Meeting)
        self.next_attendance = part.next_id(MeetingAttendance)
        self.next_item = part.next_id(MeetingAgendaItem)
        self.next_vote = part.next_id(MeetingVote)
        self.next_resolution = part.next_id(MeetingResolution)
        self.next_task = part.next_id(MeetingResolutionTask)
        self.rows: dict[type, list[dict[str, Any]]] = defaultdict(list)
        self.secretaries: dict[int, int] = {row[0]: row[1] for row in part.session.execute(
            select(CommitteeMembership.organization_id, CommitteeMembership.member_id)
            .where(CommitteeMembership.role == CommitteeRole.SECRETARY, CommitteeMembership.end_date.is_(None)))}
        quorum_rules = {month: quorum_share(MeetingKind.CELL_REGULAR, month, part.rules) for month in _months(self.today)}
        self.quorum: dict[dt.date, Share] = quorum_rules
        self.sequences: dict[tuple[int, int], int] = defaultdict(int)

    def flush(self, force: bool = False) -> None:
        if not force and len(self.rows[MeetingAttendance]) < _CHUNK:
            return
        self.part.check_cancelled()
        for entity in (Meeting, MeetingAttendance, MeetingAgendaItem, MeetingVote, MeetingResolution,
                       MeetingResolutionTask):
            if self.rows[entity]:
                self.part.insert(entity, self.rows[entity])
                self.rows[entity] = []

    def cell(self, cell_id: int, members: list[_Member], weak: bool) -> None:
        """A year of meetings of one cell; `members`: everyone who belonged to it at some time."""
        missed_month = WEAK_MISSED_MONTH if weak else 0.0
        missed_thematic = WEAK_MISSED_THEMATIC if weak else MISSED_THEMATIC
        for month in _months(self.today):
            is_current = (month.year, month.month) == (self.today.year, self.today.month)
            quarter_end = month.month % 3 == 0
            if self.rng.random() < missed_month and not is_current:
                continue
            day = month.replace(day=self.rng.choice((3, 5, 8, 10, 12, 15)))
            if day > self.today:
                continue
            thematic_needed = quarter_end and self.rng.random() >= missed_thematic
            combined = thematic_needed and self.rng.random() < COMBINED_THEMATIC_SHARE
            draft = is_current
            self.meeting(cell_id, members, MeetingKind.CELL_REGULAR, day, combined, draft)
            if thematic_needed and not combined:
                thematic_day = day + dt.timedelta(days=self.rng.choice((7, 10, 14)))
                if thematic_day <= self.today:
                    self.meeting(cell_id, members, MeetingKind.CELL_THEMATIC, thematic_day, False, draft)
        self.flush()

    def meeting(self, cell_id: int, members: list[_Member], kind: MeetingKind, day: dt.date, combined: bool,
                draft: bool) -> None:
        listed = [m for m in members if m.on_register(day) and m.cell_on(day) == cell_id]
        if not listed:
            return
        rng = self.rng
        meeting_id = self.next_meeting
        self.next_meeting += 1
        statuses = []
        for member in listed:
            if member.exempted_on(day):
                statuses.append((member, AttendanceStatus.EXEMPTED, None))
            elif member.away_on(day):
                statuses.append((member, AttendanceStatus.AWAY_TEMPORARY, None))
            else:
                roll = rng.random()
                if roll < 0.07:
                    statuses.append((member, AttendanceStatus.ABSENT_EXCUSED, rng.choice(_ABSENCE_REASONS)))
                elif roll < 0.08:
                    statuses.append((member, AttendanceStatus.ABSENT_UNEXCUSED, None))
                else:
                    statuses.append((member, AttendanceStatus.PRESENT, None))
        present = [m for m, status, _reason in statuses if status is AttendanceStatus.PRESENT]
        present_official = [m for m in present if m.official_on(day)]
        base = sum(1 for m, status, _reason in statuses if m.official_on(day) and status.is_expected)
        quorum = self.quorum.get(day.replace(day=1)) or quorum_share(kind, day, self.part.rules)
        if len(present) < 2 or not quorum.reached(len(present_official), base):
            draft = True  # the roll call would not let these minutes be signed
        expected = sum(1 for _m, status, _reason in statuses if status.is_expected)
        secretary = self.secretaries.get(cell_id)
        chair_id = secretary if secretary in {m.id for m in present} else present[0].id if present else None
        minutes_by = next((m.id for m in present if m.id != chair_id), None)
        start = dt.time(rng.choice((7, 8, 14, 15)), rng.choice((0, 30)))
        minutes = 150 if combined or kind is MeetingKind.CELL_THEMATIC else rng.choice((95, 110, 120))
        end = (dt.datetime.combine(day, start) + dt.timedelta(minutes=minutes)).time()
        theme = rng.choice(_THEMES)
        month_text = f"{day.month:02d}/{day.year}"
        topic = theme if kind is MeetingKind.CELL_THEMATIC or combined else None
        finalised_at = None if draft else dt.datetime.combine(day + dt.timedelta(days=1), dt.time(9, 0))
        self.rows[Meeting].append({
            "id": meeting_id, "organization_id": cell_id, "kind": kind,
            "state": MeetingState.DRAFT if draft else MeetingState.FINALISED, "meeting_date": day,
            "month_key": month_key(day), "quarter_key": quarter_key(day), "includes_thematic": combined,
            "start_time": start, "end_time": end, "place": "Phòng họp cơ quan", "topic": topic,
            "chair_member_id": chair_id, "secretary_member_id": minutes_by,
            "invitation_sent_on": day - dt.timedelta(days=5), "documents_published_on": day - dt.timedelta(days=4),
            "minutes_approved_for": None if draft else len(present_official), "notes": None,
            "expected_count": None if draft else expected, "present_count": None if draft else len(present),
            "finalised_at": finalised_at, "finalised_by": None if draft else _OFFICE, "version": 1,
        })
        for member, status, reason in statuses:
            self.rows[MeetingAttendance].append({
                "id": self.next_attendance, "meeting_id": meeting_id, "member_id": member.id, "status": status,
                "reason": reason, "official": member.official_on(day)})
            self.next_attendance += 1
        if kind is MeetingKind.CELL_THEMATIC:
            items = [(f"Sinh hoạt chuyên đề: {theme}", "Đồng chí báo cáo viên trình bày nội dung chuyên đề.",
                      "Chi bộ thống nhất các giải pháp thực hiện chuyên đề trong quý tới.")]
        else:
            items = [(f"Đánh giá kết quả thực hiện nhiệm vụ tháng {month_text}", self._discussion(present),
                      "Chi bộ hoàn thành các nhiệm vụ trọng tâm của tháng; khắc phục những tồn tại đã nêu."),
                     ("Phương hướng, nhiệm vụ tháng tới", self._discussion(present),
                      "Chi bộ thống nhất phương hướng và phân công đảng viên thực hiện.")]
        for position, (title, discussion, conclusion) in enumerate(items, start=1):
            self.rows[MeetingAgendaItem].append({
                "id": self.next_item, "meeting_id": meeting_id, "position": position, "title": title,
                "discussion": discussion, "conclusion": conclusion})
            self.next_item += 1
        if kind is not MeetingKind.CELL_REGULAR:
            return
        against = 1 if len(present_official) > 6 and rng.random() < 0.1 else 0
        self.rows[MeetingVote].append({
            "id": self.next_vote, "meeting_id": meeting_id, "position": 1,
            "subject": f"Thông qua nghị quyết sinh hoạt chi bộ tháng {month_text}", "method": VoteMethod.SHOW_OF_HANDS,
            "threshold": VoteThreshold.MAJORITY, "votes_for": len(present_official) - against,
            "votes_against": against, "votes_abstain": 0, "adopts_resolution": True})
        self.next_vote += 1
        sequence = None
        if not draft:
            self.sequences[(cell_id, day.year)] += 1
            sequence = self.sequences[(cell_id, day.year)]
        self.rows[MeetingResolution].append({
            "id": self.next_resolution, "meeting_id": meeting_id, "organization_id": cell_id, "year": day.year,
            "sequence": sequence, "subject": f"Nghị quyết sinh hoạt chi bộ tháng {month_text}",
            "body": "Chi bộ tập trung lãnh đạo thực hiện tốt nhiệm vụ chính trị của cơ quan, đơn vị; "
                    "giữ vững nền nếp sinh hoạt; phân công đảng viên phụ trách từng nhiệm vụ."})
        self._tasks(self.next_resolution, day, present_official)
        self.next_resolution += 1

    def _tasks(self, resolution_id: int, day: dt.date, owners: list[_Member]) -> None:
        """Two tasks due by the 25th of the next month; most done on time, some running late."""
        rng = self.rng
        next_month = dt.date(day.year + day.month // 12, day.month % 12 + 1, 25)
        for position, description in enumerate(rng.sample(_TASKS, 2), start=1):
            done_on = None
            if next_month < self.today and rng.random() < TASKS_DONE_SHARE:
                done_on = next_month - dt.timedelta(days=rng.randint(0, 20))
            self.rows[MeetingResolutionTask].append({
                "id": self.next_task, "resolution_id": resolution_id, "position": position,
                "description": description, "owner_member_id": rng.choice(owners).id if owners else None,
                "due_date": next_month, "done_on": done_on,
                "done_note": "Đã hoàn thành, báo cáo chi bộ" if done_on else None})
            self.next_task += 1

    def _discussion(self, present: list[_Member]) -> str:
        speakers = self.rng.sample(present, k=min(2, len(present)))
        return "\n".join(f"Đồng chí {m.name} {self.rng.choice(_SPEAKERS)}" for m in speakers)


def write(part: DemoPart) -> None:
    writer = _Writer(part)
    members = _members_by_cell(part)
    cells = [node.id for node in part.nodes if node.kind.is_cell]
    weak = set(writer.rng.sample(cells, max(1, round(WEAK_CELL_SHARE * len(cells)))))
    for cell_id in cells:
        writer.cell(cell_id, members.get(cell_id, []), cell_id in weak)
    writer.flush(force=True)
    part.tables_with_ids.extend(entity.__table__ for entity in (
        Meeting, MeetingAttendance, MeetingAgendaItem, MeetingVote, MeetingResolution, MeetingResolutionTask))

