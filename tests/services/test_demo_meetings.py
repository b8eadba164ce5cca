"""The demo's year of meetings keeps the rules: every finalised meeting would pass the checks
of finalising (the roll call is the cell's list on the date, the quorum, the votes), drafts only
this month, the attendance figures match the roll call, and a few cells miss some meetings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.meeting_rules import check_finalise
from desktop.models.meetings import AttendanceStatus, Meeting, MeetingAttendance, MeetingState
from desktop.models.rules import RuleBook
from desktop.services.meeting_compliance import meeting_compliance
from desktop.services.meeting_records import draft_of, load_meeting
from desktop.services.meetings import _context
from desktop.services.organizations import root_organizations
from tests.conftest import TODAY


def test_every_finalised_meeting_passes_the_checks_of_finalising(demo_database: Database) -> None:
    month_start = TODAY.replace(day=1)
    with demo_database.reading() as session:
        rules = RuleBook.load(session)
        meetings = list(session.scalars(select(Meeting).order_by(Meeting.id)))
        assert len(meetings) > 200
        for meeting in meetings:
            if meeting.state is MeetingState.DRAFT:
                assert meeting.meeting_date >= month_start
                continue
            assert dt.date(TODAY.year - 1, TODAY.month, 1) <= meeting.meeting_date < month_start
            draft = draft_of(session, meeting)
            assert check_finalise(draft, _context(session, draft), TODAY, rules) == [], meeting
            present = sum(1 for line in draft.attendance if line.status is AttendanceStatus.PRESENT)
            expected = sum(1 for line in draft.attendance if line.status.is_expected)
            assert (meeting.present_count, meeting.expected_count) == (present, expected)
        attendance = session.scalar(select(func.count(MeetingAttendance.id)))
        assert attendance and attendance > 10 * len(meetings)


def test_a_few_cells_miss_some_meetings(demo_database: Database) -> None:
    root = root_organizations(demo_database)[0].id
    last_month_end = TODAY.replace(day=1) - dt.timedelta(days=1)
    year = meeting_compliance(demo_database, root, dt.date(TODAY.year - 1, TODAY.month, 1), last_month_end)
    short = [cell for cell in year if not cell.compliant]
    assert year and 0 < len(short) < len(year) / 2 + 1
    assert all(cell.attendance_rate is not None and 80 < cell.attendance_rate <= 100 for cell in year)


def test_a_demo_meeting_reads_back_with_its_minutes(demo_database: Database) -> None:
    with demo_database.reading() as session:
        meeting_id = session.scalar(select(Meeting.id).where(Meeting.state == MeetingState.FINALISED,
                                                             Meeting.includes_thematic.is_(False)).limit(1))
    assert meeting_id is not None
    record = load_meeting(demo_database, meeting_id)
    assert record.resolution_number is not None and record.resolution_number.endswith("-NQ/CB")
    assert len(record.draft.agenda) == 2 and all(item.conclusion for item in record.draft.agenda)
    assert record.draft.chair_member_id in record.names
