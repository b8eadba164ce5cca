"""The demo parts of badges and fees: profiles, payments, badges, a few members in arrears."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from desktop.db.database import Database
from desktop.models.badges import BadgeAward
from desktop.models.enums import MemberStatus
from desktop.models.fees import FeePayment, FeeProfile
from desktop.models.member import Member
from desktop.models.organization import PartyOrganization
from desktop.services.badges import badges_due
from desktop.services.fees import member_arrears
from tests.conftest import TODAY


def test_the_demo_has_badges_fee_profiles_and_a_few_members_in_arrears(demo_database: Database) -> None:
    with demo_database.reading() as session:
        active = session.scalar(select(func.count()).select_from(Member).where(
            Member.status.in_((MemberStatus.FULL, MemberStatus.PROBATIONARY))))
        assert session.scalar(select(func.count()).select_from(FeeProfile)) == active
        assert session.scalar(select(func.count()).select_from(FeePayment)) > active * 5
        assert session.scalar(select(func.count()).select_from(BadgeAward)) > 0
        top = session.scalar(select(PartyOrganization.id).where(PartyOrganization.parent_id.is_(None)))
    awarded_due = badges_due(demo_database, top, TODAY)  # everything before today was awarded or missed
    assert len(awarded_due) < active * 0.1
    arrears = member_arrears(demo_database, top, 2026, through=dt.date(2026, 10, 31))
    assert 0 < len(arrears) < active * 0.05
