"""The running venue: its stateful services, built once with explicit collaborators.

The domain decides, the store remembers, and the live services hold what is happening now
(presence, the programme day, booths, conversations, the console, who comes and goes).
They reach people through the `Publisher` port and the other processes through the
`Ownership` port; they know no transport.
"""

from __future__ import annotations

from dataclasses import dataclass

from venue.clock import Clock
from venue.domain.day import Day
from venue.domain.groups import GroupRules
from venue.domain.presence import Presence
from venue.live.attendance import LiveAttendance
from venue.live.audit import AuditLog
from venue.live.booths import LiveBooths
from venue.live.calls import IceSettings, LiveCalls
from venue.live.conductor import Conductor
from venue.live.console import Console
from venue.live.contacts import LiveContacts
from venue.live.conversations import Conversations
from venue.live.feedback import LiveFeedback
from venue.live.groups import LiveGroups
from venue.live.movement import Movement
from venue.live.networking import Networking
from venue.live.ports import Ownership, Publisher
from venue.live.sessions import Sessions
from venue.live.stage import LiveStage
from venue.settings import Settings
from venue.store.db import Store


@dataclass(frozen=True)
class Live:
    """Every live service of one venue."""

    presence: Presence
    clock: Clock
    movement: Movement
    conductor: Conductor
    booths: LiveBooths
    groups: LiveGroups
    calls: LiveCalls
    conversations: Conversations
    console: Console
    networking: Networking
    sessions: Sessions
    audit: AuditLog
    contacts: LiveContacts
    feedback: LiveFeedback
    attendance: LiveAttendance
    stage: LiveStage

    @classmethod
    def build(
        cls,
        settings: Settings,
        presence: Presence,
        store: Store,
        clock: Clock,
        publisher: Publisher,
        ownership: Ownership,
    ) -> Live:
        day = Day(presence.venue)
        audit = AuditLog(presence, store)
        booths = LiveBooths(presence, day, store, publisher, ownership, clock)
        groups = LiveGroups(
            presence, publisher, GroupRules(settings.group_distance, settings.group_size)
        )
        conversations = Conversations(presence, store, publisher, ownership, audit, groups)
        stage = LiveStage(presence, day, store, publisher, ownership, conversations, audit, clock)
        observers = [booths.observe, stage.observe]
        movement = Movement(presence, publisher, ownership, store, clock, observers)
        conductor = Conductor(day, movement, publisher, ownership, store, audit, clock)
        calls = LiveCalls(
            presence,
            publisher,
            ownership,
            groups.groups,
            lambda: booths.booths.conversations.values(),
            stage.gatherings,
            audit,
            settings.av_max_peers,
            IceSettings(
                stun=settings.av_ice_servers,
                turn=settings.av_turn_urls,
                secret=settings.av_turn_secret,
                ttl=settings.av_turn_ttl,
                relay_only=settings.av_relay_only,
            ),
        )
        grace = settings.disconnect_grace
        networking = Networking(presence, movement, publisher, ownership, store, audit, clock)
        return cls(
            presence=presence,
            clock=clock,
            movement=movement,
            conductor=conductor,
            booths=booths,
            groups=groups,
            calls=calls,
            conversations=conversations,
            console=Console(conductor, audit, publisher, calls, networking),
            networking=networking,
            sessions=Sessions(
                movement, conductor, booths, publisher, ownership, store, audit, clock, grace
            ),
            audit=audit,
            contacts=LiveContacts(store, publisher, clock),
            feedback=LiveFeedback(day, presence, publisher, ownership, store, clock),
            attendance=LiveAttendance(presence, day, store, ownership, clock, booths.booths.where),
            stage=stage,
        )

    async def load(self) -> None:
        """What the store remembers of today: the programme's state, booths, mutes."""
        await self.conductor.load()
        await self.booths.load()
        await self.conversations.load()
        await self.sessions.load()
        self.feedback.load()

    async def close(self) -> None:
        await self.attendance.close()  # while presence still shows who is here
        await self.sessions.close()
        await self.booths.close()
