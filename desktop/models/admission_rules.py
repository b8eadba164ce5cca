"""Rules of the admission pipeline (domain spec R-ADM-1..4, §3.2, §10.2): pure functions over
plain facts, each returning the Problems it finds. The service gathers the facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.models.admission import AdmissionState, AdmissionStep
from desktop.models.dates import add_months, full_months_between
from desktop.models.enums import MemberStatus
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.working_days import WorkingCalendar

STEP_ORDER = tuple(AdmissionStep)
# Steps whose document must carry a number (certificate, verification, resolutions, decision).
NUMBERED_STEPS = frozenset({
    AdmissionStep.COURSE_PASSED, AdmissionStep.BACKGROUND_VERIFIED, AdmissionStep.CELL_RESOLVED,
    AdmissionStep.SECTION_APPRAISED, AdmissionStep.GRASSROOTS_RESOLVED, AdmissionStep.DECIDED,
})
# Steps with a vote (for / entitled): the cell's and the grassroots committee's resolutions.
VOTED_STEPS = frozenset({AdmissionStep.CELL_RESOLVED, AdmissionStep.GRASSROOTS_RESOLVED})
OPEN_STATES = frozenset(AdmissionState) - {
    AdmissionState.ADMITTED, AdmissionState.REJECTED, AdmissionState.WITHDRAWN, AdmissionState.EXPIRED,
}
_STATE_BEFORE_FIRST_STEP = AdmissionState.CANDIDATE


def state_after(step: AdmissionStep) -> AdmissionState:
    if step is AdmissionStep.CEREMONY_HELD:
        return AdmissionState.ADMITTED
    return AdmissionState[step.name]


def steps_of(under_section: bool) -> tuple[AdmissionStep, ...]:
    """The steps a case goes through: the section's appraisal only under a section committee."""
    return tuple(step for step in STEP_ORDER if under_section or step is not AdmissionStep.SECTION_APPRAISED)


def next_step(done: list[AdmissionStep], under_section: bool) -> AdmissionStep | None:
    remaining = [step for step in steps_of(under_section) if step not in done]
    return remaining[0] if remaining else None


def state_of(done: list[AdmissionStep]) -> AdmissionState:
    return state_after(done[-1]) if done else _STATE_BEFORE_FIRST_STEP


def check_step_order(
    done: list[tuple[AdmissionStep, dt.date]], step: AdmissionStep, on: dt.date, today: dt.date,
    under_section: bool,
) -> list[Problem]:
    """Steps in the spec's order, dated no earlier than the one before, none in the future."""
    problems: list[Problem] = []
    expected = next_step([item for item, _ in done], under_section)
    if step is not expected:
        problems.append(Problem("step", ProblemCode.ADMISSION_STEP_OUT_OF_ORDER,
                                {"step": step, "expected": expected}))
    if on > today:
        problems.append(Problem("step_date", ProblemCode.DATE_IN_FUTURE))
    if done and on < done[-1][1]:
        problems.append(Problem("step_date", ProblemCode.ADMISSION_STEP_BEFORE_PREVIOUS,
                                {"previous": done[-1][1], "step": done[-1][0]}))
    return problems


