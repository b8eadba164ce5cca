"""Adding and editing organisations from the workspace: the dialog, the tree's context menu
and showing the saved organisation in the tree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.services.organization_editing import kind_choices
from desktop.services.organizations import ancestor_ids, organization_summary
from desktop.texts import problem_message
from desktop.ui import dialogs
from desktop.ui.organization_form import OrganizationForm

if TYPE_CHECKING:
    from desktop.ui.workspace import Workspace

_CONTEXT = "Workspace"
_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class OrgEditor(QObject):
    def __init__(self, workspace: Workspace, tree_actions: Sequence[QAction] = ()) -> None:
        super().__init__(workspace)
        self._space = workspace
        self._tree_actions = tuple(tree_actions)
        self.form: OrganizationForm | None = None
        tree = workspace.tree
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._tree_menu)

    def new_organization(self) -> None:
        """Add under the selected organisation (a top-level one while nothing is selected)."""
        space = self._space
        node = space.selected_org()
        parent_id = node.id if node is not None else None
        choices = kind_choices(space.database, parent_id)
        if choices.problems:
            dialogs.show_error(
                space,
                _tr("Không thêm được tổ chức trực thuộc"),
                "\n".join(problem_message(problem) for problem in choices.problems),
            )
            return
        self._show(lambda: OrganizationForm(space.database, None, parent_id, choices, space))

    def edit_current_organization(self) -> None:
        space = self._space
        node = space.selected_org()
        if node is not None:
            self._show(lambda: OrganizationForm.for_existing(space.database, node.id, space))

    def close_form(self) -> bool:
        """Close the open dialog (asking about unsaved changes); False if the user kept it."""
        return self.form is None or self.form.close()

    def _show(self, make: Callable[[], OrganizationForm]) -> None:
        if self.form is not None:  # one at a time: it is window-modal
            self.form.raise_()
            self.form.activateWindow()
            return
        form = make()
        self.form = form
        form.saved.connect(self._on_saved)
        form.finished.connect(self._closed)
        form.show()
        form.raise_()
        form.activateWindow()

    def _closed(self, _result: int) -> None:
        self.form = None

    def _on_saved(self, org_id: int, parent_id: int | None) -> None:
        """The saved organisation in the tree: its level re-read, its parent open, selected."""
        space = self._space
        model, tree = space.tree_model, space.tree
        model.refresh_children(parent_id)
        index = model.reveal(ancestor_ids(space.database, org_id))
        if not index.isValid():
            return
        if parent_id is not None:
            tree.expand(model.parent(index))
        tree.scrollTo(index)
        if tree.currentIndex() == index:
            space.header.show_summary(organization_summary(space.database, org_id))
            space.table_model.refresh()  # the table shows cell names
        else:
            tree.selectionModel().setCurrentIndex(index, _SELECT)

    def _tree_menu(self, position: QPoint) -> None:
        if not self._tree_actions:
            return
        tree = self._space.tree
        index: QModelIndex = tree.indexAt(position)
        if index.isValid():
            tree.selectionModel().setCurrentIndex(index, _SELECT)
        menu = QMenu(self._space)
        menu.addActions(list(self._tree_actions))
        menu.exec(tree.viewport().mapToGlobal(position))
