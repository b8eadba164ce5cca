"""Rules of a meeting record (domain spec §4.2, §4.3): attendance totals, quorum, votes, the
checks before saving and before finalising, and the warnings that do not block.

Pure functions over a `MeetingDraft` and the attendance list the service builds; every
number comes from the rule table as of the meeting date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.models.enums import OrgKind
from desktop.models.meetings import (
    NAME_LENGTH,
    POST_LENGTH,
    TEXT_LENGTH,
    AttendanceStatus,
    GuestKind,
    MeetingKind,
    VoteMethod,
    VoteThreshold,
)
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode


@dataclass(frozen=True)
class AttendanceLine:
    member_id: int
    status: AttendanceStatus
    reason: str | None = None


@dataclass(frozen=True)
class GuestLine:
    full_name: str
    post: str | None = None
    kind: GuestKind = GuestKind.GUEST


@dataclass(frozen=True)
class AgendaLine:
    title: str
    discussion: str | None = None
    conclusion: str | None = None


@dataclass(frozen=True)
class VoteLine:
    subject: str
    votes_for: int
    votes_against: int = 0
    votes_abstain: int = 0
    method: VoteMethod = VoteMethod.SHOW_OF_HANDS
    threshold: VoteThreshold = VoteThreshold.MAJORITY
    adopts_resolution: bool = False


@dataclass(frozen=True)
class ResolutionTaskLine:
    """Phân công thực hiện: a task of the resolution, its owner among the members listed."""

    description: str
    owner_member_id: int | None = None
    due_date: dt.date | None = None


@dataclass(frozen=True)
class ResolutionLine:
    subject: str
    body: str | None = None
    tasks: tuple[ResolutionTaskLine, ...] = ()


@dataclass(frozen=True)
class MeetingDraft:
    """Everything the meeting form edits, saved in one transaction."""

    organization_id: int
    kind: MeetingKind
    meeting_date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str | None = None
    topic: str | None = None
    includes_thematic: bool = False
    chair_member_id: int | None = None
    secretary_member_id: int | None = None
    invitation_sent_on: dt.date | None = None
    documents_published_on: dt.date | None = None
    minutes_approved_for: int | None = None
    notes: str | None = None
    attendance: tuple[AttendanceLine, ...] = ()
    guests: tuple[GuestLine, ...] = ()
    agenda: tuple[AgendaLine, ...] = ()
    votes: tuple[VoteLine, ...] = ()
    resolution: ResolutionLine | None = None


@dataclass(frozen=True)
class RosterEntry:
    """A member expected at the meeting, as of the meeting date."""

    member_id: int
    full_name: str
    official: bool
    exempted: bool = False
    away: bool = False

    @property
    def default_status(self) -> AttendanceStatus:
        if self.exempted:
            return AttendanceStatus.EXEMPTED
        if self.away:
            return AttendanceStatus.AWAY_TEMPORARY
        return AttendanceStatus.PRESENT


@dataclass(frozen=True)
class Share:
    """A fraction of a base that a count must reach: more than it (strict) or at least it."""

    numerator: int
    denominator: int
    strict: bool

    @classmethod
    def from_rule(cls, value: dict) -> Share:  # type: ignore[type-arg]
        numerator, denominator = (int(part) for part in value["share"])
        return cls(numerator, denominator, bool(value["strict"]))

    def reached(self, count: int, base: int) -> bool:
        if base <= 0:
            return False
        if self.strict:
            return count * self.denominator > self.numerator * base
        return count * self.denominator >= self.numerator * base

    def needed(self, base: int) -> int:
        """The smallest count that reaches the share of `base`."""
        if self.strict:
            return self.numerator * base // self.denominator + 1
        return -(-self.numerator * base // self.denominator)

    @property
    def text(self) -> str:
        return f"{self.numerator}/{self.denominator}"


@dataclass(frozen=True)
class AttendanceTotals:
    """The attendance block of the minutes (§4.3)."""

    total: int
    official: int
    probationary: int
    exempted: int
    away: int
    present: int
    present_official: int
    absent_excused: int
    absent_unexcused: int
    # Official members on the list, less the exempted and those away: the base of the quorum
    # and of every vote (R-MTG-5).
    official_base: int

    @property
    def expected(self) -> int:
        """Members expected to attend: the attendance rate is present / expected."""
        return self.total - self.exempted - self.away

    @property
    def voters(self) -> int:
        """Official members present: probationary members do not vote (R-MTG-4)."""
        return self.present_official


def attendance_totals(lines: Sequence[AttendanceLine], official_of: dict[int, bool]) -> AttendanceTotals:
    statuses = [(line.status, official_of.get(line.member_id, False)) for line in lines]
    official = sum(1 for _, is_official in statuses if is_official)

    def count(status: AttendanceStatus, official_only: bool = False) -> int:
        return sum(1 for s, is_official in statuses if s is status and (is_official or not official_only))

    official_out = count(AttendanceStatus.EXEMPTED, True) + count(AttendanceStatus.AWAY_TEMPORARY, True)
    return AttendanceTotals(
        total=len(statuses), official=official, probationary=len(statuses) - official,
        exempted=count(AttendanceStatus.EXEMPTED), away=count(AttendanceStatus.AWAY_TEMPORARY),
        present=count(AttendanceStatus.PRESENT), present_official=count(AttendanceStatus.PRESENT, True),
        absent_excused=count(AttendanceStatus.ABSENT_EXCUSED),
        absent_unexcused=count(AttendanceStatus.ABSENT_UNEXCUSED),
        official_base=official - official_out,
    )


def quorum_share(kind: MeetingKind, on: dt.date, rules: RuleBook) -> Share:
    """R-MTG-6: the share of official members who must be present for the meeting to be valid."""
    table = rules.value(RuleCode.MEETING_QUORUM, on)
    if kind is MeetingKind.CELL_CONGRESS:
        return Share.from_rule(table["CONGRESS"])
    if kind.is_committee:
        return Share.from_rule(table["COMMITTEE"])
    return Share.from_rule(table["CELL"])


def vote_share(threshold: VoteThreshold, on: dt.date, rules: RuleBook) -> Share:
    return Share.from_rule(rules.value(RuleCode.MEETING_VOTE_THRESHOLDS, on)[threshold.value])


@dataclass(frozen=True)
class VoteResult:
    line: VoteLine
    share: Share
    base: int
    voters: int

    @property
    def adopted(self) -> bool:
        return self.share.reached(self.line.votes_for, self.base)

    @property
    def percent_of_base(self) -> float:
        return 100.0 * self.line.votes_for / self.base if self.base else 0.0


def vote_results(draft: MeetingDraft, totals: AttendanceTotals, rules: RuleBook) -> list[VoteResult]:
    return [VoteResult(line, vote_share(line.threshold, draft.meeting_date, rules), totals.official_base,
                       totals.voters) for line in draft.votes]


def kind_allowed(kind: MeetingKind, org_kind: OrgKind) -> bool:
    return org_kind.is_cell or not kind.for_cells_only


def _length(field_name: str, value: str | None, limit: int, row: int | None = None) -> list[Problem]:
    if value and len(value) > limit:
        params: dict = {"max": limit}  # type: ignore[type-arg]
        if row is not None:
            params["row"] = row
        return [Problem(field_name, ProblemCode.TEXT_TOO_LONG, params)]
    return []


@dataclass(frozen=True)
class MeetingContext:
    """What the checks need from the database: the organisation's kind and the roster."""

    org_kind: OrgKind
    roster: dict[int, RosterEntry] = field(default_factory=dict)


