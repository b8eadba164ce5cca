"""Which cell (chi bộ) a row of a member list names: by its code, by its name inside the
import's organisation, or a new cell the import creates there when the user chose so.

Answers are cached per distinct code and name: a file of 78,432 members names a few thousand
cells, each looked up once with an indexed query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models.enums import OrgKind
from desktop.models.organization import PartyOrganization
from desktop.models.organization_rules import OrganizationDraft, allowed_child_kinds
from desktop.models.problems import Problem, ProblemCode
from desktop.models.text import search_key
from desktop.services.members import cell_problems
from desktop.services.organization_editing import (
    insert_organization,
    new_organization_problems,
    normalised,
)
from desktop.services.organizations import CELL_KINDS, in_subtree
from desktop.services.tabular.columns import title_key

PENDING_CELL = -1  # a cell the import will create (a dry run, or writing stopped by a problem)


@dataclass
class CellAnswer:
    cell_id: int | None  # PENDING_CELL for a cell still to be created
    problem: Problem | None = None
    new: OrganizationDraft | None = None  # a cell to create under the import's organisation


class CellFinder:
    def __init__(
        self, session: Session, base: PartyOrganization | None, create_missing: bool, today: dt.date
    ) -> None:
        self._session = session
        self._base = base  # the import's organisation (None: the whole register)
        self._create = create_missing
        self._today = today
        self._answers: dict[tuple[str, str], CellAnswer] = {}
        self._as_written: dict[tuple[str | None, str | None], CellAnswer] = {}
        self._new_codes: set[str] = set()
        self.created = 0  # cells created, or to be created by a dry run

    @property
    def _within(self) -> str:
        return self._base.name if self._base is not None else ""

    def find(self, code: str | None, name: str | None) -> CellAnswer:
        answer = self._as_written.get((code, name))  # most rows repeat a cell as written
        if answer is None:
            key = ((code or "").casefold(), title_key(name or ""))
            answer = self._answers.get(key)
            if answer is None:
                answer = self._by_code(code, name) if code else self._by_name(name or "")
                self._answers[key] = answer
            self._as_written[(code, name)] = answer
        return answer

    def write_pending(self, answer: CellAnswer) -> int:
        """Create the cell of an answer that is still pending; its id."""
        if answer.new is not None and answer.cell_id == PENDING_CELL:
            assert self._base is not None
            answer.cell_id = insert_organization(self._session, self._base, answer.new).id
        assert answer.cell_id is not None
        return answer.cell_id

    # -- looking up ------------------------------------------------------------------------

    def _inside(self, path: str) -> bool:
        return self._base is None or path.startswith(self._base.path)

    def _by_code(self, code: str, name: str | None) -> CellAnswer:
        found = self._session.execute(
            select(PartyOrganization.id, PartyOrganization.name, PartyOrganization.kind,
                   PartyOrganization.status, PartyOrganization.path)
            .where(func.lower(PartyOrganization.code) == code.lower())
        ).first()
        if found is None:
            if self._create and name:
                return self._new(name, code)
            return self._unknown()
        if not self._inside(found.path):
            return self._unknown()
        problems = cell_problems(found.kind, found.status)
        if problems:
            return CellAnswer(None, problems[0])
        if name and title_key(name) != title_key(found.name):
            return CellAnswer(None, Problem("cell_code", ProblemCode.IMPORT_CELL_CODE_NAME_MISMATCH,
                                            {"name": found.name}))
        return CellAnswer(found.id)

    def _by_name(self, name: str) -> CellAnswer:
        wanted = title_key(name)
        if not wanted:
            return CellAnswer(None, Problem("cell_name", ProblemCode.CELL_REQUIRED))
        statement = select(PartyOrganization.id, PartyOrganization.name, PartyOrganization.kind,
                           PartyOrganization.status).where(
            PartyOrganization.kind.in_(CELL_KINDS),
            PartyOrganization.search_key.like(search_key(name) + "%"),
        )
        if self._base is not None:
            statement = statement.where(in_subtree(self._base.path))
        matches = [row for row in self._session.execute(statement) if title_key(row.name) == wanted]
        if not matches:
            return self._new(name, None) if self._create else self._unknown()
        if len(matches) > 1:
            return CellAnswer(None, Problem("cell_name", ProblemCode.IMPORT_AMBIGUOUS_CELL,
                                            {"count": len(matches)}))
        problems = cell_problems(matches[0].kind, matches[0].status)
        return CellAnswer(None, problems[0]) if problems else CellAnswer(matches[0].id)

    def _unknown(self) -> CellAnswer:
        return CellAnswer(None, Problem("cell_name", ProblemCode.IMPORT_UNKNOWN_CELL,
                                        {"within": self._within}))

    # -- creating ----------------------------------------------------------------------------

    def _new(self, name: str, code: str | None) -> CellAnswer:
        base = self._base
        kind = self._cell_kind()
        if base is None or kind is None:
            return CellAnswer(None, Problem("cell_name", ProblemCode.IMPORT_CANNOT_CREATE_CELLS,
                                            {"within": self._within}))
        draft = normalised(OrganizationDraft(code=code or self._free_code(base), name=name, kind=kind))
        if draft.code.casefold() in self._new_codes:
            return CellAnswer(None, Problem("cell_code", ProblemCode.ORG_CODE_DUPLICATE,
                                            {"holder": draft.name}))
        problems = new_organization_problems(self._session, base, draft, self._today)
        if problems:
            field = "cell_code" if problems[0].field == "code" else "cell_name"
            return CellAnswer(None, Problem(field, problems[0].code, problems[0].params))
        self._new_codes.add(draft.code.casefold())
        self.created += 1
        return CellAnswer(PENDING_CELL, new=draft)

    def _cell_kind(self) -> OrgKind | None:
        if self._base is None:
            return None
        allowed = allowed_child_kinds(self._base.kind)
        for kind in (OrgKind.SUBORDINATE_CELL, OrgKind.GRASSROOTS_CELL):
            if kind in allowed:
                return kind
        return None

    def _free_code(self, base: PartyOrganization) -> str:
        """'<parent code>.<n>': the first number after the parent's children not yet used."""
        children = self._session.scalar(
            select(func.count()).select_from(PartyOrganization)
            .where(PartyOrganization.parent_id == base.id)
        ) or 0
        number = int(children) + len(self._new_codes) + 1
        while True:
            code = f"{base.code}.{number}"
            taken = self._session.scalar(
                select(PartyOrganization.id).where(func.lower(PartyOrganization.code) == code.lower())
            )
            if taken is None and code.casefold() not in self._new_codes:
                return code
            number += 1
