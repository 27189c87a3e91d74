"""The python-socketio adapter: wires the server, sessions, dispatcher and the tick loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import socketio
from aiohttp import web

from venue.clock import Clock
from venue.domain.groups import GroupRules
from venue.domain.presence import Presence
from venue.identity import Identities
from venue.realtime import handlers  # noqa: F401  (registers the commands)
from venue.realtime.booths import Booths
from venue.realtime.broadcast import Broadcaster
from venue.realtime.cluster import Cluster
from venue.realtime.commands import Context
from venue.realtime.conductor import Conductor
from venue.realtime.connections import Connections
from venue.realtime.console import MODERATORS, console_of
from venue.realtime.conversations import Conversations
from venue.realtime.dispatch import Dispatcher
from venue.realtime.protocol import AnnouncementOut, Outbound
from venue.realtime.sessions import Sessions
from venue.realtime.ticker import run_ticker
from venue.settings import Settings
from venue.store.db import Store

PROGRAMME_HZ = 4  # programme clock checks per real second (rehearsals run fast)
CONSOLE_EVERY = 4  # programme ticks between console updates
REGROUP_EVERY = 3  # presence ticks between group computations (about 3 per second)


class Realtime:
    """Owns the Socket.IO server and the live presence of one venue."""

    def __init__(
        self,
        settings: Settings,
        presence: Presence,
        store: Store,
        identities: Identities,
        clock: Clock,
    ) -> None:
        self.settings = settings
        self.presence = presence
        self.sio = socketio.AsyncServer(
            async_mode="aiohttp",
            # None: only the venue's own origin may open a connection (cross-site hijacking)
            cors_allowed_origins=settings.allowed_origins or None,
            max_http_buffer_size=16 * 1024,
            logger=False,
            engineio_logger=False,
        )
        self.connections = Connections(settings.moves_per_second, settings.events_per_second)
        self.broadcaster = Broadcaster(self.sio, presence, self.connections)
        self.context = Context(presence, self.connections, self.broadcaster, store, self._now)
        self.conductor = Conductor(presence.venue, self.context, clock)
        self.sessions = Sessions(self.sio, settings, identities, self.context)
        self.context.conductor = self.conductor
        self.context.sessions = self.sessions
        self.booths = Booths(presence.venue, self.context)
        self.context.booths = self.booths
        self.broadcaster.observers.append(self.booths.observe)
        self.conversations = Conversations(
            self.context, GroupRules(settings.group_distance, settings.group_size)
        )
        self.context.conversations = self.conversations
        self.cluster = self._cluster() if settings.redis_url else None
        self._console_due = 0
        self._regroup: set[str] = set()  # spaces with movement since groups were last computed
        self._regroup_due = 0
        # presence tick durations in seconds, for /metrics (cumulative, as a Prometheus summary)
        self.tick_count = 0
        self.tick_seconds = 0.0
        self.tick_max_seconds = 0.0
        self.sio.on("connect", self.sessions.connect)
        self.sio.on("disconnect", self.sessions.disconnect)
        self.sio.on("*", Dispatcher(settings, self.context, self.sessions).dispatch)

    def _cluster(self) -> Cluster:
        """Join the other processes of this venue: replicate presence, carry out commands."""
        venue = self.presence.venue
        channel = self.settings.redis_channel or f"venue:{venue.id}"
        cluster = Cluster(
            self.settings.redis_url,
            channel,
            self.presence,
            self.settings.disconnect_grace,
            self.context.booths_of,
        )
        cluster.replayed = self.broadcaster.replay
        self.broadcaster.cluster = self.context.cluster = cluster
        sessions, conductor, conversations = self.sessions, self.conductor, self.conversations

        async def call(_sender: str, body: dict[str, Any]) -> None:
            await conductor.call_here(body["to"], body["source"], body["actor"])

        async def announce(_sender: str, body: dict[str, Any]) -> None:
            await conductor.announced(AnnouncementOut.model_validate(body["note"]))

        async def programme(_sender: str, _body: dict[str, Any]) -> None:
            await conductor.reload()

        async def mute(_sender: str, body: dict[str, Any]) -> None:
            (conversations.muted.add if body["m"] else conversations.muted.discard)(body["p"])

        async def expel(_sender: str, body: dict[str, Any]) -> None:
            await sessions.expelled(body)

        async def release(_sender: str, body: dict[str, Any]) -> None:
            await sessions.release(body["p"])

        async def relayed(_sender: str, body: dict[str, Any]) -> None:
            await self.broadcaster.deliver_relayed(body)

        for kind, handler in (
            ("call", call),
            ("announce", announce),
            ("programme", programme),
            ("mute", mute),
            ("expel", expel),
            ("release", release),
            ("room", relayed),
            ("people", relayed),
        ):
            cluster.on(kind, handler)
        return cluster

    def attach(self, app: web.Application) -> None:
        self.sio.attach(app)
        app.cleanup_ctx.append(self._ticking)
        app.on_shutdown.append(self._shutdown)

    async def expel(self, person_id: str) -> None:
        await self.sessions.expel(person_id)

    @staticmethod
    def _now() -> float:
        return asyncio.get_running_loop().time()

    async def _ticking(self, _app: web.Application) -> AsyncIterator[None]:
        await self.conductor.load()
        await self.booths.load()
        await self.conversations.load()
        if self.cluster is not None:
            await self.cluster.start()
        tasks = [
            asyncio.create_task(run_ticker(self.settings.tick_hz, self._tick)),
            asyncio.create_task(run_ticker(PROGRAMME_HZ, self._conduct)),
            asyncio.create_task(run_ticker(self.settings.tick_hz, self.booths.flush)),
        ]
        yield
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self.cluster is not None:
            await self.cluster.close()

    async def _tick(self) -> None:
        """Movement frames every tick; groups of the spaces that changed every few ticks.

        Conversations form at walking pace: regrouping a busy space on every tick cost a
        fifth of the server's CPU per delivered update (200 walkers) for nothing one can see.
        """
        started = time.perf_counter()
        try:
            await self._tick_once()
        finally:
            took = time.perf_counter() - started
            self.tick_count += 1
            self.tick_seconds += took
            self.tick_max_seconds = max(self.tick_max_seconds, took)

    async def _tick_once(self) -> None:
        self._regroup.update(await self.broadcaster.flush())
        if self.cluster is not None:
            await self.cluster.flush()
        self._regroup_due -= 1
        if self._regroup_due <= 0 and self._regroup:
            self._regroup_due = REGROUP_EVERY
            spaces, self._regroup = self._regroup, set()
            await self.conversations.regroup(spaces)

    async def _conduct(self) -> None:
        """The programme's tick, and the moderators' console a few times a second."""
        await self.conductor.tick()
        self._console_due -= 1
        if self._console_due <= 0:
            self._console_due = CONSOLE_EVERY
            if any(True for _ in self.sio.manager.get_participants("/", MODERATORS)):
                await self.broadcaster.send(
                    Outbound.CONSOLE, await console_of(self.conductor), MODERATORS
                )

    async def _shutdown(self, _app: web.Application) -> None:
        """Disconnect everyone first, or closing waits for ping timeouts (GUIDE §8)."""
        await self.sessions.close()
        await self.booths.close()
        await self.sio.shutdown()