def _person_problems(draft: MeetingDraft, context: MeetingContext) -> list[Problem]:
    problems: list[Problem] = []
    status = {line.member_id: line.status for line in draft.attendance}
    for field_name, member_id in (("chair_member_id", draft.chair_member_id),
                                  ("secretary_member_id", draft.secretary_member_id)):
        if member_id is None:
            continue
        if member_id not in context.roster:
            problems.append(Problem(field_name, ProblemCode.MEETING_PERSON_NOT_ON_LIST))
        elif status.get(member_id, AttendanceStatus.PRESENT) is not AttendanceStatus.PRESENT:
            problems.append(Problem(field_name, ProblemCode.MEETING_PERSON_NOT_PRESENT,
                                    {"name": context.roster[member_id].full_name}))
    if draft.chair_member_id is not None and draft.chair_member_id == draft.secretary_member_id:
        problems.append(Problem("secretary_member_id", ProblemCode.MEETING_CHAIR_IS_SECRETARY))
    return problems


def _attendance_problems(draft: MeetingDraft, context: MeetingContext) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[int] = set()
    for line in draft.attendance:
        entry = context.roster.get(line.member_id)
        if entry is None or line.member_id in seen:
            problems.append(Problem("attendance", ProblemCode.MEETING_ATTENDEE_NOT_ON_LIST,
                                    {"member_id": line.member_id}))
            continue
        seen.add(line.member_id)
        if line.status is AttendanceStatus.ABSENT_EXCUSED and not line.reason:
            problems.append(Problem("attendance", ProblemCode.MEETING_ABSENCE_REASON_REQUIRED,
                                    {"name": entry.full_name}))
        problems += _length("attendance", line.reason, TEXT_LENGTH)
    return problems


