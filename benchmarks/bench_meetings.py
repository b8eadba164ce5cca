"""Meeting compliance on the `full` demo, printed as a table: the compliance view of the whole
organisation for one quarter and for one year, its PDF, and one meeting's minutes PDF.

    python benchmarks/bench_meetings.py [--db EXISTING_FULL_DEMO.db]

Run by hand (not in CI). The demo has no meetings yet, so the benchmark first loads a year of
finalised meetings into its own copy of the database (every cell a regular meeting a month and a
thematic one a quarter, about 1 cell in 20 missing some), header rows only: the compliance
view reads the meeting rows and their attendance figures, never the attendance lists. One
real meeting with its attendance is then recorded through the services for the minutes.
Target (2-core office PC): the compliance view of all cells in under a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
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

YEAR = 2025


def _timed(work, repeats: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _load_meetings(database) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import insert, select

    from desktop.models.enums import OrgKind
    from desktop.models.meetings import Meeting, MeetingKind, MeetingState
    from desktop.models.organization import PartyOrganization

    rng = random.Random(7)
    with database.transaction() as session:
        cells = session.scalars(select(PartyOrganization.id).where(
            PartyOrganization.kind.in_([k for k in OrgKind if k.is_cell]))).all()
        rows = []
        for cell in cells:
            skips = rng.random() < 0.05
            for month in range(1, 13):
                if skips and rng.random() < 0.2:
                    continue
                day = dt.date(YEAR, month, rng.randint(5, 25))
                expected = rng.randint(8, 20)
                thematic = month % 3 == 0 and not (skips and rng.random() < 0.3)
                rows.append({"organization_id": cell, "kind": MeetingKind.CELL_REGULAR,
                             "state": MeetingState.FINALISED, "meeting_date": day,
                             "month_key": YEAR * 100 + month, "quarter_key": YEAR * 10 + (month - 1) // 3 + 1,
                             "includes_thematic": thematic, "expected_count": expected,
                             "present_count": expected - rng.randint(0, 3), "version": 1})
        for start in range(0, len(rows), 5000):
            session.execute(insert(Meeting), rows[start:start + 5000])
        return len(rows)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    args = parser.parse_args()

    from desktop.cli_encryption import passphrase_source
    from desktop.db.database import open_database
    from desktop.models.accounts import Role
    from desktop.models.permissions import Actor
    from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
    from desktop.services.demo import DemoScale, create_demo
    from desktop.services.meeting_compliance import meeting_compliance
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
    started = time.perf_counter()
    loaded = _load_meetings(database)
    print(f"{loaded:,} meetings loaded in {time.perf_counter() - started:.1f} s", flush=True)
    root = root_organizations(database)[0].id
    rows: list[tuple[str, float, str]] = []
    quarter = _timed(lambda: meeting_compliance(database, root, dt.date(YEAR, 4, 1), dt.date(YEAR, 6, 30)))
    results = meeting_compliance(database, root, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    rows.append((f"compliance view, one quarter, {len(results):,} cells", quarter, "< 1 s"))
    year = _timed(lambda: meeting_compliance(database, root, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)))
    short = sum(1 for r in results if not r.compliant)
    rows.append((f"compliance view, one year ({short} cells short)", year, "< 1 s"))
    pdf = _timed(lambda: generate_report(database, ReportRequest(
        ReportKind.MEETING_COMPLIANCE, root, dt.date(YEAR, 12, 31), period_start=dt.date(YEAR, 1, 1)),
        folder / "compliance.pdf"), 3)
    rows.append(("compliance summary PDF, one year", pdf, "(none)"))
    rows.append(("minutes PDF of one meeting", _minutes_time(database, folder), "(none)"))
    database.close()
    width = max(len(label) for label, _, _ in rows)
    print(f"\n{'measurement'.ljust(width)}  {'median':>9}  target")
    for label, seconds, target in rows:
        print(f"{label.ljust(width)}  {seconds * 1000:7.0f} ms  {target}")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


def _minutes_time(database, folder: Path) -> float:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from desktop.models.meeting_rules import AgendaLine, AttendanceLine, MeetingDraft, VoteLine
    from desktop.models.meetings import MeetingKind
    from desktop.models.member import Member
    from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
    from desktop.services.meeting_records import meeting_roster
    from desktop.services.meetings import finalise_meeting, save_meeting

    with database.reading() as session:
        cell = session.execute(select(Member.cell_id).group_by(Member.cell_id)
                               .order_by(func.count().desc()).limit(1)).scalar_one()
    day = dt.date(YEAR + 1, 1, 12)
    roster = meeting_roster(database, cell, MeetingKind.CELL_REGULAR, day)
    officials = [entry.member_id for entry in roster if entry.official and not entry.exempted and not entry.away]
    saved = save_meeting(database, MeetingDraft(
        organization_id=cell, kind=MeetingKind.CELL_REGULAR, meeting_date=day, start_time=dt.time(8, 0),
        end_time=dt.time(10, 0), place="Hội trường", chair_member_id=officials[0],
        secretary_member_id=officials[1], minutes_approved_for=len(officials),
        attendance=tuple(AttendanceLine(e.member_id, e.default_status) for e in roster),
        agenda=tuple(AgendaLine(f"Nội dung {n}", "Đ/c A: ý kiến.\nĐ/c B: ý kiến.", "Thống nhất.")
                     for n in range(1, 6)),
        votes=(VoteLine("Thông qua nghị quyết", len(officials)),)))
    finalise_meeting(database, saved.meeting_id, saved.version, today=day)
    request = ReportRequest(ReportKind.MINUTES, cell, day, record_id=saved.meeting_id)
    return _timed(lambda: generate_report(database, request, folder / "minutes.pdf"), 3)


if __name__ == "__main__":
    raise SystemExit(main())
