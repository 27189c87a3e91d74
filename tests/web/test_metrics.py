"""/metrics: Prometheus text format, live figures, one registry per app, and who may read it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import Participant, join_http, need_service
from venue.app import create_app
from venue.settings import Settings
from venue.web.metrics import ClusterFigures, Figures, registry_for

Client = TestClient[Any, Any]
Join = Callable[[str], Awaitable[Participant]]
Labels = frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Scraped:
    """One scrape as Prometheus reads it: each sample's family type and value."""

    kinds: dict[str, str]  # sample name → type of its family
    values: dict[tuple[str, Labels], float]

    def __call__(self, name: str, **labels: str) -> float:
        return self.values[(name, frozenset(labels.items()))]

    def __contains__(self, name: str) -> bool:
        return name in self.kinds


def parse(text: str) -> Scraped:
    """Through prometheus-client's own parser, refusing a sample given twice."""
    kinds: dict[str, str] = {}
    values: dict[tuple[str, Labels], float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            key = (sample.name, frozenset(sample.labels.items()))
            assert key not in values, f"duplicate sample: {key}"
            kinds[sample.name] = family.type
            values[key] = sample.value
    return Scraped(kinds, values)


async def scrape(server: TestServer, **headers: str) -> tuple[int, str, str]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(server.make_url("/metrics"), headers=headers) as response,
    ):
        return response.status, response.headers["Content-Type"], await response.text()


async def scrape_until(
    server: TestServer, condition: Callable[[Scraped], bool], within: float = 5.0
) -> Scraped:
    """Scrape until the figures satisfy `condition`, as a watching Prometheus would."""
    async with asyncio.timeout(within):
        while True:
            scraped = parse((await scrape(server))[2])
            if condition(scraped):
                return scraped
            await asyncio.sleep(0.05)


async def test_metrics_parse_and_count_a_connected_participant_per_space(
    server: TestServer, join: Join
) -> None:
    status, content_type, text = await scrape(server)
    assert status == 200 and content_type == CONTENT_TYPE_LATEST
    before = parse(text)
    assert before("venue_connections") == 0
    assert before("venue_participants", space="lobby") == 0

    ann = await join("Ann")
    await ann.wait_for("venue.welcome")
    assert (await ann.call("space.enter", {"space": "plenary"}))["ok"] is True
    bob = await join("Bob")
    await bob.wait_for("venue.welcome")
    await bob.wait_for("space.tick")  # at least one tick has run and sent frames

    text = (await scrape(server))[2]
    now = parse(text)
    assert now("venue_connections") == 2
    assert now.kinds["venue_participants"] == "gauge"
    assert now("venue_participants", space="lobby") == 1
    assert now("venue_participants", space="plenary") == 1
    assert now("venue_participants", space="bar") == 0
    assert now.kinds["venue_tick_duration_seconds_count"] == "summary"
    ticks, tick_seconds = (
        now("venue_tick_duration_seconds_count"),
        now("venue_tick_duration_seconds_sum"),
    )
    longest = now("venue_tick_duration_max_seconds")
    assert ticks >= 1 and tick_seconds > 0 and longest > 0
    assert tick_seconds <= ticks * longest
    for name in ("venue_frames_sent_total", "venue_packets_sent_total", "venue_sent_bytes_total"):
        assert now.kinds[name] == "counter"
        assert now(name) > before(name), name
    assert now("venue_sent_bytes_total") > now("venue_packets_sent_total")
    # the tick frames went straight to both websockets, not through python-engineio's queues
    assert now.kinds["venue_packets_direct_total"] == "counter"
    assert 0 < now("venue_packets_direct_total") <= now("venue_packets_sent_total")
    assert now("venue_transitions_total") == 0
    assert now.kinds["venue_transition_people_moved_total"] == "counter"
    assert now("process_cpu_seconds_total") > 0
    assert now("process_resident_memory_bytes") > 10 * 2**20
    assert 0 < now("process_open_fds") < now("process_max_fds")
    assert "venue_cluster_nodes" not in now  # no Redis, no cluster
    assert "Ann" not in text and ann.id not in text  # nobody is named


