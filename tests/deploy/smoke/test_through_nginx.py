"""A browser and clients through nginx: two processes, one venue, and what nginx keeps out."""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from typing import Any

import aiohttp
from yarl import URL

from tests.deploy.smoke.conftest import Deployment, Open, Visitor

SPOOFED = "203.0.113.77"  # TEST-NET-3: an address a client claims, never a real one


async def test_metrics_is_not_served_through_nginx(deployment: Deployment) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{deployment.url}/metrics") as through:
            assert through.status == 404
        for app in deployment.apps:  # each process serves it to Prometheus on its machine
            async with http.get(f"{app}/metrics") as direct:
                assert direct.status == 200
                assert "venue_connections" in await direct.text()


async def test_a_forwarded_for_sent_by_a_client_never_reaches_the_app(
    deployment: Deployment,
) -> None:
    async with aiohttp.ClientSession() as http:
        # the app refuses a malformed X-Forwarded-For: through nginx it never sees the client's
        malformed = {"X-Forwarded-For": "not-an-address"}
        async with http.get(f"{deployment.apps[0]}/api/venue", headers=malformed) as direct:
            assert direct.status == 400
        async with http.get(f"{deployment.url}/api/venue", headers=malformed) as through:
            assert through.status == 200
        probe = f"/forwarded-probe-{uuid.uuid4().hex}"
        spoofed = {"X-Forwarded-For": SPOOFED, "Forwarded": f"for={SPOOFED}"}
        async with http.get(f"{deployment.url}{probe}", headers=spoofed) as response:
            assert response.status == 404
    app = deployment.apps.index(await deployment.upstream_of(probe))
    line = await deployment.app_line(app, probe)
    assert re.search(rf'INFO aiohttp\.access: 127\.0\.0\.1 "GET {probe}" 404', line), line
    assert all(SPOOFED not in deployment.app_log(i) for i in range(len(deployment.apps)))


def on_other_processes(counts: tuple[int, ...]) -> bool:
    return sorted(counts) == [0] * (len(counts) - 2) + [1, 1]


async def test_two_people_on_two_processes_see_each_other_and_stay_put_across_reloads(
    deployment: Deployment, open_person: Open
) -> None:
    anna = await open_person("Anna")
    alone = await deployment.until_connections(lambda counts: sum(counts) == 1)
    annas = alone.index(1)
    # the balancer hashes the token cookie: new people until one lands on the other process
    for attempt in range(12):
        bernd = await open_person(f"Bernd {attempt}")
        counts = await deployment.until_connections(lambda counts: sum(counts) == 2)
        if on_other_processes(counts):
            break
        await bernd.context.close()
        await deployment.until_connections(lambda counts: sum(counts) == 1)
    else:
        raise AssertionError("12 people in a row landed on Anna's process")

    # the browser talks over a WebSocket, upgraded through nginx
    assert any("/socket.io/" in url and "transport=websocket" in url for url in anna.sockets)

    # Bernd (other process) sees Anna walk: her moves reach him over Redis
    welcome = await bernd.until("venue.welcome", lambda _: True)
    annas_id = await person_id(bernd, welcome, "Anna")
    start = next(p for p in welcome["snapshot"]["people"] if p["id"] == annas_id)
    await anna.page.locator("#map").focus()
    await anna.page.keyboard.down("ArrowRight")
    await bernd.until("space.tick", lambda f: moved(f, annas_id, start["x"]))
    await anna.page.keyboard.up("ArrowRight")

    # reloads: Anna's page, her HTTP requests and a long-polling client stay on her process
    cookie = next(c["value"] for c in await anna.context.cookies() if c["name"] == "venue_token")
    for reload in range(3):
        await anna.page.reload()
        await anna.page.wait_for_selector("#space-list li")
        counts = await deployment.until_connections(on_other_processes)
        assert counts[annas] == 1, counts
        probe = f"/sticky-probe-{uuid.uuid4().hex}"
        assert (await anna.context.request.get(f"{deployment.url}{probe}")).status == 404
        assert await deployment.upstream_of(probe) == deployment.apps[annas], reload
    # nginx logs an upgraded request when its WebSocket closes: Anna's first, at her reload
    assert re.search(r'"GET /socket\.io/" 101 ', deployment.access_log())
    assert len(anna.sockets) == 4
    await polls_through_nginx(deployment, cookie)
    assert anna.errors == [] and bernd.errors == [], anna.errors + bernd.errors


async def person_id(viewer: Visitor, welcome: dict[str, Any], name: str) -> str:
    """Someone's id as `viewer` learnt it: in the welcome, or as they arrived."""
    for person in welcome["snapshot"]["people"]:
        if person["name"] == name:
            return str(person["id"])
    arrival = await viewer.until(
        "space.tick", lambda f: any(p["name"] == name for p in f.get("arrived", []))
    )
    return str(next(p["id"] for p in arrival["arrived"] if p["name"] == name))


def moved(frame: dict[str, Any], who: str, from_x: int) -> bool:
    return any(m["id"] == who and m["x"] > from_x for m in frame.get("moves", []))


async def polls_through_nginx(deployment: Deployment, cookie: str) -> None:
    """Engine.IO long-polling by hand: every request must reach the process holding the session.

    Without sticky sessions each request after the first has an even chance of reaching the
    other process, which answers 400 "Invalid session".
    """
    jar = aiohttp.CookieJar(unsafe=True)  # the cookie on every request, as a browser sends it
    jar.update_cookies({"venue_token": cookie}, URL(deployment.url))
    polling = f"{deployment.url}/socket.io/?EIO=4&transport=polling"
    async with aiohttp.ClientSession(cookie_jar=jar) as http, asyncio.timeout(20):
        async with http.get(polling) as opened:
            assert opened.status == 200
            session = f"{polling}&sid={json.loads((await opened.text())[1:])['sid']}"

        async def send(packet: str) -> None:
            async with http.post(session, data=packet) as sent:
                assert sent.status == 200, await sent.text()

        async def receive_until(marker: str) -> None:
            received = ""
            while marker not in received:
                async with http.get(session) as polled:
                    assert polled.status == 200, await polled.text()
                    received += await polled.text()

        await send("40")  # join the namespace; the token cookie signs in
        await receive_until('"venue.welcome"')
        for ack in range(3):
            await send(f'42{ack}["presence.locate",{{"query":"Bernd"}}]')
            await receive_until(f'43{ack}[{{"ok":true')
        await send("1")  # Engine.IO close
