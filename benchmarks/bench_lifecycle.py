"""Speed of the member-lifecycle lists and report on the `full` demo (78,432 members).

    python benchmarks/bench_lifecycle.py [--db EXISTING_FULL_DEMO.db] [--runs 5]

Run by hand (not in CI). Without --db it builds the full demo (with its year of exits) in a
temporary folder first. Times, for the whole organisation: the probation due list
(desktop.services.probation.probation_due, 60 days), the changes counts of the last year
(member_changes), reading the list of those changes, and the whole PDF report. Targets
(2-core office PC): due list and changes report ≤ 1 s each.
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

from bench_actor import act_as_administrator  # noqa: E402

from desktop.db.database import open_database  # noqa: E402
from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report  # noqa: E402
from desktop.services.demo import DemoScale, create_demo  # noqa: E402
from desktop.services.member_changes import member_change_entries, member_changes  # noqa: E402
from desktop.services.organizations import root_organizations  # noqa: E402
from desktop.services.probation import probation_due  # noqa: E402

TODAY = dt.date(2026, 12, 2)
YEAR_AGO = TODAY - dt.timedelta(days=365)
rows: list[tuple[str, str, str]] = []


def record(name: str, value: str, target: str = "") -> None:
    rows.append((name, value, target))
    print(f"  {name}: {value}", flush=True)


def timed(label: str, work: Callable[[], int], runs: int, target: str = "", unit: str = "rows") -> None:
    walls: list[float] = []
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        size = work()
        walls.append(time.perf_counter() - started)
    record(f"{label} ({size:,} {unit}), median of {runs}", f"{statistics.median(walls):.3f} s", target)
    record(f"{label}: slowest", f"{max(walls):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="an existing full demo database")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="party-office-bench-"))
    path = args.db or folder / "full.db"
    print(f"database: {path}")
    database = act_as_administrator(open_database(path))
    try:
        if args.db is None:
            started = time.perf_counter()
            summary = create_demo(database, DemoScale.FULL, today=TODAY)
            record("full demo created", f"{time.perf_counter() - started:.1f} s ({summary.members:,} members)")
        root = root_organizations(database)[0].id
        probation_due(database, root, 60, today=TODAY)  # warm the page cache like a running app
        timed("probation due list, 60 days, whole organisation",
              lambda: len(probation_due(database, root, 60, today=TODAY)), args.runs, "≤ 1 s")
        timed("changes of the last year: counts by subordinate organisation",
              lambda: sum(sum(row.counts.values()) for row in member_changes(database, root, YEAR_AGO, TODAY).rows),
              args.runs, "≤ 1 s")
        timed("changes of the last year: the list",
              lambda: sum(1 for _ in member_change_entries(database, root, YEAR_AGO, TODAY)), args.runs)
        out = folder / "changes.pdf"
        request = ReportRequest(ReportKind.CHANGES, root, TODAY, period_start=YEAR_AGO)
        timed("changes report PDF of the last year", lambda: generate_report(database, request, out).pages,
              max(1, args.runs // 2), unit="pages")
    finally:
        database.close()
    print()
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measure'.ljust(width)} | {'value':>24} | target")
    print(f"{'-' * width}-+-{'-' * 24}-+-------")
    for name, value, target in rows:
        print(f"{name.ljust(width)} | {value:>24} | {target}")
    for leftover in folder.iterdir():
        leftover.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
