"""The rules of inspection cases, discipline decisions and letters (domain spec §6): pure
functions over the rule table (desktop.models.rules) and the working calendar.

- Statute of limitations (§6.7): the period runs from the violation, from its end when known,
  from its discovery when the end cannot be established; a new violation within the period
  restarts it; days the member could not be handled (illness, maternity, trial …) are added.
  A decision is allowed up to and including `limitation_expires_on`; the day after is late.
  No limitation for the most severe forms (missing from DISCIPLINE_LIMIT_YEARS) and for the
  exceptions of LimitationException.
- Appeals (§6.8): COMPLAINT_WINDOW_WD working days after the announcement.
- Authority (§6.5): DISCIPLINE_AUTHORITY rows by deciding body and target scope.
- Letters (§6.9): DENUNCIATION_DEADLINE_WD from receipt, one extension.
- Overdue steps and letters: a due date passed without a completion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.models.dates import add_months
from desktop.models.discipline import (
    MEMBER_FORMS,
    ORGANIZATION_FORMS,
    DisciplineForm,
)
from desktop.models.inspection import (
    DecidingBodyKind,
    LimitationException,
    StepKind,
    TargetScope,
)
from desktop.models.letters import LetterKind
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.working_days import WorkingCalendar


@dataclass(frozen=True)
class LimitationFacts:
    """What §6.7 counts from. `violation_on` is when the violation happened (or began)."""

    violation_on: dt.date
    ended_on: dt.date | None = None
    end_unknown: bool = False
    discovered_on: dt.date | None = None
    new_violation_on: dt.date | None = None
    days_not_counted: int = 0
    exception: LimitationException | None = None


def limitation_years(
    form: DisciplineForm, for_organization: bool, on: dt.date, rules: RuleBook
) -> int | None:
    """Years of the limitation of the form for the target; None: no limitation."""
    table = rules.value(RuleCode.DISCIPLINE_LIMIT_YEARS, on)
    years = table["ORGANIZATION" if for_organization else "MEMBER"].get(form.value)
    return None if years is None else int(years)


def _anchor(facts: LimitationFacts) -> dt.date:
    if facts.ended_on is not None:
        return facts.ended_on
    if facts.end_unknown and facts.discovered_on is not None:
        return facts.discovered_on
    return facts.violation_on


def limitation_expires_on(
    facts: LimitationFacts, form: DisciplineForm, for_organization: bool, rules: RuleBook
) -> dt.date | None:
    """The last day a decision on the form may be taken; None when there is no limitation."""
    # The diploma exception is for members only.
    if facts.exception is not None and not (
            facts.exception is LimitationException.ILLEGAL_DIPLOMA and for_organization):
        return None
    anchor = _anchor(facts)
    years = limitation_years(form, for_organization, anchor, rules)
    if years is None:
        return None
    expires = add_months(anchor, 12 * years)
    if facts.new_violation_on is not None and anchor <= facts.new_violation_on <= expires:
        # A new violation within the period: the old one's period starts again from it.
        expires = add_months(facts.new_violation_on, 12 * years)
    return expires + dt.timedelta(days=max(0, facts.days_not_counted))


def is_time_barred(expires_on: dt.date | None, decided_on: dt.date) -> bool:
    return expires_on is not None and decided_on > expires_on


def limitation_warning(expires_on: dt.date | None, today: dt.date, rules: RuleBook) -> bool:
    """Few days remain (LIMITATION_WARNING_DAYS) and the period has not run out yet."""
    if expires_on is None:
        return False
    days = int(rules.value(RuleCode.LIMITATION_WARNING_DAYS, today))
    return today <= expires_on <= today + dt.timedelta(days=days)


def appeal_deadline(effective_on: dt.date, calendar: WorkingCalendar, rules: RuleBook) -> dt.date:
    """The last day to complain about a decision announced on `effective_on` (R-CPL-1)."""
    days = int(rules.value(RuleCode.COMPLAINT_WINDOW_WD, effective_on))
    return calendar.add_working_days(effective_on, days)


def appeal_in_time(deadline: dt.date, lodged_on: dt.date) -> bool:
    return lodged_on <= deadline


def appeal_resolution_due(lodged_on: dt.date, calendar: WorkingCalendar, rules: RuleBook) -> dt.date:
    days = int(rules.value(RuleCode.COMPLAINT_RESOLUTION_WD, lodged_on))
    return calendar.add_working_days(lodged_on, days)


def letter_due_on(kind: LetterKind, received_on: dt.date, calendar: WorkingCalendar,
                  rules: RuleBook) -> dt.date:
    """The handling deadline counted from the day the competent body received it (R-DEN-2)."""
    if kind is LetterKind.DENUNCIATION:
        days = int(rules.value(RuleCode.DENUNCIATION_DEADLINE_WD, received_on))
    else:
        days = int(rules.value(RuleCode.LETTER_DEADLINES_WD, received_on)[kind.value])
    return calendar.add_working_days(received_on, days)


def letter_extended_to(due_on: dt.date, calendar: WorkingCalendar, rules: RuleBook) -> dt.date:
    days = int(rules.value(RuleCode.DENUNCIATION_EXTENSION_WD, due_on))
    return calendar.add_working_days(due_on, days)


def step_due_dates(
    opened_on: dt.date, calendar: WorkingCalendar, rules: RuleBook
) -> dict[StepKind, dt.date]:
    table = rules.value(RuleCode.INSPECTION_STEP_DEADLINES_WD, opened_on)
    return {kind: calendar.add_working_days(opened_on, int(table[kind.value])) for kind in StepKind}


def is_overdue(due_on: dt.date | None, done_on: dt.date | None, today: dt.date) -> bool:
    return due_on is not None and done_on is None and today > due_on


def forms_for(for_organization: bool) -> tuple[DisciplineForm, ...]:
    return ORGANIZATION_FORMS if for_organization else MEMBER_FORMS


def may_decide(
    body: DecidingBodyKind, scope: TargetScope, form: DisciplineForm, on: dt.date, rules: RuleBook,
    *, authorised_to_admit: bool = False, superior_task: bool = False,
) -> bool:
    """Whether the body may decide the form for such a subject (§6.5). A cell never decides
    for violations of tasks assigned by superiors."""
    if superior_task and body in (DecidingBodyKind.CELL, DecidingBodyKind.GRASSROOTS_CELL):
        return False
    for row in rules.value(RuleCode.DISCIPLINE_AUTHORITY, on):
        if row["body"] != body.value or row["scope"] != scope.value:
            continue
        if form.value in row["forms"]:
            return True
        if authorised_to_admit and form.value in row.get("authorised_forms", []):
            return True
    return False


def decision_problems(
    *, body: DecidingBodyKind, scope: TargetScope, form: DisciplineForm, decided_on: dt.date,
    expires_on: dt.date | None, no_limitation_reason: str | None, rules: RuleBook,
    authorised_to_admit: bool = False, proposal: bool = False,
) -> list[Problem]:
    """What refuses a decision (not a proposal): authority and the limitation period."""
    problems: list[Problem] = []
    for_organization = scope is TargetScope.ORGANIZATION
    if form not in forms_for(for_organization):
        problems.append(Problem("form", ProblemCode.DISCIPLINE_FORM_NOT_FOR_SUBJECT, {"form": form}))
        return problems
    if not proposal and not may_decide(body, scope, form, decided_on, rules,
                                       authorised_to_admit=authorised_to_admit):
        problems.append(Problem("deciding_body_kind", ProblemCode.INSPECTION_NO_AUTHORITY,
                                {"body": body, "form": form}))
    if is_time_barred(expires_on, decided_on) and not no_limitation_reason:
        problems.append(Problem("decided_on", ProblemCode.INSPECTION_TIME_BARRED, {"expired": expires_on}))
    return problems


def effect_ends_on(effective_on: dt.date, rules: RuleBook) -> dt.date:
    """R-DISC-2: the decision ends its effect after the months served."""
    return add_months(effective_on, int(rules.value(RuleCode.DISCIPLINE_EFFECT_MONTHS, effective_on)))



def votes_needed(form: DisciplineForm, voters: int, on: dt.date, rules: RuleBook) -> tuple[int, str, bool]:
    """Ballots the form needs among `voters` (R-VOTE-2/3): the count, the share "2/3", strict."""
    table = rules.value(RuleCode.DISCIPLINE_VOTE_THRESHOLDS, on)
    threshold = table.get(form.value, table["DEFAULT"])
    numerator, denominator = (int(v) for v in threshold["share"])
    strict = bool(threshold["strict"])
    # More than n/d: the smallest count above; at least n/d: the smallest count reaching it.
    needed = voters * numerator // denominator + 1 if strict else -(-voters * numerator // denominator)
    return needed, f"{numerator}/{denominator}", strict


def vote_problems(form: DisciplineForm, voters: int | None, votes_for: int | None, on: dt.date,
                  rules: RuleBook) -> list[Problem]:
    """A recorded secret ballot must reach the form's threshold; none recorded: nothing to check."""
    if voters is None or votes_for is None:
        return []
    if votes_for < 0 or voters < 1 or votes_for > voters:
        return [Problem("votes_for", ProblemCode.INSPECTION_VOTES_ABOVE_VOTERS, {"voters": voters})]
    needed, share, strict = votes_needed(form, voters, on, rules)
    if votes_for < needed:
        return [Problem("votes_for", ProblemCode.INSPECTION_VOTE_NOT_REACHED,
                        {"votes_for": votes_for, "voters": voters, "share": share, "strict": strict,
                         "needed": needed})]
    return []
