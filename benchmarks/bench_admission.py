"""Speed of the candidate list of the admission window (Phát triển đảng viên) on the `full` demo.

    python benchmarks/bench_admission.py [--db EXISTING_FULL_DEMO.db] [--keep] [--runs 5]

Run by hand (not in CI). Without --db it builds the full demo (78,432 members, 5,529 cells, 420
candidates) in a temporary folder first. Times what the window does when it opens or a filter
changes: the count and the first page of desktop.services.admission.fetch_cases, for the whole
organisation, overdue only, one state, one subordinate committee; and opening one case
(get_case: its steps, deadline and introducers). Target (2-core office PC): each under 0.2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_keyring  # noqa: E402  (database keys in the benchmarks' own credential store)

bench_keyring.install()

from desktop.db.database import open_database  # noqa: E402
from desktop.models.accounts import Role  # noqa: E402
from desktop.models.admission import AdmissionState  # noqa: E402
from desktop.models.permissions import Actor  # noqa: E402
from desktop.services.admission import AdmissionListQuery, count_cases, fetch_cases, get_case  # noqa: E402
from desktop.services.demo import DemoScale, create_demo  # noqa: E402
from desktop.services.organizations import child_organizations, root_organizations  # noqa: E402

TODAY = dt.date(2026, 11, 21)
PAGE = 200
rows: list[tuple[str, str, str]] = []


def record(name: str, value: str, target: str = "") -> None:
    rows.append((name, value, target))
    print(f"  {name}: {value}", flush=True)


def timed(runs: int, work: Callable[[], object]) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="an existing full demo database")
    parser.add_argument("--keep", action="store_true", help="keep the built demo database")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="party-office-bench-"))
    path = args.db or folder / "full.db"
    print(f"database: {path}")
    database = open_database(path)
    try:
        if args.db is None:
            started = time.perf_counter()
            summary = create_demo(database, DemoScale.FULL, today=TODAY)
            record("full demo created", f"{time.perf_counter() - started:.1f} s ({summary.members:,} members)")
        database.actor = Actor(user_id=0, username="bench", full_name="Đo đạc", role=Role.ADMIN, scope_path=None)
        root = root_organizations(database)[0]
        committee = child_organizations(database, root.id)[0]
        queries = (
            ("whole organisation, open cases", AdmissionListQuery(root.id)),
            ("whole organisation, overdue", AdmissionListQuery(root.id, overdue_on=TODAY)),
            ("whole organisation, state DECIDED", AdmissionListQuery(root.id, state=AdmissionState.DECIDED)),
            ("whole organisation, all incl. closed", AdmissionListQuery(root.id, include_closed=True)),
            (f"committee {committee.code}, open cases", AdmissionListQuery(committee.id)),
        )
        first_id = None
        for label, query in queries:
            median, slowest, result = timed(args.runs, lambda query=query: (
                count_cases(database, query), fetch_cases(database, query, 0, PAGE)))
            count, page = result  # type: ignore[misc]
            first_id = first_id or (page[0].id if page else None)
            record(f"{label}: count + first page ({count:,} cases)",
                   f"median {median * 1000:.1f} ms, slowest {slowest * 1000:.1f} ms", "< 200 ms")
        if first_id is not None:
            median, slowest, _ = timed(args.runs, lambda: get_case(database, first_id))
            record("open one case (steps, deadline, introducers)",
                   f"median {median * 1000:.1f} ms, slowest {slowest * 1000:.1f} ms", "< 200 ms")
    finally:
        database.close()
    print()
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measure'.ljust(width)} | {'value':>34} | target")
    print(f"{'-' * width}-+-{'-' * 34}-+-------")
    for name, value, target in rows:
        print(f"{name.ljust(width)} | {value:>34} | {target}")
    if not args.keep and args.db is None:
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()
    elif args.db is not None:
        folder.rmdir()


if __name__ == "__main__":
    main()
