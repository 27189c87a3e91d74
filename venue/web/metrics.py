"""/metrics: this process's live figures for Prometheus, and who may read them.

Every figure is a counter the running venue already keeps; a collector reads them when
Prometheus scrapes, so nothing is counted twice. Each app has its own registry (tests build
several apps in one process; the global default registry would mix them). Nothing here
names a person.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.metrics_core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    Metric,
    SummaryMetricFamily,
)
from prometheus_client.process_collector import ProcessCollector

from venue.web.keys import SETTINGS
from venue.web.refusals import json_error

REGISTRY = web.AppKey("metrics_registry", CollectorRegistry)

# Headers through which a proxy names the client. Read only with VENUE_TRUST_FORWARDED, and
# then only X-Forwarded-*: a `Forwarded` header is never applied (nginx.conf clears it).
FORWARDING = ("X-Forwarded-For", "Forwarded")
APPLIED_WHEN_TRUSTED = frozenset({"X-Forwarded-For"})


@dataclass(frozen=True, slots=True)
class ClusterFigures:
    """What this process exchanged with the other processes of its venue over Redis."""

    nodes: int
    published: int
    received: int


@dataclass(frozen=True, slots=True)
class Figures:
    """The running venue's counters at one moment."""

    connections: int
    participants: Mapping[str, int]  # space id → people present
    ticks: int
    tick_seconds: float
    tick_max_seconds: float
    frames_sent: int
    packets_sent: int
    bytes_sent: int
    transitions: int
    people_moved: int
    malformed_frames: int
    cluster: ClusterFigures | None  # None: a single process (no VENUE_REDIS_URL)
    places_unsaved: int = 0  # people whose place changed since it was last saved
    call_links: int = 0  # peer connections the calls hold now (each link counted once)
    call_signals: int = 0  # call signals relayed from this process's people
    packets_direct: int = 0  # of packets_sent, written straight to websockets (no queue)


class VenueCollector:
    """A prometheus-client collector that turns `Figures` into metric families when scraped."""

    def __init__(self, read: Callable[[], Figures]) -> None:
        self._read = read

    def collect(self) -> Iterator[Metric]:
        figures = self._read()
        yield GaugeMetricFamily(
            "venue_connections",
            "Socket.IO connections open to this process.",
            value=figures.connections,
        )
        participants = GaugeMetricFamily(
            "venue_participants",
            "People present per space, as this process knows them.",
            labels=["space"],
        )
        for space, count in sorted(figures.participants.items()):
            participants.add_metric([space], count)
        yield participants
        yield SummaryMetricFamily(
            "venue_tick_duration_seconds",
            "Time one presence tick took.",
            count_value=figures.ticks,
            sum_value=figures.tick_seconds,
        )
        yield GaugeMetricFamily(
            "venue_tick_duration_max_seconds",
            "Longest presence tick since the process started.",
            value=figures.tick_max_seconds,
        )
        yield GaugeMetricFamily(
            "venue_places_unsaved",
            "People whose place changed since it was last saved (saved about once a second).",
            value=figures.places_unsaved,
        )
        yield from (
            CounterMetricFamily(name, help, value=value)
            for name, help, value in (
                (
                    "venue_frames_sent_total",
                    "Frames built and encoded (each once, for any number of recipients).",
                    figures.frames_sent,
                ),
                (
                    "venue_packets_sent_total",
                    "Socket.IO packets sent to recipients (queued or written directly).",
                    figures.packets_sent,
                ),
                (
                    "venue_packets_direct_total",
                    "Of those, packets written straight to the websocket, not queued (issue 14).",
                    figures.packets_direct,
                ),
                (
                    "venue_sent_bytes_total",
                    "Bytes of those packets (before compression).",
                    figures.bytes_sent,
                ),
                (
                    "venue_transitions_total",
                    "Programme blocks this process began (moving people).",
                    figures.transitions,
                ),
                (
                    "venue_transition_people_moved_total",
                    "People moved by programme transitions of this process.",
                    figures.people_moved,
                ),
                (
                    "venue_malformed_frames_total",
                    "Frames dropped as malformed (each a strike on the connection that sent it).",
                    figures.malformed_frames,
                ),
                (
                    "venue_call_signals_total",
                    "Call signals (offers, answers, candidates) relayed for this process's people.",
                    figures.call_signals,
                ),
            )
        )
        yield GaugeMetricFamily(
            "venue_call_links",
            "Peer connections (audio/video links between two people) the calls hold now.",
            value=figures.call_links,
        )
        if figures.cluster is not None:
            yield from _cluster(figures.cluster)


def _cluster(cluster: ClusterFigures) -> Iterator[Metric]:
    yield GaugeMetricFamily(
        "venue_cluster_nodes",
        "Other processes of this venue heard from over Redis lately.",
        value=cluster.nodes,
    )
    yield CounterMetricFamily(
        "venue_cluster_messages_published_total",
        "Messages this process published to the other processes.",
        value=cluster.published,
    )
    yield CounterMetricFamily(
        "venue_cluster_messages_received_total",
        "Messages this process received from the other processes.",
        value=cluster.received,
    )


def registry_for(read: Callable[[], Figures]) -> CollectorRegistry:
    """A registry of its own: the venue's figures and the process's CPU, memory and fds."""
    registry = CollectorRegistry()
    registry.register(VenueCollector(read))
    ProcessCollector(registry=registry)
    return registry


def setup(app: web.Application, read: Callable[[], Figures]) -> None:
    """Serve /metrics from a registry of this app's own; `read` gives the figures now."""
    app[REGISTRY] = registry_for(read)
    app.router.add_get("/metrics", metrics)


async def metrics(request: web.Request) -> web.Response:
    """Prometheus metrics of this process: loopback clients, or anyone with the token."""
    refusal = _refusal(request)
    if refusal is not None:
        return json_error(403, "metrics.forbidden", refusal)
    body = generate_latest(request.app[REGISTRY])
    headers = {"Content-Type": CONTENT_TYPE_LATEST, "Cache-Control": "no-store"}
    return web.Response(body=body, headers=headers)


def _refusal(request: web.Request) -> str | None:
    """Why this request may not read /metrics, or None when it may."""
    settings = request.app[SETTINGS]
    token = settings.metrics_token
    if token:
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.encode(), token.encode()):
            return None
    # A header naming a client that venue did not apply means the peer is a proxy: on the
    # same machine it would look like loopback and let the whole Internet in.
    applied = APPLIED_WHEN_TRUSTED if settings.trust_forwarded else frozenset()
    proxied = any(h in request.headers for h in FORWARDING if h not in applied)
    if _is_loopback(request.remote) and not proxied:
        return None
    if token:
        return "Send the metrics token as Authorization: Bearer."
    return "Metrics are served to this machine only (or set VENUE_METRICS_TOKEN)."


def _is_loopback(remote: str | None) -> bool:
    try:
        address = ipaddress.ip_address(remote or "")
    except ValueError:  # a Unix socket, or nothing
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback
