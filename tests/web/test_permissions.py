"""Every privileged action refused for each lower role and for revoked or expired links."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest
import socketio
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from tests.conftest import Participant
from tests.web.people import CSRF, Client, cookies, registered, staff
from venue.app import create_app
from venue.domain.people import Role
from venue.domain.venue import Venue
from venue.settings import Settings
from venue.store.schema import tokens
from venue.venuefile.loader import load_venue
from venue.web.keys import IDENTITIES, STORE, VENUE

ACTIONS = [
    ("GET", "/organiser", None),
    ("POST", "/organiser/move", {"workshop": "workshop-2"}),
    ("POST", "/organiser/revoke", {}),
    ("GET", "/organiser/export.csv?workshop=workshop-1", None),
    ("POST", "/organiser/invite", {"role": "moderator", "name": "Mallory"}),
]
IDS = [f"{method} {path.split('?')[0]}" for method, path, _ in ACTIONS]


async def act(
    client: Client,
    method: str,
    path: str,
    fields: dict[str, str] | None,
    token: str | None,
    pid: str,
) -> aiohttp.ClientResponse:
    headers = {**cookies(token), "Accept": "text/html"}
    if method == "GET":
        return await client.get(path, headers=headers, allow_redirects=False)
    data = {"csrf": CSRF, "participant": pid, **(fields or {})}
    return await client.post(path, data=data, headers=headers, allow_redirects=False)


async def expired_token(app: web.Application) -> str:
    record, token = await staff(app, Role.ORGANISER, "Old Organiser")
    async with app[STORE].engine.begin() as conn:
        await conn.execute(
            tokens.update()
            .where(tokens.c.participant_id == record.id)
            .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    return token


async def revoked_token(app: web.Application) -> str:
    record, token = await staff(app, Role.ORGANISER, "Former Organiser")
    await app[STORE].tokens.revoke_all(record.id)
    return token


@pytest.mark.parametrize(("method", "path", "fields"), ACTIONS, ids=IDS)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("nobody", 401),
        ("forged", 401),
        ("revoked", 401),
        ("expired", 401),
        ("participant", 403),
        ("exhibitor", 403),
        ("moderator", 403),
    ],
)
async def test_privileged_actions_are_refused_below_organiser(
    app: web.Application,
    client: Client,
    method: str,
    path: str,
    fields: dict[str, str] | None,
    who: str,
    status: int,
) -> None:
    target = await registered(app, "Ada", "ada@example.org", "workshop-1")
    roles = {
        "participant": Role.PARTICIPANT,
        "exhibitor": Role.EXHIBITOR,
        "moderator": Role.MODERATOR,
    }
    token: str | None = None
    if who in roles:
        booths = frozenset({"strategy"}) if who == "exhibitor" else frozenset()
        token = (await staff(app, roles[who], who, booths))[1]
    elif who == "forged":
        token = "forged.token"
    elif who == "revoked":
        token = await revoked_token(app)
    elif who == "expired":
        token = await expired_token(app)
    staff_before = len(await app[STORE].participants.staff())

    response = await act(client, method, path, fields, token, target.id)
    assert response.status == status
    body = await response.text()
    assert "ada@example.org" not in body
    # nothing happened: Ada is where she was and still signs in, nobody was invited
    ada = await app[STORE].participants.get(target.id)
    assert ada is not None and ada.workshop == "workshop-1"
    assert len(await app[STORE].participants.staff()) == staff_before


@pytest.mark.parametrize(("method", "path", "fields"), ACTIONS, ids=IDS)
async def test_privileged_actions_are_allowed_for_an_organiser(
    app: web.Application,
    client: Client,
    organiser: str,
    method: str,
    path: str,
    fields: dict[str, str] | None,
) -> None:
    target = await registered(app, "Ada", "ada@example.org", "workshop-1")
    response = await act(client, method, path, fields, organiser, target.id)
    assert response.status in (200, 303), await response.text()


async def test_an_expired_link_no_longer_signs_in(app: web.Application) -> None:
    token = await expired_token(app)
    assert await app[IDENTITIES].resolve(token) is None


async def test_a_revoked_person_is_disconnected_at_once(
    server: TestServer, organiser_http: TestClient[Any, Any]
) -> None:
    app = server.app
    record, token = await staff(app, Role.MODERATOR, "Mo")
    person = await Participant(server, token, record.id, "Mo").connect()
    try:
        assert person.welcome["snapshot"]
        _, boss = await staff(app, Role.ORGANISER, "Olga")
        response = await organiser_http.post(
            "/organiser/revoke",
            data={"csrf": CSRF, "participant": record.id},
            headers=cookies(boss),
            allow_redirects=False,
        )
        assert response.status == 303
        gone = asyncio.Event()
        person.sio.on("disconnect", gone.set)
        if person.sio.connected:
            await asyncio.wait_for(gone.wait(), 3)
        assert not person.sio.connected
        again = socketio.AsyncClient(reconnection=False)
        refusals: list[Any] = []
        again.on("connect_error", refusals.append)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await again.connect(
                str(server.make_url("/")), auth={"token": token}, transports=["websocket"]
            )
        assert refusals[0]["data"]["code"] == "access.revoked"  # told, not "join again"
        assert person.events("venue.ended") == [{"reason": "revoked", "minutes": None}]
    finally:
        if person.sio.connected:
            await person.sio.disconnect()


@pytest.fixture
async def organiser_http(
    server: TestServer, aiohttp_client: Callable[..., Awaitable[TestClient[Any, Any]]]
) -> TestClient[Any, Any]:
    return await aiohttp_client(server, cookie_jar=aiohttp.DummyCookieJar())


# -- registered-only venues ---------------------------------------------------


@pytest.fixture
def registered_only(settings: Settings) -> Venue:
    seed = load_venue(settings.venue_dir)
    assert seed.event is not None
    return dataclasses.replace(seed, event=dataclasses.replace(seed.event, access="registered"))


async def test_a_registered_only_venue_refuses_guests_on_the_api_and_the_page(
    aiohttp_client: Callable[..., Awaitable[Client]], settings: Settings, registered_only: Venue
) -> None:
    client = await aiohttp_client(await create_app(settings, registered_only))
    joined = await client.post("/api/join", json={"name": "Guest"})
    assert joined.status == 403
    assert (await joined.json())["error"]["code"] == "join.registered_only"
    html = await (await client.get("/")).text()
    assert 'href="/register"' in html and "nur für Angemeldete" in html
    assert '<form id="join-form" class="join-form" novalidate hidden>' in html


async def test_an_open_venue_shows_the_guest_form(client: Client, app: web.Application) -> None:
    assert app[VENUE].event is not None and app[VENUE].event.access == "guests"
    html = await (await client.get("/")).text()
    assert '<form id="join-form" class="join-form" novalidate>' in html
    assert "nur für Angemeldete" not in html


async def test_personal_links_still_connect_to_a_registered_only_venue(
    aiohttp_server: Callable[..., Awaitable[TestServer]],
    settings: Settings,
    registered_only: Venue,
) -> None:
    server = await aiohttp_server(await create_app(settings, registered_only))
    record, token = await staff(server.app, Role.MODERATOR, "Mo")
    person = await Participant(server, token, record.id, "Mo").connect()
    try:
        assert person.welcome["venue"] == registered_only.id
    finally:
        await person.sio.disconnect()
