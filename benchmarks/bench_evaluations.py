"""The annual rating on the `full` demo, printed as a table: campaign progress of the whole
organisation (GROUP BY), the results report (counts and its PDF), and the bulk approval of one
grassroots committee's proposals.

    python benchmarks/bench_evaluations.py [--db EXISTING_FULL_DEMO.db] [--keep] [--with-list]

Run by hand (not in CI). Without --db it builds the full demo first; an existing file opens
with its key from PARTY_OFFICE_DB_PASSPHRASE. The approval runs on a copy of the file.
Targets (2-core office PC): progress ≤ 1 s, results report ≤ 5 s.
"""

from __future__ import annotations

import argparse
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

REPEATS = 5


def _timed(work, repeats: int = REPEATS) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _bench_actor():  # type: ignore[no-untyped-def]
    from desktop.models.accounts import Role
    from desktop.models.permissions import Actor

    return Actor(user_id=0, username="bench", full_name="Benchmark", role=Role.ADMIN, scope_path=None,
                 scope_organization_id=None)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--with-list", action="store_true", help="also the list of members by rating (long PDF)")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from desktop.cli_encryption import passphrase_source
    from desktop.db.database import open_database
    from desktop.models.evaluations import (
        Evaluation,
        EvaluationPeriod,
        EvaluationState,
        EvaluationSubject,
    )
    from desktop.reports.catalogue import ReportKind, ReportRequest, generate_report
    from desktop.services.demo import DemoScale, create_demo
    from desktop.services.errors import ValidationFailed
    from desktop.services.evaluation_campaign import PeriodDraft, campaign_progress, open_period
    from desktop.services.evaluation_list import results_by_organization
    from desktop.services.evaluations import approve_as_proposed

    folder = Path(tempfile.mkdtemp(prefix="party-office-evaluations-"))
    db = Path(args.db) if args.db else folder / "full.db"
    database = open_database(db, passphrase_source())
    if not args.db:
        started = time.perf_counter()
        create_demo(database, DemoScale.FULL)
        print(f"full demo built in {time.perf_counter() - started:.0f} s ({db})", flush=True)
    database.actor = _bench_actor()
    with database.reading() as session:
        periods = list(session.scalars(select(EvaluationPeriod).order_by(EvaluationPeriod.year)))
        counts = {p.id: session.scalar(select(func.count()).select_from(Evaluation).where(
            Evaluation.period_id == p.id)) for p in periods}
        current = periods[-1]
        # The grassroots committee with the most proposals waiting this year.
        scope_id, waiting = session.execute(
            select(Evaluation.quota_scope_id, func.count()).where(
                Evaluation.period_id == current.id, Evaluation.state == EvaluationState.PROPOSED,
                Evaluation.subject == EvaluationSubject.MEMBER)
            .group_by(Evaluation.quota_scope_id).order_by(func.count().desc()).limit(1)).one()
    rows: list[tuple[str, str, float, str]] = []
    for period in periods:
        seconds = _timed(lambda period=period: campaign_progress(database, period.id, period.organization_id))
        rows.append((f"campaign progress, whole organisation, {period.year}", f"{counts[period.id]:,} evaluations",
                     seconds, "≤ 1 s"))
        print(f"  progress {period.year}: {seconds * 1000:.0f} ms", flush=True)
    last = periods[0]
    seconds = _timed(lambda: results_by_organization(database, last.id, last.organization_id))
    rows.append((f"results counts, whole organisation, {last.year}", f"{counts[last.id]:,} evaluations",
                 seconds, "≤ 5 s"))
    out = folder / "results.pdf"
    seconds = _timed(lambda: generate_report(database, ReportRequest(
        ReportKind.EVALUATION_RESULTS, last.organization_id, last.end_date, record_id=last.id), out), 3)
    rows.append((f"results report PDF, whole organisation, {last.year}", "61 subordinate committees", seconds,
                 "≤ 5 s"))
    print(f"  results report: {seconds:.2f} s", flush=True)
    if args.with_list:
        started = time.perf_counter()
        built = generate_report(database, ReportRequest(
            ReportKind.EVALUATION_MEMBERS, last.organization_id, last.end_date, record_id=last.id),
            folder / "members.pdf")
        rows.append(("members by rating PDF, whole organisation", f"{built.pages:,} pages",
                     time.perf_counter() - started, "(none)"))
    database.close()

    copy = folder / "approval.db"
    shutil.copyfile(db, copy)
    approval = open_database(copy, passphrase_source())
    approval.actor = _bench_actor()
    started = time.perf_counter()
    try:
        decided = approve_as_proposed(approval, current.id, scope_id, "99-QĐ/ĐU", current.end_date,
                                      today=current.end_date)
        outcome = f"{decided:,} decided"
    except ValidationFailed as failed:
        outcome = f"{waiting:,} checked, refused ({failed.problems[0].code.value})"
    rows.append(("bulk approval of one committee's proposals", outcome, time.perf_counter() - started, "timed"))
    year = current.year + 1
    started = time.perf_counter()
    opened = open_period(approval, PeriodDraft(current.organization_id, year, current.start_date.replace(year=year),
                                               current.end_date.replace(year=year)), today=current.end_date)
    seconds = time.perf_counter() - started
    with approval.reading() as session:
        planned = session.scalar(select(func.count()).select_from(Evaluation).where(Evaluation.period_id == opened))
    rows.append((f"opening the {year} campaign, whole organisation", f"{planned:,} evaluations", seconds, "timed"))
    approval.close()
    copy.unlink(missing_ok=True)

    print()
    print("| measurement | size | time | target |")
    print("|---|---|---:|---|")
    for label, size, seconds, target in rows:
        shown = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
        print(f"| {label} | {size} | {shown} | {target} |")
    if not args.keep and not args.db:
        db.unlink(missing_ok=True)
    else:
        print(f"\ndatabase kept: {db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
