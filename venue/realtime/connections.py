"""Which Socket.IO connections belong to which person, and each person's rate limits."""

from __future__ import annotations

from dataclasses import dataclass, field

from venue.domain.limits import TokenBucket
from venue.domain.permissions import Actor

# Seconds a person's limits and strikes outlive their last tab: reconnecting must not refill
# the buckets (connect, 18 messages, disconnect, repeat sustained 64 messages a second).
LIMITS_KEPT = 60.0
SIGNALS_PER_SECOND = 20.0


@dataclass(slots=True)
class Limits:
    """Per person, not per connection: more tabs must not mean more events."""

    moves: TokenBucket
    events: TokenBucket
    signals: TokenBucket
    strikes: int = 0

    @property
    def last_used(self) -> float:
        return max(self.moves.stamp, self.events.stamp, self.signals.stamp)

    def bucket(self, movement: bool, signalling: bool) -> TokenBucket:
        return self.moves if movement else self.signals if signalling else self.events


@dataclass(slots=True)
class Connection:
    sid: str
    actor: Actor
    limits: Limits
    hidden: bool = False  # the tab is in the background

    @property
    def person_id(self) -> str:
        return self.actor.id


@dataclass(slots=True)
class _Tabs:
    """One person's connections and the limits they share."""

    limits: Limits
    sids: set[str] = field(default_factory=set)


class Connections:
    """A person may have several connections (tabs); presence is per person."""

    def __init__(
        self,
        moves_per_second: float,
        events_per_second: float,
        signals_per_second: float = SIGNALS_PER_SECOND,
    ) -> None:
        self._moves_rate = moves_per_second
        self._events_rate = events_per_second
        self._signals_rate = signals_per_second
        self._by_sid: dict[str, Connection] = {}
        self._people: dict[str, _Tabs] = {}
        self._gone: dict[str, Limits] = {}  # person → limits, since their last tab closed

    def add(self, sid: str, actor: Actor, now: float) -> Connection:
        person = self._people.get(actor.id)
        if person is None:
            self._forget_gone(now)
            limits = self._gone.pop(actor.id, None) or Limits(
                TokenBucket(self._moves_rate, self._moves_rate, stamp=now),
                TokenBucket(self._events_rate, 2 * self._events_rate, stamp=now),
                # joining a call of six trickles ~50 candidates at once, then almost nothing
                TokenBucket(self._signals_rate, 5 * self._signals_rate, stamp=now),
            )
            person = self._people[actor.id] = _Tabs(limits)
        person.sids.add(sid)
        conn = self._by_sid[sid] = Connection(sid, actor, person.limits)
        return conn

    def remove(self, sid: str) -> Connection | None:
        conn = self._by_sid.pop(sid, None)
        if conn is not None:
            person = self._people[conn.person_id]
            person.sids.discard(sid)
            if not person.sids:
                del self._people[conn.person_id]
                self._gone[conn.person_id] = person.limits
        return conn

    def _forget_gone(self, now: float) -> None:
        """Drop the limits of people gone for longer than LIMITS_KEPT (oldest first)."""
        while self._gone:
            person_id, limits = next(iter(self._gone.items()))
            if now - limits.last_used < LIMITS_KEPT:
                break
            del self._gone[person_id]

    def get(self, sid: str) -> Connection | None:
        return self._by_sid.get(sid)

    def of_person(self, person_id: str) -> list[Connection]:
        person = self._people.get(person_id)
        return [] if person is None else [self._by_sid[sid] for sid in person.sids]

    def all_hidden(self, person_id: str) -> bool:
        """Whether the person has tabs here and every one of them is in the background."""
        tabs = self.of_person(person_id)
        return bool(tabs) and all(tab.hidden for tab in tabs)

    def count(self, person_id: str) -> int:
        person = self._people.get(person_id)
        return 0 if person is None else len(person.sids)

    def __len__(self) -> int:
        return len(self._by_sid)
