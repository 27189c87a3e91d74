"""Attendance across processes: two apps of one venue over Redis and PostgreSQL on one
rehearsal clock; each writes the ledger of the people it serves, nobody's time twice."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable

from aiohttp.test_utils import TestServer

from tests.clocks import ManualClock
from tests.conftest import need_service, reset_postgres
from tests.realtime.test_attendance import Connect, looked, presence_shows
from tests.web.people import registered
from venue.app import create_app
from venue.settings import Settings
from venue.web.keys import LIVE, STORE


async def test_each_process_writes_the_ledger_of_its_own_people(
    aiohttp_server: Callable[..., Awaitable[TestServer]], settings: Settings, people: Connect
) -> None:
    database = need_service("VENUE_TEST_DATABASE_URL", "PostgreSQL")
    redis = need_service("VENUE_TEST_REDIS_URL", "Redis")
    await reset_postgres(database)
    shared = settings.model_copy(
        update={
            "database_url": database,
            "redis_url": redis,
            "redis_channel": f"venue-test:{uuid.uuid4().hex}",  # tests never hear each other
        }
    )
    clock = ManualClock("11:00")  # one clock for both: their programmes agree to the second
    one = await aiohttp_server(await create_app(shared, clock=clock))
    two = await aiohttp_server(await create_app(shared, clock=clock))
    ann_record = await registered(one.app, "Ann", "ann@example.org", "workshop-1")
    bob_record = await registered(one.app, "Bob", "bob@example.org", "workshop-2")
    ann = await people(one, ann_record.id, "Ann")
    bob = await people(two, bob_record.id, "Bob")
    await presence_shows(one.app, bob.id)  # each process knows the other's person too
    await presence_shows(two.app, ann.id)
    for server in (one, two):
        await looked(server.app)

    clock.to("11:40")
    for server in (one, two):
        await looked(server.app)
        await server.app[LIVE].attendance.flush()
    minutes: dict[tuple[str, int, str], float] = defaultdict(float)
    for row in await one.app[STORE].attendance.rows():
        minutes[row.stint.person, row.stint.block, row.stint.space] += row.seconds / 60
    assert minutes == {(ann.id, 0, "plenary"): 40, (bob.id, 0, "plenary"): 40}
