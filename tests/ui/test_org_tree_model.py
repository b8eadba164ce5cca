"""The organisation tree loads each level only when it is expanded."""

from __future__ import annotations

from typing import Any

from desktop.db.database import Database
from desktop.services.organizations import (
    ancestor_ids,
    child_organizations,
    find_cells,
    root_organizations,
)
from desktop.ui.org_tree_model import OrgTreeModel


def test_only_the_roots_are_loaded_until_a_node_is_expanded(demo_database: Database) -> None:
    model = OrgTreeModel(demo_database)
    roots = root_organizations(demo_database)
    assert model.rowCount() == len(roots) >= 1
    root = model.index(0, 0)
    assert model.data(root) == roots[0].name
    assert model.data(model.index(0, 1)) == "Đảng bộ cấp trên cơ sở"
    assert model.hasChildren(root) and model.rowCount(root) == 0 and model.canFetchMore(root)
    model.fetchMore(root)
    children = child_organizations(demo_database, roots[0].id)
    assert model.rowCount(root) == len(children)
    assert [model.data(model.index(row, 0, root)) for row in range(len(children))] == [
        c.name for c in children
    ]
    assert not model.canFetchMore(root)


def test_reveal_opens_the_path_to_a_cell(demo_database: Database) -> None:
    model = OrgTreeModel(demo_database)
    cell = find_cells(demo_database, "", 1)[0] if find_cells(demo_database, "", 1) else None
    cell = cell or find_cells(demo_database, "chi bo", 1)[0]
    index = model.reveal(ancestor_ids(demo_database, cell.id))
    assert index.isValid() and model.node(index).id == cell.id
    assert not model.hasChildren(index)


def test_the_tree_model_passes_the_qt_model_contract(
    qtmodeltester: Any, demo_database: Database
) -> None:
    model = OrgTreeModel(demo_database)
    model.fetchMore(model.index(0, 0))
    qtmodeltester.check(model, force_py=True)