QUIET = Figures(
    connections=0,
    participants={},
    ticks=0,
    tick_seconds=0.0,
    tick_max_seconds=0.0,
    frames_sent=0,
    packets_sent=0,
    bytes_sent=0,
    transitions=0,
    people_moved=0,
    malformed_frames=0,
    cluster=None,
)


def collected(figures: Figures) -> tuple[str, Scraped]:
    text = generate_latest(registry_for(lambda: figures)).decode()
    return text, parse(text)


def test_every_figure_reaches_its_metric() -> None:
    figures = Figures(
        connections=3,
        participants={"lobby": 2, "bar": 1},
        ticks=40,
        tick_seconds=0.5,
        tick_max_seconds=0.125,
        frames_sent=7,
        packets_sent=19,
        bytes_sent=2048,
        transitions=2,
        people_moved=5,
        malformed_frames=13,
        cluster=ClusterFigures(nodes=2, published=7, received=11),
    )
    _text, scraped = collected(figures)
    assert scraped("venue_connections") == 3
    assert scraped("venue_participants", space="lobby") == 2
    assert scraped("venue_participants", space="bar") == 1
    assert scraped("venue_tick_duration_seconds_count") == 40
    assert scraped("venue_tick_duration_seconds_sum") == 0.5
    assert scraped("venue_tick_duration_max_seconds") == 0.125
    assert scraped("venue_frames_sent_total") == 7
    assert scraped("venue_malformed_frames_total") == 13
    assert scraped("venue_packets_sent_total") == 19
    assert scraped("venue_sent_bytes_total") == 2048
    assert scraped("venue_transitions_total") == 2
    assert scraped("venue_transition_people_moved_total") == 5
    assert scraped("venue_cluster_nodes") == 2
    assert scraped.kinds["venue_cluster_messages_published_total"] == "counter"
    assert scraped("venue_cluster_messages_published_total") == 7
    assert scraped("venue_cluster_messages_received_total") == 11
    assert "venue_cluster_nodes" not in collected(QUIET)[1]


def test_an_odd_space_id_survives_the_exposition() -> None:
    odd = 'a "quoted" back\\slash\nnewline'
    text, scraped = collected(replace(QUIET, participants={odd: 4}))
    assert 'space="a \\"quoted\\" back\\\\slash\\nnewline"' in text
    assert scraped("venue_participants", space=odd) == 4


async def test_each_app_has_its_own_registry(
    aiohttp_server: Callable[..., Awaitable[TestServer]], settings: Settings, tmp_path: Path
) -> None:
    """Two apps in one process: each shows its own figures (a global registry would mix them)."""
    here = await aiohttp_server(await create_app(settings))
    there_settings = settings.model_copy(
        update={"database_url": f"sqlite+aiosqlite:///{tmp_path}/there.sqlite3"}
    )
    there = await aiohttp_server(await create_app(there_settings))
    body = await join_http(there, "Ann")
    ann = await Participant(there, body["token"], body["participant"]["id"], "Ann").connect()
    try:
        await ann.wait_for("venue.welcome")
        assert parse((await scrape(there))[2])("venue_connections") == 1
        assert parse((await scrape(here))[2])("venue_connections") == 0
    finally:
        await ann.sio.disconnect()


