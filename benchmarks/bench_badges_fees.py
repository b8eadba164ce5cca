"""Party badges and fees on the `full` demo (78,432 members), printed as a table.

    python benchmarks/bench_badges_fees.py [--db EXISTING_FULL_DEMO.db]

Run by hand (not in CI). Without --db it builds the full demo in a temporary folder first
(its time includes the badges and the ~860,000 fee payments of the demo parts). Targets
(2-core office PC): the badge due list of the whole organisation ≤ 1 s; the fee report of a
year of the whole organisation (and its PDF) measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_keyring  # noqa: E402  (database keys in the benchmarks' own credential store)

bench_keyring.install()


def _timed(function, repeat: int):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    args = parser.parse_args()
    from sqlalchemy import func, select

    from desktop.db.database import open_database
    from desktop.models.accounts import Role
    from desktop.models.fees import FeePayment
    from desktop.models.organization import PartyOrganization
    from desktop.models.permissions import Actor
    from desktop.reports.badges_fees import write_badges_due_pdf, write_fee_report_pdf
    from desktop.services import clock
    from desktop.services.badges import badge_occasions, badges_due
    from desktop.services.demo import DemoScale, create_demo
    from desktop.services.fees import fee_report, member_arrears

    folder = Path(tempfile.mkdtemp(prefix="party-office-badges-fees-"))
    db = Path(args.db) if args.db else folder / "full.db"
    rows: list[tuple[str, str, str]] = []
    database = open_database(db)
    if not args.db:
        summary = create_demo(database, DemoScale.FULL)
        rows.append(("full demo created (with badges and fee payments)",
                     f"{summary.seconds:.1f} s ({summary.members:,} members)", ""))
    database.actor = Actor(0, "bench", "Benchmark", Role.ADMIN, None, None)
    with database.reading() as session:
        top = session.scalar(select(PartyOrganization.id).where(PartyOrganization.parent_id.is_(None)))
        payments = session.scalar(select(func.count()).select_from(FeePayment))
        last = session.scalar(select(func.max(FeePayment.month)))
    rows.append(("fee payments in the database", f"{payments:,}", ""))
    today = clock.today()
    for occasion in badge_occasions(database, today, 2):
        due, median, slowest = _timed(lambda o=occasion: badges_due(database, top, o), 5)
        rows.append((f"badge due list, occasion {occasion:%d/%m/%Y}, whole organisation ({len(due):,} rows), "
                     f"median of 5", f"{median:.3f} s (slowest {slowest:.3f} s)", "≤ 1 s"))
    within = today + dt.timedelta(days=90)
    due, median, slowest = _timed(lambda: badges_due(database, top, within), 5)
    rows.append((f"badge due list, within 90 days ({len(due):,} rows), median of 5",
                 f"{median:.3f} s (slowest {slowest:.3f} s)", "≤ 1 s"))
    first = dt.date(last.year, 1, 1)
    report, median, slowest = _timed(lambda: fee_report(database, top, first, last), 3)
    rows.append((f"fee report {first:%m/%Y}-{last:%m/%Y}, whole organisation ({len(report.cells):,} cells, "
                 f"{report.total.months_paid:,} payments), median of 3", f"{median:.2f} s (slowest {slowest:.2f} s)",
                 ""))
    arrears, median, _ = _timed(lambda: member_arrears(database, top, last.year, through=last), 3)
    rows.append((f"arrears of the year, whole organisation ({len(arrears):,} members), median of 3",
                 f"{median:.2f} s", ""))
    built, median, _ = _timed(lambda: write_fee_report_pdf(database, top, first, last, folder / "fees.pdf"), 1)
    rows.append((f"fee report PDF of the year ({built.pages:,} pages)", f"{median:.1f} s", ""))
    built, median, _ = _timed(lambda: write_badges_due_pdf(database, top, badge_occasions(database, today, 1)[0],
                                                          folder / "badges.pdf"), 1)
    rows.append((f"badge due list PDF ({built.pages:,} pages)", f"{median:.1f} s", ""))
    database.close()
    width = max(len(label) for label, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    print(f"database: {db}")
    print(f"{'measure':<{width}} | {'value':>{value_width}} | target")
    print(f"{'-' * width}-+-{'-' * value_width}-+-------")
    for label, value, target in rows:
        print(f"{label:<{width}} | {value:>{value_width}} | {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
