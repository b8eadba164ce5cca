"""Excel export and import of the full demo: the organisation tree and the 78,432 members.

    python benchmarks/bench_tabular.py [--scale small|full] [--libraries]

Run by hand (not in CI). Builds the demo in a temporary folder, exports its organisations
and members to .xlsx, imports both into a new database (the round trip) and prints a table
with times and the peak memory of each step, each measured in its own process (ru_maxrss).
`--libraries` also times openpyxl's write-only and read-only modes and XlsxWriter's constant
memory mode on the same member table, if they are installed (the reason for our own writer
and for python-calamine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
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

TODAY = dt.date(2026, 11, 21)
_STEP = """
import json, resource, sys, time, datetime as dt
sys.path.insert(0, {root!r}); sys.path.insert(0, {root!r} + "/benchmarks")
import bench_keyring; bench_keyring.install()
from pathlib import Path
from desktop.db.database import open_database
from tests.builders import sign_in_as
step, db, file = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
database = open_database(db)
sign_in_as(database)
started = time.perf_counter()
if step == "export-orgs":
    from desktop.services.tabular.exports import export_organizations
    rows = export_organizations(database, None, file).rows
elif step == "export-members":
    from desktop.services.members import MemberListQuery
    from desktop.services.tabular.exports import export_members
    rows = export_members(database, MemberListQuery(), file).rows
else:
    from desktop.services.tabular.member_import import import_members
    from desktop.services.tabular.org_import import import_organizations
    run = import_organizations if step == "import-orgs" else import_members
    outcome = run(database, file, today=dt.date(2026, 11, 21))
    assert outcome.ok and outcome.written, outcome.problems[:3]
    rows = outcome.created
seconds = time.perf_counter() - started
database.close()
print(json.dumps({{"rows": rows, "seconds": seconds,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def step(name: str, database: Path, file: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _STEP.format(root=str(ROOT)), name, str(database), str(file)],
        capture_output=True, text=True, env=dict(os.environ), check=False,
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def libraries(members_file: Path, folder: Path) -> list[tuple[str, str]]:
    """openpyxl and XlsxWriter on the same table, for comparison."""
    from python_calamine import CalamineWorkbook

    rows = list(CalamineWorkbook.from_path(str(members_file)).get_sheet_by_index(0).iter_rows())
    found: list[tuple[str, str]] = []
    try:
        import openpyxl

        started = time.perf_counter()
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for row in rows:
            sheet.append([None if cell == "" else cell for cell in row])
        workbook.save(folder / "openpyxl.xlsx")
        found.append(("openpyxl write-only, members", f"{time.perf_counter() - started:.1f} s"))
        started = time.perf_counter()
        count = sum(1 for _ in openpyxl.load_workbook(members_file, read_only=True).worksheets[0].iter_rows())
        found.append((f"openpyxl read-only, {count} rows", f"{time.perf_counter() - started:.1f} s"))
    except ImportError:
        pass
    try:
        import xlsxwriter

        started = time.perf_counter()
        workbook = xlsxwriter.Workbook(str(folder / "xlsxwriter.xlsx"), {"constant_memory": True})
        sheet = workbook.add_worksheet()
        for number, row in enumerate(rows):
            for column, cell in enumerate(row):
                if cell != "":
                    sheet.write(number, column, cell)
        workbook.close()
        found.append(("XlsxWriter constant memory, members", f"{time.perf_counter() - started:.1f} s"))
    except ImportError:
        pass
    started = time.perf_counter()
    count = sum(1 for _ in CalamineWorkbook.from_path(str(members_file)).get_sheet_by_index(0).iter_rows())
    found.append((f"python-calamine, {count} rows", f"{time.perf_counter() - started:.1f} s"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=("small", "full"), default="full")
    parser.add_argument("--libraries", action="store_true")
    args = parser.parse_args()
    from desktop.db.database import open_database
    from desktop.services.demo import DemoScale, create_demo
    from tests.builders import add_first_administrator

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        source, target = folder / "demo.db", folder / "moi.db"
        database = open_database(source)
        create_demo(database, DemoScale(args.scale), today=TODAY)
        add_first_administrator(database)
        database.close()
        fresh = open_database(target)
        add_first_administrator(fresh)
        fresh.close()
        orgs, members = folder / "to-chuc.xlsx", folder / "dang-vien.xlsx"
        results = [
            ("export organisations", step("export-orgs", source, orgs), orgs),
            ("export members", step("export-members", source, members), members),
            ("import organisations (new database)", step("import-orgs", target, orgs), None),
            ("import members (new database)", step("import-members", target, members), None),
        ]
        print(f"\nSpreadsheets, scale {args.scale}")
        print(f"  {'step':<38} {'rows':>7} {'time':>8} {'peak':>8}  file")
        for name, figures, file in results:
            size = f"{file.stat().st_size / 1e6:.1f} MB" if file is not None else ""
            print(f"  {name:<38} {int(figures['rows']):>7} {figures['seconds']:>7.1f}s "
                  f"{figures['peak_mb']:>6.0f}MB  {size}")
        if args.libraries:
            for name, value in libraries(members, folder):
                print(f"  {name:<38} {value}")


if __name__ == "__main__":
    main()
