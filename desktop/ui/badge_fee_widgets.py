"""Small widgets shared by the badges and fees windows: an organisation chooser (the top of
the user's tree and its subordinate organisations) and the problem text of a refusal."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.db.database import Database
from desktop.services.organizations import child_organizations, root_organizations
from desktop.texts import problem_message


def org_combo(database: Database, parent: QWidget | None = None) -> QComboBox:
    """The user's top organisation(s) and their direct subordinates, by name."""
    combo = QComboBox(parent)
    for root in root_organizations(database):
        combo.addItem(root.name, root.id)
        if root.has_children:
            for child in child_organizations(database, root.id):
                combo.addItem("    " + child.name, child.id)
    return combo


def refusal_text(problems, names: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    """One line per problem, prefixed by the member's name when the field is a member id."""
    lines = []
    for problem in problems:
        who = names.get(problem.field)
        text = problem_message(problem)
        lines.append(f"{who}: {text}" if who else text)
    return "\n".join(lines) or QCoreApplication.translate("BadgesFees", "Dữ liệu không hợp lệ.")
