"""Huy hiệu Đảng: who is due which badge on an occasion, awards, interruptions, illness.

Public API:
    badges_due(database, organization_id, until) -> list[BadgeDueRow]
    badge_occasions(database, today=None, count=4) -> list[date]
    record_badge_awards(database, drafts, today=None) -> list[int]
    member_badges(database, member_id) -> list[AwardedBadge]
    set_seriously_ill(database, member_id, certified_on, note=None)
    add_membership_gap(database, member_id, start, end, reason, decision=None) -> int
    membership_gaps(database, member_id) -> list[GapRow]

The due list selects its candidates in SQL (an anchor bound per milestone, the highest badge
already awarded) and refines them in Python with the member's gaps: 78,432 members in well
under a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.db.database import Database
from desktop.models.badge_rules import BadgeRules, badge_due, latest_anchor_bound, occasions_after
from desktop.models.badges import BadgeAward, SeriousIllness
from desktop.models.enums import DatePrecision, MemberEventKind, MemberStatus
from desktop.models.member import Member
from desktop.models.member_lifecycle import EventDraft
from desktop.models.organization import PartyOrganization
from desktop.models.party_age import (
    CEREMONY_DATE,
    Gap,
    MembershipGap,
    PartyAge,
    party_age,
    party_age_anchor,
    reached_on,
)
from desktop.models.permissions import Permission
from desktop.models.problems import Problem, ProblemCode
from desktop.models.rules import RuleBook, RuleCode
from desktop.models.text import nfc
from desktop.services import clock
from desktop.services.access import require, require_member_in_scope, require_organization_in_scope
from desktop.services.errors import RecordNotFound, ValidationFailed
from desktop.services.member_events import apply_member_event
from desktop.services.organizations import subtree_cell_ids


@dataclass(frozen=True)
class BadgeDueRow:
    member_id: int
    full_name: str
    date_of_birth: dt.date
    dob_precision: DatePrecision
    cell_id: int
    cell_name: str
    anchor: dt.date
    party_age: PartyAge  # on the occasion
    milestone: int
    reached_on: dt.date
    early: bool  # proposed before the milestone, as a seriously ill member
    seriously_ill: bool


@dataclass(frozen=True)
class AwardDraft:
    member_id: int
    milestone_years: int
    occasion_date: dt.date
    decision_number: str
    decision_date: dt.date


@dataclass(frozen=True)
class AwardedBadge:
    id: int
    milestone_years: int
    occasion_date: dt.date
    decision_number: str
    decision_date: dt.date
    posthumous: bool
    early: bool


@dataclass(frozen=True)
class GapRow:
    id: int
    start: dt.date
    end: dt.date
    reason: str
    decision: str | None


def _anchor_column(anchor_rule: str) -> ColumnElement[dt.date]:
    if anchor_rule == CEREMONY_DATE:
        return Member.admission_date  # type: ignore[return-value]
    return func.coalesce(Member.admission_decision_date, Member.admission_date)


def _gaps_of(session: Session, member_ids: Sequence[int]) -> dict[int, list[Gap]]:
    gaps: dict[int, list[Gap]] = {}
    for start in range(0, len(member_ids), 500):
        rows = session.execute(
            select(MembershipGap.member_id, MembershipGap.gap_from, MembershipGap.gap_to)
            .where(MembershipGap.member_id.in_(member_ids[start:start + 500]))
        )
        for member_id, gap_from, gap_to in rows:
            gaps.setdefault(member_id, []).append(Gap(gap_from, gap_to))
    return gaps


def badges_due(database: Database, organization_id: int, until: dt.date) -> list[BadgeDueRow]:
    """Official members of the subtree due a badge on the occasion `until`: the highest
    milestone reached by then above any badge awarded, or, for a seriously ill member, the next
    one reached within the months early the rules allow. Cell by cell, names in list order."""
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        path = require_organization_in_scope(session, actor, organization_id)
        rules = RuleBook.load(session)
        badge_rules = BadgeRules.on(rules, until)
        anchor_rule = rules.value(RuleCode.PARTY_AGE_ANCHOR, until)
        anchor = _anchor_column(anchor_rule)
        awarded = (select(BadgeAward.member_id, func.max(BadgeAward.milestone_years).label("highest"))
                   .group_by(BadgeAward.member_id).subquery())
        highest = func.coalesce(awarded.c.highest, 0)
        ill = SeriousIllness.id.is_not(None)
        reaches = [and_(highest < years, anchor <= latest_anchor_bound(until, years, 0))
                   for years in badge_rules.milestones]
        reaches += [and_(ill, highest < years,
                         anchor <= latest_anchor_bound(until, years, badge_rules.months_early(years)))
                    for years in badge_rules.milestones]
        rows = session.execute(
            select(Member.id, Member.full_name, Member.date_of_birth, Member.dob_precision, Member.cell_id,
                   PartyOrganization.name, Member.admission_decision_date, Member.admission_date,
                   highest, ill)
            .join(PartyOrganization, PartyOrganization.id == Member.cell_id)
            .outerjoin(awarded, awarded.c.member_id == Member.id)
            .outerjoin(SeriousIllness, SeriousIllness.member_id == Member.id)
            .where(Member.cell_id.in_(subtree_cell_ids(path)), Member.status == MemberStatus.FULL, or_(*reaches))
            .order_by(PartyOrganization.path, Member.name_sort_key, Member.id)
        ).all()
        gaps = _gaps_of(session, [row[0] for row in rows])
    due_rows = []
    for (member_id, name, born, precision, cell_id, cell_name, decided, ceremony, top, is_ill) in rows:
        start = party_age_anchor(decided, ceremony, anchor_rule)
        member_gaps = gaps.get(member_id, [])
        due = badge_due(start, member_gaps, until, int(top), bool(is_ill), badge_rules)
        if due is None:
            continue
        due_rows.append(BadgeDueRow(
            member_id, name, born, precision, cell_id, cell_name, start, party_age(start, member_gaps, until),
            due.milestone, due.reached_on, due.early, bool(is_ill)))
    return due_rows


def badge_occasions(database: Database, today: dt.date | None = None, count: int = 4) -> list[dt.date]:
    """The next award occasions from today on (BADGE_OCCASIONS)."""
    require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        return occasions_after(today or clock.today(), RuleBook.load(session), count)


def _award_problems(
    session: Session, member: Member, draft: AwardDraft, rules: RuleBook
) -> tuple[list[Problem], bool]:
    """What refuses the award, and whether it is early."""
    field = str(member.id)
    if member.status not in (MemberStatus.FULL, MemberStatus.DECEASED):
        return [Problem(field, ProblemCode.BADGE_MEMBER_NOT_ELIGIBLE, {"status": member.status})], False
    badge_rules = BadgeRules.on(rules, draft.occasion_date)
    years = draft.milestone_years
    if years not in badge_rules.milestones:
        return [Problem(field, ProblemCode.BADGE_NOT_A_MILESTONE, {"years": years})], False
    highest = session.scalar(select(func.max(BadgeAward.milestone_years))
                             .where(BadgeAward.member_id == member.id)) or 0
    if highest >= years:
        return [Problem(field, ProblemCode.BADGE_ALREADY_AWARDED, {"years": years})], False
    anchor_rule = rules.value(RuleCode.PARTY_AGE_ANCHOR, draft.occasion_date)
    start = party_age_anchor(member.admission_decision_date, member.admission_date, anchor_rule)
    gaps = _gaps_of(session, [member.id]).get(member.id, [])
    ill = session.scalar(select(SeriousIllness.id).where(SeriousIllness.member_id == member.id)) is not None
    due = badge_due(start, gaps, draft.occasion_date, years - 1, ill, badge_rules)
    if due is None or due.milestone < years:
        return [Problem(field, ProblemCode.BADGE_NOT_REACHED,
                        {"years": years, "reached": reached_on(start, gaps, years)})], False
    return [], due.milestone == years and due.early


def record_badge_awards(database: Database, drafts: Sequence[AwardDraft], today: dt.date | None = None) -> list[int]:
    """Record the badges of one decision, all or none; each also writes a BADGE_AWARDED
    event in the member's history. Problems name the member by id in their field."""
    actor = require(database, Permission.EDIT_REGISTER)
    today = today or clock.today()
    with database.transaction() as session:
        rules = RuleBook.load(session)
        problems: list[Problem] = []
        checked: list[tuple[Member, AwardDraft, bool]] = []
        for draft in drafts:
            require_member_in_scope(session, actor, draft.member_id)
            member = session.get(Member, draft.member_id)
            if member is None:
                raise RecordNotFound(draft.member_id)
            draft = AwardDraft(draft.member_id, draft.milestone_years, draft.occasion_date,
                               nfc(draft.decision_number), draft.decision_date)
            found, early = _award_problems(session, member, draft, rules)
            problems += found
            checked.append((member, draft, early))
        if problems:
            raise ValidationFailed(problems)
        ids = []
        for member, draft, early in checked:
            posthumous = member.status is MemberStatus.DECEASED
            award = BadgeAward(
                member_id=member.id, milestone_years=draft.milestone_years, occasion_date=draft.occasion_date,
                decision_number=draft.decision_number, decision_date=draft.decision_date,
                posthumous=posthumous, early=early, early_reason="Ốm đau nặng" if early else None)
            session.add(award)
            note = f"Huy hiệu {draft.milestone_years} năm tuổi Đảng" + (" (truy tặng)" if posthumous else "")
            try:
                apply_member_event(session, member, EventDraft(
                    MemberEventKind.BADGE_AWARDED, draft.decision_date, decision_number=draft.decision_number,
                    decision_date=draft.decision_date, note=note), today, rules)
            except ValidationFailed as failed:
                raise ValidationFailed([Problem(str(member.id), p.code, p.params) for p in failed.problems]) from None
            session.flush()
            ids.append(award.id)
        return ids


