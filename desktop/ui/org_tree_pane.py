"""The organisation tree of a side window (due lists, reports of a subtree): the actor's scope
at the top, lazily expanded, one organisation current."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from desktop.db.database import Database
from desktop.services.errors import RecordNotFound
from desktop.services.organizations import OrgNode, ancestor_ids
from desktop.ui.org_tree_model import OrgTreeModel


class OrgTreePane(QTreeView):
    organization_changed = Signal(int)  # the id of the new current organisation
    node_changed = Signal(object)  # the new current OrgNode, or None when there is none

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.org_model = OrgTreeModel(database, self)
        self.setModel(self.org_model)
        self.setHeaderHidden(True)
        self.setColumnHidden(1, True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.selectionModel().currentChanged.connect(self._on_current_changed)

    def selected_org(self) -> OrgNode | None:
        return self.org_model.node(self.currentIndex())

    def select_first(self) -> None:
        first = self.org_model.index(0, 0)
        if first.isValid():
            self._select_index(first)

    def select_org(self, organization_id: int) -> None:
        try:
            chain = ancestor_ids(self._database, organization_id)
        except RecordNotFound:
            return
        index = self.org_model.reveal(chain)
        if index.isValid():
            self._select_index(index)

    def _select_index(self, index: QModelIndex) -> None:
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.scrollTo(index)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.org_model.node(current)
        self.node_changed.emit(node)
        if node is not None:
            self.organization_changed.emit(node.id)
