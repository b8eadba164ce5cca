"""Sign-in time and the backups of the full demo: a backup with a passphrase (idle, and while
members are being saved), the daily automatic backup, the check of a backup and a restore.

    python benchmarks/bench_backup.py [--scale small|full] [--logins N]

Run by hand (not in CI): builds the demo in a temporary folder (encrypted, keys in the
benchmarks' own credential store) and prints a table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_keyring  # noqa: E402  (database keys in the benchmarks' own credential store)

bench_keyring.install()

from sqlalchemy import func, select  # noqa: E402

from desktop.db.database import Database, open_database  # noqa: E402
from desktop.models.member import Member  # noqa: E402
from desktop.services import backups  # noqa: E402
from desktop.services.auth import authenticate, verify_password  # noqa: E402
from desktop.services.demo import DemoScale, create_demo  # noqa: E402
from tests.builders import ADMIN_PASSWORD, ADMIN_USERNAME, add_first_administrator  # noqa: E402
from tests.services.test_backups import add_members  # noqa: E402

PASSPHRASE = "bench mark passphrase 2026"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def members(database: Database) -> int:
    with database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Member)) or 0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=("small", "full"), default="full")
    parser.add_argument("--logins", type=int, default=7)
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "office.db"
        database = open_database(path)
        started = time.perf_counter()
        create_demo(database, DemoScale(args.scale))
        add_first_administrator(database)
        rows.append(("demo created", f"{time.perf_counter() - started:.1f} s, "
                                     f"{path.stat().st_size / 1e6:.0f} MB file"))

        logins = []
        for _ in range(args.logins):
            started = time.perf_counter()
            actor = authenticate(database, ADMIN_USERNAME, ADMIN_PASSWORD)
            logins.append(time.perf_counter() - started)
        database.actor = actor
        rows.append(("sign-in (Argon2id + audit entry), median", f"{statistics.median(logins) * 1000:.0f} ms"))
        unlocks = []
        for _ in range(args.logins):
            started = time.perf_counter()
            verify_password(database, actor, ADMIN_PASSWORD)
            unlocks.append(time.perf_counter() - started)
        rows.append(("unlock the screen, median", f"{statistics.median(unlocks) * 1000:.0f} ms"))

        target = Path(folder) / "manual.db"
        outcome = backups.write_backup(database, target, PASSPHRASE)
        rows.append(("backup with a passphrase (idle)",
                     f"{outcome.seconds:.1f} s, {outcome.size / 1e6:.0f} MB, {outcome.members} members"))

        # The same while another connection keeps saving members.
        writer = open_database(path)
        writer.actor = actor
        stop, saved = threading.Event(), [0]

        def keep_saving() -> None:
            while not stop.is_set():
                add_members(writer, 1, saved[0])
                saved[0] += 1

        thread = threading.Thread(target=keep_saving)
        thread.start()
        started = time.perf_counter()
        busy = backups.write_backup(database, Path(folder) / "busy.db", PASSPHRASE)
        elapsed = time.perf_counter() - started
        stop.set()
        thread.join()
        writer.close()
        rows.append(("backup while members are saved",
                     f"{elapsed:.1f} s; {saved[0]} saves meanwhile "
                     f"({saved[0] / elapsed:.0f}/s), copy has {busy.members}"))

        started = time.perf_counter()
        automatic = backups.run_automatic_backup(database, now=dt.datetime.now())
        assert automatic is not None
        rows.append(("daily automatic backup (database key)", f"{time.perf_counter() - started:.1f} s"))

        started = time.perf_counter()
        check = backups.check_backup(database, target, PASSPHRASE)
        rows.append(("check of a backup before restoring", f"{time.perf_counter() - started:.1f} s"))

        restored = backups.restore_backup(database, target, PASSPHRASE)
        reopened = open_database(path)
        try:
            assert members(reopened) == check.members
        finally:
            reopened.close()
        rows.append(("restore (check, re-encrypt, swap)", f"{restored.seconds:.1f} s"))
        rows.append(("peak memory of this process", f"{peak_mb():.0f} MB"))

    width = max(len(name) for name, _value in rows)
    print(f"\nBackups, scale {args.scale}")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


if __name__ == "__main__":
    main()
