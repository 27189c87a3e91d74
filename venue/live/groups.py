"""Nearby groups live: who talks with whom, recomputed as people walk.

Groups are recomputed once per tick for the spaces where someone moved, arrived or left
(never per move and recipient, GUIDE §4); each changed group's update is encoded once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from venue.clock import utcnow
from venue.domain.groups import Group, GroupChange, GroupRules, Groups
from venue.domain.presence import Presence
from venue.live.ports import Publisher
from venue.protocol.chat import GroupUpdateOut, MemberOut


class LiveGroups:
    """The nearby groups and table groups of every space."""

    def __init__(self, presence: Presence, publisher: Publisher, rules: GroupRules) -> None:
        self._presence = presence
        self._publisher = publisher
        self.groups = Groups(rules)
        self._names: dict[str, str] = {}
        # (channel, person) → when they joined that group or table: they read from then on
        self._since: dict[tuple[str, str], dt.datetime] = {}

    def joined_at(self, channel: str, person_id: str) -> dt.datetime | None:
        """When someone joined the group or table of `channel` (None: not known here)."""
        return self._since.get((channel, person_id))

    async def regroup(self, spaces: Iterable[str]) -> None:
        """Recompute the groups of the spaces that changed this tick and tell those concerned."""
        presence = self._presence
        for space_id in spaces:
            space = presence.venue.spaces.get(space_id)
            if space is None:
                continue
            roster = presence.roster(space_id)
            for person in roster:
                self._names[person.id] = person.name
            # nobody is put in a conversation merely by arriving: only after a step of their own
            positions = {p.id: (p.x, p.y) for p in roster if presence.settled(p.id)}
            changes = self.groups.recompute(space_id, space.map, positions)
            if changes:
                await self._announce(space_id, changes)

    async def _announce(self, space_id: str, changes: list[GroupChange]) -> None:
        now = utcnow()
        for change in changes:
            channel = change.group.channel
            for pid in change.left:
                self._since.pop((channel, pid), None)
            for pid in change.joined:
                self._since[(channel, pid)] = now
        told: set[str] = set()
        to_people = self._publisher.to_people
        for change in changes:
            group = change.group
            if group.members:
                out = self._group_out(space_id, group, change.joined, change.left)
                await to_people(sorted(group.members), out)
                told |= group.members
        for change in changes:
            alone = sorted(pid for pid in change.left if pid not in told)
            if alone:
                out = GroupUpdateOut(
                    space=space_id,
                    group=None,
                    channel=None,
                    table=None,
                    members=[],
                    joined=[],
                    left=self._members(alone),
                )
                await to_people(alone, out)
                told.update(alone)

    def group_now(self, person_id: str) -> GroupUpdateOut:
        """One's group as it is (for someone who just connected)."""
        person = self._presence.require(person_id)
        group = self.groups.of(person.space, person_id)
        if group is None:
            return GroupUpdateOut(
                space=person.space,
                group=None,
                channel=None,
                table=None,
                members=[],
                joined=[],
                left=[],
            )
        return self._group_out(person.space, group, frozenset(), frozenset())

    def _group_out(
        self, space_id: str, group: Group, joined: Iterable[str], left: Iterable[str]
    ) -> GroupUpdateOut:
        return GroupUpdateOut(
            space=space_id,
            group=group.id,
            channel=group.channel,
            table=group.table,
            members=self._members(sorted(group.members)),
            joined=self._members(sorted(joined)),
            left=self._members(sorted(left)),
        )

    def _members(self, ids: Iterable[str]) -> list[MemberOut]:
        return [MemberOut(id=pid, name=self._names.get(pid, "?")) for pid in ids]
