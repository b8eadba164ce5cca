"""Time, pages and peak memory of the official reports on the `full` demo, printed as a table.

    python benchmarks/bench_reports.py [--db EXISTING_FULL_DEMO.db] [--keep] [--out FOLDER]

Run by hand (not in CI). Without --db it builds the full demo in a temporary folder first.
Each report runs in its own process so that its peak memory is its own. Targets (2-core
office PC): roster of all 78,432 members ≤ 60 s and ≤ 400 MB; statistics of the whole
organisation ≤ 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_keyring  # noqa: E402  (database keys in the benchmarks' own credential store)

bench_keyring.install()

AS_OF = dt.date(2026, 11, 21)


def run_one(db: str, kind: str, out: str, org_code: str | None) -> None:
    """Child process: generate one report and print its figures as JSON."""
    from bench_actor import act_as_administrator
    from sqlalchemy import select

    from desktop.db.database import open_database
    from desktop.models.organization import PartyOrganization
    from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report

    database = act_as_administrator(open_database(db))
    with database.reading() as session:
        statement = select(PartyOrganization.id)
        statement = (statement.where(PartyOrganization.code == org_code) if org_code
                     else statement.where(PartyOrganization.parent_id.is_(None)))
        org_id = session.scalar(statement)
    started = time.perf_counter()
    outcome = generate_report(database, ReportRequest(ReportKind(kind), org_id, AS_OF), Path(out))
    elapsed = time.perf_counter() - started
    database.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "pages": outcome.pages, "peak_mb": peak,
                      "bytes": Path(out).stat().st_size}))


def measure(db: Path, kind: str, out: Path, org_code: str | None = None) -> dict:
    command = [sys.executable, __file__, "--child", kind, "--db", str(db), "--pdf", str(out)]
    if org_code:
        command += ["--org", org_code]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT,
                            env=dict(os.environ, PARTY_OFFICE_REPORT_FONT="bundled"))
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--out", help="folder for the PDFs (default: a temporary folder)")
    parser.add_argument("--child")
    parser.add_argument("--pdf")
    parser.add_argument("--org")
    args = parser.parse_args()
    if args.child:
        run_one(args.db, args.child, args.pdf, args.org)
        return 0

    folder = Path(args.out or tempfile.mkdtemp(prefix="party-office-reports-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = Path(args.db) if args.db else folder / "full.db"
    if not args.db:
        from desktop.db.database import open_database
        from desktop.services.demo import DemoScale, create_demo

        database = open_database(db)
        create_demo(database, DemoScale.FULL)
        database.close()

    rows = []
    for label, kind, target in (
        ("Danh sách đảng viên, whole organisation", "ROSTER", "≤ 60 s, ≤ 400 MB"),
        ("Thống kê số lượng, chất lượng, whole organisation", "STATISTICS", "≤ 3 s"),
    ):
        figures = measure(db, kind, folder / f"{kind.lower()}.pdf")
        rows.append((label, figures, target))
        print(f"  {label}: {figures}", flush=True)

    print()
    print("| report | time | pages | peak memory | file | target |")
    print("|---|---:|---:|---:|---:|---|")
    for label, figures, target in rows:
        print(f"| {label} | {figures['seconds']:.1f} s | {figures['pages']:,} | "
              f"{figures['peak_mb']:.0f} MB | {figures['bytes'] / 1e6:.1f} MB | {target} |")
    print(f"\nPDFs in {folder}")
    if not args.keep and not args.db:
        db.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
