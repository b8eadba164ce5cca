"""The transfers list (chưa tiếp nhận, quá hạn) on the `full` demo, printed as a table.

    python benchmarks/bench_transfers.py [--db EXISTING_FULL_DEMO.db] [--keep]

Run by hand (not in CI). Without --db it builds the full demo (78,432 members and their year of
transfers) in a temporary folder first; an existing file opens with its key from
PARTY_OFFICE_DB_PASSPHRASE. Target (2-core office PC): the COUNT and the first page of each
list ≤ 1 s.
"""

from __future__ import annotations

import argparse
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

PAGE = 200
REPEATS = 5


def _timed(work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from desktop.cli_encryption import passphrase_source
    from desktop.db.database import open_database
    from desktop.models.accounts import Role
    from desktop.models.enums import OrgKind
    from desktop.models.organization import PartyOrganization
    from desktop.models.permissions import Actor
    from desktop.models.transfers import MemberTransfer, TransferState
    from desktop.services.demo import DemoScale, create_demo
    from desktop.services.transfer_list import (
        TransferListQuery,
        count_transfers,
        fetch_transfer_rows,
    )

    folder = Path(tempfile.mkdtemp(prefix="party-office-transfers-"))
    db = Path(args.db) if args.db else folder / "full.db"
    database = open_database(db, passphrase_source())
    if not args.db:
        started = time.perf_counter()
        create_demo(database, DemoScale.FULL)
        print(f"full demo built in {time.perf_counter() - started:.0f} s ({db})", flush=True)
    database.actor = Actor(user_id=0, username="bench", full_name="Benchmark", role=Role.ADMIN,
                           scope_path=None, scope_organization_id=None)
    with database.reading() as session:
        total = session.scalar(select(func.count(MemberTransfer.id)))
        # The grassroots committee of the first waiting letter: a scoped list with rows in it.
        path = session.scalar(
            select(PartyOrganization.path)
            .join(MemberTransfer, MemberTransfer.from_org_id == PartyOrganization.id)
            .where(MemberTransfer.state == TransferState.ISSUED).order_by(MemberTransfer.id).limit(1)
        )
        ids = [int(part) for part in (path or "").split("/") if part]
        committee = session.execute(
            select(PartyOrganization.id, PartyOrganization.name)
            .where(PartyOrganization.id.in_(ids), PartyOrganization.kind == OrgKind.GRASSROOTS_COMMITTEE)
        ).first()
    print(f"{total:,} transfers in the database", flush=True)

    rows = []
    cases = [
        ("open transfers, whole register", TransferListQuery()),
        ("overdue only, whole register", TransferListQuery(overdue_only=True)),
        ("every state, whole register", TransferListQuery(states=tuple(TransferState))),
        (f"open transfers of {committee.name}", TransferListQuery(organization_id=committee.id)),
    ]
    for label, query in cases:
        count = count_transfers(database, query)
        count_time = _timed(lambda query=query: count_transfers(database, query))
        first = _timed(lambda query=query: fetch_transfer_rows(database, query, 0, PAGE))
        last = _timed(lambda query=query, count=count: fetch_transfer_rows(
            database, query, max(0, count - PAGE), PAGE))
        rows.append((label, count, count_time, first, last))
        print(f"  {label}: {count} rows, count {count_time * 1000:.0f} ms, first page {first * 1000:.0f} ms",
              flush=True)
    database.close()
    print()
    print(f"| list | rows | COUNT | first page ({PAGE}) | last page | target |")
    print("|---|---:|---:|---:|---:|---|")
    for label, count, count_time, first, last in rows:
        print(f"| {label} | {count:,} | {count_time * 1000:.0f} ms | {first * 1000:.0f} ms | "
              f"{last * 1000:.0f} ms | ≤ 1 s |")
    if not args.keep and not args.db:
        db.unlink(missing_ok=True)
    else:
        print(f"\ndatabase kept: {db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
