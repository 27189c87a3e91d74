"""Privacy and routing under attack or change: enumeration, erasure, stale seats, proxies, logs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from tests.clocks import ManualClock
from tests.conftest import Participant
from tests.web.people import registered, staff
from tests.web.registering import Client, Mailbox, few_seats_venue, mailbox, register
from venue.app import create_app
from venue.domain.people import Role
from venue.settings import Settings
from venue.store.registrations import person_ref
from venue.web.keys import IDENTITIES, STORE

MakeClient = Callable[..., Awaitable[Client]]


@pytest.fixture
def smtp() -> Iterator[Mailbox]:
    with mailbox() as box:
        yield box


async def test_full_workshop_reveals_whether_an_address_is_registered(
    aiohttp_client: MakeClient, settings: Settings, tmp_path: Path, smtp: Mailbox
) -> None:
    """A full workshop without the waiting list answers alike for known and new addresses."""
    venue_dir = few_seats_venue(tmp_path)
    app = await create_app(smtp.configure(settings.model_copy(update={"venue_dir": venue_dir})))
    client = await aiohttp_client(app)
    await register(client, email="victim@example.org")  # takes workshop-1's only seat
    client.session.cookie_jar.clear()
    known = await register(client, follow=False, email="victim@example.org")
    client.session.cookie_jar.clear()
    unknown = await register(client, follow=False, email="nobody@example.org")
    assert known.status == unknown.status, (known.status, unknown.status)


async def test_deleting_oneself_leaves_the_name_in_the_audit_log(settings: Settings) -> None:
    """Deleting someone erases their name from audit entries about them, too."""
    app = await create_app(settings)
    try:
        store = app[STORE]
        erika = await registered(app, "Erika Mustermann", "erika@example.org", "workshop-1")
        moderator, _ = await staff(app, Role.MODERATOR, "Mo")
        await store.programme.audit(moderator.id, "Mo", "nudge", person_ref(erika.name, erika.id))
        await store.registrations.delete(erika.id)
        details = [e.detail for e in await store.programme.recent_audit(50)]
        assert not any("Erika Mustermann" in d for d in details), details
    finally:
        await store.close()


async def test_changing_workshop_while_connected_routes_to_the_new_workshop(
    aiohttp_server: Callable[[Any], Awaitable[TestServer]], settings: Settings
) -> None:
    """A workshop changed while connected is where the transition takes the person."""
    clock = ManualClock("13:20")
    server = await aiohttp_server(
        await create_app(settings.model_copy(update={"clock": clock.now()}), clock=clock)
    )
    app = server.app
    ann = await registered(app, "Ann", "ann@example.org", "workshop-1")
    token = await app[IDENTITIES].issue(ann.id, "link")
    client = await Participant(server, token, ann.id, "Ann").connect()
    try:
        # what POST /me/workshop does (venue/web/personal.py change_workshop)
        await app[STORE].registrations.change_workshop(ann.id, "workshop-2", wait=False)
        clock.to("13:30")
        snapshot = await client.wait_for(
            "space.snapshot", lambda s: s["space"].startswith("workshop")
        )
        assert snapshot["space"] == "workshop-2"
    finally:
        await client.sio.disconnect()


async def test_behind_a_trusted_proxy_the_origin_and_client_address_are_the_forwarded_ones(
    aiohttp_client: MakeClient, settings: Settings
) -> None:
    client = await aiohttp_client(
        await create_app(settings.model_copy(update={"trust_forwarded": True}))
    )
    proxy = {
        "Origin": "https://venue.example.org",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "venue.example.org",
    }
    for i in range(25):  # 25 people behind one proxy: no one is limited
        headers = proxy | {"X-Forwarded-For": f"203.0.113.{i}"}
        response = await client.post("/api/join", json={"name": f"P{i}"}, headers=headers)
        assert response.status == 200, await response.text()
    forged = proxy | {"Origin": "https://evil.example", "X-Forwarded-For": "203.0.113.99"}
    refused = await client.post("/api/join", json={"name": "Eve"}, headers=forged)
    assert refused.status == 403


async def test_without_trust_forwarded_headers_are_ignored(
    aiohttp_client: MakeClient, settings: Settings
) -> None:
    client = await aiohttp_client(await create_app(settings))
    statuses = [
        (
            await client.post(
                "/api/join", json={"name": f"P{i}"}, headers={"X-Forwarded-For": f"198.51.100.{i}"}
            )
        ).status
        for i in range(21)
    ]
    assert statuses[-1] == 429  # one client, whatever it claims


async def test_behind_a_trusted_proxy_the_address_the_proxy_wrote_counts(
    aiohttp_client: MakeClient, settings: Settings
) -> None:
    """A client's own X-Forwarded-For before the proxy's entry does not choose its address."""
    client = await aiohttp_client(
        await create_app(settings.model_copy(update={"trust_forwarded": True}))
    )
    statuses = [
        (
            await client.post(
                "/api/join",
                json={"name": f"P{i}"},
                headers={"X-Forwarded-For": f"198.51.100.{i}, 203.0.113.1"},
            )
        ).status
        for i in range(21)
    ]
    assert statuses[-1] == 429  # one client behind the proxy, whatever it put first


async def test_a_malformed_forwarded_address_gets_our_error_shape(
    aiohttp_client: MakeClient, settings: Settings
) -> None:
    client = await aiohttp_client(
        await create_app(settings.model_copy(update={"trust_forwarded": True}))
    )
    response = await client.post(
        "/api/join", json={"name": "Eve"}, headers={"X-Forwarded-For": "not-an-address"}
    )
    assert response.status == 400
    assert "X-Forwarded-For" in (await response.json())["error"]["message"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_personal_links_never_reach_the_access_log(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from aiohttp.test_utils import make_mocked_request
    from aiohttp.web import Response

    from venue.web.accesslog import AccessLogger

    logger = logging.getLogger("test.access")
    request = make_mocked_request("GET", "/t/SECRET-TOKEN.signature?x=1")
    with caplog.at_level(logging.INFO, logger="test.access"):
        AccessLogger(logger, "").log(request, Response(status=303), 0.01)
    assert "SECRET" not in caplog.text and "/t/…" in caplog.text


async def test_control_characters_never_break_schedule_xml(
    aiohttp_client: MakeClient, settings: Settings
) -> None:
    import xml.etree.ElementTree as ET
    from dataclasses import replace

    from venue.domain.programme import Programme
    from venue.venuefile.loader import load_venue
    from venue.venuefile.programme import printable

    assert printable("Auf\x0btakt\x00 und\tmehr\n") == "Auftakt und\tmehr\n"
    venue = load_venue(settings.venue_dir)
    # a slot written in the venue folder (no imported schedule event behind it)
    first = replace(venue.programme.slots[0], title="Auf\x0btakt", persons=("Bell\x07",), source={})
    venue = replace(venue, programme=Programme((first, *venue.programme.slots[1:])))
    client = await aiohttp_client(await create_app(settings, venue))
    body = await (await client.get("/schedule.xml")).text()
    root = ET.fromstring(body)  # well-formed
    assert "Auftakt" in [e.text for e in root.iter("title")]