def check_age(born: dt.date, on: dt.date, rules: RuleBook) -> list[Problem]:
    """R-ADM-1: 18 to 60 years old counted in months, on the day the cell considers."""
    months = full_months_between(born, on) if on > born else 0
    youngest = int(rules.value(RuleCode.MIN_AGE_MONTHS, on))
    oldest = int(rules.value(RuleCode.MAX_AGE_YEARS, on))
    if months < youngest:
        return [Problem("date_of_birth", ProblemCode.ADMISSION_TOO_YOUNG,
                        {"years": youngest // 12, "eligible": add_months(born, youngest)})]
    if months > oldest * 12:
        return [Problem("date_of_birth", ProblemCode.ADMISSION_TOO_OLD, {"years": oldest})]
    return []


def certificate_expiry(issued: dt.date, rules: RuleBook) -> dt.date:
    """The first day the course certificate is no longer valid (R-ADM-3)."""
    return add_months(issued, 12 * int(rules.value(RuleCode.COURSE_CERTIFICATE_VALID_YEARS, issued)))


def check_certificate(issued: dt.date | None, on: dt.date, rules: RuleBook) -> list[Problem]:
    """The certificate must exist and still be valid on the cell's resolution."""
    if issued is None:
        return [Problem("certificate_date", ProblemCode.ADMISSION_CERTIFICATE_MISSING)]
    expiry = certificate_expiry(issued, rules)
    if on >= expiry:
        return [Problem("certificate_date", ProblemCode.ADMISSION_CERTIFICATE_EXPIRED,
                        {"issued": issued, "expired": expiry})]
    return []


@dataclass(frozen=True)
class IntroducerFacts:
    """What the rules need to know of an introducer (a Member) and the declared co-working."""

    member_id: int
    full_name: str
    status: MemberStatus
    official_date: dt.date | None
    months_together: int | None


def check_introducers(
    introducers: list[IntroducerFacts], union_resolution: bool, on: dt.date, rules: RuleBook,
    candidate_member_id: int | None = None,
) -> list[Problem]:
    """R-ADM-4 and §3.2 state 5: two official members, or one and a union's resolution."""
    problems: list[Problem] = []
    ids = [item.member_id for item in introducers]
    if len(set(ids)) != len(ids):
        problems.append(Problem("introducers", ProblemCode.ADMISSION_INTRODUCER_TWICE))
    wanted = 1 if union_resolution else 2
    if len(introducers) != wanted:
        problems.append(Problem("introducers", ProblemCode.ADMISSION_INTRODUCER_COUNT))
    minimum = int(rules.value(RuleCode.INTRODUCER_MIN_MONTHS, on))
    for index, item in enumerate(introducers, start=1):
        field = f"introducer{index}"
        if candidate_member_id is not None and item.member_id == candidate_member_id:
            problems.append(Problem(field, ProblemCode.ADMISSION_INTRODUCER_IS_CANDIDATE))
        if item.status is not MemberStatus.FULL or item.official_date is None or item.official_date > on:
            problems.append(Problem(field, ProblemCode.ADMISSION_INTRODUCER_NOT_FULL,
                                    {"name": item.full_name, "on": on}))
        if item.months_together is None or item.months_together < minimum:
            problems.append(Problem(field, ProblemCode.ADMISSION_INTRODUCER_TOO_SHORT,
                                    {"name": item.full_name, "months": minimum}))
    return problems


def check_vote(votes_for: int | None, entitled: int, on: dt.date, rules: RuleBook) -> list[Problem]:
    """A resolution needs CELL_RESOLUTION_MAJORITY of the members entitled (the cell's official
    members, the committee's members); no more votes than voters."""
    if votes_for is None:
        return [Problem("votes_for", ProblemCode.REQUIRED)]
    if votes_for < 0 or votes_for > entitled:
        return [Problem("votes_for", ProblemCode.ADMISSION_VOTES_ABOVE_MEMBERS, {"members": entitled})]
    numerator, denominator = (int(part) for part in rules.value(RuleCode.CELL_RESOLUTION_MAJORITY, on))
    if votes_for * denominator < numerator * entitled:
        return [Problem("votes_for", ProblemCode.ADMISSION_MAJORITY_NOT_REACHED,
                        {"share": f"{numerator}/{denominator}", "members": entitled,
                         "needed": -(-numerator * entitled // denominator)})]
    return []


@dataclass(frozen=True)
class Deadline:
    """A deadline with its basis: `working_days` after `start` (the step named `after`)."""

    due: dt.date
    working_days: int
    start: dt.date
    after: AdmissionStep


def decision_deadline(resolved: dt.date, rules: RuleBook, calendar: WorkingCalendar) -> Deadline:
    days = int(rules.value(RuleCode.ADMISSION_DECISION_DEADLINE_WD, resolved))
    return Deadline(calendar.add_working_days(resolved, days), days, resolved, AdmissionStep.CELL_RESOLVED)


def ceremony_deadline(decided: dt.date, rules: RuleBook, calendar: WorkingCalendar) -> Deadline:
    days = int(rules.value(RuleCode.CEREMONY_DEADLINE_WD, decided))
    return Deadline(calendar.add_working_days(decided, days), days, decided, AdmissionStep.DECIDED)


def next_deadline(
    done: dict[AdmissionStep, dt.date], rules: RuleBook, calendar: WorkingCalendar,
) -> Deadline | None:
    """The deadline the case is waiting on: the decision after the cell's resolution, then the
    ceremony after the decision; none before the resolution or after the ceremony."""
    if AdmissionStep.CEREMONY_HELD in done:
        return None
    if AdmissionStep.DECIDED in done:
        return ceremony_deadline(done[AdmissionStep.DECIDED], rules, calendar)
    if AdmissionStep.CELL_RESOLVED in done:
        return decision_deadline(done[AdmissionStep.CELL_RESOLVED], rules, calendar)
    return None


def check_ceremony(
    held: dt.date, deadline: Deadline, late_consent: str | None, mentor: IntroducerFacts | None,
) -> list[Problem]:
    """§3.2 state 11: within the deadline unless the superior consented; a full member mentors."""
    problems: list[Problem] = []
    if held > deadline.due and not late_consent:
        problems.append(Problem("ceremony_late_consent", ProblemCode.ADMISSION_CEREMONY_LATE,
                                {"due": deadline.due, "days": deadline.working_days, "start": deadline.start}))
    if mentor is None:
        problems.append(Problem("mentor", ProblemCode.ADMISSION_MENTOR_REQUIRED))
    elif mentor.status is not MemberStatus.FULL:
        problems.append(Problem("mentor", ProblemCode.ADMISSION_MENTOR_NOT_FULL, {"name": mentor.full_name}))
    return problems


def decision_is_late(decided: dt.date, deadline: Deadline) -> bool:
    """A decision after its deadline is recorded all the same, and flagged (§3.2 state 10)."""
    return decided > deadline.due


def check_step_document(step: AdmissionStep, document_number: str | None) -> list[Problem]:
    if step in NUMBERED_STEPS and not document_number:
        return [Problem("document_number", ProblemCode.ADMISSION_DOCUMENT_NUMBER_REQUIRED)]
    return []


def check_reason(reason: str | None) -> list[Problem]:
    return [] if reason else [Problem("reason", ProblemCode.EVENT_REASON_REQUIRED)]
