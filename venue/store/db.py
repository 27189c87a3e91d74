"""The store: one async engine, migrations at open, and the repositories on top of it."""

from __future__ import annotations

import logging
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from venue.store import migrations
from venue.store.attendance import AttendanceStore
from venue.store.booth_activity import BoothActivity
from venue.store.booths import BoothStore
from venue.store.chat import ChatStore
from venue.store.contacts import ContactStore
from venue.store.day import DayStore
from venue.store.feedback import FeedbackStore
from venue.store.interests import InterestStore
from venue.store.participants import ParticipantRecord, Participants
from venue.store.programme import ProgrammeStore
from venue.store.registrations import Registrations
from venue.store.stage import StageStore
from venue.store.tokens import Tokens
from venue.store.writer import SQLiteEngine

log = logging.getLogger(__name__)

__all__ = ["ParticipantRecord", "Store", "async_url"]


def async_url(url: str) -> str:
    """Accept plain `postgresql://` and `sqlite:///` URLs and pick the async drivers."""
    for plain, driver in (
        ("postgresql://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url


class Store:
    """Persistence behind a small interface; SQLite and PostgreSQL run the same code."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.participants = Participants(engine)
        self.tokens = Tokens(engine)
        self.registrations = Registrations(engine)
        self.programme = ProgrammeStore(engine)
        self.booths = BoothStore(engine)
        self.booth_activity = BoothActivity(engine)
        self.chat = ChatStore(engine)
        self.day = DayStore(engine)
        self.contacts = ContactStore(engine)
        self.feedback = FeedbackStore(engine)
        self.attendance = AttendanceStore(engine)
        self.interests = InterestStore(engine)
        self.stage = StageStore(engine)

    @classmethod
    async def open(cls, url: str, *, upgrade: bool = True) -> Store:
        url = async_url(url)
        sa_url = sa.make_url(url)
        engine = create_async_engine(url, pool_pre_ping=True)
        if sa_url.get_backend_name() == "sqlite":
            if sa_url.database not in (None, "", ":memory:"):
                Path(sa_url.database).parent.mkdir(parents=True, exist_ok=True)
            engine = SQLiteEngine(engine)
        store = cls(engine)
        if upgrade:
            applied = await store.upgrade()
            if applied:
                log.info("database %s: applied migrations %s", sa_url.render_as_string(), applied)
        return store

    async def upgrade(self) -> list[int]:
        async with self.engine.begin() as conn:
            done = await conn.run_sync(migrations.upgrade)
        return [m.version for m in done]

    async def pending(self) -> list[int]:
        async with self.engine.begin() as conn:
            todo = await conn.run_sync(migrations.pending)
        return [m.version for m in todo]

    async def close(self) -> None:
        await self.engine.dispose()

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))
