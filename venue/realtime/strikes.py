"""Strikes: what misbehaving costs the sender, and how little of it reaches the log.

Malformed frames, unknown or reserved events and events past the rate limit each count one
strike. A connected person's strikes live in their limits (shared by their tabs, kept across
reconnects); a connection that has not connected venue's namespace yet is counted on its own.
Past `flood_strikes` the person is disconnected and banned, or the bare connection closed.
A connection's malformed frames are logged at most once per minute; /metrics counts them all.
"""

from __future__ import annotations

import logging

from venue.domain.limits import TokenBucket
from venue.live import Live
from venue.realtime.broadcast import Broadcaster
from venue.realtime.connections import Connection, Connections
from venue.realtime.wire import Guard
from venue.settings import Settings

log = logging.getLogger(__name__)

LOG_EVERY = 60.0  # seconds between two log lines about one connection's malformed frames
# and across connections (a client reconnecting in a loop): a line a second, bursts of 20
LOG_RATE, LOG_BURST = 1.0, 20.0


class Strikes:
    """Counts strikes on the connection that earned them, and acts past the limit."""

    def __init__(
        self,
        settings: Settings,
        live: Live,
        connections: Connections,
        broadcaster: Broadcaster,
        guard: Guard,
    ) -> None:
        self._settings = settings
        self._live = live
        self._conns = connections
        self._broadcaster = broadcaster
        self._guard = guard
        self._bare: dict[str, int] = {}  # Engine.IO sid → strikes, before connecting venue's
        self._logged: dict[str, float] = {}  # Engine.IO sid → when its frames were last logged
        self._lines = TokenBucket(LOG_RATE, LOG_BURST, stamp=live.clock.monotonic())
        self.malformed = 0  # every malformed frame since start, for /metrics

    async def malformed_frame(self, eio_sid: str, reason: str) -> None:
        """A frame the guard dropped: a strike on the connection that sent it."""
        self.malformed += 1
        now = self._live.clock.monotonic()
        sid = self._guard.sid_of(eio_sid)
        conn = None if sid is None else self._conns.get(sid)
        last = self._logged.get(eio_sid)
        if (last is None or now - last >= LOG_EVERY) and self._lines.take(now):
            self._logged[eio_sid] = now
            who = "a connection" if conn is None else conn.person_id
            log.warning("malformed frames from %s (%s): %s", who, eio_sid, reason)
        if conn is not None:
            await self.charge(conn)
            return
        strikes = self._bare[eio_sid] = self._bare.get(eio_sid, 0) + 1
        if strikes >= self._settings.flood_strikes:
            self.forget(eio_sid)
            await self._guard.close(eio_sid)

    async def charge(self, conn: Connection) -> None:
        """One strike on the person behind `conn`; past the limit they are out for a while."""
        conn.limits.strikes += 1
        if conn.limits.strikes >= self._settings.flood_strikes:
            seconds = self._settings.flood_ban_seconds
            log.warning("disconnecting %s for %ss: flooding", conn.person_id, seconds)
            conn.limits.strikes = 0
            self._live.sessions.ban(conn.person_id, seconds)
            await self._broadcaster.disconnect(conn.person_id)

    def forget(self, eio_sid: str) -> None:
        """A connection closed: nothing about it is kept."""
        self._bare.pop(eio_sid, None)
        self._logged.pop(eio_sid, None)
