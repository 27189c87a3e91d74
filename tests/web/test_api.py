"""The JSON API and its refusals."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from tests.conftest import need_service
from tests.services import Gate
from venue.app import create_app
from venue.settings import Settings
from venue.web.keys import STORE

Client = TestClient[Any, Any]


@pytest.fixture
async def client(aiohttp_client: Callable[..., Awaitable[Client]], settings: Settings) -> Client:
    return await aiohttp_client(await create_app(settings))


async def test_join_sets_an_httponly_cookie_and_returns_the_participant(client: Client) -> None:
    response = await client.post("/api/join", json={"name": "  Leonie  Liemich "})
    assert response.status == 200
    body = await response.json()
    assert body["participant"]["name"] == "Leonie Liemich"
    assert body["participant"]["role"] == "participant"
    cookie = response.cookies["venue_token"]
    assert cookie.value == body["token"] and cookie["httponly"]
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"json": {"name": ""}}, 400, "name.invalid"),
        ({"json": {"name": "x" * 41}}, 400, "name.invalid"),
        ({"json": {"name": "evil\u0000"}}, 400, "name.invalid"),
        ({"json": {"name": 7}}, 400, "payload.invalid"),
        ({"json": ["Ann"]}, 400, "payload.invalid"),
        (
            {"data": "name=Ann", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
            415,
            "payload.invalid",
        ),
        (
            {"data": "{not json", "headers": {"Content-Type": "application/json"}},
            400,
            "payload.invalid",
        ),
        ({"json": {"name": "A" * 5000}}, 413, "payload.too_large"),
        (
            {"json": {"name": "Ann"}, "headers": {"Origin": "https://evil.example"}},
            403,
            "http.cross_origin",
        ),
    ],
)
async def test_bad_joins_get_specific_json_errors(
    client: Client, kwargs: dict[str, Any], status: int, code: str
) -> None:
    response = await client.post("/api/join", **kwargs)
    assert response.status == status
    assert (await response.json())["error"]["code"] == code


async def test_joining_is_rate_limited_per_address(client: Client) -> None:
    statuses = [(await client.post("/api/join", json={"name": f"P{i}"})).status for i in range(25)]
    assert statuses[:20] == [200] * 20
    assert 429 in statuses[20:]


async def test_venue_lists_spaces_with_live_counts(client: Client) -> None:
    await client.post("/api/join", json={"name": "Ann"})
    body = await (await client.get("/api/venue")).json()
    assert body["venue"] == "lausitz-2021"
    assert body["title"]["de"].startswith("3. Bündnistreffen")
    kinds = {s["id"]: s["kind"] for s in body["spaces"]}
    assert kinds == {
        "lobby": "lobby",
        "plenary": "plenary",
        "workshop-1": "workshop",
        "workshop-2": "workshop",
        "exhibition": "exhibition",
        "bar": "bar",
    }
    assert all(s["count"] == 0 for s in body["spaces"])  # joined over HTTP, not yet connected


async def test_maps_come_with_embedded_tilesets_and_image_urls(client: Client) -> None:
    data = await (await client.get("/maps/exhibition.json")).json()
    tileset = data["tilesets"][0]
    assert "source" not in tileset and tileset["firstgid"] == 1
    image = await client.get(tileset["image"])
    assert image.status == 200 and image.content_type == "image/png"
    missing = await client.get("/maps/attic.json")
    assert missing.status == 404 and (await missing.json())["error"]["code"] == "space.unknown"


async def test_unknown_api_paths_answer_json(client: Client) -> None:
    response = await client.get("/api/nothing")
    assert response.status == 404
    assert (await response.json())["error"]["code"] == "http.not_found"


async def test_healthz_is_ready_with_the_database_and_without_redis(client: Client) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"ok": True, "database": "ok", "redis": "off"}


async def test_healthz_checks_redis_when_configured(
    aiohttp_client: Callable[..., Awaitable[Client]], settings: Settings
) -> None:
    url = need_service("VENUE_TEST_REDIS_URL", "Redis")
    app = await create_app(settings.model_copy(update={"redis_url": url}))
    response = await (await aiohttp_client(app)).get("/healthz")
    assert response.status == 200
    assert await response.json() == {"ok": True, "database": "ok", "redis": "ok"}


@pytest.fixture
async def gate() -> AsyncIterator[Gate]:
    gate = await Gate(need_service("VENUE_TEST_REDIS_URL", "Redis")).open()
    yield gate
    await gate.shut()


async def test_healthz_is_503_with_the_reason_when_redis_goes_away(
    aiohttp_client: Callable[..., Awaitable[Client]],
    settings: Settings,
    gate: Gate,
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = await aiohttp_client(
        await create_app(settings.model_copy(update={"redis_url": gate.url}))
    )
    assert (await client.get("/healthz")).status == 200
    await gate.shut()
    response = await client.get("/healthz")
    assert response.status == 503
    body = await response.json()
    assert body["ok"] is False and body["database"] == "ok"
    assert body["redis"] == "unavailable", body  # the details name hosts: the log's only
    assert any(
        "not ready: redis" in r.getMessage() and str(gate.port) in r.getMessage()
        for r in caplog.records
    )
    live = await client.get("/healthz/live")  # liveness asks no dependency
    assert live.status == 200 and await live.json() == {"ok": True}


async def test_healthz_is_503_when_the_database_fails_and_keeps_the_error_to_the_log(
    client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken() -> None:
        raise OSError("password authentication failed for user venue at db.internal:5432")

    monkeypatch.setattr(client.app[STORE], "ping", broken)
    response = await client.get("/healthz")
    assert response.status == 503
    assert await response.json() == {"ok": False, "database": "unavailable", "redis": "off"}
    assert any("db.internal" in r.getMessage() for r in caplog.records)


async def test_leave_clears_the_cookie(client: Client) -> None:
    await client.post("/api/join", json={"name": "Ann"})
    response = await client.post("/api/leave")
    assert response.status == 200
    assert response.cookies["venue_token"].value == ""


def test_server_fixture_is_real(server: TestServer) -> None:
    assert server.port
