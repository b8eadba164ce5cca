"""The pure rules of transfers: deadlines in working days, the temporary length, the open check."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from desktop.models.problems import ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.transfer_rules import (
    OpenTransfer,
    TransferDraft,
    check_transfer,
    is_open,
    is_overdue,
    report_deadline,
    working_days_left,
)
from desktop.models.transfers import TransferDirection, TransferKind, TransferState
from desktop.models.working_days import WorkingCalendar

FOUNDED = dt.date(1930, 2, 3)
TODAY = dt.date(2026, 11, 21)


def _rules(deadline: int = 30, months: int = 12, change: dt.date | None = None) -> RuleBook:
    rows = [("TRANSFER_REPORT_DEADLINE_WD", FOUNDED, change, str(deadline)),
            ("TEMPORARY_TRANSFER_MAX_MONTHS", FOUNDED, None, str(months))]
    if change is not None:
        rows.append(("TRANSFER_REPORT_DEADLINE_WD", change, None, "20"))
    return RuleBook.from_rows(rows)


def test_the_deadline_skips_weekends_and_days_off() -> None:
    # Monday 04/05/2026 + 5 working days with Thursday 07/05 off: Tuesday 12/05.
    calendar = WorkingCalendar({dt.date(2026, 5, 7)})
    assert report_deadline(dt.date(2026, 5, 4), calendar, _rules(deadline=5)) == dt.date(2026, 5, 12)
    assert report_deadline(dt.date(2026, 5, 4), WorkingCalendar(), _rules(deadline=5)) == dt.date(2026, 5, 11)


def test_the_deadline_follows_the_rule_in_force_on_the_letter_date() -> None:
    rules = _rules(change=dt.date(2026, 7, 1))
    calendar = WorkingCalendar()
    assert calendar.working_days_between(dt.date(2026, 6, 30), report_deadline(dt.date(2026, 6, 30), calendar, rules)) == 30
    assert calendar.working_days_between(dt.date(2026, 7, 1), report_deadline(dt.date(2026, 7, 1), calendar, rules)) == 20


def test_days_left_and_overdue() -> None:
    calendar = WorkingCalendar({dt.date(2026, 9, 2), dt.date(2026, 9, 3)})
    deadline = dt.date(2026, 9, 7)  # Monday
    assert working_days_left(deadline, dt.date(2026, 9, 1), calendar) == 2  # 04/09 and 07/09
    assert working_days_left(deadline, deadline, calendar) == 0
    assert working_days_left(deadline, dt.date(2026, 9, 9), calendar) == -2
    assert is_overdue(TransferState.ISSUED, deadline, None, dt.date(2026, 9, 8))
    assert not is_overdue(TransferState.ISSUED, deadline, None, deadline)
    assert is_overdue(TransferState.RECEIVED, deadline, dt.date(2026, 10, 1), dt.date(2026, 10, 2))
    assert not is_overdue(TransferState.RECEIVED, deadline, None, dt.date(2027, 1, 1))
    assert not is_overdue(TransferState.RETURNED, deadline, dt.date(2026, 10, 1), dt.date(2027, 1, 1))
    assert is_open(TransferState.RECEIVED, TransferKind.TEMPORARY)
    assert not is_open(TransferState.RECEIVED, TransferKind.OFFICIAL)


def _codes(draft: TransferDraft, open_transfer: OpenTransfer | None = None) -> list[tuple[str, ProblemCode]]:
    problems = check_transfer(draft, _rules(), TODAY, admission_date=dt.date(2005, 4, 15), current_cell_id=7,
                              open_transfer=open_transfer)
    return [(p.field, p.code) for p in problems]


def test_a_temporary_stay_has_an_end_within_the_limit() -> None:
    draft = TransferDraft(TransferKind.TEMPORARY, TransferDirection.OUT, dt.date(2026, 1, 31), member_id=1,
                          to_org_text="Chi bộ Học viện", reason="Đi học", letter_sequence=1)
    assert _codes(draft) == [("expected_end", ProblemCode.TRANSFER_END_REQUIRED)]
    assert _codes(replace_end(draft, dt.date(2027, 1, 31))) == []  # exactly 12 months
    assert _codes(replace_end(draft, dt.date(2027, 2, 1))) == [("expected_end", ProblemCode.TRANSFER_TOO_LONG)]
    assert _codes(replace_end(draft, dt.date(2026, 1, 31))) == [("expected_end", ProblemCode.TRANSFER_END_NOT_AFTER_START)]


def replace_end(draft: TransferDraft, end: dt.date) -> TransferDraft:
    return replace(draft, expected_end=end)


def test_one_open_transfer_and_a_destination() -> None:
    draft = TransferDraft(TransferKind.OFFICIAL, TransferDirection.INTERNAL, dt.date(2026, 3, 2), member_id=1,
                          to_org_id=7, letter_sequence=0)
    assert _codes(draft, OpenTransfer("01-GGT/ĐU", dt.date(2026, 1, 5))) == [
        ("member_id", ProblemCode.TRANSFER_OPEN_EXISTS), ("to_org_id", ProblemCode.EVENT_SAME_CELL),
        ("letter_sequence", ProblemCode.NUMBER_OUT_OF_RANGE)]
    arrival = TransferDraft(TransferKind.OFFICIAL, TransferDirection.IN, dt.date(2026, 3, 2),
                            received_date=dt.date(2026, 3, 1))
    assert _codes(arrival) == [("to_org_id", ProblemCode.CELL_REQUIRED),
                               ("from_org_text", ProblemCode.TRANSFER_SOURCE_REQUIRED),
                               ("letter_number", ProblemCode.REQUIRED),
                               ("received_date", ProblemCode.TRANSFER_DATE_BEFORE_LETTER)]
