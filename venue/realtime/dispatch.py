"""One dispatcher for every client event: limits, permission, payload validation, handler, ack."""

from __future__ import annotations

import json
import logging
from typing import Any

from pydantic import ValidationError

from venue.domain.errors import DomainError
from venue.domain.permissions import allowed
from venue.realtime.commands import COMMANDS, Command, Context
from venue.realtime.connections import Connection
from venue.realtime.protocol import MAX_PAYLOAD_BYTES, Ack, ErrorCode, ErrorOut, MoveOut
from venue.realtime.sessions import Sessions
from venue.settings import Settings

log = logging.getLogger(__name__)


def refusal(code: ErrorCode | str, message: str, position: MoveOut | None = None) -> dict[str, Any]:
    ack = Ack(ok=False, error=ErrorOut(code=ErrorCode(code), message=message), position=position)
    return ack.model_dump(mode="json", exclude_none=True)


class Dispatcher:
    """The Socket.IO catch-all handler; the answer is the event's ack."""

    def __init__(self, settings: Settings, context: Context, sessions: Sessions) -> None:
        self._settings = settings
        self._ctx = context
        self._sessions = sessions

    async def dispatch(self, event: Any, sid: str, *args: Any) -> dict[str, Any]:
        conn = self._ctx.connections.get(sid)
        if conn is None:
            return refusal(ErrorCode.AUTH_REQUIRED, "Not connected.")
        cmd = COMMANDS.get(event) if isinstance(event, str) else None
        if cmd is None:
            await self._strike(conn)
            return refusal(ErrorCode.EVENT_UNKNOWN, f"Unknown event {str(event)[:64]!r}.")
        limits = conn.limits
        if not (limits.moves if cmd.movement else limits.events).take(self._ctx.clock()):
            await self._strike(conn)
            return refusal(ErrorCode.RATE_LIMITED, "Too many events; slow down.")
        limits.strikes = max(0, limits.strikes - 1)
        if not allowed(conn.actor, cmd.permission):
            return refusal(ErrorCode.AUTH_FORBIDDEN, "You may not do that.")
        return await self._run(cmd, conn, args)

    async def _run(self, cmd: Command, conn: Connection, args: tuple[Any, ...]) -> dict[str, Any]:
        if len(args) != 1:
            return refusal(ErrorCode.PAYLOAD_INVALID, "Send exactly one payload object.")
        try:
            # UTF-8 bytes, so that a limit in characters means the same in every script
            size = len(json.dumps(args[0], separators=(",", ":"), ensure_ascii=False).encode())
        except (TypeError, ValueError):  # binary attachments and the like
            return refusal(ErrorCode.PAYLOAD_INVALID, "Payloads are JSON objects.")
        if size > MAX_PAYLOAD_BYTES:
            return refusal(
                ErrorCode.PAYLOAD_TOO_LARGE, f"Payloads are at most {MAX_PAYLOAD_BYTES} bytes."
            )
        try:
            payload = cmd.model.model_validate(args[0])
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "payload"
            return refusal(ErrorCode.PAYLOAD_INVALID, f"{where}: {first['msg']}")
        try:
            ack = await cmd.handler(self._ctx, conn, payload)
        except DomainError as exc:
            return refusal(exc.code, exc.message, self._position(conn.person_id))
        return ack.model_dump(mode="json", exclude_none=True)

    def _position(self, person_id: str) -> MoveOut | None:
        person = self._ctx.presence.get(person_id)
        return None if person is None else MoveOut(id=person.id, x=person.x, y=person.y)

    async def _strike(self, conn: Connection) -> None:
        conn.limits.strikes += 1
        if conn.limits.strikes >= self._settings.flood_strikes:
            log.warning(
                "disconnecting %s for %ss: flooding",
                conn.person_id,
                self._settings.flood_ban_seconds,
            )
            conn.limits.strikes = 0
            self._ctx.connections.ban(
                conn.person_id, self._ctx.clock() + self._settings.flood_ban_seconds
            )
            await self._sessions.drop(conn.person_id)
