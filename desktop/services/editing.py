"""What every edit use case does first: load the record and check nobody saved it meanwhile."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.services.errors import ConcurrentEdit, RecordNotFound

Record = TypeVar("Record", bound=Any)


def load_for_edit(session: Session, model: type[Record], record_id: int, expected_version: int) -> Record:
    record = session.get(model, record_id)
    if record is None:
        raise RecordNotFound(record_id)
    if record.version != expected_version:
        raise ConcurrentEdit(record_id)
    return record


@contextmanager
def refused_if_changed(record_id: int) -> Iterator[None]:
    """Someone else saved the record meanwhile (the version check of the UPDATE failed):
    ConcurrentEdit, and the transaction around it writes nothing."""
    try:
        yield
    except StaleDataError as error:
        raise ConcurrentEdit(record_id) from error