async def test_two_processes_show_their_cluster_and_the_shared_presence(
    aiohttp_server: Callable[..., Awaitable[TestServer]], settings: Settings, tmp_path: Path
) -> None:
    redis = need_service("VENUE_TEST_REDIS_URL", "Redis")
    shared = {"redis_url": redis, "redis_channel": f"venue-test:{uuid.uuid4().hex}"}
    here = await aiohttp_server(await create_app(settings.model_copy(update=shared)))
    there_settings = settings.model_copy(
        update=shared | {"database_url": f"sqlite+aiosqlite:///{tmp_path}/there.sqlite3"}
    )
    there = await aiohttp_server(await create_app(there_settings))
    body = await join_http(there, "Ann")
    ann = await Participant(there, body["token"], body["participant"]["id"], "Ann").connect()
    try:
        await ann.wait_for("venue.welcome")
        # the other process hears of Ann at her process's next tick
        scraped = await scrape_until(here, lambda s: s("venue_participants", space="lobby") == 1)
    finally:
        await ann.sio.disconnect()
    assert scraped("venue_cluster_nodes") == 1  # the other process
    assert scraped("venue_cluster_messages_published_total") >= 1  # hello at least
    assert scraped("venue_cluster_messages_received_total") >= 1  # Ann's frame
    # every process knows the whole venue, but counts only its own connections
    assert scraped("venue_participants", space="lobby") == 1
    assert scraped("venue_connections") == 0


@pytest.fixture
def make_client(
    aiohttp_client: Callable[..., Awaitable[Client]], settings: Settings
) -> Callable[..., Awaitable[Client]]:
    async def make(**changes: Any) -> Client:
        return await aiohttp_client(await create_app(settings.model_copy(update=changes)))

    return make


async def test_only_this_machine_may_read_metrics_by_default(
    make_client: Callable[..., Awaitable[Client]],
) -> None:
    local = await make_client()
    assert (await local.get("/metrics")).status == 200  # the test client is on loopback
    # behind a proxy whose headers are trusted, the real client is not
    proxied = await make_client(trust_forwarded=True)
    remote = await proxied.get("/metrics", headers={"X-Forwarded-For": "203.0.113.7"})
    assert remote.status == 403
    assert remote.content_type == "application/json"
    error = (await remote.json())["error"]
    assert error["code"] == "metrics.forbidden" and error["message"]
    loopback = await proxied.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"})
    assert loopback.status == 200


async def test_a_proxy_on_this_machine_does_not_make_everyone_local(
    make_client: Callable[..., Awaitable[Client]],
) -> None:
    client = await make_client()  # trust_forwarded off: the peer is the local proxy
    for header in ("X-Forwarded-For", "Forwarded"):
        response = await client.get("/metrics", headers={header: "for=198.51.100.1"})
        assert response.status == 403, header
        assert (await response.json())["error"]["code"] == "metrics.forbidden"


async def test_a_client_cannot_claim_loopback_through_a_trusted_proxy(
    make_client: Callable[..., Awaitable[Client]],
) -> None:
    client = await make_client(trust_forwarded=True)
    # a proxy that appends: the client's own claim comes first, the proxy's address last
    appended = await client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1, 203.0.113.7"})
    assert appended.status == 403
    # `Forwarded` is not applied, so its sender stays a proxy even on this machine
    rfc7239 = await client.get("/metrics", headers={"Forwarded": "for=127.0.0.1"})
    assert rfc7239.status == 403
    assert (await rfc7239.json())["error"]["code"] == "metrics.forbidden"


async def test_a_metrics_token_lets_other_machines_in(
    make_client: Callable[..., Awaitable[Client]],
) -> None:
    client = await make_client(trust_forwarded=True, metrics_token="s3cret-token")
    remote = {"X-Forwarded-For": "203.0.113.7"}
    good = await client.get("/metrics", headers=remote | {"Authorization": "Bearer s3cret-token"})
    assert good.status == 200 and parse(await good.text())("venue_connections") == 0
    for wrong in ("Bearer s3cret-tokeN", "Basic s3cret-token", "Bearer", ""):
        response = await client.get("/metrics", headers=remote | {"Authorization": wrong})
        assert response.status == 403, wrong
        assert (await response.json())["error"]["code"] == "metrics.forbidden"
    assert (await client.get("/metrics")).status == 200  # loopback needs no token
