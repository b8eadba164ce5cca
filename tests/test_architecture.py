"""Layering rules that keep the code base honest."""

import re
import subprocess
import sys
from pathlib import Path

import desktop

ROOT = Path(desktop.__file__).parent

_BLOCK_QT_AND_IMPORT_ALL = """
import importlib, pkgutil, sys

class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("Qt imported by " + name)
        return None

sys.meta_path.insert(0, BlockQt())
import desktop
for package in ("desktop.models", "desktop.services", "desktop.db", "desktop.reports"):
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        if info.name.startswith("desktop.db.migrations"):
            continue
        importlib.import_module(info.name)
print("ok")
"""


def test_models_services_storage_and_reports_never_import_qt() -> None:
    result = subprocess.run([sys.executable, "-c", _BLOCK_QT_AND_IMPORT_ALL], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_ui_holds_no_sql() -> None:
    offenders = []
    for path in (ROOT / "ui").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from|import)\s+sqlalchemy", source, re.MULTILINE):
            offenders.append(str(path))
        if re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\s+\w", source):
            offenders.append(str(path))
    assert offenders == []


def test_ui_text_uses_fixed_translation_contexts_not_self_tr() -> None:
    offenders = [
        str(path) for path in ROOT.rglob("*.py") if "self.tr(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_first_window_does_not_wait_for_reportlab() -> None:
    """ReportLab is imported when a report is made, not on the way to the first paint."""
    script = (
        "import sys, desktop.ui.app, desktop.ui.main_window, desktop.reports.catalogue; "
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'reportlab'))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_code_passes_the_lint_rules() -> None:
    """ruff with the rules of pyproject.toml (imports sorted, no unused names, bugbear)."""
    folders = [str(ROOT.parent / name) for name in ("desktop", "tests", "benchmarks")]
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *folders],
                            capture_output=True, text=True, cwd=ROOT.parent)
    assert result.returncode == 0, result.stdout + result.stderr
