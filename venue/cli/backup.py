"""`venue db backup FILE` and `venue db restore FILE`: SQLite's online backup, PostgreSQL's tools.

A backup is taken while venue runs and is consistent: SQLite copies the database inside one
read transaction (the online backup API), pg_dump reads one snapshot. It is written beside FILE
and renamed into place when complete, so FILE is never half a backup. A restore goes into an
empty database only, so that it can never mix two databases' rows; `venue serve` (or
`venue db upgrade`) then brings a backup made by an older venue to the current schema.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from venue.cli.admin import CommandError
from venue.store import migrations
from venue.store.db import async_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"  # pg_dump's custom format


def save(url: str, file: Path) -> int:
    """Write a consistent backup of the database at `url` to `file`."""
    if file.exists():
        raise CommandError(f"{file} exists; name a new file (a backup never overwrites)")
    database = sa.make_url(async_url(url))
    kind = database.get_backend_name()
    if kind not in _NAMES:
        raise CommandError(f"cannot back up a {kind} database")
    # SQLite: refuse a file that is not venue's before writing anything
    source = _sqlite_path(database, must_exist=True) if kind == "sqlite" else None
    versions = _versions_in(source) if source else []
    file.parent.mkdir(parents=True, exist_ok=True)
    with _partial(file) as partial:
        if source:
            _sqlite_backup(source, partial)
        else:
            _pg("pg_dump", database, "--format=custom", f"--file={partial}")
    what = f" (schema version {max(versions)})" if versions else ""
    print(f"backed up {_shown(url)} to {file}{what}, {file.stat().st_size} bytes")
    return 0


def restore(url: str, file: Path) -> int:
    """Restore `file`, made by `venue db backup`, into the empty database at `url`."""
    if not file.is_file():
        raise CommandError(f"{file}: no such backup file")
    database = sa.make_url(async_url(url))
    with file.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    kind = database.get_backend_name()
    made_by = _MADE_BY.get(head) or _MADE_BY.get(head[: len(PG_DUMP_MAGIC)])
    if made_by is None:
        raise CommandError(f"{file} is not a backup of `venue db backup` (not SQLite, not pg_dump)")
    if made_by != kind:
        raise CommandError(
            f"{file} is a {_NAMES[made_by]} backup and the database is {_NAMES.get(kind, kind)}: "
            f"restore it into a {_NAMES[made_by]} database"
        )
    if kind == "sqlite":
        _refuse_newer(_versions_in(file), file)
        target = _sqlite_path(database, must_exist=False)
        if target.exists():
            with contextlib.closing(_read_only(target)) as db:
                tables = [
                    t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                ]
            _refuse_filled(tables, url)
        target.parent.mkdir(parents=True, exist_ok=True)
        with _partial(target) as partial:
            _sqlite_backup(file, partial)
    else:
        _refuse_filled(asyncio.run(_tables(url)), url)
        # objects belong to whoever restores, whoever owned them where the backup was made
        _pg(
            "pg_restore",
            database,
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(file),
        )
    versions = asyncio.run(_versions(url))
    _refuse_newer(versions, file)  # PostgreSQL: told only now, the restored database says so
    print(f"restored {file} into {_shown(url)} (schema version {max(versions)})")
    if set(versions) < {m.version for m in migrations.MIGRATIONS}:
        print("`venue serve` or `venue db upgrade` brings it to the current schema")
    return 0


_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_MADE_BY = {SQLITE_MAGIC: "sqlite", PG_DUMP_MAGIC: "postgresql"}


@contextlib.contextmanager
def _partial(file: Path) -> Iterator[Path]:
    """A file beside `file` that becomes it only when the block completes."""
    partial = file.with_name(f".{file.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        yield partial
        partial.replace(file)
    finally:
        partial.unlink(missing_ok=True)


def _sqlite_path(database: sa.URL, *, must_exist: bool) -> Path:
    if database.database in (None, "", ":memory:"):
        raise CommandError("an in-memory SQLite database has nothing to back up or restore into")
    path = Path(database.database)
    if must_exist and not path.is_file():
        raise CommandError(f"no SQLite database at {path}")
    return path


def _sqlite_backup(source: Path, target: Path) -> None:
    """Copy a SQLite database page by page inside one read transaction, then verify the copy."""
    with contextlib.closing(_read_only(source)) as src:
        try:
            with contextlib.closing(sqlite3.connect(target)) as dst:
                src.backup(dst)
                (verdict,) = dst.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError as exc:
            raise CommandError(f"{source}: {exc}") from None
    if verdict != "ok":
        raise CommandError(f"{source}: the copy fails SQLite's integrity check: {verdict}")


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _versions_in(file: Path) -> list[int]:
    """The migrations a SQLite backup records; refuses files that are not venue databases."""
    with contextlib.closing(_read_only(file)) as db:
        try:
            return [v for (v,) in db.execute("SELECT version FROM schema_migrations")]
        except sqlite3.DatabaseError:
            raise CommandError(f"{file} is a SQLite database but not one of venue's") from None


def _refuse_newer(versions: list[int], file: Path) -> None:
    known = max(m.version for m in migrations.MIGRATIONS)
    if versions and max(versions) > known:
        raise CommandError(
            f"{file} was made by a newer venue (schema version {max(versions)}; this one knows "
            f"up to {known}): restore it with that version",
            1,
        )


def _refuse_filled(tables: list[str], url: str) -> None:
    if tables:
        raise CommandError(
            f"{_shown(url)} is not empty ({len(tables)} tables, e.g. {sorted(tables)[0]}): "
            "restore into a new, empty database and point VENUE_DATABASE_URL at it",
            1,
        )


async def _tables(url: str) -> list[str]:
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(lambda c: sa.inspect(c).get_table_names())
    finally:
        await engine.dispose()


async def _versions(url: str) -> list[int]:
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as conn:
            result = await conn.execute(sa.text("SELECT version FROM schema_migrations"))
            return sorted(result.scalars())
    finally:
        await engine.dispose()


def _pg(tool: str, database: sa.URL, *args: str) -> None:
    """Run pg_dump or pg_restore on the database; the password travels in the environment."""
    program = shutil.which(tool)
    if program is None:
        raise CommandError(
            f"{tool} not found: install PostgreSQL's client tools (Debian: postgresql-client, "
            "the server's major version or newer)",
            1,
        )
    result = subprocess.run(
        [program, *args, f"--dbname={database.database}"],
        env={**os.environ, **_libpq_environment(database)},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise CommandError(f"{tool} failed: {result.stderr.strip()}", 1)


def _libpq_environment(database: sa.URL) -> dict[str, str]:
    """The URL's parts as libpq reads them (PGHOST, ...): no password on a command line."""
    parts = {
        "PGHOST": database.host,
        "PGPORT": str(database.port) if database.port else None,
        "PGUSER": database.username,
        "PGPASSWORD": database.password,
        # asyncpg's ssl=require is libpq's sslmode=require
        "PGSSLMODE": database.query.get("sslmode") or database.query.get("ssl"),
    }
    return {key: str(value) for key, value in parts.items() if value}


def _shown(url: str | sa.URL) -> str:
    return sa.make_url(url).render_as_string(hide_password=True)
