"""`venue db backup` and `venue db restore` on SQLite and PostgreSQL, as an organiser runs them."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import need_service, reset_postgres
from tests.deploy.databases import fresh_postgres
from tests.deploy.records import CHAT, assert_found, populate
from venue.cli import main
from venue.store.db import Store


async def venue(*args: str | Path) -> int:
    """`venue ARGS` in-process; the command runs its own event loop, so in a thread."""
    return await asyncio.to_thread(main, [str(arg) for arg in args])


@pytest.fixture(params=["sqlite", "postgres"])
async def databases(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """The database venue runs on and an empty one to restore into, on one backend."""
    if request.param == "sqlite":
        return (
            f"sqlite+aiosqlite:///{tmp_path}/live/venue.sqlite3",
            f"sqlite:///{tmp_path}/restored/venue.sqlite3",
        )
    url = need_service("VENUE_TEST_DATABASE_URL", "PostgreSQL")
    await reset_postgres(url)
    return url, await fresh_postgres(url, "restored")


async def test_a_backup_taken_while_venue_runs_restores_into_an_empty_database(
    databases: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live, empty = databases
    backup = tmp_path / "backups" / "venue.backup"
    store = await Store.open(live)
    try:
        await populate(store)
        assert await venue("db", "backup", backup, "--database", live) == 0
        # written after the backup: not in it
        await store.chat.add(CHAT[0], "late", "Late Larry", "participant", "too late")
    finally:
        await store.close()
    assert f"to {backup}" in capsys.readouterr().out
    assert not list(backup.parent.glob(".*partial"))

    assert await venue("db", "restore", backup, "--database", empty) == 0
    assert "restored" in capsys.readouterr().out
    restored = await Store.open(empty)
    try:
        await assert_found(restored)
    finally:
        await restored.close()
    # a restore never mixes two databases: the filled one is refused
    assert await venue("db", "restore", backup, "--database", empty) == 1
    assert "is not empty" in capsys.readouterr().err


@pytest.fixture
def sqlite_backup(tmp_path: Path) -> Path:
    url = f"sqlite:///{tmp_path}/venue.sqlite3"
    assert main(["db", "upgrade", "--database", url]) == 0
    assert main(["db", "backup", str(tmp_path / "venue.backup"), "--database", url]) == 0
    return tmp_path / "venue.backup"


def test_a_backup_never_overwrites_a_file(
    sqlite_backup: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sqlite_backup.read_bytes()
    url = f"sqlite:///{sqlite_backup.parent}/venue.sqlite3"
    assert main(["db", "backup", str(sqlite_backup), "--database", url]) == 2
    assert "exists; name a new file" in capsys.readouterr().err
    assert sqlite_backup.read_bytes() == before


def test_restore_refuses_what_it_cannot_restore_faithfully(
    sqlite_backup: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = f"sqlite:///{tmp_path}/new/venue.sqlite3"
    notes = tmp_path / "notes.txt"
    notes.write_text("not a backup")
    assert main(["db", "restore", str(notes), "--database", target]) == 2
    assert "is not a backup of `venue db backup`" in capsys.readouterr().err
    # the kind is told before any connection is tried
    elsewhere = "postgresql://nobody@127.0.0.1:1/none"
    assert main(["db", "restore", str(sqlite_backup), "--database", elsewhere]) == 2
    assert "is a SQLite backup and the database is PostgreSQL" in capsys.readouterr().err
    with sqlite3.connect(sqlite_backup) as db:
        db.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', '2030-01-01')")
    assert main(["db", "restore", str(sqlite_backup), "--database", target]) == 1
    assert "was made by a newer venue (schema version 999" in capsys.readouterr().err
    assert not (tmp_path / "new" / "venue.sqlite3").exists()


def test_backing_up_a_database_that_is_not_there_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = f"sqlite:///{tmp_path}/nowhere.sqlite3"
    assert main(["db", "backup", str(tmp_path / "b"), "--database", missing]) == 2
    assert f"no SQLite database at {tmp_path}/nowhere.sqlite3" in capsys.readouterr().err
    with sqlite3.connect(tmp_path / "other.sqlite3") as other:
        other.execute("CREATE TABLE notes (text TEXT)")
    other.close()
    theirs = f"sqlite:///{tmp_path}/other.sqlite3"
    assert main(["db", "backup", str(tmp_path / "b"), "--database", theirs]) == 2
    assert "is a SQLite database but not one of venue's" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()
