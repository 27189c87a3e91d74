"""The inbound command table: each event name maps to its payload model and handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from venue.domain.events import Event
from venue.domain.permissions import Permission
from venue.domain.presence import Presence
from venue.realtime.broadcast import Broadcaster
from venue.realtime.connections import Connection, Connections
from venue.realtime.protocol import INBOUND_MODELS, Ack, Inbound, Model
from venue.store.db import Store

if TYPE_CHECKING:
    from venue.realtime.booths import Booths
    from venue.realtime.cluster import Cluster
    from venue.realtime.conductor import Conductor
    from venue.realtime.conversations import Conversations
    from venue.realtime.sessions import Sessions


@dataclass
class Context:
    """What a handler may use: the domain, connections, the broadcaster, the store, the clock.

    `conductor`, `sessions` and `conversations` are set right after construction (they need
    the context).
    """

    presence: Presence
    connections: Connections
    broadcaster: Broadcaster
    store: Store
    clock: Callable[[], float]
    conductor: Conductor = field(init=False)
    sessions: Sessions = field(init=False)
    booths: Booths = field(init=False)
    conversations: Conversations = field(init=False)
    cluster: Cluster | None = None  # the other processes serving the venue (Redis)

    def owns(self, person_id: str) -> bool:
        """Whether this process serves the person (always, when it is the only process)."""
        return self.cluster is None or self.cluster.owns(person_id)

    def leads(self) -> bool:
        """Whether this process keeps the records every process could write (one does)."""
        return self.cluster is None or self.cluster.leads()

    def alone(self) -> bool:
        return self.cluster is None or not self.cluster.nodes

    def booths_of(self, person_id: str) -> frozenset[str]:
        """The booths a present exhibitor staffs, wherever they are connected."""
        tabs = self.connections.of_person(person_id)
        if tabs:
            return tabs[0].actor.booths
        return self.cluster.booths.get(person_id, frozenset()) if self.cluster else frozenset()

    async def publish(self, events: list[Event]) -> None:
        await self.broadcaster.apply(events)

    async def refresh_visibility(self, person_id: str) -> None:
        """A person is away when every one of their tabs is hidden."""
        tabs = self.connections.of_person(person_id)
        hidden = bool(tabs) and all(tab.hidden for tab in tabs)
        if self.presence.get(person_id) is not None:
            await self.publish(self.presence.set_hidden(person_id, hidden))

    async def remember_place(self, person_id: str) -> None:
        person = self.presence.require(person_id)
        await self.store.participants.save_place(person.id, person.space, person.x, person.y)


# A handler gets the connection the event came on; `conn.person_id` is who acts.
Handler = Callable[[Context, Connection, Any], Awaitable[Ack]]


@dataclass(frozen=True)
class Command:
    event: Inbound
    model: type[Model]
    handler: Handler
    movement: bool
    permission: Permission


COMMANDS: dict[str, Command] = {}

OK = Ack(ok=True)


def command(
    event: Inbound,
    *,
    movement: bool = False,
    permission: Permission = Permission.ENTER_VENUE,
) -> Callable[[Handler], Handler]:
    """Register a handler; `movement` uses the faster rate limit, `permission` is checked first."""

    def register(handler: Handler) -> Handler:
        model = INBOUND_MODELS[event]
        COMMANDS[event.value] = Command(event, model, handler, movement, permission)
        return handler

    return register
