"""What the live venue needs from outside: a way to reach people, and the other processes.

The live services decide; these ports carry the decisions out. The Socket.IO broadcaster
implements `Publisher`; `SingleProcess` and the Redis cluster implement `Ownership`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from venue.domain.events import Event
from venue.protocol.base import Notice
from venue.protocol.peers import PeerMessage


class Publisher(Protocol):
    """Reaches the people connected to this process."""

    async def presence(self, events: Sequence[Event], snapshots: bool = True) -> None:
        """Presence changed: rooms now, frames at the next tick, a snapshot for whoever
        changed space (unless `snapshots` is False: the caller sends them in bulk)."""

    async def snapshots(self, person_ids: Sequence[str]) -> None:
        """Each of these people gets the snapshot of the space they are in now."""

    async def to_everyone(self, notice: Notice, relay: bool = False) -> None:
        """To every connection; `relay` also to the other processes' (what one decided)."""

    async def to_space(self, space: str, notice: Notice, relay: bool = False) -> None: ...

    async def to_people(
        self, person_ids: Iterable[str], notice: Notice, relay: bool = False
    ) -> None: ...

    async def to_moderators(self, notice: Notice) -> None:
        """To every open moderator console (each process serves its own)."""

    def moderators_watching(self) -> bool: ...

    def connected(self, person_id: str) -> bool:
        """Whether the person has a connection (a tab) here."""

    async def disconnect(self, person_id: str) -> None:
        """Close every connection of a person here."""


class Ownership(Protocol):
    """Which process serves whom, and word to the others."""

    def owns(self, person_id: str) -> bool:
        """Whether this process serves the person: checks their moves, routes and stores them."""

    def leads(self) -> bool:
        """Whether this process keeps the records that every process could write (one does)."""

    def alone(self) -> bool:
        """Whether no other process serves this venue right now."""

    def single(self) -> bool:
        """Whether this process is the venue's only one by design (no cluster at all)."""

    async def claim(self, person_id: str) -> bool:
        """A person present through another (or a gone) process connects here: serve them
        with their place intact. False when they are not present anywhere."""

    def collect(self, events: Sequence[Event]) -> None:
        """Presence events of this process's people, for the others' replicas."""

    async def tell(self, message: PeerMessage) -> None:
        """Ask the other processes to carry something out for the people they serve."""


class SingleProcess:
    """One process serves everyone: it owns everybody, leads, and tells nobody."""

    def owns(self, person_id: str) -> bool:
        return True

    def leads(self) -> bool:
        return True

    def alone(self) -> bool:
        return True

    def single(self) -> bool:
        return True

    async def claim(self, person_id: str) -> bool:
        return False

    def collect(self, events: Sequence[Event]) -> None:
        return None

    async def tell(self, message: PeerMessage) -> None:
        return None