def _vote_problems(draft: MeetingDraft, totals: AttendanceTotals) -> list[Problem]:
    problems: list[Problem] = []
    for row, vote in enumerate(draft.votes, start=1):
        if not vote.subject:
            problems.append(Problem("votes", ProblemCode.MEETING_ROW_TEXT_REQUIRED, {"row": row}))
        problems += _length("votes", vote.subject, TEXT_LENGTH, row)
        counts = (vote.votes_for, vote.votes_against, vote.votes_abstain)
        if any(count < 0 for count in counts):
            problems.append(Problem("votes", ProblemCode.MEETING_VOTE_NEGATIVE, {"row": row}))
        elif sum(counts) > totals.voters:
            problems.append(Problem("votes", ProblemCode.MEETING_VOTES_ABOVE_VOTERS,
                                    {"row": row, "voters": totals.voters, "cast": sum(counts)}))
    if sum(1 for vote in draft.votes if vote.adopts_resolution) > 1:
        problems.append(Problem("votes", ProblemCode.MEETING_TWO_RESOLUTION_VOTES))
    approved = draft.minutes_approved_for
    if approved is not None and not 0 <= approved <= totals.voters:
        problems.append(Problem("minutes_approved_for", ProblemCode.MEETING_VOTES_ABOVE_VOTERS,
                                {"voters": totals.voters, "cast": approved}))
    return problems


def _text_problems(draft: MeetingDraft) -> list[Problem]:
    problems = _length("place", draft.place, TEXT_LENGTH) + _length("topic", draft.topic, TEXT_LENGTH)
    for row, guest in enumerate(draft.guests, start=1):
        if not guest.full_name:
            problems.append(Problem("guests", ProblemCode.MEETING_ROW_TEXT_REQUIRED, {"row": row}))
        problems += _length("guests", guest.full_name, NAME_LENGTH, row)
        problems += _length("guests", guest.post, POST_LENGTH, row)
    for row, item in enumerate(draft.agenda, start=1):
        if not item.title:
            problems.append(Problem("agenda", ProblemCode.MEETING_ROW_TEXT_REQUIRED, {"row": row}))
        problems += _length("agenda", item.title, TEXT_LENGTH, row)
    if draft.resolution is not None:
        if not draft.resolution.subject:
            problems.append(Problem("resolution", ProblemCode.REQUIRED))
        problems += _length("resolution", draft.resolution.subject, TEXT_LENGTH)
    return problems


