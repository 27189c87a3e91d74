"""The hot encodings: a space's tick frame and snapshots, written with orjson.

Every tick sends one frame per space, and a transition one snapshot per moved person. Building
a pydantic model per move and per person cost more than the encoding itself; here the same
JSON is written from plain values (`benchmarks/hot_encoding.py`: before/after figures).
`TickOut` and `SpaceSnapshotOut` in `venue.protocol` stay the documented shapes;
`tests/realtime/test_frames.py` proves both encodings give the same JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from venue.domain.looks import Emote
from venue.domain.people import Person, Status
from venue.protocol.base import Outbound

TICK = f'2["{Outbound.TICK.value}",'
SNAPSHOT = f'2["{Outbound.SNAPSHOT.value}",'


def person_json(person: Person) -> dict[str, Any]:
    """A person as `PersonOut` shows them."""
    return {
        "id": person.id,
        "name": person.name,
        "role": person.role,
        "space": person.space,
        "x": person.x,
        "y": person.y,
        "status": person.status,
        "look": person.look,
        "hand": person.hand,
    }


def people_json(people: Iterable[Person]) -> str:
    """A JSON list of people, encoded once (a roster shared by many snapshots)."""
    return orjson.dumps([person_json(p) for p in people]).decode()


def snapshot_text(space: str, me: Person, roster: str) -> str:
    """A `space.snapshot` Socket.IO packet: one's space with everyone (`roster`) in it."""
    me_json = orjson.dumps(person_json(me)).decode()
    return f'{SNAPSHOT}{{"space":{orjson.dumps(space).decode()},"me":{me_json},"people":{roster}}}]'


@dataclass(slots=True)
class TickFrame:
    """What changed in one space since the last tick; the latest value per person wins."""

    moves: dict[str, tuple[int, int]] = field(default_factory=dict)
    arrived: dict[str, Person] = field(default_factory=dict)
    departed: dict[str, str | None] = field(default_factory=dict)
    status: dict[str, Status] = field(default_factory=dict)
    looks: dict[str, str] = field(default_factory=dict)
    emotes: list[tuple[str, Emote]] = field(default_factory=list)  # every one, in order
    # a transition sent these people a snapshot of the space showing `shown`: the frame need
    # not tell them those arrivals again (a transition of 400 would double its bytes)
    snapshotted: set[str] = field(default_factory=set)
    shown: frozenset[str] = frozenset()
    snapshots: int = 0

    def news_for(self, known: frozenset[str]) -> bool:
        """Whether the frame tells anything to someone who already knows the people `known`."""
        if self.moves or self.departed or self.status or self.looks or self.emotes:
            return True
        return any(pid not in known for pid in self.arrived)

    def text(self, space: str, known: frozenset[str] = frozenset()) -> str:
        """The `space.tick` Socket.IO packet, leaving out the arrivals of people in `known`."""
        arrived = [person_json(p) for pid, p in self.arrived.items() if pid not in known]
        body = {
            "space": space,
            "moves": [{"id": pid, "x": x, "y": y} for pid, (x, y) in self.moves.items()],
            "arrived": arrived,
            "departed": [{"id": pid, "to": to} for pid, to in self.departed.items()],
            "status": [{"id": pid, "status": s} for pid, s in self.status.items()],
            "looks": [{"id": pid, "look": look} for pid, look in self.looks.items()],
            "emotes": [{"id": pid, "emote": emote} for pid, emote in self.emotes],
        }
        return f"{TICK}{orjson.dumps(body).decode()}]"
