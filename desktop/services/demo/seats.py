"""Committee seats (bí thư, phó bí thư, cấp ủy viên ...) of every demo organisation (§1.2).

Every organisation gets exactly one secretary; cells with at least CHI_UY_THRESHOLD official
members elect a chi ủy of at most CHI_UY_MAX seats (R-COM-1, both from the rule table);
committees are filled from the secretaries of the organisations below them, then from other
official members of their subtree.
Holders are official members whose official date precedes the start of the term.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from desktop.models.enums import CommitteeRole, OrgKind, SeatSource
from desktop.models.rules import RuleBook, RuleCode
from desktop.services.demo.people import MemberFacts
from desktop.services.demo.structure import OrgNode

CELL_TERM_DAYS = (30, 880)  # the last cell congress was this many days ago
COMMITTEE_TERM_DAYS = (60, 880)


class SeatPlanner:
    """Chooses the seat holders of every organisation of a tree, deterministically."""

    def __init__(
        self, rng: random.Random, today: dt.date, facts_by_cell: dict[int, list[MemberFacts]],
        rules: RuleBook,
    ) -> None:
        self.rng = rng
        self.today = today
        self.chi_uy_threshold = int(rules.value(RuleCode.CHI_UY_THRESHOLD, today))
        self.chi_uy_max = int(rules.value(RuleCode.CHI_UY_MAX, today))
        self.facts_by_cell = facts_by_cell
        self.official = {
            fact.id: fact.official_date
            for facts in facts_by_cell.values() for fact in facts if fact.is_full
        }
        self.secretaries: dict[int, int] = {}
        self.rows: list[dict[str, Any]] = []

    def plan(self, root: OrgNode) -> list[dict[str, Any]]:
        nodes = list(root.walk())
        for node in reversed(nodes):  # children before parents: committees use their secretaries
            if node.kind.is_cell:
                self._cell(node)
            else:
                self._committee(node)
        self.rows.sort(key=lambda row: (row["organization_id"], row["id"]))
        for index, row in enumerate(self.rows, start=1):
            row["id"] = index
        return self.rows

    def _start(self, span: tuple[int, int]) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(*span))

    def _cell(self, cell: OrgNode) -> None:
        rng = self.rng
        start = self._start(CELL_TERM_DAYS)
        facts = self.facts_by_cell[cell.id]
        full = [fact for fact in facts if fact.is_full]
        eligible = [fact.id for fact in full if fact.official_date and fact.official_date < start]
        rng.shuffle(eligible)
        if len(full) >= self.chi_uy_threshold:
            size = rng.randint(3, min(self.chi_uy_max, len(eligible)))
            roles = [CommitteeRole.SECRETARY, CommitteeRole.DEPUTY_SECRETARY]
            roles += [CommitteeRole.MEMBER] * (size - 2)
        else:
            roles = [CommitteeRole.SECRETARY]
            if len(eligible) >= 2 and rng.random() < 0.6:
                roles.append(CommitteeRole.DEPUTY_SECRETARY)
        self._seat(cell, roles, eligible, start)

    def _committee(self, node: OrgNode) -> None:
        rng = self.rng
        start = self._start(COMMITTEE_TERM_DAYS)
        below = [self.secretaries[child.id] for child in node.children]
        rng.shuffle(below)
        pool = list(dict.fromkeys(member for member in below if self.official[member] < start))
        roles = [CommitteeRole.SECRETARY]
        if node.kind is OrgKind.SECTION_COMMITTEE:
            roles += [CommitteeRole.DEPUTY_SECRETARY] + [CommitteeRole.MEMBER] * rng.randint(1, 3)
        elif node.kind is OrgKind.GRASSROOTS_COMMITTEE:
            members = sum(len(self.facts_by_cell[cell.id]) for cell in _cells(node))
            standing = rng.randint(1, 2) if members >= 150 else 0
            roles += [CommitteeRole.DEPUTY_SECRETARY] + [CommitteeRole.STANDING_MEMBER] * standing
            roles += [CommitteeRole.MEMBER] * rng.randint(3, 7)
        elif node.parent is not None:  # a superior committee below the root
            roles += [CommitteeRole.DEPUTY_SECRETARY] * rng.randint(1, 2)
            roles += [CommitteeRole.STANDING_MEMBER] * rng.randint(1, 2)
            roles += [CommitteeRole.MEMBER] * rng.randint(5, 9)
        else:
            roles += [CommitteeRole.DEPUTY_SECRETARY] * 2 + [CommitteeRole.STANDING_MEMBER] * 2
            roles += [CommitteeRole.MEMBER] * 10
        if len(pool) < len(roles):
            pool += self._others(node, start, len(roles) - len(pool), set(pool))
        self._seat(node, roles[: len(pool)], pool, start)

    def _others(self, node: OrgNode, start: dt.date, count: int, taken: set[int]) -> list[int]:
        """Official members of the subtree who are not secretaries below, chosen at random."""
        candidates = [
            fact.id for cell in _cells(node) for fact in self.facts_by_cell[cell.id]
            if fact.is_full and fact.official_date and fact.official_date < start
            and fact.id not in taken
        ]
        return self.rng.sample(candidates, min(count, len(candidates)))

    def _seat(self, node: OrgNode, roles: Sequence[CommitteeRole], holders: Sequence[int],
              start: dt.date) -> None:
        if not holders:
            raise RuntimeError(f"no official member can hold a seat in {node.code}")
        issuer = "TW" if node.parent is None else ("ĐUK" if node.parent.parent is None else "ĐU")
        decision = f"{self.rng.randint(1, 600)}-QĐ/{issuer}"
        first_deputy = True
        for role, member_id in zip(roles, holders, strict=False):
            # The first deputy of a committee is the standing one (Phó Bí thư thường trực).
            standing = (
                role is CommitteeRole.DEPUTY_SECRETARY and first_deputy and not node.kind.is_cell
            )
            if role is CommitteeRole.DEPUTY_SECRETARY:
                first_deputy = False
            if role is CommitteeRole.SECRETARY:
                self.secretaries[node.id] = member_id
            self.rows.append({
                "id": len(self.rows) + 1,
                "organization_id": node.id,
                "member_id": member_id,
                "role": role,
                "is_standing": standing,
                "source": SeatSource.ELECTED,
                "start_date": start,
                "end_date": None,
                "decision_ref": decision,
                "version": 1,
            })


def _cells(node: OrgNode) -> list[OrgNode]:
    return [descendant for descendant in node.walk() if descendant.kind.is_cell]
