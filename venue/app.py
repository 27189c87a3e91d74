"""create_app(settings): the one place where venue is wired together."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.typedefs import Middleware
from aiohttp_remotes import XForwardedRelaxed

from venue.accounts.identity import Identities
from venue.clock import Clock, utcnow
from venue.cluster import Cluster
from venue.cluster.commands import carrying_out
from venue.domain.limits import KeyedLimiter
from venue.domain.presence import Presence
from venue.domain.venue import Venue
from venue.live import Live
from venue.live.ports import Ownership, SingleProcess
from venue.mail.mailer import Mailer
from venue.realtime.server import Realtime
from venue.settings import Settings
from venue.store.db import Store
from venue.venuefile.loader import load_venue
from venue.web import (
    api,
    attendance,
    booths,
    certificates,
    contacts,
    keys,
    maps,
    metrics,
    moderator,
    organiser,
    pages,
    personal,
    programme,
    registration,
)
from venue.web.languages import remember_language
from venue.web.offload import Offload
from venue.web.security import security_middleware, server_header

log = logging.getLogger(__name__)

JOINS_PER_MINUTE = 20
REGISTRATIONS_PER_MINUTE = 10


async def create_app(
    settings: Settings, venue: Venue | None = None, clock: Clock | None = None
) -> web.Application:
    """Build the application; raises VenueInvalid for a broken venue folder.

    `clock` replaces the programme clock the settings describe (tests drive it by hand).
    """
    venue = venue or load_venue(settings.venue_dir)
    app = web.Application(middlewares=_middlewares(settings), client_max_size=64 * 1024)
    app.on_response_prepare.append(server_header)
    app[keys.SETTINGS] = settings
    app[keys.VENUE] = venue
    app[keys.JOIN_LIMITER] = KeyedLimiter(JOINS_PER_MINUTE / 60, JOINS_PER_MINUTE)
    app[keys.REGISTER_LIMITER] = KeyedLimiter(
        REGISTRATIONS_PER_MINUTE / 60, REGISTRATIONS_PER_MINUTE
    )
    app[keys.MAILER] = Mailer(settings)
    app[keys.OFFLOAD] = Offload()
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.PackageLoader("venue", "templates"),
        autoescape=jinja2.select_autoescape(default=True),
    )
    app.add_routes(pages.routes)
    app.add_routes(api.routes)
    app.add_routes(maps.routes)
    app.add_routes(registration.routes)
    app.add_routes(personal.routes)
    app.add_routes(contacts.routes)
    app.add_routes(organiser.routes)
    app.add_routes(moderator.routes)
    app.add_routes(programme.routes)
    app.add_routes(attendance.routes)
    app.add_routes(certificates.routes)
    booths.setup(app)
    modules = settings.node_modules_dir
    app.router.add_static("/static", settings.static_dir)
    app.router.add_static("/vendor/phaser", modules / "phaser" / "dist")
    app.router.add_static("/vendor/socket.io", modules / "socket.io-client" / "dist")
    app.router.add_static("/vendor/chart.js", modules / "chart.js" / "dist")

    # The database is opened last, so that nothing above can fail with it left open.
    store = await Store.open(settings.database_url)
    await store.registrations.sync_capacities({w.id: w.capacity for w in venue.workshops()})
    ends = venue.event.ends_at if venue.event else utcnow()
    identities = Identities(settings.secret(), venue.id, store, ends, settings.token_days)
    presence = Presence(venue)
    cluster = _cluster(settings, presence) if settings.redis_url else None
    ownership: Ownership = cluster or SingleProcess()
    realtime = Realtime(settings, presence, ownership)
    clock = clock or programme_clock(settings, venue)
    live = Live.build(settings, presence, store, clock, realtime.broadcaster, ownership)
    app[keys.STORE] = store
    app[keys.IDENTITIES] = identities
    app[keys.LIVE] = live
    app[keys.REDIS_PROBE] = _redis_probe(cluster)
    # cleanup contexts unwind in reverse: the store closes after the tick loops have stopped
    app.cleanup_ctx.append(_closing(store, app[keys.OFFLOAD]))
    app.cleanup_ctx.append(_running(live, cluster, realtime))
    realtime.serve(app, live, identities, cluster.flush if cluster else None)
    metrics.setup(app, lambda: _figures(realtime, live, cluster))
    return app


def _redis_probe(cluster: Cluster | None) -> Callable[[], Awaitable[str | None]]:
    """Readiness of the Redis link the processes share presence over ("off": no cluster)."""

    async def probe() -> str | None:
        if cluster is None:
            return "off"
        await cluster.ready()
        return None

    return probe


def _figures(realtime: Realtime, live: Live, cluster: Cluster | None) -> metrics.Figures:
    """Where the running venue keeps the counters /metrics shows."""
    sent = realtime.broadcaster
    return metrics.Figures(
        connections=len(realtime.connections),
        participants=live.presence.counts(),
        ticks=realtime.tick_count,
        tick_seconds=realtime.tick_seconds,
        tick_max_seconds=realtime.tick_max_seconds,
        frames_sent=sent.frames_sent,
        packets_sent=sent.packets_sent,
        packets_direct=realtime.direct.written,
        bytes_sent=sent.bytes_sent,
        transitions=live.conductor.transitions,
        people_moved=live.conductor.people_moved,
        malformed_frames=realtime.strikes.malformed,
        places_unsaved=live.movement.unsaved,
        call_links=live.calls.links(),
        call_signals=live.calls.signals,
        cluster=None
        if cluster is None
        else metrics.ClusterFigures(len(cluster.nodes), cluster.published, cluster.received),
    )


def _cluster(settings: Settings, presence: Presence) -> Cluster:
    if not settings.secret_key:
        # each machine generates a key of its own: a link or cookie signed by one process
        # is refused by the others, and people bounce between "invalid link" and the venue
        log.warning(
            "VENUE_REDIS_URL is set but VENUE_SECRET_KEY is not: every process must sign "
            "with the same key; set VENUE_SECRET_KEY (or share %s) for all of them",
            settings.secret_file,
        )
    channel = settings.redis_channel or f"venue:{presence.venue.id}"
    return Cluster(settings.redis_url, channel, presence, settings.disconnect_grace)


def _running(
    live: Live, cluster: Cluster | None, realtime: Realtime
) -> Callable[[web.Application], AsyncIterator[None]]:
    """What the store remembers of today, then the other processes (if any)."""

    async def run(_app: web.Application) -> AsyncIterator[None]:
        await live.load()
        if cluster is not None:
            relayed = realtime.broadcaster.relayed
            carry_out = carrying_out(live, relayed)
            await cluster.start(live.movement.replay, carry_out, live.sessions.release)
        yield
        if cluster is not None:
            await cluster.close()

    return run


def _middlewares(settings: Settings) -> list[Middleware]:
    """Security headers outermost, so that a refused forwarded header gets them too."""
    if not settings.trust_forwarded:
        return [security_middleware, remember_language]
    # The last value of each X-Forwarded-* header: the one the proxy in front of venue wrote,
    # whatever a client sent before it (docs/operations.md, "Forwarded headers").
    return [security_middleware, XForwardedRelaxed().middleware, remember_language]


def programme_clock(settings: Settings, venue: Venue) -> Clock:
    """Real time, or the rehearsal clock (`--clock`, naive times in the event's zone)."""
    start = settings.clock
    if start is not None and start.tzinfo is None and venue.event is not None:
        start = start.replace(tzinfo=venue.event.zone)
    since = settings.clock_since
    if start is not None and since is not None:  # the time it has run since then
        since = since if since.tzinfo else since.replace(tzinfo=dt.UTC)
        start += (utcnow() - since) * settings.speed
    return Clock(start, settings.speed)


def _closing(store: Store, offload: Offload) -> Callable[[web.Application], AsyncIterator[None]]:
    async def close_store(_app: web.Application) -> AsyncIterator[None]:
        yield
        offload.close()
        await store.close()

    return close_store
