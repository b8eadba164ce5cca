"""Inserting many rows at once, portably, without SQLAlchemy's per-row statement machinery.

`connection.execute(insert(table), rows)` builds and processes a parameter set per row in
Python; for the hundreds of thousands of rows of an import (members, their events, their audit
entries) that costs more than the database's own work. Here the INSERT is compiled once for
the connection's dialect, each value goes through its column type's bind processor (the same
conversion SQLAlchemy applies: dates to text on SQLite, enums to names), and the driver gets
one executemany. Rows must all have the same keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert


def bulk_insert(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    if not rows:
        return
    keys = list(rows[0])
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    processors: dict[str, Callable[[Any], Any] | None] = {
        key: table.c[key].type.bind_processor(dialect) for key in keys
    }
    converters = {key: _memoised(process) for key, process in processors.items()}
    if compiled.positional:
        order = [compiled.binds[name].key for name in compiled.positiontup or ()]
        plan = [(key, converters[key]) for key in order]
        parameters: list[Any] = [tuple(convert(row[key]) for key, convert in plan) for row in rows]
    else:
        plan = list(converters.items())
        parameters = [{key: convert(row[key]) for key, convert in plan} for row in rows]
    connection.exec_driver_sql(str(compiled), parameters)


def _identity(value: Any) -> Any:
    return value


def _memoised(process: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    """The processor, remembering its answers: typed values (dates, enums, the one time of an
    audit append) repeat across rows far more than they differ."""
    if process is None:
        return _identity
    seen: dict[Any, Any] = {None: None}

    def convert(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            result = seen[value] = process(value)
            return result
        except TypeError:  # not hashable
            return process(value)

    return convert
