"""Speed networking live: rounds at the tables of a bar, started by a moderator.

Each round seats everyone in the space who has not opted out (`domain.networking.seat`:
shared interests, nobody met twice), moves them to their tables (whose conversations and
calls form from positions, as when people sit down themselves), warns 30 seconds before the
tables change, and tells each person where they sit and with whom. Whoever arrives during a
round is seated at the next; whoever waited for want of a seat is seated first next time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from venue.clock import Clock
from venue.domain.errors import Code, DomainError
from venue.domain.groups import table_capacity
from venue.domain.interests import Profile
from venue.domain.maps import AreaKind
from venue.domain.networking import Pair, Seating, Table, seat
from venue.domain.permissions import Actor
from venue.domain.presence import Presence
from venue.domain.venue import Space, SpaceKind
from venue.live.audit import AuditLog
from venue.live.movement import Movement
from venue.live.ports import Ownership, Publisher
from venue.protocol.chat import MemberOut
from venue.protocol.networking import (
    InterestOut,
    NetworkingConsoleOut,
    NetworkingStateOut,
    NetworkingWarningOut,
    NetworkingYouOut,
    PartnerOut,
    ProfileOut,
    RoundOut,
    TableOut,
)
from venue.protocol.presence import TextOut
from venue.store.db import Store

WARNING = dt.timedelta(seconds=30)


@dataclass
class _Round:
    started: dt.datetime
    seating: Seating


@dataclass
class _Session:
    """One speed-networking session: its settings and every round so far."""

    space: str
    minutes: int
    size: int
    rounds: int
    running: bool = True
    ends: dt.datetime | None = None
    warned: bool = False
    met: set[Pair] = field(default_factory=set)
    history: list[_Round] = field(default_factory=list)
    waited: set[str] = field(default_factory=set)  # no seat last round: seated first
    profiles: dict[str, Profile] = field(default_factory=dict)  # of those seated
    names: dict[str, str] = field(default_factory=dict)  # for the console, after they leave


class Networking:
    """The speed-networking session of the venue (one at a time) and who opted out."""

    def __init__(
        self,
        presence: Presence,
        movement: Movement,
        publisher: Publisher,
        ownership: Ownership,
        store: Store,
        audit: AuditLog,
        clock: Clock,
    ) -> None:
        self._presence = presence
        self._movement = movement
        self._publisher = publisher
        self._ownership = ownership
        self._store = store
        self._audit = audit
        self._clock = clock
        self.session: _Session | None = None
        self.paused: set[str] = set()

    # -- moderators ----------------------------------------------------------

    async def start(
        self, actor: Actor, space_id: str | None, minutes: int, size: int, rounds: int
    ) -> NetworkingStateOut:
        """Begin the first round now."""
        if self.session is not None and self.session.running:
            raise DomainError(Code.NETWORKING_RUNNING, "Speed networking is running already.")
        if not self._ownership.alone():
            # the session moves people; those another process serves would not follow
            raise DomainError(Code.NETWORKING_CLUSTER, "Other processes serve the venue now.")
        space = self._space(space_id)
        self.session = _Session(space.id, minutes, size, rounds)
        detail = f"{space.id}: {rounds} rounds of {minutes} min, groups of {size}"
        await self._audit.record(actor, "networking.start", detail)
        await self._next_round()
        return self.state_out()

    async def stop(self, actor: Actor) -> None:
        """End the session now; people stay where they sit and may talk on."""
        session = self.session
        if session is None or not session.running:
            raise DomainError(Code.NETWORKING_IDLE, "No speed networking is running.")
        session.running = False
        await self._audit.record(actor, "networking.stop", f"after round {len(session.history)}")
        await self._publisher.to_everyone(self.state_out(), relay=True)

    def _space(self, space_id: str | None) -> Space:
        venue = self._presence.venue
        if space_id is None:
            bars = [s for s in venue.spaces.values() if s.kind is SpaceKind.BAR]
            space_id = bars[0].id if bars else venue.lobby
        space = venue.space(space_id)
        if not space.map.areas_of(AreaKind.TABLE):
            raise DomainError(Code.NETWORKING_NO_TABLES, f"{space.name.en} has no tables.")
        return space

    # -- the clock -----------------------------------------------------------

    async def tick(self) -> None:
        """Warn before the tables change, and change them when a round is over."""
        session = self.session
        if session is None or not session.running or session.ends is None:
            return
        now = self._clock.now()
        if not session.warned and now >= session.ends - WARNING:
            session.warned = True
            last = len(session.history) >= session.rounds
            warning = NetworkingWarningOut(
                round=len(session.history),
                seconds=max(0, round((session.ends - now).total_seconds())),
                last=last,
            )
            await self._publisher.to_people(self._taking_part(session), warning, relay=True)
        if now < session.ends:
            return
        if len(session.history) >= session.rounds:
            session.running = False
            await self._publisher.to_everyone(self.state_out(), relay=True)
        else:
            await self._next_round()

    async def _next_round(self) -> None:
        session = self.session
        assert session is not None, "only while a session runs"
        now = self._clock.now()
        session.ends = now + dt.timedelta(minutes=session.minutes)
        session.warned = False
        # stable sort: those who waited first, then in the order they came
        people = sorted(self._taking_part(session), key=lambda pid: pid not in session.waited)
        profiles = await self._store.interests.of(people)
        tags = {pid: frozenset(p.tags) for pid, p in profiles.items()}
        tables = self._tables(session.space)
        # a crowd takes a few tenths of a second to seat: beside the event loop, not on it
        seating = await asyncio.to_thread(
            seat, people, tags, set(session.met), session.size, tables, len(session.history)
        )
        events = self._presence.seat_groups(session.space, seating.tables, self._clock.monotonic())
        await self._movement.publish(events)
        session.met |= seating.pairs()
        session.waited = set(seating.waiting)
        session.profiles = profiles
        session.names |= {pid: self._name(pid) for pid in people}
        session.history.append(_Round(now, seating))
        await self._publisher.to_everyone(self.state_out(), relay=True)
        for person in self._presence.roster(session.space):
            await self._publisher.to_people([person.id], self.you_out(person.id), relay=True)

    def _taking_part(self, session: _Session) -> list[str]:
        """Everyone in the session's space who has not opted out, in the order they came."""
        return [p.id for p in self._presence.roster(session.space) if p.id not in self.paused]

    def _tables(self, space_id: str) -> list[Table]:
        tables = self._presence.venue.space(space_id).map.areas_of(AreaKind.TABLE)
        return [Table(a.name, table_capacity(a)) for a in tables]

    # -- participants --------------------------------------------------------

    async def pause(self, person_id: str, paused: bool) -> NetworkingYouOut:
        """Opt out from the next round on (one may walk away at once), or back in."""
        self._presence.require(person_id)
        (self.paused.add if paused else self.paused.discard)(person_id)
        return self.you_out(person_id)

    def you_out(self, person_id: str) -> NetworkingYouOut:
        """One's place in the current round."""
        session = self.session
        paused = person_id in self.paused
        if session is None or not session.history:
            return NetworkingYouOut(round=0, paused=paused)
        current = session.history[-1].seating
        table = next((t for t, group in current.tables.items() if person_id in group), None)
        if table is None:
            return NetworkingYouOut(round=len(session.history), waiting=True, paused=paused)
        mine = session.profiles.get(person_id, Profile())
        partners = [
            PartnerOut(id=pid, name=self._name(pid), shared=self._shared(mine, pid))
            for pid in current.tables[table]
            if pid != person_id
        ]
        return NetworkingYouOut(
            round=len(session.history),
            table=table,
            label=self._label(session.space, table),
            partners=partners,
            paused=paused,
        )

    def _label(self, space_id: str, table: str) -> str:
        """A table's name on the map (its `table` property), else its area's name."""
        area = self._presence.venue.space(space_id).map.area(table, AreaKind.TABLE)
        label = area.properties.get("table") if area else None
        return label if isinstance(label, str) else table

    def _shared(self, mine: Profile, other: str) -> list[InterestOut]:
        """Interests both chose, only if the other agreed to show theirs."""
        theirs = self.session.profiles.get(other) if self.session else None
        if theirs is None or not theirs.visible:
            return []
        return self._interests(tag for tag in mine.tags if tag in theirs.tags)

    def _interests(self, tags: Iterable[str]) -> list[InterestOut]:
        """Tags with their names (a tag the manifest dropped since is left out)."""
        names = {i.id: i.name for i in self._presence.venue.interests}
        return [
            InterestOut(id=tag, name=TextOut(de=names[tag].de, en=names[tag].en))
            for tag in tags
            if tag in names
        ]

    async def profile(self, person_id: str) -> ProfileOut:
        """A person's interests for their card: empty unless they agreed to show them."""
        if await self._store.participants.get(person_id) is None:
            raise DomainError(Code.PERSON_UNKNOWN, "Nobody with that id is registered.")
        profile = await self._store.interests.get(person_id)
        if not profile.visible:
            return ProfileOut(person=person_id, interests=[], offer="", seeking="")
        return ProfileOut(
            person=person_id,
            interests=self._interests(profile.tags),
            offer=profile.offer,
            seeking=profile.seeking,
        )

    # -- what people and moderators see ---------------------------------------

    def state_out(self) -> NetworkingStateOut:
        session = self.session
        if session is None:
            return NetworkingStateOut(running=False)
        return NetworkingStateOut(
            running=session.running,
            space=session.space,
            round=len(session.history),
            rounds=session.rounds,
            minutes=session.minutes,
            size=session.size,
            ends=session.ends.isoformat() if session.ends and session.running else None,
        )

    def console_out(self) -> NetworkingConsoleOut | None:
        """The rounds so far and who sat where, for the moderators' console."""
        session = self.session
        if session is None:
            return None

        def members(ids: tuple[str, ...] | list[str]) -> list[MemberOut]:
            return [MemberOut(id=pid, name=session.names.get(pid, self._name(pid))) for pid in ids]

        return NetworkingConsoleOut(
            state=self.state_out(),
            rounds=[
                RoundOut(
                    round=number,
                    started=r.started.isoformat(),
                    tables=[
                        TableOut(table=t, label=self._label(session.space, t), people=members(g))
                        for t, g in r.seating.tables.items()
                    ],
                    waiting=members(r.seating.waiting),
                )
                for number, r in enumerate(session.history, start=1)
            ],
            paused=members(sorted(self.paused)),
        )

    def _name(self, person_id: str) -> str:
        person = self._presence.get(person_id)
        return person.name if person else "?"
