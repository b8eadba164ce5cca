"""The organisation tree, loaded one level at a time as the user expands it.

With 5,529 cells under 61 committees, loading the whole tree would cost seconds; each node
asks the service for its children only when the view expands it (canFetchMore/fetchMore).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from desktop.db.database import Database
from desktop.models.enums import OrgStatus
from desktop.services.organizations import OrgNode, child_organizations, root_organizations
from desktop.texts import label

_CONTEXT = "OrgTree"
ORG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ORG_NODE_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()  # the invisible root, as the default parent argument


class _Item:
    __slots__ = ("node", "parent", "row", "children")

    def __init__(self, node: OrgNode | None, parent: _Item | None, row: int) -> None:
        self.node = node
        self.parent = parent
        self.row = row
        self.children: list[_Item] | None = None  # None: not fetched yet


class OrgTreeModel(QAbstractItemModel):
    """Columns: the organisation's name, then its kind."""

    def __init__(self, database: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._root = _Item(None, None, 0)
        self._root.children = [
            _Item(node, self._root, row) for row, node in enumerate(root_organizations(database))
        ]
        self._by_id: dict[int, _Item] = {
            item.node.id: item for item in self._root.children if item.node
        }

    # -- structure ---------------------------------------------------------------------

    def _item(self, index: _Index) -> _Item:
        if index.isValid():
            return index.internalPointer()  # type: ignore[no-any-return]
        return self._root

    def index(self, row: int, column: int, parent: _Index = _NO_PARENT) -> QModelIndex:
        if column < 0 or column >= 2 or row < 0:
            return QModelIndex()
        children = self._item(parent).children
        if children is None or row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: _Index = _NO_PARENT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        item: _Item = index.internalPointer()
        parent = item.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        children = self._item(parent).children
        return 0 if children is None else len(children)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 2

    def hasChildren(self, parent: _Index = _NO_PARENT) -> bool:
        if parent.isValid() and parent.column() != 0:
            return False
        item = self._item(parent)
        if item.children is not None:
            return bool(item.children)
        return bool(item.node and item.node.has_children)

    def canFetchMore(self, parent: _Index) -> bool:
        if not parent.isValid() or parent.column() != 0:
            return False
        item = self._item(parent)
        return item.children is None and bool(item.node and item.node.has_children)

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        item = self._item(parent)
        assert item.node is not None
        nodes = child_organizations(self._database, item.node.id)
        if not nodes:
            item.children = []
            return
        self.beginInsertRows(parent, 0, len(nodes) - 1)
        item.children = [_Item(node, item, row) for row, node in enumerate(nodes)]
        for child in item.children:
            assert child.node is not None
            self._by_id[child.node.id] = child
        self.endInsertRows()

    # -- content -----------------------------------------------------------------------

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._item(index).node
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node.name if index.column() == 0 else label(node.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = f"{node.name}\n{label(node.kind)} · {node.code}"
            if node.status is not OrgStatus.ACTIVE:
                text += "\n" + QCoreApplication.translate(_CONTEXT, "Không còn hoạt động")
            return text
        if role == Qt.ItemDataRole.FontRole and node.status is not OrgStatus.ACTIVE:
            font = QFont()
            font.setItalic(True)
            return font
        if role == ORG_ID_ROLE:
            return node.id
        if role == ORG_NODE_ROLE:
            return node
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return QCoreApplication.translate(_CONTEXT, "Tổ chức đảng")
            if section == 1:
                return QCoreApplication.translate(_CONTEXT, "Loại")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def refresh_children(self, parent_id: int | None) -> None:
        """Re-read one level after an organisation under `parent_id` was added or edited.

        New organisations are inserted where the service lists them, changed ones repaint and
        vanished ones are removed; the loaded subtrees of the others stay as they are.
        """
        if parent_id is None:
            parent_item, parent_index = self._root, QModelIndex()
            nodes = root_organizations(self._database)
        else:
            found = self._by_id.get(parent_id)
            if found is None:
                return  # that level is not loaded: it is read fresh when expanded
            parent_item, parent_index = found, self.createIndex(found.row, 0, found)
            nodes = child_organizations(self._database, parent_id)
        if parent_item.children is None:
            # Never fetched; it may just have received its first child.
            if parent_item.node is not None and nodes:
                parent_item.node = replace(parent_item.node, has_children=True)
                self.fetchMore(parent_index)
            return
        wanted = {node.id for node in nodes}
        kept = [item.node.id for item in parent_item.children if item.node is not None]
        reordered = [i for i in kept if i in wanted] != [n.id for n in nodes if n.id in set(kept)]
        for row in reversed(range(len(parent_item.children))):
            gone = parent_item.children[row]
            if gone.node is not None and (reordered or gone.node.id not in wanted):
                self.beginRemoveRows(parent_index, row, row)
                del parent_item.children[row]
                self._forget(gone)
                self._renumber(parent_item)
                self.endRemoveRows()
        for row, node in enumerate(nodes):
            children = parent_item.children
            if row < len(children) and children[row].node is not None and children[row].node.id == node.id:
                if children[row].node != node:
                    children[row].node = node
                    self.dataChanged.emit(self.index(row, 0, parent_index), self.index(row, 1, parent_index))
                continue
            self.beginInsertRows(parent_index, row, row)
            item = _Item(node, parent_item, row)
            children.insert(row, item)
            self._by_id[node.id] = item
            self._renumber(parent_item)
            self.endInsertRows()

    def refresh_loaded(self) -> None:
        """Re-read every level loaded so far (after an import added organisations anywhere)."""
        self.refresh_children(None)
        for org_id in list(self._by_id):
            if org_id in self._by_id:
                self.refresh_children(org_id)

    @staticmethod
    def _renumber(parent: _Item) -> None:
        for row, child in enumerate(parent.children or ()):
            child.row = row

    def _forget(self, item: _Item) -> None:
        if item.node is not None:
            self._by_id.pop(item.node.id, None)
        for child in item.children or ():
            self._forget(child)

    # -- lookups -----------------------------------------------------------------------

    def node(self, index: _Index) -> OrgNode | None:
        return self._item(index).node if index.isValid() else None

    def index_of(self, org_id: int) -> QModelIndex:
        """Index of an organisation already loaded (invalid if its level was not fetched)."""
        item = self._by_id.get(org_id)
        if item is None:
            return QModelIndex()
        return self.createIndex(item.row, 0, item)

    def reveal(self, ancestor_ids: list[int]) -> QModelIndex:
        """Fetch the levels from the root down to the last id; returns its index."""
        found = QModelIndex()
        for org_id in ancestor_ids:
            found = self.index_of(org_id)
            if not found.isValid():
                return QModelIndex()
            if self.canFetchMore(found):
                self.fetchMore(found)
        return found
