"""Meetings on the `full` demo (a year of meetings of every cell, about a million roll-call rows),
printed as a table: the compliance view of the whole organisation for one quarter and for one
year, its PDF, the meetings window's list (count and first page), opening a meeting in the form
(the record and the roll call of the date) for the largest cell, and that meeting's minutes PDF.

    python benchmarks/bench_meetings.py [--db EXISTING_FULL_DEMO.db]

Run by hand (not in CI). Targets (2-core office PC): the compliance view of all cells in under a
second; the list and the form open without a visible wait.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
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


def _timed(work, repeats: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _largest_cells_meeting(database):  # type: ignore[no-untyped-def]
    """The latest finalised regular meeting of the cell with the most members."""
    from sqlalchemy import func, select

    from desktop.models.meetings import Meeting, MeetingKind, MeetingState
    from desktop.models.member import Member

    with database.reading() as session:
        cell = session.execute(select(Member.cell_id).group_by(Member.cell_id)
                               .order_by(func.count().desc()).limit(1)).scalar_one()
        return session.execute(select(Meeting.id, Meeting.meeting_date, Meeting.kind).where(
            Meeting.organization_id == cell, Meeting.state == MeetingState.FINALISED,
            Meeting.kind == MeetingKind.CELL_REGULAR).order_by(Meeting.meeting_date.desc()).limit(1)).one(), cell


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    args = parser.parse_args()

    from desktop.cli_encryption import passphrase_source
    from desktop.db.database import open_database
    from desktop.models.accounts import Role
    from desktop.models.permissions import Actor
    from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
    from desktop.services import clock
    from desktop.services.demo import DemoScale, create_demo
    from desktop.services.meeting_compliance import meeting_compliance
    from desktop.services.meeting_records import (
        MeetingListQuery,
        count_meetings,
        fetch_meeting_rows,
        load_meeting,
        meeting_roster,
    )
    from desktop.services.organizations import root_organizations

    folder = Path(tempfile.mkdtemp(prefix="party-office-meetings-"))
    db = folder / "full.db"
    if args.db:
        shutil.copyfile(args.db, db)
    database = open_database(db, passphrase_source())
    if not args.db:
        started = time.perf_counter()
        create_demo(database, DemoScale.FULL)
        print(f"full demo built in {time.perf_counter() - started:.0f} s", flush=True)
    database.actor = Actor(0, "bench", "Benchmark", Role.ADMIN, None)
    root = root_organizations(database)[0].id
    today = clock.today()
    year_end = today.replace(day=1) - dt.timedelta(days=1)
    year_start = dt.date(today.year - 1, today.month, 1)
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    quarter_end = quarter_start - dt.timedelta(days=1)
    quarter_start = dt.date(quarter_end.year, 3 * ((quarter_end.month - 1) // 3) + 1, 1)

    rows: list[tuple[str, float, str]] = []
    quarter = _timed(lambda: meeting_compliance(database, root, quarter_start, quarter_end))
    results = meeting_compliance(database, root, year_start, year_end)
    rows.append((f"compliance view, one quarter, {len(results):,} cells", quarter, "< 1 s"))
    year = _timed(lambda: meeting_compliance(database, root, year_start, year_end))
    short = sum(1 for r in results if not r.compliant)
    rows.append((f"compliance view, twelve months ({short} cells short)", year, "< 1 s"))
    pdf = _timed(lambda: generate_report(database, ReportRequest(
        ReportKind.MEETING_COMPLIANCE, root, year_end, period_start=year_start), folder / "compliance.pdf"), 3)
    rows.append(("compliance summary PDF, twelve months", pdf, "(none)"))

    query = MeetingListQuery(organization_id=root, date_from=year_start, date_to=today)
    total = count_meetings(database, query)
    listed = _timed(lambda: (count_meetings(database, query), fetch_meeting_rows(database, query, 0, 200)))
    rows.append((f"meetings list: count ({total:,}) and first page of 200", listed, "< 0.3 s"))
    deep = _timed(lambda: fetch_meeting_rows(database, query, total // 2, 200))
    rows.append(("meetings list: a page in the middle", deep, "< 0.3 s"))

    (meeting_id, day, kind), cell = _largest_cells_meeting(database)
    opened = _timed(lambda: (load_meeting(database, meeting_id), meeting_roster(database, cell, kind, day)))
    size = len(load_meeting(database, meeting_id).draft.attendance)
    rows.append((f"open a meeting in the form (largest cell, {size} members)", opened, "< 0.3 s"))
    request = ReportRequest(ReportKind.MINUTES, cell, day, record_id=meeting_id)
    minutes = _timed(lambda: generate_report(database, request, folder / "minutes.pdf"), 3)
    rows.append(("minutes PDF of that meeting", minutes, "(none)"))
    database.close()
    width = max(len(label) for label, _, _ in rows)
    print(f"\n{'measurement'.ljust(width)}  {'median':>9}  target")
    for label, seconds, target in rows:
        print(f"{label.ljust(width)}  {seconds * 1000:7.0f} ms  {target}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
