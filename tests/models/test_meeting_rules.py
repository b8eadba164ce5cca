"""The pure rules of a meeting record: attendance totals, quorum, votes, finalising, warnings,
and the months and quarters of the compliance view."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from desktop.models.enums import OrgKind
from desktop.models.meeting_rules import (
    AgendaLine,
    AttendanceLine,
    MeetingContext,
    MeetingDraft,
    ResolutionLine,
    RosterEntry,
    VoteLine,
    attendance_totals,
    check_finalise,
    check_meeting,
    meeting_warnings,
    months_between,
    quarters_within,
    vote_results,
)
from desktop.models.meetings import AttendanceStatus, MeetingKind, VoteThreshold
from desktop.models.problems import ProblemCode
from desktop.models.rules import RuleBook
from desktop.texts import problem_message

FOUNDED = dt.date(1930, 2, 3)
DAY = dt.date(2026, 10, 15)
TODAY = dt.date(2026, 11, 21)

P = AttendanceStatus.PRESENT
EXCUSED = AttendanceStatus.ABSENT_EXCUSED
UNEXCUSED = AttendanceStatus.ABSENT_UNEXCUSED


def _rules() -> RuleBook:
    values = {
        "MEETING_QUORUM": {"CELL": {"share": [1, 2], "strict": True},
                           "COMMITTEE": {"share": [2, 3], "strict": False},
                           "CONGRESS": {"share": [2, 3], "strict": False}},
        "MEETING_VOTE_THRESHOLDS": {"MAJORITY": {"share": [1, 2], "strict": True},
                                    "TWO_THIRDS": {"share": [2, 3], "strict": False}},
        "MEETING_MIN_MINUTES": 90, "MEETING_COMBINED_MIN_MINUTES": 120, "DOCS_PUBLISH_DAYS_BEFORE": 1,
    }
    return RuleBook.from_rows([(code, FOUNDED, None, json.dumps(value)) for code, value in values.items()])


def _roster(official: int, probationary: int = 0, exempted: int = 0) -> dict[int, RosterEntry]:
    """Members 1..official are official (the last `exempted` of them exempted), then probationary."""
    roster = {}
    for number in range(1, official + probationary + 1):
        is_official = number <= official
        roster[number] = RosterEntry(number, f"Đảng viên {number}", is_official,
                                     exempted=is_official and number > official - exempted)
    return roster


def _draft(roster: dict[int, RosterEntry], absent: dict[int, AttendanceStatus] | None = None,
           **changes) -> MeetingDraft:  # type: ignore[no-untyped-def]
    absent = absent or {}
    attendance = tuple(
        AttendanceLine(member_id, absent.get(member_id, entry.default_status),
                       "Đi công tác" if absent.get(member_id) is EXCUSED else None)
        for member_id, entry in roster.items())
    draft = MeetingDraft(
        organization_id=7, kind=MeetingKind.CELL_REGULAR, meeting_date=DAY,
        start_time=dt.time(14, 0), end_time=dt.time(16, 0), place="Hội trường",
        chair_member_id=1, secretary_member_id=2, documents_published_on=DAY - dt.timedelta(days=2),
        minutes_approved_for=3, attendance=attendance, agenda=(AgendaLine("Đánh giá tháng 9"),),
    )
    return replace(draft, **changes)


def _codes(problems) -> set[ProblemCode]:  # type: ignore[no-untyped-def]
    return {problem.code for problem in problems}


def _context(roster: dict[int, RosterEntry]) -> MeetingContext:
    return MeetingContext(OrgKind.SUBORDINATE_CELL, roster)


def test_totals_separate_official_probationary_exempted_and_absent() -> None:
    roster = _roster(official=8, probationary=2, exempted=1)
    draft = _draft(roster, {3: EXCUSED, 9: UNEXCUSED})
    totals = attendance_totals(draft.attendance, {k: v.official for k, v in roster.items()})
    assert (totals.total, totals.official, totals.probationary) == (10, 8, 2)
    assert (totals.exempted, totals.present, totals.absent_excused, totals.absent_unexcused) == (1, 7, 1, 1)
    # 8 official less 1 exempted; 6 official present (member 3 absent, member 8 exempted).
    assert (totals.official_base, totals.voters, totals.expected) == (7, 6, 9)


def test_quorum_is_more_than_half_of_the_official_members_not_exempted() -> None:
    roster = _roster(official=8)
    # 4 of 8 present is exactly half: not more than half.
    half = _draft(roster, {5: UNEXCUSED, 6: UNEXCUSED, 7: UNEXCUSED, 8: UNEXCUSED})
    [problem] = [p for p in check_finalise(half, _context(roster), TODAY, _rules())
                 if p.code is ProblemCode.MEETING_QUORUM_NOT_REACHED]
    assert problem.params["needed"] == 5
    assert "có mặt 4/8" in problem_message(problem) and "ít nhất 5" in problem_message(problem)
    five = _draft(roster, {6: UNEXCUSED, 7: UNEXCUSED, 8: UNEXCUSED})
    assert ProblemCode.MEETING_QUORUM_NOT_REACHED not in _codes(check_finalise(five, _context(roster), TODAY, _rules()))


def test_exempted_members_leave_the_quorum_base() -> None:
    roster = _roster(official=8, exempted=2)
    # 4 present of a base of 6 official members is more than half.
    draft = _draft(roster, {5: UNEXCUSED, 6: UNEXCUSED})
    assert ProblemCode.MEETING_QUORUM_NOT_REACHED not in _codes(check_finalise(draft, _context(roster), TODAY, _rules()))


def test_a_committee_meeting_needs_two_thirds() -> None:
    roster = _roster(official=9)
    six = _draft(roster, {7: UNEXCUSED, 8: UNEXCUSED, 9: UNEXCUSED}, kind=MeetingKind.COMMITTEE_REGULAR)
    five = _draft(roster, {6: UNEXCUSED, 7: UNEXCUSED, 8: UNEXCUSED, 9: UNEXCUSED}, kind=MeetingKind.COMMITTEE_REGULAR)
    context = MeetingContext(OrgKind.GRASSROOTS_COMMITTEE, roster)
    assert ProblemCode.MEETING_QUORUM_NOT_REACHED not in _codes(check_finalise(six, context, TODAY, _rules()))
    assert ProblemCode.MEETING_QUORUM_NOT_REACHED in _codes(check_finalise(five, context, TODAY, _rules()))


def test_probationary_members_do_not_vote() -> None:
    roster = _roster(official=5, probationary=3)
    # 8 present, 5 of them official: 6 ballots are one too many.
    draft = _draft(roster, votes=(VoteLine("Nghị quyết tháng 10", votes_for=6),))
    [problem] = [p for p in check_meeting(draft, _context(roster)) if p.code is ProblemCode.MEETING_VOTES_ABOVE_VOTERS]
    assert problem.params["voters"] == 5
    assert "dự bị không biểu quyết" in problem_message(problem)
    fine = replace(draft, votes=(VoteLine("Nghị quyết tháng 10", votes_for=4, votes_against=1),))
    assert check_meeting(fine, _context(roster)) == []


def test_a_resolution_needs_more_than_half_of_the_official_members() -> None:
    roster = _roster(official=10)
    resolution = ResolutionLine("Nghị quyết sinh hoạt chi bộ tháng 10 năm 2026")
    five = _draft(roster, votes=(VoteLine("Thông qua nghị quyết", 5, 3, 2, adopts_resolution=True),),
                  resolution=resolution)
    problems = [p for p in check_finalise(five, _context(roster), TODAY, _rules())
                if p.code is ProblemCode.MEETING_RESOLUTION_NOT_ADOPTED]
    assert problems and problems[0].params["needed"] == 6
    six = replace(five, votes=(VoteLine("Thông qua nghị quyết", 6, 3, 1, adopts_resolution=True),))
    assert check_finalise(six, _context(roster), TODAY, _rules()) == []
    [result] = vote_results(six, attendance_totals(six.attendance, {k: True for k in roster}), _rules())
    assert result.adopted and round(result.percent_of_base, 2) == 60.0


def test_two_thirds_is_reached_exactly_at_the_limit() -> None:
    roster = _roster(official=9)
    totals = attendance_totals(_draft(roster).attendance, {k: True for k in roster})
    at_limit = _draft(roster, votes=(VoteLine("Đề nghị kết nạp", 6, 3, threshold=VoteThreshold.TWO_THIRDS),))
    below = _draft(roster, votes=(VoteLine("Đề nghị kết nạp", 5, 4, threshold=VoteThreshold.TWO_THIRDS),))
    assert vote_results(at_limit, totals, _rules())[0].adopted
    assert not vote_results(below, totals, _rules())[0].adopted


def test_the_chair_and_the_secretary_must_be_present_and_different() -> None:
    roster = _roster(official=6)
    draft = _draft(roster, {2: EXCUSED})
    [problem] = check_meeting(draft, _context(roster))
    assert problem.field == "secretary_member_id" and problem.code is ProblemCode.MEETING_PERSON_NOT_PRESENT
    assert "Đảng viên 2" in problem_message(problem)
    same = _draft(roster, secretary_member_id=1)
    assert _codes(check_meeting(same, _context(roster))) == {ProblemCode.MEETING_CHAIR_IS_SECRETARY}
    stranger = _draft(roster, chair_member_id=99)
    assert _codes(check_meeting(stranger, _context(roster))) == {ProblemCode.MEETING_PERSON_NOT_ON_LIST}


def test_an_excused_absence_needs_its_reason() -> None:
    roster = _roster(official=6)
    draft = _draft(roster)
    lines = list(draft.attendance)
    lines[4] = AttendanceLine(5, EXCUSED, None)
    problems = check_meeting(replace(draft, attendance=tuple(lines)), _context(roster))
    assert _codes(problems) == {ProblemCode.MEETING_ABSENCE_REASON_REQUIRED}
    assert "Đảng viên 5" in problem_message(problems[0])


def test_finalising_needs_the_whole_attendance_an_agenda_and_the_approval() -> None:
    roster = _roster(official=6)
    draft = _draft(roster, agenda=(), minutes_approved_for=None)
    draft = replace(draft, attendance=draft.attendance[:-1])
    codes = _codes(check_finalise(draft, _context(roster), TODAY, _rules()))
    assert {ProblemCode.MEETING_ATTENDANCE_INCOMPLETE, ProblemCode.MEETING_AGENDA_REQUIRED,
            ProblemCode.REQUIRED} <= codes
    # A draft may stay incomplete.
    assert check_meeting(draft, _context(roster)) == []


def test_cells_only_kinds_are_refused_for_a_committee() -> None:
    roster = _roster(official=6)
    draft = _draft(roster)
    problems = check_meeting(draft, MeetingContext(OrgKind.GRASSROOTS_COMMITTEE, roster))
    assert _codes(problems) == {ProblemCode.MEETING_KIND_NOT_FOR_ORGANIZATION}


def test_a_short_meeting_and_late_documents_are_warnings() -> None:
    roster = _roster(official=6)
    short = _draft(roster, end_time=dt.time(15, 15), documents_published_on=DAY)
    warnings = meeting_warnings(short, _rules())
    assert _codes(warnings) == {ProblemCode.MEETING_SHORTER_THAN_MINIMUM, ProblemCode.MEETING_DOCUMENTS_LATE}
    assert "75 phút" in problem_message(warnings[0]) and "90 phút" in problem_message(warnings[0])
    # Combined with the thematic part, two hours is the minimum: 2 h exactly passes.
    combined = _draft(roster, includes_thematic=True)
    assert meeting_warnings(combined, _rules()) == []
    assert _codes(meeting_warnings(replace(combined, end_time=dt.time(15, 59)), _rules())) == {
        ProblemCode.MEETING_SHORTER_THAN_MINIMUM}
    # Warnings never block saving or finalising.
    assert check_finalise(short, _context(roster), TODAY, _rules()) == []


def test_months_and_whole_quarters_of_a_period() -> None:
    assert months_between(dt.date(2025, 11, 20), dt.date(2026, 2, 1)) == [202511, 202512, 202601, 202602]
    assert quarters_within(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == [20261, 20262, 20263, 20264]
    # A period that covers only part of a quarter does not demand its thematic meeting.
    assert quarters_within(dt.date(2026, 2, 1), dt.date(2026, 7, 31)) == [20262]
