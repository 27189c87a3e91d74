"""What the other processes ask of this one, carried out by its live services."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from venue.live import Live
from venue.protocol.peers import (
    Announce,
    Call,
    CallDevices,
    Expel,
    Floor,
    Hello,
    Mute,
    PeerMessage,
    ProgrammeChanged,
    Relay,
)


def carrying_out(
    live: Live, relayed: Callable[[Relay], Awaitable[None]]
) -> Callable[[PeerMessage], Awaitable[None]]:
    """The handler of commands from other processes; `relayed` delivers relayed frames here."""

    async def carry_out(message: PeerMessage) -> None:
        match message:
            case Call(to=to, source=source, actor=actor):
                await live.conductor.call_here(to, source, actor)
            case Announce(note=note):
                await live.conductor.announced(note)
            case ProgrammeChanged():
                await live.conductor.reload()
            case Mute(p=person_id, m=muted):
                live.conversations.muted_here(person_id, muted)
            case Expel(p=person_id, ban=ban):
                await live.sessions.expelled(person_id, ban)
            case CallDevices():
                await live.calls.replicated(message)
            case Floor(space=space, p=speaker):
                live.stage.floor_here(space, speaker)
                if speaker is not None:
                    await live.movement.lower_hand(speaker)
                await live.calls.update()
            case Hello():  # after the cluster introduced our people to the new process
                await live.calls.introduce()
            case Relay():
                await relayed(message)

    return carry_out
