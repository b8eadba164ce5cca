"""The organisation tree of the demo: exact counts per kind, names, codes, paths, member quotas.

Pure computation over a seeded `random.Random`: nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import enum
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from desktop.models.enums import OrgKind, OrgStatus
from desktop.models.organization import child_path
from desktop.services.demo import units
from desktop.services.demo.places import hanoi_address
from desktop.services.demo.units import AREA_TYPES, Body, UnitKind

# R-ORG-2: a grassroots cell has fewer than 30 members, a grassroots committee at least 30.
GRASSROOTS_COMMITTEE_MIN_MEMBERS = 30
GRASSROOTS_CELL_MAX_MEMBERS = 29
GRASSROOTS_CELL_MIN_MEMBERS = 7
SUBORDINATE_CELL_MIN_MEMBERS = 5
SUBORDINATE_CELL_MAX_MEMBERS = 60  # large cells exist, with the superior's consent (R-ORG-2)
ROOT_ESTABLISHED = dt.date(2007, 8, 30)  # fictional, like everything in the demo


class DemoScale(enum.Enum):
    SMALL = "small"
    FULL = "full"


@dataclass(frozen=True)
class ScaleSpec:
    """Exact counts the generated tree has (the root not included in any count)."""

    superior_bodies: tuple[Body, ...]
    grassroots_bodies: tuple[Body, ...]
    committees_under_superiors: int  # grassroots committees below the superior committees
    grassroots_cells: int
    subordinate_cells: int
    section_committees: int
    members: int

    @property
    def grassroots_committees(self) -> int:
        return self.committees_under_superiors + len(self.grassroots_bodies)

    @property
    def cells(self) -> int:
        return self.grassroots_cells + self.subordinate_cells

    @property
    def organizations(self) -> int:
        return (1 + len(self.superior_bodies) + self.grassroots_committees
                + self.section_committees + self.cells)


def _bodies(pool: Sequence[Body], names: Sequence[str]) -> tuple[Body, ...]:
    by_name = {body.name: body for body in pool}
    return tuple(by_name[name] for name in names)


# The reference organisation of domain spec R-ORG-3: 61 subordinate committees, 474 grassroots
# cells, 5,055 subordinate cells, 78,432 members.
FULL_SPEC = ScaleSpec(
    superior_bodies=units.SUPERIOR_BODIES,
    grassroots_bodies=units.GRASSROOTS_BODIES,
    committees_under_superiors=362,
    grassroots_cells=474,
    subordinate_cells=5055,
    section_committees=36,
    members=78432,
)
# The same shape in miniature, for tests and first looks.
SMALL_SPEC = ScaleSpec(
    superior_bodies=_bodies(units.SUPERIOR_BODIES, ("Bộ Tài chính", "Bộ Ngoại giao")),
    grassroots_bodies=_bodies(units.GRASSROOTS_BODIES, ("Văn phòng Chủ tịch nước",)),
    committees_under_superiors=2,
    grassroots_cells=4,
    subordinate_cells=16,
    section_committees=1,
    members=320,
)
SPECS: dict[DemoScale, ScaleSpec] = {DemoScale.SMALL: SMALL_SPEC, DemoScale.FULL: FULL_SPEC}


@dataclass(eq=False)
class OrgNode:
    """One organisation of the tree, with what the member generator needs to know about it."""

    id: int
    kind: OrgKind
    name: str
    unit: str  # the body, unit or sub-unit the organisation belongs to
    unit_kind: UnitKind
    parent: OrgNode | None
    code: str = ""
    path: str = ""
    level: int = 0
    position: int = 0
    established: dt.date = ROOT_ESTABLISHED
    decision_ref: str = ""
    is_overseas: bool = False
    country: str | None = None
    address: str | None = None
    phone: str | None = None
    issuer_name: str | None = None
    issuer_code: str | None = None
    place_name: str | None = None
    member_quota: int = 0  # cells only
    children: list[OrgNode] = field(default_factory=list)

    @property
    def committee(self) -> OrgNode:
        """The committee that decides admissions for the members of this cell."""
        parent = self.parent
        assert parent is not None
        while parent.kind is OrgKind.SECTION_COMMITTEE:
            assert parent.parent is not None
            parent = parent.parent
        return parent

    def work_unit(self) -> str:
        """'Phòng Tổng hợp, Cục Thuế, Bộ Tài chính': units from this one up to its body."""
        names: list[str] = []
        node: OrgNode | None = self
        while node is not None and node.parent is not None:
            if node.kind is not OrgKind.SECTION_COMMITTEE:
                names.append(node.unit)
            node = node.parent
        return ", ".join(names)[:200]

    def walk(self) -> Iterator[OrgNode]:
        """This node and every descendant, parents before children, in position order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def split_total(
    total: int,
    weights: Sequence[float],
    minimum: int | Sequence[int] = 0,
    caps: Sequence[int] | None = None,
) -> list[int]:
    """`total` split into len(weights) parts ≥ `minimum` (≤ caps), proportional to the weights.

    Largest-remainder rounding, ties broken by index: the result depends on nothing else.
    """
    count = len(weights)
    parts = [minimum] * count if isinstance(minimum, int) else list(minimum)
    limits = list(caps) if caps is not None else [total] * count
    if sum(parts) > total or sum(limits) < total or any(
        cap < low for cap, low in zip(limits, parts, strict=True)
    ):
        raise ValueError(f"cannot split {total} into {count} parts within their bounds")
    remaining = total - sum(parts)
    while remaining > 0:
        active = [i for i in range(count) if parts[i] < limits[i]]
        weight_sum = sum(weights[i] for i in active)
        remainders: list[tuple[float, int]] = []
        for i in active:
            share = remaining * weights[i] / weight_sum
            whole = min(int(share), limits[i] - parts[i])
            parts[i] += whole
            remaining -= whole
            if parts[i] < limits[i]:
                remainders.append((-(share - int(share)), i))
        remainders.sort()
        for _, i in remainders[:remaining]:
            parts[i] += 1
        remaining -= min(remaining, len(remainders))
    return parts


