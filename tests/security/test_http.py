"""The smaller holes of the issue over HTTP: sign-out, login CSRF, origins, broken bodies,
error pages, polling limits, cookies, readiness and the Server header."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import pytest
import socketio
from aiohttp.test_utils import TestClient, TestServer

from tests.conftest import Participant, join_http
from tests.security.raw import on_database
from tests.web.people import CSRF, cookies, staff
from venue.app import create_app
from venue.domain.people import Role
from venue.settings import Settings
from venue.web.keys import IDENTITIES, LIVE

Client = TestClient[Any, Any]
MakeClient = Callable[..., Awaitable[Client]]
EVIL = "http://evil.example"


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    return on_database(settings, database_url)


@pytest.fixture
async def client(aiohttp_client: MakeClient, settings: Settings) -> Client:
    return await aiohttp_client(await create_app(settings))


def _origin(client: Client) -> str:
    return str(client.make_url("/")).rstrip("/")


# -- signing out ---------------------------------------------------------------------------


async def test_signing_out_revokes_the_browsers_token(server: TestServer) -> None:
    body = await join_http(server, "Ann")
    token = body["token"]
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        left = await http.post(
            server.make_url("/api/leave"), headers={"Cookie": f"venue_token={token}"}
        )
        assert left.status == 200
    refusals: list[Any] = []
    again = Participant(server, token, body["participant"]["id"], "Ann")
    again.sio.on("connect_error", refusals.append)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await again.connect()
    assert refusals[0]["data"]["code"] == "auth.invalid"


async def test_signing_out_leaves_the_personal_link_working(client: Client) -> None:
    record, link = await staff(client.app, Role.MODERATOR, "Mo")
    opened = await client.get(f"/t/{link}", allow_redirects=False)
    session = opened.cookies["venue_token"].value
    assert opened.status == 303 and session != link  # the browser's own token
    assert (await client.post("/api/leave", headers={"Origin": _origin(client)})).status == 200
    assert (await client.app[IDENTITIES].resolve(session)) is None
    assert (await client.app[IDENTITIES].resolve(link)) == record


# -- login CSRF through /t/<token> ---------------------------------------------------------


async def test_a_link_does_not_silently_replace_another_persons_session(client: Client) -> None:
    _ann, ann_link = await staff(client.app, Role.PARTICIPANT, "Ann")
    _mallory, mallory_link = await staff(client.app, Role.PARTICIPANT, "Mallory")
    ann_session = (await client.get(f"/t/{ann_link}", allow_redirects=False)).cookies
    ann_cookie = ann_session["venue_token"].value
    jar = {"Cookie": f"venue_token={ann_cookie}; venue_csrf={CSRF}"}
    # a foreign page sends Ann's browser to Mallory's link
    asked = await client.get(f"/t/{mallory_link}", headers=jar, allow_redirects=False)
    assert asked.status == 200 and "venue_token" not in asked.cookies
    page = await asked.text()
    assert "Mallory" in page and "Ann" in page and 'method="post"' in page
    # or posts the confirmation itself: without the CSRF field, or from its own origin
    for headers, data in (
        (jar, {}),
        ({**jar, "Origin": EVIL}, {"csrf": CSRF}),
    ):
        forged = await client.post(f"/t/{mallory_link}", headers=headers, data=data)
        assert forged.status == 403 and "venue_token" not in forged.cookies
    # Ann herself confirms on the page
    confirmed = await client.post(
        f"/t/{mallory_link}",
        headers={**jar, "Origin": _origin(client)},
        data={"csrf": CSRF},
        allow_redirects=False,
    )
    assert confirmed.status == 303 and confirmed.cookies["venue_token"].value


# -- origins -------------------------------------------------------------------------------


async def test_the_socket_origin_check_ignores_forwarded_host_unless_trusted(
    server: TestServer,
) -> None:
    body = await join_http(server, "Victim")
    url = server.make_url("/socket.io/?EIO=4&transport=websocket")
    headers = {
        "Origin": EVIL,
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "http",
        "Cookie": f"venue_token={body['token']}",
    }
    async with aiohttp.ClientSession() as http:
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await http.ws_connect(url, headers=headers)


async def test_forms_from_another_origin_are_refused(client: Client) -> None:
    record, link = await staff(client.app, Role.PARTICIPANT, "Ann")
    session = (await client.get(f"/t/{link}", allow_redirects=False)).cookies["venue_token"]
    for path in ("/register", "/me/link", "/me/workshop", "/me/delete"):
        response = await client.post(
            path,
            headers={**cookies(session.value), "Origin": EVIL},
            data={"csrf": CSRF, "confirm": "yes", "workshop": "x"},
        )
        assert response.status == 403, path
    assert await client.app[IDENTITIES].resolve(link) == record  # /me/delete did nothing


# -- broken bodies and failures -------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", b"csrf=x&name=%ff%fe\xff"),
        ("multipart/form-data", b"--x\r\n"),
        ("multipart/form-data; boundary=x", b"garbage"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n\r\nv"),
    ],
)
async def test_an_unreadable_form_is_a_400_not_a_traceback(
    client: Client, content_type: str, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    response = await client.post(
        "/register",
        data=body,
        headers={"Content-Type": content_type, "Cookie": f"venue_csrf={CSRF}"},
    )
    assert response.status == 400
    assert "Traceback" not in await response.text()
    assert not [r for r in caplog.records if r.exc_info]


async def test_a_failure_is_a_500_with_the_security_headers(
    client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> dict[str, int]:
        raise RuntimeError("a bug with secrets in it")

    monkeypatch.setattr(client.app[LIVE].presence, "counts", broken)
    caplog.set_level(logging.ERROR)
    response = await client.get("/api/venue")
    assert response.status == 500
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    body = await response.json()
    assert body["error"]["code"] == "http.internal_server_error"
    assert "secrets" not in json.dumps(body)
    assert any("a bug with secrets" in str(r.exc_info) for r in caplog.records)


async def test_an_oversized_polling_post_is_refused_at_once(server: TestServer) -> None:
    """It used to hang for 20 s."""
    url = server.make_url("/socket.io/?EIO=4&transport=polling")
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as opened:
            sid = json.loads((await opened.text())[1:])["sid"]
        async with asyncio.timeout(5):
            big = io.BytesIO(b"4" + b"x" * 2_000_000)
            async with http.post(f"{url}&sid={sid}", data=big) as refused:
                assert refused.status == 413


# -- cookies, readiness, the Server header ----------------------------------------------------


async def test_the_csrf_cookie_is_secure_behind_https(
    aiohttp_client: MakeClient, settings: Settings
) -> None:
    trusted = settings.model_copy(update={"trust_forwarded": True})
    client = await aiohttp_client(await create_app(trusted))
    plain = await client.get("/register")
    assert not plain.cookies["venue_csrf"]["secure"]
    client.session.cookie_jar.clear()  # a new browser
    https = await client.get("/register", headers={"X-Forwarded-Proto": "https"})
    assert https.cookies["venue_csrf"]["secure"]


async def test_the_server_header_names_no_versions(client: Client) -> None:
    for path in ("/", "/api/venue", "/static/js/protocol.js", "/nowhere"):
        response = await client.get(path)
        assert response.headers["Server"] == "venue", path
