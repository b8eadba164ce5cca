"""The effective-dated rule table (domain spec §10.1).

Every threshold, quota, deadline and format a check depends on is a row here, read as of the
date of the event being checked, so historical records keep the rules of their time.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from desktop.models.base import Base


class RuleCode(enum.Enum):
    PROBATION_MONTHS = "PROBATION_MONTHS"
    MIN_AGE_MONTHS = "MIN_AGE_MONTHS"
    NATIONAL_ID_PATTERN = "NATIONAL_ID_PATTERN"
    PARTY_CARD_PATTERN = "PARTY_CARD_PATTERN"
    CELL_MIN_FULL_MEMBERS = "CELL_MIN_FULL_MEMBERS"
    CHI_UY_THRESHOLD = "CHI_UY_THRESHOLD"
    CHI_UY_MAX = "CHI_UY_MAX"
    # Sizes and margins of printed party documents (§7.1-§7.3, §7.8), one JSON object.
    DOCUMENT_STYLE = "DOCUMENT_STYLE"
    # Upper bounds in years of the age bands of the statistics (§8), the last band open.
    STAT_AGE_BANDS = "STAT_AGE_BANDS"
    # Lower bounds in years of the party-age bands after the first (§8), the last band open.
    STAT_PARTY_AGE_BANDS = "STAT_PARTY_AGE_BANDS"
    # Which date tuổi đảng is counted from: "DECISION_DATE" or "CEREMONY_DATE" (R-MEM-5).
    PARTY_AGE_ANCHOR = "PARTY_AGE_ANCHOR"
    # Sign-in policy (issue 4): shortest password, failures before a lockout and its length.
    PASSWORD_MIN_LENGTH = "PASSWORD_MIN_LENGTH"
    LOGIN_MAX_FAILURES = "LOGIN_MAX_FAILURES"
    LOGIN_LOCKOUT_MINUTES = "LOGIN_LOCKOUT_MINUTES"
    # Member lifecycle (issue 6, §2.4-§3): deadlines in working days (desktop.models.working_days).
    RECOGNITION_CELL_DEADLINE_WD = "RECOGNITION_CELL_DEADLINE_WD"  # after the 12 months end (R-MEM-2)
    RECOGNITION_DECISION_DEADLINE_WD = "RECOGNITION_DECISION_DEADLINE_WD"  # after the cell's resolution
    CEREMONY_DEADLINE_WD = "CEREMONY_DEADLINE_WD"  # after the admission decision is received
    ADMISSION_DECISION_DEADLINE_WD = "ADMISSION_DECISION_DEADLINE_WD"  # after the cell's resolution
    MAX_AGE_YEARS = "MAX_AGE_YEARS"  # oldest age for admission by the usual authority (R-ADM-1)
    COURSE_CERTIFICATE_VALID_YEARS = "COURSE_CERTIFICATE_VALID_YEARS"  # R-ADM-3
    INTRODUCER_MIN_MONTHS = "INTRODUCER_MIN_MONTHS"  # months worked or studied together (R-ADM-4)
    # [numerator, denominator]: the share of the cell's official members who must agree.
    CELL_RESOLUTION_MAJORITY = "CELL_RESOLUTION_MAJORITY"
    TRANSFER_REPORT_DEADLINE_WD = "TRANSFER_REPORT_DEADLINE_WD"  # to present the letter (§2.5)
    TEMPORARY_TRANSFER_MAX_MONTHS = "TEMPORARY_TRANSFER_MAX_MONTHS"
    BADGE_MILESTONES = "BADGE_MILESTONES"  # years of party age (R-BADGE-1)
    # [[up to milestone years, months early], ...] for seriously ill members (R-BADGE-2).
    BADGE_EARLY_MONTHS = "BADGE_EARLY_MONTHS"
    BADGE_OCCASIONS = "BADGE_OCCASIONS"  # ["dd/mm", ...] customary award days (R-BADGE-4)
    REMOVAL_UNPAID_FEE_MONTHS = "REMOVAL_UNPAID_FEE_MONTHS"  # months unpaid in a year (§2.5, §2.7)
    # Party fees (§2.7) follow here.
    FEE_PERCENT_RATES = "FEE_PERCENT_RATES"  # {category: percent of the base, as text}
    FEE_FLAT_AMOUNTS = "FEE_FLAT_AMOUNTS"  # {area: đồng a month} (OTHER_DOMESTIC)
    FEE_BEYOND_WORKING_AGE_PERCENT = "FEE_BEYOND_WORKING_AGE_PERCENT"  # share of the flat amount
    FEE_WORKING_AGE_MONTHS = "FEE_WORKING_AGE_MONTHS"  # {gender: retirement age in months}
    FEE_OVERSEAS_AMOUNTS = "FEE_OVERSEAS_AMOUNTS"  # {overseas group: đồng a month}
    FEE_ROUNDING = "FEE_ROUNDING"  # to whole đồng: HALF_UP, HALF_EVEN, DOWN or UP
    # Meetings (§4.2-§4.3). Shares are {"share": [numerator, denominator], "strict": bool}.
    MEETING_QUORUM = "MEETING_QUORUM"  # {"CELL": share, "COMMITTEE": share, "CONGRESS": share}
    MEETING_VOTE_THRESHOLDS = "MEETING_VOTE_THRESHOLDS"  # {VoteThreshold name: share}
    MEETING_MIN_MINUTES = "MEETING_MIN_MINUTES"  # R-MTG-1
    MEETING_COMBINED_MIN_MINUTES = "MEETING_COMBINED_MIN_MINUTES"  # regular + thematic in one session
    DOCS_PUBLISH_DAYS_BEFORE = "DOCS_PUBLISH_DAYS_BEFORE"  # R-MTG-2
    REGULAR_MEETINGS_PER_MONTH = "REGULAR_MEETINGS_PER_MONTH"
    THEMATIC_PER_QUARTER = "THEMATIC_PER_QUARTER"
    MEETING_ATTACHMENT_MAX_KB = "MEETING_ATTACHMENT_MAX_KB"  # one file kept with a meeting
    # Annual rating (§5): {"EXCELLENT": 90, "GOOD": 70, "PASS": 50} lowest points of each band.
    RATING_BANDS = "RATING_BANDS"
    # {"ratio": "0.20", "base": "GOOD", "rounding": "FLOOR"|"CEILING"} (R-EVAL-4).
    EXCELLENT_QUOTA = "EXCELLENT_QUOTA"
    EVALUATION_VOTE_MAJORITY = "EVALUATION_VOTE_MAJORITY"  # [num, den]: more than num/den of votes cast
    EVALUATION_MIN_MEMBERSHIP_MONTHS = "EVALUATION_MIN_MEMBERSHIP_MONTHS"  # R-EVAL-8
    # {rating: {"min_share_good_or_better": "0.8", "max_share_fail": "0"}} (R-EVAL-5).
    ORG_RATING_MEMBER_LIMITS = "ORG_RATING_MEMBER_LIMITS"
    ORG_SUBORDINATE_DISCIPLINE_FAIL_SHARE = "ORG_SUBORDINATE_DISCIPLINE_FAIL_SHARE"  # R-EVAL-3, "0.20"
    # Document library (issue 10): the largest file kept, the most text indexed per document.
    LIBRARY_FILE_MAX_KB = "LIBRARY_FILE_MAX_KB"
    LIBRARY_INDEXED_CHARS = "LIBRARY_INDEXED_CHARS"
    # Inspection and discipline (§6). {"MEMBER": {form: years}, "ORGANIZATION": {form: years}};
    # a form missing from its target's map has no limitation (§6.7).
    DISCIPLINE_LIMIT_YEARS = "DISCIPLINE_LIMIT_YEARS"
    LIMITATION_WARNING_DAYS = "LIMITATION_WARNING_DAYS"  # warn when this few days remain
    COMPLAINT_WINDOW_WD = "COMPLAINT_WINDOW_WD"  # to appeal a discipline decision (R-CPL-1)
    COMPLAINT_RESOLUTION_WD = "COMPLAINT_RESOLUTION_WD"  # to resolve an appeal (R-CPL-3, [L])
    DENUNCIATION_DEADLINE_WD = "DENUNCIATION_DEADLINE_WD"  # R-DEN-2
    DENUNCIATION_EXTENSION_WD = "DENUNCIATION_EXTENSION_WD"  # R-DEN-2
    LETTER_DEADLINES_WD = "LETTER_DEADLINES_WD"  # {LetterKind: working days} other than denunciations
    LETTER_DUE_SOON_DAYS = "LETTER_DUE_SOON_DAYS"  # the dashboard's "due soon": this many days ahead
    # {StepKind: working days after the case is opened} the step is due (office plan, [L]).
    INSPECTION_STEP_DEADLINES_WD = "INSPECTION_STEP_DEADLINES_WD"
    INSPECTION_DOCUMENT_MAX_KB = "INSPECTION_DOCUMENT_MAX_KB"
    DISCIPLINE_EFFECT_MONTHS = "DISCIPLINE_EFFECT_MONTHS"  # R-DISC-2
    # [{"body": DecidingBodyKind, "scope": TargetScope, "forms": [..], "authorised_forms": [..]}]:
    # authorised_forms need the body's authorisation to admit members (§6.5).
    DISCIPLINE_AUTHORITY = "DISCIPLINE_AUTHORITY"
    # {form or "DEFAULT": {"share": [num, den], "strict": bool}}: of the members with a vote (§6.6).
    DISCIPLINE_VOTE_THRESHOLDS = "DISCIPLINE_VOTE_THRESHOLDS"


class RuleValue(Base):
    __tablename__ = "rule_value"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(60))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    effective_to: Mapped[dt.date | None] = mapped_column(Date)
    value_json: Mapped[str] = mapped_column(Text)
    source_ref: Mapped[str] = mapped_column(String(300))
    confidence: Mapped[str] = mapped_column(String(1))

    __table_args__ = (UniqueConstraint("code", "effective_from"),)


class MissingRule(LookupError):
    """No row of the rule table covers this code on this date: the table must be completed."""

    def __init__(self, code: RuleCode, on: dt.date) -> None:
        super().__init__(f"no rule {code.value} in force on {on.isoformat()}")
        self.code = code
        self.on = on


@dataclass(frozen=True)
class _Period:
    start: dt.date
    end: dt.date | None
    value: Any


class RuleBook:
    """An in-memory copy of the rule table (a few dozen rows), read once per use case."""

    def __init__(self, periods: dict[str, list[_Period]]) -> None:
        self._periods = periods

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, dt.date, dt.date | None, str]]) -> RuleBook:
        periods: dict[str, list[_Period]] = {}
        for code, start, end, value_json in rows:
            periods.setdefault(code, []).append(_Period(start, end, json.loads(value_json)))
        return cls(periods)

    @classmethod
    def load(cls, session: Session) -> RuleBook:
        rows = session.execute(
            select(RuleValue.code, RuleValue.effective_from, RuleValue.effective_to, RuleValue.value_json)
        )
        return cls.from_rows(tuple(row) for row in rows)

    def value(self, code: RuleCode, on: dt.date) -> Any:
        for period in self._periods.get(code.value, ()):
            if period.start <= on and (period.end is None or on < period.end):
                return period.value
        raise MissingRule(code, on)
