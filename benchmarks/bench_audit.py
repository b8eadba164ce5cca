"""Cost of the audit trail: a member save with and without its entries, opening a member file
(now a writing transaction with a READ entry), and checking the chain.

    python benchmarks/bench_audit.py [--db PATH|URL] [--saves N] [--entries N]

Run by hand (not in CI). Without --db it works on a new SQLite file in a temporary folder;
with a PostgreSQL URL it uses that (empty) database. The "without audit" figures switch the
session hook off for the measurement only; nothing else changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_keyring  # noqa: E402  (database keys in the benchmarks' own credential store)

bench_keyring.install()

from sqlalchemy import event  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from desktop.db.database import Database, open_database  # noqa: E402
from desktop.models.accounts import Role  # noqa: E402
from desktop.models.audit import AuditAction  # noqa: E402
from desktop.models.enums import OrgKind  # noqa: E402
from desktop.models.permissions import Actor  # noqa: E402
from desktop.services import audit  # noqa: E402
from desktop.services.audit import record_event, verify_chain  # noqa: E402
from desktop.services.members import create_member, get_member, update_member  # noqa: E402
from tests.builders import add_org, member_draft  # noqa: E402

TODAY = dt.date(2026, 11, 21)


def timed(count: int, work: Callable[[int], object]) -> list[float]:
    times = []
    for number in range(count):
        started = time.perf_counter()
        work(number)
        times.append(time.perf_counter() - started)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"median {statistics.median(ordered) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms"


def audit_hook(on: bool) -> None:
    hooks = (("before_flush", audit._before_flush), ("after_flush", audit._after_flush))
    for name, hook in hooks:
        if on and not event.contains(Session, name, hook):
            event.listen(Session, name, hook)
        if not on and event.contains(Session, name, hook):
            event.remove(Session, name, hook)


def run(database: Database, saves: int, entries: int) -> None:
    database.actor = Actor(user_id=1, username="quantri", full_name="Quản trị", role=Role.ADMIN,
                           scope_path=None)
    root = add_org(database, "K", "Đảng bộ Khối", OrgKind.GRASSROOTS_COMMITTEE)
    cell = add_org(database, "K.1", "Chi bộ 1", OrgKind.SUBORDINATE_CELL, root)
    record = create_member(database, member_draft(cell), today=TODAY)

    def save(number: int) -> None:
        nonlocal record
        phone = f"09{number:08d}"
        record = update_member(database, record.id, record.version, replace(record.draft, phone=phone),
                               today=TODAY)

    save(0)  # warm up
    audit_hook(False)
    without = timed(saves, save)
    audit_hook(True)
    with_audit = timed(saves, save)
    print(f"member save without audit: {summary(without)}")
    print(f"member save with audit:    {summary(with_audit)}  "
          f"(x{statistics.median(with_audit) / statistics.median(without):.2f})")
    print(f"open a member file (READ): {summary(timed(saves, lambda _n: get_member(database, record.id)))}")

    started = time.perf_counter()
    batch = 500
    for first in range(0, entries, batch):
        with database.transaction() as session:
            for number in range(first, min(first + batch, entries)):
                record_event(session, AuditAction.EXPORT, details={"number": number})
    appended = time.perf_counter() - started
    print(f"append {entries:,} entries ({batch} per transaction): {appended:.1f} s "
          f"({entries / appended:,.0f} per second)")
    started = time.perf_counter()
    result = verify_chain(database)
    checked = time.perf_counter() - started
    print(f"verify {result.checked:,} entries: {checked:.2f} s ({result.checked / checked:,.0f} per second), "
          f"ok={result.ok}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database file or URL (default: a new temporary SQLite file)")
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(args.db or Path(folder) / "bench-audit.db")
        try:
            run(database, args.saves, args.entries)
        finally:
            database.close()


if __name__ == "__main__":
    main()
