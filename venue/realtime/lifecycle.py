"""Connections coming and going: who they are, their rooms, what a new connection needs first.

The person behind a connection comes and goes through the live sessions; this module only
knows sockets: the token in `auth` or the cookie, the tab limit, rooms, and the first frames.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from typing import Any

import socketio

from venue.accounts.identity import COOKIE, Identities, actor_of
from venue.domain.errors import Code, DomainError
from venue.live import Live
from venue.live.sessions import REMOVED
from venue.protocol.base import ErrorCode, Notice
from venue.protocol.base import TransportCode as T
from venue.protocol.presence import TextOut, WelcomeOut
from venue.protocol.views import snapshot_of, space_list
from venue.realtime.broadcast import Broadcaster
from venue.realtime.connections import Connections
from venue.realtime.wire import Fanout, encode
from venue.settings import Settings


class Lifecycle:
    """The connect and disconnect handlers of the Socket.IO server."""

    def __init__(
        self,
        sio: socketio.AsyncServer,
        settings: Settings,
        identities: Identities,
        live: Live,
        connections: Connections,
        broadcaster: Broadcaster,
    ) -> None:
        self._fanout = Fanout(sio)
        self._settings = settings
        self._identities = identities
        self._live = live
        self._conns = connections
        self._broadcaster = broadcaster

    async def connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        if self._fanout.connected(sid):  # a client's own emit("connect", …), not a connection
            return
        token = auth.get("token") if isinstance(auth, dict) else None
        cookie = _cookie(environ)
        given = token if token is not None else cookie
        record = await self._identities.resolve(given)
        actor = actor_of(record)
        if record is None or actor is None:
            if await self._identities.revoked(given):
                raise _refused(Code.ACCESS_REVOKED, "The organisers revoked this link.")
            code = Code.AUTH_INVALID if token or cookie else Code.AUTH_REQUIRED
            raise _refused(code, "Join first.")
        sessions = self._live.sessions
        banned = sessions.banned(record.id)
        if banned is not None:
            why, minutes = banned
            if why == REMOVED:
                message = f"Removed by a moderator: back in {minutes} min."
                raise _refused(Code.ACCESS_REMOVED, message, minutes=minutes)
            raise _refused(T.RATE_LIMITED, "Too many events; wait a minute.")
        if self._conns.count(record.id) >= self._settings.max_tabs:
            raise _refused(T.CONNECTION_LIMIT, "Too many open tabs.")
        self._conns.add(sid, actor, self._live.clock.monotonic())
        await self._broadcaster.join(sid, record.id)  # before arriving: its frames are theirs
        try:
            person = await sessions.arrive(record, actor)
        except DomainError as exc:
            self._conns.remove(sid)
            raise _refused(exc.code, exc.message) from None
        await self._broadcaster.enter_space(sid, person.space)
        await self._refresh_visibility(record.id)
        for notice in self._first_frames(record.id):
            await self._fanout.to_sids(encode(notice), [sid])

    async def disconnect(self, sid: str, reason: Any = None) -> None:
        if self._fanout.connected(sid):  # a client's own emit("disconnect"), not a disconnect
            return
        conn = self._conns.remove(sid)
        if conn is None:
            return
        if self._conns.count(conn.person_id):
            await self._refresh_visibility(conn.person_id)
        else:
            self._live.sessions.left(conn.person_id)

    async def visibility(self, sid: str, visible: bool) -> None:
        """A tab came to the foreground or went to the background."""
        conn = self._conns.get(sid)
        if conn is not None:
            conn.hidden = not visible
            await self._refresh_visibility(conn.person_id)

    async def _refresh_visibility(self, person_id: str) -> None:
        """A person is away when every one of their tabs is hidden."""
        await self._live.movement.set_hidden(person_id, self._conns.all_hidden(person_id))

    def _first_frames(self, person_id: str) -> list[Notice]:
        """The venue, the programme, where one belongs, one's group, speed networking, a
        pending warning."""
        live = self._live
        frames: list[Notice] = [
            self._welcome(person_id),
            live.conductor.programme_out(),
            live.conductor.you_out(person_id),
            live.groups.group_now(person_id),
            live.calls.peers_now(person_id),
            live.networking.state_out(),
            live.networking.you_out(person_id),
        ]
        warning = live.conductor.pending_warning(person_id)
        if warning is not None:  # joined during the countdown: show it too
            frames.append(warning)
        return frames

    def _welcome(self, person_id: str) -> WelcomeOut:
        venue = self._live.presence.venue
        return WelcomeOut(
            venue=venue.id,
            title=TextOut(de=venue.title.de, en=venue.title.en),
            spaces=space_list(self._live.presence),
            snapshot=snapshot_of(self._live.presence, person_id),
            tick_hz=self._settings.tick_hz,
            time_zone=venue.event.timezone if venue.event else "UTC",
        )


def _refused(
    code: ErrorCode, message: str, **more: int
) -> socketio.exceptions.ConnectionRefusedError:
    """A refused connection; clients read `err.data.code` (socket.io-client) or `data["data"]`
    (`minutes` for access.removed: how long one is kept out)."""
    return socketio.exceptions.ConnectionRefusedError(
        message, {"code": str(code), "message": message, **more}
    )


def _cookie(environ: dict[str, Any]) -> str | None:
    raw = environ.get("HTTP_COOKIE")
    if not isinstance(raw, str) or not raw:
        return None
    try:
        morsel = SimpleCookie(raw).get(COOKIE)
    except CookieError:
        return None
    return morsel.value if morsel is not None else None
