"""Credential stores for tests: nothing in CI needs (or touches) a desktop keyring.

`MemoryKeyring` is installed for the whole test session by the autouse fixtures below (imported
by tests/conftest.py). The session's entries survive from test to test, because the template
databases are made once and copied (a copy has the same database id, so the same entry); each
test sees them and may change them, and gets them back as they were afterwards.
`UnavailableKeyring` stands for a store that is missing or locked.
Subprocesses get keyring's failing backend through PYTHON_KEYRING_BACKEND.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 0.1  # never chosen by keyring itself; tests install it explicitly

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.writes = 0

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.writes += 1
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class UnavailableKeyring(KeyringBackend):
    """A locked (or missing) store: every call fails the way keyring reports it."""

    priority = 0.1

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the collection is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("the collection is locked")


_SESSION_STORE = MemoryKeyring()


@pytest.fixture(scope="session", autouse=True)
def memory_keyring_session() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    previous_env = os.environ.get("PYTHON_KEYRING_BACKEND")
    keyring.set_keyring(_SESSION_STORE)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    yield _SESSION_STORE
    keyring.set_keyring(previous)
    if previous_env is None:
        os.environ.pop("PYTHON_KEYRING_BACKEND", None)
    else:
        os.environ["PYTHON_KEYRING_BACKEND"] = previous_env


@pytest.fixture(autouse=True)
def memory_keyring(memory_keyring_session: MemoryKeyring) -> Iterator[MemoryKeyring]:
    """The session's store, put back as it was after the test (entries and backend)."""
    saved = dict(memory_keyring_session.entries)
    yield memory_keyring_session
    keyring.set_keyring(memory_keyring_session)
    memory_keyring_session.entries.clear()
    memory_keyring_session.entries.update(saved)
