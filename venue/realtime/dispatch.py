"""One dispatcher for every client event: limits, permission, payload validation, handler, ack."""

from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import ValidationError

from venue.domain.errors import Code, DomainError
from venue.domain.permissions import allowed
from venue.protocol.base import Ack, ErrorCode, ErrorOut, Model, MoveOut
from venue.protocol.base import TransportCode as T
from venue.realtime.commands import COMMANDS, Command, Scope
from venue.realtime.connections import Connection, Connections
from venue.realtime.strikes import Strikes

log = logging.getLogger(__name__)

Answer = dict[str, Any]


def refusal(code: ErrorCode, message: str, position: MoveOut | None = None) -> Answer:
    ack = Ack(ok=False, error=ErrorOut(code=code, message=message), position=position)
    return ack.model_dump(mode="json", exclude_none=True)


def success(data: Model | None) -> Answer:
    if data is None:
        return {"ok": True}
    return {"ok": True, "data": data.model_dump(mode="json")}


class Dispatcher:
    """The Socket.IO catch-all handler; the answer is the event's ack."""

    def __init__(self, scope: Scope, connections: Connections, strikes: Strikes) -> None:
        self._scope = scope
        self._conns = connections
        self._strikes = strikes

    async def dispatch(self, event: Any, sid: str, *args: Any) -> Answer:
        conn = self._conns.get(sid)
        if conn is None:
            return refusal(Code.AUTH_REQUIRED, "Not connected.")
        cmd = COMMANDS.get(event) if isinstance(event, str) else None
        if cmd is None:
            await self._strikes.charge(conn)
            return refusal(T.EVENT_UNKNOWN, f"Unknown event {str(event)[:64]!r}.")
        limits = conn.limits
        now = self._scope.live.clock.monotonic()
        if not limits.bucket(cmd.movement, cmd.signalling).take(now):
            await self._strikes.charge(conn)
            return refusal(T.RATE_LIMITED, "Too many events; slow down.")
        limits.strikes = max(0, limits.strikes - 1)
        if not allowed(conn.actor, cmd.permission):
            return refusal(Code.AUTH_FORBIDDEN, "You may not do that.")
        return await self._run(cmd, conn, args)

    async def _run(self, cmd: Command, conn: Connection, args: tuple[Any, ...]) -> Answer:
        if len(args) != 1:
            return refusal(T.PAYLOAD_INVALID, "Send exactly one payload object.")
        try:
            # UTF-8 bytes, so that a limit in characters means the same in every script
            size = len(json.dumps(args[0], separators=(",", ":"), ensure_ascii=False).encode())
        except (TypeError, ValueError):  # binary attachments and the like
            return refusal(T.PAYLOAD_INVALID, "Payloads are JSON objects.")
        limit = cmd.model.max_bytes
        if size > limit:
            return refusal(T.PAYLOAD_TOO_LARGE, f"Payloads are at most {limit} bytes.")
        try:
            payload = cmd.model.model_validate(args[0])
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "payload"
            return refusal(T.PAYLOAD_INVALID, f"{where}: {first['msg']}")
        try:
            return success(await cmd.handler(self._scope, conn, payload))
        except DomainError as exc:
            return refusal(exc.code, exc.message, self._position(conn.person_id))
        except Exception:  # a bug: say so at once rather than let the client time out
            log.exception("%s failed for %s", cmd.model.event, conn.person_id)
            return refusal(T.INTERNAL, "The server failed; nothing was changed. Try again.")

    def _position(self, person_id: str) -> MoveOut | None:
        person = self._scope.live.presence.get(person_id)
        return None if person is None else MoveOut(id=person.id, x=person.x, y=person.y)
