"""Databases for backups and upgrades: a second, empty PostgreSQL database beside the test one."""

from __future__ import annotations

import asyncpg
import sqlalchemy as sa

from venue.store.db import async_url


def plain(url: str) -> str:
    """The URL as libpq and asyncpg take it (no SQLAlchemy driver name)."""
    return sa.make_url(async_url(url)).set(drivername="postgresql").render_as_string(False)


async def fresh_postgres(url: str, suffix: str) -> str:
    """A new, empty database named after the one of `url`, on the same server."""
    base = sa.make_url(plain(url))
    name = f"{base.database}_{suffix}"
    conn = await asyncpg.connect(plain(url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return base.set(database=name).render_as_string(False)


async def run_sql(url: str, sql: str) -> None:
    """Run a plain-SQL dump (statements, no psql commands) in one session."""
    conn = await asyncpg.connect(plain(url))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()
