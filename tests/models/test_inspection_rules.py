"""The pure rules of inspection cases on the rule rows the migration seeds: limitation periods at
their edges and exceptions, appeal and letter deadlines in working days, who may decide what,
overdue steps."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

import desktop
from desktop.models.discipline import DisciplineForm as F
from desktop.models.inspection import DecidingBodyKind as B
from desktop.models.inspection import LimitationException, StepKind
from desktop.models.inspection import TargetScope as T
from desktop.models.inspection_rules import (
    LimitationFacts,
    appeal_deadline,
    appeal_in_time,
    decision_problems,
    effect_ends_on,
    is_overdue,
    is_time_barred,
    letter_due_on,
    letter_extended_to,
    limitation_expires_on,
    limitation_warning,
    may_decide,
    step_due_dates,
)
from desktop.models.letters import LetterKind
from desktop.models.problems import ProblemCode
from desktop.models.rules import RuleBook
from desktop.models.working_days import WorkingCalendar
from desktop.texts import problem_message


def _seeded_rules() -> RuleBook:
    path = Path(desktop.__file__).parent / "db/migrations/versions/0014_inspection.py"
    spec = importlib.util.spec_from_file_location("migration_0014", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return RuleBook.from_rows(
        (code, dt.date(1930, 2, 3), None, json.dumps(value)) for code, value, *_ in module.SEED_RULES)


RULES = _seeded_rules()
CALENDAR = WorkingCalendar([dt.date(2026, 9, 2)])  # Quốc khánh


def _expires(facts: LimitationFacts, form: F, organization: bool = False) -> dt.date | None:
    return limitation_expires_on(facts, form, organization, RULES)


def test_a_reprimand_is_time_barred_a_day_after_five_years() -> None:
    facts = LimitationFacts(violation_on=dt.date(2020, 3, 10))
    expires = _expires(facts, F.REPRIMAND)
    assert expires == dt.date(2025, 3, 10)
    assert not is_time_barred(expires, dt.date(2025, 3, 10))  # exactly at the limit
    assert is_time_barred(expires, dt.date(2025, 3, 11))  # a day over


def test_warning_and_dismissal_have_ten_years_for_members_and_warning_for_organisations() -> None:
    facts = LimitationFacts(violation_on=dt.date(2016, 2, 29))
    assert _expires(facts, F.WARNING) == dt.date(2026, 2, 28)
    assert _expires(facts, F.DISMISSAL) == dt.date(2026, 2, 28)
    assert _expires(facts, F.WARNING, organization=True) == dt.date(2026, 2, 28)
    assert _expires(facts, F.REPRIMAND, organization=True) == dt.date(2021, 2, 28)


def test_expulsion_dissolution_and_the_exceptions_have_no_limitation() -> None:
    old = LimitationFacts(violation_on=dt.date(1990, 1, 1))
    assert _expires(old, F.EXPULSION) is None
    assert _expires(old, F.DISSOLUTION, organization=True) is None
    for exception in LimitationException:
        facts = LimitationFacts(violation_on=dt.date(1990, 1, 1), exception=exception)
        assert _expires(facts, F.REPRIMAND) is None
        assert not is_time_barred(None, dt.date(2026, 1, 1))
    # The illegal-diploma exception is for members: an organisation keeps its five years.
    diploma = LimitationFacts(violation_on=dt.date(2020, 1, 1), exception=LimitationException.ILLEGAL_DIPLOMA)
    assert _expires(diploma, F.REPRIMAND, organization=True) == dt.date(2025, 1, 1)


def test_the_period_runs_from_the_end_or_from_discovery_when_the_end_is_unknown() -> None:
    ended = LimitationFacts(violation_on=dt.date(2018, 1, 1), ended_on=dt.date(2019, 6, 30))
    assert _expires(ended, F.REPRIMAND) == dt.date(2024, 6, 30)
    unknown = LimitationFacts(violation_on=dt.date(2018, 1, 1), end_unknown=True,
                              discovered_on=dt.date(2021, 5, 4))
    assert _expires(unknown, F.REPRIMAND) == dt.date(2026, 5, 4)


def test_a_new_violation_within_the_period_restarts_it_and_one_after_does_not() -> None:
    within = LimitationFacts(violation_on=dt.date(2018, 1, 1), new_violation_on=dt.date(2022, 7, 1))
    assert _expires(within, F.REPRIMAND) == dt.date(2027, 7, 1)
    after = LimitationFacts(violation_on=dt.date(2018, 1, 1), new_violation_on=dt.date(2023, 1, 2))
    assert _expires(after, F.REPRIMAND) == dt.date(2023, 1, 1)


def test_days_the_member_could_not_be_handled_are_not_counted() -> None:
    facts = LimitationFacts(violation_on=dt.date(2020, 3, 10), days_not_counted=120)
    expires = _expires(facts, F.REPRIMAND)
    assert expires == dt.date(2025, 7, 8)
    assert not is_time_barred(expires, dt.date(2025, 7, 8))
    assert is_time_barred(expires, dt.date(2025, 7, 9))


def test_the_warning_starts_ninety_days_before_expiry() -> None:
    expires = dt.date(2026, 12, 31)
    assert limitation_warning(expires, dt.date(2026, 10, 2), RULES)
    assert not limitation_warning(expires, dt.date(2026, 10, 1), RULES)
    assert not limitation_warning(expires, dt.date(2027, 1, 1), RULES)  # expired: blocked, not warned
    assert not limitation_warning(None, dt.date(2026, 10, 2), RULES)


def test_the_appeal_window_is_thirty_working_days_after_the_announcement() -> None:
    # Announced Monday 24/08/2026; 02/09 is a day off, so 30 working days end on 06/10.
    deadline = appeal_deadline(dt.date(2026, 8, 24), CALENDAR, RULES)
    assert deadline == dt.date(2026, 10, 6)
    assert appeal_in_time(deadline, dt.date(2026, 10, 6))
    assert not appeal_in_time(deadline, dt.date(2026, 10, 7))


def test_a_denunciation_is_due_in_ninety_working_days_and_may_be_extended_by_thirty() -> None:
    due = letter_due_on(LetterKind.DENUNCIATION, dt.date(2026, 1, 5), WorkingCalendar(), RULES)
    assert due == dt.date(2026, 5, 11)
    assert letter_extended_to(due, WorkingCalendar(), RULES) == dt.date(2026, 6, 22)
    petition = letter_due_on(LetterKind.PETITION, dt.date(2026, 1, 5), WorkingCalendar(), RULES)
    assert petition == dt.date(2026, 2, 16)


@pytest.mark.parametrize(("body", "scope", "form", "allowed"), [
    (B.CELL, T.MEMBER, F.REPRIMAND, True),
    (B.CELL, T.COMMITTEE_MEMBER, F.WARNING, True),
    (B.CELL, T.MEMBER, F.DISMISSAL, False),
    (B.CELL, T.MEMBER, F.EXPULSION, False),
    (B.PARTIAL_COMMITTEE, T.MEMBER, F.REPRIMAND, False),
    (B.GRASSROOTS_STANDING, T.MEMBER, F.REPRIMAND, False),
    (B.GRASSROOTS_IC, T.MEMBER, F.WARNING, False),
    (B.GRASSROOTS_COMMITTEE, T.MEMBER, F.WARNING, True),
    (B.GRASSROOTS_COMMITTEE, T.SUBORDINATE_COMMITTEE_MEMBER, F.DISMISSAL, True),
    (B.GRASSROOTS_COMMITTEE, T.COMMITTEE_MEMBER, F.DISMISSAL, False),
    (B.GRASSROOTS_COMMITTEE, T.MEMBER, F.EXPULSION, False),
    (B.SUPERIOR_STANDING, T.ORGANIZATION, F.DISSOLUTION, True),
    (B.SUPERIOR_IC, T.MEMBER, F.EXPULSION, True),
    (B.SUPERIOR_IC, T.ORGANIZATION, F.WARNING, False),
])
def test_who_may_decide_which_form(body: B, scope: T, form: F, allowed: bool) -> None:
    assert may_decide(body, scope, form, dt.date(2026, 6, 1), RULES) is allowed


def test_expulsion_by_the_grassroots_committee_needs_its_authorisation_to_admit() -> None:
    on = dt.date(2026, 6, 1)
    assert may_decide(B.GRASSROOTS_COMMITTEE, T.MEMBER, F.EXPULSION, on, RULES, authorised_to_admit=True)
    # A cell never decides on violations of tasks assigned by superiors.
    assert not may_decide(B.CELL, T.MEMBER, F.REPRIMAND, on, RULES, superior_task=True)


def test_a_decision_without_authority_or_after_the_limit_is_refused_but_a_proposal_is_not() -> None:
    common = {"scope": T.MEMBER, "decided_on": dt.date(2026, 6, 1), "rules": RULES,
              "no_limitation_reason": None}
    refused = decision_problems(body=B.CELL, form=F.EXPULSION, expires_on=None, **common)
    assert [p.code for p in refused] == [ProblemCode.INSPECTION_NO_AUTHORITY]
    assert "đề nghị cấp có thẩm quyền" in problem_message(refused[0])
    assert decision_problems(body=B.CELL, form=F.EXPULSION, expires_on=None, proposal=True, **common) == []
    late = decision_problems(body=B.CELL, form=F.REPRIMAND, expires_on=dt.date(2026, 5, 31), **common)
    assert [p.code for p in late] == [ProblemCode.INSPECTION_TIME_BARRED]
    assert "31/05/2026" in problem_message(late[0])
    overridden = {**common, "no_limitation_reason": "Vi phạm bảo vệ chính trị nội bộ"}
    assert decision_problems(body=B.CELL, form=F.REPRIMAND, expires_on=dt.date(2026, 5, 31), **overridden) == []
    wrong = decision_problems(body=B.SUPERIOR_STANDING, form=F.DISSOLUTION, expires_on=None, **common)
    assert [p.code for p in wrong] == [ProblemCode.DISCIPLINE_FORM_NOT_FOR_SUBJECT]


def test_steps_fall_due_in_working_days_and_are_overdue_the_day_after() -> None:
    due = step_due_dates(dt.date(2026, 8, 31), CALENDAR, RULES)
    assert list(due) == list(StepKind)
    assert due[StepKind.DECISION] == dt.date(2026, 9, 8)  # 02/09 is off
    assert not is_overdue(due[StepKind.DECISION], None, dt.date(2026, 9, 8))
    assert is_overdue(due[StepKind.DECISION], None, dt.date(2026, 9, 9))
    assert not is_overdue(due[StepKind.DECISION], dt.date(2026, 9, 10), dt.date(2026, 9, 11))


def test_the_effect_ends_after_twelve_months() -> None:
    assert effect_ends_on(dt.date(2026, 3, 15), RULES) == dt.date(2027, 3, 15)
