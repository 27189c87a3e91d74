"""The python-socketio adapter: the server, its connections, the dispatcher and the tick loops."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import socketio
from aiohttp import web

from venue.accounts.identity import Identities
from venue.domain.presence import Presence
from venue.live import Live
from venue.live.ports import Ownership
from venue.realtime import handlers  # noqa: F401  (registers the commands)
from venue.realtime.broadcast import Broadcaster
from venue.realtime.commands import Scope
from venue.realtime.connections import Connections
from venue.realtime.direct import Compression, Direct
from venue.realtime.dispatch import Dispatcher
from venue.realtime.lifecycle import Lifecycle
from venue.realtime.strikes import Strikes
from venue.realtime.ticker import run_ticker
from venue.realtime.wire import Guard
from venue.settings import Settings

PROGRAMME_HZ = 4  # programme clock checks per real second (rehearsals run fast)
CONSOLE_EVERY = 4  # programme ticks between console updates
REGROUP_EVERY = 3  # presence ticks between group computations (about 3 per second)
PLACES_HZ = 1  # where people stand is saved this often (what a crash may lose of walking)
LEDGER_HZ = 1 / 15  # attendance batches per real second (what a crash may lose of the ledger)
STAGE_HZ = 4  # a stage that changed (votes, upvotes, hands) is sent this often at most


class Realtime:
    """The Socket.IO server of one venue and what it sends each tick."""

    def __init__(self, settings: Settings, presence: Presence, ownership: Ownership) -> None:
        self.settings = settings
        self.sio = socketio.AsyncServer(
            async_mode="aiohttp",
            # None: only the venue's own origin may open a connection (cross-site hijacking)
            cors_allowed_origins=settings.allowed_origins or None,
            max_http_buffer_size=16 * 1024,
            logger=False,
            engineio_logger=False,
        )
        self.connections = Connections(settings.moves_per_second, settings.events_per_second)
        # before the guard wraps python-engineio's websockets (`serve`), which subclasses this
        self.direct = Direct(Compression(settings.ws_compression))
        self.direct.install(self.sio.eio)
        self.broadcaster = Broadcaster(self.sio, presence, self.connections, ownership, self.direct)
        self._console_due = 0
        self._regroup: set[str] = set()  # spaces with movement since groups were last computed
        self._regroup_due = 0
        # presence tick durations in seconds, for /metrics (cumulative, as a Prometheus summary)
        self.tick_count = 0
        self.tick_seconds = 0.0
        self.tick_max_seconds = 0.0

    def serve(
        self,
        app: web.Application,
        live: Live,
        identities: Identities,
        each_tick: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Handle connections and events for `live`, and run its ticks while `app` runs;
        `each_tick` runs after every presence tick (the cluster publishes then)."""
        scope = Scope(live, self.broadcaster, self.connections)
        lifecycle = Lifecycle(
            self.sio, self.settings, identities, live, self.connections, self.broadcaster
        )
        self.sio.on("connect", lifecycle.connect)
        self.sio.on("disconnect", lifecycle.disconnect)
        guard = Guard(self.sio)
        self.strikes = Strikes(self.settings, live, self.connections, self.broadcaster, guard)
        guard.install(self.strikes.malformed_frame, self.strikes.forget)
        self.sio.on("*", Dispatcher(scope, self.connections, self.strikes).dispatch)
        self.sio.attach(app)

        async def ticking(_app: web.Application) -> AsyncIterator[None]:
            tasks = [
                asyncio.create_task(run_ticker(self.settings.tick_hz, tick)),
                asyncio.create_task(run_ticker(PROGRAMME_HZ, conduct)),
                asyncio.create_task(run_ticker(self.settings.tick_hz, live.booths.flush)),
                asyncio.create_task(run_ticker(STAGE_HZ, live.stage.flush)),
                asyncio.create_task(run_ticker(PLACES_HZ, live.movement.save_places)),
                asyncio.create_task(run_ticker(LEDGER_HZ, live.attendance.flush)),
            ]
            yield
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        async def tick() -> None:
            started = time.perf_counter()
            try:
                await self._tick_once(live, each_tick)
            finally:
                took = time.perf_counter() - started
                self.tick_count += 1
                self.tick_seconds += took
                self.tick_max_seconds = max(self.tick_max_seconds, took)

        async def conduct() -> None:
            """The programme's tick (and speed networking's), and the moderators' console a
            few times a second.

            Attendance looks at presence first: a transition on this tick moves people
            after the time up to now went to where they were."""
            live.attendance.tick()
            await live.conductor.tick()
            await live.feedback.tick()
            await live.networking.tick()
            self._console_due -= 1
            if self._console_due <= 0:
                self._console_due = CONSOLE_EVERY
                await live.console.push()

        async def shutdown(_app: web.Application) -> None:
            """Disconnect everyone first, or closing waits for ping timeouts (GUIDE §8)."""
            for sid, _eio_sid in list(self.sio.manager.get_participants("/", None)):
                await self.sio.disconnect(sid)
            await live.close()
            await self.sio.shutdown()

        app.cleanup_ctx.append(ticking)
        app.on_shutdown.append(shutdown)

    async def _tick_once(self, live: Live, each_tick: Callable[[], Awaitable[None]] | None) -> None:
        """Movement frames every tick; groups of the spaces that changed every few ticks.

        Conversations form at walking pace: regrouping a busy space on every tick cost a
        fifth of the server's CPU per delivered update (200 walkers) for nothing one can see.
        """
        self._regroup.update(await self.broadcaster.flush())
        if each_tick is not None:
            await each_tick()
        self._regroup_due -= 1
        if self._regroup_due <= 0:
            self._regroup_due = REGROUP_EVERY
            spaces, self._regroup = self._regroup, set()
            await live.groups.regroup(spaces)
            # calls follow groups, but also booth conversations and statuses: plan every time
            await live.calls.update()
