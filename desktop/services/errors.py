"""Errors a use case reports to its caller; the UI and CLI turn them into Vietnamese text."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.models.problems import Problem


class ValidationFailed(Exception):
    """The input breaks rules; nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(", ".join(f"{p.field}:{p.code.value}" for p in problems))
        self.problems = tuple(problems)


class ConcurrentEdit(Exception):
    """Someone else saved the record after it was opened; nothing was written."""

    def __init__(self, record_id: int) -> None:
        super().__init__(f"record {record_id} was changed by someone else")
        self.record_id = record_id


class RecordNotFound(LookupError):
    def __init__(self, record_id: int) -> None:
        super().__init__(f"record {record_id} does not exist")
        self.record_id = record_id


class OperationCancelled(Exception):
    """The user cancelled long work; nothing was written."""
