"""The credential store of the benchmarks: database keys never go to the desktop's keyring.

`install()` makes keyring use `BenchmarkKeyring` in this process and in every child process it
starts (the app's cold start, a report in its own process): the entries travel to children in
the environment variable PARTY_OFFICE_BENCH_KEYS, so a child opens the databases the parent
made. Benchmark databases hold the fictional demo only; the product has no such store.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

ENTRIES_VARIABLE = "PARTY_OFFICE_BENCH_KEYS"
_FOLDER = str(Path(__file__).resolve().parent)
_installed = False


class BenchmarkKeyring(KeyringBackend):
    priority = 0.1  # never chosen by keyring itself

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, str] = json.loads(os.environ.get(ENTRIES_VARIABLE, "{}"))

    def _save(self) -> None:
        os.environ[ENTRIES_VARIABLE] = json.dumps(self.entries)

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[f"{service}/{username}"] = password
        self._save()

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop(f"{service}/{username}", None)
        self._save()


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    keyring.set_keyring(BenchmarkKeyring())
    os.environ["PYTHON_KEYRING_BACKEND"] = f"{__name__}.{BenchmarkKeyring.__name__}"
    paths = [_FOLDER, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