def member_badges(database: Database, member_id: int) -> list[AwardedBadge]:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        require_member_in_scope(session, actor, member_id)
        rows = session.execute(
            select(BadgeAward.id, BadgeAward.milestone_years, BadgeAward.occasion_date, BadgeAward.decision_number,
                   BadgeAward.decision_date, BadgeAward.posthumous, BadgeAward.early)
            .where(BadgeAward.member_id == member_id).order_by(BadgeAward.milestone_years))
        return [AwardedBadge(*row) for row in rows]


def set_seriously_ill(database: Database, member_id: int, certified_on: dt.date | None, note: str | None = None) -> None:
    """Certify the member seriously ill on `certified_on` (badges may come early); None lifts it."""
    actor = require(database, Permission.EDIT_REGISTER)
    with database.transaction() as session:
        require_member_in_scope(session, actor, member_id)
        current = session.scalars(select(SeriousIllness).where(SeriousIllness.member_id == member_id)).first()
        if certified_on is None:
            if current is not None:
                session.delete(current)
            return
        if current is None:
            session.add(SeriousIllness(member_id=member_id, certified_on=certified_on, note=nfc(note) or None))
        else:
            current.certified_on = certified_on
            current.note = nfc(note) or None


def add_membership_gap(
    database: Database, member_id: int, start: dt.date, end: dt.date, reason: str, decision: str | None = None
) -> int:
    """Record a period of interruption (gián đoạn): it does not count in the party age."""
    actor = require(database, Permission.EDIT_REGISTER)
    with database.transaction() as session:
        require_member_in_scope(session, actor, member_id)
        member = session.get(Member, member_id)
        assert member is not None
        problems = []
        if not nfc(reason):
            problems.append(Problem("reason", ProblemCode.REQUIRED))
        if end < start:
            problems.append(Problem("end", ProblemCode.GAP_END_BEFORE_START))
        if start < member.admission_date:
            problems.append(Problem("start", ProblemCode.GAP_BEFORE_ADMISSION, {"admitted": member.admission_date}))
        for other in session.scalars(select(MembershipGap).where(MembershipGap.member_id == member_id)):
            if other.gap_from <= end and start <= other.gap_to:
                problems.append(Problem("start", ProblemCode.GAP_OVERLAPS,
                                        {"start": other.gap_from, "end": other.gap_to}))
        if problems:
            raise ValidationFailed(problems)
        gap = MembershipGap(member_id=member_id, gap_from=start, gap_to=end, reason=nfc(reason),
                            decision=nfc(decision) or None)
        session.add(gap)
        session.flush()
        return gap.id


def membership_gaps(database: Database, member_id: int) -> list[GapRow]:
    actor = require(database, Permission.VIEW_REGISTER)
    with database.reading() as session:
        require_member_in_scope(session, actor, member_id)
        rows = session.execute(
            select(MembershipGap.id, MembershipGap.gap_from, MembershipGap.gap_to, MembershipGap.reason,
                   MembershipGap.decision)
            .where(MembershipGap.member_id == member_id).order_by(MembershipGap.gap_from))
        return [GapRow(*row) for row in rows]


def within_days(today: dt.date, days: int) -> dt.date:
    """The last day of "within N days from today"."""
    return today + dt.timedelta(days=days)
