"""Cost of encryption at rest: the register's figures on a plain SQLite file and on SQLCipher.

    python benchmarks/bench_encryption.py [--scale small|full] [--keep]

Run by hand (not in CI). Builds the demo (`full` by default: 78,432 members) twice in a
temporary folder, once encrypted the way the product does it (random key kept in a credential
store) and once plain, which only this benchmark can make: the product has no plain databases.
Prints demo creation, opening, first pages and search (median, p95 over 50 queries; each the
median of 3 openings) for both, with the ratio encrypted / plain; then the cost of a passphrase
(the key derived with PBKDF2 at each opening) and of encrypting a plain database of an earlier
version.

The keys live in the benchmarks' own credential store (bench_keyring): the benchmark never
writes to the desktop's keyring.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_keyring  # noqa: E402
from bench_register import sample_queries  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from desktop.db import migrate  # noqa: E402
from desktop.db.database import Database, open_database  # noqa: E402
from desktop.db.encryption import rekey  # noqa: E402
from desktop.db.passphrase import PassphraseRequest  # noqa: E402
from desktop.db.sqlite_adapter import SqliteAdapter, inspect_file  # noqa: E402
from desktop.models.accounts import Role  # noqa: E402
from desktop.models.enums import MemberStatus  # noqa: E402
from desktop.models.permissions import Actor  # noqa: E402
from desktop.services.demo import DemoScale, create_demo  # noqa: E402
from desktop.services.members import MemberListQuery, count_members, fetch_member_rows  # noqa: E402
from desktop.services.organizations import root_organizations  # noqa: E402
from desktop.services.search import search_members  # noqa: E402

PAGE = 200
ROUNDS = 3  # each figure is the median of this many openings
PASSPHRASE = "mật khẩu dùng cho đo đạc"


def open_plain(path: Path) -> Database:
    """Benchmark only: the register on a plain SQLite file, opened as before encryption
    (the read-only file check with SQLite's quick_check, then the engine and migrations)."""
    inspect_file(path)
    engine = create_engine(make_url("sqlite://").set(database=str(path)))
    adapter = SqliteAdapter()
    adapter.configure_engine(engine)
    database = Database(engine=engine, adapter=adapter, location=str(path), file_path=path)
    migrate.upgrade(engine)
    adapter.after_open(engine)
    return database


def sign_in(database: Database) -> Database:
    database.actor = Actor(user_id=0, username="bench", full_name="Đo đạc", role=Role.ADMIN,
                           scope_path=None)
    return database


def passphrase(_request: PassphraseRequest) -> str:
    return PASSPHRASE


def ms(seconds: float) -> float:
    return seconds * 1000


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def percentile_95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(len(ordered) * 0.95) - 1]


def first_page(database: Database, query: MemberListQuery) -> None:
    count_members(database, query)
    fetch_member_rows(database, query, 0, PAGE)


def measure(opener: Callable[[], Database], queries: list[str] | None) -> dict[str, float]:
    """Opening, first pages and search on a freshly opened database (figures in ms)."""
    figures: dict[str, float] = {}
    started = time.perf_counter()
    database = sign_in(opener())
    figures["open the database"] = ms(time.perf_counter() - started)
    try:
        everyone = MemberListQuery()
        figures["first page of all members, right after opening"] = ms(
            timed(lambda: first_page(database, everyone)))
        figures["first page of all members (median of 5)"] = ms(statistics.median(
            timed(lambda: first_page(database, everyone)) for _ in range(5)))
        root = root_organizations(database)[0].id
        active = MemberListQuery(organization_id=root,
                                 statuses=(MemberStatus.FULL, MemberStatus.PROBATIONARY))
        figures["opening view: top organisation, active (median of 5)"] = ms(statistics.median(
            timed(lambda: first_page(database, active)) for _ in range(5)))
        figures["a page deep in the list (offset 70% of members)"] = ms(timed(
            lambda: fetch_member_rows(database, everyone, count_members(database, everyone) * 7 // 10,
                                      PAGE)))
        queries = queries or sample_queries(database)
        for query in queries[:5]:
            search_members(database, query)  # warm the page cache like a running app
        searches = [ms(timed(lambda q=query: search_members(database, q))) for query in queries]
        figures["search median (50 queries)"] = statistics.median(searches)
        figures["search p95"] = percentile_95(searches)
        tables = [ms(timed(lambda q=query: first_page(database, MemberListQuery(search_text=q))))
                  for query in queries]
        figures["member table search (count + first page) median"] = statistics.median(tables)
        figures["member table search p95"] = percentile_95(tables)
    finally:
        database.close()
    measure.queries = queries  # type: ignore[attr-defined]
    return figures