def _task_problems(draft: MeetingDraft, context: MeetingContext) -> list[Problem]:
    problems: list[Problem] = []
    tasks = draft.resolution.tasks if draft.resolution is not None else ()
    for row, task in enumerate(tasks, start=1):
        if not task.description:
            problems.append(Problem("resolution_tasks", ProblemCode.MEETING_ROW_TEXT_REQUIRED, {"row": row}))
        problems += _length("resolution_tasks", task.description, TEXT_LENGTH, row)
        if task.owner_member_id is not None and task.owner_member_id not in context.roster:
            problems.append(Problem("resolution_tasks", ProblemCode.MEETING_TASK_OWNER_NOT_LISTED, {"row": row}))
        if task.due_date is not None and task.due_date < draft.meeting_date:
            problems.append(Problem("resolution_tasks", ProblemCode.MEETING_TASK_DUE_BEFORE_MEETING, {"row": row}))
    return problems


def check_task_done(meeting_date: dt.date, finalised: bool, done_on: dt.date, today: dt.date,
                    note: str | None = None) -> list[Problem]:
    """A task is followed up once the minutes adopting it are signed, on a day between the
    meeting and today."""
    problems = _length("done_note", note, TEXT_LENGTH)
    if not finalised:
        problems.append(Problem("done_on", ProblemCode.MEETING_TASK_NEEDS_ADOPTED_RESOLUTION))
    if done_on < meeting_date:
        problems.append(Problem("done_on", ProblemCode.MEETING_TASK_DONE_BEFORE_MEETING))
    if done_on > today:
        problems.append(Problem("done_on", ProblemCode.DATE_IN_FUTURE))
    return problems


def check_meeting(draft: MeetingDraft, context: MeetingContext) -> list[Problem]:
    """What refuses saving a draft: the record would be wrong, not merely incomplete."""
    problems: list[Problem] = []
    if not kind_allowed(draft.kind, context.org_kind):
        problems.append(Problem("kind", ProblemCode.MEETING_KIND_NOT_FOR_ORGANIZATION))
    if draft.includes_thematic and draft.kind is not MeetingKind.CELL_REGULAR:
        problems.append(Problem("includes_thematic", ProblemCode.MEETING_THEMATIC_ONLY_WITH_REGULAR))
    if draft.start_time and draft.end_time and draft.end_time <= draft.start_time:
        problems.append(Problem("end_time", ProblemCode.MEETING_END_NOT_AFTER_START))
    problems += _person_problems(draft, context)
    problems += _attendance_problems(draft, context)
    totals = attendance_totals(draft.attendance, {k: v.official for k, v in context.roster.items()})
    problems += _vote_problems(draft, totals)
    problems += _text_problems(draft)
    problems += _task_problems(draft, context)
    return problems


