"""SQLite's one writer: write transactions of a process take turns and begin IMMEDIATE.

SQLite has one write lock per file. A deferred transaction that reads, then writes, fails at
once with "database is locked" when another connection wrote first (no busy timeout helps
there), and concurrent writers of one process only queue on the file lock in their threads.
So a process writes through one queue: each write transaction waits for the previous one,
takes the file lock at BEGIN (`BEGIN IMMEDIATE`, waiting the busy timeout for another
process), and retries that BEGIN a few times before it gives up. Reads run beside it (WAL).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

BUSY_MS = 5000  # how long one BEGIN IMMEDIATE waits for another process's write
BEGIN_TRIES = 4  # then the write fails: five attempts over ~20 s
_WRITE = "venue_write"


def _pragmas(dbapi_connection: Any, _record: Any) -> None:
    # the transactions are ours to begin (the `begin` listener below), not pysqlite's
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # SQLite enforces foreign keys (ON DELETE CASCADE) only when asked, per connection.
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    # WAL: readers never wait for the writer; NORMAL loses nothing when the process dies
    # (only a power cut may lose the latest commits)
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin(conn: Connection) -> None:
    writing = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


class SQLiteEngine(AsyncEngine):
    """An AsyncEngine whose `begin()` is the process's one writer (see the module)."""

    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__(engine.sync_engine)
        event.listen(self.sync_engine, "connect", _pragmas)
        event.listen(self.sync_engine, "begin", _begin)
        self._writer = AsyncEngine(self.sync_engine.execution_options(**{_WRITE: True}))
        self._turn = asyncio.Lock()
        self.retried = 0  # BEGINs that found the file locked by another process

    @contextlib.asynccontextmanager
    async def begin(self) -> AsyncIterator[AsyncConnection]:
        async with self._turn:
            conn = await self._begun()
            try:
                yield conn
            except BaseException:
                await conn.rollback()
                raise
            else:
                await conn.commit()
            finally:
                await conn.close()

    async def _begun(self) -> AsyncConnection:
        for attempt in range(BEGIN_TRIES + 1):
            conn = await self._writer.connect()
            try:
                _ = await conn.begin()  # BEGIN IMMEDIATE, from the listener
                return conn
            except OperationalError as exc:
                await conn.close()
                if "locked" not in str(exc) or attempt == BEGIN_TRIES:
                    raise
                self.retried += 1
                log.warning("database locked by another process; writing again (%d)", attempt)
                await asyncio.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")
