"""The inbound command table: `@handles` registers a typed handler for its payload's event.

A handler's payload annotation names its `Request` model, and so the event; its return
annotation must be the model's ack (or None). Registration fails at import when the two
disagree, and mypy checks the body against the annotation.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar, get_type_hints

from venue.domain.permissions import Permission
from venue.live import Live
from venue.protocol.base import Model, Request
from venue.realtime.broadcast import Broadcaster
from venue.realtime.connections import Connection, Connections


@dataclass(frozen=True)
class Scope:
    """What a handler may use, built once: the live venue, the connections and their rooms."""

    live: Live
    broadcaster: Broadcaster
    connections: Connections


P = TypeVar("P", bound=Request)
R = TypeVar("R", bound=Model | None)
Handler = Callable[[Scope, Connection, P], Awaitable[R]]


@dataclass(frozen=True)
class Command:
    model: type[Request]
    handler: Handler[Any, Any]
    movement: bool  # the faster rate limit of walking
    permission: Permission
    signalling: bool = False  # the bursty rate limit of call signals (ICE candidates)


COMMANDS: dict[str, Command] = {}  # by event name


def handles(
    *,
    movement: bool = False,
    signalling: bool = False,
    permission: Permission = Permission.ENTER_VENUE,
) -> Callable[[Handler[P, R]], Handler[P, R]]:
    """Register a handler; `movement` and `signalling` use their own rate limits,
    `permission` is checked first."""

    def register(handler: Handler[P, R]) -> Handler[P, R]:
        hints = get_type_hints(handler)
        model = hints["payload"]
        if not (isinstance(model, type) and issubclass(model, Request) and "event" in vars(model)):
            raise TypeError(f"{handler.__qualname__}: its payload must be a Request of an event")
        returns = hints["return"]
        expected = type(None) if model.ack is None else model.ack
        if returns is not expected:
            raise TypeError(
                f"{handler.__qualname__} returns {returns!r}, but {model.event} acks {expected!r}"
            )
        if model.event in COMMANDS:
            raise TypeError(f"{model.event} has two handlers")
        COMMANDS[model.event] = Command(model, handler, movement, permission, signalling)
        return handler

    return register
