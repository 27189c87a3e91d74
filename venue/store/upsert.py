"""Inserts that race safely: concurrent toggles of one row end in one row, never an error.

A delete-then-insert, or a select-then-insert, in two concurrent transactions inserts twice
and the second fails with a unique violation (PostgreSQL under READ COMMITTED; SQLite when
its writes interleave). `INSERT … ON CONFLICT` lets the database decide, on both backends.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection


def _insert(conn: AsyncConnection, table: sa.Table) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT."""
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


async def insert_once(conn: AsyncConnection, table: sa.Table, **values: Any) -> None:
    """Insert a row unless one with its primary key exists (then nothing changes)."""
    await conn.execute(_insert(conn, table).values(**values).on_conflict_do_nothing())


async def insert_or_raise(
    conn: AsyncConnection, table: sa.Table, column: str, **values: Any
) -> None:
    """Insert a row, or raise `column` of the existing one to the new value if it is higher."""
    statement = _insert(conn, table).values(**values)
    keys = [c.name for c in table.primary_key.columns]
    await conn.execute(
        statement.on_conflict_do_update(
            index_elements=keys,
            set_={column: statement.excluded[column]},
            where=table.c[column] < statement.excluded[column],
        )
    )


async def insert_or_add(
    conn: AsyncConnection, table: sa.Table, column: str, rows: list[dict[str, Any]]
) -> None:
    """Insert rows (one statement for all), adding `column` to that of a row already there."""
    statement = _insert(conn, table)
    keys = [c.name for c in table.primary_key.columns]
    await conn.execute(
        statement.on_conflict_do_update(
            index_elements=keys, set_={column: table.c[column] + statement.excluded[column]}
        ),
        rows,
    )


async def upsert(
    conn: AsyncConnection, table: sa.Table, key: dict[str, Any], values: dict[str, Any]
) -> None:
    """Insert a row, or replace `values` in the one with the same primary key `key`."""
    statement = _insert(conn, table).values(**key, **values)
    await conn.execute(statement.on_conflict_do_update(index_elements=list(key), set_=values))


async def insert_new(conn: AsyncConnection, table: sa.Table, **values: Any) -> bool:
    """Insert a row unless one with its primary key exists; whether it was inserted (the
    database decides, so two concurrent attempts never both succeed)."""
    result = await conn.execute(_insert(conn, table).values(**values).on_conflict_do_nothing())
    return bool(result.rowcount == 1)
