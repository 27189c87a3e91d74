"""The organiser's commands, run as an organiser runs them: `venue invite`, `venue db ...`."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from tests.cli import Ran, isolate_environment, run_venue
from venue.app import create_app
from venue.domain.attendance import Stint
from venue.settings import ROOT, Settings
from venue.store.db import Store
from venue.store.migrations import MIGRATIONS

SECRET = "cli-test-secret-key"
Run = Callable[..., Ran]


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path}/venue.sqlite3"


@pytest.fixture
def venue(monkeypatch: pytest.MonkeyPatch) -> Run:
    """`venue ...` in-process with a known secret and no SMTP."""
    isolate_environment(monkeypatch)
    monkeypatch.setenv("VENUE_SECRET_KEY", SECRET)
    return run_venue


async def people(database: str) -> int:
    store = await Store.open(database)
    try:
        return await store.participants.count()
    finally:
        await store.close()


async def attended(database: str) -> str:
    """A minute of the plenary in the first person's ledger and a certificate of it: its id."""
    store = await Store.open(database)
    try:
        (first, *_) = await store.participants.staff()  # the moderators just invited
        stint = Stint(first.id, 0, dt.datetime(2021, 11, 30, 10, tzinfo=dt.UTC), "plenary", "")
        await store.attendance.add({stint: 60.0})
        assert await store.attendance.rows() != []
        return (await store.attendance.issue(first.id, {"blocks": []})).id
    finally:
        await store.close()


async def test_an_invite_prints_a_link_that_signs_in(
    venue: Run,
    database: str,
    tmp_path: Path,
    aiohttp_client: Callable[..., Awaitable[TestClient[Any, Any]]],
) -> None:
    result = venue("invite", "--role", "organiser", "--name", "Olga", "--database", database)
    assert result.returncode == 0, result.stderr
    found = re.search(r"http://localhost:8080/t/(\S+)", result.stdout)
    assert found is not None, result.stdout
    settings = Settings(database_url=database, secret_key=SECRET)
    client = await aiohttp_client(await create_app(settings), cookie_jar=aiohttp.DummyCookieJar())
    opened = await client.get(f"/t/{found[1]}", allow_redirects=False)
    assert opened.status == 303
    cookie = opened.cookies["venue_token"].value
    signed_in = await client.get("/organiser", headers={"Cookie": f"venue_token={cookie}"})
    assert signed_in.status == 200
    assert "Olga" in await signed_in.text()


async def test_an_exhibitor_invite_binds_the_booths(venue: Run, database: str) -> None:
    result = venue(
        "invite",
        *("--role", "exhibitor", "--name", "Exa", "--email", "exa@example.org"),
        *("--booth", "strategy", "--booth", "energy", "--database", database),
    )
    assert result.returncode == 0, result.stderr
    assert "no SMTP configured" in result.stdout
    store = await Store.open(database)
    try:
        record = await store.participants.by_email("exa@example.org")
    finally:
        await store.close()
    assert record is not None and record.booths == {"strategy", "energy"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--role", "exhibitor", "--name", "Exa", "--booth", "strategy", "--booth", "nope"),
            "Unknown booth 'nope'; the booths of this venue are: energy, innovation-management, "
            "stem-education, strategy.",
        ),
        (("--role", "exhibitor", "--name", "Exa"), "An exhibitor needs at least one booth"),
        (("--role", "moderator", "--name", "Mo", "--booth", "energy"), "Only exhibitors"),
        (("--role", "moderator", "--name", "Mo", "--email", "nope"), "is not an e-mail address"),
        (("--role", "moderator", "--name", "\x07"), "control characters"),
    ],
)
async def test_a_bad_invite_fails_clearly_and_creates_nobody(
    venue: Run, database: str, args: tuple[str, ...], message: str
) -> None:
    result = venue("invite", *args, "--database", database)
    assert result.returncode == 2
    assert message in result.stderr and result.stdout == ""
    assert await people(database) == 0


async def test_an_unknown_role_is_refused_by_the_parser(venue: Run, database: str) -> None:
    result = venue("invite", "--role", "participant", "--name", "P", "--database", database)
    assert result.returncode == 2 and "invalid choice: 'participant'" in result.stderr


async def test_an_e_mail_address_is_invited_only_once(venue: Run, database: str) -> None:
    args = ("invite", "--role", "moderator", "--name", "Mo", "--email", "m@example.org")
    first = venue(*args, "--database", database)
    second = venue(*args, "--database", database)
    assert first.returncode == 0 and second.returncode == 2
    assert "Someone with the e-mail m@example.org already exists" in second.stderr
    assert await people(database) == 1


def test_db_upgrade_applies_once_then_reports_up_to_date(venue: Run, database: str) -> None:
    first = venue("db", "upgrade", "--database", database)
    second = venue("db", "upgrade", "--database", database)
    assert first.returncode == second.returncode == 0, first.stderr
    assert first.stdout.splitlines()[:2] == [
        "applied migration 1: participants",
        "applied migration 2: registration, tokens, seats, booth staff",
    ]
    assert first.stdout.splitlines() == [
        f"applied migration {m.version}: {m.name}" for m in MIGRATIONS
    ]
    assert second.stdout.strip() == "database is up to date"


async def test_purge_waits_for_the_retention_period_then_deletes_everyone(
    venue: Run, database: str
) -> None:
    for name in ("Mo", "Max"):
        made = venue("invite", "--role", "moderator", "--name", name, "--database", database)
        assert made.returncode == 0, made.stderr
    certificate = await attended(database)
    purge = ("db", "purge", "--database", database)
    # the seed event ends 2021-11-30 16:00 CET; 90 days later is 2022-02-28 16:00
    early = venue(*purge, "--today", "2022-02-28")
    assert early.returncode == 0, early.stderr
    assert "kept until 2022-02-28 16:00 CET" in early.stdout and "nothing deleted" in early.stdout
    assert await people(database) == 2

    dry = venue(*purge, "--today", "2022-03-01", "--dry-run")
    assert "would delete 2 people" in dry.stdout
    assert await people(database) == 2

    done = venue(*purge, "--today", "2022-03-01")
    assert done.returncode == 0 and "deleted 2 people" in done.stdout
    assert await people(database) == 0
    store = await Store.open(database)
    try:  # the attendance ledger and the certificates go with their people
        assert await store.attendance.rows() == []
        assert await store.attendance.certificate(certificate) is None
    finally:
        await store.close()


def test_purge_counts_from_the_venue_given(venue: Run, database: str, tmp_path: Path) -> None:
    moved = tmp_path / "venue"
    shutil.copytree(ROOT / "maps" / "lausitz-2021", moved)
    toml = moved / "venue.toml"
    toml.write_text(toml.read_text("utf-8").replace("2021-11-30", "2099-06-01"), "utf-8")
    result = venue("db", "purge", "--venue", str(moved), "--database", database)
    assert result.returncode == 0
    assert "kept until 2099-08-30 16:00 CEST" in result.stdout
