#!/usr/bin/env python3
"""Set up a local virtual environment and run Party Office Desktop or its tests.

    python run.py            install (first time) and start the app
    python run.py test       install (first time) and run the test suite
    python run.py ARGS...    any other arguments go to the `party-office` command

On Windows use `py run.py`. The environment lives in `.venv` next to this file and is
re-installed only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "installed-pyproject.sha256"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036  (run.py may be started by any Python)
        sys.exit("Party Office Desktop needs Python 3.11 or newer.")
    python = venv_python()
    if not python.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing Party Office Desktop and its dependencies ...", flush=True)
        subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        subprocess.check_call(
            [str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"]
        )
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    python = ensure_environment()
    if argv[:1] == ["test"]:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call([str(python), "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)
    return subprocess.call([str(python), "-m", "desktop", *argv], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
