"""Domain values as wire payloads: people, spaces, a space's snapshot."""

from __future__ import annotations

from venue.domain.people import Person
from venue.domain.presence import Presence
from venue.domain.venue import Space
from venue.protocol.presence import MeetingAreaOut, PersonOut, SpaceOut, SpaceSnapshotOut, TextOut


def person_out(person: Person) -> PersonOut:
    return PersonOut(
        id=person.id,
        name=person.name,
        role=person.role,
        space=person.space,
        x=person.x,
        y=person.y,
        status=person.status,
        look=person.look,
        hand=person.hand,
    )


def space_list(presence: Presence) -> list[SpaceOut]:
    """Every space of the venue with how many people are in it now."""
    counts = presence.counts()
    return [
        SpaceOut(
            id=s.id,
            kind=s.kind,
            name=TextOut(de=s.name.de, en=s.name.en),
            capacity=s.capacity,
            count=counts[s.id],
            map_url=f"/maps/{s.id}.json",
            meeting=s.meeting,
            meetings=meeting_areas(s),
        )
        for s in presence.venue.spaces.values()
    ]


def meeting_areas(space: Space) -> list[MeetingAreaOut]:
    return [
        MeetingAreaOut(
            area=a.name,
            x=int(a.rect.x),
            y=int(a.rect.y),
            w=int(a.rect.w),
            h=int(a.rect.h),
            url=a.meeting,
        )
        for a in space.map.areas
        if a.meeting is not None
    ]


def snapshot_of(presence: Presence, person_id: str) -> SpaceSnapshotOut:
    """The space a person is in, with everyone there."""
    me = presence.require(person_id)
    return SpaceSnapshotOut(
        space=me.space,
        me=person_out(me),
        people=[person_out(p) for p in presence.roster(me.space)],
    )
