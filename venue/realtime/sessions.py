"""Connections coming and going: who they are, arriving in presence, a grace period on leaving."""

from __future__ import annotations

import asyncio
import logging
from http.cookies import CookieError, SimpleCookie
from typing import Any

import socketio

from venue.domain.errors import DomainError
from venue.domain.events import Event
from venue.domain.permissions import Actor
from venue.identity import COOKIE, Identities, actor_of
from venue.realtime import programme_views
from venue.realtime.commands import Context
from venue.realtime.connections import Connections
from venue.realtime.protocol import ErrorCode, Outbound, TextOut, WelcomeOut
from venue.realtime.views import snapshot_of, space_list
from venue.settings import Settings

log = logging.getLogger(__name__)
NAMESPACE = "/"


class Sessions:
    """The connect and disconnect handlers, and removing people on purpose (expel)."""

    def __init__(
        self,
        sio: socketio.AsyncServer,
        settings: Settings,
        identities: Identities,
        context: Context,
    ) -> None:
        self._sio = sio
        self._settings = settings
        self._identities = identities
        self._ctx = context
        self._departures: dict[str, asyncio.TimerHandle] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def _conns(self) -> Connections:
        return self._ctx.connections

    def _genuine(self, sid: str) -> bool:
        """Whether the server itself raised connect/disconnect for `sid`.

        python-socketio also delivers a client's own `emit("connect", …)` to these handlers;
        the manager tells them apart: during a real (dis)connect the sid is not connected.
        """
        return not self._sio.manager.is_connected(sid, NAMESPACE)

    async def connect(self, sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        if not self._genuine(sid):
            return
        token = auth.get("token") if isinstance(auth, dict) else None
        cookie = _cookie(environ)
        record = await self._identities.resolve(token if token is not None else cookie)
        if record is None:
            code = ErrorCode.AUTH_INVALID if token or cookie else ErrorCode.AUTH_REQUIRED
            raise _refused(code, "Join first.")
        now = self._ctx.clock()
        if self._conns.banned(record.id, now):
            raise _refused(ErrorCode.RATE_LIMITED, "Too many events; wait a minute.")
        if self._conns.count(record.id) >= self._settings.max_tabs:
            raise _refused(ErrorCode.CONNECTION_LIMIT, "Too many open tabs.")
        self._cancel_departure(record.id)
        actor = actor_of(record)
        if actor is None:  # unreachable: record is not None
            raise _refused(ErrorCode.AUTH_INVALID, "Join first.")
        cluster = self._ctx.cluster
        if cluster is not None and await cluster.claim(record.id, actor.booths):
            # present through another process (gone, or a tab there): keep their place
            self._ctx.conductor.note(record)
            await self._joined(sid, actor, record.id, now, [])
            return
        space = self._ctx.conductor.arrival_space(record)
        place = None
        if space == record.last_space and record.last_x is not None and record.last_y is not None:
            place = (record.last_x, record.last_y)
        try:
            events = self._ctx.presence.arrive(
                record.id, record.name, record.role, now, space, place
            )
        except DomainError as exc:
            raise _refused(exc.code, exc.message) from None
        await self._joined(sid, actor, record.id, now, events)

    async def _joined(
        self, sid: str, actor: Actor, person_id: str, now: float, events: list[Event]
    ) -> None:
        """Rooms, the arrival for the others, then what the new connection needs to start."""
        self._conns.add(sid, actor, now)
        me = self._ctx.presence.require(person_id)
        await self._ctx.broadcaster.join_connection(sid, person_id, me.space)
        await self._ctx.publish(events)
        await self._ctx.refresh_visibility(person_id)
        send = self._ctx.broadcaster.send
        await send(Outbound.WELCOME, self._welcome(person_id), sid)
        await send(Outbound.PROGRAMME, programme_views.programme_out(self._ctx.conductor), sid)
        await send(Outbound.YOU, programme_views.you_out(self._ctx.conductor, person_id), sid)
        await send(Outbound.GROUP_UPDATE, self._ctx.conversations.group_now(person_id), sid)
        warning = programme_views.pending_warning(self._ctx.conductor, person_id)
        if warning is not None:  # joined during the countdown: show it too
            await send(Outbound.WARNING, warning, sid)

    async def disconnect(self, sid: str, reason: Any = None) -> None:
        if not self._genuine(sid):
            return
        conn = self._conns.remove(sid)
        if conn is None:
            return
        if self._conns.of_person(conn.person_id):
            await self._ctx.refresh_visibility(conn.person_id)
            return
        # A reload reconnects within the grace period: the person never leaves the others' view.
        self._departures[conn.person_id] = asyncio.get_running_loop().call_later(
            self._settings.disconnect_grace, self._spawn_departure, conn.person_id
        )

    async def drop(self, person_id: str) -> None:
        """Disconnect every tab of a person (flooding, link revoked, registration deleted)."""
        for conn in self._conns.of_person(person_id):
            await self._ctx.broadcaster.disconnect(conn.sid)

    async def expel(self, person_id: str, ban_seconds: float = 0.0) -> None:
        """Take a person out of the venue at once, without a grace period, and keep them out
        for `ban_seconds`; the process serving them does it."""
        if ban_seconds:
            self._conns.ban(person_id, self._ctx.clock() + ban_seconds)
        cluster = self._ctx.cluster
        if cluster is not None and not cluster.owns(person_id):
            await cluster.post("expel", p=person_id, ban=ban_seconds)
            return
        await self.drop(person_id)
        self._cancel_departure(person_id)
        await self._ctx.publish(self._ctx.presence.depart(person_id))

    async def expelled(self, body: dict[str, Any]) -> None:
        """Another process removed someone: ban them here too, and expel them if served here."""
        person_id, ban_seconds = body["p"], float(body["ban"])
        if ban_seconds:
            self._conns.ban(person_id, self._ctx.clock() + ban_seconds)
        if self._ctx.owns(person_id):
            await self.expel(person_id)

    async def release(self, person_id: str) -> None:
        """Another process now serves this person: close their tabs here, without a departure."""
        self._cancel_departure(person_id)
        await self.drop(person_id)

    async def close(self) -> None:
        """Disconnect everyone (shutdown) and remember where each person was."""
        for handle in self._departures.values():
            handle.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)  # departures being saved
        for sid, _ in list(self._sio.manager.get_participants(NAMESPACE, None)):
            await self._sio.disconnect(sid)
        for person in self._ctx.presence.people():
            if not self._ctx.owns(person.id):
                continue  # served by another process, which remembers their place
            await self._ctx.store.participants.save_place(
                person.id, person.space, person.x, person.y
            )

    def _cancel_departure(self, person_id: str) -> None:
        pending = self._departures.pop(person_id, None)
        if pending is not None:
            pending.cancel()

    def _spawn_departure(self, person_id: str) -> None:
        task = asyncio.create_task(self._depart(person_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _depart(self, person_id: str) -> None:
        self._departures.pop(person_id, None)
        person = self._ctx.presence.get(person_id)
        if self._conns.of_person(person_id) or person is None or not self._ctx.owns(person_id):
            return
        # leave first, then save: a reconnect during the write finds the person gone and
        # arrives afresh, instead of being removed after it arrived
        await self._ctx.publish(self._ctx.presence.depart(person_id))
        await self._ctx.store.participants.save_place(person.id, person.space, person.x, person.y)

    def _welcome(self, person_id: str) -> WelcomeOut:
        venue = self._ctx.presence.venue
        return WelcomeOut(
            venue=venue.id,
            title=TextOut(de=venue.title.de, en=venue.title.en),
            spaces=space_list(self._ctx.presence),
            snapshot=snapshot_of(self._ctx.presence, person_id),
            tick_hz=self._settings.tick_hz,
            time_zone=venue.event.timezone if venue.event else "UTC",
        )


def _refused(code: str, message: str) -> socketio.exceptions.ConnectionRefusedError:
    """A refused connection; clients read `err.data.code` (socket.io-client) or `data["data"]`."""
    return socketio.exceptions.ConnectionRefusedError(
        message, {"code": str(code), "message": message}
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
