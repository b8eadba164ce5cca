"""The inspection committee's case list, letter registry and dashboard on the `full` demo
(about 20,000 cases and 50,000 letters), printed as a table.

    python benchmarks/bench_inspection.py [--db EXISTING_FULL_DEMO.db] [--keep]

Run by hand (not in CI). Without --db it builds the full demo in a temporary folder first; an
existing file opens with its key from PARTY_OFFICE_DB_PASSPHRASE. The lists are read as an
inspector of the whole register and as one of the grassroots committee with the most cases.
Target (2-core office PC): each COUNT, first page and the dashboard ≤ 1 s.
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
    from desktop.models.inspection import InspectionCase
    from desktop.models.letters import ComplaintLetter
    from desktop.models.organization import PartyOrganization
    from desktop.models.permissions import Actor
    from desktop.services.demo import DemoScale, create_demo
    from desktop.services.inspection_list import (
        CaseListQuery,
        LetterListQuery,
        count_cases,
        count_letters,
        dashboard_counts,
        fetch_case_rows,
        fetch_letter_rows,
    )

    folder = Path(tempfile.mkdtemp(prefix="party-office-inspection-"))
    db = Path(args.db) if args.db else folder / "full.db"
    database = open_database(db, passphrase_source())
    if not args.db:
        started = time.perf_counter()
        create_demo(database, DemoScale.FULL)
        print(f"full demo built in {time.perf_counter() - started:.0f} s ({db})", flush=True)
    with database.reading() as session:
        cases = session.scalar(select(func.count(InspectionCase.id)))
        letters = session.scalar(select(func.count(ComplaintLetter.id)))
        busiest, path = session.execute(
            select(PartyOrganization.id, PartyOrganization.path)
            .join(InspectionCase, InspectionCase.organization_id == PartyOrganization.id)
            .group_by(PartyOrganization.id, PartyOrganization.path)
            .order_by(func.count(InspectionCase.id).desc()).limit(1)).one()
    print(f"{cases:,} cases, {letters:,} letters; busiest committee #{busiest}")
    actors = {
        "whole register": Actor(user_id=0, username="bench", full_name="Benchmark", role=Role.INSPECTION,
                                scope_path=None, scope_organization_id=None),
        "one committee": Actor(user_id=0, username="bench", full_name="Benchmark", role=Role.INSPECTION,
                               scope_path=path, scope_organization_id=busiest),
    }
    queries = {
        "open cases": CaseListQuery(),
        "overdue cases": CaseListQuery(overdue_only=True),
        "all cases": CaseListQuery(open_only=False),
    }
    letter_queries = {
        "pending letters": LetterListQuery(),
        "overdue letters": LetterListQuery(overdue_only=True),
        "all letters": LetterListQuery(pending_only=False),
    }
    print(f"{'scope':<16}{'list':<18}{'rows':>8}{'count ms':>10}{'page ms':>10}")
    for scope, actor in actors.items():
        database.actor = actor
        for name, query in queries.items():
            rows = count_cases(database, query)
            count_ms = _timed(lambda q=query: count_cases(database, q)) * 1000
            page_ms = _timed(lambda q=query: fetch_case_rows(database, q, 0, PAGE)) * 1000
            print(f"{scope:<16}{name:<18}{rows:>8,}{count_ms:>10.1f}{page_ms:>10.1f}")
        for name, letter_query in letter_queries.items():
            rows = count_letters(database, letter_query)
            count_ms = _timed(lambda q=letter_query: count_letters(database, q)) * 1000
            page_ms = _timed(lambda q=letter_query: fetch_letter_rows(database, q, 0, PAGE)) * 1000
            print(f"{scope:<16}{name:<18}{rows:>8,}{count_ms:>10.1f}{page_ms:>10.1f}")
        deep_ms = _timed(lambda: fetch_case_rows(database, CaseListQuery(open_only=False), 10_000, PAGE)) * 1000
        print(f"{scope:<16}{'cases page @10k':<18}{'':>8}{'':>10}{deep_ms:>10.1f}")
        counts = dashboard_counts(database)
        dashboard_ms = _timed(lambda: dashboard_counts(database)) * 1000
        print(f"{scope:<16}{'dashboard':<18}{counts.open_cases:>8,}{dashboard_ms:>10.1f}{'':>10}"
              f"  (overdue steps {counts.overdue_steps:,}, letters due {counts.letters_due_soon:,}, "
              f"overdue {counts.letters_overdue:,})")
    database.close()
    if not args.db and not args.keep:
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