def check_finalise(draft: MeetingDraft, context: MeetingContext, today: dt.date,
                   rules: RuleBook) -> list[Problem]:
    """What a meeting needs before its minutes are signed, on top of check_meeting."""
    problems = check_meeting(draft, context)
    if draft.meeting_date > today:
        problems.append(Problem("meeting_date", ProblemCode.DATE_IN_FUTURE))
    for name in ("start_time", "end_time", "place", "chair_member_id", "secretary_member_id"):
        if getattr(draft, name) in (None, ""):
            problems.append(Problem(name, ProblemCode.REQUIRED))
    listed = {line.member_id for line in draft.attendance}
    missing = [entry.full_name for member_id, entry in context.roster.items() if member_id not in listed]
    if missing:
        problems.append(Problem("attendance", ProblemCode.MEETING_ATTENDANCE_INCOMPLETE,
                                {"count": len(missing), "names": ", ".join(missing[:5])}))
    if not draft.agenda:
        problems.append(Problem("agenda", ProblemCode.MEETING_AGENDA_REQUIRED))
    if draft.minutes_approved_for is None:
        problems.append(Problem("minutes_approved_for", ProblemCode.REQUIRED))
    totals = attendance_totals(draft.attendance, {k: v.official for k, v in context.roster.items()})
    quorum = quorum_share(draft.kind, draft.meeting_date, rules)
    if not quorum.reached(totals.present_official, totals.official_base):
        problems.append(Problem("attendance", ProblemCode.MEETING_QUORUM_NOT_REACHED, {
            "present": totals.present_official, "base": totals.official_base, "share": quorum.text,
            "strict": quorum.strict, "needed": quorum.needed(totals.official_base)}))
    if draft.resolution is not None:
        adopting = [result for result in vote_results(draft, totals, rules) if result.line.adopts_resolution]
        if not adopting:
            problems.append(Problem("resolution", ProblemCode.MEETING_RESOLUTION_WITHOUT_VOTE))
        elif not adopting[0].adopted:
            result = adopting[0]
            problems.append(Problem("resolution", ProblemCode.MEETING_RESOLUTION_NOT_ADOPTED, {
                "votes_for": result.line.votes_for, "base": result.base, "share": result.share.text,
                "strict": result.share.strict, "needed": result.share.needed(result.base)}))
    return problems


def duration_minimum(draft: MeetingDraft, rules: RuleBook) -> int | None:
    """R-MTG-1: the shortest a cell's regular or thematic meeting may last (None: no minimum)."""
    if draft.kind not in (MeetingKind.CELL_REGULAR, MeetingKind.CELL_THEMATIC):
        return None
    code = RuleCode.MEETING_COMBINED_MIN_MINUTES if draft.includes_thematic else RuleCode.MEETING_MIN_MINUTES
    return int(rules.value(code, draft.meeting_date))


def duration_minutes(start: dt.time, end: dt.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def meeting_warnings(draft: MeetingDraft, rules: RuleBook) -> list[Problem]:
    """Shown to the clerk, never blocking (R-MTG-1, R-MTG-2)."""
    warnings: list[Problem] = []
    minimum = duration_minimum(draft, rules)
    if minimum is not None and draft.start_time and draft.end_time:
        minutes = duration_minutes(draft.start_time, draft.end_time)
        if 0 < minutes < minimum:
            warnings.append(Problem("end_time", ProblemCode.MEETING_SHORTER_THAN_MINIMUM,
                                    {"minutes": minutes, "minimum": minimum}))
    if draft.kind is MeetingKind.CELL_REGULAR:
        days = int(rules.value(RuleCode.DOCS_PUBLISH_DAYS_BEFORE, draft.meeting_date))
        published = draft.documents_published_on
        if published is None or (draft.meeting_date - published).days < days:
            warnings.append(Problem("documents_published_on", ProblemCode.MEETING_DOCUMENTS_LATE,
                                    {"days": days}))
    return warnings


# Compliance periods (the compliance view): calendar months and quarters.

def month_key(day: dt.date) -> int:
    return day.year * 100 + day.month


def quarter_key(day: dt.date) -> int:
    return day.year * 10 + (day.month - 1) // 3 + 1


def months_between(first: dt.date, last: dt.date) -> list[int]:
    """The month keys of every calendar month the period touches."""
    keys: list[int] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        keys.append(year * 100 + month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def quarters_within(first: dt.date, last: dt.date) -> list[int]:
    """The quarter keys of the quarters whose three months the period touches in full: a
    period of one month does not demand that quarter's thematic meeting."""
    quarters: dict[int, int] = {}
    for key in months_between(first, last):
        quarter = quarter_key(dt.date(key // 100, key % 100, 1))
        quarters[quarter] = quarters.get(quarter, 0) + 1
    return [quarter for quarter, count in quarters.items() if count == 3]


def months_of_quarter(quarter: int) -> list[int]:
    year, q = divmod(quarter, 10)
    return [year * 100 + month for month in range(3 * q - 2, 3 * q + 1)]