class TreeBuilder:
    """Builds the tree for one spec; ids are assigned parents first (insertable in id order)."""

    def __init__(self, spec: ScaleSpec, today: dt.date, rng: random.Random) -> None:
        self.spec = spec
        self.today = today
        self.rng = rng

    def build(self) -> OrgNode:
        root = OrgNode(0, OrgKind.SUPERIOR_COMMITTEE, units.ROOT_NAME, units.ROOT_UNIT,
                       UnitKind.OFFICE, None)
        root.code = units.ROOT_CODE
        root.issuer_name = units.ROOT_ISSUER_NAME
        root.issuer_code = units.ROOT_ISSUER_CODE
        root.place_name = units.ROOT_PLACE  # the others inherit it
        root.established = min(ROOT_ESTABLISHED, self.today)
        root.decision_ref = f"{self.rng.randint(20, 400)}-QĐ/TW"
        root.address = hanoi_address(self.rng)
        root.phone = self._phone()
        superiors = [self._add(root, OrgKind.SUPERIOR_COMMITTEE, f"Đảng bộ {body.name}", body.name,
                               body.kind) for body in self.spec.superior_bodies]
        direct = [self._add(root, OrgKind.GRASSROOTS_COMMITTEE, f"Đảng bộ {body.name}", body.name,
                            body.kind) for body in self.spec.grassroots_bodies]
        committees = self._fill_superiors(superiors) + [
            (node, self._sub_unit_pool(node, body)) for node, body in
            zip(direct, self.spec.grassroots_bodies, strict=True)
        ]
        self._fill_committees(committees)
        self._assign_member_quotas(root)
        self._number(root)
        return root

    # -- structure -------------------------------------------------------------------------

    def _fill_superiors(self, superiors: list[OrgNode]) -> list[tuple[OrgNode, list[str]]]:
        """Grassroots committees and grassroots cells below each superior committee."""
        bodies = self.spec.superior_bodies
        weights = [body.weight for body in bodies]
        big = [units.big_unit_names(body) for body in bodies]
        small = [units.small_unit_names(body) for body in bodies]
        committee_counts = split_total(
            self.spec.committees_under_superiors, weights, 1, [len(names) for names in big]
        )
        cell_counts = split_total(
            self.spec.grassroots_cells, weights, 1, [len(names) for names in small]
        )
        committees: list[tuple[OrgNode, list[str]]] = []
        for node, body, names, count in zip(superiors, bodies, big, committee_counts, strict=True):
            for unit in self._pick(names, count):
                kind = units.unit_kind(unit, body.kind)
                child = self._add(node, OrgKind.GRASSROOTS_COMMITTEE, f"Đảng bộ {unit}", unit, kind)
                committees.append((child, self._sub_unit_pool(child, None)))
        for node, body, names, count in zip(superiors, bodies, small, cell_counts, strict=True):
            for unit in self._pick(names, count):
                kind = units.unit_kind(unit, body.kind)
                self._add(node, OrgKind.GRASSROOTS_CELL, f"Chi bộ {unit}", unit, kind)
        return committees

    def _pick(self, names: list[str], count: int) -> list[str]:
        """The specific units first (they come first in the list), then a random choice."""
        specific = min(count, max(count // 2, 1))
        rest = self.rng.sample(names[specific:], count - specific)
        chosen = set(names[:specific]) | set(rest)
        return [name for name in names if name in chosen]

    def _sub_unit_pool(self, node: OrgNode, body: Body | None) -> list[str]:
        if node.unit_kind is UnitKind.MISSION:
            body = node.parent.unit if node.parent else ""
            return [unit for unit, _ in units.mission_units(body)]
        pool = list(body.small_units) if body is not None else []
        pool += [name for name in units.SUB_UNITS[node.unit_kind] if name not in pool]
        return pool

    def _fill_committees(self, committees: list[tuple[OrgNode, list[str]]]) -> None:
        """Subordinate cells of every grassroots committee, some grouped in section committees."""
        rng = self.rng
        # Missions abroad are many small cells: their committees get more of them.
        weights = [
            rng.lognormvariate(0.0, 0.5) * (4.0 if node.unit_kind is UnitKind.MISSION else 1.0)
            for node, _ in committees
        ]
        caps = [len(pool) for _, pool in committees]
        # Hosts of a section committee keep at least 2 cells of their own besides its 3.
        candidates = [index for index, (node, pool) in enumerate(committees)
                      if node.unit_kind is not UnitKind.MISSION and len(pool) >= 8]
        with_section = set(rng.sample(candidates, self.spec.section_committees))
        minimums = [5 if index in with_section else 3 for index in range(len(committees))]
        counts = split_total(self.spec.subordinate_cells, weights, minimums, caps)
        for index, ((node, pool), count) in enumerate(zip(committees, counts, strict=True)):
            countries: dict[str, str] = {}
            if node.unit_kind is UnitKind.MISSION:
                countries = dict(units.mission_units(node.parent.unit if node.parent else ""))
            names = self._pick(pool, count)
            if index in with_section:
                grouped = rng.randint(3, min(6, count - 2))
                section_unit = rng.choice(units.SECTIONS[node.unit_kind])
                section = self._add(node, OrgKind.SECTION_COMMITTEE,
                                    f"Đảng bộ bộ phận {section_unit}", section_unit, node.unit_kind)
                for unit in names[-grouped:]:
                    self._add_cell(section, unit, node.unit_kind)
                names = names[:-grouped]
            for unit in names:
                cell = self._add_cell(node, unit, node.unit_kind)
                if node.unit_kind is UnitKind.MISSION:
                    cell.is_overseas = True
                    cell.country = countries[unit]

    def _add(
        self, parent: OrgNode, kind: OrgKind, name: str, unit: str, unit_kind: UnitKind
    ) -> OrgNode:
        node = OrgNode(0, kind, name[:200], unit, unit_kind, parent)
        parent.children.append(node)
        return node

    def _add_cell(self, parent: OrgNode, unit: str, unit_kind: UnitKind) -> OrgNode:
        return self._add(parent, OrgKind.SUBORDINATE_CELL, f"Chi bộ {unit}", unit, unit_kind)

    # -- members ---------------------------------------------------------------------------

    def _assign_member_quotas(self, root: OrgNode) -> None:
        """Members per cell: grassroots cells 7-29, every grassroots committee at least 30."""
        rng = self.rng
        grassroots_cells = [node for node in root.walk() if node.kind is OrgKind.GRASSROOTS_CELL]
        for cell in grassroots_cells:
            cell.member_quota = int(rng.triangular(GRASSROOTS_CELL_MIN_MEMBERS,
                                                   GRASSROOTS_CELL_MAX_MEMBERS + 0.999, 14))
        remaining = self.spec.members - sum(cell.member_quota for cell in grassroots_cells)
        committees = [node for node in root.walk() if node.kind is OrgKind.GRASSROOTS_COMMITTEE]
        cells_of = [[n for n in c.walk() if n.kind is OrgKind.SUBORDINATE_CELL] for c in committees]
        weights = [len(cells) * rng.lognormvariate(0.0, 0.3) for cells in cells_of]
        minimums = [max(GRASSROOTS_COMMITTEE_MIN_MEMBERS, SUBORDINATE_CELL_MIN_MEMBERS * len(cells))
                    for cells in cells_of]
        # Split what is above each committee's minimum, so that every minimum holds.
        extra = split_total(remaining - sum(minimums), weights)
        totals = [low + more for low, more in zip(minimums, extra, strict=True)]
        for cells, total in zip(cells_of, totals, strict=True):
            cell_weights = [
                rng.lognormvariate(0.0, 0.45) * (0.4 if cell.is_overseas else 1.0) for cell in cells
            ]
            caps = [max(SUBORDINATE_CELL_MAX_MEMBERS, -(-total // len(cells)))] * len(cells)
            quotas = split_total(total, cell_weights, SUBORDINATE_CELL_MIN_MEMBERS, caps)
            for cell, quota in zip(cells, quotas, strict=True):
                cell.member_quota = quota

    # -- codes, paths, dates ---------------------------------------------------------------

    def _number(self, root: OrgNode) -> None:
        next_id = 1
        for node in root.walk():
            node.id = next_id
            next_id += 1
            for position, child in enumerate(node.children):
                child.position = position
            parent = node.parent
            node.path = child_path(parent.path if parent else None, node.id)
            if parent is None:
                continue
            node.level = parent.level + 1
            # DBK.01 (subordinate committee), DBK.01.003 (its units), DBK.01.003.02 (their cells).
            digits = 3 if parent.level == 1 and parent.kind is OrgKind.SUPERIOR_COMMITTEE else 2
            width = max(digits, len(str(len(parent.children))))
            node.code = f"{parent.code}.{node.position + 1:0{width}d}"
            node.established = self._established(parent.established)
            issuer = units.ROOT_ISSUER_CODE if parent.parent is None else "ĐU"
            node.decision_ref = f"{self.rng.randint(5, 990)}-QĐ/{issuer}"
            if not node.kind.is_cell and node.kind is not OrgKind.SECTION_COMMITTEE:
                node.address = hanoi_address(self.rng)
                node.phone = self._phone()

    def _established(self, after: dt.date) -> dt.date:
        latest = self.today - dt.timedelta(days=730)
        if latest <= after:
            return after
        return after + dt.timedelta(days=self.rng.randint(0, (latest - after).days))

    def _phone(self) -> str:
        return f"024 3{self.rng.randint(0, 999):03d} {self.rng.randint(0, 9999):04d}"


def org_row(node: OrgNode, search_key: str) -> dict[str, object]:
    """The party_organization row of a node (every column, so all rows share one shape)."""
    return {
        "id": node.id,
        "code": node.code,
        "name": node.name,
        "short_name": None,
        "kind": node.kind,
        "parent_id": node.parent.id if node.parent else None,
        "path": node.path,
        "level": node.level,
        "position": node.position,
        "established_date": node.established,
        "established_decision_ref": node.decision_ref,
        "dissolved_date": None,
        "dissolution_decision_ref": None,
        "is_overseas": node.is_overseas,
        "country": node.country,
        "address": node.address,
        "phone": node.phone,
        "email": None,
        "area_type": AREA_TYPES[node.unit_kind],
        "status": OrgStatus.ACTIVE,
        "issuer_name": node.issuer_name,
        "issuer_code": node.issuer_code,
        "superior_name": None,
        "place_name": node.place_name,
        "search_key": search_key,
        "version": 1,
    }