def build(path: Path, encrypted: bool, scale: DemoScale) -> float:
    database = open_database(path) if encrypted else open_plain(path)
    try:
        started = time.perf_counter()
        create_demo(database, scale)
        return time.perf_counter() - started
    finally:
        database.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=("small", "full"), default="full")
    parser.add_argument("--keep", action="store_true", help="keep the built databases")
    args = parser.parse_args()
    bench_keyring.install()
    folder = Path(tempfile.mkdtemp(prefix="party-office-bench-encryption-"))
    plain_path, encrypted_path = folder / "plain.db", folder / "encrypted.db"
    scale = DemoScale(args.scale)
    print(f"folder: {folder}", flush=True)

    rows: list[tuple[str, float, float, str]] = []
    plain_demo = build(plain_path, False, scale)
    print(f"  plain demo created in {plain_demo:.1f} s", flush=True)
    encrypted_demo = build(encrypted_path, True, scale)
    print(f"  encrypted demo created in {encrypted_demo:.1f} s", flush=True)
    rows.append(("demo creation (s)", plain_demo, encrypted_demo, "s"))
    rows.append(("database file size (MB)", plain_path.stat().st_size / 1e6,
                 encrypted_path.stat().st_size / 1e6, "MB"))

    # The same register behind a passphrase: the key is derived (PBKDF2) once per opening.
    protected = folder / "passphrase.db"
    shutil.copyfile(encrypted_path, protected)
    rekey(protected, None, PASSPHRASE)
    openers: dict[str, Callable[[], Database]] = {
        "plain": lambda: open_plain(plain_path),
        "encrypted": lambda: open_database(encrypted_path),
        "passphrase": lambda: open_database(protected, passphrase),
    }
    # Rounds alternate between the files so that a busy machine weighs on all three alike.
    rounds: dict[str, list[dict[str, float]]] = {name: [] for name in openers}
    queries: list[str] | None = None
    for _ in range(ROUNDS):
        for name, opener in openers.items():
            rounds[name].append(measure(opener, queries))
            queries = measure.queries  # type: ignore[attr-defined]
    plain, encrypted, with_passphrase = (
        {figure: statistics.median(run[figure] for run in rounds[name]) for figure in rounds[name][0]}
        for name in openers
    )
    rows += [(name, plain[name], encrypted[name], "ms") for name in plain]
    extra = [(f"passphrase: {name}", plain[name], with_passphrase[name], "ms")
             for name in ("open the database", "first page of all members, right after opening",
                          "search median (50 queries)")]

    # A plain database of an earlier version is encrypted when first opened.
    converted = folder / "converted.db"
    shutil.copyfile(plain_path, converted)
    started = time.perf_counter()
    open_database(converted).close()
    conversion = time.perf_counter() - started
    started = time.perf_counter()
    open_database(converted).close()
    reopen = time.perf_counter() - started
    started = time.perf_counter()
    rekey(converted, None)
    rekeyed = time.perf_counter() - started

    print()
    width = max(len(row[0]) for row in rows + extra)
    print(f"{'measure'.ljust(width)} | {'plain':>10} | {'SQLCipher':>10} | ratio")
    print(f"{'-' * width}-+-{'-' * 10}-+-{'-' * 10}-+------")
    for name, before, after, _unit in rows + extra:
        ratio = after / before if before else float("nan")
        print(f"{name.ljust(width)} | {before:>10.1f} | {after:>10.1f} | {ratio:5.2f}x")
    print()
    print(f"encrypting the plain {args.scale} demo when first opened: {conversion:.1f} s "
          f"(then opening it: {reopen * 1000:.0f} ms); party-office rekey: {rekeyed:.1f} s")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
