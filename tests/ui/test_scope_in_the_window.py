"""A clerk limited to one committee, signed in through the login dialog: the window shows that
committee only, and search never finds a member of another one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.db.database import open_database
from desktop.models.accounts import Role
from desktop.models.enums import MemberStatus, OrgKind
from desktop.models.organization import PartyOrganization
from desktop.models.text import fold
from desktop.services.members import MemberListQuery, count_members, fetch_member_rows
from desktop.ui.workspace import Workspace
from tests.builders import ACCOUNT_PASSWORD, add_account, sign_in_as
from tests.ui.conftest import SignIns, open_window

ACTIVE = (MemberStatus.FULL, MemberStatus.PROBATIONARY)


def test_a_scoped_clerk_sees_only_their_committee_in_the_window(
    qtbot: Any, demo_database_path: Path, sign_ins: SignIns
) -> None:
    database = open_database(demo_database_path)
    sign_in_as(database)
    with database.reading() as session:
        committee = session.scalars(
            select(PartyOrganization).where(PartyOrganization.kind == OrgKind.GRASSROOTS_COMMITTEE)
            .order_by(PartyOrganization.id)
        ).first()
        assert committee is not None
        name, path = committee.name, committee.path
    ours = count_members(database, MemberListQuery(organization_id=committee.id, statuses=ACTIVE))
    # Someone outside the committee, with a name no member of the committee shares.
    everyone = fetch_member_rows(database, MemberListQuery(statuses=ACTIVE), 0, 400)
    inside = {row.full_name for row in fetch_member_rows(
        database, MemberListQuery(organization_id=committee.id, statuses=ACTIVE), 0, 400)}
    outsider = next(row for row in everyone if row.full_name not in inside)
    add_account(database, "vanthu.a", Role.OFFICE_CLERK, committee.id, sign_in=False)
    database.close()
    assert 0 < ours < len(everyone)

    sign_ins.queue.append(("vanthu.a", ACCOUNT_PASSWORD))
    window, controller = open_window(qtbot, str(demo_database_path))
    qtbot.waitUntil(window.has_workspace, timeout=15_000)
    space = window.workspace()
    assert isinstance(space, Workspace)
    assert space.database.actor is not None and space.database.actor.scope_path == path
    assert window.signed_in_text().endswith(f" · {name}")
    assert space.tree_model.rowCount() == 1
    assert space.tree_model.data(space.tree_model.index(0, 0)) == name
    assert space.table_model.rowCount() == ours
    assert window.member_count_text() == f"{ours} đảng viên"

    space.search.setText(fold(outsider.full_name))
    qtbot.waitUntil(lambda: space.table_model.rowCount() != ours, timeout=3000)
    names = [space.table_model.member_id(row) for row in range(space.table_model.rowCount())]
    assert outsider.id not in names
    window.close()
    controller.close()
