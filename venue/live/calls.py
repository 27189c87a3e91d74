"""Calls live: whom each person connects audio and video to, and the signals between them.

The links are planned (`domain.calls.plan`) from the groups, tables and accepted booth
conversations after every regrouping; each person whose peers changed gets one `call.peers`.
Every process plans the same links from the same replicated presence and tells its own
people; a signal is checked where its sender is served and relayed to wherever its target is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from venue.clock import utcnow
from venue.domain.booths import Conversation
from venue.domain.calls import (
    BOOTH_CALL,
    Gathering,
    Plan,
    SignalKind,
    check_signal,
    plan,
    turn_credentials,
)
from venue.domain.errors import Code, DomainError
from venue.domain.groups import Groups
from venue.domain.maps import AreaKind
from venue.domain.people import Status
from venue.domain.permissions import Actor, Permission, allowed
from venue.domain.presence import Presence
from venue.live.audit import AuditLog
from venue.live.ports import Ownership, Publisher
from venue.protocol.calls import (
    CallOut,
    CallPeerOut,
    CallPeersOut,
    CallSignalIn,
    CallSignalOut,
    CallStateOut,
    IceOut,
    IcePolicy,
    IceServerOut,
)
from venue.protocol.chat import MemberOut
from venue.protocol.peers import CallDevices


@dataclass(frozen=True)
class IceSettings:
    """Where browsers find STUN and TURN, and the TURN REST secret shared with coturn."""

    stun: list[str] = field(default_factory=list)
    turn: list[str] = field(default_factory=list)
    secret: str = ""
    ttl: int = 43_200
    relay_only: bool = False


@dataclass(slots=True)
class _Devices:
    on: bool = False  # takes part in calls (clicked to start them)
    mic: bool = False
    camera: bool = False


class LiveCalls:
    """Who is linked with whom, their microphones and cameras, and held microphones."""

    def __init__(
        self,
        presence: Presence,
        publisher: Publisher,
        ownership: Ownership,
        groups: Groups,
        conversations: Callable[[], Iterable[Conversation]],
        stages: Callable[[], Iterable[Gathering]],
        audit: AuditLog,
        max_peers: int,
        ice: IceSettings,
    ) -> None:
        self._presence = presence
        self._publisher = publisher
        self._ownership = ownership
        self._groups = groups
        self._conversations = conversations
        self._stages = stages  # a speaker called on and the space's moderators
        self._audit = audit
        self._max_peers = max_peers
        self._ice = ice
        self.peers: Plan = {}
        self.held: set[str] = set()
        self._devices: dict[str, _Devices] = {}
        self._been_here: set[str] = set()  # people with devices seen present (see update)
        self.signals = 0  # relayed, for /metrics and the benchmark

    # -- planning ------------------------------------------------------------

    async def update(self) -> None:
        """Plan the links again; tell everyone whose peers changed."""
        gatherings = [Gathering(g.channel, g.members) for g in self._groups.all()]
        for conv in self._conversations():
            members = frozenset((conv.visitor_id, conv.staff_id))
            gatherings.append(Gathering(f"{BOOTH_CALL}{conv.id}", members, booth=True))
        gatherings.extend(self._stages())
        busy: set[str] = set()
        silent: set[str] = set()
        positions: dict[str, tuple[int, int]] = {}
        for pid in {pid for g in gatherings for pid in g.members}:
            person = self._presence.get(pid)
            if person is None:
                silent.add(pid)  # gone: no call
                continue
            positions[pid] = (person.x, person.y)
            devices = self._devices.get(pid)
            if devices is None or not devices.on:
                silent.add(pid)  # nothing starts before one's own click
            if person.status is Status.BUSY:
                busy.add(pid)
            if self._in_silence(person.space, person.x, person.y):
                silent.add(pid)
        new = plan(gatherings, positions, busy, silent, self._max_peers)
        old, self.peers = self.peers, new
        for pid in sorted(old.keys() | new.keys()):
            if old.get(pid) != new.get(pid):
                await self._publisher.to_people([pid], self.peers_now(pid))
        self._forget_the_gone()

    def _forget_the_gone(self) -> None:
        """Whoever left the venue starts a new visit with a click again. Another process's
        word on its person may come before the frame in which they arrive: that is kept until
        they have been here (else they would be silent here for the rest of their visit)."""
        for pid in list(self._devices):
            if self._presence.get(pid) is not None:
                self._been_here.add(pid)
            elif pid in self._been_here or self._ownership.owns(pid):
                del self._devices[pid]
                self._been_here.discard(pid)

    def _in_silence(self, space: str, x: int, y: int) -> bool:
        spec = self._presence.venue.spaces.get(space)
        return spec is not None and any(a.kind is AreaKind.SILENT for a in spec.map.areas_at(x, y))

    def peers_now(self, person_id: str) -> CallPeersOut:
        """One's peers as they are (sent on every change and to a connection that opens)."""
        links = self.peers.get(person_id, {})
        return CallPeersOut(
            peers=[self._peer_out(pid, call) for pid, call in sorted(links.items())],
            held=person_id in self.held,
        )

    def _peer_out(self, pid: str, call: str) -> CallPeerOut:
        devices = self._devices.get(pid, _Devices())
        return CallPeerOut(
            id=pid,
            name=self._name(pid),
            call=call,
            mic=devices.mic and pid not in self.held,
            camera=devices.camera,
            held=pid in self.held,
        )

    # -- what people do ----------------------------------------------------

    async def signal(self, sender: str, payload: CallSignalIn) -> None:
        """Relay an offer, answer or candidate along a link the server made, to any process."""
        body = payload.candidate if payload.kind is SignalKind.CANDIDATE else payload.sdp
        check_signal(self.peers.get(sender, {}), payload.to, payload.call, payload.kind, body)
        out = CallSignalOut(
            sender=sender,
            call=payload.call,
            kind=payload.kind,
            sdp=payload.sdp,
            candidate=payload.candidate,
            mid=payload.mid,
            line=payload.line,
        )
        self.signals += 1
        await self._publisher.to_people([payload.to], out, relay=True)

    async def set_devices(self, person_id: str, on: bool, mic: bool, camera: bool) -> None:
        """One takes part in calls or not, with microphone and camera on or off; the linked
        people see it, and links follow at the next planning."""
        if mic and person_id in self.held:
            raise DomainError(Code.CALL_MIC_HELD, "A moderator has muted your microphone.")
        self._devices[person_id] = _Devices(on, mic and on, camera and on)
        await self._tell_state(person_id)
        await self._replicate(person_id)

    async def hold(self, actor: Actor, person_id: str, held: bool) -> None:
        """A moderator mutes (or releases) a person's microphone in every call."""
        person = self._presence.get(person_id)
        if person is None:
            raise DomainError(Code.PERSON_UNKNOWN, "Nobody with that id is in the venue.")
        if allowed(Actor(person.id, person.role), Permission.MODERATE):
            raise DomainError(Code.AUTH_FORBIDDEN, "Moderators cannot mute each other.")
        (self.held.add if held else self.held.discard)(person_id)
        if held:
            self._devices.setdefault(person_id, _Devices()).mic = False
        await self._tell_state(person_id)
        await self._replicate(person_id)
        action = "mic hold" if held else "mic release"
        await self._audit.record(actor, action, self._audit.ref(person_id))

    async def replicated(self, message: CallDevices) -> None:
        """Another process's word on one of its people (or a hold its moderator decided)."""
        self._devices[message.p] = _Devices(message.on, message.mic, message.cam)
        (self.held.add if message.held else self.held.discard)(message.p)
        await self._tell_state(message.p)

    async def introduce(self) -> None:
        """A process (re)started: tell it how the people served here take part in calls."""
        for pid in list(self._devices):
            if self._ownership.owns(pid) and self._presence.get(pid) is not None:
                await self._replicate(pid)

    async def _replicate(self, person_id: str) -> None:
        if self._ownership.single():
            return
        devices = self._devices.get(person_id, _Devices())
        held = person_id in self.held
        await self._ownership.tell(
            CallDevices(p=person_id, on=devices.on, mic=devices.mic, cam=devices.camera, held=held)
        )

    async def _tell_state(self, person_id: str) -> None:
        devices = self._devices.get(person_id, _Devices())
        out = CallStateOut(
            person=person_id, mic=devices.mic, camera=devices.camera, held=person_id in self.held
        )
        await self._publisher.to_people([person_id, *self.peers.get(person_id, {})], out)

    def ice(self, person_id: str) -> IceOut:
        """STUN servers, and TURN servers with credentials for this person only."""
        ice = self._ice
        expires = int(utcnow().timestamp()) + ice.ttl
        servers = [IceServerOut(urls=ice.stun)] if ice.stun else []
        if ice.turn and ice.secret:
            username, credential = turn_credentials(ice.secret, person_id, expires)
            servers.append(IceServerOut(urls=ice.turn, username=username, credential=credential))
        return IceOut(
            servers=servers,
            expires=expires,
            policy=IcePolicy.RELAY if ice.relay_only else IcePolicy.ALL,
        )

    def links(self) -> int:
        """How many links (peer connections between two people) the calls hold now."""
        return sum(len(links) for links in self.peers.values()) // 2

    # -- the console -------------------------------------------------------

    def calls_out(self) -> list[CallOut]:
        """Every call with the people linked in it, for the moderators' console."""
        calls: dict[str, set[str]] = {}
        for pid, links in self.peers.items():
            for call in links.values():
                calls.setdefault(call, set()).add(pid)
        return [
            CallOut(
                call=call,
                people=[MemberOut(id=p, name=self._name(p)) for p in sorted(who)],
                held=sorted(who & self.held),
            )
            for call, who in sorted(calls.items())
        ]

    def _name(self, pid: str) -> str:
        person = self._presence.get(pid)
        return person.name if person else "?"
