"""/metrics: Prometheus text format, live figures, and who may read it."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from tests.conftest import Participant, join_http, need_service
from venue.app import create_app
from venue.metrics import CONTENT_TYPE, Family, render
from venue.settings import Settings
from venue.web.keys import REALTIME

Client = TestClient[Any, Any]
Join = Callable[[str], Awaitable[Participant]]

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
SAMPLE = re.compile(rf"^({NAME})(?:\{{(.*)\}})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(?:,|$)')
SUFFIXES = {"counter": ("",), "gauge": ("",), "summary": ("_count", "_sum", "")}
UNESCAPE = {"\\\\": "\\", '\\"': '"', "\\n": "\n"}


@dataclass
class Parsed:
    kind: str
    help: str
    samples: dict[tuple[str, frozenset[tuple[str, str]]], float] = field(default_factory=dict)

    def value(self, suffix: str = "", **labels: str) -> float:
        return self.samples[(suffix, frozenset(labels.items()))]


def parse(text: str) -> dict[str, Parsed]:
    """A strict reader of the exposition format: fails on anything Prometheus would refuse."""
    assert text.endswith("\n")
    families: dict[str, Parsed] = {}
    helps: dict[str, str] = {}
    for line in text[:-1].split("\n"):
        if line.startswith("# HELP "):
            name, _, text_ = line[7:].partition(" ")
            assert re.fullmatch(NAME, name) and name not in helps, line
            helps[name] = text_
        elif line.startswith("# TYPE "):
            name, _, kind = line[7:].partition(" ")
            assert kind in SUFFIXES and name not in families and name in helps, line
            assert kind != "counter" or name.endswith("_total"), f"counter without _total: {name}"
            families[name] = Parsed(kind, helps[name])
        else:
            match = SAMPLE.match(line)
            assert match, f"not a sample: {line!r}"
            name, labels_text, value = match.groups()
            family_name, family = next(
                (f, families[f])
                for f in reversed(families)  # samples follow their own family's TYPE
                if name.startswith(f)
            )
            suffix = name[len(family_name) :]
            assert suffix in SUFFIXES[family.kind], line
            labels: list[tuple[str, str]] = []
            if labels_text:
                consumed = "".join(m.group(0) for m in LABEL.finditer(labels_text))
                assert consumed == labels_text, f"bad labels: {labels_text!r}"
                for m in LABEL.finditer(labels_text):
                    raw = re.sub(r'\\[\\"n]', lambda e: UNESCAPE[e.group(0)], m.group(2))
                    labels.append((m.group(1), raw))
            key = (suffix, frozenset(labels))
            assert key not in family.samples, f"duplicate sample: {line}"
            family.samples[key] = float(value)
    return families


async def scrape(server: TestServer, **headers: str) -> tuple[int, str, str]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(server.make_url("/metrics"), headers=headers) as response,
    ):
        return response.status, response.headers["Content-Type"], await response.text()


async def scrape_until(
    server: TestServer, condition: Callable[[dict[str, Parsed]], bool], within: float = 5.0
) -> dict[str, Parsed]:
    """Scrape until the figures satisfy `condition`, as a watching Prometheus would."""
    async with asyncio.timeout(within):
        while True:
            families = parse((await scrape(server))[2])
            if condition(families):
                return families
            await asyncio.sleep(0.05)


async def test_metrics_parse_and_count_a_connected_participant_per_space(
    server: TestServer, join: Join
) -> None:
    status, content_type, text = await scrape(server)
    assert status == 200 and content_type == CONTENT_TYPE
    before = parse(text)
    assert before["venue_connections"].value() == 0
    assert before["venue_participants"].value(space="lobby") == 0

    ann = await join("Ann")
    await ann.wait_for("venue.welcome")
    assert (await ann.call("space.enter", {"space": "plenary"}))["ok"] is True
    bob = await join("Bob")
    await bob.wait_for("venue.welcome")
    await bob.wait_for("space.tick")  # at least one tick has run and sent frames

    families = parse((await scrape(server))[2])
    assert families["venue_connections"].value() == 2
    participants = families["venue_participants"]
    assert participants.kind == "gauge"
    assert participants.value(space="lobby") == 1
    assert participants.value(space="plenary") == 1
    assert participants.value(space="bar") == 0
    ticks = families["venue_tick_duration_seconds"]
    assert ticks.kind == "summary" and ticks.value("_count") >= 1
    assert ticks.value("_sum") > 0 and families["venue_tick_duration_max_seconds"].value() > 0
    assert (
        ticks.value("_sum")
        <= ticks.value("_count") * families["venue_tick_duration_max_seconds"].value()
    )
    for name in ("venue_frames_sent_total", "venue_packets_sent_total", "venue_sent_bytes_total"):
        assert families[name].kind == "counter"
        assert families[name].value() > before[name].value(), name
    assert families["venue_sent_bytes_total"].value() > families["venue_packets_sent_total"].value()
    assert families["venue_transitions_total"].value() == 0
    assert families["process_cpu_seconds_total"].value() > 0
    assert families["process_resident_memory_bytes"].value() > 10 * 2**20
    assert "venue_cluster_nodes" not in families  # no Redis, no cluster
    assert "Ann" not in text and ann.id not in text  # nobody is named


async def test_cluster_figures_appear_when_the_process_is_in_a_cluster(
    server: TestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    cluster = SimpleNamespace(published=7, received=11, nodes={"a": 1.0, "b": 2.0})
    monkeypatch.setattr(server.app[REALTIME], "cluster", cluster, raising=False)
    families = parse((await scrape(server))[2])
    assert families["venue_cluster_nodes"].value() == 2
    assert families["venue_cluster_messages_published_total"].kind == "counter"
    assert families["venue_cluster_messages_published_total"].value() == 7
    assert families["venue_cluster_messages_received_total"].value() == 11


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
        families = await scrape_until(
            here, lambda f: f["venue_participants"].value(space="lobby") == 1
        )
    finally:
        await ann.sio.disconnect()
    assert families["venue_cluster_nodes"].value() == 1  # the other process
    assert families["venue_cluster_messages_published_total"].value() >= 1  # hello at least
    assert families["venue_cluster_messages_received_total"].value() >= 1  # Ann's frame
    # every process knows the whole venue, but counts only its own connections
    assert families["venue_participants"].value(space="lobby") == 1
    assert families["venue_connections"].value() == 0


def test_labels_and_help_are_escaped() -> None:
    odd = 'a "quoted" back\\slash\nnewline'
    text = render(
        [
            Family("x_total", "counter", "help with \\ and\nnewline").add(3),
            Family("y", "gauge", "y").add(0.25, space=odd).add(float("inf"), space="z"),
        ]
    )
    assert "# HELP x_total help with \\\\ and\\nnewline\n" in text
    assert 'y{space="a \\"quoted\\" back\\\\slash\\nnewline"} 0.25\n' in text
    assert 'y{space="z"} +Inf\n' in text
    assert parse(text)["y"].value(space=odd) == 0.25


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


async def test_a_metrics_token_lets_other_machines_in(
    make_client: Callable[..., Awaitable[Client]],
) -> None:
    client = await make_client(trust_forwarded=True, metrics_token="s3cret-token")
    remote = {"X-Forwarded-For": "203.0.113.7"}
    good = await client.get("/metrics", headers=remote | {"Authorization": "Bearer s3cret-token"})
    assert good.status == 200 and "venue_connections 0\n" in await good.text()
    for wrong in ("Bearer s3cret-tokeN", "Basic s3cret-token", "Bearer", ""):
        response = await client.get("/metrics", headers=remote | {"Authorization": wrong})
        assert response.status == 403, wrong
        assert (await response.json())["error"]["code"] == "metrics.forbidden"
    assert (await client.get("/metrics")).status == 200  # loopback needs no token
