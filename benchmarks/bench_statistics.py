"""Speed of the quantity and quality statistics (MEMBER_QUANTITY_QUALITY) on the `full` demo.

    python benchmarks/bench_statistics.py [--db EXISTING_FULL_DEMO.db] [--keep] [--runs 5]

Run by hand (not in CI). Without --db it builds the full demo (78,432 members, 5,529 cells) in
a temporary folder first. Times desktop.services.member_statistics.member_statistics for the
whole organisation and for one subordinate committee, on the demo's "today" and on a past
cut-off date; prints the median and the slowest of several runs (wall clock and CPU: on a busy
machine the wall clock includes waiting for a core), and the Python memory one run allocates
at its peak. Target (2-core office PC): whole organisation well under 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_keyring  # noqa: E402  (database keys in the benchmarks' own credential store)

bench_keyring.install()

from bench_actor import act_as_administrator  # noqa: E402

from desktop.db.database import Database, open_database  # noqa: E402
from desktop.services.demo import DemoScale, create_demo  # noqa: E402
from desktop.services.member_statistics import member_statistics  # noqa: E402
from desktop.services.organizations import child_organizations, root_organizations  # noqa: E402

TODAY = dt.date(2026, 11, 21)
PAST = dt.date(2021, 12, 31)
rows: list[tuple[str, str, str]] = []


def record(name: str, value: str, target: str = "") -> None:
    rows.append((name, value, target))
    print(f"  {name}: {value}", flush=True)


def build_demo(path: Path) -> None:
    database = open_database(path)
    try:
        started = time.perf_counter()
        summary = create_demo(database, DemoScale.FULL, today=TODAY)
        elapsed = time.perf_counter() - started
    finally:
        database.close()
    record("full demo created", f"{elapsed:.1f} s ({summary.members:,} members, {summary.cells:,} cells)")


def timed(database: Database, org_id: int, as_of: dt.date, runs: int) -> tuple[list[float], list[float], int]:
    walls, cpus = [], []
    counted = 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = member_statistics(database, org_id, as_of)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        counted = result.total.counts["total"]
    return walls, cpus, counted


def measure(database: Database, label: str, org_id: int, as_of: dt.date, runs: int, target: str = "") -> None:
    walls, cpus, counted = timed(database, org_id, as_of, runs)
    record(f"{label} as at {as_of:%d/%m/%Y}: {counted:,} members, median of {runs}",
           f"{statistics.median(walls):.2f} s (CPU {statistics.median(cpus):.2f} s)", target)
    record(f"{label} as at {as_of:%d/%m/%Y}: slowest", f"{max(walls):.2f} s")


def peak_memory(database: Database, org_id: int) -> None:
    tracemalloc.start()
    member_statistics(database, org_id, TODAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    record("whole organisation: peak Python memory of one run", f"{peak / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="an existing full demo database")
    parser.add_argument("--keep", action="store_true", help="keep the built demo database")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="party-office-bench-"))
    path = args.db or folder / "full.db"
    print(f"database: {path}")
    if args.db is None:
        build_demo(path)
    database = act_as_administrator(open_database(path))
    try:
        root = root_organizations(database)[0]
        committee = child_organizations(database, root.id)[0]
        member_statistics(database, root.id, TODAY)  # warm the page cache like a running app
        measure(database, "whole organisation", root.id, TODAY, args.runs, "well under 3 s")
        measure(database, "whole organisation", root.id, PAST, args.runs)
        measure(database, f"subordinate committee {committee.code}", committee.id, TODAY, args.runs)
        peak_memory(database, root.id)
    finally:
        database.close()
    print()
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measure'.ljust(width)} | {'value':>24} | target")
    print(f"{'-' * width}-+-{'-' * 24}-+-------")
    for name, value, target in rows:
        print(f"{name.ljust(width)} | {value:>24} | {target}")
    if not args.keep and args.db is None:
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()
    elif args.db is not None:
        folder.rmdir()


if __name__ == "__main__":
    main()
