"""Document library benchmark, printed as a table: ranked search with snippets over 5,000
documents of about 20 pages each, and the study completion of one resolution over the
`full` demo.

    python benchmarks/bench_library.py [--documents 5000] [--pages 20] [--keep FOLDER]
                                       [--full-db EXISTING_FULL_DEMO.db]

Run by hand (not in CI). The search database is generated once into --keep (reused when
it is there): generated documents (desktop.services.demo.library_text), their text and the
index written by the services' own writer. Every query runs 7 times; the table shows each
query's median (first page of 20 results with their snippets and the total count) and the
median over all. Targets (2-core office PC): search median ≤ 50 ms; the completion of one
resolution over the `full` demo ≤ 1 s. Without --full-db the completion part builds the
full demo first (several minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
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

TODAY = dt.date(2026, 11, 21)
QUERIES = (
    ("một từ rất phổ biến", "dang", {}),
    ("hai từ không dấu", "quan triet", {}),
    ("cụm có dấu", "Nghị quyết chuyển đổi số", {}),
    ("số và ký hiệu", "05-NQ/ĐUK", {}),
    ("đầu từ", "tham nhu", {}),
    ("ba từ hiếm hơn", "bi mat nha nuoc", {}),
    ("lọc loại và năm", "kiem tra giam sat", {"kind": "RESOLUTION", "year": 2025}),
    ("lọc trạng thái", "can bo", {"status": "REPLACED"}),
    ("không có kết quả", "vietcombank", {}),
    ("không có từ (danh sách)", "", {"year": 2026}),
)


def _timed(work, repeats: int = 7) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def _build_search_database(path: Path, documents: int, pages: int) -> None:
    from sqlalchemy import insert

    from desktop.cli_encryption import passphrase_source
    from desktop.db.database import open_database
    from desktop.models.accounts import Role
    from desktop.models.library import LibraryDocument
    from desktop.models.permissions import Actor
    from desktop.services.demo.library import write_documents
    from desktop.services.demo.library_text import generate_documents

    database = open_database(path, passphrase_source())
    database.actor = Actor(0, "bench", "Benchmark", Role.ADMIN, None)
    rng = random.Random(10)
    started = time.perf_counter()
    generated = generate_documents(rng, documents, TODAY.year - 9, TODAY, (pages - 3, pages + 3))
    batch: list = []
    written = 0
    with database.transaction() as session:
        def inserted(entity, rows) -> None:  # type: ignore[no-untyped-def]
            rows = list(rows)
            for start in range(0, len(rows), 2000):
                session.execute(insert(entity.__table__), rows[start:start + 2000])

        for document in generated:
            batch.append(document)
            if len(batch) == 250:
                write_documents(session.connection(), inserted, batch, written + 1, rng, TODAY)
                written += len(batch)
                batch = []
                print(f"  {written:,} documents ({time.perf_counter() - started:.0f} s)", flush=True)
        if batch:
            write_documents(session.connection(), inserted, batch, written + 1, rng, TODAY)
    with database.transaction() as session:
        session.connection().exec_driver_sql("ANALYZE")
    database.close()
    print(f"search database built in {time.perf_counter() - started:.0f} s "
          f"({LibraryDocument.__tablename__}: {documents:,} documents)", flush=True)


def _search_rows(path: Path) -> list[tuple[str, float, str]]:
    from sqlalchemy import func, select

    from desktop.cli_encryption import passphrase_source
    from desktop.db.database import open_database
    from desktop.models.accounts import Role
    from desktop.models.library import DocumentKind, DocumentStatus, LibraryPosting, LibraryTerm
    from desktop.models.permissions import Actor
    from desktop.services.library_search import LibraryQuery, search_library

    database = open_database(path, passphrase_source())
    database.actor = Actor(0, "bench", "Benchmark", Role.ADMIN, None)
    with database.reading() as session:
        postings = session.scalar(select(func.count()).select_from(LibraryPosting))
        terms = session.scalar(select(func.count()).select_from(LibraryTerm))
    print(f"index: {terms:,} terms, {postings:,} postings; database {path.stat().st_size / 2**20:,.0f} MB")
    rows: list[tuple[str, float, str]] = []
    every: list[float] = []
    for label, text, filters in QUERIES:
        options = dict(filters)
        if "kind" in options:
            options["kind"] = DocumentKind[options["kind"]]
        if "status" in options:
            options["status"] = DocumentStatus[options["status"]]
        query = LibraryQuery(text, **options)
        results = search_library(database, query)
        times = _timed(lambda query=query: search_library(database, query))
        every.extend(times)
        rows.append((f"{label}: “{text}” → {results.total:,}", statistics.median(times), ""))
    rows.append(("search, median over all queries", statistics.median(every), "≤ 50 ms"))
    database.close()
    return rows


def _completion_rows(full_db: str | None, folder: Path) -> list[tuple[str, float, str]]:
    from sqlalchemy import func, select

    from desktop.cli_encryption import passphrase_source
    from desktop.db.database import open_database
    from desktop.models.accounts import Role
    from desktop.models.library import StudyAttendance
    from desktop.models.permissions import Actor
    from desktop.services.demo import DemoScale, create_demo
    from desktop.services.organizations import root_organizations
    from desktop.services.study_completion import members_not_studied, study_completion

    db = folder / "full.db"
    keys = folder / "full.keys.json"  # a kept full demo's key, for the next run
    if full_db:
        shutil.copyfile(full_db, db)
    elif db.exists() and keys.exists():
        _remember_keys(json.loads(keys.read_text()))
        full_db = str(db)
    else:
        db.unlink(missing_ok=True)
    database = open_database(db, passphrase_source())
    if not full_db:
        started = time.perf_counter()
        create_demo(database, DemoScale.FULL)
        print(f"full demo built in {time.perf_counter() - started:.0f} s", flush=True)
        keys.write_text(os.environ.get(bench_keyring.ENTRIES_VARIABLE, "{}"))
    database.actor = Actor(0, "bench", "Benchmark", Role.ADMIN, None)
    with database.reading() as session:
        document_id, rows_count = session.execute(
            select(StudyAttendance.document_id, func.count()).group_by(StudyAttendance.document_id)
            .order_by(func.count().desc()).limit(1)).one()
    root = root_organizations(database)[0].id
    summary = study_completion(database, document_id, root)
    rows = [(f"completion of one resolution, {len(summary.cells):,} cells, {summary.expected:,} members "
             f"({summary.percent} %, {rows_count:,} attendance rows)",
             statistics.median(_timed(lambda: study_completion(database, document_id, root), 5)), "≤ 1 s"),
            ("first page of members who have not studied it",
             statistics.median(_timed(lambda: members_not_studied(database, document_id, root), 5)), "")]
    database.close()
    return rows


def _remember_keys(entries: dict[str, str]) -> None:
    import keyring

    for name, secret in entries.items():
        service, username = name.rsplit("/", 1)
        keyring.set_password(service, username, secret)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--keep", help="folder to keep (and reuse) the generated search database in")
    parser.add_argument("--full-db", help="an existing full demo database (copied) for the completion")
    parser.add_argument("--search-only", action="store_true")
    parser.add_argument("--completion-only", action="store_true")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="party-office-library-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, float, str]] = []
    if not args.completion_only:
        search_db = folder / f"library-{args.documents}x{args.pages}.db"
        keys = search_db.with_suffix(".keys.json")  # the kept database's key, for the next run
        if search_db.exists() and keys.exists():
            _remember_keys(json.loads(keys.read_text()))
        else:
            search_db.unlink(missing_ok=True)
            _build_search_database(search_db, args.documents, args.pages)
            keys.write_text(os.environ.get(bench_keyring.ENTRIES_VARIABLE, "{}"))
        rows += _search_rows(search_db)
    if not args.search_only:
        rows += _completion_rows(args.full_db, folder)
    width = max(len(label) for label, _, _ in rows)
    print(f"\n{'measurement'.ljust(width)}  {'median':>9}  target")
    for label, seconds, target in rows:
        print(f"{label.ljust(width)}  {seconds * 1000:7.1f} ms  {target}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
