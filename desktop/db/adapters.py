"""What differs between database engines, behind one interface.

`GenericAdapter` is portable SQL (used for PostgreSQL). `desktop.db.sqlite_adapter` is the only
module with SQLite-specific SQL (pragmas, file checks, FTS5).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    and_,
    false,
    func,
    literal,
    select,
    update,
)

from desktop.models.member import Member


class GenericAdapter:
    """Portable behaviour: search by word prefix on the stored folded key, no extra index."""

    name = "generic"

    def configure_engine(self, engine: Engine) -> None:
        """Hook for per-connection settings; nothing to do on a server database."""

    def create_search_index(self, connection: Connection) -> None:
        """The folded key column is the index: nothing else to create."""

    def drop_search_index(self, connection: Connection) -> None:
        """Nothing was created."""

    def rebuild_search_index(self, connection: Connection) -> None:
        """Nothing to rebuild: the key column is written with the member."""

    def write_search_keys(
        self, connection: Connection, rows: Sequence[tuple[int, str]], new: bool = False
    ) -> None:
        """Keys live on the member row itself."""

    def delete_search_keys(self, connection: Connection, member_ids: Sequence[int]) -> None:
        """Keys go with the member row."""

    def search_condition(self, terms: Sequence[str]) -> ColumnElement[bool]:
        """Every term is the start of some word of the key."""
        spaced_key = literal(" ").concat(Member.search_key)
        return and_(*(spaced_key.like(f"% {term}%") for term in terms))

    def refresh_statistics(self, connection: Connection) -> None:
        """Planner statistics, after bulk writes (the same statement on SQLite and PostgreSQL)."""
        connection.exec_driver_sql("ANALYZE")

    def after_open(self, engine: Engine) -> None:
        """Hook run once the schema is current; servers keep their own statistics."""

    def before_close(self, engine: Engine) -> None:
        """Hook run before the engine is disposed."""

    def reset_id_sequences(self, connection: Connection, tables: Sequence[Table]) -> None:
        """After rows were written with explicit ids; SQLite continues from max(id) by itself."""

    def allocate_ids(self, connection: Connection, table: Table, count: int) -> list[int]:
        """`count` new ids of `table` for rows a bulk writer inserts with explicit ids.

        Bulk inserts with RETURNING in parameter order run row by row on SQLite (no sentinel),
        30 times slower than one executemany. Here: the ids after the highest one, read after a
        no-op UPDATE took the database's write lock, so no other writer can take them first.
        """
        connection.execute(update(table).where(false()).values(id=table.c.id))
        highest = int(connection.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0)
        return list(range(highest + 1, highest + 1 + count))

    def backup(self, engine: Engine, destination: Path) -> None:
        raise NotImplementedError("server databases are backed up by the server's own tools")


class PostgresqlAdapter(GenericAdapter):
    name = "postgresql"

    def reset_id_sequences(self, connection: Connection, tables: Sequence[Table]) -> None:
        # Serial sequences do not see explicit ids: move each past the highest id written.
        for table in tables:
            highest = select(func.coalesce(func.max(table.c.id), 0) + 1).scalar_subquery()
            connection.execute(
                select(func.setval(func.pg_get_serial_sequence(table.name, "id"), highest, False))
            )


    def allocate_ids(self, connection: Connection, table: Table, count: int) -> list[int]:
        """Taken from the table's serial sequence: safe beside other writers."""
        sequence = func.pg_get_serial_sequence(table.name, "id")
        numbers = select(func.nextval(sequence)).select_from(func.generate_series(1, count))
        return [int(value) for value in connection.execute(numbers).scalars()]


def adapter_for(dialect_name: str) -> GenericAdapter:
    if dialect_name == "sqlite":
        from desktop.db.sqlite_adapter import SqliteAdapter

        return SqliteAdapter()
    if dialect_name == "postgresql":
        return PostgresqlAdapter()
    return GenericAdapter()
